"""The README's promises: the demo finds the real number of versions in the bundled data,
and `tracker run` exits 1 when a document fails while still tracking the others."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from tracker.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def bundled_snapshot_counts() -> dict[str, int]:
    counts = {}
    for folder in (ROOT / "data" / "demo").iterdir():
        if folder.is_dir():
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            counts[folder.name.replace("__", "/")] = len(manifest["snapshots"])
    return counts


def test_demo_tracks_every_archived_version(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--registry",
            str(ROOT / "data" / "documents.toml"),
            "demo",
            "--snapshots",
            str(ROOT / "data" / "demo"),
            "--work-dir",
            str(tmp_path / "demo"),
        ],
    )
    assert result.exit_code == 0, result.output
    expected = bundled_snapshot_counts()
    assert expected == {"together-ai/privacy-policy": 3, "together-ai/terms-of-service": 5}
    for slug, versions in expected.items():
        row = next(line for line in result.output.splitlines() if line.startswith(slug))
        assert int(row.split()[1]) == versions, row
    assert "2 documents, 8 versions" in result.output
    digest = next(line for line in result.output.splitlines() if line.startswith("digest:"))
    path = Path(digest.split()[1])
    assert path.is_file() and path.parent == tmp_path / "demo" / "outbox"
    assert "Terms of Service" in path.read_text(encoding="utf-8")
    browse = result.output.strip().splitlines()[-2:]  # the demo ends with how to browse it
    database = tmp_path / "demo" / "tracker.db"
    assert browse[0] == f"browse:   tracker --database-url sqlite:///{database} serve"
    assert "http://127.0.0.1:8000/" in browse[1]


def test_run_command_exit_code_and_summary(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/ok").respond_with_data(
        "<main><h1>Terms</h1><p>You agree to these terms by using the service. We may change "
        "them at any time; when we do, we will post the new terms on this page and tell you "
        "by e-mail at least thirty days before they take effect.</p></main>",
        content_type="text/html",
    )
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    registry = tmp_path / "documents.toml"
    registry.write_text(
        f'[[documents]]\nslug = "a/ok"\nservice = "A"\ntype = "Terms"\n'
        f'url = "{httpserver.url_for("/ok")}"\n\n'
        f'[[documents]]\nslug = "a/gone"\nservice = "A"\ntype = "Privacy"\n'
        f'url = "{httpserver.url_for("/gone")}"\n',
        encoding="utf-8",
    )
    env = {
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
    }
    result = CliRunner().invoke(cli, ["--registry", str(registry), "run"], env=env)
    assert result.exit_code == 1, result.output
    assert "2 documents, 1 changed, 1 failed" in result.output
    assert (tmp_path / "data" / "tracker.db").is_file()
    assert list((tmp_path / "data" / "outbox").glob("digest-*.html"))


def test_run_unknown_document_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--registry", str(ROOT / "data" / "documents.toml"), "run", "--document", "x/y"],
        env={"TRACKER_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 2
    assert "unknown document 'x/y'" in result.output

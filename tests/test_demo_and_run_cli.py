"""The README's promises: the demo finds the real number of versions in the bundled data,
and `tracker run` exits 1 when a document fails while still tracking the others."""

from __future__ import annotations

import gc
import json
import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

import tracker.nightly
from tracker.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def bundled_snapshot_counts() -> dict[str, int]:
    counts = {}
    for folder in (ROOT / "data" / "demo").iterdir():
        if folder.is_dir():
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            counts[folder.name.replace("__", "/")] = len(manifest["snapshots"])
    return counts


def readme_query_examples() -> list[str]:
    """The README's ``$ tracker ...`` examples that read the history (a pipeline's first
    command)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line[2:].split("  #")[0].split(" | ")[0].strip() for line in readme.splitlines()]
    queries = ("show", "search", "quote", "facts", "history", "diff", "log", "clause", "verify")
    return [c for c in commands if c.startswith("tracker ") and c.split()[1] in queries]


def test_demo_then_the_commands_it_prints_and_the_readme_examples(tmp_path: Path) -> None:
    """`make demo` as a new user runs it: a fresh folder holding the shipped data, the demo,
    then the commands its last lines print and the README's examples, exactly as written."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("documents.toml", "rules.toml", "demo"):
        (data / name).symlink_to(ROOT / "data" / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    program = str(Path(sys.executable).parent / "tracker")

    def run(command: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    demo = run([program, "demo"])
    assert demo.returncode == 0, demo.stderr
    lines = demo.stdout.splitlines()
    expected = bundled_snapshot_counts()
    assert expected == {"together-ai/privacy-policy": 3, "together-ai/terms-of-service": 5}
    for slug, versions in expected.items():
        row = next(line for line in lines if line.startswith(slug))
        assert int(row.split()[1]) == versions, row
    assert "2 documents, 8 versions" in demo.stdout
    assert "database: data/demo-run/tracker.db" in lines
    digest = next(line for line in lines if line.startswith("digest:"))
    path = tmp_path / digest.split()[1]
    assert path.is_file() and path.parent == tmp_path / "data" / "demo-run" / "outbox"
    assert "Terms of Service" in path.read_text(encoding="utf-8")
    printed = lines[
        lines.index(next(x for x in lines if x.startswith("Explore the history"))) + 1 :
    ]
    assert printed == [
        f"  {program} history together-ai/terms-of-service",
        f"  {program} diff together-ai/terms-of-service",
        f"  {program} facts together-ai",
        f"  {program} log --severity high",
        f"  {program} serve",
        "  then open http://127.0.0.1:8000/ in a browser (Ctrl-C stops the server)",
    ]
    examples = [shlex.split(line) for line in printed[:-2]]  # not the server: it stays up
    examples += [[program, *shlex.split(c)[1:]] for c in readme_query_examples()]
    assert len(examples) >= 8
    for command in examples:
        result = run(command)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.strip(), command
        assert result.stderr.startswith("tracker: reading the demo's database data/demo-run/")
    # the documents' registered URLs everywhere, and the replay said where the URL is shown
    show = run([program, "show", "together-ai/terms-of-service", "--at", "2025-06-01"]).stdout
    source = next(line for line in show.splitlines() if line.startswith("source:"))
    assert source.split(None, 1)[1] == (
        "https://www.together.ai/terms-of-service "
        "(bytes replayed from an archived snapshot by tracker demo)"
    )
    assert source in (ROOT / "README.md").read_text(encoding="utf-8")  # as the README shows
    evidence = run([program, "export-evidence", "together-ai/privacy-policy", "1"])
    assert "retrieved from https://www.together.ai/privacy (bytes replayed" in evidence.stdout
    with sqlite3.connect(tmp_path / "data" / "demo-run" / "tracker.db") as database:
        # a fetch's url is NULL when it is its document's (migration 0014)
        urls = {
            u
            for (u,) in database.execute("SELECT url FROM fetches UNION SELECT url FROM documents")
            if u is not None
        }
        urls |= {
            u
            for (u,) in database.execute("SELECT coalesce(final_url, url) FROM fetches")
            if u is not None
        }
    assert urls == {"https://www.together.ai/privacy", "https://www.together.ai/terms-of-service"}
    assert "127.0.0.1" not in (tmp_path / "data" / "demo-run" / "feed.atom").read_text("utf-8")


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


def _collector_events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the command asks of the collector, recorded instead of done (the test process's
    collector is left alone)."""
    events: list[str] = []
    for name in ("freeze", "disable", "enable"):
        monkeypatch.setattr(gc, name, lambda name=name: events.append(name))
    return events


def test_run_freezes_what_it_started_with_before_the_night(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tracker run` (one night a process) moves what it holds once started out of the
    collector's reach before the night (gc.freeze), so full collections do not scan it; the
    collector is paused from the command's start (its imports, the registry, the rule set,
    the database opened) until then, and runs again during the night (issue 14)."""
    events = _collector_events(monkeypatch)
    real_run_nightly = tracker.nightly.run_nightly

    def run_nightly(*args: object, **kwargs: object) -> object:
        events.append("night")
        return real_run_nightly(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tracker.nightly, "run_nightly", run_nightly)
    httpserver.expect_request("/ok").respond_with_data(
        "<main><h1>Terms</h1><p>You agree to these terms by using the service. We may change "
        "them at any time; when we do, we will post the new terms on this page and tell you "
        "by e-mail at least thirty days before they take effect.</p></main>",
        content_type="text/html",
    )
    registry = tmp_path / "documents.toml"
    registry.write_text(
        f'[[documents]]\nslug = "a/ok"\nservice = "A"\ntype = "Terms"\n'
        f'url = "{httpserver.url_for("/ok")}"\n',
        encoding="utf-8",
    )
    env = {"TRACKER_DATA_DIR": str(tmp_path / "data")}
    result = CliRunner().invoke(cli, ["--registry", str(registry), "run", "--no-digest"], env=env)
    assert result.exit_code == 0, result.output
    assert events == ["disable", "freeze", "enable", "night", "enable"]


def test_run_ending_before_the_night_leaves_the_collector_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run refused before its night (here a usage error) resumes the collector it paused."""
    events = _collector_events(monkeypatch)
    result = CliRunner().invoke(
        cli,
        ["--registry", str(ROOT / "data" / "documents.toml"), "run", "--document", "x/y"],
        env={"TRACKER_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 2, result.output
    assert events == ["disable", "enable"]


def test_run_unknown_document_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--registry", str(ROOT / "data" / "documents.toml"), "run", "--document", "x/y"],
        env={"TRACKER_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 2
    assert "unknown document 'x/y'" in result.output

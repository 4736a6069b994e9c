"""Which database a command opens, and what it does when that is not a tracker database.

Only `tracker run`, `tracker demo` and `tracker db upgrade` start a history; every other
command given a missing or empty database says so and exits 4, creating nothing. A file that
is not a database is never written to. Global options may follow the subcommand. Output to a
closed pipe or an unusable path, and a read-only database, end with one line (or none).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from tests.conftest import BACKEND
from tracker.cli import cli
from tracker.cli.app import hoist_global_options
from tracker.clock import system_clock
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import load_settings
from tracker.store.database import open_database

ROOT = Path(__file__).resolve().parent.parent
RULES = str(ROOT / "data" / "rules.toml")
#: Commands that read (or write into) an existing history, with their arguments.
READERS = [
    ["history", "a/b"],
    ["show", "a/b"],
    ["diff", "a/b"],
    ["log"],
    ["search", "anything"],
    ["quote", "anything", "--document", "a/b"],
    ["clause", "1"],
    ["verify"],
    ["export", "--format", "csv"],
    ["export-evidence", "a/b", "1"],
    ["facts"],
    ["digest", "--dry-run"],
    ["feed", "--output", "-"],
    ["accept", "together-ai/terms-of-service"],
    ["db", "current"],
    ["check-claims", str(ROOT / "README.md")],
    ["subscriptions"],
    ["status"],
    ["serve", "--port", "0"],
]


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"TRACKER_RULES": RULES, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", READERS, ids=[a[0] + "-" + Path(a[-1]).name for a in READERS])
def test_a_missing_database_is_exit_4_and_nothing_is_created(
    args: list[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path}/typo/tracker.db"
    registry = str(ROOT / "data" / "documents.toml")
    env = {"TRACKER_DATA_DIR": str(tmp_path), "TRACKER_REGISTRY": registry}
    code, out, err = invoke("--database-url", url, *args, env=env)
    assert (code, out) == (4, "")
    assert err == (
        f"tracker: error: no database at {tmp_path}/typo/tracker.db ('{url}'): nothing has "
        "been tracked there yet; `tracker run` or `tracker db upgrade` creates it\n"
    )
    assert list(tmp_path.iterdir()) == []  # no file, no folder


def test_an_empty_database_is_exit_4_on_either_backend(database_url: str, tmp_path: Path) -> None:
    """`database_url` is a fresh, empty database: a SQLite path or a new PostgreSQL database."""
    for args in (["history", "a/b"], ["verify"], ["db", "current"]):
        code, _, err = invoke("--database-url", database_url, *args)
        assert code == 4, err
        assert "nothing has been tracked there yet" in err, err
    if BACKEND == "sqlite":
        assert not list(tmp_path.glob("tracker.db*"))
    code, out, _ = invoke("--database-url", database_url, "db", "upgrade")
    assert code == 0 and out.startswith("migrated from empty to ")
    code, out, _ = invoke("--database-url", database_url, "verify")
    assert code == 0, out


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00"])
def test_an_empty_sqlite_file_is_left_as_it_is(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    if content:  # a SQLite database with no table at all
        sqlite3.connect(path).execute("PRAGMA user_version = 7").connection.close()
    else:
        path.write_bytes(b"")
    before = path.read_bytes()
    code, _, err = invoke("--database-url", f"sqlite:///{path}", "log")
    assert code == 4 and "nothing has been tracked there yet" in err
    if not content:
        assert path.read_bytes() == before


@pytest.mark.parametrize("args", [["history", "a/b"], ["run"], ["db", "upgrade"]])
def test_a_file_that_is_not_a_database_is_never_turned_into_one(
    args: list[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database\n", encoding="utf-8")
    env = {"TRACKER_DATA_DIR": str(tmp_path / "data"), "TRACKER_DATABASE_URL": f"sqlite:///{notes}"}
    before = notes.read_bytes()
    code, _, err = invoke("--registry", str(ROOT / "data" / "documents.toml"), *args, env=env)
    assert code == 4, err
    assert err == (
        f"tracker: error: {notes} is not a SQLite database ('sqlite:///{notes}'); "
        "it was left untouched\n"
    )
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_applications_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    for args in (["verify"], ["db", "upgrade"]):
        code, _, err = invoke("--database-url", f"sqlite:///{path}", *args)
        assert code == 4 and "holds tables (notes...) but no Policy Tracker schema" in err
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        assert [name for (name,) in tables] == ["notes"]


def test_run_and_db_upgrade_create_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/new/tracker.db"
    code, out, _ = invoke("--database-url", url, "db", "upgrade")
    assert code == 0 and "migrated from empty" in out
    assert (tmp_path / "new" / "tracker.db").is_file()
    registry = tmp_path / "documents.toml"
    registry.write_text("", encoding="utf-8")
    other = f"sqlite:///{tmp_path}/other/tracker.db"
    code, _, err = invoke("--registry", str(registry), "--database-url", other, "run")
    assert code == 0, err
    assert (tmp_path / "other" / "tracker.db").is_file()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (
            "data/tracker.db",
            "'data/tracker.db': a SQLite file is given as sqlite:///data/tracker.db",
        ),
        ("/srv/t.db", "'/srv/t.db': a SQLite file is given as sqlite:////srv/t.db"),
        ("postgresql://ann:hunter2@db:5x/t", "'postgresql://ann:***@db:5x/t'"),
    ],
)
def test_a_bad_url_is_shown_as_typed_with_a_hint_and_no_password(typed: str, shown: str) -> None:
    code, _, err = invoke("--database-url", typed, "history", "a/b")
    assert code == 4
    assert err == f"tracker: error: invalid database URL {shown}\n"


def test_a_password_never_shows_in_a_connection_error() -> None:
    url = "postgresql+psycopg://ann:hunter2@127.0.0.1:9/tracker"
    code, _, err = invoke("--database-url", url, "verify")
    assert code == 4
    assert "hunter2" not in err and "'postgresql+psycopg://ann:***@127.0.0.1:9/tracker'" in err


# -- global options after the subcommand --------------------------------------------------------


def test_global_options_work_after_the_subcommand(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/tracker.db"
    open_database(url, create=True).dispose()
    code, out, err = invoke("history", "a/b", "--database-url", url)
    assert (code, err) == (2, "tracker: error: unknown document 'a/b'\n"), out
    assert invoke("db", "current", f"--database-url={url}")[0] == 0
    code, out, _ = invoke("verify", "--database-url", url, "--debug")
    assert code == 0 and "every stored hash matches" in out
    assert "Global options, before or after the command" in invoke("history", "--help")[1]


def test_hoisting_moves_only_the_global_options() -> None:
    assert hoist_global_options(["history", "a/b", "--database-url", "U", "--limit", "3"]) == [
        "--database-url",
        "U",
        "history",
        "a/b",
        "--limit",
        "3",
    ]
    assert hoist_global_options(["db", "current", "--registry=R", "--debug"]) == [
        "--registry=R",
        "--debug",
        "db",
        "current",
    ]
    assert hoist_global_options(["search", "--", "--debug"]) == ["search", "--", "--debug"]


# -- output and read-only databases -------------------------------------------------------------


PAGE = (
    "<html><body><main><h1>Terms</h1>"
    + "".join(f"<p>Clause {n}: you agree to rule number {n} of these terms.</p>" for n in range(40))
    + "</main></body></html>"
)


@pytest.fixture
def history_url(tmp_path: Path, httpserver: HTTPServer) -> str:
    """A tracked history (one version of acme/terms, 40 clauses) in a SQLite file."""
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
    url = f"sqlite:///{tmp_path}/tracker.db"
    db = open_database(url, create=True)
    document = DocumentSpec("acme/terms", "Acme", "Terms", httpserver.url_for("/terms"))
    try:
        settings = load_settings({}, cwd=tmp_path)
        report = run_tracking(db, [document], settings=settings, clock=system_clock)
        assert not report.failed
    finally:
        db.dispose()
    return url


def test_a_closed_pipe_ends_quietly(history_url: str) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracker",
            "--database-url",
            history_url,
            "export",
            "--format",
            "csv",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TRACKER_RULES": RULES},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)  # `| head -c 10`
    process.stdout.close()
    code = process.wait(timeout=60)
    assert process.stderr.read() == b""
    assert code == 1


@pytest.mark.parametrize("target", ["file.txt/out.csv", "file.txt/new/out.csv"])
def test_an_unwritable_output_path_is_one_line(
    history_url: str, tmp_path: Path, target: str
) -> None:
    """A file where a folder of the output path should be: the error names the output path,
    as it did before -o created missing folders (a missing folder is created now, see
    test_query_database), not 'file.txt: File exists'."""
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    path = tmp_path / target
    for args in (
        ["export", "--format", "csv", "-o", str(path)],
        ["export-evidence", "acme/terms", "1", "-o", str(path)],
    ):
        code, out, err = invoke("--database-url", history_url, *args)
        assert code in (1, 2) and out == ""
        assert err.startswith(f"tracker: error: {path}: ") and err.count("\n") == 1, err


def unprivileged() -> list[str]:
    """A command prefix without the root's power to write anything (file permissions apply)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def tracker_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*unprivileged(), sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "TRACKER_RULES": RULES, "PYTHONPATH": str(ROOT)},
    )


def test_a_read_only_database_is_exit_4(history_url: str, tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    registry = tmp_path / "documents.toml"
    registry.write_text(
        '[[documents]]\nslug = "acme/terms"\nservice = "Acme"\ntype = "Terms"\n'
        'url = "http://127.0.0.1:9/terms"\n',
        encoding="utf-8",
    )
    path.chmod(0o444)
    try:
        ran = tracker_process("--registry", str(registry), "--database-url", history_url, "run",
                              "--no-digest", cwd=tmp_path)  # fmt: skip
        assert ran.returncode == 4, ran.stderr
        assert ran.stderr.endswith(
            "attempt to write a readonly database (the database file or its folder is "
            "read-only for this user)\n"
        )
        assert ran.stderr.count("tracker: error:") == 1 and "Traceback" not in ran.stderr
        for leftover in tmp_path.glob("tracker.db-*"):
            leftover.unlink()
        tmp_path.chmod(0o555)  # and its folder: not even the WAL index can be made
        read = tracker_process("--database-url", history_url, "history", "acme/terms", cwd=ROOT)
        assert read.returncode == 4, read.stdout
        assert "read-only for this user" in read.stderr
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)

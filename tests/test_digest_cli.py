"""`tracker digest` and the digest step of `tracker run`, end to end: real pages over local
HTTP, a real SMTP server, the real command line."""

from __future__ import annotations

import email
import email.policy
import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from tests.digest_support import Mailbox, free_port, page, smtp_server
from tracker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
RULES = str(ROOT / "data" / "rules.toml")


def registry_with(tmp_path: Path, httpserver: HTTPServer) -> Path:
    registry = tmp_path / "documents.toml"
    registry.write_text(
        '[[documents]]\nslug = "acme/terms"\nservice = "Acme"\ntype = "Terms"\n'
        f'url = "{httpserver.url_for("/terms")}"\nselect = ["main"]\n',
        encoding="utf-8",
    )
    return registry


def serve(httpserver: HTTPServer, *paragraphs: str) -> None:
    httpserver.clear()
    httpserver.expect_request("/terms").respond_with_data(
        page(*paragraphs).decode(), content_type="text/html"
    )


def smtp_env(tmp_path: Path, port: int) -> dict[str, str]:
    return {
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_RULES": RULES,
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(port),
        "TRACKER_SMTP_SECURITY": "plain",
        "TRACKER_SMTP_FROM": "tracker@example.com",
        "TRACKER_SMTP_TO": "legal@example.com",
    }


def test_run_with_a_failing_smtp_server_keeps_the_run_and_exits_1(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    registry = registry_with(tmp_path, httpserver)
    runner = CliRunner()
    serve(httpserver, "Disputes go to court.")
    down = smtp_env(tmp_path, free_port())  # nothing listens there
    result = runner.invoke(cli, ["--registry", str(registry), "run"], env=down)
    assert result.exit_code == 1, result.output
    assert "1 document, 1 changed, 0 failed" in result.output
    # quiet under cron: the failure is an error log line, the summary a warning after it
    assert 'level=error logger=tracker.nightly msg="digest 1 not delivered: cannot deliver' in (
        result.output
    )
    serve(httpserver, "Disputes go to binding arbitration.")
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        env = smtp_env(tmp_path, port)
        again = runner.invoke(
            cli, ["--registry", str(registry), "run", "--log-level", "info"], env=env
        )
        assert again.exit_code == 0, again.output
        assert (
            "digest 2: delivered to legal@example.com: 1 change in 1 document, 1 high: Acme Terms; "
            "1 key fact changed; now tracking 1 new document"
        ) in again.output
        # nothing left: the next digest has nothing to say
        quiet = runner.invoke(cli, ["digest"], env=env)
        assert quiet.exit_code == 0
        assert quiet.output.strip() == "digest: nothing to report (no digest sent)"
    raw = mailbox.envelopes[0].content
    assert isinstance(raw, bytes)
    body = email.message_from_bytes(raw, policy=email.policy.default).get_body(("plain",))
    assert body is not None
    text = body.get_content()
    # the first version, missed when the server was down, comes with the change
    assert "NOW TRACKING" in text and "Version 1 -> 2" in text
    assert "Is there mandatory arbitration? Changed from NOT STATED to YES." in text


def test_digest_command_dry_run_to_and_since(httpserver: HTTPServer, tmp_path: Path) -> None:
    registry = registry_with(tmp_path, httpserver)
    runner = CliRunner()
    serve(httpserver, "We keep logs for 30 days.")
    env = {"TRACKER_DATA_DIR": str(tmp_path / "data"), "TRACKER_RULES": RULES}
    tracked = runner.invoke(cli, ["--registry", str(registry), "run", "--no-digest"], env=env)
    assert tracked.exit_code == 0, tracked.output
    database = tmp_path / "data" / "tracker.db"
    before = dump(database)
    for _ in range(2):  # a preview, again: the same preview, nothing recorded in between
        dry = runner.invoke(cli, ["digest", "--dry-run"], env=env)
        assert dry.exit_code == 0, dry.output
        first_line, *paths = dry.output.strip().splitlines()
        assert first_line == (
            "digest preview (dry run: not sent, nothing recorded): Now tracking 1 new document"
        )
        assert [Path(p.strip()).suffix for p in paths] == [".html", ".txt", ".eml"]
        assert all(Path(p.strip()).parent == tmp_path / "data" / "outbox" for p in paths)
        assert all(Path(p.strip()).stem.endswith("-preview") for p in paths)
    assert dump(database) == before  # not a row written
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        smtp = smtp_env(tmp_path, port)
        sent = runner.invoke(cli, ["digest", "--to", "a@example.com,b@example.com"], env=smtp)
        assert sent.exit_code == 0, sent.output
        assert sent.output.startswith("digest 1: delivered to a@example.com, b@example.com: ")
        resent = runner.invoke(
            cli, ["digest", "--since", "2000-01-01", "--to", "c@example.com"], env=smtp
        )
        assert resent.exit_code == 0, resent.output
    assert [sorted(e.rcpt_tos) for e in mailbox.envelopes] == [
        ["a@example.com", "b@example.com"],
        ["c@example.com"],
    ]


def test_digest_command_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"TRACKER_DATA_DIR": str(tmp_path / "data"), "TRACKER_RULES": RULES}
    bad_date = runner.invoke(cli, ["digest", "--since", "last tuesday"], env=env)
    assert bad_date.exit_code == 2
    assert bad_date.output.strip() == (
        "tracker: error: --since 'last tuesday': expected YYYY-MM-DD or an ISO 8601 time"
    )
    bad_to = runner.invoke(cli, ["digest", "--to", "nobody"], env=env)
    assert bad_to.exit_code == 2 and "--to: 'nobody' is not an e-mail address" in bad_to.output
    no_rcpt = runner.invoke(cli, ["digest"], env=env | {"TRACKER_SMTP_HOST": "127.0.0.1"})
    assert no_rcpt.exit_code == 2
    assert "no digest recipients: set TRACKER_SMTP_TO or pass --to" in no_rcpt.output


def dump(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every stored table of a SQLite database (a full-text index's rows are in
    its shadow tables, which are listed too)."""
    with closing(sqlite3.connect(database)) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names
        }

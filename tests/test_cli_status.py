"""`tracker status` after real runs against a local server: each document's last check, last
change and failure streak, and the schedule's next run."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from tests.multihost import RULES_FILE
from tracker.cli import cli
from tracker.cli.status import status_table
from tracker.query.overview import DocumentStatus, documents_overview
from tracker.settings import sqlite_url
from tracker.store.database import open_database

PAGE = (
    "<html><body><main><h1>Terms</h1><p>You agree to these terms by using the service. We may "
    "change them at any time; when we do, we will post the new terms on this page and tell you "
    "by e-mail at least thirty days before they take effect.</p></main></body></html>"
)


def test_status_shows_each_document_and_the_next_run(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/ok").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    registry = tmp_path / "documents.toml"
    registry.write_text(
        "".join(
            f'[[documents]]\nslug = "acme/{name}"\nservice = "Acme"\ntype = "Terms"\n'
            f'url = "{httpserver.url_for("/" + name)}"\n\n'
            for name in ("ok", "gone")
        ),
        encoding="utf-8",
    )
    env = {
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_RULES": RULES_FILE,
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_RETRIES": "0",
        "TRACKER_SCHEDULE": "30 4 * * *",
        "TRACKER_TIMEZONE": "UTC",
    }
    for _ in range(2):
        assert CliRunner().invoke(cli, ["run", "--no-digest"], env=env).exit_code == 1
    shown = CliRunner().invoke(cli, ["status"], env=env)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0].split() == [
        "document",
        "versions",
        "last",
        "verified",
        "last",
        "change",
        "state",
    ]
    gone = next(line for line in lines if line.startswith("acme/gone"))
    assert gone.split()[1] == "0" and "failed (http-status) since " in gone
    assert ", 2 fetches: " in gone and "404" in gone
    ok = next(line for line in lines if line.startswith("acme/ok"))
    assert ok.split()[1] == "1" and ok.endswith("  ok")
    assert lines[-2] == "2 documents, 1 failing or suspect"
    assert lines[-1].startswith("next scheduled run: ") and "04:30 UTC" in lines[-1]
    answer = json.loads(CliRunner().invoke(cli, ["status", "--format", "json"], env=env).stdout)
    following = datetime.fromisoformat(answer["next_scheduled_run"])
    assert (following.hour, following.minute) == (4, 30) and following > datetime.now(UTC)
    health = {d["slug"]: d["health"] for d in answer["documents"]}
    assert health["acme/ok"] is None
    assert (health["acme/gone"]["outcome"], health["acme/gone"]["fetches"]) == ("failed", 2)
    one = status_table(
        tuple(s for s in statuses_of(tmp_path / "data" / "tracker.db") if s.health is None),
        "30 4 * * *",
        None,
        None,
    )
    assert one.splitlines()[-2] == "1 document, 0 failing or suspect"  # not "1 documents"


def statuses_of(path: Path) -> tuple[DocumentStatus, ...]:
    db = open_database(sqlite_url(path))
    try:
        with db.reader() as session:
            return documents_overview(session)
    finally:
        db.dispose()

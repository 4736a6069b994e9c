"""Migration 0014: a fetch of the document's own URL keeps no copy of it (``fetches.url``
NULL, read as the document's). Over a database holding real nights written the old way, on
both engines: the copies go, every reader still sees the URL each fetch asked for, a registry
change of the URL leaves the earlier fetches their old URL, and the downgrade writes them
back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tracker.clock import FixedClock
from tracker.model import ExtractionRules
from tracker.query.lookup import provenance
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.migrate import alembic_config
from tracker.store.schema import Document, Fetch, Version

NIGHT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
POLICY = (
    "<html><head><title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1>"
    "<h2>1. Data we collect</h2><p>We collect your name and e-mail address when you sign up "
    "for the service, and the content you submit to it.</p><p>We do not use your content to "
    "train our models without your consent, and you can withdraw it at any time.</p>"
    "<h2>2. Contact</h2><p>Write to privacy@example.com with any question.</p></main>"
    "</body></html>"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    fast = {"TRACKER_HOST_DELAY": "0", "TRACKER_RETRY_DELAY": "0.01"}
    return load_settings({"TRACKER_FETCH_TIMEOUT": "5", **fast}, cwd=tmp_path)


def night(db: Database, settings: Settings, server: HTTPServer, path: str, day: int) -> str:
    server.clear()
    server.expect_request(path).respond_with_data(POLICY, content_type="text/html")
    document = DocumentSpec(
        slug="example/policy",
        service="Example",
        type="Privacy Policy",
        url=server.url_for(path),
        rules=ExtractionRules(select=("main",)),
    )
    when = FixedClock(NIGHT + timedelta(days=day))
    return run_tracking(db, [document], settings=settings, clock=when).results[0].outcome


def migrate(db: Database, revision: str, *, down: bool = False) -> None:
    config = alembic_config(db.engine)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def urls(db: Database) -> list[tuple[str | None, str]]:
    """Each fetch's stored URL and the URL it reads as, in order."""
    with db.reader() as session:
        return [(f.stored_url, f.url) for f in session.scalars(select(Fetch).order_by(Fetch.id))]


def test_each_fetch_keeps_the_url_it_asked_for(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    old = httpserver.url_for("/policy")
    assert [night(db, settings, httpserver, "/policy", day) for day in (0, 1)] == [
        "changed",
        "unchanged",
    ]
    assert urls(db) == [(None, old)] * 2
    # The database as 0013 wrote it: every fetch with its URL.
    migrate(db, "0013", down=True)
    with db.reader() as session:
        stored = session.scalars(select(Fetch.stored_url).order_by(Fetch.id)).all()
        assert stored == [old, old]

    migrate(db, "head")

    assert urls(db) == [(None, old)] * 2
    with db.reader() as session:
        # the column as SQL reads it, too (exports select it)
        assert session.scalars(select(Fetch.url).order_by(Fetch.id)).all() == [old, old]
    # The registry moves the document: the earlier fetches keep the URL they asked for.
    new = httpserver.url_for("/moved")
    assert night(db, settings, httpserver, "/moved", 2) == "unchanged"
    assert urls(db) == [(old, old), (old, old), (None, new)]
    with db.reader() as session:
        document = session.scalars(select(Document)).one()
        assert document.url == new
        version = session.scalars(select(Version)).one()
        proof = provenance(session, document, version)
        assert proof.first_fetch is not None and proof.last_fetch is not None
        assert (proof.first_fetch.url, proof.last_fetch.url) == (old, new)
        assert session.scalars(select(Fetch.url).order_by(Fetch.id)).all() == [old, old, new]
    # and down again: every row has its URL written in
    migrate(db, "0013", down=True)
    with db.reader() as session:
        stored = session.scalars(select(Fetch.stored_url).order_by(Fetch.id)).all()
        assert stored == [old, old, new]

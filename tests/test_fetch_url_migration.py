"""Migration 0014: a fetch of the document's own URL keeps no copy of it (``fetches.url``
NULL, read as the document's). Over a database holding real nights written the old way, on
both engines: the copies go, every reader still sees the URL each fetch asked for, a registry
change of the URL leaves the earlier fetches their old URL, and the downgrade writes them
back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tests.migration_support import POLICY, migrate, quick_settings, track_night
from tracker.query.lookup import provenance
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.store.schema import Document, Fetch, Version


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return quick_settings(tmp_path)


def night(db: Database, settings: Settings, server: HTTPServer, path: str, day: int) -> str:
    return track_night(db, settings, server, html=POLICY, path=path, day=day)


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

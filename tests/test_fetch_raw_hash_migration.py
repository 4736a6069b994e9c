"""Migration 0015: a fetch that verified a version keeps no copy of its raw hash when its bytes
are the version's. Over a database holding real nights written the old way (every verifying
fetch with its raw hash), on both engines: the copies that are the version's go, a fetch whose
bytes differ from its version's (same text, other markup) keeps its own, so do the creating
fetch and a suspect fetch; every reader still sees each fetch's bytes, and the next nights
(a 304, the same bytes again) work without extracting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tests.migration_support import POLICY, migrate, quick_settings, track_night
from tracker.query.lookup import provenance
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.store.records import fetch_raw_sha256
from tracker.store.schema import Document, Fetch, Version
from tracker.track.state import load_states

STUB = "<html><body><main><h1>Privacy Policy</h1><p>Coming soon.</p></main></body></html>"
#: the same text as POLICY in other bytes
RESTYLED = POLICY.replace("<main>", '<main class="policy">')


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return quick_settings(tmp_path)


def night(
    db: Database, settings: Settings, server: HTTPServer, html: str, day: int, etag: str | None
) -> str:
    return track_night(db, settings, server, html=html, path="/policy", day=day, etag=etag)


def own_hashes(db: Database) -> list[str | None]:
    with db.reader() as session:
        return list(session.scalars(select(Fetch.raw_sha256).order_by(Fetch.id)))


def test_the_upgrade_leaves_each_fetch_the_bytes_it_stands_for(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    nights = [(POLICY, '"a"'), (POLICY, '"a"'), (RESTYLED, None), (POLICY, None), (STUB, None)]
    outcomes = [night(db, settings, httpserver, h, day, tag) for day, (h, tag) in enumerate(nights)]
    assert outcomes == ["changed", "not-modified", "unchanged", "unchanged", "suspect"]
    with db.reader() as session:
        version = session.scalars(select(Version)).one()
    restyled, suspect = own_hashes(db)[2], own_hashes(db)[4]
    assert restyled not in (None, version.raw_sha256) and suspect is not None
    written = [version.raw_sha256, None, restyled, None, suspect]
    assert own_hashes(db) == written  # written the new way by the nights themselves
    # The database as 0014 wrote it: every verifying fetch with its raw hash.
    migrate(db, "0014", down=True)
    assert own_hashes(db) == [version.raw_sha256] * 2 + [restyled, version.raw_sha256, suspect]

    migrate(db, "head")

    assert own_hashes(db) == written
    with db.reader() as session:
        seen = list(session.scalars(select(fetch_raw_sha256()).order_by(Fetch.id)))
        assert seen == [version.raw_sha256] * 2 + [restyled, version.raw_sha256, suspect]
        proof = provenance(session, session.scalars(select(Document)).one(), version)
        assert proof.first_fetch is not None and proof.last_fetch is not None
        assert proof.first_fetch.raw_sha256 == proof.last_fetch.raw_sha256 == version.raw_sha256
        (state,) = load_states(session, [version.document_id]).values()
        assert state.last_raw_sha256 == version.raw_sha256
    # The next nights: the same bytes again (no extraction: the stored raw hash is read
    # through the version), a restyled page (its own hash), then a 304 standing for it.
    assert night(db, settings, httpserver, POLICY, 5, None) == "unchanged"
    assert night(db, settings, httpserver, RESTYLED, 6, '"b"') == "unchanged"
    assert night(db, settings, httpserver, RESTYLED, 7, '"b"') == "not-modified"
    assert own_hashes(db)[5:] == [None, restyled, restyled]
    with db.reader() as session:
        (state,) = load_states(session, [version.document_id]).values()
        assert (state.last_raw_sha256, state.etag) == (restyled, '"b"')
        assert session.scalar(select(Version.id).where(Version.number == 2)) is None
    # and down again: every verifying fetch gets its version's raw hash back
    migrate(db, "0014", down=True)
    assert own_hashes(db)[:5] == [version.raw_sha256] * 2 + [restyled, version.raw_sha256, suspect]
    assert own_hashes(db)[5] == version.raw_sha256

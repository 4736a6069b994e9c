"""Migration 0013: a fetch that verified a version keeps no copy of its text hash (it saw its
version's). Over a database holding real nights written the old way (every fetch with its text
hash), on both engines: the verifying fetches' copies go, a copy that disagrees with its
version stays (and ``verify`` still reports it), the creating fetch and a suspect fetch keep
theirs, every reader still sees each fetch's text, and the next nights work."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select, text, update

from tests.migration_support import POLICY, migrate, quick_settings, track_night
from tracker.query.lookup import provenance
from tracker.query.verify import verify_history
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.store.records import fetch_text_sha256
from tracker.store.schema import Document, Fetch, Version
from tracker.track.screening import guard_policy, observations

STUB = "<html><body><main><h1>Privacy Policy</h1><p>Coming soon.</p></main></body></html>"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return quick_settings(tmp_path)


def night(db: Database, settings: Settings, server: HTTPServer, html: str, day: int) -> str:
    return track_night(db, settings, server, html=html, path="/policy", day=day)


def own_hashes(db: Database) -> list[str | None]:
    with db.reader() as session:
        return list(session.scalars(select(Fetch.text_sha256).order_by(Fetch.id)))


def test_the_upgrade_leaves_each_fetch_the_text_it_saw(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    pages = (POLICY, POLICY, STUB, POLICY)
    outcomes = [night(db, settings, httpserver, html, day) for day, html in enumerate(pages)]
    assert outcomes == ["changed", "unchanged", "suspect", "unchanged"]
    assert own_hashes(db)[0] is not None and own_hashes(db)[2] is not None
    assert own_hashes(db)[1] is own_hashes(db)[3] is None
    # The database as 0012 wrote it: every fetch with its text hash; one edited by hand.
    migrate(db, "0012", down=True)
    with db.reader() as session:
        version = session.scalars(select(Version)).one()
        suspect = own_hashes(db)[2]
    assert own_hashes(db) == [version.text_sha256] * 2 + [suspect, version.text_sha256]
    wrong = "0" * 64
    with db.transaction() as session:
        session.execute(update(Fetch).where(Fetch.id == 2).values(text_sha256=wrong))

    migrate(db, "head")

    assert own_hashes(db) == [version.text_sha256, wrong, suspect, None]
    with db.reader() as session:
        seen = list(session.scalars(select(fetch_text_sha256()).order_by(Fetch.id)))
        assert seen == [version.text_sha256, wrong, suspect, version.text_sha256]
        report = verify_history(session)
        assert [(m.table, m.row, m.stored) for m in report.mismatches] == [("fetches", "2", wrong)]
        proof = provenance(session, session.scalars(select(Document)).one(), version)
        assert proof.first_fetch is not None and proof.last_fetch is not None
        assert proof.first_fetch.text_sha256 == proof.last_fetch.text_sha256 == version.text_sha256
        assert proof.fetch_count == 3
        fourth = session.get_one(Fetch, 4)
        # what the guards count (a near-empty page is no observation of the text)
        history = observations(session, fourth, guard_policy(settings))
        assert [o.text_sha256 for o in history] == [wrong, version.text_sha256]
    # The next nights: a page seen again, then one changed, written the new way.
    assert night(db, settings, httpserver, POLICY, 4) == "unchanged"
    assert night(db, settings, httpserver, POLICY.replace("any question", "questions"), 5) == (
        "changed"
    )
    with db.reader() as session:
        second = session.scalars(select(Version).where(Version.number == 2)).one()
        assert verify_history(session).mismatches == report.mismatches
        count = session.scalar(text("SELECT count(*) FROM fetches WHERE text_sha256 IS NULL"))
        assert count == 2
    assert own_hashes(db)[4:] == [None, second.text_sha256]
    # and down again: every fetch that points at its version gets the version's hash back
    migrate(db, "0012", down=True)
    with db.reader() as session:
        versions = {v.id: v.text_sha256 for v in session.scalars(select(Version))}
        rows = list(session.execute(select(Fetch.version_id, Fetch.text_sha256).order_by(Fetch.id)))
        assert [hashed for _, hashed in rows[1:3]] == [wrong, suspect]
        assert all(hashed == versions[v] for v, hashed in rows[:1] + rows[3:])
        assert len(versions) == 2 and rows[-1][0] != rows[0][0]

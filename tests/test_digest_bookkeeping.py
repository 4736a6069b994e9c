"""What each digest covers: every version exactly once across delivered digests, whatever the
timestamps; dry runs and interrupted deliveries never count; --since re-sends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tests.digest_support import page, spec_for, track_page
from tracker.clock import FixedClock
from tracker.digest import NOTHING_TO_SEND, send_digest
from tracker.digest.bookkeeping import pending_version_ids, start_attempt
from tracker.digest.model import DigestData
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import Digest, DigestVersion

T = datetime(2026, 2, 1, 3, 0, tzinfo=UTC)
A = spec_for("acme/terms", "https://acme.example/terms")
B = spec_for("acme/privacy", "https://acme.example/privacy")


def settings_in(tmp_path: Path, **env: str) -> Settings:
    return load_settings(env, cwd=tmp_path)


def reported(data: DigestData) -> list[tuple[str, int]]:
    """(document, version number) of every version a digest reports."""
    pairs = [(t.document.slug, t.new.number) for t in data.transitions]
    pairs += [(n.document.slug, n.version.number) for n in data.new_documents]
    return sorted(pairs)


def test_equal_timestamps_and_late_commits_are_never_lost(db: Database, tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    track_page(db, settings, A, page("One."), T - timedelta(days=1))
    track_page(db, settings, B, page("Uno."), T - timedelta(days=1))
    first = send_digest(db, settings, clock=FixedClock(T - timedelta(days=1)))
    assert reported(first.data) == [("acme/privacy", 1), ("acme/terms", 1)]
    # A changes at T and a digest goes out at T; B's change, stamped T too, commits after it
    track_page(db, settings, A, page("Two."), T)
    second = send_digest(db, settings, clock=FixedClock(T))
    track_page(db, settings, B, page("Dos."), T)
    third = send_digest(db, settings, clock=FixedClock(T))
    assert reported(second.data) == [("acme/terms", 2)]
    assert reported(third.data) == [("acme/privacy", 2)]
    # nothing is repeated: nothing left to send
    assert send_digest(db, settings, clock=FixedClock(T)).status == NOTHING_TO_SEND
    with db.reader() as session:
        covered = session.scalars(
            select(DigestVersion.version_id)
            .join(Digest, Digest.id == DigestVersion.digest_id)
            .where(Digest.status == "delivered")
        ).all()
    assert sorted(covered) == sorted(set(covered)) and len(covered) == 4


def test_dry_runs_and_interrupted_deliveries_leave_versions_pending(
    db: Database, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path)
    track_page(db, settings, A, page("One."), T)
    track_page(db, settings, A, page("Two."), T + timedelta(days=1))
    preview = send_digest(db, settings, clock=FixedClock(T + timedelta(days=1)), dry_run=True)
    assert preview.status == "dry-run" and preview.files is not None
    assert preview.files.eml.is_file() and preview.files.text.is_file()
    # a process that died while sending left its row "pending"
    with db.transaction() as session:
        ids = pending_version_ids(session)
        start_attempt(
            session,
            version_ids=ids,
            change_ids=[],
            subject="interrupted",
            now=T,
            since=None,
            channel="smtp",
            recipients=["x@example.com"],
        )
    delivered = send_digest(db, settings, clock=FixedClock(T + timedelta(days=1, hours=1)))
    assert reported(delivered.data) == [("acme/terms", 1), ("acme/terms", 2)]
    assert delivered.status == "delivered" and delivered.channel == "outbox"
    with db.reader() as session:
        statuses = session.scalars(select(Digest.status).order_by(Digest.id)).all()
        assert statuses == ["pending", "delivered"]  # the dry run recorded nothing
        assert pending_version_ids(session) == []


def test_since_resends_without_skipping_older_pending_versions(
    db: Database, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path)
    track_page(db, settings, A, page("One."), T)
    track_page(db, settings, A, page("Two."), T + timedelta(days=1))
    send_digest(db, settings, clock=FixedClock(T + timedelta(days=1)))  # delivers A v1, v2
    # B's first version, stamped before DATE, committed late: pending
    track_page(db, settings, B, page("Uno."), T + timedelta(hours=12))
    track_page(db, settings, A, page("Three."), T + timedelta(days=5))  # pending, after DATE
    resend = send_digest(
        db, settings, clock=FixedClock(T + timedelta(days=5)), since=T + timedelta(days=1)
    )
    # the re-send covers what was first seen since DATE, delivered (v2) or not (v3) ...
    assert reported(resend.data) == [("acme/terms", 2), ("acme/terms", 3)]
    assert resend.data.since == T + timedelta(days=1)
    # ... and skips nothing: B, pending but older than DATE, comes with the next digest
    regular = send_digest(db, settings, clock=FixedClock(T + timedelta(days=6)))
    assert reported(regular.data) == [("acme/privacy", 1)]


def test_since_a_date_older_than_everything_resends_all(db: Database, tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    track_page(db, settings, A, page("One."), T)
    track_page(db, settings, A, page("Two."), T + timedelta(days=1))
    send_digest(db, settings, clock=FixedClock(T + timedelta(days=1)))
    again = send_digest(db, settings, clock=FixedClock(T + timedelta(days=2)), since=T)
    assert reported(again.data) == [("acme/terms", 1), ("acme/terms", 2)]
    assert again.files is not None
    text = again.files.text.read_text(encoding="utf-8")
    assert "Versions first seen since 2026-02-01 03:00 UTC." in text


def test_no_changes_mail_only_when_asked(db: Database, tmp_path: Path) -> None:
    quiet = send_digest(db, settings_in(tmp_path), clock=FixedClock(T))
    assert quiet.status == NOTHING_TO_SEND and quiet.files is None
    empty = send_digest(
        db, settings_in(tmp_path, TRACKER_DIGEST_SEND_EMPTY="true"), clock=FixedClock(T)
    )
    assert empty.status == "delivered" and empty.subject == "No changes"
    assert empty.files is not None
    assert "No changes" in empty.files.html.read_text(encoding="utf-8")


def test_health_section_counts_nights_of_failure(
    httpserver: HTTPServer, db: Database, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path, TRACKER_FETCH_TIMEOUT="5")
    spec = spec_for("acme/docs", httpserver.url_for("/docs"))
    httpserver.expect_request("/docs").respond_with_data(
        page("Docs.").decode(), content_type="text/html"
    )
    run_tracking(db, [spec], settings=settings, clock=FixedClock(T))
    send_digest(db, settings, clock=FixedClock(T))
    httpserver.clear()
    httpserver.expect_request("/docs").respond_with_data("gone", status=410)
    for night in (1, 2, 3):
        run_tracking(db, [spec], settings=settings, clock=FixedClock(T + timedelta(days=night)))
    # a second attempt on the third night: 4 fetches, 3 nights
    run_tracking(db, [spec], settings=settings, clock=FixedClock(T + timedelta(days=3, hours=2)))
    outcome = send_digest(db, settings, clock=FixedClock(T + timedelta(days=3, hours=3)))
    assert outcome.subject == "No changes; 1 document failing"
    (note,) = outcome.data.failures
    assert (note.consecutive, note.nights, note.error_kind) == (4, 3, "http-status")
    assert note.since == T + timedelta(days=1) and note.last_good == T
    assert outcome.files is not None
    text = outcome.files.text.read_text(encoding="utf-8")
    assert "[FAILED] Acme Docs: failed (http-status) for 3 nights (4 fetches)" in text
    assert "Last good fetch: 2026-02-01 03:00 UTC" in text
    # the newest fetch good again: the streak is over, nothing is failing
    httpserver.clear()
    httpserver.expect_request("/docs").respond_with_data(
        page("Docs.").decode(), content_type="text/html"
    )
    run_tracking(db, [spec], settings=settings, clock=FixedClock(T + timedelta(days=4)))
    healthy = send_digest(db, settings, clock=FixedClock(T + timedelta(days=4, hours=1)))
    assert healthy.data.failures == ()

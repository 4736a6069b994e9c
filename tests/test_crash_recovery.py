"""Recovering from states only a crash leaves behind (the crash-safety test,
tests/test_crash_safety.py, kills real runs; these pin the states its kills can hardly hit)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from tracker.clock import FixedClock
from tracker.registry import DocumentSpec
from tracker.run.lock import acquire_lock
from tracker.run.runner import create_run, run_tracking
from tracker.settings import load_settings
from tracker.store.database import Database
from tracker.store.schema import Run

T0 = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


def test_a_run_killed_before_naming_itself_on_the_lock_is_marked_interrupted(
    db: Database, tmp_path: Path
) -> None:
    # start_run commits the lock, then the run row, then the run's id on the lock: a kill
    # between the last two leaves a "running" run that the lock does not name
    acquire_lock(db, owner="killed", ttl=timedelta(seconds=60), now=T0)
    doc = DocumentSpec(slug="a/b", service="A", type="B", url="http://127.0.0.1:9/")
    orphan = create_run(db, [doc], trigger="cli", now=T0)
    settings = load_settings({"TRACKER_LOCK_TTL": "60"}, cwd=tmp_path)
    report = run_tracking(db, [], settings=settings, clock=FixedClock(T0 + timedelta(minutes=2)))
    with db.reader() as session:
        statuses = {
            run_id: status for run_id, status in session.execute(select(Run.id, Run.status))
        }
    assert statuses == {orphan: "interrupted", report.run_id: "ok"}

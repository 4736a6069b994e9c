"""The run lock: a database lease, tested with a fake clock, with racing threads, and with
two real `tracker run` processes overlapping, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from tests.multihost import RULES_FILE, MultiHostServer, Seen, registry_text
from tracker.clock import FixedClock
from tracker.errors import ExitCode, LockHeldError
from tracker.registry import DocumentSpec
from tracker.run.lock import acquire_lock, attach_run, read_lock, release_lock, renew_lock
from tracker.run.runner import create_run, run_tracking
from tracker.settings import load_settings
from tracker.store.database import Database, open_database
from tracker.store.schema import Fetch, Run, RunLock

T0 = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
TTL = timedelta(seconds=60)


def test_a_held_lock_refuses_a_second_owner_and_names_the_holder(db: Database) -> None:
    lease = acquire_lock(db, owner="a", ttl=TTL, now=T0)
    attach_run(db, lease, 41)
    with pytest.raises(LockHeldError) as held:
        acquire_lock(db, owner="b", ttl=TTL, now=T0 + timedelta(seconds=30))
    message = str(held.value)
    assert "run 41" in message and f"pid {os.getpid()}" in message
    assert "2026-03-01T03:01:00Z" in message  # when it expires unless renewed
    assert held.value.exit_code == ExitCode.LOCKED


def test_heartbeats_keep_the_lock_and_release_frees_it(db: Database) -> None:
    lease = acquire_lock(db, owner="a", ttl=TTL, now=T0)
    for minute in range(1, 5):  # renewed every minute: never expires
        assert renew_lock(db, lease, now=T0 + timedelta(minutes=minute, seconds=-10))
    with pytest.raises(LockHeldError):
        acquire_lock(db, owner="b", ttl=TTL, now=T0 + timedelta(minutes=4, seconds=30))
    assert release_lock(db, lease)
    assert read_lock(db) is None
    assert acquire_lock(db, owner="b", ttl=TTL, now=T0 + timedelta(minutes=4, seconds=31))


def test_an_expired_lock_is_taken_over_and_its_owner_knows(db: Database) -> None:
    crashed = acquire_lock(db, owner="crashed", ttl=TTL, now=T0)
    attach_run(db, crashed, 7)
    later = T0 + TTL + timedelta(seconds=1)
    lease = acquire_lock(db, owner="next", ttl=TTL, now=later)
    assert lease.took_over is not None
    assert (lease.took_over.owner, lease.took_over.run_id) == ("crashed", 7)
    assert not renew_lock(db, crashed, now=later)  # the crashed run, if it wakes, sees it lost
    assert not release_lock(db, crashed)  # and cannot free the new holder's lock
    holder = read_lock(db)
    assert holder is not None and holder.owner == "next"


def race_for_lock(db: Database, contenders: int, now: datetime) -> tuple[list[str], list[str]]:
    """``contenders`` threads released at the same instant, each trying to take the lock."""
    start = threading.Barrier(contenders)
    winners: list[str] = []
    refused: list[str] = []

    def contend(name: str) -> None:
        start.wait()
        try:
            acquire_lock(db, owner=name, ttl=TTL, now=now)
            winners.append(name)
        except LockHeldError:
            refused.append(name)

    threads = [threading.Thread(target=contend, args=(f"w{n}",)) for n in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return winners, refused


@pytest.mark.parametrize("expired_row", [False, True])
def test_racing_owners_never_both_win(db: Database, expired_row: bool) -> None:
    for round_number in range(5):
        if expired_row:  # the race is a compare-and-swap on an existing, expired row
            acquire_lock(db, owner=f"old{round_number}", ttl=TTL, now=T0)
        winners, refused = race_for_lock(db, 6, T0 + TTL * 2)
        assert len(winners) == 1 and len(refused) == 5
        holder = read_lock(db)
        assert holder is not None and holder.owner == winners[0]
        with db.transaction() as session:  # free the lock for the next round
            session.execute(delete(RunLock))


def test_a_run_refuses_to_start_while_another_holds_the_lock(db: Database, tmp_path: Path) -> None:
    acquire_lock(db, owner="other", ttl=TTL, now=T0)
    settings = load_settings({}, cwd=tmp_path)
    with pytest.raises(LockHeldError):
        run_tracking(db, [], settings=settings, clock=FixedClock(T0 + timedelta(seconds=5)))


def test_a_crashed_runs_lock_expires_and_the_run_is_marked_interrupted(
    db: Database, tmp_path: Path
) -> None:
    crashed = acquire_lock(db, owner="crashed", ttl=TTL, now=T0)
    doc = DocumentSpec(slug="a/b", service="A", type="B", url="http://127.0.0.1:9/")
    stale_run = create_run(db, [doc], trigger="cli", now=T0)
    attach_run(db, crashed, stale_run)
    settings = load_settings({"TRACKER_LOCK_TTL": "60"}, cwd=tmp_path)
    report = run_tracking(db, [], settings=settings, clock=FixedClock(T0 + timedelta(minutes=2)))
    assert report.results == () and not report.interrupted
    with db.reader() as session:
        statuses = {
            run_id: status for run_id, status in session.execute(select(Run.id, Run.status))
        }
    assert statuses == {stale_run: "interrupted", report.run_id: "ok"}
    assert read_lock(db) is None  # released at the end of the run


def tracker(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        env={**os.environ, **env},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_overlapping_runs_never_both_record(database_url: str, tmp_path: Path) -> None:
    # The first run's first request is held by the server until the second run has given
    # up: the two runs certainly overlap, whatever the machine's speed.
    first_request = threading.Event()
    second_done = threading.Event()

    def hold_first(_seen: Seen) -> None:
        if not first_request.is_set():
            first_request.set()
            second_done.wait(60)

    with MultiHostServer(hosts=2, on_request=hold_first).running() as server:
        urls = [server.url(n % 2, f"/doc/{n}") for n in range(6)]
        (tmp_path / "documents.toml").write_text(registry_text(urls), encoding="utf-8")
        env = {
            "TRACKER_DATABASE_URL": database_url,
            "TRACKER_REGISTRY": str(tmp_path / "documents.toml"),
            "TRACKER_DATA_DIR": str(tmp_path / "data"),
            "TRACKER_RULES": RULES_FILE,
            "TRACKER_HOST_DELAY": "0",
        }
        first = tracker("run", env=env, cwd=tmp_path)
        assert first_request.wait(60), first.communicate()
        second = tracker("run", env=env, cwd=tmp_path)
        _, second_err = second.communicate(timeout=60)
        second_done.set()
        first_out, first_err = first.communicate(timeout=60)
    assert second.returncode == 3, second_err
    assert "another run holds the run lock" in second_err
    assert first.returncode == 0, first_err
    assert (first_out, first_err) == ("", "")  # an all-good night under cron prints nothing
    assert set(server.requests.values()) == {1} and server.total_requests == 6
    db = open_database(database_url)
    try:
        with db.reader() as session:
            fetches = session.scalars(select(Fetch)).all()
            assert len(fetches) == 6 and {f.outcome for f in fetches} == {"changed"}
            assert len(session.scalars(select(Run)).all()) == 1
    finally:
        db.dispose()

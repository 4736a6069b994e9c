"""The run lock: a lease stored in the database, so it holds across processes and machines.

One row of ``run_locks`` per lock name. A run acquires the lease before it starts, renews it
with heartbeats while any of its workers is alive, and deletes it when it ends. A lease
that is not renewed expires after its TTL, and the next run takes it over: a crashed run
blocks the next one for at most ``TRACKER_LOCK_TTL`` seconds.

Every change is a compare-and-swap (``UPDATE ... WHERE owner = <the owner we read>``) or an
``INSERT`` that the primary key makes unique, so two runs racing for the lock cannot both
win, on SQLite (one writer at a time) as on PostgreSQL (row locks, and READ COMMITTED
re-checks the ``WHERE`` clause of a blocked ``UPDATE``). Times come from the caller's clock;
machines sharing a database must keep their clocks in sync (NTP), which any lease needs.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.errors import LockHeldError
from tracker.store.database import Database
from tracker.store.schema import RunLock

RUN_LOCK = "run"
_ACQUIRE_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds (or held) a lock, as stored in its row."""

    owner: str
    host: str | None
    pid: int | None
    run_id: int | None
    acquired_at: datetime | None
    heartbeat_at: datetime | None
    expires_at: datetime | None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at <= now

    def describe(self, now: datetime | None = None) -> str:
        """Who holds it, since when, until when (``now``: to say "expired" when it has)."""
        run = f"run {self.run_id}" if self.run_id is not None else "a run that is starting"
        started = f" at {_iso(self.acquired_at)}" if self.acquired_at else ""
        lease = (
            f"its lease expired at {_iso(self.expires_at)}"
            if now is not None and self.expired(now)
            else f"its lease expires at {_iso(self.expires_at)} unless renewed"
        )
        return f"{run}, started by {self.host or '?'} pid {self.pid or '?'}{started}; {lease}"


@dataclass(frozen=True, slots=True)
class Lease:
    """A lock this process acquired. ``took_over`` is the expired holder it replaced."""

    name: str
    owner: str
    ttl: timedelta
    took_over: Holder | None = None


def new_owner() -> str:
    """A token naming this holder: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def acquire_lock(
    db: Database, *, owner: str, ttl: timedelta, now: datetime, name: str = RUN_LOCK
) -> Lease:
    """Take the lock for ``owner`` or raise :class:`LockHeldError` naming the live holder."""
    values = {
        "owner": owner,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "run_id": None,
        "acquired_at": now,
        "heartbeat_at": now,
        "expires_at": now + ttl,
    }
    for _ in range(_ACQUIRE_ATTEMPTS):
        try:
            with db.transaction() as session:
                lease = _try_acquire(session, name, values, ttl)
        except IntegrityError:  # another process inserted the row first: read it again
            continue
        if lease is not None:
            return lease
    raise LockHeldError(f"the {name} lock is contended; try again")


def _try_acquire(
    session: Session, name: str, values: dict[str, Any], ttl: timedelta
) -> Lease | None:
    owner, now = values["owner"], values["acquired_at"]
    row = session.get(RunLock, name, populate_existing=True)
    if row is None:
        session.add(RunLock(name=name, **values))
        session.flush()
        return Lease(name=name, owner=owner, ttl=ttl)
    current = holder_of(row)
    if current is not None and not current.expired(now):
        raise LockHeldError(f"another run holds the {name} lock: {current.describe()}")
    swapped = _execute(
        session,
        update(RunLock)
        .where(RunLock.name == name, _owner_is(row.owner))
        .values(**values)
        .execution_options(synchronize_session=False),
    )
    if swapped.rowcount != 1:
        return None  # it changed under us: read it again
    return Lease(name=name, owner=owner, ttl=ttl, took_over=current)


def renew_lock(db: Database, lease: Lease, *, now: datetime) -> bool:
    """Extend the lease by its TTL. False if the lock is no longer ours (it expired and was
    taken over)."""
    with db.transaction() as session:
        result = _execute(
            session,
            update(RunLock)
            .where(RunLock.name == lease.name, RunLock.owner == lease.owner)
            .values(heartbeat_at=now, expires_at=now + lease.ttl)
            .execution_options(synchronize_session=False),
        )
        return result.rowcount == 1


def attach_run(db: Database, lease: Lease, run_id: int) -> None:
    """Record which run holds the lease, so that workers can join it and people can see it."""
    with db.transaction() as session:
        session.execute(
            update(RunLock)
            .where(RunLock.name == lease.name, RunLock.owner == lease.owner)
            .values(run_id=run_id)
            .execution_options(synchronize_session=False)
        )


def release_lock(db: Database, lease: Lease) -> bool:
    """Give the lock back. False if it was no longer ours."""
    with db.transaction() as session:
        result = _execute(
            session,
            delete(RunLock)
            .where(RunLock.name == lease.name, RunLock.owner == lease.owner)
            .execution_options(synchronize_session=False),
        )
        return result.rowcount == 1


def read_lock(db: Database, name: str = RUN_LOCK) -> Holder | None:
    """The current holder of ``name`` (possibly expired), or None when the lock is free."""
    with db.reader() as session:
        row = session.get(RunLock, name)
        return holder_of(row) if row is not None else None


def holder_of(row: RunLock) -> Holder | None:
    if row.owner is None:
        return None
    return Holder(
        owner=row.owner,
        host=row.host,
        pid=row.pid,
        run_id=row.run_id,
        acquired_at=row.acquired_at,
        heartbeat_at=row.heartbeat_at,
        expires_at=row.expires_at,
    )


def _owner_is(owner: str | None) -> Any:
    return RunLock.owner.is_(None) if owner is None else RunLock.owner == owner


def _execute(session: Session, statement: Any) -> CursorResult[Any]:
    return cast("CursorResult[Any]", session.execute(statement))


def _iso(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else "?"

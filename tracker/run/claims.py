"""The work list of a run, shared by its workers: one ``run_items`` row per document.

A run starts by writing its items (``pending``). Each worker, in its own process and
possibly on its own machine, *claims* a few items at a time::

    SELECT ... FROM run_items WHERE run_id = :run AND (pending OR claim expired)
    ORDER BY turn, position LIMIT :n FOR UPDATE SKIP LOCKED

and marks them ``claimed`` by itself with a lease (``lease_expires``), in one statement
(``UPDATE ... WHERE id IN (that SELECT) AND <the run is running> RETURNING id``), so that it
is atomic on SQLite too. ``SKIP LOCKED`` (PostgreSQL) lets workers claiming at the same
moment take different items instead of queueing on each other's row locks. A worker renews
the leases of its items with its heartbeat; the items of a worker that died are claimable
again once their lease expires.

An item becomes ``done`` inside the very transaction that records its document
(:func:`finish_claim`, the pipeline's record guard), by a conditional update that only
succeeds while the claim is still this worker's: a document is recorded once per run even
if a slow worker lost its claim to another. The next run deletes the items of the runs that
are over (:func:`forget_past_items`). SQLite has no ``SKIP LOCKED``; there one process
does the work (``--workers`` needs PostgreSQL), and the same statements are simply
serialised by SQLite's single writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Protocol, cast

from sqlalchemy import (
    CursorResult,
    Select,
    Update,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec
from tracker.run.concurrency import host_of, round_robin_turns
from tracker.store.database import Database
from tracker.store.records import render_options_of, sync_document_ids
from tracker.store.schema import Document, Run, RunItem, core_table
from tracker.vocabulary import FetchMode, ItemStatus, RunStatus


@dataclass(frozen=True, slots=True)
class Claim:
    """A document this worker has claimed in a run."""

    item_id: int
    spec: DocumentSpec
    document_id: int = 0


@dataclass(frozen=True, slots=True)
class Progress:
    pending: int
    claimed: int
    done: int

    @property
    def total(self) -> int:
        return self.pending + self.claimed + self.done

    @property
    def complete(self) -> bool:
        return self.pending == 0 and self.claimed == 0


def enqueue_documents(
    session: Session, run_id: int, documents: Sequence[DocumentSpec], now: datetime
) -> None:
    """Sync each document's row and add it to the run's work list, hosts interleaved."""
    turns = round_robin_turns([host_of(spec.url) for spec in documents])
    ids = sync_document_ids(session, documents, now)
    items = [
        {
            "run_id": run_id,
            "document_id": ids[spec.slug],
            "position": position,
            "turn": turn,
            "status": ItemStatus.PENDING,
            "claims": 0,
        }
        for position, (spec, turn) in enumerate(zip(documents, turns, strict=True))
    ]
    if items:
        session.execute(insert(core_table(RunItem)), items)


def forget_past_items(session: Session) -> None:
    """Delete the work lists of runs that are over (a run's report is read while it runs,
    and what it did stays in its fetch rows): the database does not grow by a row per
    document per night for a list nobody reads again. Called by a run that holds the run
    lock, before it writes its own items."""
    items = core_table(RunItem)
    over = select(Run.id).where(Run.status != RunStatus.RUNNING)
    session.execute(delete(items).where(items.c.run_id.in_(over)))


def claim_items(
    db: Database, run_id: int, worker: str, *, limit: int, now: datetime, ttl: timedelta
) -> list[Claim]:
    """Claim up to ``limit`` items of a running run: pending ones, or ones whose lease expired."""
    if limit <= 0:
        return []
    claim, claimed = _claim_statements()
    with db.transaction() as session:
        item_ids = list(
            session.scalars(
                claim,
                {
                    "run": run_id,
                    "limit": limit,
                    "now": now,
                    "claimant": worker,
                    "expires": now + ttl,
                },
            )
        )
        if not item_ids:
            return []
        rows = session.execute(claimed, {"ids": item_ids}).all()
        return [Claim(item_id=row.item_id, spec=spec_of(row), document_id=row.id) for row in rows]


@cache
def _claim_statements() -> tuple[Update, Select[Any]]:
    """The two statements of a claim, on Core tables, built once (a night claims a few
    hundred times): the claim itself (``UPDATE ... WHERE id IN (SELECT ... LIMIT :limit FOR
    UPDATE SKIP LOCKED) AND <the run is running> RETURNING id``: the run's status is asked in
    the same statement, not by one of its own before it); the claimed items' documents, as
    columns (no ORM objects)."""
    items, runs, documents = core_table(RunItem), core_table(Run), core_table(Document)
    running = exists().where(runs.c.id == bindparam("run"), runs.c.status == RunStatus.RUNNING)
    now = bindparam("now", type_=items.c.claimed_at.type)
    claimable = or_(
        items.c.status == ItemStatus.PENDING,
        and_(items.c.status == ItemStatus.CLAIMED, items.c.lease_expires <= now),
    )
    claimable_ids = (
        select(items.c.id)
        .where(items.c.run_id == bindparam("run"), claimable)
        .order_by(items.c.turn, items.c.position)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(items)
        .where(items.c.id.in_(claimable_ids), running)
        .values(
            status=ItemStatus.CLAIMED,
            worker=bindparam("claimant"),
            claims=items.c.claims + 1,
            claimed_at=now,
            lease_expires=bindparam("expires", type_=items.c.lease_expires.type),
        )
        .returning(items.c.id)
    )
    claimed = (
        select(items.c.id.label("item_id"), *documents.c)
        .join(documents, documents.c.id == items.c.document_id)
        .where(items.c.id.in_(bindparam("ids", expanding=True)))
        .order_by(items.c.turn, items.c.position)
    )
    return claim, claimed


def finish_claim(session: Session, item_id: int, worker: str, now: datetime) -> bool:
    """Mark an item done if it is still claimed by ``worker``; call it inside the transaction
    that records the document, so that both commit or neither does."""
    result = _execute(
        session,
        update(RunItem)
        .where(
            RunItem.id == item_id, RunItem.worker == worker, RunItem.status == ItemStatus.CLAIMED
        )
        .values(status=ItemStatus.DONE, finished_at=now, lease_expires=None)
        .execution_options(synchronize_session=False),
    )
    return result.rowcount == 1


@cache
def _finish_claims_statement() -> Update:
    """UPDATE run_items SET done WHERE id IN :ids AND still claimed by :worker RETURNING id
    (built once: the hot path of a night)."""
    items = core_table(RunItem)
    return (
        update(items)
        .where(
            items.c.id.in_(bindparam("ids", expanding=True)),
            items.c.worker == bindparam("claimant"),
            items.c.status == ItemStatus.CLAIMED,
        )
        .values(
            status=ItemStatus.DONE,
            finished_at=bindparam("done_at", type_=items.c.finished_at.type),
            lease_expires=None,
        )
        .returning(items.c.id)
    )


def finish_claims(
    session: Session, item_ids: Sequence[int], worker: str, now: datetime
) -> set[int]:
    """:func:`finish_claim` for several items in one statement: the ids of those that were
    still claimed by ``worker`` (now done). Call it inside the transaction that records
    their documents."""
    if not item_ids:
        return set()
    done = session.execute(
        _finish_claims_statement(), {"ids": list(item_ids), "claimant": worker, "done_at": now}
    )
    return set(done.scalars())


def upcoming_documents(db: Database, run_id: int, *, limit: int) -> list[int]:
    """The documents of the next ``limit`` items of the run not done yet, in claim order
    (whoever claims them): what a worker reads ahead of its claims."""
    with db.reader() as session:
        return list(
            session.scalars(
                select(RunItem.document_id)
                .where(RunItem.run_id == run_id, RunItem.status != ItemStatus.DONE)
                .order_by(RunItem.turn, RunItem.position)
                .limit(limit)
            )
        )


def renew_claims(db: Database, run_id: int, worker: str, *, now: datetime, ttl: timedelta) -> int:
    """Extend the leases of every item ``worker`` holds in the run; returns how many."""
    with db.transaction() as session:
        result = _execute(
            session,
            update(RunItem)
            .where(
                RunItem.run_id == run_id,
                RunItem.worker == worker,
                RunItem.status == ItemStatus.CLAIMED,
            )
            .values(lease_expires=now + ttl)
            .execution_options(synchronize_session=False),
        )
        return result.rowcount


def release_claims(db: Database, worker: str, item_ids: Sequence[int]) -> None:
    """Give unstarted items back (on shutdown), so that other workers can take them now."""
    if not item_ids:
        return
    with db.transaction() as session:
        session.execute(
            update(RunItem)
            .where(
                RunItem.id.in_(list(item_ids)),
                RunItem.worker == worker,
                RunItem.status == ItemStatus.CLAIMED,
            )
            .values(status=ItemStatus.PENDING, worker=None, lease_expires=None)
            .execution_options(synchronize_session=False)
        )


def run_progress(session: Session, run_id: int) -> Progress:
    counts: dict[str, int] = {
        status: count
        for status, count in session.execute(
            select(RunItem.status, func.count())
            .where(RunItem.run_id == run_id)
            .group_by(RunItem.status)
        )
    }
    return Progress(
        pending=counts.get(ItemStatus.PENDING, 0),
        claimed=counts.get(ItemStatus.CLAIMED, 0),
        done=counts.get(ItemStatus.DONE, 0),
    )


class DocumentFields(Protocol):
    """What :func:`spec_of` reads: a :class:`Document`, or a row of its columns."""

    slug: str
    service: str
    type: str
    url: str
    select_rules: list[Any]
    remove_rules: list[Any]
    active: bool
    fetch: str
    render_options: dict[str, Any] | None


def spec_of(document: DocumentFields) -> DocumentSpec:
    """The registry entry a document row mirrors (workers need no registry of their own)."""
    return DocumentSpec(
        slug=document.slug,
        service=document.service,
        type=document.type,
        url=document.url,
        rules=ExtractionRules(
            select=tuple(document.select_rules), remove=tuple(document.remove_rules)
        ),
        active=document.active,
        fetch=FetchMode(document.fetch),
        render=render_options_of(document.render_options),
    )


def _execute(session: Session, statement: Any) -> CursorResult[Any]:
    return cast("CursorResult[Any]", session.execute(statement))

"""One run of the tracker: the run lock, the run's work list, concurrent fetching, workers.

::

    start_run (the process that starts the run)     join_run (more processes, other machines)
      take the run lock, or LockHeldError (exit 3)     find the run holding the lock
      write the run row and its work list                             │
      └──────────────┬────────────────────────────────────────────────┘
                     Worker.work: until no item is left
                       claim a few items (tracker.claims) -> prepare each (one transaction)
                       -> fetch threads: HostLimiter slots, retries with backoff
                       -> record each page on the worker's main thread, one transaction per
                          document, which also marks its item done
                       heartbeat thread: renews the run lock and this worker's claims
      finish the run (status and counts) and release the lock

Inside a worker, only the fetches are concurrent: ``TRACKER_CONCURRENCY`` threads do HTTP,
and the worker's main thread does all the database work, one document at a time. That fits
SQLite (one writer) and keeps each transaction short; the CPU-bound part (extraction, diff)
runs in parallel only across worker processes, which need PostgreSQL.

A stop request (SIGTERM, SIGINT: ``options.stop``) ends the worker cleanly: nothing more is
claimed or started, the fetches in flight finish and are recorded, unstarted claims are
handed back, and the run is marked ``interrupted`` by the process that started it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tracker.claims import (
    RUN_RUNNING,
    Claim,
    claim_items,
    enqueue_documents,
    finish_claim,
    release_claims,
    renew_claims,
    run_progress,
)
from tracker.clock import Clock
from tracker.concurrency import HostLimiter, host_of
from tracker.errors import FetchError
from tracker.fetch import FetchedPage, build_client, fetch_with_retries, retry_policy
from tracker.lock import (
    RUN_LOCK,
    Holder,
    Lease,
    acquire_lock,
    attach_run,
    new_owner,
    read_lock,
    release_lock,
    renew_lock,
)
from tracker.pipeline import (
    ChangeClassifier,
    DocumentResult,
    PipelineContext,
    PreparedFetch,
    RunReport,
    VersionAnnotator,
    fetch_prepared,
    prepare_fetch,
    record_fetch_error,
    record_internal_error,
    record_page,
)
from tracker.registry import DocumentSpec
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.store.schema import (
    OUTCOME_CHANGED,
    OUTCOME_FAILED,
    OUTCOME_SUSPECT,
    ChangeRow,
    Document,
    Fetch,
    Run,
    RunItem,
    Version,
)

log = logging.getLogger(__name__)

RUN_INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class RunOptions:
    """How to run, beyond the settings: hooks for the CLI and the scheduler."""

    trigger: str = "cli"
    classify: ChangeClassifier | None = None
    annotate: VersionAnnotator | None = None
    client: httpx.Client | None = None  # shared by the fetch threads (httpx.Client is)
    on_result: Callable[[DocumentResult], None] | None = None  # this process's documents
    on_started: Callable[[int], None] | None = None  # run id known: start more workers
    stop: threading.Event = field(default_factory=threading.Event)
    worker: str | None = None  # this worker's name (default: host:pid:random)


def start_run(
    db: Database,
    documents: Sequence[DocumentSpec],
    *,
    settings: Settings,
    clock: Clock,
    options: RunOptions | None = None,
) -> RunReport:
    """Take the run lock, track ``documents`` (with whatever workers join), finish the run.

    Raises :class:`LockHeldError` when another live run holds the lock. The report covers
    every document of the run, whichever worker processed it.
    """
    options = options or RunOptions()
    name = options.worker or new_owner()
    ttl = timedelta(seconds=settings.lock_ttl)
    lease = acquire_lock(db, owner=name, ttl=ttl, now=clock())
    run_id: int | None = None
    finished = False
    try:
        if lease.took_over is not None:
            log.warning("took over an expired run lock: %s", lease.took_over.describe(clock()))
            if lease.took_over.run_id is not None:
                interrupt_run(db, lease.took_over.run_id, clock())
        run_id = create_run(db, documents, trigger=options.trigger, now=clock())
        attach_run(db, lease, run_id)
        log.info(
            "run %d started: %d documents",
            run_id,
            len(documents),
            extra={"run": run_id, "worker": name},
        )
        if options.on_started is not None:
            options.on_started(run_id)
        with pipeline_context(db, settings, clock, options) as context:
            Worker(context, run_id, name, lease=lease, options=options).work()
        report = finish_run(db, run_id, clock(), interrupt=True)
        finished = True
        return report
    finally:
        if run_id is not None and not finished:
            interrupt_run(db, run_id, clock())
        release_lock(db, lease)


def join_run(
    db: Database,
    *,
    settings: Settings,
    clock: Clock,
    options: RunOptions | None = None,
    wait_seconds: float = 0.0,
    run_id: int | None = None,
) -> RunReport | None:
    """Work on the run in progress (run ``run_id``, if given) as one more worker; None when
    there is none (after waiting up to ``wait_seconds`` for one to start)."""
    options = options or RunOptions()
    holder = wait_for_run(db, clock, wait_seconds, options.stop, run_id)
    if holder is None or holder.run_id is None:
        return None
    run_id = holder.run_id
    name = options.worker or new_owner()
    lease = Lease(name=RUN_LOCK, owner=holder.owner, ttl=timedelta(seconds=settings.lock_ttl))
    log.info("joined run %d", run_id, extra={"run": run_id, "worker": name})
    with pipeline_context(db, settings, clock, options) as context:
        Worker(context, run_id, name, lease=lease, options=options).work()
    report = finish_run(db, run_id, clock(), interrupt=False)
    if not report.interrupted:
        release_lock(db, lease)  # no-op when the starting process released it first
    return report


def wait_for_run(
    db: Database,
    clock: Clock,
    wait_seconds: float,
    stop: threading.Event,
    run_id: int | None = None,
) -> Holder | None:
    """The live holder of the run lock once it has a run (run ``run_id``, if given), polling
    up to ``wait_seconds``; None at once when run ``run_id`` is already over."""
    deadline = time.monotonic() + wait_seconds
    while True:
        holder = read_lock(db)
        live = holder is not None and holder.run_id is not None and not holder.expired(clock())
        if live and holder is not None and run_id in (None, holder.run_id):
            return holder
        if run_id is not None and _run_status(db, run_id) not in (None, RUN_RUNNING):
            return None
        remaining = deadline - time.monotonic()
        if remaining <= 0 or stop.wait(min(1.0, remaining)):
            return None


def _run_status(db: Database, run_id: int) -> str | None:
    with db.reader() as session:
        return session.scalar(select(Run.status).where(Run.id == run_id))


@contextmanager
def pipeline_context(
    db: Database, settings: Settings, clock: Clock, options: RunOptions
) -> Iterator[PipelineContext]:
    client = options.client or build_client(settings)
    try:
        yield PipelineContext(
            db=db,
            settings=settings,
            clock=clock,
            client=client,
            classify=options.classify or (lambda diff: diff),
            annotate=options.annotate,
        )
    finally:
        if options.client is None:
            client.close()


def create_run(
    db: Database, documents: Sequence[DocumentSpec], *, trigger: str, now: datetime
) -> int:
    """The run row and its work list, in one transaction."""
    with db.transaction() as session:
        run = Run(
            started_at=now,
            status=RUN_RUNNING,
            trigger=trigger,
            documents_total=len(documents),
            documents_failed=0,
            documents_changed=0,
        )
        session.add(run)
        session.flush()
        enqueue_documents(session, run.id, documents, now)
        return run.id


def interrupt_run(db: Database, run_id: int, now: datetime) -> None:
    """Mark a run that stopped before its end (crash, shutdown, lost lock) as interrupted."""
    with db.transaction() as session:
        _close_run(session, run_id, RUN_INTERRUPTED, now)


def finish_run(db: Database, run_id: int, now: datetime, *, interrupt: bool) -> RunReport:
    """Close the run if every item is done (or as interrupted when ``interrupt`` and some are
    not), and report on all of its documents."""
    with db.transaction() as session:
        progress = run_progress(session, run_id)
        results = run_results(session, run_id)
        if progress.complete:
            status = "failed" if any(r.failed for r in results) else "ok"
            _close_run(session, run_id, status, now)
        elif interrupt:
            _close_run(session, run_id, RUN_INTERRUPTED, now)
        run = session.get_one(Run, run_id)
        return RunReport(
            run_id=run_id,
            started_at=run.started_at,
            finished_at=run.finished_at or now,
            results=results,
            interrupted=not progress.complete,
        )


def _close_run(session: Session, run_id: int, status: str, now: datetime) -> None:
    failed = session.scalar(
        select(func.count())
        .select_from(Fetch)
        .where(Fetch.run_id == run_id, Fetch.outcome.in_((OUTCOME_FAILED, OUTCOME_SUSPECT)))
    )
    changed = session.scalar(
        select(func.count())
        .select_from(Fetch)
        .where(Fetch.run_id == run_id, Fetch.outcome == OUTCOME_CHANGED)
    )
    session.execute(
        update(Run)
        .where(Run.id == run_id, Run.status == RUN_RUNNING)
        .values(
            status=status,
            finished_at=now,
            documents_failed=failed or 0,
            documents_changed=changed or 0,
        )
        .execution_options(synchronize_session=False)
    )


def run_results(session: Session, run_id: int) -> tuple[DocumentResult, ...]:
    """What happened to each document of the run, in registry order, from the fetch rows."""
    rows = session.execute(
        select(Document.slug, Fetch, Version.number)
        .join(RunItem, RunItem.document_id == Document.id)
        .join(Fetch, (Fetch.run_id == RunItem.run_id) & (Fetch.document_id == Document.id))
        .outerjoin(Version, Version.id == Fetch.version_id)
        .where(RunItem.run_id == run_id)
        .order_by(RunItem.position, Fetch.id)
    ).all()
    changed_versions = [f.version_id for _, f, _ in rows if f.outcome == OUTCOME_CHANGED]
    change_counts: dict[int, int] = {
        version_id: count
        for version_id, count in session.execute(
            select(ChangeRow.to_version_id, func.count())
            .where(ChangeRow.to_version_id.in_(changed_versions))
            .group_by(ChangeRow.to_version_id)
        )
    }
    return tuple(
        DocumentResult(
            slug=slug,
            outcome=fetch.outcome,
            version_number=number,
            changes=change_counts.get(fetch.version_id, 0) if fetch.version_id else 0,
            error_kind=fetch.error_kind,
            error=fetch.error_message,
        )
        for slug, fetch, number in rows
    )


@dataclass
class _Item:
    """A claimed document on its way through this worker."""

    claim: Claim
    prepared: PreparedFetch

    @property
    def host(self) -> str:
        return host_of(self.prepared.spec.url)


class Worker:
    """Claims documents of one run and tracks them until none is left (see module doc)."""

    def __init__(
        self,
        context: PipelineContext,
        run_id: int,
        name: str,
        *,
        lease: Lease | None,
        options: RunOptions,
    ) -> None:
        settings = context.settings
        self.context = context
        self.run_id = run_id
        self.name = name
        self.lease = lease
        self.stop = options.stop
        self.on_result = options.on_result
        self.concurrency = settings.concurrency
        self.limiter = HostLimiter(settings.per_host, settings.host_delay)
        self.policy = retry_policy(settings)
        self.ttl = timedelta(seconds=settings.lock_ttl)
        self.poll = min(1.0, settings.lock_ttl / 4)
        self.lock_lost = threading.Event()

    @property
    def stopping(self) -> bool:
        return self.stop.is_set() or self.lock_lost.is_set()

    def work(self) -> None:
        heartbeat = Heartbeat(self)
        heartbeat.start()
        try:
            with ThreadPoolExecutor(self.concurrency, thread_name_prefix="fetch") as pool:
                self._loop(pool)
        finally:
            heartbeat.finish()

    def _loop(self, pool: ThreadPoolExecutor) -> None:
        queue: deque[_Item] = deque()
        in_flight: dict[Future[FetchedPage], _Item] = {}
        while True:
            if self.stopping:
                release_claims(self.context.db, self.name, [i.claim.item_id for i in queue])
                queue.clear()
            else:
                # hold no more than the threads can start: a document waiting here for its
                # host is one another worker could be fetching
                if len(queue) + len(in_flight) < self.concurrency:
                    self._claim_more(queue, self.concurrency - len(queue) - len(in_flight))
                self._dispatch(queue, in_flight, pool)
            if in_flight:
                done, _ = wait(
                    in_flight, timeout=self._next_wake(queue), return_when=FIRST_COMPLETED
                )
                for future in done:
                    self._record(in_flight.pop(future), future)
            elif self.stopping or (not queue and self._run_over()):
                return
            else:
                self.stop.wait(self._next_wake(queue))

    def _claim_more(self, queue: deque[_Item], limit: int) -> None:
        claims = claim_items(
            self.context.db,
            self.run_id,
            self.name,
            limit=limit,
            now=self.context.clock(),
            ttl=self.ttl,
        )
        for claim in claims:
            try:
                queue.append(_Item(claim, prepare_fetch(self.context, claim.spec)))
            except Exception as exc:
                started_at = self.context.clock()
                self._report(
                    record_internal_error(
                        self.context,
                        claim.spec,
                        started_at,
                        exc,
                        run_id=self.run_id,
                        guard=self._guard(claim),
                    ),
                    claim,
                )

    def _dispatch(
        self,
        queue: deque[_Item],
        in_flight: dict[Future[FetchedPage], _Item],
        pool: ThreadPoolExecutor,
    ) -> None:
        """Start fetches while threads are free, skipping hosts that must wait."""
        for _ in range(len(queue)):
            if len(in_flight) >= self.concurrency:
                return
            item = queue.popleft()
            if self.limiter.try_acquire(item.host) > 0:
                queue.append(item)
                continue
            in_flight[pool.submit(self._fetch, item)] = item

    def _next_wake(self, queue: deque[_Item]) -> float:
        waits = [self.limiter.wait_time(item.host) for item in queue]
        return min([w for w in waits if w > 0] + [self.poll])

    def _fetch(self, item: _Item) -> FetchedPage:
        """Runs in a fetch thread, holding the host slot the dispatcher took for it."""
        host = item.host
        slot_taken = True

        def attempt() -> FetchedPage:
            nonlocal slot_taken
            if slot_taken:
                slot_taken = False
                try:
                    return fetch_prepared(self.context, item.prepared)
                finally:
                    self.limiter.release(host)
            with self.limiter.slot(host):
                return fetch_prepared(self.context, item.prepared)

        def on_retry(error: FetchError, retry: int, delay: float) -> None:
            self.limiter.defer(host, delay)  # the whole host backs off, not only this page
            log.info(
                "%s: %s; retry %d in %.1fs",
                item.prepared.spec.slug,
                error,
                retry,
                delay,
                extra={"document": item.prepared.spec.slug, "run": self.run_id},
            )

        return fetch_with_retries(
            attempt,
            self.policy,
            clock=self.context.clock,
            pause=lambda seconds: not self.stop.wait(seconds),
            on_retry=on_retry,
        )

    def _record(self, item: _Item, future: Future[FetchedPage]) -> None:
        """Record a finished fetch on this thread, in one transaction with its item's done mark."""
        guard = self._guard(item.claim)
        context, prepared = self.context, item.prepared
        try:
            try:
                page = future.result()
            except FetchError as exc:
                result = record_fetch_error(context, prepared, exc, run_id=self.run_id, guard=guard)
            else:
                result = record_page(context, prepared, page, run_id=self.run_id, guard=guard)
        except Exception as exc:
            result = record_internal_error(
                context, prepared.spec, prepared.started_at, exc, run_id=self.run_id, guard=guard
            )
        self._report(result, item.claim)

    def _guard(self, claim: Claim) -> Callable[[Session], bool]:
        def guard(session: Session) -> bool:
            return finish_claim(session, claim.item_id, self.name, self.context.clock())

        return guard

    def _report(self, result: DocumentResult | None, claim: Claim) -> None:
        if result is None:
            log.warning(
                "%s: claim taken over by another worker; not recorded here",
                claim.spec.slug,
                extra={"document": claim.spec.slug, "run": self.run_id},
            )
        elif self.on_result is not None:
            self.on_result(result)

    def _run_over(self) -> bool:
        """True when every item is done, or the run is no longer running (interrupted)."""
        with self.context.db.reader() as session:
            status = session.scalar(select(Run.status).where(Run.id == self.run_id))
            return status != RUN_RUNNING or run_progress(session, self.run_id).complete

    def heartbeat(self) -> None:
        """Renew the run lock and this worker's claims (called by :class:`Heartbeat`)."""
        now = self.context.clock()
        if self.lease is not None and not renew_lock(self.context.db, self.lease, now=now):
            if not self.lock_lost.is_set() and not self._run_over():
                log.error("run %d lost its run lock; stopping this worker", self.run_id)
            self.lock_lost.set()
        renew_claims(self.context.db, self.run_id, self.name, now=now, ttl=self.ttl)


class Heartbeat:
    """A thread that calls :meth:`Worker.heartbeat` every third of the lease TTL."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.interval = worker.ttl.total_seconds() / 3
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def finish(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            try:
                self.worker.heartbeat()
            except Exception as exc:  # a database hiccup: the next beat tries again
                log.warning("heartbeat failed: %s: %s", type(exc).__name__, exc)

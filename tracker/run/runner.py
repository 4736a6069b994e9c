"""One run of the tracker: the run lock, the run's work list, and its end.

::

    start_run (the process that starts the run)     join_run (more processes, other machines)
      take the run lock, or LockHeldError (exit 3)     find the run holding the lock
      write the run row and its work list                             │
      └──────────────┬────────────────────────────────────────────────┘
                     Worker.work (tracker.run.worker): claim, fetch concurrently, record
      finish the run (status and counts) and release the lock

The report of a run covers all of its documents, whichever worker recorded them: it is read
back from the fetch rows. A stop request (SIGTERM, SIGINT: ``options.stop``) ends the
workers cleanly, and the process that started the run marks it ``interrupted``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tracker.classify import RuleSet
from tracker.clock import Clock
from tracker.errors import ExitCode
from tracker.fetch import Fetcher, Fetchers
from tracker.fetch.http import HttpFetcher
from tracker.registry import DocumentSpec
from tracker.run.claims import enqueue_documents, forget_past_items, run_progress
from tracker.run.concurrency import host_of
from tracker.run.lock import (
    RUN_LOCK,
    Holder,
    Lease,
    acquire_lock,
    attach_run,
    new_owner,
    read_lock,
    release_lock,
)
from tracker.run.worker import Worker
from tracker.settings import Settings
from tracker.store.clause_search import index_new_clauses
from tracker.store.database import Database
from tracker.store.schema import ChangeRow, Document, Fetch, Run, RunItem, Version
from tracker.track.context import (
    ChangeClassifier,
    DocumentResult,
    TrackContext,
    VersionAnnotator,
)
from tracker.vocabulary import Outcome, RunStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    """How to run, beyond the settings: hooks for the CLI and the scheduler."""

    trigger: str = "cli"
    classify: ChangeClassifier | None = None
    annotate: VersionAnnotator | None = None
    client: httpx.Client | None = None  # shared by the fetch threads (httpx.Client is)
    fetcher: Fetcher | None = None  # instead of the one of its name (tests, tools); left open
    fetchers: Mapping[str, Fetcher] = field(default_factory=dict)  # the same, several
    rules: RuleSet | None = None  # the rule file of classify/annotate (extraction processes)
    on_result: Callable[[DocumentResult], None] | None = None  # this process's documents
    on_started: Callable[[int], None] | None = None  # run id known: start more workers
    stop: threading.Event = field(default_factory=threading.Event)
    worker: str | None = None  # this worker's name (default: host:pid:random)


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one run did to each of its documents, whichever worker recorded them."""

    run_id: int
    started_at: datetime
    finished_at: datetime
    results: tuple[DocumentResult, ...]
    interrupted: bool = False  # stopped (SIGTERM, SIGINT) before every document was done

    @property
    def failed(self) -> tuple[DocumentResult, ...]:
        return tuple(r for r in self.results if r.failed)

    @property
    def changed(self) -> tuple[DocumentResult, ...]:
        return tuple(r for r in self.results if r.outcome == Outcome.CHANGED)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.FAILED if self.failed or self.interrupted else ExitCode.OK


def run_tracking(
    db: Database,
    documents: Sequence[DocumentSpec],
    *,
    settings: Settings,
    clock: Clock,
    classify: ChangeClassifier | None = None,
    client: httpx.Client | None = None,
    trigger: str = "cli",
    on_result: Callable[[DocumentResult], None] | None = None,
    annotate: VersionAnnotator | None = None,
) -> RunReport:
    """Track ``documents`` once under the run lock, fetching concurrently, and record the run
    (:func:`start_run` with its options spelled out)."""
    options = RunOptions(
        trigger=trigger, classify=classify, annotate=annotate, client=client, on_result=on_result
    )
    return start_run(db, documents, settings=settings, clock=clock, options=options)


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
        interrupt_abandoned_runs(db, clock())
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
        hosts = len({host_of(spec.url) for spec in documents})
        with tracking_context(db, settings, clock, options, hosts=hosts) as (context, fetcher):
            Worker(
                context,
                fetcher,
                run_id,
                name,
                lease=lease,
                stop=options.stop,
                on_result=options.on_result,
            ).work()
        _index_new_clauses(db)
        report = finish_run(db, run_id, clock(), interrupt=True)
        finished = True
        return report
    finally:
        if run_id is not None and not finished:
            interrupt_run(db, run_id, clock())
        release_lock(db, lease)


def _index_new_clauses(db: Database) -> None:
    """The search index brought up to date with the run's new clause texts (SQLite). A
    database too busy for it leaves them to the next run: searches read them meanwhile, so a
    run whose documents are all recorded does not fail for it."""
    try:
        index_new_clauses(db)
    except OperationalError as exc:
        log.warning("the search index was not brought up to date (the next run will): %s", exc)


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
    with tracking_context(db, settings, clock, options) as (context, fetcher):
        Worker(
            context,
            fetcher,
            run_id,
            name,
            lease=lease,
            stop=options.stop,
            on_result=options.on_result,
        ).work()
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
        if run_id is not None and _run_status(db, run_id) not in (None, RunStatus.RUNNING):
            return None
        remaining = deadline - time.monotonic()
        if remaining <= 0 or stop.wait(min(1.0, remaining)):
            return None


def _run_status(db: Database, run_id: int) -> str | None:
    with db.reader() as session:
        return session.scalar(select(Run.status).where(Run.id == run_id))


@contextmanager
def tracking_context(
    db: Database, settings: Settings, clock: Clock, options: RunOptions, *, hosts: int = 0
) -> Iterator[tuple[TrackContext, Fetchers]]:
    """The recording context and the fetchers of one worker: each document's ``fetch`` mode
    picks one, opened on first use (a browser only if a document needs it), all closed at
    the end, whatever way the worker ends. ``hosts``: how many hosts the run's documents are
    on, if known (sizes the HTTP connection pool)."""
    given: dict[str, Fetcher] = dict(options.fetchers)
    if options.fetcher is not None:
        given[options.fetcher.name] = options.fetcher
    elif options.client is not None:  # the caller's client, left open by HttpFetcher
        given["http"] = HttpFetcher(settings, client=options.client)
    opened: dict[str, Fetcher] = {}
    if "http" not in given:
        opened["http"] = HttpFetcher(settings, hosts=hosts)
    with Fetchers(settings, given, opened=opened) as fetchers:
        yield (
            TrackContext(
                db=db,
                settings=settings,
                clock=clock,
                classify=options.classify or (lambda diff: diff),
                annotate=options.annotate,
                rules=options.rules,
            ),
            fetchers,
        )


def create_run(
    db: Database, documents: Sequence[DocumentSpec], *, trigger: str, now: datetime
) -> int:
    """The run row and its work list, in one transaction."""
    with db.transaction() as session:
        run = Run(
            started_at=now,
            status=RunStatus.RUNNING,
            trigger=trigger,
            documents_total=len(documents),
            documents_failed=0,
            documents_changed=0,
        )
        forget_past_items(session)
        session.add(run)
        session.flush()
        enqueue_documents(session, run.id, documents, now)
        return run.id


def interrupt_abandoned_runs(db: Database, now: datetime) -> list[int]:
    """Mark every run still ``running`` as interrupted; called by a run that has just taken
    the run lock, before it creates its own run row.

    A run runs only while it holds the lock, so when we hold it every other ``running`` run
    is a dead one: the holder of the expired lock we took over, and also a process that died
    between writing its run row and recording the run's id on the lock (which no takeover
    could name).
    """
    with db.transaction() as session:
        abandoned = list(session.scalars(select(Run.id).where(Run.status == RunStatus.RUNNING)))
        for run_id in abandoned:
            _close_run(session, run_id, RunStatus.INTERRUPTED, now)
    for run_id in abandoned:
        log.warning("run %d had stopped without finishing: marked interrupted", run_id)
    return abandoned


def interrupt_run(db: Database, run_id: int, now: datetime) -> None:
    """Mark a run that stopped before its end (crash, shutdown, lost lock) as interrupted."""
    with db.transaction() as session:
        _close_run(session, run_id, RunStatus.INTERRUPTED, now)


def finish_run(db: Database, run_id: int, now: datetime, *, interrupt: bool) -> RunReport:
    """Close the run if every item is done (or as interrupted when ``interrupt`` and some are
    not), and report on all of its documents."""
    with db.transaction() as session:
        progress = run_progress(session, run_id)
        results = run_results(session, run_id)
        if progress.complete:
            status = RunStatus.FAILED if any(r.failed for r in results) else RunStatus.OK
            _close_run(session, run_id, status, now)
        elif interrupt:
            _close_run(session, run_id, RunStatus.INTERRUPTED, now)
        run = session.get_one(Run, run_id)
        return RunReport(
            run_id=run_id,
            started_at=run.started_at,
            finished_at=run.finished_at or now,
            results=results,
            interrupted=not progress.complete,
        )


def _close_run(session: Session, run_id: int, status: RunStatus, now: datetime) -> None:
    failed = session.scalar(
        select(func.count())
        .select_from(Fetch)
        .where(Fetch.run_id == run_id, Fetch.outcome.in_((Outcome.FAILED, Outcome.SUSPECT)))
    )
    changed = session.scalar(
        select(func.count())
        .select_from(Fetch)
        .where(Fetch.run_id == run_id, Fetch.outcome == Outcome.CHANGED)
    )
    session.execute(
        update(Run)
        .where(Run.id == run_id, Run.status == RunStatus.RUNNING)
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
        select(
            Document.slug,
            Fetch.outcome,
            Fetch.version_id,
            Fetch.error_kind,
            Fetch.error_message,
            Version.number,
        )  # columns only: a night's worth of ORM fetch objects is not needed here
        .join(RunItem, RunItem.document_id == Document.id)
        .join(Fetch, (Fetch.run_id == RunItem.run_id) & (Fetch.document_id == Document.id))
        .outerjoin(Version, Version.id == Fetch.version_id)
        .where(RunItem.run_id == run_id)
        .order_by(RunItem.position, Fetch.id)
    ).all()
    changed_versions = [row.version_id for row in rows if row.outcome == Outcome.CHANGED]
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
            slug=row.slug,
            outcome=row.outcome,
            version_number=row.number,
            changes=change_counts.get(row.version_id, 0) if row.version_id else 0,
            error_kind=row.error_kind,
            error=row.error_message,
        )
        for row in rows
    )

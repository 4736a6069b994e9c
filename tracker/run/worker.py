"""One worker of a run: claims documents, fetches them concurrently, records them one by one.

Threads, per worker process::

    main thread      claim a few items (tracker.run.claims) -> prepare each (one transaction)
                     -> dispatch to a fetch thread once its host has a free slot
                     -> record each finished fetch: one transaction per document, whose first
                        statement marks its item done (the record guard)
    fetch threads    TRACKER_CONCURRENCY of them: HostLimiter slot -> the document's fetcher
                     (http: conditional GET; browser: a render, at most TRACKER_BROWSER_PAGES
                     at once, however many threads ask) -> retries with backoff (the whole
                     host is paused meanwhile)
    heartbeat        renews the run lock and this worker's claims every TRACKER_LOCK_TTL/3

Only the fetches are concurrent: the database work stays on the main thread, which fits
SQLite (one writer) and keeps transactions short; CPU parallelism across documents comes
from more worker processes (PostgreSQL). A stop request ends the loop cleanly: nothing more
is claimed or started, retry waits end, fetches in flight are recorded, and the claims not
started are handed back.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.errors import FetchError
from tracker.fetch import FetchedPage, Fetcher
from tracker.fetch.retry import fetch_with_retries, retry_policy
from tracker.guard.text import facts_from_record
from tracker.model import sha256_hex
from tracker.run.claims import (
    Claim,
    claim_items,
    finish_claim,
    finish_claims,
    release_claims,
    renew_claims,
    run_progress,
    upcoming_documents,
)
from tracker.run.concurrency import HostLimiter, host_of
from tracker.run.lock import Lease, renew_lock
from tracker.store.blobs import read_text_blob
from tracker.store.records import version_clause_records
from tracker.store.schema import Run, Version
from tracker.track.context import DocumentResult, TrackContext, extraction_fingerprint
from tracker.track.decide import Verified
from tracker.track.extraction import Base, Extraction
from tracker.track.prepare import PreparedFetch, fetch_prepared, prepare_batch, prepare_fetch
from tracker.track.record import (
    SeenAgainPage,
    needs_extraction,
    record_fetch_error,
    record_internal_error,
    record_page,
    record_seen_again_batch,
    seen_again,
)
from tracker.track.state import DocumentState, load_states
from tracker.vocabulary import FetchMode, RunStatus

if TYPE_CHECKING:
    # imported when a page is first sent to the pool: a night with nothing to extract loads
    # no multiprocessing, fork server or ctypes (issue 14)
    from tracker.run.extraction_pool import ExtractionPool

log = logging.getLogger(__name__)

#: Items a worker holds on SQLite (claimed, not yet fetched), where it is the only worker:
#: claims come in batches instead of one at a time as threads free up.
SQLITE_HOLD = 64
#: How many of the run's next documents have their states read at once, ahead of the claims.
STATES_AHEAD = 256
#: The most pages seen again recorded in one transaction.
SEEN_AGAIN_BATCH = 100
#: Pages seen again are recorded once this many are waiting, once the oldest has waited
#: SEEN_AGAIN_WAIT seconds, or when no fetch is in flight or queued (whichever comes first):
#: a transaction's statements cost the same for 5 pages as for 30.
SEEN_AGAIN_ROUND = 32
SEEN_AGAIN_WAIT = 0.25
#: The GIL switch interval while a worker runs (seconds). Each SQL statement releases the
#: GIL; with fetch threads busy, the recording thread then waited up to Python's default
#: interval (5 ms) to get it back, for every statement of the night.
SWITCH_INTERVAL = 0.001


@dataclass
class _Item:
    """A claimed document on its way through this worker."""

    claim: Claim
    prepared: PreparedFetch
    #: its URL's host, worked out once: the dispatcher asks for it on every round
    host: str = field(init=False)

    def __post_init__(self) -> None:
        self.host = host_of(self.prepared.spec.url)

    @property
    def rendered(self) -> bool:
        """Fetched by the browser for sure (an ``auto`` document may or may not be)."""
        return self.prepared.spec.fetch == FetchMode.BROWSER


def hashed(page: FetchedPage) -> FetchedPage:
    """The page with its body's SHA-256, computed here in the fetch thread (hashlib releases
    the GIL on large inputs) rather than on the recording thread."""
    return replace(page, sha256=sha256_hex(page.body)) if not page.not_modified else page


class Worker:
    """Claims documents of one run and tracks them until none is left (see module doc)."""

    def __init__(
        self,
        context: TrackContext,
        fetcher: Fetcher,
        run_id: int,
        name: str,
        *,
        lease: Lease | None,
        stop: threading.Event,
        on_result: Callable[[DocumentResult], None] | None = None,
    ) -> None:
        settings = context.settings
        self.context = context
        self.fetcher = fetcher
        self.run_id = run_id
        self.name = name
        self.lease = lease
        self.stop = stop
        self.on_result = on_result
        self.concurrency = settings.concurrency
        # on PostgreSQL other workers share the run: hold no more than the threads can start
        self.hold = max(self.concurrency, SQLITE_HOLD) if context.db.is_sqlite else self.concurrency
        # claims come in batches: at least a thread's worth, and half of what is held (each
        # claim is a transaction of two statements, each claim batch a verify statement)
        self.claim_at_least = max(min(self.concurrency, self.hold), self.hold // 2)
        self.states: dict[int, DocumentState] = {}  # read ahead of the claims
        # verified (with seen_again's verdict), recorded together
        self.seen: list[tuple[_Item, FetchedPage, Verified]] = []
        self.seen_since = 0.0  # when the oldest of them was fetched (time.monotonic)
        self.browser_pages = settings.browser_pages
        self.limiter = HostLimiter(settings.per_host, settings.host_delay)
        self.policy = retry_policy(settings)
        self.ttl = timedelta(seconds=settings.lock_ttl)
        self.poll = min(1.0, settings.lock_ttl / 4)
        self.lock_lost = threading.Event()
        self.extracting: dict[Future[Extraction], tuple[_Item, FetchedPage, Base | None]] = {}
        self.pool: ExtractionPool | None = None
        self._pool_wanted: bool | None = None  # decided on the first page to extract

    @property
    def stopping(self) -> bool:
        return self.stop.is_set() or self.lock_lost.is_set()

    def work(self) -> None:
        heartbeat = Heartbeat(self)
        heartbeat.start()
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
        try:
            with ThreadPoolExecutor(self.concurrency, thread_name_prefix="fetch") as pool:
                self._loop(pool)
        finally:
            sys.setswitchinterval(interval)
            heartbeat.finish()
            if self.pool is not None:
                self.pool.close()

    def _loop(self, pool: ThreadPoolExecutor) -> None:
        queue: deque[_Item] = deque()
        in_flight: dict[Future[FetchedPage], _Item] = {}
        while True:
            wake = self.poll  # how long the loop may wait when no fetch ends first
            if self.stopping:
                release_claims(self.context.db, self.name, [i.claim.item_id for i in queue])
                queue.clear()
            else:
                # hold no more than the threads can start: a document waiting here for its
                # host is one another worker could be fetching
                # (pages being extracted count too: their bodies are held in memory)
                held = len(queue) + len(in_flight) + len(self.extracting)
                if self.hold - held >= self.claim_at_least:
                    self._claim_more(queue, self.hold - held)
                wake = self._dispatch(queue, in_flight, pool)
            if in_flight or self.extracting:
                pending: list[Future[Any]] = [*in_flight, *self.extracting]
                done, _ = wait(pending, timeout=self._timeout(wake), return_when=FIRST_COMPLETED)
                for future in done:
                    if future in in_flight:
                        self._fetched(in_flight.pop(future), future)
                    else:
                        item, page, base = self.extracting.pop(future)
                        self._extracted(item, page, base, future)
                if self._seen_again_due(in_flight, queue):
                    self._record_seen_again()
            elif self.seen:
                self._record_seen_again()
            elif self.stopping or (not queue and self._run_over()):
                return
            else:
                self.stop.wait(wake)

    def _claim_more(self, queue: deque[_Item], limit: int) -> None:
        claims = claim_items(
            self.context.db,
            self.run_id,
            self.name,
            limit=limit,
            now=self.context.clock(),
            ttl=self.ttl,
        )
        if not claims:
            return
        prepared: list[PreparedFetch | None]
        try:
            states = self._states_of(claims)
            prepared = list(
                prepare_batch(self.context, [(c.document_id, c.spec) for c in claims], states)
            )
        except Exception:  # a bug: each document is prepared alone, failures recorded
            prepared = [self._prepare_alone(claim) for claim in claims]
        for claim, item in zip(claims, prepared, strict=True):
            if item is not None:
                queue.append(_Item(claim, item))

    def _states_of(self, claims: list[Claim]) -> dict[int, DocumentState]:
        """The claimed documents' states, read with those of the run's next documents when
        one is missing (a few queries per STATES_AHEAD documents instead of per claim).

        A state read ahead can only go stale if something else records a version of its
        document meanwhile (see tracker.track.state): the recorder checks for that."""
        if any(claim.document_id not in self.states for claim in claims):
            if len(self.states) > 4 * STATES_AHEAD:
                self.states.clear()  # the documents other workers took
            ahead = upcoming_documents(self.context.db, self.run_id, limit=STATES_AHEAD)
            wanted = {claim.document_id for claim in claims} | set(ahead)
            with self.context.db.reader() as session:
                self.states.update(load_states(session, wanted))
        return {
            claim.document_id: self.states.pop(claim.document_id)
            for claim in claims
            if claim.document_id in self.states
        }

    def _prepare_alone(self, claim: Claim) -> PreparedFetch | None:
        try:
            return prepare_fetch(self.context, claim.spec)
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
            return None

    def _dispatch(
        self,
        queue: deque[_Item],
        in_flight: dict[Future[FetchedPage], _Item],
        pool: ThreadPoolExecutor,
    ) -> float:
        """Start fetches while threads are free, skipping hosts that must wait, and browser
        documents while the browser has all the pages it renders at once (so that the
        threads go to documents that can start). Returns the seconds until the first host
        skipped here may start (at most the poll interval), taken from the skips themselves
        instead of asking the limiter again for the host of every queued item on every round
        (about 16,000 calls on a 2,000-page night). Items not tried because every thread is
        busy need no wake-up of their own: the first fetch to end wakes the loop."""
        wake = self.poll
        rendering = sum(1 for item in in_flight.values() if item.rendered)
        for _ in range(len(queue)):
            if len(in_flight) >= self.concurrency:
                return wake
            item = queue.popleft()
            if item.rendered and rendering >= self.browser_pages:
                queue.append(item)
                continue
            wait_time = self.limiter.try_acquire(item.host)
            if wait_time > 0:
                queue.append(item)
                wake = min(wake, wait_time)
                continue
            in_flight[pool.submit(self._fetch, item)] = item
            rendering += item.rendered
        return wake

    def _fetch(self, item: _Item) -> FetchedPage:
        """Runs in a fetch thread, holding the host slot the dispatcher took for it."""
        host = item.host
        slot_taken = True

        def attempt() -> FetchedPage:
            nonlocal slot_taken
            if slot_taken:
                slot_taken = False
                try:
                    return hashed(fetch_prepared(self.fetcher, item.prepared))
                finally:
                    self.limiter.release(host)
            with self.limiter.slot(host):
                return hashed(fetch_prepared(self.fetcher, item.prepared))

        def on_retry(error: FetchError, retry: int, delay: float) -> None:
            self.limiter.defer(host, delay)  # the whole host backs off, not only this page
            log.info(
                "%s: %s; retry %d in %.1fs",
                item.prepared.spec.slug,
                error,
                retry,
                delay,
                extra={
                    "document": item.prepared.spec.slug,
                    "run": self.run_id,
                    "retry": retry,
                    "wait": round(delay, 3),
                    "error_kind": error.kind,
                },
            )

        return fetch_with_retries(
            attempt,
            self.policy,
            clock=self.context.clock,
            pause=lambda seconds: not self.stop.wait(seconds),
            on_retry=on_retry,
        )

    def _fetched(self, item: _Item, future: Future[FetchedPage]) -> None:
        """A fetch is over: record it now, or first hand the page to the extraction pool."""
        try:
            page: FetchedPage | FetchError = future.result()
        except FetchError as exc:
            page = exc
        except Exception as exc:
            self._record(item, exc)
            return
        if (
            isinstance(page, FetchedPage)
            and (verdict := seen_again(item.prepared, page)) is not None
        ):
            if not self.seen:
                self.seen_since = time.monotonic()
            self.seen.append((item, page, verdict))  # recorded with others (_seen_again_due)
            return
        if isinstance(page, FetchedPage) and self._extracts_elsewhere(item, page):
            assert self.pool is not None
            base = self._base_of(item)
            try:
                sent = self.pool.submit(page, item.prepared.spec, base)
            except Exception as exc:  # the pool broke (a process killed, a start that failed)
                self._give_up_pool(exc)
            else:
                self.extracting[sent] = (item, page, base)
                return
        self._record(item, page)

    def _give_up_pool(self, exc: Exception) -> None:
        """Extract in this process from now on (pages in the pool's hands come back failed
        and are extracted here too, see _extracted)."""
        log.warning("extraction processes unusable (%s); extracting in this process", exc)
        self._pool_wanted = False
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def _extracted(
        self, item: _Item, page: FetchedPage, base: Base | None, future: Future[Extraction]
    ) -> None:
        try:
            extraction: Extraction | None = future.result()
        except Exception as exc:  # the pool broke (a process killed): extract here instead
            log.warning("extraction process failed (%s); extracting in this process", exc)
            extraction = None
        if extraction is not None and extraction.comparison is not None and base is not None:
            extraction = replace(extraction, base=base)  # its rows, read before it was sent
        self._record(item, page, extraction)

    def _extracts_elsewhere(self, item: _Item, page: FetchedPage) -> bool:
        """Whether this page goes to the extraction pool (started on the first such page of
        a run big enough to be worth it). Never a page the browser rendered: those come at
        most TRACKER_BROWSER_PAGES at a time, each after a second or more of Chromium's work,
        and extract in about 0.05 s here; for them alone the pool's processes would only take
        memory (about 110-120 MB PSS on the browser bench's night) and compete with Chromium
        for the cores. A run of browser documents starts no pool."""
        if page.fetcher == FetchMode.BROWSER.value or not needs_extraction(item.prepared, page):
            return False
        from tracker.run.extraction_pool import MIN_DOCUMENTS, ExtractionPool, portable

        if self._pool_wanted is None:
            processes = self.context.settings.extract_processes
            self._pool_wanted = processes > 0 and self._run_size() >= MIN_DOCUMENTS
        if not self._pool_wanted:
            return False
        if self.pool is None:
            processes = self.context.settings.extract_processes
            classify = portable(self.context.classify) if self.context.rules else None
            self.pool = ExtractionPool(processes, self.context.rules, classify)
            log.info("extracting in %d processes", processes, extra={"run": self.run_id})
        return True

    def _base_of(self, item: _Item) -> Base | None:
        """The version the page of ``item`` should follow, with its clauses and the facts its
        text has (stored with it; else its text, to work them out from), for the pool to diff
        the page against and to screen the page's text against (None: no pool that diffs, no
        version yet, or one the recorder will re-derive first). They are read here instead of
        by the recorder, which uses them only if that version is still the latest when it
        records the page."""
        state = item.prepared.state
        if self.pool is None or not self.pool.compares or state is None:
            return None
        if state.latest_id is None or state.latest is None:
            return None
        if state.latest.fingerprint != extraction_fingerprint(item.prepared.spec.rules):
            return None
        digest = state.latest.text_sha256
        try:
            with self.context.db.reader() as session:
                rows = version_clause_records(session, state.latest_id)
                record, topics_fingerprint = session.execute(
                    select(Version.text_facts, Version.topics_fingerprint).where(
                        Version.id == state.latest_id
                    )
                ).one()
                facts = facts_from_record(record)
                text = read_text_blob(session, digest) if facts is None else None
        except Exception as exc:  # a text blob missing or damaged: the recorder meets it too
            log.debug("%s: no base for the pool (%s)", item.prepared.spec.slug, exc)
            return None
        return Base(
            state.latest_id,
            tuple(rows),
            digest,
            facts=facts,
            text=text,
            topics_fingerprint=topics_fingerprint,
        )

    def _run_size(self) -> int:
        with self.context.db.reader() as session:
            total = session.scalar(select(Run.documents_total).where(Run.id == self.run_id))
        return int(total or 0)

    def _record(
        self,
        item: _Item,
        page: FetchedPage | Exception,
        extraction: Extraction | None = None,
    ) -> None:
        """Record a finished fetch on this thread, in one transaction with its item's done mark."""
        guard = self._guard(item.claim)
        context, prepared = self.context, item.prepared
        try:
            if isinstance(page, FetchError):
                result = record_fetch_error(
                    context, prepared, page, run_id=self.run_id, guard=guard
                )
            elif isinstance(page, Exception):
                raise page
            else:
                result = record_page(
                    context, prepared, page, run_id=self.run_id, guard=guard, extraction=extraction
                )
        except Exception as exc:
            result = record_internal_error(
                context, prepared.spec, prepared.started_at, exc, run_id=self.run_id, guard=guard
            )
        self._report(result, item.claim)

    def _timeout(self, wake: float) -> float:
        """How long the loop may wait for a fetch to end: until ``wake``, or until the oldest
        page seen again has waited SEEN_AGAIN_WAIT (counted from when it was fetched, not
        from this wait: a fetch that ended meanwhile without making the pages due must not
        start the count again)."""
        if not self.seen:
            return wake
        return min(wake, max(0.0, self.seen_since + SEEN_AGAIN_WAIT - time.monotonic()))

    def _seen_again_due(
        self, in_flight: dict[Future[FetchedPage], _Item], queue: deque[_Item]
    ) -> bool:
        """Whether the pages seen again are recorded now (see SEEN_AGAIN_ROUND). With items
        queued, no fetch in flight only means that the ones just finished have not been
        replaced yet (a 304 takes less than a loop): the next round starts them first. If
        none can start (their hosts must wait), the loop records the pages without waiting
        for them."""
        return bool(self.seen) and (
            len(self.seen) >= SEEN_AGAIN_ROUND
            or (not in_flight and not queue)
            or self.stopping
            or time.monotonic() - self.seen_since >= SEEN_AGAIN_WAIT
        )

    def _record_seen_again(self) -> None:
        """Record the pages seen again since the last round, several to a transaction; each
        alone if that fails (a state gone stale, a database error: nothing was written)."""
        while self.seen:
            batch, self.seen = self.seen[:SEEN_AGAIN_BATCH], self.seen[SEEN_AGAIN_BATCH:]
            pages = [
                SeenAgainPage(item.prepared, page, item.claim.item_id, verdict)
                for item, page, verdict in batch
            ]
            try:
                results = record_seen_again_batch(
                    self.context, pages, run_id=self.run_id, guard=self._batch_guard
                )
            except Exception as exc:
                log.warning(
                    "recording %d pages seen again together failed (%s: %s); one by one",
                    len(batch),
                    type(exc).__name__,
                    exc,
                )
                results = None
            if results is None:
                for item, page, _ in batch:
                    self._record(item, page)
                continue
            for (item, _, _), result in zip(batch, results, strict=True):
                self._report(result, item.claim)

    def _batch_guard(self, session: Session, item_ids: Sequence[int]) -> set[int]:
        return finish_claims(session, item_ids, self.name, self.context.clock())

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
            return status != RunStatus.RUNNING or run_progress(session, self.run_id).complete

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

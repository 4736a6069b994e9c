"""Extracting pages in worker processes, on nights with many new or changed pages.

The recording thread of a worker does the database work one document at a time; extraction
and topic matching are CPU work that the GIL would keep on one core. On a night with many
pages to extract (a first night, a site-wide redesign), the worker hands each page that the
prepared state says must be extracted to this pool, and records it when its
:class:`~tracker.track.extraction.Extraction` comes back. Each pool process has the rule set
(its topic finder built by the fork server it is forked from: see
:mod:`tracker.run.forkserver_rules`), and the pipeline's change classifier when it can travel
(a function or a method of a picklable object, not a lambda): a page whose document has a
latest version comes with that version's clauses and goes back with its classified diff
against them (:func:`~tracker.track.extraction.compare_with_base`). Pages travel as bytes.
Processes are started with ``forkserver`` (never ``fork`` from a process with fetch threads)
and only when a run first needs one. The first one is started on a thread of its own: it waits
for the fork server to import the parsers and build the topic finder (1-2 s of wall on a loaded
machine), and the recording thread, which asked for it, goes on recording and fetching the
other pages meanwhile; the pages it sends before then are handed to the processes once they
can take them.

No pool process outlives the tracker, even one killed with SIGKILL: the fork server and each
pool process ask Linux to kill them when their parent dies (``PR_SET_PDEATHSIG``), so the
chain tracker -> fork server -> pool processes comes down together.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from multiprocessing import forkserver

from tracker.classify import RuleSet
from tracker.classify.topics import remember_topics
from tracker.fetch import FetchedPage
from tracker.registry import DocumentSpec
from tracker.run import forkserver_rules
from tracker.run.parent_death import PARENT_VARIABLE, die_with_parent
from tracker.track.extraction import Base, Extraction, compare_with_base, extract_page
from tracker.track.pages import ChangeClassifier

#: What :func:`_extract` is called with.
_Arguments = tuple[FetchedPage, DocumentSpec, Base | None]

#: A run smaller than this extracts in the recording thread (a pool costs its start-up).
MIN_DOCUMENTS = 16

#: What the fork server imports when it starts (the guard first: it dies with the tracker), so
#: each process it forks has them already: the parsers (bs4, lxml, pypdf) took each pool
#: process about 0.4 s of CPU to import on its first page; the diff and the classifier's
#: severity modules, which the extraction and ``tracker.classify`` import on first use; then
#: the rule set and classifier,
#: with the topic finder built (each pool process built its own on its first page). None of
#: them loads SQLAlchemy, and neither does what a process is sent (a page, its base's clause
#: rows as :class:`~tracker.store.clause_records.ClauseRecord`, the rule set and the
#: classifier, a :class:`~tracker.classify.DiffClassifier` for the nightly's): the fork server
#: imported it with the store's records until the seventeenth round (docs/PERFORMANCE.md),
#: 0.4-0.5 s of CPU at the start of every night's pool, before its first page.
FORKSERVER_PRELOAD = (
    "tracker.run.forkserver_guard",
    "tracker.track.extraction",
    "tracker.diff",  # the extraction imports it on its first diff
    "tracker.diff.clauses",
    "tracker.classify.severity",  # and the classifier its severity modules
    "tracker.run.extraction_pool",
    "tracker.extract.dispatch",
    "tracker.run.forkserver_rules",
)

_rules: RuleSet | None = None
_classify: ChangeClassifier | None = None


def _start_process(key: str, payload: bytes) -> None:
    """Take the pool's rule set and classifier (pickled in ``payload``) from the fork server,
    topic finder built, when it preloaded them; else unpickle them here."""
    die_with_parent()
    global _rules, _classify
    objects = forkserver_rules.preloaded(key)
    if objects is None:  # pickled by the tracker that started this process, as initargs were
        objects = pickle.loads(payload)  # noqa: S301
    _rules, _classify = objects


def _extract(page: FetchedPage, spec: DocumentSpec, base: Base | None) -> Extraction:
    """Extract ``page`` (and diff it with ``base``) with the cyclic garbage collector paused:
    the page's garbage is collected once, after it, by the first collection the next
    allocation starts (see :func:`_one_collection_a_page`)."""
    with _one_collection_a_page():
        if base is not None and _rules is not None:
            # the clauses whose text the page keeps take their topics from the base's rows
            # (found under the same topics and code: see Base.known_topics), and so do the
            # old sides of its changes, classified below
            remember_topics(base.known_topics(_rules), _rules)
        extraction = extract_page(page, spec, _rules, compress=True)
        if base is None or _classify is None:
            return extraction
        try:
            return compare_with_base(extraction, base, _classify)
        except Exception:  # the recorder diffs and classifies again, and records what fails
            return extraction


@contextmanager
def _one_collection_a_page() -> Iterator[None]:
    """Pause the cyclic garbage collector (this process's alone) until the block ends.

    A parsed page is a bs4 tree of a few thousand objects linked both ways (parent, children,
    siblings), freed only by the collector. Left running, it collected about seven times a
    page, each time finding the page's tree alive and moving it to an older generation, where
    it died and waited for a full collection (about 0.14 s each, over the whole heap): a fifth
    of a process's CPU went to the collector (9-10 ms of 43-46 ms a bench page, in process).
    Paused, every object of the page is still in the youngest generation when the page is
    done, so the one collection that follows frees the tree without moving it anywhere (2-3
    ms a page). What is not cyclic is freed as before, as it dies; the cost is that cyclic
    garbage made during one page waits for the end of that page."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _started() -> None:
    """Sent to the pool first, by its starting thread: done once a process could take it."""


def _pass_on(outer: Future[Extraction], inner: Future[Extraction]) -> None:
    """``inner``'s outcome, given to ``outer`` (the future handed out before ``inner`` was)."""
    if outer.done():  # cancelled by its holder
        return
    if inner.cancelled():
        _cancel(outer)
    elif (error := inner.exception()) is not None:
        outer.set_exception(error)
    else:
        outer.set_result(inner.result())


def _cancel(future: Future[Extraction]) -> None:
    """Cancel ``future`` and wake whoever waits for it (``concurrent.futures.wait`` counts a
    cancelled future as done only once notified, as an executor does)."""
    if future.cancel():
        future.set_running_or_notify_cancel()


def portable(classify: ChangeClassifier) -> ChangeClassifier | None:
    """``classify`` if it can be sent to a worker process, else None (the recorder then
    classifies in the tracker's process, as without a pool). A hook sent there runs on a copy
    taken when the pool starts: it must be a function of the diff alone (the pipeline's
    :meth:`~tracker.facts.RuleClassifier.classify_diff`, a frozen rule set, is)."""
    try:
        pickle.dumps(classify)
    except Exception:  # whatever pickling raises (PicklingError, TypeError, ValueError...)
        return None
    return classify


def _start_fork_server(payload: bytes) -> None:
    """Start the fork server now (if not running yet), told in its environment which process
    it must die with and the pool's rule set and classifier (``payload``, to preload); the
    variables are not left behind for the tracker's other children to inherit."""
    variables = {PARENT_VARIABLE: str(os.getpid())}
    encoded = forkserver_rules.encode(payload)
    if encoded is not None:
        variables[forkserver_rules.RULES_VARIABLE] = encoded
    previous = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        forkserver.ensure_running()
    finally:
        for name, value in previous.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


class ExtractionPool:
    """``processes`` worker processes extracting pages under ``rules``, and diffing them with
    their base under ``classify`` (None: the recorder diffs them)."""

    def __init__(
        self, processes: int, rules: RuleSet | None, classify: ChangeClassifier | None = None
    ) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        payload = pickle.dumps((rules, classify))
        _start_fork_server(payload)
        self.processes = processes
        self.compares = classify is not None
        self._executor = ProcessPoolExecutor(
            processes,
            mp_context=context,
            initializer=_start_process,
            initargs=(forkserver_rules.key_of(payload), payload),
        )
        # pages sent before a process could take them (None: the processes take them now)
        self._lock = threading.Lock()
        self._waiting: list[tuple[Future[Extraction], _Arguments]] | None = []
        self._failure: BaseException | None = None
        # the first process starts on this thread: starting it waits for the fork server's
        # preload, which would keep the recording thread from recording the pages seen again
        # (and from starting their fetches) for 1-2 s of wall on a loaded machine
        self._starter = threading.Thread(target=self._start, name="extraction-start", daemon=True)
        self._starter.start()

    def _start(self) -> None:
        """Start the first process (waiting for the fork server's preload), then hand the
        pages sent meanwhile to the processes; if it cannot start, each of them comes back
        with the error, and the pool takes no more pages."""
        try:
            self._executor.submit(_started).result()
        except BaseException as exc:  # whatever broke the start, given back with the pages
            failure: BaseException | None = exc
        else:
            failure = None
        with self._lock:
            waiting, self._waiting = self._waiting or [], None
            self._failure = failure
            for outer, arguments in waiting:
                if failure is not None:
                    outer.set_exception(failure)
                    continue
                self._send(outer, arguments)

    def _send(self, outer: Future[Extraction], arguments: _Arguments) -> None:
        try:
            inner = self._executor.submit(_extract, *arguments)
        except Exception as exc:  # the pool broke (a process killed) or is shut down
            outer.set_exception(exc)
        else:
            inner.add_done_callback(partial(_pass_on, outer))

    def submit(
        self, page: FetchedPage, spec: DocumentSpec, base: Base | None = None
    ) -> Future[Extraction]:
        """Extract ``page``; diff it with ``base`` too when given and this pool compares.
        Never waits for the first process to start (the page waits for it instead); raises
        when the pool could not start or broke."""
        arguments: _Arguments = (page, spec, base if self.compares else None)
        with self._lock:
            if self._failure is not None:
                raise self._failure
            if self._waiting is not None:
                outer: Future[Extraction] = Future()
                self._waiting.append((outer, arguments))
                return outer
        return self._executor.submit(_extract, *arguments)

    def close(self) -> None:
        """Stop the processes (pages not started yet are dropped: their documents are not
        recorded and go back to the run's work list with their claims)."""
        with self._lock:
            waiting, self._waiting = self._waiting or [], None
        for outer, _ in waiting:
            _cancel(outer)
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._starter.join()

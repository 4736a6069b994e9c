"""Extracting pages in worker processes, on nights with many new or changed pages.

The recording thread of a worker does the database work one document at a time; extraction
and topic matching are CPU work that the GIL would keep on one core. On a night with many
pages to extract (a first night, a site-wide redesign), the worker hands each page that the
prepared state says must be extracted to this pool, and records it when its
:class:`~tracker.track.extraction.Extraction` comes back. Each pool process loads the rule file
once (sent at start); pages travel as bytes. Processes are started with ``forkserver`` (never
``fork`` from a process with fetch threads) and only when a run first needs one.

No pool process outlives the tracker, even one killed with SIGKILL: the fork server and each
pool process ask Linux to kill them when their parent dies (``PR_SET_PDEATHSIG``), so the
chain tracker -> fork server -> pool processes comes down together.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import forkserver

from tracker.classify import RuleSet
from tracker.fetch import FetchedPage
from tracker.registry import DocumentSpec
from tracker.run.parent_death import PARENT_VARIABLE, die_with_parent
from tracker.track.extraction import Extraction, extract_page

#: A run smaller than this extracts in the recording thread (a pool costs its start-up).
MIN_DOCUMENTS = 16

_rules: RuleSet | None = None


def _start_process(rules: RuleSet | None) -> None:
    die_with_parent()
    global _rules
    _rules = rules


def _extract(page: FetchedPage, spec: DocumentSpec) -> Extraction:
    return extract_page(page, spec, _rules, compress=True)


def _start_fork_server() -> None:
    """Start the fork server now, told in its environment which process it must die with;
    the variable is not left behind for the tracker's other children to inherit."""
    previous = os.environ.get(PARENT_VARIABLE)
    os.environ[PARENT_VARIABLE] = str(os.getpid())
    try:
        forkserver.ensure_running()
    finally:
        if previous is None:
            del os.environ[PARENT_VARIABLE]
        else:
            os.environ[PARENT_VARIABLE] = previous


class ExtractionPool:
    """``processes`` worker processes extracting pages under ``rules``."""

    def __init__(self, processes: int, rules: RuleSet | None) -> None:
        context = multiprocessing.get_context("forkserver")
        # imported by the fork server when it starts: it dies with the tracker
        context.set_forkserver_preload(["tracker.run.forkserver_guard", "tracker.track.extraction"])
        _start_fork_server()
        self.processes = processes
        self._executor = ProcessPoolExecutor(
            processes, mp_context=context, initializer=_start_process, initargs=(rules,)
        )

    def submit(self, page: FetchedPage, spec: DocumentSpec) -> Future[Extraction]:
        return self._executor.submit(_extract, page, spec)

    def close(self) -> None:
        """Stop the processes (pages not started yet are dropped: their documents are not
        recorded and go back to the run's work list with their claims)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

"""The extraction pool's first process is started on a thread of its own: starting it waits
for the fork server's preload (the parsers' imports, the topic finder), and the thread that
sends the first page, the run's recording thread, must not wait with it. Pages sent meanwhile
wait for the process and are extracted once it can take them; if it cannot start, each of
them comes back with the error and the pool takes no more; a pool closed meanwhile cancels
them.

The fork server's process launch (``Popen._launch``, in the tracker's process) is replaced by
one that notes the thread it runs on and, off the test's thread, waits until the test lets it
go on: without the starting thread, the test's own ``submit`` would launch the process."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future, wait
from multiprocessing import popen_forkserver
from typing import Any

import pytest

from tests.fetched_support import fetched_page
from tracker.fetch import FetchedPage
from tracker.registry import DocumentSpec
from tracker.run.extraction_pool import ExtractionPool
from tracker.track.extraction import Extraction

pytestmark = pytest.mark.slow  # starts the fork server and its processes


class Launches:
    """Where the pool's processes were launched; launches off the test's thread wait for
    :attr:`go` (or raise :attr:`error` when set)."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.go = threading.Event()
        self.error: Exception | None = None


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> Iterator[Launches]:
    seen = Launches()
    test_thread = threading.current_thread()
    real = popen_forkserver.Popen._launch

    def launch(self: Any, process_obj: Any) -> None:
        seen.threads.append(threading.current_thread())
        if threading.current_thread() is not test_thread:
            seen.go.wait()
        if seen.error is not None:
            raise seen.error
        real(self, process_obj)

    monkeypatch.setattr(popen_forkserver.Popen, "_launch", launch)
    yield seen
    seen.go.set()  # a test that failed early leaves no thread waiting


def page(n: int) -> FetchedPage:
    body = f"<html><body><h1>Terms {n}</h1><p>We keep your data {n} days.</p></body></html>"
    return fetched_page(f"https://example.com/terms{n}", body.encode(), content_type="text/html")


def spec(n: int) -> DocumentSpec:
    return DocumentSpec(slug=f"example/terms{n}", service="Example", type="Terms", url=page(n).url)


def test_pages_sent_while_the_first_process_starts_wait_for_it(launches: Launches) -> None:
    pool = ExtractionPool(2, None)
    try:
        futures: list[Future[Extraction]] = [pool.submit(page(n), spec(n)) for n in range(3)]
        # the sending thread launched no process and the pages wait for one
        assert threading.current_thread() not in launches.threads
        assert not any(future.done() for future in futures)
        launches.go.set()
        extractions = [future.result(timeout=120) for future in futures]
        for n, extraction in enumerate(extractions):
            assert extraction.document is not None
            assert f"We keep your data {n} days." in extraction.document.canonical_text
        # once started, a page goes to the processes at once, and is extracted there
        later = pool.submit(page(3), spec(3)).result(timeout=120)
        assert later.document is not None and "3 days" in later.document.canonical_text
        assert launches.threads and threading.current_thread() not in launches.threads
    finally:
        pool.close()


def test_a_pool_that_cannot_start_gives_the_waiting_pages_its_error(launches: Launches) -> None:
    launches.error = OSError("the fork server is gone")
    pool = ExtractionPool(1, None)
    try:
        futures = [pool.submit(page(n), spec(n)) for n in range(2)]
        launches.go.set()
        done, _ = wait(futures, timeout=120)
        assert len(done) == 2
        for future in futures:
            assert isinstance(future.exception(), OSError)
        # the pool takes no more pages: the recording thread gives it up and extracts itself
        with pytest.raises(OSError, match="fork server is gone"):
            pool.submit(page(2), spec(2))
    finally:
        pool.close()


def test_a_pool_closed_while_its_first_process_starts_cancels_the_waiting_pages(
    launches: Launches,
) -> None:
    pool = ExtractionPool(1, None)
    futures = [pool.submit(page(n), spec(n)) for n in range(2)]
    closing = threading.Thread(target=pool.close)
    closing.start()
    try:
        done, _ = wait(futures, timeout=120)
        assert len(done) == 2 and all(future.cancelled() for future in futures)
    finally:
        launches.go.set()
        closing.join()

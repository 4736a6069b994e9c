"""Concurrent fetching: the host limiter's rules on a fake clock, then whole runs against
local servers that measure how many requests each host answers at once."""

from __future__ import annotations

import math
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select
from werkzeug import Request, Response

from tests.multihost import MultiHostServer, Seen, policy_html
from tracker.clock import FixedClock
from tracker.registry import DocumentSpec
from tracker.run.concurrency import HostLimiter, host_of, round_robin_turns
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import Fetch, Version

NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_at_most_per_host_requests_in_flight() -> None:
    clock = FakeMonotonic()
    limiter = HostLimiter(per_host=2, delay=0.0, clock=clock)
    assert limiter.try_acquire("a") == 0
    assert limiter.try_acquire("a") == 0
    assert math.isinf(limiter.try_acquire("a"))  # both slots busy: wait for a release
    assert limiter.try_acquire("b") == 0  # other hosts are not held up
    limiter.release("a")
    assert limiter.try_acquire("a") == 0
    assert limiter.in_flight("a") == 2


def test_starts_to_one_host_are_spaced_by_the_delay() -> None:
    clock = FakeMonotonic()
    limiter = HostLimiter(per_host=5, delay=2.0, clock=clock)
    assert limiter.try_acquire("a") == 0
    assert limiter.try_acquire("a") == pytest.approx(2.0)
    clock.now += 1.5
    assert limiter.wait_time("a") == pytest.approx(0.5)
    assert limiter.try_acquire("b") == 0
    clock.now += 0.5
    assert limiter.try_acquire("a") == 0
    assert limiter.wait_time("a") == pytest.approx(2.0)


def test_a_deferred_host_waits_and_never_moves_earlier() -> None:
    clock = FakeMonotonic()
    limiter = HostLimiter(per_host=2, delay=1.0, clock=clock)
    limiter.defer("a", 30)
    limiter.defer("a", 5)  # a shorter pause does not cut the longer one short
    assert limiter.try_acquire("a") == pytest.approx(30)
    assert limiter.try_acquire("b") == 0
    clock.now += 30
    assert limiter.try_acquire("a") == 0


def test_the_blocking_slot_waits_for_a_release() -> None:
    limiter = HostLimiter(per_host=1, delay=0.0)
    order: list[str] = []
    with limiter.slot("a"):
        waiter = threading.Thread(target=lambda: _hold(limiter, order))
        waiter.start()
        waiter.join(0.2)
        assert waiter.is_alive()  # still waiting: the only slot is ours
        order.append("first")
    waiter.join(5)
    assert order == ["first", "second"]


def _hold(limiter: HostLimiter, order: list[str]) -> None:
    with limiter.slot("a"):
        order.append("second")


def test_hosts_are_interleaved_round_robin() -> None:
    assert round_robin_turns(["a", "a", "a", "b", "c", "b"]) == [0, 1, 2, 0, 0, 1]
    assert host_of("https://Example.COM/privacy") == "example.com"
    assert host_of("http://127.0.0.2:8080/x") == "127.0.0.2:8080"


def fast_settings(tmp_path: Path, **env: str) -> Settings:
    base = {"TRACKER_HOST_DELAY": "0", "TRACKER_RETRY_DELAY": "0.01", "TRACKER_FETCH_TIMEOUT": "10"}
    return load_settings({**base, **env}, cwd=tmp_path)


def specs_for(urls: list[str]) -> list[DocumentSpec]:
    return [
        DocumentSpec(slug=f"site/doc-{n}", service="Site", type=f"Doc {n}", url=url)
        for n, url in enumerate(urls)
    ]


def test_a_run_fetches_many_hosts_at_once_within_the_per_host_limit(
    db: Database, tmp_path: Path
) -> None:
    # The first 8 requests are held until all 8 are in flight together: with 4 hosts and 2
    # per host, that only happens if the run fetches concurrently AND uses both slots of
    # every host. A sequential run would break the barrier (and fail the documents).
    gathered = threading.Barrier(8, timeout=20)
    first = threading.Semaphore(8)

    def gather(_seen: Seen) -> None:
        if first.acquire(blocking=False):
            gathered.wait()

    with MultiHostServer(hosts=4, on_request=gather).running() as server:
        urls = [server.url(n % 4, f"/doc/{n}") for n in range(40)]
        settings = fast_settings(tmp_path, TRACKER_CONCURRENCY="8", TRACKER_PER_HOST="2")
        report = run_tracking(db, specs_for(urls), settings=settings, clock=FixedClock(NIGHT))
    assert not gathered.broken
    assert [r.outcome for r in report.results] == ["changed"] * 40
    assert [r.slug for r in report.results] == [f"site/doc-{n}" for n in range(40)]
    assert set(server.requests.values()) == {1} and server.total_requests == 40
    assert max(server.peak_per_host.values()) == 2
    assert server.peak_total == 8
    with db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Version)) == 40


def test_per_host_limit_of_one_is_never_exceeded(db: Database, tmp_path: Path) -> None:
    with MultiHostServer(hosts=2, latency=0.02).running() as server:
        urls = [server.url(n % 2, f"/p/{n}") for n in range(12)]
        settings = fast_settings(tmp_path, TRACKER_CONCURRENCY="6", TRACKER_PER_HOST="1")
        report = run_tracking(db, specs_for(urls), settings=settings, clock=FixedClock(NIGHT))
    assert not report.failed
    assert set(server.peak_per_host.values()) == {1}


def test_a_page_that_fails_twice_is_recorded_once_after_retries(
    httpserver: HTTPServer, db: Database, tmp_path: Path
) -> None:
    answers = iter([Response("", 503), Response("", 500, {"Retry-After": "0"})])

    def handler(_request: Request) -> Response:
        return next(answers, None) or Response(
            policy_html("Terms", "By using the service you agree to these terms."),
            content_type="text/html",
        )

    httpserver.expect_request("/t").respond_with_handler(handler)
    doc = specs_for([httpserver.url_for("/t")])
    report = run_tracking(db, doc, settings=fast_settings(tmp_path), clock=FixedClock(NIGHT))
    assert [r.outcome for r in report.results] == ["changed"]
    assert len(httpserver.log) == 3
    with db.reader() as session:
        assert [f.outcome for f in session.scalars(select(Fetch))] == ["changed"]


def test_retries_exhausted_is_one_failed_fetch(
    httpserver: HTTPServer, db: Database, tmp_path: Path
) -> None:
    httpserver.expect_request("/down").respond_with_data("down", status=503)
    doc = specs_for([httpserver.url_for("/down")])
    settings = fast_settings(tmp_path, TRACKER_RETRIES="2")
    report = run_tracking(db, doc, settings=settings, clock=FixedClock(NIGHT))
    (result,) = report.results
    assert (result.outcome, result.error_kind) == ("failed", "http-status")
    assert "(after 3 attempts)" in (result.error or "")
    assert len(httpserver.log) == 3


def test_conditional_get_with_last_modified_and_304_verifies(
    httpserver: HTTPServer, db: Database, tmp_path: Path
) -> None:
    stamp = "Sat, 28 Feb 2026 10:00:00 GMT"
    seen: list[tuple[str | None, str | None]] = []

    def handler(request: Request) -> Response:
        seen.append(
            (request.headers.get("If-Modified-Since"), request.headers.get("If-None-Match"))
        )
        if request.headers.get("If-Modified-Since") == stamp:
            return Response("", 304)  # no validators repeated, which HTTP allows
        return Response(
            policy_html("Privacy", "We keep your data for thirty days at most."),
            content_type="text/html",
            headers={"Last-Modified": stamp},
        )

    httpserver.expect_request("/p").respond_with_handler(handler)
    doc = specs_for([httpserver.url_for("/p")])
    settings = fast_settings(tmp_path)
    outcomes = []
    for night in range(3):
        when = NIGHT + timedelta(days=night)
        report = run_tracking(db, doc, settings=settings, clock=FixedClock(when))
        outcomes.append(report.results[0].outcome)
    assert outcomes == ["changed", "not-modified", "not-modified"]
    assert seen == [(None, None), (stamp, None), (stamp, None)]
    with db.reader() as session:
        version = session.scalars(select(Version)).one()
        assert version.last_verified == NIGHT + timedelta(days=2)
        assert report.exit_code == 0

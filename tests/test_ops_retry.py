"""Retries: the pure policy with a seeded random generator and a fake clock, then
fetch_with_retries against a real local server with a pause that records instead of sleeping."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.multihost import MultiHostServer, Seen
from tracker.clock import FixedClock
from tracker.errors import FetchError
from tracker.fetch import FetchedPage
from tracker.fetch.http import build_client, fetch_page
from tracker.fetch.retry import RetryPolicy, fetch_with_retries, parse_retry_after
from tracker.settings import load_settings

NOW = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


class Pauses:
    """A pause that records the waits it is asked for and returns at once."""

    def __init__(self, interrupt_after: int | None = None) -> None:
        self.waits: list[float] = []
        self.interrupt_after = interrupt_after

    def __call__(self, seconds: float) -> bool:
        self.waits.append(seconds)
        return self.interrupt_after is None or len(self.waits) < self.interrupt_after


def error(kind: str, status: int | None = None, retry_after: str | None = None) -> FetchError:
    return FetchError(kind, "x", status=status, retry_after=retry_after)


@pytest.mark.parametrize(
    ("kind", "status", "retryable"),
    [
        ("timeout", None, True),
        ("connect", None, True),
        ("dns", None, False),
        ("protocol", None, True),
        ("http-status", 429, True),
        ("http-status", 500, True),
        ("http-status", 503, True),
        ("http-status", 404, False),
        ("http-status", 403, False),
        ("http-status", 410, False),
        ("tls", None, False),
        ("too-large", None, False),
        ("redirect", None, False),
        ("scheme", None, False),
    ],
)
def test_what_is_retried(kind: str, status: int | None, retryable: bool) -> None:
    assert RetryPolicy().retryable(error(kind, status)) is retryable
    delay = RetryPolicy().delay(error(kind, status), 1, now=NOW, rng=random.Random(1))
    assert (delay is not None) is retryable


@given(
    retry=st.integers(min_value=1, max_value=30),
    base=st.floats(min_value=0.01, max_value=10),
    cap=st.floats(min_value=0.01, max_value=300),
    seed=st.integers(),
)
def test_backoff_is_exponential_jittered_and_capped(
    retry: int, base: float, cap: float, seed: int
) -> None:
    policy = RetryPolicy(retries=30, base_delay=base, max_delay=cap)
    ceiling = min(cap, base * 2 ** (retry - 1))
    delay = policy.backoff(retry, random.Random(seed))
    assert ceiling / 2 <= delay <= ceiling <= cap


def test_backoff_doubles_on_average() -> None:
    policy = RetryPolicy(retries=5, base_delay=1.0, max_delay=1000)
    rng = random.Random(7)
    means = [sum(policy.backoff(n, rng) for _ in range(400)) / 400 for n in (1, 2, 3, 4)]
    assert [round(m / means[0]) for m in means] == [1, 2, 4, 8]


def test_no_retry_after_the_last_one() -> None:
    policy = RetryPolicy(retries=2)
    assert policy.delay(error("timeout"), 2, now=NOW, rng=random.Random(0)) is not None
    assert policy.delay(error("timeout"), 3, now=NOW, rng=random.Random(0)) is None


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        ("Sun, 01 Mar 2026 03:00:30 GMT", 30.0),
        ("Sunday, 01-Mar-26 03:01:00 GMT", 60.0),  # the obsolete RFC 850 form
        ("Sun, 01 Mar 2026 02:00:00 GMT", 0.0),  # in the past: now
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
    ],
)
def test_retry_after_seconds_or_http_date(value: str, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


def test_retry_after_replaces_backoff_and_over_the_cap_gives_up() -> None:
    policy = RetryPolicy(retries=3, base_delay=1, max_delay=60)
    rng = random.Random(0)
    assert policy.delay(error("http-status", 429, "42"), 1, now=NOW, rng=rng) == 42.0
    assert policy.delay(error("http-status", 503, "3600"), 1, now=NOW, rng=rng) is None
    # an unreadable Retry-After falls back to the backoff
    assert 0.5 <= (policy.delay(error("http-status", 429, "??"), 1, now=NOW, rng=rng) or 0) <= 1


@pytest.fixture
def client(tmp_path: Path) -> Iterator[httpx.Client]:
    with build_client(load_settings({"TRACKER_FETCH_TIMEOUT": "0.5"}, cwd=tmp_path)) as http:
        yield http


def replies(server: HTTPServer, path: str, *responses: Response) -> list[Request]:
    """Answer successive requests to ``path`` with ``responses`` (the last one repeats)."""
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return responses[min(len(seen), len(responses)) - 1]

    server.expect_request(path).respond_with_handler(handler)
    return seen


def fetcher(client: httpx.Client, url: str) -> FetchedPage:
    return fetch_page(client, url, max_bytes=10_000)


def test_server_errors_are_retried_with_growing_waits(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    seen = replies(httpserver, "/p", Response("busy", 503), Response("busy", 502), Response("ok"))
    pauses = Pauses()
    policy = RetryPolicy(retries=3, base_delay=1.0, max_delay=60)
    url = httpserver.url_for("/p")
    page = fetch_with_retries(
        lambda: fetcher(client, url),
        policy,
        clock=FixedClock(NOW),
        pause=pauses,
        rng=random.Random(3),
    )
    assert page.body == b"ok" and len(seen) == 3
    assert len(pauses.waits) == 2
    assert 0.5 <= pauses.waits[0] <= 1.0 and 1.0 <= pauses.waits[1] <= 2.0


def test_429_waits_what_retry_after_says_in_seconds(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    replies(httpserver, "/r", Response("slow down", 429, {"Retry-After": "7"}), Response("ok"))
    pauses = Pauses()
    retried: list[tuple[int, float]] = []
    url = httpserver.url_for("/r")
    fetch_with_retries(
        lambda: fetcher(client, url),
        RetryPolicy(),
        clock=FixedClock(NOW),
        pause=pauses,
        on_retry=lambda exc, n, wait: retried.append((exc.status or 0, wait)),
    )
    assert pauses.waits == [7.0]
    assert retried == [(429, 7.0)]


def test_429_waits_until_the_http_date_it_names(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    later = format_datetime(NOW + timedelta(seconds=25), usegmt=True)
    replies(httpserver, "/d", Response("", 429, {"Retry-After": later}), Response("ok"))
    pauses = Pauses()
    url = httpserver.url_for("/d")
    fetch_with_retries(
        lambda: fetcher(client, url), RetryPolicy(), clock=FixedClock(NOW), pause=pauses
    )
    assert pauses.waits == [25.0]


def test_other_client_errors_are_not_retried(httpserver: HTTPServer, client: httpx.Client) -> None:
    seen = replies(httpserver, "/gone", Response("no", 404))
    pauses = Pauses()
    url = httpserver.url_for("/gone")
    with pytest.raises(FetchError) as failure:
        fetch_with_retries(
            lambda: fetcher(client, url), RetryPolicy(), clock=FixedClock(NOW), pause=pauses
        )
    assert (failure.value.status, len(seen), pauses.waits) == (404, 1, [])
    assert "attempts" not in str(failure.value)


def test_timeouts_are_retried(client: httpx.Client) -> None:
    calls: list[Seen] = []
    answered = threading.Event()

    def slow_once(seen: Seen) -> None:
        calls.append(seen)
        if len(calls) == 1:  # hold the first answer past the client's 0.5 s timeout
            answered.wait(5)

    with MultiHostServer(on_request=slow_once).running() as server:
        pauses = Pauses()
        url = server.url(0, "/slow")
        try:
            page = fetch_with_retries(
                lambda: fetcher(client, url), RetryPolicy(), clock=FixedClock(NOW), pause=pauses
            )
        finally:
            answered.set()
    assert b"Privacy Policy" in page.body
    assert len(calls) == 2 and len(pauses.waits) == 1


def test_connection_errors_are_retried_then_reported(client: httpx.Client) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pauses = Pauses()
    with pytest.raises(FetchError) as failure:
        fetch_with_retries(
            lambda: fetcher(client, f"http://127.0.0.1:{port}/"),
            RetryPolicy(retries=2),
            clock=FixedClock(NOW),
            pause=pauses,
        )
    assert failure.value.kind == "connect"
    assert len(pauses.waits) == 2
    assert "(after 3 attempts)" in str(failure.value)


def test_a_host_name_that_does_not_resolve_is_not_retried(client: httpx.Client) -> None:
    """RFC 6761: names under .invalid never resolve."""
    host = "no-such-host.invalid"
    try:
        socket.getaddrinfo(host, 80)
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_AGAIN:
            pytest.skip("no DNS resolver answers here (a temporary failure is retried)")
    pauses = Pauses()
    with pytest.raises(FetchError) as failure:
        fetch_with_retries(
            lambda: fetcher(client, f"http://{host}/terms"),
            RetryPolicy(retries=3),
            clock=FixedClock(NOW),
            pause=pauses,
        )
    assert failure.value.kind == "dns"
    assert pauses.waits == []
    assert str(failure.value).startswith(f"http://{host}/terms: host name not found: ")


def test_an_interrupted_pause_stops_retrying(httpserver: HTTPServer, client: httpx.Client) -> None:
    seen = replies(httpserver, "/down", Response("down", 500))
    pauses = Pauses(interrupt_after=1)  # shutdown requested during the first wait
    url = httpserver.url_for("/down")
    with pytest.raises(FetchError) as failure:
        fetch_with_retries(
            lambda: fetcher(client, url), RetryPolicy(), clock=FixedClock(NOW), pause=pauses
        )
    assert (failure.value.status, len(seen)) == (500, 1)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("net::ERR_NAME_NOT_RESOLVED at https://no-such-host.invalid/", "dns"),
        ("net::ERR_NAME_RESOLUTION_FAILED at https://example.com/", "connect"),
        ("net::ERR_CONNECTION_REFUSED at https://example.com/", "connect"),
    ],
)
def test_the_browser_names_a_host_that_does_not_resolve_the_same_way(
    message: str, kind: str
) -> None:
    from tracker.fetch.browser import navigation_error

    error = navigation_error("https://example.com/", message)
    assert error.kind == kind
    assert RetryPolicy().retryable(error) is (kind != "dns")

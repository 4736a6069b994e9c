"""One connection pool per host (tracker.fetch.pools): each host gets its own, a response
still open keeps its host's pool, and past the limit the least recently used idle pools are
closed (a failed request leaves its pool idle too). Over a real local server, two host names
(``localhost`` and ``127.0.0.1``) for the same socket."""

from __future__ import annotations

import httpx
import pytest
from pytest_httpserver import HTTPServer

from tracker.fetch.pools import PerHostTransport

LIMITS = httpx.Limits(max_connections=10, max_keepalive_connections=2)


def two_hosts(httpserver: HTTPServer) -> tuple[str, str]:
    httpserver.expect_request("/page").respond_with_data("page")
    first = httpserver.url_for("/page")
    assert "//localhost:" in first
    return first, first.replace("//localhost:", "//127.0.0.1:")


def test_each_host_has_a_pool_and_an_open_response_keeps_its_own(httpserver: HTTPServer) -> None:
    first, second = two_hosts(httpserver)
    transport = PerHostTransport(LIMITS, max_hosts=1)
    with httpx.Client(transport=transport) as client:
        with client.stream("GET", first) as still_open:
            assert client.get(second).text == "page"
            assert transport.hosts == 2  # over the limit, but the first host's is in use
            assert still_open.read() == b"page"
        assert client.get(first).text == "page"
        assert transport.hosts == 1  # the second host's, idle and least recently used, closed
        assert client.get(first).text == "page"
        assert transport.hosts == 1


def test_a_failed_request_leaves_its_pool_idle(httpserver: HTTPServer) -> None:
    first, _ = two_hosts(httpserver)
    transport = PerHostTransport(LIMITS, max_hosts=1)
    with httpx.Client(transport=transport) as client:
        with pytest.raises(httpx.ConnectError):
            client.get("http://127.0.0.1:9/nothing-listens-here")
        assert transport.hosts == 1
        assert client.get(first).text == "page"
        assert transport.hosts == 1  # the failed host's pool was idle: closed


def test_pools_stay_within_the_limit_while_idle(httpserver: HTTPServer) -> None:
    first, second = two_hosts(httpserver)
    transport = PerHostTransport(LIMITS, max_hosts=2)
    with httpx.Client(transport=transport) as client:
        for _ in range(3):
            assert client.get(first).text == client.get(second).text == "page"
        assert transport.hosts == 2
    assert transport.hosts == 0  # closed with the client


def test_a_proxy_in_the_environment_is_used(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a real local server stands for the proxy: the page's host does not exist, so only a
    # request sent through the proxy can be answered
    from pathlib import Path

    from tracker.fetch.http import build_client, uses_proxy
    from tracker.settings import load_settings

    httpserver.expect_request("/privacy").respond_with_data("through the proxy")
    for name in (
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings({}, cwd=Path.cwd())
    assert not uses_proxy()
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("/").rstrip("/"))
    assert uses_proxy()
    with build_client(settings) as client:
        assert client.get("http://policy.example.invalid/privacy").text == "through the proxy"

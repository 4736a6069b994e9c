"""One connection pool per host (tracker.fetch.pools): each host gets its own, a response
still open keeps its host's pool, and past the limit the least recently used idle pools are
closed (a failed request leaves its pool idle too). Over a real local server, two host names
(``localhost`` and ``127.0.0.1``) for the same socket. A 304 keeps its connection alive."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from pytest_httpserver import HTTPServer

from tracker.fetch.http import build_client, fetch_page
from tracker.fetch.pools import PerHostTransport
from tracker.settings import load_settings

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


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    """Keeps connections alive (HTTP/1.1); answers 304 to the ETag it gave, else 200."""

    protocol_version = "HTTP/1.1"
    connections: ClassVar[list[int]] = []

    def setup(self) -> None:
        self.connections.append(1)
        super().setup()

    #: a body sent with each 304 anyway, and the header that declares it
    body_with_304: ClassVar[tuple[str, bytes] | None] = None

    def do_GET(self) -> None:
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            if self.body_with_304 is not None:
                header, body = self.body_with_304
                self.send_header(*header.split(": "))
                self.end_headers()
                self.wfile.write(body)
                return
            self.end_headers()
            return
        body = b"<html><body><p>hello</p></body></html>"
        self.send_response(200)
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    "body_with_304",
    [
        None,
        ("Content-Length: 5", b"hello"),
        ("Transfer-Encoding: chunked", b"5\r\nhello\r\n0\r\n\r\n"),
    ],
)
def test_a_304_leaves_its_connection_open_for_the_next_request(
    tmp_path: Path, body_with_304: tuple[str, bytes] | None
) -> None:
    """A night of 304s reuses its connections as a night of 200s does (a 304 closed before
    its end of message was read used to close its connection: one new connection a page).
    A 304 that declares a body (HTTP frames it as bodiless, so its bytes would be left on the
    connection for the next response to trip on) closes its connection as before."""
    _CountingHandler.connections = []
    _CountingHandler.body_with_304 = body_with_304
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/page"
    try:
        with build_client(load_settings({}, cwd=tmp_path), hosts=1) as client:
            for _ in range(3):
                assert fetch_page(client, url, max_bytes=10_000).status == 200
            assert len(_CountingHandler.connections) == 1
            for _ in range(5):
                page = fetch_page(client, url, max_bytes=10_000, etag='"v1"')
                assert page.not_modified and page.body == b""
                assert fetch_page(client, url, max_bytes=10_000).status == 200
            assert len(_CountingHandler.connections) == (1 if body_with_304 is None else 6)
    finally:
        server.shutdown()
        server.server_close()

"""Fetching against a real local HTTP server: bodies, caps, redirects, conditional GET."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.errors import FetchError
from tracker.fetch.http import build_client, fetch_page
from tracker.settings import load_settings


@pytest.fixture
def client(tmp_path: Path) -> Iterator[httpx.Client]:
    settings = load_settings({"TRACKER_FETCH_TIMEOUT": "2"}, cwd=tmp_path)
    with build_client(settings) as http:
        yield http


def test_body_status_and_headers(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/p").respond_with_data(
        "<p>hi</p>", content_type="text/html; charset=utf-8", headers={"ETag": '"v1"'}
    )
    page = fetch_page(client, httpserver.url_for("/p"), max_bytes=1000)
    assert page.body == b"<p>hi</p>"
    assert page.status == 200
    assert page.etag == '"v1"'
    assert page.content_type == "text/html; charset=utf-8"
    assert not page.not_modified


def test_user_agent_is_sent(httpserver: HTTPServer, client: httpx.Client) -> None:
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent", ""))
        return Response("ok")

    httpserver.expect_request("/ua").respond_with_handler(handler)
    fetch_page(client, httpserver.url_for("/ua"), max_bytes=1000)
    assert seen[0].startswith("PolicyTracker/")


def test_conditional_get_returns_not_modified(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/c", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    page = fetch_page(client, httpserver.url_for("/c"), max_bytes=1000, etag='"v1"')
    assert page.not_modified
    assert page.body == b""


def test_redirect_is_followed_and_final_url_kept(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data("moved here")
    page = fetch_page(client, httpserver.url_for("/old"), max_bytes=1000)
    assert page.final_url == httpserver.url_for("/new")
    assert page.body == b"moved here"


@pytest.mark.parametrize("status", [404, 500, 503])
def test_http_errors(httpserver: HTTPServer, client: httpx.Client, status: int) -> None:
    httpserver.expect_request("/e").respond_with_data("nope", status=status)
    with pytest.raises(FetchError) as error:
        fetch_page(client, httpserver.url_for("/e"), max_bytes=1000)
    assert (error.value.kind, error.value.status) == ("http-status", status)


def test_body_over_cap(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/big").respond_with_data("x" * 5000)
    with pytest.raises(FetchError) as error:
        fetch_page(client, httpserver.url_for("/big"), max_bytes=1000)
    assert error.value.kind == "too-large"


def test_gzip_bomb_is_capped_after_decompression(
    httpserver: HTTPServer, client: httpx.Client
) -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as error:
        fetch_page(client, httpserver.url_for("/bomb"), max_bytes=100_000)
    assert error.value.kind == "too-large"


def test_redirect_loop(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/loop")}
    )
    with pytest.raises(FetchError) as error:
        fetch_page(client, httpserver.url_for("/loop"), max_bytes=1000)
    assert error.value.kind == "redirect"


def test_redirect_to_another_scheme(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/ftp").respond_with_data(
        "", status=302, headers={"Location": "ftp://example.com/x"}
    )
    with pytest.raises(FetchError) as error:
        fetch_page(client, httpserver.url_for("/ftp"), max_bytes=1000)
    assert error.value.kind == "redirect"


def test_connection_refused(client: httpx.Client) -> None:
    with pytest.raises(FetchError) as error:
        fetch_page(client, "http://127.0.0.1:9/", max_bytes=1000)
    assert error.value.kind == "connect"


def test_non_http_url_is_refused(client: httpx.Client) -> None:
    with pytest.raises(FetchError) as error:
        fetch_page(client, "file:///etc/passwd", max_bytes=1000)
    assert error.value.kind == "scheme"

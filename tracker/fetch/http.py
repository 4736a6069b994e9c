"""The ``http`` fetcher: httpx with timeouts, redirects, size caps and conditional GET.

Every failure becomes a :class:`FetchError` whose ``kind`` is a
:class:`~tracker.vocabulary.FetchErrorKind`; that word is stored on the fetch row and shown in
the digest's health section. Retries are :mod:`tracker.fetch.retry`'s business.
"""

from __future__ import annotations

import socket
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tracker.errors import FetchError
from tracker.fetch import FetchedPage, FetchRequest
from tracker.fetch.pools import PerHostTransport
from tracker.settings import Settings
from tracker.vocabulary import FetchErrorKind, FetchMode

MAX_REDIRECTS = 10
#: How much of an error page (HTTP 4xx/5xx) is kept on the error: enough to recognise a wall.
ERROR_BODY_BYTES = 256 * 1024


class HttpFetcher:
    """The :class:`~tracker.fetch.Fetcher` over one httpx client (thread-safe, pooled).

    Given a ``client``, it uses it and leaves it open on :meth:`close` (the caller owns it).
    """

    name = "http"

    def __init__(
        self, settings: Settings, client: httpx.Client | None = None, *, hosts: int = 0
    ) -> None:
        """``hosts``: how many hosts the run fetches from (sizes the connection pool)."""
        self._settings = settings
        self._own_client = client is None
        self.client = client if client is not None else build_client(settings, hosts=hosts)

    def fetch(self, request: FetchRequest) -> FetchedPage:
        return fetch_page(
            self.client,
            request.url,
            max_bytes=self._settings.max_body_bytes,
            etag=request.etag,
            last_modified=request.last_modified,
            deadline=self._settings.fetch_deadline,
            keep_error_body=request.mode == FetchMode.AUTO,
        )

    def close(self) -> None:
        if self._own_client:
            self.client.close()


#: Idle connections kept at least (httpx's default), more when a run fetches from more hosts.
MIN_IDLE_CONNECTIONS = 20


def uses_proxy() -> bool:
    """Whether the environment sends web traffic through a proxy (HTTP_PROXY, HTTPS_PROXY,
    ALL_PROXY, in either case): the per-host pools would bypass it, so the client keeps
    httpx's own transport, which honours those variables and NO_PROXY."""
    found = urllib.request.getproxies_environment()
    return any(found.get(scheme) for scheme in ("http", "https", "all"))


def build_client(settings: Settings, *, hosts: int = 0) -> httpx.Client:
    """An httpx client with the tracker's User-Agent, timeouts and redirect policy, keeping
    idle connections per host (a night over 50 hosts with a pool of 20 reconnects all the
    time), in a pool of its own per host (tracker.fetch.pools: a request looks at its own
    host's connections only), for up to ``hosts`` hosts at once (at least
    MIN_IDLE_CONNECTIONS); idle connections still close after httpx's keep-alive expiry."""
    limits = httpx.Limits(
        max_connections=max(100, settings.concurrency),
        max_keepalive_connections=MIN_IDLE_CONNECTIONS,
    )
    # httpx routes through HTTP(S)_PROXY / ALL_PROXY only on its own transport
    transport = (
        None
        if uses_proxy()
        else PerHostTransport(limits, max_hosts=max(MIN_IDLE_CONNECTIONS, hosts))
    )
    return httpx.Client(
        transport=transport,
        limits=limits,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,"
            "application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        },
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
    )


def fetch_page(
    client: httpx.Client,
    url: str,
    *,
    max_bytes: int,
    etag: str | None = None,
    last_modified: str | None = None,
    deadline: float | None = None,
    keep_error_body: bool = False,
) -> FetchedPage:
    """GET ``url``; any failure (including a body over ``max_bytes``) raises FetchError.

    The client's timeouts bound each step (connect, each read); ``deadline`` bounds the whole
    GET in seconds, so that a server trickling the body a byte at a time, each byte within the
    read timeout, is still given up (kind ``timeout``). It is checked as the body arrives.
    ``keep_error_body`` (for ``auto`` documents): an HTTP error carries the start of its page,
    so that a bot wall answering 403 or 503 can be recognised.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(FetchErrorKind.SCHEME, f"{url}: only http and https URLs are fetched")
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    try:
        with client.stream("GET", url, headers=headers) as response:
            _check_redirect_targets(response)
            if response.status_code == 304:
                if _declares_no_body(response):
                    # read the (empty) body to its end: a response closed before that closes
                    # its connection, and the next request to the host would open another
                    response.read()
                body = b""
            elif response.status_code >= 400:
                raise FetchError(
                    FetchErrorKind.HTTP_STATUS,
                    f"HTTP {response.status_code} from {response.url}",
                    status=response.status_code,
                    retry_after=response.headers.get("retry-after"),
                    body=_error_body(response, _Deadline(started, deadline))
                    if keep_error_body
                    else None,
                    content_type=response.headers.get("content-type"),
                )
            else:
                body = _read_capped(response, url, max_bytes, _Deadline(started, deadline))
            return FetchedPage(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                content_type=response.headers.get("content-type"),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                body=body,
                duration_ms=int((time.monotonic() - started) * 1000),
                not_modified=response.status_code == 304,
            )
    except httpx.TooManyRedirects:
        raise FetchError(
            FetchErrorKind.REDIRECT, f"{url}: more than {MAX_REDIRECTS} redirects"
        ) from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(
            FetchErrorKind.REDIRECT, f"{url}: redirected to an unsupported scheme ({exc})"
        ) from None
    except httpx.InvalidURL as exc:  # a Location header httpx cannot even parse (data:, ...)
        reason = _reason(exc)
        raise FetchError(
            FetchErrorKind.REDIRECT, f"{url}: redirected to an invalid URL ({reason})"
        ) from None
    except httpx.TimeoutException:
        raise FetchError(FetchErrorKind.TIMEOUT, f"{url}: timed out") from None
    except httpx.ConnectError as exc:
        if _is_name_error(exc):
            raise FetchError(
                FetchErrorKind.DNS, f"{url}: host name not found: {_reason(exc)}"
            ) from None
        kind = FetchErrorKind.TLS if _is_tls_error(exc) else FetchErrorKind.CONNECT
        raise FetchError(kind, f"{url}: cannot connect: {_reason(exc)}") from None
    except (httpx.ReadError, httpx.WriteError) as exc:  # reset, broken pipe: the connection
        raise FetchError(
            FetchErrorKind.CONNECT, f"{url}: connection lost: {_reason(exc)}"
        ) from None
    except (httpx.RemoteProtocolError, httpx.DecodingError) as exc:
        raise FetchError(
            FetchErrorKind.PROTOCOL, f"{url}: broken response: {_reason(exc)}"
        ) from None
    except httpx.HTTPError as exc:
        raise FetchError(
            FetchErrorKind.CONNECT, f"{url}: {type(exc).__name__}: {_reason(exc)}"
        ) from None


def _declares_no_body(response: httpx.Response) -> bool:
    """Whether a 304 says it has no body (no length or a zero one, not chunked). One that
    declares a body may well send it: HTTP frames a 304 as bodiless, so those bytes would be
    left on the connection for the next response to trip on; it is closed instead."""
    headers = response.headers
    return "transfer-encoding" not in headers and headers.get("content-length", "0") == "0"


def _check_redirect_targets(response: httpx.Response) -> None:
    for hop in (*response.history, response):
        if hop.url.scheme not in ("http", "https"):
            raise FetchError(FetchErrorKind.REDIRECT, f"redirected to a non-http(s) URL: {hop.url}")


@dataclass(frozen=True, slots=True)
class _Deadline:
    """The end of a fetch's total time (``seconds`` None: no total deadline)."""

    started: float
    seconds: float | None

    def check(self, url: str, received: int) -> None:
        if self.seconds is not None and time.monotonic() - self.started > self.seconds:
            raise FetchError(
                FetchErrorKind.TIMEOUT,
                f"{url}: body not complete after {self.seconds:g}s, the total deadline "
                f"({received} bytes received)",
            )


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: _Deadline) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            FetchErrorKind.TOO_LARGE, f"{url}: body of {declared} bytes is over the {max_bytes} cap"
        )
    chunks: list[bytes] = []
    received = 0
    deadline.check(url, received)
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(
                FetchErrorKind.TOO_LARGE, f"{url}: body is over the {max_bytes}-byte cap"
            )
        chunks.append(chunk)
        deadline.check(url, received)
    return b"".join(chunks)


def _error_body(response: httpx.Response, deadline: _Deadline) -> bytes | None:
    """The start of an error page (at most :data:`ERROR_BODY_BYTES`), or None when it cannot
    be read in time: it is only looked at, never stored."""
    chunks: list[bytes] = []
    received = 0
    try:
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            received += len(chunk)
            if received >= ERROR_BODY_BYTES:
                break
            deadline.check(str(response.url), received)
    except (httpx.HTTPError, FetchError):
        return None
    return b"".join(chunks)[:ERROR_BODY_BYTES]


def _is_tls_error(exc: Exception) -> bool:
    text = f"{exc!r} {exc.__context__!r}".lower()
    return "ssl" in text or "certificate" in text or "tls" in text


def _is_name_error(exc: BaseException) -> bool:
    """The connection failed because the host name does not resolve (``socket.gaierror``
    somewhere in the chain of causes), not because the resolver failed for now (EAI_AGAIN,
    retried like a refused connection)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return seen.errno != socket.EAI_AGAIN
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

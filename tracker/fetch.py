"""Fetching pages over HTTP with httpx: timeouts, redirects, size caps, conditional GET, retries.

Every failure becomes a :class:`FetchError` whose ``kind`` is one of :data:`FETCH_ERROR_KINDS`;
that word is stored on the fetch row and shown in the digest's health section.
:func:`fetch_with_retries` repeats an attempt as :class:`tracker.retry.RetryPolicy` says, with
an injectable pause so that tests never sleep.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tracker.clock import Clock
from tracker.errors import FetchError
from tracker.retry import RetryPolicy
from tracker.settings import Settings

FETCH_ERROR_KINDS = (
    "timeout",  # connect, read or total deadline exceeded
    "connect",  # DNS, refused, reset, or the connection broke while reading
    "tls",  # certificate or handshake failure
    "http-status",  # 4xx/5xx (status stored beside it)
    "too-large",  # body over the size cap (after decompression)
    "redirect",  # too many redirects, or a redirect to a non-http(s) scheme
    "protocol",  # malformed response, truncated body, bad encoding
    "scheme",  # the URL itself is not http(s)
)

MAX_REDIRECTS = 10


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """What a successful fetch returns. ``not_modified`` is a 304 answer to a conditional GET."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes
    duration_ms: int
    not_modified: bool = False


def build_client(settings: Settings) -> httpx.Client:
    """An httpx client with the tracker's User-Agent, timeouts and redirect policy."""
    return httpx.Client(
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
) -> FetchedPage:
    """GET ``url``; any failure (including a body over ``max_bytes``) raises FetchError.

    The client's timeouts bound each step (connect, each read); ``deadline`` bounds the whole
    GET in seconds, so that a server trickling the body a byte at a time, each byte within the
    read timeout, is still given up (kind ``timeout``). It is checked as the body arrives.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError("scheme", f"{url}: only http and https URLs are fetched")
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
                body = b""
            elif response.status_code >= 400:
                raise FetchError(
                    "http-status",
                    f"HTTP {response.status_code} from {response.url}",
                    status=response.status_code,
                    retry_after=response.headers.get("retry-after"),
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
        raise FetchError("redirect", f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(
            "redirect", f"{url}: redirected to an unsupported scheme ({exc})"
        ) from None
    except httpx.InvalidURL as exc:  # a Location header httpx cannot even parse (data:, ...)
        reason = _reason(exc)
        raise FetchError("redirect", f"{url}: redirected to an invalid URL ({reason})") from None
    except httpx.TimeoutException:
        raise FetchError("timeout", f"{url}: timed out") from None
    except httpx.ConnectError as exc:
        kind = "tls" if _is_tls_error(exc) else "connect"
        raise FetchError(kind, f"{url}: cannot connect: {_reason(exc)}") from None
    except (httpx.ReadError, httpx.WriteError) as exc:  # reset, broken pipe: the connection
        raise FetchError("connect", f"{url}: connection lost: {_reason(exc)}") from None
    except (httpx.RemoteProtocolError, httpx.DecodingError) as exc:
        raise FetchError("protocol", f"{url}: broken response: {_reason(exc)}") from None
    except httpx.HTTPError as exc:
        raise FetchError("connect", f"{url}: {type(exc).__name__}: {_reason(exc)}") from None


#: Waits up to the given seconds; returns False when the wait was interrupted (shutdown).
Pause = Callable[[float], bool]
#: Told about each retry: the error, the retry number (1, 2...) and the wait in seconds.
RetryListener = Callable[[FetchError, int, float], None]


def sleep_fully(seconds: float) -> bool:
    """The default :data:`Pause`: really sleep, never interrupted."""
    time.sleep(seconds)
    return True


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        retries=settings.retries,
        base_delay=settings.retry_delay,
        max_delay=settings.retry_max_delay,
    )


def fetch_with_retries(
    attempt: Callable[[], FetchedPage],
    policy: RetryPolicy,
    *,
    clock: Clock,
    pause: Pause = sleep_fully,
    rng: random.Random | None = None,
    on_retry: RetryListener | None = None,
) -> FetchedPage:
    """Call ``attempt`` until it returns a page or ``policy`` gives up; then raise its last
    FetchError (its message says how many attempts were made when there was more than one)."""
    jitter = rng or random.Random()  # noqa: S311 - jitter, not cryptography
    attempts = 0
    while True:
        attempts += 1
        try:
            return attempt()
        except FetchError as error:
            wait = policy.delay(error, attempts, now=clock(), rng=jitter)
            if wait is not None and on_retry is not None:
                on_retry(error, attempts, wait)
            if wait is None or not pause(wait):
                if attempts == 1:
                    raise
                raise _after_attempts(error, attempts) from None


def _after_attempts(error: FetchError, attempts: int) -> FetchError:
    return FetchError(
        error.kind,
        f"{error.message} (after {attempts} attempts)",
        status=error.status,
        retry_after=error.retry_after,
    )


def _check_redirect_targets(response: httpx.Response) -> None:
    for hop in (*response.history, response):
        if hop.url.scheme not in ("http", "https"):
            raise FetchError("redirect", f"redirected to a non-http(s) URL: {hop.url}")


@dataclass(frozen=True, slots=True)
class _Deadline:
    """The end of a fetch's total time (``seconds`` None: no total deadline)."""

    started: float
    seconds: float | None

    def check(self, url: str, received: int) -> None:
        if self.seconds is not None and time.monotonic() - self.started > self.seconds:
            raise FetchError(
                "timeout",
                f"{url}: body not complete after {self.seconds:g}s, the total deadline "
                f"({received} bytes received)",
            )


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: _Deadline) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            "too-large", f"{url}: body of {declared} bytes is over the {max_bytes} cap"
        )
    chunks: list[bytes] = []
    received = 0
    deadline.check(url, received)
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise FetchError("too-large", f"{url}: body is over the {max_bytes}-byte cap")
        chunks.append(chunk)
        deadline.check(url, received)
    return b"".join(chunks)


def _is_tls_error(exc: Exception) -> bool:
    text = f"{exc!r} {exc.__context__!r}".lower()
    return "ssl" in text or "certificate" in text or "tls" in text


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

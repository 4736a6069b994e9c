"""The ``wayback`` fetcher: a page as the Wayback Machine captured it, and its capture list.

- :meth:`WaybackFetcher.list_captures` asks the CDX API
  (``<base>/cdx/search/cdx?url=...&output=json&fl=timestamp,original,statuscode,mimetype,
  digest&filter=statuscode:200&collapse=digest``) for one page of captures, oldest first, with
  the resume key of the next page (``showResumeKey`` / ``resumeKey``);
- :meth:`WaybackFetcher.fetch` takes a capture URL (``<base>/web/<timestamp>id_/<url>``: the
  original bytes, not the archive's rewritten replay) and returns the page; the archive may
  redirect to the nearest capture, whose URL is then the page's ``final_url``.

Polite: at most one request per ``TRACKER_ARCHIVE_DELAY`` seconds (2 by default), whatever
the request. A ``429 Too Many Requests`` is waited out as its ``Retry-After`` says (or with a
growing backoff), up to ``TRACKER_RETRY_MAX_DELAY``; after :data:`MAX_THROTTLED` of them in a
row, or a ``Retry-After`` asking for longer, :class:`ArchiveThrottledError` stops the caller.
Timeouts, connection errors and 5xx answers are retried like live fetches
(``TRACKER_RETRIES``). The base URL is ``TRACKER_WAYBACK_URL``, so tests use a local server.

A capture's ETag and Last-Modified are the archive's, not the site's: they are never kept.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import httpx

from tracker.clock import system_clock
from tracker.errors import FetchError
from tracker.fetch import FetchedPage, FetchRequest
from tracker.fetch.http import build_client, fetch_page
from tracker.fetch.retry import Pause, parse_retry_after, retry_policy, sleep_fully
from tracker.settings import Settings
from tracker.vocabulary import FetchErrorKind

CDX_FIELDS = ("timestamp", "original", "statuscode", "mimetype", "digest")
#: How many 429 answers in a row stop a backfill.
MAX_THROTTLED = 3
_TIMESTAMP = re.compile(r"^\d{14}$")


class ArchiveThrottledError(FetchError):
    """The archive keeps answering 429 (or asks to wait too long): stop, continue later."""

    def __init__(self, message: str, *, retry_after: str | None = None) -> None:
        super().__init__(FetchErrorKind.HTTP_STATUS, message, status=429, retry_after=retry_after)


@dataclass(frozen=True, slots=True)
class Capture:
    """One row of the CDX listing."""

    timestamp: str  # yyyyMMddhhmmss, UTC
    original: str  # the URL as captured
    statuscode: str
    mimetype: str
    digest: str

    @property
    def moment(self) -> datetime:
        return capture_moment(self.timestamp)


@dataclass(frozen=True, slots=True)
class CapturePage:
    """One page of the listing and the key of the next one (None: it was the last)."""

    captures: tuple[Capture, ...]
    resume_key: str | None


def capture_moment(timestamp: str) -> datetime:
    """``20250506123541`` -> 2025-05-06 12:35:41 UTC."""
    return datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


class _Pacer:
    """At most one request start per ``interval`` seconds (thread-safe)."""

    def __init__(self, interval: float, pause: Pause, monotonic: Callable[[], float]) -> None:
        self.interval, self.pause, self.monotonic = interval, pause, monotonic
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            if self._last is not None:
                left = self.interval - (self.monotonic() - self._last)
                if left > 0:
                    self.pause(left)
            self._last = self.monotonic()


class WaybackFetcher:
    """The :class:`~tracker.fetch.Fetcher` of Wayback Machine captures, and their listing.

    ``pause`` and ``monotonic`` are injectable so that tests check the pacing without waiting.
    """

    name = "wayback"

    def __init__(
        self,
        settings: Settings,
        client: httpx.Client | None = None,
        *,
        pause: Pause = sleep_fully,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base = settings.wayback_url.rstrip("/")
        self._settings = settings
        self._own_client = client is None
        self.client = client if client is not None else build_client(settings)
        self._pause = pause
        self._pacer = _Pacer(settings.archive_delay, pause, monotonic)
        # every request waits its turn, the hops of a redirect included
        hooks = self.client.event_hooks
        self.client.event_hooks = {**hooks, "request": [*hooks.get("request", []), self._paced]}
        self._policy = retry_policy(settings)
        self._rng = random.Random()  # noqa: S311 - jitter, not cryptography
        self.throttled_in_a_row = 0

    def _paced(self, _request: httpx.Request) -> None:
        self._pacer.wait()

    # -- the Fetcher protocol ------------------------------------------------------------------

    def fetch(self, request: FetchRequest) -> FetchedPage:
        """The capture at ``request.url`` (``<base>/web/<timestamp>id_/<url>``)."""
        if parse_capture_url(request.url, self.base) is None:
            raise FetchError(
                FetchErrorKind.SCHEME, f"{request.url}: not a capture URL of {self.base}"
            )
        page = self._get(request.url)
        if parse_capture_url(page.final_url, self.base) is None:
            raise FetchError(
                FetchErrorKind.REDIRECT,
                f"{request.url}: redirected out of the archive, to {page.final_url}",
            )
        return replace(page, etag=None, last_modified=None, fetcher=self.name)

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    # -- the listing ---------------------------------------------------------------------------

    def capture_url(self, capture: Capture) -> str:
        """Where the capture's original bytes are: ``<base>/web/<timestamp>id_/<url>``."""
        return f"{self.base}/web/{capture.timestamp}id_/{capture.original}"

    def replay_url(self, timestamp: str, original: str) -> str:
        """The capture as people open it in the archive."""
        return f"{self.base}/web/{timestamp}/{original}"

    def list_captures(
        self,
        url: str,
        *,
        range_from: str = "",
        range_to: str = "",
        resume_key: str | None = None,
        limit: int = 500,
    ) -> CapturePage:
        """One page of the successful, distinct captures of ``url``, oldest first."""
        params = [
            ("url", _without_fragment(url)),
            ("output", "json"),
            ("fl", ",".join(CDX_FIELDS)),
            ("filter", "statuscode:200"),
            ("collapse", "digest"),
            ("showResumeKey", "true"),
            ("limit", str(limit)),
        ]
        if range_from:
            params.append(("from", range_from))
        if range_to:
            params.append(("to", range_to))
        query = urlencode(params)
        if resume_key:  # sent as the archive wrote it: it is already URL-encoded
            query += "&resumeKey=" + quote(resume_key, safe="%+")
        page = self._get(f"{self.base}/cdx/search/cdx?{query}")
        return parse_cdx(page.body, url)

    # -- one paced, throttle-aware request -----------------------------------------------------

    def _get(self, url: str) -> FetchedPage:
        """GET ``url`` (redirects followed, each hop paced by the request hook)."""
        retries = 0
        while True:
            try:
                page = fetch_page(
                    self.client,
                    url,
                    max_bytes=self._settings.max_body_bytes,
                    deadline=self._settings.fetch_deadline,
                )
            except FetchError as error:
                if error.status == 429:
                    self._wait_out_throttling(url, error)
                    continue
                self.throttled_in_a_row = 0
                retries += 1
                wait = self._policy.delay(error, retries, now=system_clock(), rng=self._rng)
                if wait is None or not self._pause(wait):
                    raise
                continue
            self.throttled_in_a_row = 0
            return page

    def _wait_out_throttling(self, url: str, error: FetchError) -> None:
        self.throttled_in_a_row += 1
        if self.throttled_in_a_row >= MAX_THROTTLED:
            raise ArchiveThrottledError(
                f"the archive answered 429 (too many requests) {self.throttled_in_a_row} times "
                f"in a row, last for {url}",
                retry_after=error.retry_after,
            )
        asked = parse_retry_after(error.retry_after, system_clock()) if error.retry_after else None
        wait = asked if asked is not None else self._pacer.interval * 2**self.throttled_in_a_row
        if wait > self._settings.retry_max_delay:
            raise ArchiveThrottledError(
                f"the archive asks to wait {wait:g}s (Retry-After) before {url}, longer than "
                f"TRACKER_RETRY_MAX_DELAY ({self._settings.retry_max_delay:g}s)",
                retry_after=error.retry_after,
            )
        self._pause(wait)


def parse_cdx(body: bytes, url: str) -> CapturePage:
    """The CDX API's JSON: a header row of field names, a row per capture, then, when there
    is more, an empty row and a row holding the resume key."""
    try:
        rows = json.loads(body.decode("utf-8")) if body.strip() else []
    except (UnicodeDecodeError, ValueError):
        raise FetchError(
            FetchErrorKind.PROTOCOL, f"the capture list of {url} is not the CDX API's JSON"
        ) from None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise FetchError(FetchErrorKind.PROTOCOL, f"the capture list of {url} is not a table")
    resume_key = None
    if len(rows) >= 2 and rows[-2] == [] and len(rows[-1]) == 1:
        resume_key = str(rows[-1][0])
        rows = rows[:-2]
    if not rows:
        return CapturePage(captures=(), resume_key=resume_key)
    header = [str(name) for name in rows[0]]
    missing = [name for name in CDX_FIELDS if name not in header]
    if missing:
        raise FetchError(
            FetchErrorKind.PROTOCOL, f"the capture list of {url} lacks {', '.join(missing)}"
        )
    captures = []
    for row in rows[1:]:
        if len(row) != len(header):
            continue
        values = dict(zip(header, (str(v) for v in row), strict=True))
        if not _TIMESTAMP.match(values["timestamp"]):
            continue
        captures.append(Capture(**{name: values[name] for name in CDX_FIELDS}))
    return CapturePage(captures=tuple(captures), resume_key=resume_key)


def parse_capture_url(url: str, base: str) -> tuple[str, str] | None:
    """(timestamp, original URL) of ``<base>/web/<timestamp>[id_]/<original>``, else None."""
    prefix = f"{base}/web/"
    if not url.startswith(prefix):
        return None
    stamp, _, original = url[len(prefix) :].partition("/")
    stamp = stamp.removesuffix("id_")
    if not _TIMESTAMP.match(stamp) or not original.startswith(("http://", "https://")):
        return None
    return stamp, original


def _without_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))

"""A local Wayback Machine for the backfill tests: the CDX API and ``id_`` captures, replayed
from recorded answers on a real HTTP server (pytest-httpserver).

- ``/cdx/search/cdx`` answers the listing in the CDX API's JSON (a header row, a row per
  capture, then ``[]`` and ``[resume key]`` when there is more), from the rows of a recorded
  listing, honouring ``from``, ``to``, ``limit``, ``collapse=digest`` (adjacent rows),
  ``showResumeKey`` and ``resumeKey``. Like the real one it may repeat, at the top of a page,
  the row the previous page ended with. A request without the parameters the tracker must
  send (``output=json``, the five fields, ``filter=statuscode:200``...) is a 400.
- ``/web/<timestamp>id_/<url>`` answers the capture's recorded bytes; a capture can be gone
  (404), redirect to another timestamp (302, as the archive does to the nearest capture), or
  be throttled (429 with ``Retry-After``) a given number of times first.

Every request is logged (path and query) so tests can check what was asked, and in which order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus, unquote_plus

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

CDX_PATH = "/cdx/search/cdx"
REQUIRED = {
    "output": "json",
    "fl": "timestamp,original,statuscode,mimetype,digest",
    "filter": "statuscode:200",
    "collapse": "digest",
    "showResumeKey": "true",
}
_CAPTURE = re.compile(r"^/web/(\d{14})id_/(.+)$")


@dataclass
class Recorded:
    """One capture's answer: its bytes and content type."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"


@dataclass
class WaybackReplay:
    """The archive's answers (see the module docstring); ``install`` puts them on a server."""

    url: str  # the page whose captures are listed (the CDX ``url`` parameter must be it)
    rows: list[list[str]]  # the recorded listing, header row first
    captures: dict[str, Recorded]
    gone: set[str] = field(default_factory=set)
    redirects: dict[str, str] = field(default_factory=dict)
    throttled: dict[str, int] = field(default_factory=dict)  # timestamp -> 429s before answering
    retry_after: str = "7"
    repeat_boundary: bool = True
    #: the time logged with each request (tests pass their simulated clock)
    clock: Callable[[], float] = field(default=lambda: 0.0)
    log: list[tuple[str, dict[str, str], float]] = field(default_factory=list)

    @classmethod
    def recorded(cls, listing: Path, url: str, captures: dict[str, Recorded]) -> WaybackReplay:
        return cls(url=url, rows=json.loads(listing.read_text("utf-8")), captures=captures)

    def install(self, server: HTTPServer) -> str:
        """Serve on ``server``; returns the base URL (``TRACKER_WAYBACK_URL``)."""
        server.expect_request(CDX_PATH).respond_with_handler(self.cdx)
        server.expect_request(re.compile(r"^/web/.*")).respond_with_handler(self.web)
        return server.url_for("/").rstrip("/")

    @property
    def capture_requests(self) -> list[str]:
        """The timestamps of the captures asked for, in order."""
        found = (_CAPTURE.match(path) for path, _, _ in self.log)
        return [m.group(1) for m in found if m]

    @property
    def listings(self) -> list[dict[str, str]]:
        return [query for path, query, _ in self.log if path == CDX_PATH]

    @property
    def request_times(self) -> list[float]:
        return [at for _, _, at in self.log]

    # -- the CDX API ---------------------------------------------------------------------------

    def cdx(self, request: Request) -> Response:
        query = {key: request.args[key] for key in request.args}
        self.log.append((CDX_PATH, query, self.clock()))
        wrong = {k: v for k, v in REQUIRED.items() if query.get(k) != v}
        if wrong or query.get("url") != self.url or not query.get("limit", "").isdigit():
            return Response(f"bad query: {wrong or query}", status=400)
        header, rows = self.rows[0], self._collapsed(self.rows[1:])
        low = query.get("from", "").ljust(14, "0")
        high = query.get("to", "").ljust(14, "9")
        rows = [row for row in rows if low <= row[0] <= high]
        after = _key_timestamp(query.get("resumeKey"))
        if after is not None:
            boundary = [row for row in rows if row[0] == after][:1] if self.repeat_boundary else []
            rows = boundary + [row for row in rows if row[0] > after]
        limit = int(query["limit"])
        page, more = rows[:limit], rows[limit:]
        answer: list[list[str]] = [header, *page]
        if more and query.get("showResumeKey") == "true":
            answer += [[], [resume_key(page[-1][0])]]
        return Response(json.dumps(answer), content_type="application/json")

    @staticmethod
    def _collapsed(rows: list[list[str]]) -> list[list[str]]:
        kept: list[list[str]] = []
        for row in rows:
            if not kept or kept[-1][4] != row[4]:
                kept.append(row)
        return kept

    # -- captures ------------------------------------------------------------------------------

    def web(self, request: Request) -> Response:
        self.log.append((request.path, {}, self.clock()))
        match = _CAPTURE.match(request.path)
        if match is None:
            return Response("not a capture", status=404)
        stamp, original = match.groups()
        if self.throttled.get(stamp, 0) > 0:
            self.throttled[stamp] -= 1
            return Response(
                "Too Many Requests", status=429, headers={"Retry-After": self.retry_after}
            )
        if stamp in self.redirects:
            return Response(
                "", status=302, headers={"Location": f"/web/{self.redirects[stamp]}id_/{original}"}
            )
        recorded = self.captures.get(stamp)
        if stamp in self.gone or recorded is None:
            return Response("Wayback Machine has not archived that URL.", status=404)
        return Response(recorded.body, content_type=recorded.content_type)


def resume_key(timestamp: str) -> str:
    """The key of the page after the one ending at ``timestamp``, as the archive writes it."""
    return quote_plus(f"com,together)/terms-of-service {timestamp}!")


def _key_timestamp(key: str | None) -> str | None:
    if not key:
        return None
    found = re.search(r"(\d{14})!$", unquote_plus(key))
    return found.group(1) if found else None

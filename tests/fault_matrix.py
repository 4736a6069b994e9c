"""The fault matrix: one row per way a site can fail, with what the tracker must make of it.

``FAULT_CASES`` drives tests/test_faults.py (every row against a real local server, in a real
``tracker run``) and docs/RELIABILITY.md (``python -m tests.reliability_doc`` writes the table
from these rows; a test fails when the committed file differs).

Every case is two nights of three documents: a good neighbour, the faulty document, another
good neighbour. On night 1 all three serve good pages (three versions recorded). On night 2
both neighbours publish a new revision and the faulty document's site does what the row says.
Each row states what must be stored for the faulty document on night 2 (fetch outcome, error
kind, HTTP status), whether the fetch was retried, and why that is the right answer; the test
also checks that the faulty document keeps its one version, that both neighbours recorded
their new version, and the exit code of ``tracker run`` (1 when a document failed or is held
as suspect, 0 otherwise).
"""

from __future__ import annotations

import functools
import gzip
import html
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from werkzeug import Request, Response

from tests import fault_servers as raw
from tracker.vocabulary import Outcome

#: The settings of every run of the matrix: short timeouts and retry delays keep it quick.
MATRIX_SETTINGS = {
    "TRACKER_FETCH_TIMEOUT": "1",
    "TRACKER_FETCH_DEADLINE": "2",
    "TRACKER_RETRIES": "2",
    "TRACKER_RETRY_DELAY": "0.05",
    "TRACKER_RETRY_MAX_DELAY": "5",
    "TRACKER_HOST_DELAY": "0",
}
RETRIES = int(MATRIX_SETTINGS["TRACKER_RETRIES"])
#: The default body cap (20 MB): the size cases run against the real default.
BODY_CAP = 20 * 1024 * 1024
WALLS = Path(__file__).resolve().parent / "data" / "walls"
#: The faulty document's text: the start and the French exhibit of Mistral AI's terms of use
#: (corpus, ODC-By 1.0, Open Terms Archive contributors): curly quotes, accents, "œ".
CORPUS_TEXT = Path("versions") / "mistral-ai__terms-of-service" / "01_2024-04-02.md"


# -- the faulty document's page ---------------------------------------------------------------
@dataclass(frozen=True)
class FaultPage:
    """The faulty document's good page, which the charset cases re-encode."""

    title: str
    body: str  # HTML of the text, without the surrounding page

    def html(self, *, meta_charset: str | None = "utf-8", container: str = "main") -> str:
        meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
        tag = container.split()[0]
        return (
            f"<!DOCTYPE html><html><head>{meta}<title>{html.escape(self.title)}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><{container}>{self.body}</{tag}>"
            "<footer>© Mistral AI</footer></body></html>"
        )

    def utf8(self) -> bytes:
        return self.html().encode("utf-8")


def fault_page(corpus_dir: Path) -> FaultPage:
    """The preamble, the first definitions and the French consumer exhibit, as HTML."""
    text = (corpus_dir / CORPUS_TEXT).read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    start = blocks[2:16]  # from "Preamble" into the definitions
    exhibit = next(b for b in blocks if b.startswith("**EXHIBIT 1"))
    body = MarkdownIt("commonmark").render("\n\n".join([*start, exhibit]))
    return FaultPage(title="Terms of Use | Mistral AI", body=body)


# -- what the faulty site does on night 2 -----------------------------------------------------
#: A pytest-httpserver handler: the request, the attempt number on night 2 (1, 2...), the page.
HttpHandler = Callable[[Request, int, FaultPage], Response]


@dataclass(frozen=True)
class HttpFault:
    """Served by pytest-httpserver (the faulty document has a server of its own)."""

    respond: HttpHandler


@dataclass(frozen=True)
class RawFault:
    """Served by the hand-written raw socket server (tests/fault_servers.py)."""

    behaviour: Callable[[FaultPage], raw.RawBehaviour]


@dataclass(frozen=True)
class Unreachable:
    """The raw server stops accepting: its accept queue is full, connecting times out."""


@dataclass(frozen=True)
class UntrustedCertificate:
    """An HTTPS site whose certificate the client trusts on night 1 (signed by the test CA,
    given as SSL_CERT_FILE) is replaced on night 2 by a self-signed one."""


Fault = HttpFault | RawFault | Unreachable | UntrustedCertificate


@dataclass(frozen=True)
class FaultCase:
    """One row of the matrix (see the module docstring)."""

    name: str
    server_does: str
    fault: Fault
    outcome: str  # the faulty document's fetch outcome on night 2
    kind: str | None  # the error kind stored with it
    status: int | None  # the HTTP status stored with it
    retried: bool
    why: str
    select: tuple[str, ...] = ()  # the faulty document's select rule
    retry_wait: float | None = None  # the wait every retry must announce (Retry-After)
    succeeds_on: int | None = None  # the attempt that gets the page, when a retry does

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def exit_code(self) -> int:
        return 1 if self.outcome in (Outcome.FAILED, Outcome.SUSPECT) else 0

    @property
    def attempts(self) -> int:
        if self.succeeds_on is not None:
            return self.succeeds_on
        return RETRIES + 1 if self.retried else 1

    @property
    def server(self) -> str:
        return {
            HttpFault: "pytest-httpserver",
            RawFault: "raw socket",
            Unreachable: "raw socket",
            UntrustedCertificate: "raw socket + TLS",
        }[type(self.fault)]


# -- handlers -----------------------------------------------------------------------------------
def status(code: int, **headers: str) -> HttpHandler:
    return lambda _request, _attempt, _page: Response("error", status=code, headers=headers)


def status_once_then_page(code: int) -> HttpHandler:
    def respond(_request: Request, attempt: int, page: FaultPage) -> Response:
        if attempt == 1:
            return Response("busy", status=code)
        return Response(page.utf8(), content_type="text/html; charset=utf-8")

    return respond


def wall(code: int) -> HttpHandler:
    body = (WALLS / "bot-wall__cloudflare-blocked.html").read_bytes()
    return lambda _r, _a, _p: Response(body, status=code, content_type="text/html; charset=utf-8")


def redirect_to(location: str) -> HttpHandler:
    """A redirect to ``location`` (``/loop`` redirects to itself: a loop)."""
    return lambda _r, _a, _p: Response("", status=302, headers={"Location": location})


@functools.cache
def gzip_bomb_bytes() -> bytes:
    """40 KB on the wire, 30 MB once decompressed (made once: compressing 30 MB takes the
    server longer than the client's 1 s read timeout on a busy machine)."""
    return gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>", compresslevel=9)


def gzip_bomb(_request: Request, _attempt: int, _page: FaultPage) -> Response:
    return Response(
        gzip_bomb_bytes(),
        content_type="text/html; charset=utf-8",
        headers={"Content-Encoding": "gzip"},
    )


def oversized(*, declared: bool) -> HttpHandler:
    """21 MB of HTML, with its Content-Length or streamed without one (chunked)."""
    size, chunk = BODY_CAP + 1024 * 1024, b"<p>" + b"a" * 65_529 + b"</p>"

    def body() -> Iterator[bytes]:
        for _ in range(size // len(chunk) + 1):
            yield chunk

    def respond(_request: Request, _attempt: int, _page: FaultPage) -> Response:
        headers = {"Content-Length": str(size // len(chunk) * len(chunk))} if declared else {}
        return Response(body(), content_type="text/html", headers=headers)

    return respond


def page_as(
    render: Callable[[FaultPage], bytes], content_type: str = "text/html; charset=utf-8"
) -> HttpHandler:
    return lambda _r, _a, page: Response(render(page), content_type=content_type)


def undeclared_utf8(page: FaultPage) -> bytes:
    return page.html(meta_charset=None).encode("utf-8")


def undeclared_windows_1252(page: FaultPage) -> bytes:
    return page.html(meta_charset=None).encode("cp1252")


def utf8_declared_latin1(page: FaultPage) -> bytes:
    return page.html(meta_charset="iso-8859-1").encode("utf-8")


def utf8_with_windows_1252_quotes(page: FaultPage) -> bytes:
    """UTF-8, except that every curly apostrophe is the single Windows-1252 byte 0x92."""
    return page.utf8().replace("’".encode(), b"\x92")


def without_main(page: FaultPage) -> bytes:
    return page.html(container='div class="content"').encode("utf-8")


NO_TEXT_PAGE = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Terms of Use</title>"
    b"<style>main{display:grid}</style><script>window.app = {}</script></head><body><main>"
    b"<img src='/hero.png' alt=''><svg viewBox='0 0 10 10'><path d='M0 0h10v10z'/></svg>"
    b"<div id='app'></div></main><script src='/app.js'></script></body></html>"
)

#: A 1x1 transparent PNG, and random bytes with a NUL early on (fixed: the matrix is stable).
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63fcffff3f0300050001ff5e3b7a0000000049454e44ae426082"
)
RANDOM_BYTES = random.Random(19).randbytes(4096)

_NOT_RETRIED_4XX = "a 4xx answer other than 429 is not retried: asking again gets the same answer"
_PAGE_SAME_TEXT = (
    "the same text arrives, so nothing changed: a garbled page must never become a false change"
)

FAULT_CASES: list[FaultCase] = [
    # -- the connection -------------------------------------------------------------------
    FaultCase(
        "connect timeout",
        "the listening socket's accept queue is full (`listen(0)`, never accepted): SYNs dropped",
        Unreachable(),
        Outcome.FAILED, "timeout", None, True,
        "timeouts are retried with backoff; then the night's fetch is given up",
    ),
    FaultCase(
        "read timeout",
        "accepts and reads the request, never answers",
        RawFault(lambda page: raw.never_answer),
        Outcome.FAILED, "timeout", None, True,
        "TRACKER_FETCH_TIMEOUT bounds each read; retried like any timeout",
    ),
    FaultCase(
        "slow trickle past the total deadline",
        "sends the head, then the body one byte every 0.3 s (each within the read timeout)",
        RawFault(lambda page: raw.trickle(page.utf8(), 0.3)),
        Outcome.FAILED, "timeout", None, True,
        "TRACKER_FETCH_DEADLINE bounds the whole fetch, however steadily the bytes trickle",
    ),
    FaultCase(
        "connection reset",
        "reads the request, then closes with an RST (SO_LINGER 0)",
        RawFault(lambda page: raw.reset_connection),
        Outcome.FAILED, "connect", None, True,
        "a broken connection is a connection failure, retried",
    ),
    FaultCase(
        "TLS failure",
        "HTTPS with a self-signed certificate (night 1: a certificate of the trusted test CA)",
        UntrustedCertificate(),
        Outcome.FAILED, "tls", None, False,
        "never fetched without verification; retrying gets the same certificate",
    ),
    FaultCase(
        "truncated body",
        "announces the page's Content-Length, sends half of it, closes",
        RawFault(lambda page: raw.truncate(page.utf8())),
        Outcome.FAILED, "protocol", None, True,
        "half a page is never stored as the page; retried (the next answer may be whole)",
    ),
    # -- HTTP status ------------------------------------------------------------------------
    FaultCase(
        "HTTP 500", "answers 500 Internal Server Error", HttpFault(status(500)),
        Outcome.FAILED, "http-status", 500, True, "5xx is retried with backoff",
    ),
    FaultCase(
        "HTTP 502", "answers 502 Bad Gateway", HttpFault(status(502)),
        Outcome.FAILED, "http-status", 502, True, "5xx is retried with backoff",
    ),
    FaultCase(
        "HTTP 503", "answers 503 Service Unavailable", HttpFault(status(503)),
        Outcome.FAILED, "http-status", 503, True, "5xx is retried with backoff",
    ),
    FaultCase(
        "HTTP 503 once, then the page",
        "answers 503 to the first request, then the page as on night 1",
        HttpFault(status_once_then_page(503)),
        Outcome.UNCHANGED, None, 200, True,
        "the retry gets the page: verified unchanged, the night is good (exit 0)",
        succeeds_on=2,
    ),
    FaultCase(
        "429 with Retry-After",
        "answers 429 Too Many Requests with Retry-After: 1",
        HttpFault(status(429, **{"Retry-After": "1"})),
        Outcome.FAILED, "http-status", 429, True,
        "each retry waits the 1 s the server asked for (not the backoff), the host is paused",
        retry_wait=1.0,
    ),
    FaultCase(
        "429 with a long Retry-After",
        "answers 429 with Retry-After: 3600, more than TRACKER_RETRY_MAX_DELAY",
        HttpFault(status(429, **{"Retry-After": "3600"})),
        Outcome.FAILED, "http-status", 429, False,
        "waiting an hour would stall the night: given up at once, tried again tomorrow",
    ),
    FaultCase(
        "403 bot wall",
        "answers 403 with a Cloudflare block page",
        HttpFault(wall(403)),
        Outcome.FAILED, "http-status", 403, False, _NOT_RETRIED_4XX,
    ),
    FaultCase(
        "bot wall with HTTP 200",
        "answers 200 with the same Cloudflare block page",
        HttpFault(wall(200)),
        Outcome.SUSPECT, "bot-wall", 200, False,
        "the anomaly guards (phase A) recognise the wall: kept as suspect evidence, no version",
    ),
    # -- redirects --------------------------------------------------------------------------
    FaultCase(
        "redirect loop", "redirects to /loop, which redirects to itself",
        HttpFault(redirect_to("/loop")),
        Outcome.FAILED, "redirect", None, False, "at most 10 redirects; a loop never ends",
    ),
    FaultCase(
        "redirect to another scheme",
        "redirects to ftp://127.0.0.1/terms",
        HttpFault(redirect_to("ftp://127.0.0.1/terms")),
        Outcome.FAILED, "redirect", None, False, "only http and https are ever fetched",
    ),
    # -- size -------------------------------------------------------------------------------
    FaultCase(
        "gzip bomb",
        "sends 40 KB of gzip that decompresses to 30 MB",
        HttpFault(gzip_bomb),
        Outcome.FAILED, "too-large", None, False,
        "the 20 MB cap (TRACKER_MAX_BODY_BYTES) counts decompressed bytes; reading stops there",
    ),
    FaultCase(
        "body over the size cap, declared",
        "Content-Length: 21 MB (the default cap is 20 MB)",
        HttpFault(oversized(declared=True)),
        Outcome.FAILED, "too-large", None, False,
        "refused from the header, before reading the body",
    ),
    FaultCase(
        "body over the size cap, streamed",
        "21 MB sent chunked, without Content-Length",
        HttpFault(oversized(declared=False)),
        Outcome.FAILED, "too-large", None, False,
        "reading stops at the cap; nothing is stored",
    ),
    # -- encoding ---------------------------------------------------------------------------
    FaultCase(
        "missing charset, UTF-8",
        "the same page in UTF-8 with no charset in the header or the page",
        HttpFault(page_as(undeclared_utf8, "text/html")),
        Outcome.UNCHANGED, None, 200, False,
        f"undeclared bytes that are valid UTF-8 are UTF-8; {_PAGE_SAME_TEXT}",
    ),
    FaultCase(
        "missing charset, Windows-1252",
        "the same page encoded in Windows-1252, with no charset anywhere",
        HttpFault(page_as(undeclared_windows_1252, "text/html")),
        Outcome.UNCHANGED, None, 200, False,
        f"undeclared bytes that are not UTF-8 are Windows-1252; {_PAGE_SAME_TEXT}",
    ),
    FaultCase(
        "wrong charset",
        "the same UTF-8 page declared ISO-8859-1 in the header and the page",
        HttpFault(page_as(utf8_declared_latin1, "text/html; charset=iso-8859-1")),
        Outcome.UNCHANGED, None, 200, False,
        "valid multi-byte UTF-8 is UTF-8 whatever the declaration (a browser would show "
        f"mojibake); {_PAGE_SAME_TEXT}",
    ),
    FaultCase(
        "invalid bytes",
        "the same UTF-8 page with every ’ sent as the Windows-1252 byte 0x92 (invalid UTF-8)",
        HttpFault(page_as(utf8_with_windows_1252_quotes)),
        Outcome.UNCHANGED, None, 200, False,
        f"a stray byte in UTF-8 is read as Windows-1252, as its author meant; {_PAGE_SAME_TEXT}",
    ),
    # -- content ----------------------------------------------------------------------------
    FaultCase(
        "empty 200", "answers 200 with an empty body",
        HttpFault(page_as(lambda page: b"")),
        Outcome.FAILED, "empty", 200, False,
        "no text is not a text: never a version that deletes the policy",
    ),
    FaultCase(
        "HTML with no text",
        "answers 200 with a page of scripts, styles, an image and an empty app container",
        HttpFault(page_as(lambda page: NO_TEXT_PAGE)),
        Outcome.FAILED, "empty", 200, False,
        "nothing readable is left after extraction: failed, like an empty body",
    ),
    FaultCase(
        "JSON instead of the page",
        "answers 200 with a JSON object (`application/json`)",
        HttpFault(page_as(lambda page: b'{"error": "not found"}', "application/json")),
        Outcome.FAILED, "unsupported-format", 200, False,
        "not HTML, Markdown, text or PDF: a failed fetch that says so, the old version stands",
    ),
    FaultCase(
        "an image instead of the page",
        "answers 200 with a PNG image (`image/png`)",
        HttpFault(page_as(lambda page: PNG_PIXEL, "image/png")),
        Outcome.FAILED, "unsupported-format", 200, False,
        "an image has no text to track: failed, never a version",
    ),
    FaultCase(
        "random bytes",
        "answers 200 with 4 KB of random bytes as `application/octet-stream`",
        HttpFault(page_as(lambda page: RANDOM_BYTES, "application/octet-stream")),
        Outcome.FAILED, "unsupported-format", 200, False,
        "sniffed as binary data, not a document: failed, never a version",
    ),
    FaultCase(
        "selector miss",
        "the page moved its text from `<main>` to `<div class=content>`; the registry selects "
        "`main`",
        HttpFault(page_as(without_main)),
        Outcome.FAILED, "selector-miss", 200, False,
        "the rule matches nothing: the registry needs a look, the old version stands",
        select=("main",),
    ),
]  # fmt: skip

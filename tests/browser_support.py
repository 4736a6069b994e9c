"""What the browser tests share: Chromium or a skip, and a local site of script-built pages.

Locally, a machine without Chromium skips the browser tests with the reason; in CI (``CI``
set) a missing Chromium fails them instead: ``.ci/run`` installs it, so they never skip there.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tracker.errors import FetchError
from tracker.fetch.chromium import DEFAULT_CHROMIUM, find_chromium
from tracker.settings import Settings, load_settings

CHROMIUM = os.environ.get("TRACKER_CHROMIUM", DEFAULT_CHROMIUM)


def require_chromium() -> str:
    """The Chromium program; a skip (locally) or a failure (CI) when it is missing."""
    try:
        return find_chromium(CHROMIUM)
    except FetchError:
        reason = f"Chromium ({CHROMIUM}) is not installed: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI installs it in .ci/run: browser tests never skip there)")
        pytest.skip(reason)


def browser_settings(tmp_path: Path, **env: str) -> Settings:
    """Settings for a browser test: a short deadline, no retries, no host delay, and a
    browser that reaches nothing but the local site."""
    base = {
        "TRACKER_BROWSER_DEADLINE": "45",
        "TRACKER_RETRIES": "0",
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_FETCH_TIMEOUT": "15",
    }
    return load_settings({**base, **env}, cwd=tmp_path).with_overrides(browser_offline=True)


Handler = Callable[["Request"], "Answer"]


@dataclass(frozen=True)
class Request:
    path: str
    cookie: str


@dataclass(frozen=True)
class Answer:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Site:
    """A local site: each path answers with a fixed page or a handler; ``/hang`` never does
    (until the site stops). Counts requests per path and the most pages served at once."""

    pages: dict[str, Answer | Handler] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0
    peak_in_flight: int = 0
    base_url: str = ""
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: seconds each page (not subresource) takes to answer: to see pages rendered at once
    page_delay: float = 0.0

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def answer(self, path: str, cookie: str) -> Answer | None:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
        if path == "/hang":
            self.stopping.wait(120)
            return None
        page = self.pages.get(path)
        if page is None and "?" in path:  # a key ending in "?": the path with any query
            page = self.pages.get(path.split("?", 1)[0] + "?")
        if page is None:
            return None
        return page(Request(path, cookie)) if callable(page) else page


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            counted = site.page_delay > 0 and self.path in site.pages
            if counted:
                with site.lock:
                    site.in_flight += 1
                    site.peak_in_flight = max(site.peak_in_flight, site.in_flight)
                time.sleep(site.page_delay)
            try:
                answer = site.answer(self.path, self.headers.get("Cookie", ""))
                if answer is None:
                    self.send_error(404)
                    return
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                for name, value in answer.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                if counted:
                    with site.lock:
                        site.in_flight -= 1

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield site
    finally:
        site.stopping.set()
        server.shutdown()
        server.server_close()


def html(body: str, *, title: str = "Terms", head: str = "") -> Answer:
    page = (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    )
    return Answer(page.encode("utf-8"))


def policy_paragraphs(topic: str, count: int = 8) -> str:
    """Enough policy-like text (about 40 words a paragraph) to pass the guards."""
    return "".join(
        f"<p>{topic} clause {n}: we keep your account data for as long as your account is open "
        f"and delete it within thirty days after you ask us to, unless the law requires us to "
        f"keep it longer for tax, fraud prevention or dispute resolution purposes.</p>"
        for n in range(1, count + 1)
    )


def session_processes(session_id: int) -> list[int]:
    """The live (not zombie) processes of a session: a Chromium's whole process tree."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, session = fields[0], int(fields[3])
        if session == session_id and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def children_of(pid: int) -> list[tuple[int, str]]:
    """The live child processes of ``pid`` with their command lines."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
            found.append((int(entry.name), cmdline))
    return found


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()

"""The ``browser`` fetcher: the page as headless Chromium shows it, once its scripts have run.

Chromium is the system's (Debian: ``apt-get install chromium chromium-headless-shell``, the
headless shell by default: see :func:`~tracker.fetch.chromium.find_chromium`; setting
``TRACKER_CHROMIUM``),
started by this module and driven by Playwright for Python over the DevTools protocol
(``connect_over_cdp``): Playwright never downloads a browser. One browser serves every
document of a run::

    fetch threads ──request──> the browser thread (one asyncio loop)
                                 at most TRACKER_BROWSER_PAGES pages at once (a semaphore)
                                 a fresh context per page: goto -> settle -> [scroll, settle]
                                 -> [wait_for, settle] -> [wait_ms] -> HTML -> screenshot
                                 all within TRACKER_BROWSER_DEADLINE, else kind `timeout`

**Settled** means: the document's ``load`` event has fired (``readyState`` is ``complete``),
no document, script, XHR or fetch request is in flight, the timers its scripts set while it
loaded (``setTimeout`` of up to :data:`TIMER_HORIZON_MS`) have fired, and neither those
requests nor the DOM's nodes and text (a MutationObserver) have changed for :data:`QUIET_MS`.
A page that navigates elsewhere (a script setting ``location``) is followed, like a redirect,
and settles on its last page. A page that never settles is cut at the deadline (kind
``timeout``). Errors thrown by the page's scripts do not matter: the page is taken as it
stands. ``wait_for`` (a CSS selector to wait for), ``wait_ms`` and ``scroll`` come from the
registry.

**What comes back** is an ordinary :class:`~tracker.fetch.FetchedPage`: the serialized DOM as
UTF-8 HTML (the raw snapshot; ``select``/``remove`` apply to it), the main document's HTTP
status and final URL, and a full-page PNG screenshot (at most :data:`MAX_SCREENSHOT_HEIGHT`
pixels tall) when the request's ``screenshot_if`` says the page is worth one (the tracker
asks: is its text new?), since a screenshot costs more than the rest of the render. That is
asked early, on the HTML read while the page waits out its quiet period, and asked again on
the HTML read once it settled unless that is the same (:data:`EARLY_CHECK_AFTER_MS`). A main
document that is not HTML (plain text, say) is returned as its bytes. A rendered page carries
no ETag or Last-Modified: its text does not come from the HTML alone, so the next fetch is
never conditional.

**Frames on demand** (:data:`FRAMES_ON_DEMAND`): with the headless shell each page is a target
whose frames are drawn only when asked for, about 60 a second by its :class:`_FramePump` while
it renders, and one for each strip of its screenshot. The frames, the screenshot's calls, the
settle's polls, the page's HTML and the calls that make the page's target go over a DevTools
connection of the tracker's own (:mod:`tracker.fetch.devtools`), not through Playwright's
driver, where it can be opened (a poll or the HTML that fails there, as between two
documents of a navigation, is asked through Playwright).

**Robustness.** The browser is restarted after a crash and every :data:`RESTART_AFTER_PAGES`
pages (memory). No Chromium process outlives the tracker, however it ends
(:mod:`tracker.fetch.chromium`: process group, ``PR_SET_PDEATHSIG``, a watchdog), and
Playwright's driver process exits when its pipe to the tracker closes.

This module knows nothing of the database (see :mod:`tracker.track.record` for what becomes
of the page).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import os
import re
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from tracker.errors import FetchError
from tracker.fetch import FetchedPage, FetchRequest
from tracker.fetch.chromium import CLOSE_SECONDS, LAUNCH_SECONDS, ChromiumProcess, find_chromium
from tracker.fetch.devtools import DevtoolsConnection, DevtoolsError
from tracker.fetch.png import PngError, PngJoiner, png_size
from tracker.model import RenderOptions
from tracker.settings import Settings
from tracker.vocabulary import FetchErrorKind

if TYPE_CHECKING:
    from playwright.async_api import (
        Browser,
        BrowserContext,
        CDPSession,
        Page,
        Playwright,
        Request,
        Response,
    )

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How long the page's network and DOM must have been still for the page to be settled.
QUIET_MS = 500
#: A ``setTimeout`` of up to this many ms set while the page loads is waited for.
TIMER_HORIZON_MS = 5000
#: How often a settling page is looked at, in seconds (at most).
POLL_SECONDS = 0.1
#: Requests whose being in flight means the page is still building its text.
TEXT_REQUESTS = frozenset({"document", "script", "xhr", "fetch"})
#: The browser is replaced by a fresh one after this many pages (memory stays bounded).
RESTART_AFTER_PAGES = 100
#: Starts of Chromium tried when it crashes while starting (exits by a signal before it is
#: ready): a rare SIGSEGV at start on a loaded machine must not fail the night's pages.
START_ATTEMPTS = 2
VIEWPORT = {"width": 1280, "height": 900}
#: Full-page screenshots are cut at this height in pixels (a PNG of a whole long policy).
MAX_SCREENSHOT_HEIGHT = 16384
#: ... and taken in strips of at most this many pixels, joined into one PNG (memory: see
#: ``_PageRender._full_page_png``). Only a strip is visible, so rastered, at a time: the peak
#: RSS sum of a 20-document night of the browser bench was 947 MB with the whole page visible
#: (strips of 4,096), 907 with one strip of 4,096 visible, 840-867 with 2,048, 803 with 1,024.
#: In the bench itself (alternated, load 1.3-4.5): 817-821 MB with 2,048, 800-807 with 1,536,
#: 786-787 with 1,024 (the target is 800), whose screenshot of the bench page took about 0.4 s
#: longer and first night of 100 new versions about 20-30% longer than with 2,048.
SCREENSHOT_STRIP = 1024
#: Frames on demand: each page is opened in a target whose frames are drawn only when the
#: tracker asks for one (``Target.createTarget`` with ``enableBeginFrameControl``; Chromium's
#: headless shell), by :class:`_FramePump` while the page renders (a frame at most every
#: :data:`FRAME_SECONDS`, as Chromium's own 60 a second), and by the screenshot for each strip
#: (``HeadlessExperimental.beginFrame`` with a screenshot: one frame, its tiles rastered, its
#: pixels copied out and encoded). ``Page.captureScreenshot`` waits for frames at 60 a second
#: instead: a forced redraw, then the copy on a later frame, 35-41 ms a strip whatever its
#: height (the eleventh round of docs/PERFORMANCE.md); the bench page's 16 strips took 1.79 s
#: that way, 1.2-1.3 s on demand, the same pixels. False, or a Chromium that refuses such a
#: target (the desktop ``chromium``): pages draw at 60 frames a second and each strip is taken
#: by ``Page.captureScreenshot``.
FRAMES_ON_DEMAND = True
FRAME_SECONDS = 1 / 60
#: ... and at most every this many seconds while another page's screenshot draws its strips.
#: Frames are drawn one at a time in the browser (:class:`_Frames`), and a strip's frame asked
#: for while another page's frame is being drawn waits for it (that page's renderer may be in
#: a long task: a page's parse, its lay-out): in a first night of 30 bench documents the
#: strips waited 0.1 s a screenshot in all (p90 14 ms a strip) for 60 such frames a second,
#: and the screenshots, one at a time, set the night's pace. A page still gets a frame every
#: 0.1 s meanwhile (its animation frames and observers run, a fifth of the settle's quiet
#: period apart), for the second or so a screenshot takes.
FRAME_SECONDS_BESIDE_SCREENSHOT = 0.1
#: Frames drawn for one strip at most, while one comes back without the strip's pixels, the
#: pause before each one after the first doubling from :data:`FRAME_SECONDS` (in all about
#: 2 s at most; see :func:`_frame_of`).
FRAME_ATTEMPTS = 8
#: ... and this wide (a page wider than the viewport is taken as wide as it is, up to this).
MAX_SCREENSHOT_WIDTH = 4096
#: Seconds each DevTools call of a screenshot (the page's measure, its lay-out, a strip's
#: capture, the session's detach) may go without an answer: a capture of a strip takes
#: 0.2-0.5 s, the lay-out of a page at the height cap a few seconds on a loaded machine. A
#: renderer that stops answering (a script looping for ever once the page is resized; a
#: capture that never got its frame, seen once in CI) made the screenshot wait for the render
#: deadline, and the page was lost with its text; a detach left waiting in a ``finally``
#: even outlived the deadline. A stalled screenshot is taken again once, from a new DevTools
#: session, then given up: the page keeps its text and has no screenshot.
SCREENSHOT_STALL_SECONDS = 10.0
#: Seconds a render's poll of the page, or the read of its HTML, waits on the tracker's own
#: DevTools session before it is asked through Playwright instead (see :func:`_direct_answer`).
DIRECT_CALL_SECONDS = 5.0
SCREENSHOT_ATTEMPTS = 2
#: The screenshot (its turn, its tries) ends this long before the render deadline, however far
#: it got: the page's text is read by then, and keeps it, with no screenshot; the rest is for
#: closing the page's context. Cut by the deadline itself, the page was lost, text and all (a
#: page waiting for its turn behind a stalled screenshot; a second try begun near the end).
SCREENSHOT_DEADLINE_RESERVE_SECONDS = 5.0
#: The text check (``screenshot_if``) is made early, on the HTML read once a page has been
#: ready (loaded, no timer to wait for) and still for this many ms, while the settle waits out
#: the rest of :data:`QUIET_MS`; the HTML read after the settle is compared with it, and the
#: early answer is kept only for the very same page (else the check is made again on it). A
#: first night's new version spent about 0.1 s in the check after the settle, on the page's
#: slot (its render, check and screenshot, two pages at once) with a core often idle meanwhile.
EARLY_CHECK_AFTER_MS = 100
#: ... at most this many times a render (a page that keeps changing in its quiet period).
EARLY_CHECKS = 2
#: Scrolling (``scroll = true``) stops at the bottom, or after this many steps.
MAX_SCROLL_STEPS = 200
SCROLL_PAUSE_SECONDS = 0.1
#: The driver's preload (see the file): its WebSocket handshakes offer no permessage-deflate, so
#: Chromium no longer deflates every DevTools message for the driver to inflate (measured on the
#: bench page: a screenshot 0.25 core-seconds cheaper, its captures 225 -> 170 ms a strip).
DRIVER_PRELOAD = Path(__file__).with_name("driver_preload.js")


def _quoted(path: Path) -> str:
    """``path`` as one word of ``NODE_OPTIONS`` (Node.js reads double quotes and backslashes)."""
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


#: Node.js options of Playwright's driver (a Node.js process between the tracker and Chromium,
#: which every DevTools message, screenshots included, goes through): V8's young generation
#: at 1 MB a half instead of 16, so short-lived strings are collected sooner (measured on 20
#: documents of the bench's night: the driver's peak RSS 214-217 -> 140 MB, its CPU time
#: 0.24-0.27 -> 0.30 s a document, on a loaded machine); its old generation at most
#: :data:`DRIVER_OLD_SPACE_MB`; and :data:`DRIVER_PRELOAD`.
#: ``NODE_OPTIONS`` of the environment come after these (a flag given twice: its own wins).
#: (V8's other memory flags, ``--lite-mode``, ``--optimize-for-size``, ``--single-threaded``,
#: are refused in ``NODE_OPTIONS``: the driver would not start.)
DRIVER_OLD_SPACE_MB = 64
DRIVER_NODE_OPTIONS = (
    f"--max-semi-space-size=1 --max-old-space-size={DRIVER_OLD_SPACE_MB} "
    f"--require {_quoted(DRIVER_PRELOAD)}"
)
#: Why the old generation's cap (:data:`DRIVER_OLD_SPACE_MB`): left to itself, V8 let the
#: driver's old generation grow through a night between its full collections (the driver's
#: RSS rose from about 140 MB after 30 documents to 161-196 MB after 100), and the cap makes
#: it collect sooner: 139-142 MB after 100 documents (first nights of the bench's page, two
#: runs each, alternated, load 4.4-8.8), at the same CPU (0.13-0.17 core-seconds a
#: document either way). What it holds at once is a few DevTools messages: two pages of 19
#: MB of non-ASCII HTML at once (the body cap is 20 MB) render under it, one with its
#: screenshot (a test). Should the driver die all the same, the next page starts a new one
#: (:meth:`_Renderer._still_driven`).
#: The content type of a rendered page read as HTML (the serialized DOM).
HTML_CONTENT_TYPE = "text/html; charset=utf-8"
#: Room for the HTML of an error page kept on the error (as the http fetcher does).
ERROR_BODY_BYTES = 256 * 1024

#: Installed in every document before its own scripts: remembers when the DOM last changed,
#: and counts the timers set until the load event is over (``setTimeout`` of up to
#: TIMER_HORIZON_MS) that have not fired yet. Timers set later are not counted: carousels and
#: pollers would never let the page settle.
_WATCH_PAGE = """
(() => {
  const horizon = %d;
  const setTimer = window.setTimeout.bind(window);
  const clearTimer = window.clearTimeout.bind(window);
  const pending = new Set();
  let loading = true;
  const state = {changed: performance.now(), pending: () => pending.size};
  Object.defineProperty(window, "__policyTracker", {value: state, enumerable: false});
  window.setTimeout = function (handler, delay, ...rest) {
    if (!loading || typeof handler !== "function" || !(Number(delay) <= horizon)) {
      return setTimer(handler, delay, ...rest);
    }
    const id = setTimer(function (...args) {
      pending.delete(id);
      return handler.apply(this, args);
    }, delay, ...rest);
    pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    pending.delete(id);
    return clearTimer(id);
  };
  window.addEventListener("load", () => setTimer(() => { loading = false; }, 0));
  new MutationObserver(() => { state.changed = performance.now(); }).observe(document,
    {childList: true, subtree: true, characterData: true});
})();
"""
_PROBE = """() => {
  const state = window.__policyTracker;
  return state ? [document.readyState === "complete", performance.now() - state.changed,
                  state.pending()]
               : [document.readyState === "complete", 1e9, 0];
}"""
#: The page's HTML as Playwright's ``page.content()`` reads it.
_CONTENT = """(() => {
  let html = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : "";
  return document.documentElement ? html + document.documentElement.outerHTML : html;
})()"""
_SCROLL_STEP = """() => {
  const root = document.scrollingElement || document.documentElement;
  window.scrollBy(0, Math.max(200, Math.floor(window.innerHeight * 0.8)));
  return [window.scrollY + window.innerHeight >= root.scrollHeight - 2, root.scrollHeight];
}"""
#: The page's size in CSS pixels once its fonts are in (the screenshot's clip).
_PAGE_SIZE = """async () => {
  await document.fonts.ready;
  const root = document.scrollingElement || document.documentElement;
  return [Math.max(root.scrollWidth, window.innerWidth), root.scrollHeight];
}"""


class BrowserFetcher:
    """The :class:`~tracker.fetch.Fetcher` over one Chromium (see the module doc).

    Thread-safe: any number of threads may call :meth:`fetch`; at most ``settings.browser_pages``
    pages render at once. Chromium starts on the first fetch, not before.
    """

    name = "browser"

    def __init__(self, settings: Settings, *, restart_after: int = RESTART_AFTER_PAGES) -> None:
        self.settings = settings
        self._renderer = _Renderer(settings, restart_after)
        self._thread: _LoopThread | None = None
        self._lock = threading.Lock()
        self._closed = False

    @property
    def launches(self) -> int:
        """How many times a Chromium was started (a restart counts)."""
        return self._renderer.launches

    @property
    def browser_pid(self) -> int | None:
        """The process id of the running Chromium (its process group and session id)."""
        return self._renderer.chromium.pid if self._renderer.chromium is not None else None

    def fetch(self, request: FetchRequest) -> FetchedPage:
        return self._loop().call(self._renderer.render(request))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            thread, self._thread = self._thread, None
        if thread is None:
            return
        try:
            thread.call(self._renderer.shutdown())
        finally:
            thread.stop()

    def _loop(self) -> _LoopThread:
        with self._lock:
            if self._closed:
                raise FetchError(FetchErrorKind.RENDER, "the browser fetcher is closed")
            if self._thread is None:
                self._thread = _LoopThread()
            return self._thread


class _LoopThread:
    """A daemon thread running one asyncio loop; other threads hand it coroutines."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="browser", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(CLOSE_SECONDS)
        if not self._thread.is_alive():
            self.loop.close()


@dataclass
class _Stage:
    """Where a render is (for the message of a timeout), and the seconds spent in each step
    (for the debug log: where a page's render time goes)."""

    now: str = "opening a browser context"
    step: str = "context"
    since: float = field(default_factory=time.monotonic)
    spent: dict[str, float] = field(default_factory=dict)

    def enter(self, step: str, now: str | None = None) -> None:
        """Start ``step`` (a short name), described as ``now`` in a timeout's message (None:
        the description stays, as when the page is closed after a timeout)."""
        self.leave()
        self.step, self.now = step, self.now if now is None else now

    def leave(self) -> None:
        moment = time.monotonic()
        self.spent[self.step] = self.spent.get(self.step, 0.0) + moment - self.since
        self.since = moment

    def summary(self) -> str:
        self.leave()
        return ", ".join(f"{step} {seconds * 1000:.0f}" for step, seconds in self.spent.items())


class _Renderer:
    """Lives on the browser thread's loop: the browser, its restarts, the pages."""

    def __init__(self, settings: Settings, restart_after: int) -> None:
        self.settings = settings
        self.restart_after = restart_after
        self.chromium: ChromiumProcess | None = None
        self.launches = 0
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        #: The browser's own DevTools session (kept while it runs): creates the pages' targets.
        self._browser_session: CDPSession | None = None
        #: Chromium's DevTools address, and the tracker's own connection to it (opened for
        #: the first screenshot drawn on demand, kept while the browser runs): see
        #: :meth:`devtools`.
        self._address: str | None = None
        self._devtools: DevtoolsConnection | None = None
        self._devtools_opening: asyncio.Lock | None = None
        self._devtools_refused = False
        #: Whether pages get their frames on demand (:data:`FRAMES_ON_DEMAND`), until a
        #: Chromium refuses it.
        self.frames_on_demand = FRAMES_ON_DEMAND
        self.frames = _Frames()  # a new one with each browser
        #: A context's DevTools id is the one new among the browser's contexts after it is
        #: made (Playwright does not give it): one context made at a time.
        self._contexts: asyncio.Lock | None = None
        self._user_agent: str | None = None
        self._pages_on_browser = 0
        self._active = 0
        self._broken = False
        self._slots: asyncio.Semaphore | None = None
        #: One full-page screenshot at a time: each holds the whole page's bitmap in
        #: Chromium's compositor (about 300 MB at the height cap), and two at once took twice
        #: as long each (measured: 1.9 s alone, 3.8 s two at once), so waiting costs no time.
        self.screenshot_turn: asyncio.Lock | None = None
        self._state: asyncio.Lock | None = None
        self._idle: asyncio.Condition | None = None

    async def render(self, request: FetchRequest) -> FetchedPage:
        if self._slots is None or self._state is None or self._idle is None:
            self._slots = asyncio.Semaphore(self.settings.browser_pages)
            self._state, self._idle = asyncio.Lock(), asyncio.Condition()
            self.screenshot_turn = asyncio.Lock()
        async with self._slots:
            browser = await self._ready_browser()
            self._active += 1
            try:
                return await self._render_within_deadline(browser, request)
            finally:
                self._active -= 1
                self._pages_on_browser += 1
                async with self._idle:
                    self._idle.notify_all()

    async def _render_within_deadline(self, browser: Browser, request: FetchRequest) -> FetchedPage:
        from playwright.async_api import Error as PlaywrightError

        deadline = self.settings.browser_deadline
        stage = _Stage()
        started = time.monotonic()
        ends = asyncio.get_running_loop().time() + deadline
        try:
            async with asyncio.timeout_at(ends):
                page = await _PageRender(self, browser, request, stage, ends).run()
            log.debug("%s: rendered, ms per step: %s", request.url, stage.summary())
        except TimeoutError:
            raise FetchError(
                FetchErrorKind.TIMEOUT,
                f"{request.url}: not settled after {deadline:g}s, the render deadline "
                f"(while {stage.now})",
            ) from None
        except (PlaywrightError, DevtoolsError) as exc:
            if not await self._still_driven(browser):
                self._broken = True
                raise FetchError(
                    FetchErrorKind.RENDER,
                    f"{request.url}: the browser crashed while {stage.now}; it is restarted",
                ) from None
            raise FetchError(
                FetchErrorKind.RENDER, f"{request.url}: {_first_line(str(exc))}"
            ) from None
        return _with_duration(page, started)

    async def _ready_browser(self) -> Browser:
        """The browser to render on: started on first use, replaced after a crash or every
        ``restart_after`` pages (once the pages in flight on the old one are done)."""
        assert self._state is not None and self._idle is not None
        async with self._state:
            if self._browser is not None and self._needs_restart():
                async with self._idle:
                    await self._idle.wait_for(lambda: self._active == 0)
                broken = self._broken or self._crashed()
                await self._stop_browser()
                if broken:  # the driver may be what broke: a new one with the new browser
                    await self._stop_driver()
            if self._browser is None:
                await self._start_browser()
            assert self._browser is not None
            return self._browser

    def _needs_restart(self) -> bool:
        return self._broken or self._crashed() or self._pages_on_browser >= self.restart_after

    def _crashed(self) -> bool:
        assert self._browser is not None
        return not self._browser.is_connected() or not (self.chromium and self.chromium.alive)

    async def _still_driven(self, browser: Browser) -> bool:
        """Whether the browser still answers through Playwright's driver: after an error, a
        driver that died (a heap limit, the kernel's OOM killer) leaves the browser looking
        connected, and every later page would fail on it."""
        if not browser.is_connected() or not (self.chromium and self.chromium.alive):
            return False
        try:
            session = await asyncio.wait_for(browser.new_browser_cdp_session(), CLOSE_SECONDS)
            await asyncio.wait_for(session.detach(), CLOSE_SECONDS)
        except Exception:
            return False
        return True

    async def _start_browser(self) -> None:
        from playwright.async_api import async_playwright

        executable = find_chromium(self.settings.chromium_path)
        for attempt in range(1, START_ATTEMPTS + 1):
            chromium = ChromiumProcess(executable, offline=self.settings.browser_offline)
            self.chromium = chromium
            self.launches += 1
            try:
                address = await asyncio.to_thread(chromium.start)
                break
            except FetchError as exc:
                if attempt == START_ATTEMPTS or not chromium.crashed_at_start:
                    raise
                log.warning("Chromium crashed while starting (%s); starting it again", exc)
        try:
            if self._playwright is None:
                with _driver_options():
                    self._playwright = await async_playwright().start()
            self._browser = await self._playwright.chromium.connect_over_cdp(
                address, timeout=LAUNCH_SECONDS * 1000
            )
            session = await self._browser.new_browser_cdp_session()
            version = await session.send("Browser.getVersion")
        except Exception as exc:
            # Not only PlaywrightError: a driver that exits at once (Node.js refusing its
            # options, say) raises a plain Exception, and the Chromium started for it stayed
            # up until the tracker ended, one more for every document of the run. The driver
            # goes too (it may be the one that died): the next page starts a new one.
            await self._stop_browser()
            await self._stop_driver()
            raise FetchError(
                FetchErrorKind.RENDER, f"cannot drive Chromium: {_first_line(str(exc))}"
            ) from None
        self._user_agent = f"{version.get('userAgent', '')} {self.settings.user_agent}".strip()
        self._browser_session = session
        self._address = address
        self.frames = _Frames()
        self._pages_on_browser = 0
        self._broken = False
        log.info("browser started: %s (pid %s)", version.get("product"), chromium.pid)

    async def _stop_browser(self) -> None:
        browser, self._browser = self._browser, None
        self._browser_session = None
        self._address = None
        devtools, self._devtools = self._devtools, None
        if devtools is not None:
            await devtools.close()
        if browser is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(browser.close(), CLOSE_SECONDS)
        chromium = self.chromium
        if chromium is not None:
            await asyncio.to_thread(chromium.stop)

    async def _stop_driver(self) -> None:
        playwright, self._playwright = self._playwright, None
        if playwright is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(playwright.stop(), CLOSE_SECONDS)

    async def shutdown(self) -> None:
        await self._stop_browser()
        self.chromium = None
        await self._stop_driver()

    async def new_context(self, browser: Browser) -> tuple[BrowserContext, str | None]:
        """A fresh context, and its DevTools id when pages get their frames on demand."""
        session = self._browser_session
        if not self.frames_on_demand or session is None:
            return await browser.new_context(**self.context_options()), None
        if self._contexts is None:
            self._contexts = asyncio.Lock()
        call = await self._browser_call(session)
        async with self._contexts:
            before = await call("Target.getBrowserContexts", {})
            context = await browser.new_context(**self.context_options())
            after = await call("Target.getBrowserContexts", {})
        new = set(after["browserContextIds"]) - set(before["browserContextIds"])
        return context, new.pop() if len(new) == 1 else None

    async def new_page(
        self, context: BrowserContext, context_id: str | None
    ) -> tuple[Page, _FramePump | None]:
        """A page of ``context``: in a target drawing frames on demand, with its running
        :class:`_FramePump`, where this Chromium can (else an ordinary page, and None)."""
        from playwright.async_api import Error as PlaywrightError

        session = self._browser_session
        if not self.frames_on_demand or context_id is None or session is None:
            return await context.new_page(), None
        opened = asyncio.ensure_future(context.wait_for_event("page", timeout=0))
        page: Page | None = None
        try:
            target = {"url": "about:blank", "browserContextId": context_id}
            call = await self._browser_call(session)
            created = await call("Target.createTarget", {**target, "enableBeginFrameControl": True})
            page = await opened
            pump = await self._pump_of(context, page, created.get("targetId"))
            await pump.frame()
        except (PlaywrightError, DevtoolsError) as exc:  # not the headless shell: it draws
            # frames itself
            if self._crashed():
                raise  # not a refusal: the render sees to it
            log.info("frames on demand refused (%s); frames at 60 a second", _first_line(str(exc)))
            self.frames_on_demand = False
            if page is not None:
                await page.close()
            return await context.new_page(), None
        finally:
            opened.cancel()
        pump.start()
        return page, pump

    async def _browser_call(self, session: CDPSession) -> _Call:
        """Calls to the browser itself (the pages' contexts and targets): over the tracker's
        own DevTools connection where it can be opened, else on Playwright's ``session``."""
        direct = await self.devtools()
        return direct.send if direct is not None else session.send

    async def _pump_of(self, context: BrowserContext, page: Page, target: str | None) -> _FramePump:
        """The frame pump of ``page`` (its ``target``): on a session of the tracker's own
        DevTools connection where it can be (each frame a message to Chromium and its answer,
        not two through Playwright's driver), else on one of Playwright's."""
        direct = await self.devtools() if target is not None else None
        if direct is not None:
            attach = direct.send("Target.attachToTarget", {"targetId": target, "flatten": True})
            try:
                own = (await asyncio.wait_for(attach, CLOSE_SECONDS))["sessionId"]
            except (DevtoolsError, TimeoutError) as exc:
                log.info("frames through Playwright's driver: %s", _first_line(str(exc)))
            else:
                call = partial(direct.send, session=own)
                return _FramePump(call, self.frames, target, direct=True)
        return _FramePump((await context.new_cdp_session(page)).send, self.frames, target)

    async def devtools(self) -> DevtoolsConnection | None:
        """The tracker's own DevTools connection to the running browser (:mod:`tracker.fetch.
        devtools`), opened on first use and again after it ended; None where it cannot be
        (the screenshot then goes through Playwright's driver, as before)."""
        if self._address is None or self._devtools_refused:
            return None
        if self._devtools_opening is None:
            self._devtools_opening = asyncio.Lock()
        async with self._devtools_opening:
            if self._devtools is not None and self._devtools.closed:
                await self._devtools.close()
                self._devtools = None
            if self._devtools is None:
                address = self._address
                try:
                    opened = await asyncio.wait_for(DevtoolsConnection.open(address), CLOSE_SECONDS)
                except (DevtoolsError, TimeoutError) as exc:
                    log.info("no DevTools connection of the tracker's own (%s): screenshots "
                             "through Playwright's driver", exc)  # fmt: skip
                    self._devtools_refused = True
                    return None
                if self._address != address:  # the browser was stopped meanwhile
                    await opened.close()
                    return None
                self._devtools = opened
            return self._devtools

    def context_options(self) -> dict[str, Any]:
        return {
            "viewport": VIEWPORT,
            "user_agent": self._user_agent,
            "locale": "en-US",
            "timezone_id": "UTC",
            "service_workers": "block",
            "reduced_motion": "reduce",
            "accept_downloads": False,
        }

    def mark_broken(self) -> None:
        self._broken = True


@dataclass
class _Activity:
    """What a page is doing: requests in flight, the main document's response, crashes."""

    in_flight: set[Request] = field(default_factory=set)
    last_change: float = field(default_factory=time.monotonic)
    main_response: Response | None = None
    crashed: bool = False
    script_errors: int = 0

    def watch(self, page: Page) -> None:
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)
        page.on("response", lambda response: self._response(page, response))
        page.on("crash", lambda _page: setattr(self, "crashed", True))
        page.on("pageerror", lambda _error: setattr(self, "script_errors", self.script_errors + 1))

    def _started(self, request: Request) -> None:
        if request.resource_type in TEXT_REQUESTS:
            self.in_flight.add(request)
            self.last_change = time.monotonic()

    def _ended(self, request: Request) -> None:
        if request in self.in_flight:
            self.in_flight.discard(request)
            self.last_change = time.monotonic()

    def _response(self, page: Page, response: Response) -> None:
        request = response.request
        redirect = 300 <= response.status < 400 and "location" in response.headers
        if request.is_navigation_request() and request.frame == page.main_frame and not redirect:
            self.main_response = response

    def quiet_ms(self) -> float:
        return 0.0 if self.in_flight else (time.monotonic() - self.last_change) * 1000


class _ScreenshotStalled(Exception):
    """A DevTools call of a screenshot got no answer within :data:`SCREENSHOT_STALL_SECONDS`."""


async def _bounded(step: Awaitable[T], stage: _Stage) -> T:
    """``step`` (a DevTools call of the screenshot), given up after
    :data:`SCREENSHOT_STALL_SECONDS`: :class:`_ScreenshotStalled` says what it was doing.

    ``asyncio.timeout``, not ``wait_for``: on Python 3.11, ``wait_for`` returns the answer when
    the render deadline's cancel comes in the same turn of the loop as it, and the cancel is
    lost (the deadline then bounds nothing more); nested timeouts tell their cancels apart."""
    seconds = SCREENSHOT_STALL_SECONDS
    bound = asyncio.timeout(seconds)
    try:
        async with bound:
            return await step
    except TimeoutError:
        if not bound.expired():
            raise
        raise _ScreenshotStalled(f"{stage.now}: no answer within {seconds:g}s") from None


#: A DevTools call on one session: (method, params) -> the result.
_Call = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]


async def _direct_answer(call: _Call, method: str, params: dict[str, Any]) -> dict[str, Any]:
    """The answer of a render's call to the page over the tracker's own session, or ``{}`` if
    it failed or took over :data:`DIRECT_CALL_SECONDS`: the caller then asks Playwright, which
    knows what became of the page and raises what the render handles. (A renderer killed
    while the page settles fails the call here at once, and Playwright's call then reports the
    crash: a test. The bound is for what was not seen: a call this session never answers.)"""
    bound = asyncio.timeout(DIRECT_CALL_SECONDS)
    try:
        async with bound:
            return await call(method, params)
    except DevtoolsError:
        return {}
    except TimeoutError:
        if not bound.expired():
            raise  # the render's deadline
        return {}


@dataclass(frozen=True)
class _Devtools:
    """The screenshot's DevTools session (``call``: Playwright's or the tracker's own), every
    call bounded (:func:`_bounded`)."""

    call: _Call
    stage: _Stage

    async def send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        return await _bounded(self.call(method, params), self.stage)


class _EarlyCheck:
    """A text check (``screenshot_if``) begun while the page waits out its quiet period (see
    :data:`EARLY_CHECK_AFTER_MS`): the page read then (``read``), and the check's answer,
    asked in a thread once the page is read."""

    def __init__(
        self, read: Coroutine[Any, Any, FetchedPage | None], decide: Callable[[FetchedPage], bool]
    ) -> None:
        self.began = time.monotonic()
        self.page: FetchedPage | None = None
        self.answer: asyncio.Future[bool] | None = None
        self._decide = decide
        self._reading = asyncio.ensure_future(self._read(read))
        self._reading.add_done_callback(_retrieved)

    async def _read(self, read: Coroutine[Any, Any, FetchedPage | None]) -> None:
        page = await read
        if page is not None:
            self.page = page
            self.answer = asyncio.ensure_future(asyncio.to_thread(self._decide, page))
            self.answer.add_done_callback(_retrieved)

    def done(self) -> bool:
        return self._reading.done() and (self.answer is None or self.answer.done())

    async def result(self) -> tuple[FetchedPage, bool] | None:
        """The page read and its answer, once the check is over; None if the page was not
        read yet (the read is dropped), could not be read, or the check raised."""
        self._reading.cancel()  # no-op once read
        await asyncio.wait([self._reading])
        answer = self.answer
        if self.page is None or answer is None:
            return None
        await asyncio.wait([answer])
        if answer.cancelled() or answer.exception() is not None:
            return None
        return self.page, answer.result()

    def cancel(self) -> None:
        """Drop it (a check running in its thread ends there, unheard)."""
        self._reading.cancel()
        if self.answer is not None:
            self.answer.cancel()


def _same_page(one: FetchedPage, other: FetchedPage) -> bool:
    return (
        one.body == other.body
        and one.final_url == other.final_url
        and one.status == other.status
        and one.content_type == other.content_type
    )


class _PageRender:
    """One document in one fresh browser context (see the module doc for the steps)."""

    def __init__(
        self,
        renderer: _Renderer,
        browser: Browser,
        request: FetchRequest,
        stage: _Stage,
        ends: float | None = None,
    ) -> None:
        """``ends``: the render deadline, in the loop's time."""
        self.renderer = renderer
        self.ends = ends
        self.browser = browser
        self.request = request
        self.options: RenderOptions = request.render
        self.stage = stage
        self.activity = _Activity()
        #: The page's frames, when they are drawn on demand (:data:`FRAMES_ON_DEMAND`).
        self.pump: _FramePump | None = None
        #: The text check made while the page waits out its quiet period, and how many were
        #: begun (see :data:`EARLY_CHECK_AFTER_MS`).
        self._early: _EarlyCheck | None = None
        self._early_checks = 0

    async def run(self) -> FetchedPage:
        context, context_id = await self.renderer.new_context(self.browser)
        try:
            await context.add_init_script(script=_WATCH_PAGE % TIMER_HORIZON_MS)
            page, self.pump = await self.renderer.new_page(context, context_id)
            self.activity.watch(page)
            return await self._render(page)
        finally:
            if self._early is not None:
                self._early.cancel()
            self.stage.enter("close")
            if self.pump is not None:
                await self.pump.close()
            try:
                await asyncio.wait_for(asyncio.shield(context.close()), CLOSE_SECONDS)
            except Exception:  # a wedged browser: replace it before the next page
                self.renderer.mark_broken()

    async def _render(self, page: Page) -> FetchedPage:
        options = self.options
        await self._open(page)
        # the last settle before the page is read may check its text early
        await self._settle(page, last=not (options.scroll or options.wait_for or options.wait_ms))
        if options.scroll:
            self.stage.enter("scroll", "scrolling")
            await self._scroll(page)
            await self._settle(page, last=not (options.wait_for or options.wait_ms))
        if options.wait_for:
            self.stage.enter("wait_for", f"waiting for {options.wait_for!r} (wait_for)")
            await page.wait_for_selector(options.wait_for, state="attached", timeout=0)
            await self._settle(page, last=not options.wait_ms)
        if self.options.wait_ms:
            self.stage.enter("wait_ms", f"waiting {self.options.wait_ms} ms (wait_ms)")
            await asyncio.sleep(self.options.wait_ms / 1000)
        return await self._capture(page)

    async def _open(self, page: Page) -> None:
        from playwright.async_api import Error as PlaywrightError

        self.stage.enter("goto", "loading the page")
        url = self.request.url
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(FetchErrorKind.SCHEME, f"{url}: only http and https URLs are fetched")
        try:
            await page.goto(url, wait_until="commit", timeout=0)
        except PlaywrightError as exc:
            raise navigation_error(url, str(exc)) from None

    async def _settle(self, page: Page, *, last: bool = False) -> None:
        """Return once the page has settled (see the module doc); the deadline cuts it.

        ``last``: the page is read once settled (no scroll, selector or wait after it), so its
        text is checked early, while it waits out its quiet period (:meth:`_check_early`)."""
        from playwright.async_api import Error as PlaywrightError

        self.stage.enter("settle", "waiting for the page to settle")
        while True:
            if self.activity.crashed:
                raise FetchError(
                    FetchErrorKind.RENDER, f"{self.request.url}: the page crashed the renderer"
                )
            try:
                complete, dom_quiet_ms, timers = await self._probe(page)
            except (PlaywrightError, DevtoolsError):
                if page.is_closed():
                    raise
                await asyncio.sleep(POLL_SECONDS)  # navigating: the new document comes
                continue
            quiet = min(float(dom_quiet_ms), self.activity.quiet_ms())
            if complete and not timers and quiet >= QUIET_MS:
                return
            ready = complete and not timers
            early = last and ready and self._early_due(float(dom_quiet_ms))
            if early and quiet >= EARLY_CHECK_AFTER_MS:
                self._check_early(page)
                early = False
            until = EARLY_CHECK_AFTER_MS if early else QUIET_MS
            wait = (until - quiet) / 1000 if ready else POLL_SECONDS
            await asyncio.sleep(min(POLL_SECONDS * 3, max(POLL_SECONDS / 2, wait)))

    def _early_due(self, dom_quiet_ms: float) -> bool:
        """Whether the page's text may be checked early now (once still for
        :data:`EARLY_CHECK_AFTER_MS`): there is a check to make, fewer than
        :data:`EARLY_CHECKS` were begun, and none is running or was made on the DOM as it is
        (it changed since the last one began, or that one could not read the page)."""
        if self.request.screenshot_if is None or self._early_checks >= EARLY_CHECKS:
            return False
        early = self._early
        if early is None:
            return True
        if not early.done():
            return False
        return early.page is None or time.monotonic() - dom_quiet_ms / 1000 > early.began

    def _check_early(self, page: Page) -> None:
        """Read the page's HTML now and check its text in a thread (``screenshot_if``), while
        the settle goes on; :meth:`_screenshot_wanted` keeps the answer if the page read once
        settled is the same (see :data:`EARLY_CHECK_AFTER_MS`)."""
        decide = self.request.screenshot_if
        assert decide is not None
        if self._early is not None:
            self._early.cancel()
        self._early_checks += 1
        self._early = _EarlyCheck(self._early_page(page), decide)

    async def _early_page(self, page: Page) -> FetchedPage | None:
        """The page as :meth:`_capture` would return it now, read over the page's own DevTools
        session; None where that cannot be read, or where :meth:`_capture` would take other
        bytes (a main document that is not HTML) or fail the page."""
        html = await self._direct_content()
        response = self.activity.main_response
        if html is None or (
            response is not None and not _is_html(response.headers.get("content-type"))
        ):
            return None
        page_url, body = page.url, html.encode("utf-8")
        try:
            self._check(page_url, response, body, HTML_CONTENT_TYPE)
        except FetchError:
            return None
        return self._fetched(page_url, response, body, HTML_CONTENT_TYPE)

    def _direct(self) -> _Call | None:
        """The page's own DevTools session on the tracker's connection (its frame pump's), for
        the render's polls and its HTML: each a message to Chromium and its answer, not two
        relayed by Playwright's driver. None without one (Playwright's calls then)."""
        pump = self.pump
        return pump.call if pump is not None and pump.direct else None

    async def _probe(self, page: Page) -> list[Any]:
        return await self._evaluate(page, _PROBE, 3)

    async def _evaluate(self, page: Page, function: str, size: int) -> list[Any]:
        """The answer of ``function`` (a list of ``size`` values; a promise is awaited) in the
        page's main world: over the page's own session where there is one; where that call
        fails (a navigation between two documents, the connection's end) or answers
        otherwise, through Playwright, which raises what the caller handles."""
        call = self._direct()
        if call is not None:
            params = {"expression": f"({function})()", "returnByValue": True, "awaitPromise": True}
            answer = await _direct_answer(call, "Runtime.evaluate", params)
            value = answer.get("result", {}).get("value")
            failed = "exceptionDetails" in answer
            if not failed and isinstance(value, list) and len(value) == size:
                return value
        return list(await page.evaluate(function))

    async def _content(self, page: Page) -> str:
        """The page's HTML as ``page.content()`` reads it (the doctype, then the root element's
        outer HTML, read in a world of its own, which the page's scripts do not reach), over
        the page's own session where there is one; else, or where that fails, through
        Playwright."""
        html = await self._direct_content()
        return html if html is not None else await page.content()

    async def _direct_content(self) -> str | None:
        """The page's HTML (see :meth:`_content`) over the page's own session; None without
        one, or where the read fails there."""
        call = self._direct()
        target = self.pump.target_id if self.pump is not None else None
        if call is None or target is None:
            return None
        world = await _direct_answer(
            call, "Page.createIsolatedWorld", {"frameId": target, "worldName": "tracker"}
        )
        if "executionContextId" not in world:
            return None
        params = {"expression": _CONTENT, "contextId": world["executionContextId"]}
        answer = await _direct_answer(call, "Runtime.evaluate", {**params, "returnByValue": True})
        value = answer.get("result", {}).get("value")
        return value if "exceptionDetails" not in answer and isinstance(value, str) else None

    async def _scroll(self, page: Page) -> None:
        """Scroll down a screen at a time until the bottom stays the bottom, then back up."""
        from playwright.async_api import Error as PlaywrightError

        last_height = -1
        try:
            for _ in range(MAX_SCROLL_STEPS):
                at_bottom, height = await page.evaluate(_SCROLL_STEP)
                await asyncio.sleep(SCROLL_PAUSE_SECONDS)
                if at_bottom and height == last_height:
                    break
                last_height = height if at_bottom else -1
            await page.evaluate("() => window.scrollTo(0, 0)")
        except PlaywrightError:
            if page.is_closed():
                raise  # otherwise a navigation: settling again follows it

    async def _capture(self, page: Page) -> FetchedPage:
        from playwright.async_api import Error as PlaywrightError

        self.stage.enter("content", "reading the page")
        for _ in range(3):
            try:
                html = await self._content(page)
                break
            except PlaywrightError:
                if page.is_closed():
                    raise
                await self._settle(page)  # it navigated away meanwhile
        else:
            raise FetchError(FetchErrorKind.RENDER, f"{self.request.url}: the page kept navigating")
        page_url = page.url
        response = self.activity.main_response
        body = html.encode("utf-8")
        content_type = HTML_CONTENT_TYPE
        if response is not None and not _is_html(response.headers.get("content-type")):
            body, content_type = await response.body(), response.headers["content-type"]
        self._check(page_url, response, body, content_type)
        rendered = self._fetched(page_url, response, body, content_type)
        if not _is_html(content_type):
            return rendered
        rendered, wanted = await self._screenshot_wanted(rendered)
        if wanted:
            rendered = replace(rendered, screenshot=await self._screenshot(page))
        return rendered

    def _fetched(
        self, page_url: str, response: Response | None, body: bytes, content_type: str
    ) -> FetchedPage:
        return FetchedPage(
            url=self.request.url,
            final_url=page_url,
            status=response.status if response is not None else 200,
            content_type=content_type,
            etag=None,
            last_modified=None,
            body=body,
            duration_ms=0,
            fetcher="browser",
        )

    async def _screenshot_wanted(self, page: FetchedPage) -> tuple[FetchedPage, bool]:
        """Whether ``page`` (the page read once settled) gets its screenshot, by
        ``screenshot_if``, and the page to return: the early check's answer and page
        (:meth:`_check_early`) when its page is this one (the very same bytes, address, status
        and type: the page object it was asked with is returned, whatever the check kept of
        it), else the answer for ``page``, asked once the early check is over."""
        decide = self.request.screenshot_if
        if decide is None:
            return page, True
        self.stage.enter("text_is_new", "extracting to see whether the text is new")
        early, self._early = self._early, None
        answered = await early.result() if early is not None else None
        if answered is not None and _same_page(answered[0], page):
            return answered
        return page, await asyncio.to_thread(decide, page)

    def _check(
        self, page_url: str, response: Response | None, body: bytes, content_type: str
    ) -> None:
        url = self.request.url
        scheme = urlsplit(page_url).scheme
        if scheme == "chrome-error":
            raise FetchError(
                FetchErrorKind.CONNECT,
                f"{url}: the page led to an address the browser could not load",
            )
        if scheme not in ("http", "https"):
            raise FetchError(
                FetchErrorKind.REDIRECT, f"{url}: the page went to a non-http(s) URL ({scheme}:)"
            )
        if response is not None and response.status >= 400:
            raise FetchError(
                FetchErrorKind.HTTP_STATUS,
                f"HTTP {response.status} from {page_url}",
                status=response.status,
                retry_after=response.headers.get("retry-after"),
                body=body[:ERROR_BODY_BYTES],
                content_type=content_type,
            )
        limit = self.renderer.settings.max_body_bytes
        if len(body) > limit:
            raise FetchError(
                FetchErrorKind.TOO_LARGE, f"{url}: rendered page is over the {limit}-byte cap"
            )

    async def _screenshot(self, page: Page) -> bytes | None:
        """The full-page PNG (cut at MAX_SCREENSHOT_HEIGHT); None if the browser cannot, or
        if it is not taken :data:`SCREENSHOT_DEADLINE_RESERVE_SECONDS` before the deadline.

        One page at a time takes its screenshot (:attr:`_Renderer.screenshot_turn`)."""
        self.stage.enter("screenshot_turn", "waiting for its turn to take the screenshot")
        turn = self.renderer.screenshot_turn
        assert turn is not None
        cut = None if self.ends is None else self.ends - SCREENSHOT_DEADLINE_RESERVE_SECONDS
        budget = asyncio.timeout_at(cut)
        try:
            async with budget, turn:
                self.stage.enter("screenshot", "taking the screenshot")
                return await self._full_page_png(page)
        except TimeoutError:
            if not budget.expired():
                raise
            log.warning(
                "%s: no screenshot: the render deadline is near (while %s)",
                self.request.url,
                self.stage.now,
            )
            return None

    async def _full_page_png(self, page: Page) -> bytes | None:
        """:meth:`_take_full_page_png`, taken again once if it stalled
        (:data:`SCREENSHOT_STALL_SECONDS`); None if it stalled twice or the browser cannot."""
        from playwright.async_api import Error as PlaywrightError

        url = self.request.url
        for attempt in range(1, SCREENSHOT_ATTEMPTS + 1):
            try:
                return await self._take_full_page_png(page)
            except _ScreenshotStalled as exc:
                if attempt < SCREENSHOT_ATTEMPTS:
                    log.warning("%s: the screenshot stalled (%s); taking it again", url, exc)
                else:
                    log.warning("%s: no screenshot: it stalled again (%s)", url, exc)
            except (PlaywrightError, DevtoolsError) as exc:
                log.warning("%s: no screenshot: %s", url, _first_line(str(exc)))
                return None
            except PngError as exc:
                log.warning("%s: no screenshot: Chromium's PNG: %s", url, exc)
                return None
        return None

    async def _take_full_page_png(self, page: Page) -> bytes:
        """The page laid out at its full size (the viewport set to it over the DevTools
        protocol, as Playwright's ``full_page`` does with ``captureBeyondViewport``), taken in
        strips of at most :data:`SCREENSHOT_STRIP` pixels, joined into one PNG
        (:mod:`tracker.fetch.png`) while the next strip is taken.

        Why strips: Chromium's compositor holds a bitmap of what it copies out, and its PNG
        encoder another: one capture at the 16,384-pixel cap took its GPU process from about
        40 to 250-310 MB, strips of 4,096 to about 100 MB, in about the same time (measured
        on the bench page). Each strip is a PNG with ``optimizeForSpeed`` (Chromium's fastest
        zlib level: a third larger, 10-30% faster). The page is laid out once, at its full
        height, for all the strips, but only one strip's height of it is visible at a time
        (``setVisibleSize``, and the ``viewport`` of the metrics moved onto each strip, which
        the page does not see): the renderer rasters, and the browser maps, a strip at a time
        rather than the whole page (same pixels). Each capture waits until the strip it shows
        is rastered: Chromium runs with ``--run-all-compositor-stages-before-draw`` (without
        it, rows of a newly visible strip could come out blank). With frames on demand
        (:data:`FRAMES_ON_DEMAND`) the page's frame pump is stopped first and each strip is
        one frame drawn for it and copied out (:func:`_frame_of`), not a capture waiting for
        Chromium's frames at 60 a second. The strips are taken one
        right after the other, so a page whose scripts change it meanwhile could differ
        between two strips, as it could between the lay-out and the copy of one capture. The
        viewport is left at the page's size: the page is closed next."""
        from playwright.async_api import Error as PlaywrightError

        stage = self.stage
        stage.enter("screenshot", "measuring the page for its screenshot")
        width, height = await _bounded(self._evaluate(page, _PAGE_SIZE, 2), stage)
        width = max(1, min(int(width), MAX_SCREENSHOT_WIDTH))
        height = max(1, min(int(height), MAX_SCREENSHOT_HEIGHT))
        if self.pump is not None:
            stage.enter("screenshot", "stopping the page's frames for its screenshot")
            await _bounded(self.pump.stop(), stage)
        target = self.pump.target_id if self.pump is not None else None
        direct = await self.renderer.devtools() if target is not None else None
        stage.enter("screenshot", "opening a DevTools session for the screenshot")
        if direct is not None:
            attach = direct.send("Target.attachToTarget", {"targetId": target, "flatten": True})
            own = (await _bounded(attach, stage))["sessionId"]
            call = partial(direct.send, session=own)
            png = await self._strips(_Devtools(call, stage), width, height)
            # Detached after a screenshot only (as below); the session otherwise ends with
            # the page's target, closed next.
            with contextlib.suppress(DevtoolsError, _ScreenshotStalled):
                await _bounded(direct.send("Target.detachFromTarget", {"sessionId": own}), stage)
            return png
        session = await _bounded(page.context.new_cdp_session(page), stage)
        png = await self._strips(_Devtools(session.send, stage), width, height)
        # Detached after a screenshot only: after a stall, an error or a cancel the renderer
        # may not answer, and a wait for it here would hold the screenshot's turn and outlive
        # the cancel; the session ends anyway with the page's context, closed next.
        with contextlib.suppress(PlaywrightError, _ScreenshotStalled):
            await _bounded(session.detach(), stage)
        return png

    async def _strips(self, devtools: _Devtools, width: int, height: int) -> bytes:
        strip_height = min(SCREENSHOT_STRIP, height)
        # A frame drawn on demand is copied out whole: what is visible is set, a strip's
        # height, even for a page of the viewport's size (the target's surface may be taller).
        whole = (width, height) != (VIEWPORT["width"], VIEWPORT["height"]) or self.pump is not None
        if whole:
            self.stage.enter("screenshot", f"laying the page out at {width}x{height} px")
        visible = whole and await _lay_out_whole(devtools, width, height, strip_height)
        on_demand = self.pump is not None and visible
        if self.pump is not None and not on_demand:
            self.pump.start()  # the page shown whole: Page.captureScreenshot needs frames
        shown_height = strip_height
        joiner = PngJoiner()
        joining: asyncio.Future[None] | None = None
        # the other pages' frames slow down meanwhile (FRAME_SECONDS_BESIDE_SCREENSHOT)
        beside = self.renderer.frames.screenshot() if on_demand else contextlib.nullcontext()
        try:
            with beside:
                for top in range(0, height, SCREENSHOT_STRIP):
                    clip = {
                        "x": 0,
                        "y": top,
                        "width": width,
                        "height": min(SCREENSHOT_STRIP, height - top),
                        "scale": 1,
                    }
                    where = f"strip at {top} px of {height}"
                    if visible:
                        self.stage.enter("screenshot", f"showing the screenshot's {where}")
                        if on_demand and clip["height"] != shown_height:  # the last strip
                            shown_height = clip["height"]
                            await devtools.send(
                                "Emulation.setVisibleSize", {"width": width, "height": shown_height}
                            )
                        await _show(devtools, width, height, clip)
                    self.stage.enter("screenshot", f"capturing the screenshot's {where}")
                    if on_demand:
                        size = (width, clip["height"])
                        strip = await _frame_of(devtools, self.renderer.frames, where, size)
                    else:
                        shot = await devtools.send(
                            "Page.captureScreenshot",
                            {"format": "png", "clip": clip, "optimizeForSpeed": True},
                        )
                        strip = base64.b64decode(shot.pop("data"))
                    if joining is not None:
                        await joining
                    joining = asyncio.ensure_future(asyncio.to_thread(joiner.add, strip))
                    del strip
        finally:
            if joining is not None:
                await joining
        return await asyncio.to_thread(joiner.finish)


class _Frames:
    """Frames drawn on demand, one at a time in the whole browser. Chromium's compositor takes
    a frame asked for while another target's is being drawn as a bad message, and ends the
    browser ("Got overlapping IssueExternalBeginFrame": two pages' frame pumps at once
    crashed it within a second). A frame asked for stays the one being drawn until Chromium
    answers it, or its target closes, whoever stopped waiting for it (a stall, a cancel):
    the next waits for that, not for its asker."""

    def __init__(self) -> None:
        self._turn = asyncio.Lock()
        self._drawing: asyncio.Future[dict[str, Any]] | None = None
        #: Screenshots drawing their strips now (the frame pumps slow down meanwhile).
        self.screenshots = 0

    @contextlib.contextmanager
    def screenshot(self) -> Iterator[None]:
        """While a screenshot draws its strips: see :data:`FRAME_SECONDS_BESIDE_SCREENSHOT`."""
        self.screenshots += 1
        try:
            yield
        finally:
            self.screenshots -= 1

    def interval(self) -> float:
        """Seconds from one frame of a pump to its next."""
        return FRAME_SECONDS_BESIDE_SCREENSHOT if self.screenshots else FRAME_SECONDS

    async def draw(self, call: _Call, params: dict[str, Any]) -> dict[str, Any]:
        """A frame drawn by ``call`` (a DevTools session of the page's target)."""
        async with self._turn:
            if self._drawing is not None:
                await asyncio.wait([self._drawing])
            frame = asyncio.ensure_future(call("HeadlessExperimental.beginFrame", params))
            frame.add_done_callback(_retrieved)
            self._drawing = frame
        return await asyncio.shield(frame)


def _retrieved(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # seen by its asker, if still waiting; not logged as lost


async def _frame_of(
    devtools: _Devtools, frames: _Frames, where: str, size: tuple[int, int]
) -> bytes:
    """One frame drawn on demand, and its pixels (what is visible) as a PNG: the page's
    target draws no frame but those asked for, so it is the frame of the strip just shown,
    all its compositor stages run (its tiles rastered) before it is drawn and copied.

    A frame that comes without pixels, or with pixels of another ``size`` (width, height)
    than the strip's, is drawn again after a pause, up to :data:`FRAME_ATTEMPTS` frames:
    right after the page is laid out at its full size (the first strip) or the visible size
    changes (a shorter last strip), a frame asked for at once can come back without pixels
    (Chromium copies a frame only from a surface the page has drawn at the current size:
    one screenshot in each of two first nights of 100, load 4-6, three frames in a row
    within a few ms); the page's renderer is still laying the page out."""
    params = {"screenshot": {"format": "png", "optimizeForSpeed": True}}
    drawn = "no pixels"
    for attempt in range(FRAME_ATTEMPTS):
        if attempt:
            await asyncio.sleep(FRAME_SECONDS * 2 ** (attempt - 1))
        frame = await _bounded(frames.draw(devtools.call, params), devtools.stage)
        data = frame.get("screenshotData")
        if data:
            strip = base64.b64decode(data)
            if png_size(strip) == size:
                return strip
            drawn = "{}x{} px".format(*png_size(strip))
        log.debug("%s: a frame of %s for the %s; drawn again", devtools.stage.now, drawn, where)
    raise PngError(
        f"Chromium drew {drawn} for the {where} ({size[0]}x{size[1]} px), {FRAME_ATTEMPTS} times"
    )


class _FramePump:
    """The frames of a page whose target draws them only on demand (:data:`FRAMES_ON_DEMAND`):
    while it renders, one at most every :data:`FRAME_SECONDS` (every
    :data:`FRAME_SECONDS_BESIDE_SCREENSHOT` while another page's screenshot draws its strips),
    each asked for once the one before is drawn, so that its scripts' animation frames, its
    observers of what is visible and its lay-out run as in a browser drawing 60 frames a
    second. Stopped for the screenshot, which draws its own; a page that closed or crashed ends
    it."""

    def __init__(
        self, call: _Call, frames: _Frames, target_id: str | None = None, *, direct: bool = False
    ) -> None:
        self.call = call
        self.frames = frames
        #: The page's target (its DevTools id), which the screenshot attaches to.
        self.target_id = target_id
        #: Whether ``call`` is a session on the tracker's own DevTools connection (the render
        #: then reads the page's state and HTML over it too: see :meth:`_PageRender._direct`).
        self.direct = direct
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def frame(self) -> None:
        await self.frames.draw(self.call, {})

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._stopping = asyncio.Event()
            self._task = asyncio.ensure_future(self._run(self._stopping))

    async def _run(self, stopping: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        due = loop.time()
        while not stopping.is_set():
            try:
                await self.frame()
            except Exception:  # the page closed or crashed, the driver died: the render
                return  # sees to it
            due = max(due + self.frames.interval(), loop.time())
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout_at(due):
                    await stopping.wait()

    async def stop(self) -> None:
        """Ask for no more frames; return once the frame asked for last is drawn."""
        if self._task is not None:
            self._stopping.set()
            await asyncio.shield(self._task)
            self._task = None

    async def close(self) -> None:
        """Stop at once, without waiting for the frame asked for last (the page is closing)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])


def _metrics(width: int, height: int, **more: Any) -> dict[str, Any]:
    return {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False, **more}


async def _lay_out_whole(devtools: _Devtools, width: int, height: int, strip_height: int) -> bool:
    """Lay the page out at its full size; True if only a strip's height of it is visible
    (rastered) at a time, False if all of it is (a Chromium without ``setVisibleSize``)."""
    from playwright.async_api import Error as PlaywrightError

    await devtools.send(
        "Emulation.setDeviceMetricsOverride", _metrics(width, height, dontSetVisibleSize=True)
    )
    try:
        await devtools.send("Emulation.setVisibleSize", {"width": width, "height": strip_height})
    except (PlaywrightError, DevtoolsError):  # refused over either session
        await devtools.send("Emulation.setDeviceMetricsOverride", _metrics(width, height))
        return False
    return True


async def _show(devtools: _Devtools, width: int, height: int, clip: dict[str, int]) -> None:
    """Move the visible area onto ``clip``: the page keeps its full-size lay-out (the area is
    not seen by the page's scripts or styles), only what is visible is rastered. Chromium runs
    with ``--run-all-compositor-stages-before-draw`` (:data:`~tracker.fetch.chromium.
    CHROMIUM_FLAGS`), so the next capture waits until the newly visible tiles are rastered."""
    await devtools.send(
        "Emulation.setDeviceMetricsOverride",
        _metrics(width, height, dontSetVisibleSize=True, viewport=clip),
    )


@contextlib.contextmanager
def _driver_options() -> Iterator[None]:
    """:data:`DRIVER_NODE_OPTIONS` in the environment while Playwright starts its driver (it
    copies the environment then), before the environment's own ``NODE_OPTIONS``, which are
    restored after."""
    own = os.environ.get("NODE_OPTIONS")
    os.environ["NODE_OPTIONS"] = f"{DRIVER_NODE_OPTIONS} {own}" if own else DRIVER_NODE_OPTIONS
    try:
        yield
    finally:
        if own is None:
            os.environ.pop("NODE_OPTIONS", None)
        else:
            os.environ["NODE_OPTIONS"] = own


def _is_html(content_type: str | None) -> bool:
    value = (content_type or "text/html").lower()
    return "html" in value


def _with_duration(page: FetchedPage, started: float) -> FetchedPage:
    return replace(page, duration_ms=int((time.monotonic() - started) * 1000))


#: Chromium's network error names (net::ERR_...) by the kind of fetch error they are.
_NET_ERRORS: tuple[tuple[re.Pattern[str], FetchErrorKind], ...] = (
    (re.compile(r"ERR_(?:CERT_|SSL_|BAD_SSL)"), FetchErrorKind.TLS),
    (re.compile(r"ERR_(?:CONNECTION_)?TIMED_OUT|ERR_TIMED_OUT"), FetchErrorKind.TIMEOUT),
    (re.compile(r"ERR_TOO_MANY_REDIRECTS|ERR_UNSAFE_REDIRECT"), FetchErrorKind.REDIRECT),
    (
        re.compile(
            r"ERR_(?:INVALID_(?:HTTP_)?RESPONSE|CONTENT_LENGTH_MISMATCH|RESPONSE_HEADERS|"
            r"INCOMPLETE_CHUNKED_ENCODING|CONTENT_DECODING_FAILED|HTTP2_PROTOCOL_ERROR|"
            r"EMPTY_RESPONSE)"
        ),
        FetchErrorKind.PROTOCOL,
    ),
    (re.compile(r"ERR_NAME_NOT_RESOLVED"), FetchErrorKind.DNS),
    (
        re.compile(
            r"ERR_(?:NAME_RESOLUTION_FAILED|CONNECTION_|ADDRESS_|INTERNET_DISCONNECTED|NETWORK_)"
        ),
        FetchErrorKind.CONNECT,
    ),
    (re.compile(r"ERR_ABORTED|Download is starting"), FetchErrorKind.RENDER),
)


def navigation_error(url: str, message: str) -> FetchError:
    """The FetchError for a failed navigation, from Chromium's ``net::ERR_...`` message."""
    name = re.search(r"net::(ERR_[A-Z0-9_]+)", message)
    text = name.group(1) if name else _first_line(message)
    for pattern, kind in _NET_ERRORS:
        if pattern.search(message):
            if kind == FetchErrorKind.RENDER:
                return FetchError(
                    kind, f"{url}: the browser did not open it as a page (a download?): {text}"
                )
            return FetchError(kind, f"{url}: {text}")
    return FetchError(FetchErrorKind.RENDER, f"{url}: {text}")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else "unknown error"

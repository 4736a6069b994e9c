"""The browser fetcher in a real Chromium against a real local site.

One browser serves the module's pages (as it serves a run's documents): script-built text,
lazy content behind scrolling, text that waits for a selector, a shell that ``auto`` sends to
the browser, a page that never settles, a script that throws, a page that navigates away.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import threading
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser_support import (
    Answer,
    Request,
    Site,
    browser_settings,
    children_of,
    html,
    policy_paragraphs,
    require_chromium,
    serving,
    session_processes,
    wait_until,
)
from tests.png_support import decode
from tracker.errors import FetchError
from tracker.extract import extract_bytes
from tracker.fetch import FetchedPage, Fetchers, FetchRequest, browser, chromium, png
from tracker.fetch.browser import BrowserFetcher
from tracker.fetch.chromium import DEFAULT_CHROMIUM, ChromiumProcess, find_chromium
from tracker.model import RenderOptions
from tracker.settings import Settings
from tracker.vocabulary import Escalation, FetchErrorKind, FetchMode

pytestmark = pytest.mark.slow

LATE = """<main><h1>Terms</h1><p id="intro">These terms apply to the service.</p></main>
<script>
setTimeout(() => {
  const p = document.createElement("p");
  p.textContent = "Text built by a script half a second after the page loaded.";
  document.querySelector("main").append(p);
}, 500);
</script>"""

LAZY = """<main><h1>Privacy</h1><p>Introduction to this privacy policy.</p>
<div style="height: 4000px"></div><div id="sentinel"></div></main>
<script>
new IntersectionObserver((entries, observer) => {
  if (!entries[0].isIntersecting) return;
  observer.disconnect();
  const p = document.createElement("p");
  p.textContent = "Lazy clause that loads only when scrolled into view.";
  document.querySelector("main").append(p);
}).observe(document.getElementById("sentinel"));
</script>"""

# The text comes 1.5 s after load, by a setInterval (not a timer the settle waits for): only
# `wait_for` gets it.
WAIT_FOR = """<main><h1>Terms</h1><p>Loading the terms...</p></main>
<script>
const started = performance.now();
const poll = setInterval(() => {
  if (performance.now() - started < 1500) return;
  clearInterval(poll);
  const div = document.createElement("div");
  div.id = "terms";
  div.textContent = "Terms that appear only once the selector matches.";
  document.querySelector("main").append(div);
}, 100);
</script>"""

SHELL = (
    '<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>'
    '<script>document.getElementById("root").innerHTML = "<main><h1>Privacy Policy</h1>" + '
    + json.dumps(policy_paragraphs("Rendered"))
    + ' + "</main>";</script>'
)

THROWS = """<main><h1>Terms</h1><p>Before the error.</p>
<script>undefinedFunction();</script><p>After the error.</p></main>
<script>throw new Error("boom");</script>"""

NAVIGATES = """<p>Redirecting...</p>
<script>setTimeout(() => { location.href = "/target"; }, 300);</script>"""

NEVER_LOADS = """<main><p>Waiting for an image that never comes.</p><img src="/hang"></main>"""

KEEPS_CHANGING = """<main><p id="clock">0</p></main>
<script>let n = 0; setInterval(() => {
  document.getElementById("clock").textContent = String(++n); }, 100);</script>"""

#: 12 bands of 250 pixels, 3,000 in all: with strips of 1,000 pixels, two band edges fall on
#: the strips' edges; a line of text in each band.
BAND_COLOURS = [((37 * n) % 256, (91 * n + 40) % 256, (53 * n + 80) % 256) for n in range(12)]
TALL = (
    "<style>html, body { margin: 0 } div { height: 250px; font: 20px sans-serif }</style>"
    + "".join(
        f'<div style="background: rgb{colour}">Band {n}: the text of a tall page.</div>'
        for n, colour in enumerate(BAND_COLOURS)
    )
)

#: A page taller than the viewport whose script loops for ever once the window is resized, as
#: the screenshot's lay-out at full height does: its renderer answers nothing after that.
HANGS_WHEN_RESIZED = (
    "<style>main { min-height: 3000px }</style>"
    f"<main><h1>Terms</h1>{policy_paragraphs('Resized')}</main>"
    '<script>addEventListener("resize", () => { for (;;) {} });</script>'
)

#: A page that changes its text once the tracker has checked it: it asks for an image every
#: 50 ms (images do not keep a page from settling) and, once the image is 2 pixels wide (the
#: site answers so after the check, see ``checked_flag``), writes its second text.
CHANGES_ONCE_CHECKED = """<main><h1>Terms</h1><p id="state">The first text of the page.</p></main>
<script>
addEventListener("load", () => {
  let n = 0;
  const poll = setInterval(() => {
    const image = new Image();
    image.onload = () => {
      if (image.naturalWidth !== 2) return;
      clearInterval(poll);
      document.getElementById("state").textContent = "The second text of the page.";
    };
    image.src = "/checked-flag?" + ++n;
  }, 50);
});
</script>"""
#: Set by the text check of the page above (then the site's flag is 2 pixels wide).
CHECKED = threading.Event()


def checked_flag(request: Request) -> Answer:
    width = 2 if CHECKED.is_set() else 1
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="1"></svg>'
    return Answer(svg.encode(), content_type="image/svg+xml")


CHALLENGE = """<title>Just a moment...</title>
<script>document.cookie = "cleared=1; path=/"; location.reload();</script>"""


def fetch_at_once(fetcher: BrowserFetcher, requests: list[FetchRequest]) -> list[FetchedPage]:
    """The pages of ``requests``, each fetched on a thread of its own, all at once (in order)."""
    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(fetcher.fetch, requests))


def challenge(request: Request) -> Answer:
    """A JavaScript challenge: 403 until the browser ran the script that sets a cookie."""
    if "cleared=1" in request.cookie:
        return html(f"<main><h1>Terms</h1>{policy_paragraphs('Protected')}</main>")
    page = f"<!doctype html><html><head>{CHALLENGE}</head><body></body></html>"
    return Answer(page.encode(), status=403)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    pages = {
        "/late": html(LATE),
        "/lazy": html(LAZY),
        "/wait-for": html(WAIT_FOR),
        "/shell": html(SHELL, title="App"),
        "/tall": html(TALL),
        "/plain": html(f"<main><h1>Terms</h1>{policy_paragraphs('Plain')}</main>"),
        "/long": html(f"<main><h1>Terms</h1>{policy_paragraphs('Long', 60)}</main>"),
        "/throws": html(THROWS),
        "/navigates": html(NAVIGATES),
        "/target": html("<main><h1>Target</h1><p>The page it went to.</p></main>"),
        "/never-loads": html(NEVER_LOADS),
        "/keeps-changing": html(KEEPS_CHANGING),
        "/hangs-when-resized": html(HANGS_WHEN_RESIZED),
        "/challenge": challenge,
        "/changes-once-checked": html(CHANGES_ONCE_CHECKED),
        "/checked-flag?": checked_flag,
        "/text": Answer(b"Plain text terms.\n", content_type="text/plain; charset=utf-8"),
        "/missing": Answer(b"<h1>Gone</h1>", status=404),
    }
    with serving(Site(pages=pages)) as running:  # type: ignore[arg-type]
        yield running


@pytest.fixture(scope="module")
def fetchers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fetchers]:
    """A patient browser: a busy test machine must not turn a slow render into a timeout."""
    require_chromium()
    settings = browser_settings(tmp_path_factory.mktemp("browser"), TRACKER_BROWSER_DEADLINE="45")
    with Fetchers(settings) as opened:
        yield opened


@pytest.fixture(scope="module")
def impatient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fetchers]:
    """A browser with a short deadline, for the pages that never settle."""
    require_chromium()
    settings = browser_settings(tmp_path_factory.mktemp("browser"), TRACKER_BROWSER_DEADLINE="4")
    with Fetchers(settings) as opened:
        yield opened


def render(fetchers: Fetchers, url: str, **options: object) -> FetchedPage:
    request = FetchRequest(url=url, mode=FetchMode.BROWSER, render=RenderOptions(**options))  # type: ignore[arg-type]
    return fetchers.fetch(request)


def text_of(page: FetchedPage) -> str:
    return extract_bytes(
        page.body, content_type=page.content_type, name=page.final_url
    ).canonical_text


def test_text_built_by_a_script_after_500_ms_is_in_the_snapshot(
    site: Site, fetchers: Fetchers
) -> None:
    page = render(fetchers, site.url("/late"))
    assert page.fetcher == "browser" and page.status == 200
    assert "Text built by a script half a second after the page loaded." in text_of(page)
    assert page.screenshot is not None and page.screenshot.startswith(b"\x89PNG\r\n\x1a\n")
    assert page.etag is None and page.last_modified is None  # never a conditional render


def test_lazy_content_needs_scroll(site: Site, fetchers: Fetchers) -> None:
    lazy = "Lazy clause that loads only when scrolled into view."
    assert lazy not in text_of(render(fetchers, site.url("/lazy")))
    assert lazy in text_of(render(fetchers, site.url("/lazy"), scroll=True))


def test_wait_for_waits_until_the_selector_matches(site: Site, fetchers: Fetchers) -> None:
    late = "Terms that appear only once the selector matches."
    assert late not in text_of(render(fetchers, site.url("/wait-for")))
    assert late in text_of(render(fetchers, site.url("/wait-for"), wait_for="#terms"))


def test_wait_ms_waits_after_the_page_settled(site: Site, fetchers: Fetchers) -> None:
    page = render(fetchers, site.url("/wait-for"), wait_ms=2500)
    assert "Terms that appear only once the selector matches." in text_of(page)


def test_a_selector_that_never_matches_is_cut_at_the_deadline(
    site: Site, impatient: Fetchers
) -> None:
    with pytest.raises(FetchError) as caught:
        render(impatient, site.url("/plain"), wait_for="#never-there")
    assert caught.value.kind == FetchErrorKind.TIMEOUT
    assert "'#never-there'" in str(caught.value) and caught.value.fetcher == "browser"


def test_auto_sends_a_script_shell_to_the_browser(site: Site, fetchers: Fetchers) -> None:
    page = fetchers.fetch(FetchRequest(url=site.url("/shell"), mode=FetchMode.AUTO))
    assert page.fetcher == "browser"
    assert page.escalation is not None
    assert page.escalation.startswith(f"{Escalation.SCRIPT_SHELL}: ")
    assert "#root" in page.escalation
    assert "Rendered clause 8" in text_of(page)


def test_auto_keeps_a_page_that_has_its_text(site: Site, fetchers: Fetchers) -> None:
    page = fetchers.fetch(FetchRequest(url=site.url("/plain"), mode=FetchMode.AUTO))
    assert page.fetcher == "http" and page.escalation is None
    assert "Plain clause 8" in text_of(page)


def test_auto_passes_a_javascript_challenge_answering_403(site: Site, fetchers: Fetchers) -> None:
    page = fetchers.fetch(FetchRequest(url=site.url("/challenge"), mode=FetchMode.AUTO))
    assert page.fetcher == "browser" and page.status == 200
    assert (
        page.escalation == f"{Escalation.BOT_WALL}: HTTP 403, Cloudflare marker in the page's title"
    )
    assert "Protected clause 8" in text_of(page)


@pytest.mark.parametrize("path", ["/never-loads", "/keeps-changing"])
def test_a_page_that_never_settles_is_cut_at_the_deadline(
    site: Site, impatient: Fetchers, fetchers: Fetchers, path: str
) -> None:
    with pytest.raises(FetchError) as caught:
        render(impatient, site.url(path))
    assert caught.value.kind == FetchErrorKind.TIMEOUT
    assert "render deadline" in str(caught.value)
    # the browser goes on serving the next documents
    assert "The page it went to." in text_of(render(fetchers, site.url("/target")))


def test_a_page_whose_script_throws_is_taken_as_it_stands(site: Site, fetchers: Fetchers) -> None:
    text = text_of(render(fetchers, site.url("/throws")))
    assert "Before the error." in text and "After the error." in text


def test_a_page_that_navigates_away_is_followed(site: Site, fetchers: Fetchers) -> None:
    page = render(fetchers, site.url("/navigates"))
    assert page.final_url == site.url("/target") and page.url == site.url("/navigates")
    assert "The page it went to." in text_of(page)
    assert "Redirecting" not in text_of(page)


def test_a_plain_text_document_comes_back_as_its_bytes(site: Site, fetchers: Fetchers) -> None:
    page = render(fetchers, site.url("/text"))
    assert page.body == b"Plain text terms.\n"
    assert page.content_type == "text/plain; charset=utf-8"


def test_http_errors_and_unreachable_sites_are_fetch_errors(site: Site, fetchers: Fetchers) -> None:
    with pytest.raises(FetchError) as missing:
        render(fetchers, site.url("/missing"))
    assert (missing.value.kind, missing.value.status) == (FetchErrorKind.HTTP_STATUS, 404)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as refused:
        render(fetchers, f"http://127.0.0.1:{port}/nothing-listens-here")
    assert refused.value.kind == FetchErrorKind.CONNECT


def test_no_screenshot_when_the_text_is_not_new(site: Site, fetchers: Fetchers) -> None:
    seen: list[str] = []

    def never(page: FetchedPage) -> bool:
        seen.append(page.final_url)
        return False

    request = FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER, screenshot_if=never)
    page = fetchers.fetch(request)
    assert seen == [site.url("/plain")] and page.screenshot is None


def test_the_text_is_checked_while_the_page_settles_and_again_if_it_changes(
    site: Site, fetchers: Fetchers
) -> None:
    """The text check (``screenshot_if``) is made on the HTML read while the page waits out its
    quiet period, not after it: this page changes only once that check has been made. It
    settles again on its second text, which is checked again, and that answer decides: no
    screenshot. The page the last check was asked with is the page returned, body and all
    (the tracker keeps that check's extraction for the recorder)."""
    CHECKED.clear()
    seen: list[FetchedPage] = []

    def first_text_only(page: FetchedPage) -> bool:
        seen.append(page)
        if b"The first text" in page.body:
            CHECKED.set()
            return True
        return False

    url = site.url("/changes-once-checked")
    request = FetchRequest(url=url, mode=FetchMode.BROWSER, screenshot_if=first_text_only)
    page = fetchers.fetch(request)
    assert "The second text of the page." in text_of(page)
    assert page.screenshot is None
    assert [b"The first text" in one.body for one in seen] == [True, False]
    assert seen[-1].body is page.body


def test_a_tall_page_is_taken_in_strips_joined_into_one_png(
    site: Site, fetchers: Fetchers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page taller than a strip: the strips join into one full-page PNG, pixel for pixel
    the PNG of a single capture."""
    request = FetchRequest(url=site.url("/tall"), mode=FetchMode.BROWSER)
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", 1000)
    striped = fetchers.fetch(request).screenshot
    assert striped is not None
    width, height, lines = decode(striped)
    assert (width, height) == (1280, 3000)
    for band, colour in enumerate(BAND_COLOURS):
        for row in (band * 250, band * 250 + 249):  # each band's first and last line
            assert lines[row][-3:] == bytes(colour), (band, row)
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", browser.MAX_SCREENSHOT_HEIGHT)
    whole = fetchers.fetch(request).screenshot
    assert whole is not None and whole != striped
    assert decode(whole)[2] == lines


def _hanging_screenshot_costs_only_the_screenshot(site: Site, settings: Settings) -> None:
    """The page that hangs once resized comes back with its text and no screenshot, and the
    next page, in the same browser, with its screenshot."""
    with Fetchers(settings) as opened:
        page = render(opened, site.url("/hangs-when-resized"))
        assert "Resized clause 8" in text_of(page)
        assert page.screenshot is None
        after = render(opened, site.url("/tall"))
        assert after.screenshot is not None


def test_a_screenshot_that_stalls_costs_the_page_its_screenshot_not_its_text(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A page whose renderer stops answering while its screenshot is taken: each step of the
    screenshot is bounded, the screenshot is tried once more, then given up with a warning
    that says which step stalled; the page comes back with its text, and the browser goes on
    to the next page."""
    monkeypatch.setattr(browser, "SCREENSHOT_STALL_SECONDS", 2.0)
    settings = browser_settings(tmp_path, TRACKER_BROWSER_DEADLINE="45")
    _hanging_screenshot_costs_only_the_screenshot(site, settings)
    stalls = [r.getMessage() for r in caplog.records if "stalled" in r.getMessage()]
    assert len(stalls) == 2, stalls  # the first try, then the second
    assert "taking it again" in stalls[0] and "no screenshot" in stalls[1]
    assert "no answer within 2s" in stalls[1]


def test_a_screenshot_still_stalled_near_the_deadline_costs_the_page_its_screenshot_only(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A screenshot that has not come back by SCREENSHOT_DEADLINE_RESERVE_SECONDS before the
    render deadline (a stall longer than what is left, a second try begun late, a turn waited
    for) is given up then: the page keeps the text read before it, where the deadline's cancel
    lost the page, text and all."""
    monkeypatch.setattr(browser, "SCREENSHOT_STALL_SECONDS", 30.0)  # not reached first
    settings = browser_settings(tmp_path, TRACKER_BROWSER_DEADLINE="20")
    _hanging_screenshot_costs_only_the_screenshot(site, settings)
    cut = [r.getMessage() for r in caplog.records if "deadline is near" in r.getMessage()]
    assert len(cut) == 1, cut


def test_a_deadline_that_comes_with_a_devtools_answer_still_ends_the_render() -> None:
    """The render deadline's cancel that comes in the same turn of the loop as the answer to a
    screenshot's DevTools call is not lost (Python 3.11's ``asyncio.wait_for`` returned the
    answer and dropped the cancel: the deadline bounded nothing after it)."""

    async def cancelled_with_its_answer() -> bool:
        answer: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        call = asyncio.ensure_future(browser._bounded(answer, browser._Stage()))
        await asyncio.sleep(0)  # the call waits for its answer
        answer.set_result("the answer")
        call.cancel()  # the deadline's, in the same turn
        with contextlib.suppress(asyncio.CancelledError):
            await call
        return call.cancelled()

    assert asyncio.run(cancelled_with_its_answer())


@pytest.mark.parametrize("path", ["/tall", "/long"])
def test_strips_joined_by_either_codec_are_the_pixels_of_one_capture(
    site: Site, fetchers: Fetchers, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """The join's codec (ISA-L, or zlib where it is missing) changes the PNG's bytes, never
    its pixels: strips of 300 pixels (text cut across strips) joined by each decode to the
    pixels of the page taken in one capture."""
    request = FetchRequest(url=site.url(path), mode=FetchMode.BROWSER)
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", browser.MAX_SCREENSHOT_HEIGHT)
    whole = fetchers.fetch(request).screenshot
    assert whole is not None
    expected = decode(whole)
    assert expected[1] > 900  # taller than the viewport: several strips below
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", 300)
    joined = {}
    for codec in (png._isal_codec(), png._zlib_codec()):
        assert codec is not None, "isal is a dependency: pip install -e ."
        monkeypatch.setattr(png, "CODEC", codec)
        joined[codec.name] = fetchers.fetch(request).screenshot
    assert joined["isal"] is not None and joined["zlib"] is not None
    assert joined["isal"] != joined["zlib"] != whole
    assert decode(joined["isal"]) == expected
    assert decode(joined["zlib"]) == expected


#: A page whose lay-out depends on the viewport: a fixed header, blocks 50vh tall (each a
#: colour), and text. Laid out at the page's full height, the header is drawn once, at the top.
BLOCKS = "".join(
    f'<div style="height:50vh;background:rgb({40 * n},{120 + 10 * n},90)">Block {n}. '
    "The terms of the service as they stand.</div>"
    for n in range(6)
)
VIEWPORT_BOUND = (
    '<header style="position:fixed;top:0;left:0;right:0;height:60px;'
    f'background:rgb(200,30,30)">Header</header><main style="padding-top:60px">{BLOCKS}</main>'
)


#: The browser bench's page (``bench.bench_browser.corpus_page``): Mistral AI's privacy
#: policy, laid out unstyled (its styles are not served), taller than the screenshot's cap.
PLAIN_POLICY = "mistral-ai__privacy-policy/05_2025-03-21.html"


def _all_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screenshots with all of the page visible at once, as a Chromium without
    ``setVisibleSize`` takes them."""

    async def all_visible(session: Any, width: int, height: int, strip: int) -> bool:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        await session.send("Emulation.setDeviceMetricsOverride", metrics)
        return False

    monkeypatch.setattr(browser, "_lay_out_whole", all_visible)


def test_one_strip_visible_at_a_time_gives_the_pixels_of_the_whole_page_visible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The strips are rastered one visible strip at a time (memory); the page keeps its
    full-size lay-out: the PNG is pixel for pixel the one taken with all of the page visible
    at once (a Chromium without ``setVisibleSize``), fixed header and viewport-high blocks
    included."""
    require_chromium()
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", 700)
    request = FetchRequest(url="", mode=FetchMode.BROWSER)
    lay_out_whole, visible = browser._lay_out_whole, []

    async def seen(session: Any, width: int, height: int, strip: int) -> bool:
        visible.append(await lay_out_whole(session, width, height, strip))
        return visible[-1]

    monkeypatch.setattr(browser, "_lay_out_whole", seen)
    with serving(Site(pages={"/page": html(VIEWPORT_BOUND)})) as running:  # type: ignore[arg-type]
        fetcher = BrowserFetcher(browser_settings(tmp_path))
        try:
            request = replace(request, url=running.url("/page"))
            # a first page: the browser's fonts are in before the two compared
            fetcher.fetch(replace(request, screenshot_if=lambda page: False))
            one_at_a_time = fetcher.fetch(request).screenshot
            assert visible == [True]  # this Chromium shows one strip at a time
            _all_visible(monkeypatch)
            whole = fetcher.fetch(request).screenshot
        finally:
            fetcher.close()
    assert one_at_a_time is not None and whole is not None
    width, height, lines = decode(one_at_a_time)
    assert height > 3 * 700
    assert decode(whole) == (width, height, lines)
    assert lines[10][-3:] == bytes((200, 30, 30))  # the header, at the top
    assert lines[height - 10][-3:] != bytes((200, 30, 30))  # and only there


def test_a_newly_visible_strip_is_rastered_before_it_is_copied(
    corpus_dir: Path, fetchers: Fetchers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving the visible strip down the page shows the compositor tiles it has not rastered
    yet: the copy must wait for them (``--run-all-compositor-stages-before-draw``), or rows of
    a strip come out blank. Without the switch, strips of 512 pixels of the browser bench's
    page (a real policy, 385 kB, unstyled) lost rows in 6 captures of 20; with it, none in
    30, nor in 30 more beside two busy loops. The same page in strips of 512, taken several
    times: each the pixels of the page taken all visible."""
    body = (corpus_dir / "snapshots" / PLAIN_POLICY).read_bytes()
    with serving(Site(pages={"/policy": Answer(body)})) as running:  # type: ignore[arg-type]
        request = FetchRequest(url=running.url("/policy"), mode=FetchMode.BROWSER)
        with monkeypatch.context() as whole_page:
            _all_visible(whole_page)
            whole = fetchers.fetch(request).screenshot
        assert whole is not None
        expected = decode(whole)
        assert expected[1] == browser.MAX_SCREENSHOT_HEIGHT
        monkeypatch.setattr(browser, "SCREENSHOT_STRIP", 512)
        for _ in range(6):
            striped = fetchers.fetch(request).screenshot
            assert striped is not None
            assert decode(striped) == expected


#: A page whose text is written by its animation frames, a line a frame for 30 frames: a
#: target that draws no frame but those asked for gets them from the frame pump.
ANIMATED = """<main><h1>Terms</h1><ol id="lines"></ol></main>
<script>
let n = 0;
function step() {
  const line = document.createElement("li");
  line.textContent = n < 29 ? `Line ${n} of the terms.` : "The last line, drawn by frame 30.";
  document.getElementById("lines").append(line);
  if (++n < 30) requestAnimationFrame(step);
}
requestAnimationFrame(step);
</script>"""


def _counting_frames(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The strips taken as frames drawn on demand (``_frame_of``), by where they are."""
    taken: list[str] = []
    frame_of = browser._frame_of

    async def counted(devtools: Any, frames: Any, where: str, size: tuple[int, int]) -> bytes:
        taken.append(where)
        return await frame_of(devtools, frames, where, size)

    monkeypatch.setattr(browser, "_frame_of", counted)
    return taken


def test_strips_drawn_on_demand_are_the_pixels_of_strips_captured_from_frames_at_60_hz(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each strip is a frame drawn on demand (``HeadlessExperimental.beginFrame`` with its
    screenshot: no wait for frames at 60 a second, 35-41 ms a strip), pixel for pixel what
    ``Page.captureScreenshot`` copies out of a page drawing its own frames: the browser
    bench's page (16 strips of 1,024), coloured bands cut by strips of 700 (the last one
    shorter), a fixed header over viewport-high blocks, a page of the viewport's size."""
    require_chromium()
    policy = (corpus_dir / "snapshots" / PLAIN_POLICY).read_bytes()
    pages = {
        "/policy": Answer(policy),
        "/tall": html(TALL),
        "/viewport-bound": html(VIEWPORT_BOUND),
        "/one-screen": html(
            "<style>html, body, p { margin: 0 } body { background: rgb(20,90,160) }"
            "</style><p>One screen of terms.</p>"
        ),
    }
    taken = _counting_frames(monkeypatch)
    shots: dict[bool, dict[str, bytes | None]] = {}
    with serving(Site(pages=pages)) as running:  # type: ignore[arg-type]
        for on_demand in (True, False):
            monkeypatch.setattr(browser, "FRAMES_ON_DEMAND", on_demand)
            fetcher = BrowserFetcher(browser_settings(tmp_path, TRACKER_BROWSER_DEADLINE="60"))
            try:
                shots[on_demand] = {}
                for path in pages:
                    strip = 1024 if path == "/policy" else 700
                    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", strip)
                    request = FetchRequest(url=running.url(path), mode=FetchMode.BROWSER)
                    shots[on_demand][path] = fetcher.fetch(request).screenshot
                if on_demand:
                    assert fetcher._renderer.frames_on_demand
                    drawn_strips = len(taken)
            finally:
                fetcher.close()
    strips = 0
    for path in pages:
        drawn, captured = shots[True][path], shots[False][path]
        assert drawn is not None and captured is not None, path
        assert decode(drawn) == decode(captured), path
        strips += -(-decode(drawn)[1] // (1024 if path == "/policy" else 700))
    assert drawn_strips == len(taken) == strips  # each strip drawn on demand, only there
    assert decode(shots[True]["/policy"])[:2] == (1280, browser.MAX_SCREENSHOT_HEIGHT)
    assert decode(shots[True]["/one-screen"])[:2] == (1280, 900)


def test_pages_drawing_frames_on_demand_run_their_animation_frames_two_at_once(
    tmp_path: Path,
) -> None:
    """A page's scripts get their animation frames from its frame pump while it renders; two
    pages at once take turns (Chromium's compositor ended the browser when a frame was asked
    for while another page's was being drawn): four pages, two at once, in one browser, each
    with all its lines and its screenshot."""
    require_chromium()
    with serving(Site(pages={f"/a{n}": html(ANIMATED) for n in range(4)})) as site:  # type: ignore[arg-type]
        fetcher = BrowserFetcher(browser_settings(tmp_path, TRACKER_BROWSER_PAGES="2"))
        try:
            fetched = fetch_at_once(
                fetcher,
                [FetchRequest(url=site.url(f"/a{n}"), mode=FetchMode.BROWSER) for n in range(4)],
            )
            assert fetcher.launches == 1
            assert fetcher._renderer.frames_on_demand
        finally:
            fetcher.close()
    for page in fetched:
        assert "The last line, drawn by frame 30." in text_of(page)
        assert page.screenshot is not None


def test_a_page_hung_in_its_frame_does_not_end_the_browser_of_the_page_beside_it(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renderer looping for ever in its screenshot's first frame leaves that frame undrawn
    until its page is closed; the page rendering beside it asks for its frames only then (one
    frame at a time in the browser), not over it: both come back with their text, the
    browser is not restarted, and the next page has its screenshot."""
    monkeypatch.setattr(browser, "SCREENSHOT_STALL_SECONDS", 2.0)
    fetcher = BrowserFetcher(browser_settings(tmp_path, TRACKER_BROWSER_PAGES="2"))
    try:
        hung, beside = fetch_at_once(
            fetcher,
            [
                FetchRequest(url=site.url(path), mode=FetchMode.BROWSER)
                for path in ["/hangs-when-resized", "/long"]
            ],
        )
        assert "Resized clause 8" in text_of(hung) and hung.screenshot is None
        assert "Long clause 8" in text_of(beside)
        after = fetcher.fetch(FetchRequest(url=site.url("/tall"), mode=FetchMode.BROWSER))
        assert after.screenshot is not None
        assert fetcher.launches == 1
    finally:
        fetcher.close()


def test_a_chromium_that_draws_no_frames_on_demand_draws_them_itself(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Chromium without ``HeadlessExperimental.beginFrame`` (the desktop ``chromium``): the
    first page's target is closed, the page opened as an ordinary one and its strips taken by
    ``Page.captureScreenshot``; the pages after it are ordinary from the start."""
    require_chromium()
    from playwright.async_api import Error as PlaywrightError

    asked: list[bool] = []

    async def refused(self: Any) -> None:
        asked.append(True)
        raise PlaywrightError("'HeadlessExperimental.beginFrame' wasn't found")

    monkeypatch.setattr(browser._FramePump, "frame", refused)
    taken = _counting_frames(monkeypatch)
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", 1000)
    fetcher = BrowserFetcher(browser_settings(tmp_path))
    try:
        for _ in range(2):
            page = fetcher.fetch(FetchRequest(url=site.url("/tall"), mode=FetchMode.BROWSER))
            assert page.screenshot is not None and decode(page.screenshot)[1] == 3000
        assert not fetcher._renderer.frames_on_demand
    finally:
        fetcher.close()
    assert asked == [True] and taken == []


@pytest.mark.parametrize("own", [None, "--max-old-space-size=900"])
def test_playwrights_driver_gets_its_node_options(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own: str | None
) -> None:
    """The driver Playwright starts runs with DRIVER_NODE_OPTIONS, followed by the
    environment's own NODE_OPTIONS if any; the tracker's own environment is left as it was."""
    require_chromium()
    if own is None:
        monkeypatch.delenv("NODE_OPTIONS", raising=False)
    else:
        monkeypatch.setenv("NODE_OPTIONS", own)

    def drivers() -> set[int]:
        return {pid for pid, command in children_of(os.getpid()) if "run-driver" in command}

    before = drivers()
    fetcher = BrowserFetcher(browser_settings(tmp_path))
    try:
        request = FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER)
        assert fetcher.fetch(replace(request, screenshot_if=lambda page: False)).body
        started = drivers() - before
        assert len(started) == 1
        environ = Path(f"/proc/{started.pop()}/environ").read_bytes().split(b"\0")
        expected = browser.DRIVER_NODE_OPTIONS + (f" {own}" if own else "")
        assert f"NODE_OPTIONS={expected}".encode() in environ
        assert os.environ.get("NODE_OPTIONS") == own
    finally:
        fetcher.close()


class _Relay:
    """A TCP relay in front of Chromium's DevTools port that keeps the first bytes each
    connection sent and received (the WebSocket opening handshake's request and answer)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[bytes] = []
        self.answers: list[bytes] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.port))
            for source, sink, kept in (
                (client, upstream, self.requests),
                (upstream, client, self.answers),
            ):
                threading.Thread(target=self._pipe, args=(source, sink, kept), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket, kept: list[bytes]) -> None:
        head = b""
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if b"\r\n\r\n" not in head:
                    head += data
                    if b"\r\n\r\n" in head:
                        kept.append(head.split(b"\r\n\r\n")[0].lower())
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def test_devtools_messages_are_not_deflated(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver's WebSocket to Chromium offers no permessage-deflate (DRIVER_PRELOAD), so
    Chromium does not compress each screenshot strip for the driver to inflate: a relay
    between them sees the handshake's request and answer without the extension, and the page
    still comes back with its screenshot."""
    require_chromium()
    monkeypatch.delenv("NODE_OPTIONS", raising=False)
    relays: list[_Relay] = []
    start = ChromiumProcess.start

    def relayed(self: ChromiumProcess) -> str:
        address = urlsplit(start(self))
        relay = _Relay(address.port or 0)
        relays.append(relay)
        return address._replace(netloc=f"127.0.0.1:{relay.server.getsockname()[1]}").geturl()

    monkeypatch.setattr(ChromiumProcess, "start", relayed)
    fetcher = BrowserFetcher(browser_settings(tmp_path))
    try:
        page = fetcher.fetch(FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER))
        assert page.screenshot is not None and b"Plain clause 8" in page.body
    finally:
        fetcher.close()
        for relay in relays:
            relay.server.close()
    handshakes = [r for relay in relays for r in relay.requests if b"sec-websocket-key" in r]
    assert handshakes, "the driver connected through the relay"
    assert all(b"upgrade: websocket" in request for request in handshakes)
    assert not any(b"sec-websocket-extensions" in request for request in handshakes)
    answers = [a for relay in relays for a in relay.answers if a.startswith(b"http/1.1 101")]
    assert len(answers) == len(handshakes)
    assert not any(b"permessage-deflate" in answer for answer in answers)


def test_chromium_runs_one_zygote(site: Site, tmp_path: Path) -> None:
    """The GPU and network services run in the browser process, so the zygote Chromium keeps
    for unsandboxed processes (``--no-zygote-sandbox``) would fork nothing: it is not started
    (memory); pages still render, with their screenshots."""
    require_chromium()
    fetcher = BrowserFetcher(browser_settings(tmp_path))
    try:
        request = FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER)
        assert fetcher.fetch(request).screenshot is not None
        assert fetcher.browser_pid is not None
        children = children_of(fetcher.browser_pid)
        zygotes = [(pid, command) for pid, command in children if "--type=zygote" in command]
        assert len(zygotes) == 1, children
        assert "--no-zygote-sandbox" not in zygotes[0][1]
    finally:
        fetcher.close()


def test_shared_memory_goes_to_dev_shm_only_where_there_is_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chromium makes its shared memory in ``/dev/shm`` (a RAM file system) where that has room,
    not in the temporary folder, which may be on a disk's file system: a folder with room
    needs no flag; a missing folder, or one with less free than the minimum (a container's 64
    MB ``/dev/shm``), gets ``--disable-dev-shm-usage``, in the flags Chromium is started with."""
    flag = "--disable-dev-shm-usage"
    assert flag not in chromium.CHROMIUM_FLAGS
    assert chromium.shared_memory_flags(tmp_path) == ()
    assert chromium.shared_memory_flags(tmp_path / "missing") == (flag,)
    monkeypatch.setattr(chromium, "SHM_MIN_FREE_BYTES", 1 << 62)
    assert chromium.shared_memory_flags(tmp_path) == (flag,)
    monkeypatch.setattr(chromium, "SHM_FOLDER", tmp_path / "missing")
    process = ChromiumProcess("chromium")
    try:
        assert flag in process.flags
    finally:
        process.stop()


@pytest.mark.parametrize("folder", ["room", "missing"])
def test_pages_and_screenshots_render_with_shared_memory_in_either_place(
    folder: str, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page and its screenshot (each band of the tall page in its colour, strip after strip)
    come out the same with Chromium's shared memory in ``/dev/shm`` and in the temporary folder
    (``--disable-dev-shm-usage``)."""
    require_chromium()
    if folder == "room":
        monkeypatch.setattr(chromium, "SHM_MIN_FREE_BYTES", 0)
        if chromium.shared_memory_flags() != ():
            pytest.skip("no /dev/shm to write in here")
    else:
        monkeypatch.setattr(chromium, "SHM_FOLDER", tmp_path / "missing")
    fetcher = BrowserFetcher(browser_settings(tmp_path))
    try:
        page = fetcher.fetch(FetchRequest(url=site.url("/tall"), mode=FetchMode.BROWSER))
    finally:
        fetcher.close()
    assert page.screenshot is not None
    assert f"Band {len(BAND_COLOURS) - 1}: the text of a tall page." in text_of(page)
    width, height, lines = decode(page.screenshot)
    assert (width, height) == (1280, 250 * len(BAND_COLOURS))
    for band, colour in enumerate(BAND_COLOURS):
        for row in (band * 250, band * 250 + 249):
            assert lines[row][-3:] == bytes(colour), (band, row)


def test_frame_pumps_slow_down_while_a_screenshot_draws_its_strips() -> None:
    """Frames are drawn one at a time in the browser: while a screenshot draws its strips, the
    other pages' pumps ask for a frame at most every FRAME_SECONDS_BESIDE_SCREENSHOT (so that
    a strip seldom waits for another page's frame), and at 60 a second again after it."""
    frames = browser._Frames()
    assert frames.interval() == browser.FRAME_SECONDS
    with frames.screenshot():
        assert frames.interval() == browser.FRAME_SECONDS_BESIDE_SCREENSHOT
        with frames.screenshot():
            assert frames.interval() == browser.FRAME_SECONDS_BESIDE_SCREENSHOT
        assert frames.interval() == browser.FRAME_SECONDS_BESIDE_SCREENSHOT
    assert frames.interval() == browser.FRAME_SECONDS
    with pytest.raises(RuntimeError), frames.screenshot():
        raise RuntimeError("a screenshot that failed")
    assert frames.interval() == browser.FRAME_SECONDS
    assert browser.FRAME_SECONDS < browser.FRAME_SECONDS_BESIDE_SCREENSHOT < browser.QUIET_MS / 1000


def test_a_crashed_browser_is_restarted_and_pages_are_limited(tmp_path: Path) -> None:
    """Kill Chromium between two pages: the next page gets a new browser. Ten threads ask
    at once: the site never sees more than TRACKER_BROWSER_PAGES pages loading at once."""
    require_chromium()
    settings = browser_settings(tmp_path, TRACKER_BROWSER_PAGES="2")
    pages = {
        f"/p{n}": html(f"<main><h1>Page {n}</h1><p>Text of page {n}.</p></main>") for n in range(10)
    }
    with serving(Site(pages=pages, page_delay=0.3)) as site:  # type: ignore[arg-type]
        fetcher = BrowserFetcher(settings, restart_after=4)
        try:
            request = FetchRequest(url=site.url("/p0"), mode=FetchMode.BROWSER)
            assert b"Text of page 0." in fetcher.fetch(request).body
            first = fetcher.browser_pid
            assert first is not None
            os.kill(first, signal.SIGKILL)
            assert wait_until(lambda: not session_processes(first), 10)
            request = FetchRequest(url=site.url("/p1"), mode=FetchMode.BROWSER)
            assert b"Text of page 1." in fetcher.fetch(request).body
            assert fetcher.launches == 2 and fetcher.browser_pid != first
            requests = [
                FetchRequest(url=site.url(f"/p{n}"), mode=FetchMode.BROWSER) for n in range(10)
            ]
            bodies = [page.body for page in fetch_at_once(fetcher, requests)]
            assert all(f"Text of page {n}.".encode() in body for n, body in enumerate(bodies))
            assert 1 <= site.peak_in_flight <= 2  # never more than TRACKER_BROWSER_PAGES
            # 11 pages on the second browser, restarted every 4: two more launches
            assert fetcher.launches == 4
            last = fetcher.browser_pid
        finally:
            fetcher.close()
        assert last is not None and wait_until(lambda: not session_processes(last), 10)


def test_a_missing_chromium_is_a_render_error(tmp_path: Path, site: Site) -> None:
    settings = browser_settings(tmp_path, TRACKER_CHROMIUM=str(tmp_path / "no-chromium"))
    with Fetchers(settings) as fetchers, pytest.raises(FetchError) as caught:
        render(fetchers, site.url("/plain"))
    assert caught.value.kind == FetchErrorKind.RENDER
    assert "apt-get install chromium" in str(caught.value)


def test_a_chromium_that_exits_at_once_says_so_with_its_last_words(
    tmp_path: Path, site: Site
) -> None:
    broken = tmp_path / "broken-chromium"
    broken.write_text("#!/bin/sh\necho 'cannot open display: :0' >&2\nexit 3\n")
    broken.chmod(0o755)
    settings = browser_settings(tmp_path, TRACKER_CHROMIUM=str(broken))
    with Fetchers(settings) as fetchers, pytest.raises(FetchError) as caught:
        render(fetchers, site.url("/plain"))
    assert caught.value.kind == FetchErrorKind.RENDER
    assert str(caught.value) == "Chromium did not start: it exited (3): cannot open display: :0"


def test_a_driver_that_cannot_start_leaves_no_chromium_behind(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Playwright's driver exits at once (Node.js refuses an option of the environment's
    NODE_OPTIONS): each page is a render error, and the Chromium started for it is stopped
    there, not left running until the tracker ends (it was: one more for every page)."""
    require_chromium()
    monkeypatch.setenv("NODE_OPTIONS", "--no-such-option-for-node")
    fetcher = BrowserFetcher(browser_settings(tmp_path))
    started: list[int] = []
    try:
        for _ in range(2):
            with pytest.raises(FetchError) as caught:
                fetcher.fetch(FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER))
            assert caught.value.kind == FetchErrorKind.RENDER
            assert str(caught.value).startswith("cannot drive Chromium: ")
            assert fetcher.browser_pid is not None
            started.append(fetcher.browser_pid)
            assert wait_until(lambda: not session_processes(started[-1]), 10), started
    finally:
        fetcher.close()
    assert fetcher.launches == 2 and len(set(started)) == 2


def test_a_driver_that_died_is_started_again(tmp_path: Path, site: Site) -> None:
    """Playwright's driver killed between two pages (as a heap limit or the kernel's OOM
    killer would end it): at most the next page fails, then a new driver and browser render
    the pages again (the dead driver was kept, and every later page of the run failed)."""
    require_chromium()

    def drivers() -> set[int]:  # the module's own fetchers have theirs
        return {pid for pid, command in children_of(os.getpid()) if "run-driver" in command}

    others = drivers()
    fetcher = BrowserFetcher(browser_settings(tmp_path))
    request = FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER)
    try:
        assert fetcher.fetch(request).status == 200
        ours = drivers() - others
        assert len(ours) == 1, children_of(os.getpid())
        os.kill(ours.pop(), signal.SIGKILL)
        outcomes: list[int | FetchErrorKind] = []
        for _ in range(3):
            try:
                outcomes.append(fetcher.fetch(request).status)
            except FetchError as exc:
                outcomes.append(exc.kind)
    finally:
        fetcher.close()
    assert outcomes[1:] == [200, 200], outcomes
    assert outcomes[0] in (200, FetchErrorKind.RENDER), outcomes


def test_two_pages_near_the_body_cap_at_once_fit_the_drivers_heap(tmp_path: Path) -> None:
    """The driver's old generation is capped (DRIVER_OLD_SPACE_MB): two pages of about 19 MB
    of HTML each (the body cap is 20 MB), in Chinese (two bytes a character in V8's strings),
    rendered at once, one with its screenshot, come back whole."""
    require_chromium()
    sentence = "本服务条款适用于每一位用户，无论其身处哪个国家。"
    paragraph = f"<p>{sentence * 20}</p>\n"
    count = 19_000_000 // len(paragraph.encode("utf-8"))
    pages = {f"/big{n}": html(f"<main>{paragraph * count}</main>") for n in range(2)}
    with serving(Site(pages=pages)) as site:  # type: ignore[arg-type]
        fetcher = BrowserFetcher(browser_settings(tmp_path, TRACKER_BROWSER_DEADLINE="120"))
        try:
            fetched = fetch_at_once(
                fetcher,
                [
                    FetchRequest(
                        url=site.url(f"/big{n}"),
                        mode=FetchMode.BROWSER,
                        screenshot_if=lambda _page, shot=n == 1: shot,
                    )
                    for n in range(2)
                ],
            )
        finally:
            fetcher.close()
    for page in fetched:
        assert len(page.body) > 19_000_000 - len(paragraph.encode("utf-8"))
        assert page.body.count(sentence.encode("utf-8")) == 20 * count
    assert fetched[0].screenshot is None and fetched[1].screenshot is not None


@pytest.mark.parametrize("program", [DEFAULT_CHROMIUM, "chromium"])
def test_chromium_starts_with_no_tab_for_playwright_to_wait_on(program: str) -> None:
    """A browser started with its usual startup tab made Playwright's connect wait for that
    tab's first navigation, which now and then never came (a 30 s connect timeout, one start
    in ten): the tracker's Chromium starts with no page at all, the headless shell (the
    default) and the desktop browser (the fallback) alike."""
    require_chromium()
    chromium = ChromiumProcess(find_chromium(program), offline=True)
    try:
        address = chromium.start()
        port = urlsplit(address).port
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            targets = json.loads(answer.read())
    finally:
        chromium.stop()
    assert [t for t in targets if t.get("type") == "page"] == []


def crashing_once(tmp_path: Path, *, times: int) -> Path:
    """A Chromium that dies of SIGSEGV the first ``times`` times it is started, then is the
    real one: a crash at start, as Chromium now and then has on a loaded machine."""
    real = find_chromium(DEFAULT_CHROMIUM)
    count = tmp_path / "starts"
    script = tmp_path / "crashing-chromium"
    script.write_text(
        "#!/bin/sh\n"
        f'n=$(cat "{count}" 2>/dev/null || echo 0)\n'
        f'echo $((n + 1)) > "{count}"\n'
        f'if [ "$n" -lt {times} ]; then echo "crashed" >&2; kill -SEGV $$; fi\n'
        f'exec "{real}" "$@"\n'
    )
    script.chmod(0o755)
    return script


def test_a_chromium_that_crashes_while_starting_is_started_again(
    tmp_path: Path, site: Site
) -> None:
    require_chromium()
    settings = browser_settings(tmp_path, TRACKER_CHROMIUM=str(crashing_once(tmp_path, times=1)))
    fetcher = BrowserFetcher(settings)
    try:
        page = fetcher.fetch(FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER))
        assert page.status == 200
        assert fetcher.launches == 2
    finally:
        fetcher.close()
    assert (tmp_path / "starts").read_text().strip() == "2"


def test_a_chromium_that_keeps_crashing_while_starting_is_a_render_error(
    tmp_path: Path, site: Site
) -> None:
    require_chromium()
    settings = browser_settings(tmp_path, TRACKER_CHROMIUM=str(crashing_once(tmp_path, times=5)))
    with Fetchers(settings) as fetchers, pytest.raises(FetchError) as caught:
        render(fetchers, site.url("/plain"))
    assert caught.value.kind == FetchErrorKind.RENDER
    assert str(caught.value) == "Chromium did not start: it exited (-11): crashed"
    assert (tmp_path / "starts").read_text().strip() == "2"

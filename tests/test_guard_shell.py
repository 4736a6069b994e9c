"""``fetch = "auto"``'s test: which HTTP answers need a browser (pure, no browser here).

No real page of the corpus is ever escalated; every bot-wall and captcha fixture is; error
pages, login and cookie walls are not (a browser would show the same); app shells are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.guard.page import PageInput
from tracker.guard.shell import SHELL_MAX_WORDS, browser_needed
from tracker.vocabulary import Escalation

DATA = Path(__file__).resolve().parent / "data"
WALLS = sorted((DATA / "walls").glob("*.html"))


def needed(body: str | bytes, status: int = 200, content_type: str = "text/html") -> str | None:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return browser_needed(PageInput(body=data, status=status, content_type=content_type))


def test_no_corpus_snapshot_needs_a_browser(corpus_dir: Path) -> None:
    snapshots = sorted((corpus_dir / "snapshots").glob("*/*.html"))
    assert len(snapshots) > 50
    escalated = [(p.name, needed(p.read_bytes())) for p in snapshots]
    assert [e for e in escalated if e[1] is not None] == []


@pytest.mark.parametrize("wall", WALLS, ids=[p.stem for p in WALLS])
def test_wall_fixtures(wall: Path) -> None:
    reason = needed(wall.read_bytes())
    kind = wall.stem.split("__")[0]
    if kind in ("bot-wall", "captcha"):
        assert reason is not None and reason.startswith(f"{Escalation.BOT_WALL}: ")
    elif kind == "near-empty":  # an app shell with a "needs JavaScript" notice
        assert reason is not None and reason.startswith(f"{Escalation.SCRIPT_SHELL}: ")
    else:
        assert reason is None


@pytest.mark.parametrize(
    ("body", "sign"),
    [
        ('<div id="root"></div><script src="/main.js"></script>', "an empty mount point #root"),
        (
            '<div id="__next"><div class="spinner"></div></div>'
            '<script src="/_next/app.js"></script>'
            "<footer>(c) 2026 Example Inc. All rights reserved. Terms Privacy Cookies Contact "
            "Careers Blog Press Status Security Developers Pricing Enterprise Support "
            "Documentation</footer>",
            "an empty mount point #__next",
        ),
        ("<app-root></app-root><script src='main.js'></script>", "an empty mount point <app-root>"),
        (
            "<noscript>This site requires JavaScript to be enabled.</noscript><div>Loading</div>"
            "<script src='app.js'></script>",
            "a <noscript> notice asking for JavaScript",
        ),
        ("<p>Loading...</p><script src='bundle.js'></script>", "scripts and almost no text"),
    ],
)
def test_script_shells(body: str, sign: str) -> None:
    reason = needed(f"<html><head><title>App</title></head><body>{body}</body></html>")
    assert reason is not None
    assert reason.startswith(f"{Escalation.SCRIPT_SHELL}: ") and reason.endswith(sign)


def test_pages_with_their_text_stay_on_http() -> None:
    words = " ".join(["policy"] * (SHELL_MAX_WORDS + 1))
    hydrated = f'<div id="root"><p>{words}</p></div><script src="/main.js"></script>'
    assert needed(f"<html><body>{hydrated}</body></html>") is None
    assert needed("<html><body><p>Short page, no scripts.</p></body></html>") is None
    assert needed("%PDF-1.4 not html", content_type="application/pdf") is None


def test_a_wall_answering_403_is_escalated_and_says_so() -> None:
    challenge = (
        "<html><head><title>Just a moment...</title></head><body>"
        "<script>window._cf_chl_opt={}</script></body></html>"
    )
    assert needed(challenge, status=403) == (
        f"{Escalation.BOT_WALL}: HTTP 403, Cloudflare marker in the page's title"
    )
    assert needed("<html><body><h1>Forbidden</h1><script></script></body></html>", 403) is None


def test_the_reason_never_repeats_the_page() -> None:
    reason = needed('<div id="ROOT" data-x="\x1b[31mevil"></div><script></script>')
    assert reason is not None and "\x1b" not in reason and "evil" not in reason

"""The web UI in a real browser: Debian's Chromium, driven by Playwright, against
``python -m tracker serve`` on the demo's history (a real process, a real socket).

- a reader clicks through overview -> document -> redline -> clause lineage -> key facts ->
  quote check, at 1280 and at 390 px wide, with a screenshot of every page and no horizontal
  overflow (the page's scroll width is its viewport's width);
- hostile stored content (script tags, ``javascript:`` links, event handlers, bidi overrides)
  renders inert: no dialog, no script element, no ``javascript:`` link, the override visible
  as a marker rather than reversing the page;
- the keyboard reaches the content (skip link, then main), and every form control has a label.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web_support import browser, demo_database, running_command

PRIVACY = "together-ai/privacy-policy"
TERMS = "together-ai/terms-of-service"
WIDTHS = (1280, 390)
HOSTILE_SCRIPT = "<script>window.pwned = 1; alert('pwned')</script>"
HOSTILE_IMAGE = '<img src=x onerror="window.pwned = 2; alert(2)">'
RLO = "\u202e"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("browser-demo"))


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[str]:
    with running_command(demo_url) as base:
        yield base


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as context:
        yield context


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    tab = chromium.new_page()
    tab.set_default_timeout(15_000)
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    tab.close()


def assert_fits(page: Any, width: int, shots: Path, name: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client == width, f"{name} at {width} px: scroll width {scroll}"


def assert_labelled(page: Any) -> None:
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input, select, textarea')]
             .filter(el => el.type !== 'hidden' && el.type !== 'submit')
             .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
             .map(el => el.outerHTML)"""
    )
    assert unlabelled == []


def test_a_reader_clicks_through_the_history(site: str, page: Any, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    shots.mkdir()
    page.goto(site + "/")
    for width in WIDTHS:
        assert_fits(page, width, shots, "1-overview")
    assert page.get_by_role("heading", name="Documents").is_visible()

    page.get_by_role("link", name=PRIVACY).click()
    page.wait_for_url(f"**/documents/{PRIVACY}")
    assert page.get_by_role("heading", name="Together AI Privacy Policy").is_visible()
    assert_labelled(page)
    for width in WIDTHS:
        assert_fits(page, width, shots, "2-document")

    page.get_by_label("Compare version").fill("1")
    page.get_by_label("with version").fill("2")
    page.get_by_label("View").select_option("side")
    page.get_by_role("button", name="Redline").click()
    page.wait_for_url("**/redline?from=1&to=2&view=side")
    assert page.locator("ins").count() > 50 and page.locator("del").count() > 50
    assert page.locator(".sbs").count() > 50
    assert_labelled(page)
    for width in WIDTHS:
        assert_fits(page, width, shots, "3-redline-side")
    page.get_by_role("link", name="Inline view").click()
    assert page.locator(".sbs").count() == 0
    page.get_by_label("Severity").select_option("medium")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**severity=medium**")
    shown = page.locator("div.change:visible").count()
    assert 0 < shown < 71
    assert page.locator("details.collapsed summary").first.is_visible()
    for width in WIDTHS:
        assert_fits(page, width, shots, "4-redline-inline")

    page.locator("div.change:visible").first.get_by_role("link", name="lineage").click()
    page.wait_for_url("**/clauses/*")
    assert page.get_by_role("heading", name="Clause history").is_visible()
    assert page.get_by_text("First tracked").is_visible()
    for width in WIDTHS:
        assert_fits(page, width, shots, "5-lineage")

    page.locator(".crumbs").get_by_role("link", name="Together AI Privacy Policy").click()
    page.get_by_role("link", name="key facts").click()
    page.wait_for_url("**/services/together-ai")
    assert page.get_by_role("heading", name="Key facts: Together AI").is_visible()
    assert page.locator("blockquote").count() > 0
    for width in WIDTHS:
        assert_fits(page, width, shots, "6-facts")

    page.get_by_role("link", name="Check a quote").click()
    assert_labelled(page)
    page.get_by_label("Quotation").fill(
        "We do not use any data collected from you to train our models"
    )
    page.get_by_label("Document").select_option(PRIVACY)
    page.get_by_role("button", name="Check").click()
    page.wait_for_url("**/quote?**")
    assert page.locator(".found").is_visible()
    assert page.get_by_text("Cite as").first.is_visible()
    for width in WIDTHS:
        assert_fits(page, width, shots, "7-quote")
    assert page.dialogs == []


def test_the_keyboard_reaches_the_content(site: str, page: Any) -> None:
    page.goto(site + f"/documents/{TERMS}")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent")
    assert skip == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('main') !== null")
    assert first
    # the as-of form works from the keyboard alone
    page.get_by_label("Read it as of").focus()
    page.keyboard.type("06012025")
    page.keyboard.press("Enter")
    page.wait_for_url("**/as-of?date=2025-06-01")
    assert page.get_by_role("heading", name="Together AI Terms of Service, version 2").is_visible()
    outline = page.evaluate(
        """(() => { const a = document.querySelector('main a'); a.focus();
                    return getComputedStyle(a).outlineStyle; })()"""
    )
    assert outline != "none"


@pytest.fixture(scope="module")
def hostile_url(demo_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo's database with hostile text where fetched pages and the registry put text."""
    folder = tmp_path_factory.mktemp("hostile")
    source = Path(demo_url.removeprefix("sqlite:///"))
    target = folder / "tracker.db"
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    with sqlite3.connect(target) as db:
        db.execute(
            "UPDATE documents SET service = ?, type = ?, url = ? WHERE slug = ?",
            (f"Evil {HOSTILE_SCRIPT}", f"Policy {RLO}txt.exe", "javascript:alert(3)", PRIVACY),
        )
        db.execute(
            "UPDATE clause_texts SET text = text || ? WHERE id IN (SELECT c.text_id FROM "
            "clauses c JOIN versions v ON v.id = c.version_id JOIN documents d "
            "ON d.id = v.document_id WHERE d.slug = ?)",
            (f" {HOSTILE_SCRIPT} {HOSTILE_IMAGE} {RLO}gnp.exe", PRIVACY),
        )
        db.execute("UPDATE fetches SET final_url = 'javascript:alert(4)'")
        db.execute("UPDATE facts SET quote = ?", (f"{HOSTILE_IMAGE} {RLO}quoted",))
    return f"sqlite:///{target}"


def test_hostile_stored_content_renders_inert(hostile_url: str, chromium: Any) -> None:
    with running_command(hostile_url) as base:
        tab = chromium.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in (
            "/",
            f"/documents/{PRIVACY}",
            f"/documents/{PRIVACY}/versions/3",
            f"/documents/{PRIVACY}/redline?from=2&to=3",
            f"/documents/{PRIVACY}/redline?from=1&to=3&view=side",
            "/services/together-ai",
            f"/search?q=pwned&document={PRIVACY}",
            f"/quote?text=window.pwned&document={PRIVACY}",
        ):
            tab.goto(base + path)
            assert tab.evaluate("document.scripts.length") == 0, path
            assert tab.evaluate("window.pwned === undefined"), path
            assert tab.locator("img").count() == 0, path
            assert tab.locator("a[href^='javascript:' i]").count() == 0, path
            body = tab.evaluate("document.body.innerText")
            assert RLO not in body, path
            assert "[U+202E]" in body, path
            if path != "/":
                assert "<script>" in body or "onerror" in body, path  # shown as text
        assert dialogs == []
        tab.close()

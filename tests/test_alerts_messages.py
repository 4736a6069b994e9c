"""Messages that fit their medium: a chat message of a few lines with fetched text made inert,
an e-mail under 100 kB of HTML however large the digest, that a 320 px screen shows without
scrolling sideways (checked in a real Chromium)."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apprise.common import NotifyFormat
from apprise.conversion import convert_between

from tracker.digest.chat import escape_markdown, render_chat
from tracker.digest.compose import compose_digest
from tracker.digest.model import (
    DigestData,
    DocumentRef,
    FailureNote,
    ReportedChange,
    VersionChanges,
    VersionEvidence,
)
from tracker.digest.render import EMAIL_HTML_BUDGET, render_digest_html, render_email
from tracker.model import Change, Clause, InlineOp
from tracker.render.environment import template_environment
from tracker.vocabulary import Direction, Severity

NOW = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)
PUBLIC = "https://tracker.example.com"
HOSTILE = (
    "@everyone <script>alert(1)</script> [click me](javascript:alert(1)) "
    "![pixel](https://evil.example/p.png) *bold* `code` <!channel> ~strike~ | pipe"
)
LONG_WORD = "Supercalifragilistic" * 12
LONG_URL = "https://policies.example.com/" + "very-long-path-segment-" * 15 + "?q=" + "x" * 80
LOREM = (
    "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco "
    "laboris nisi ut aliquip ex ea commodo consequat duis aute irure dolor in reprehenderit"
)
WORDS = LOREM.split()


def evidence(version_id: int, number: int, url: str) -> VersionEvidence:
    return VersionEvidence(
        version_id=version_id,
        number=number,
        url=url,
        fetched_at=NOW - timedelta(days=1),
        last_verified=NOW,
        raw_sha256="a" * 64,
        text_sha256="b" * 64,
    )


def sentence(seed: int, words: int = 60) -> str:
    return " ".join(WORDS[(seed + i * 7) % len(WORDS)] for i in range(words)) + "."


def modified(
    change_id: int,
    severity: Severity,
    path: tuple[str, ...],
    old: str,
    new: str,
    reason: str | None = None,
    direction: Direction = Direction.NEUTRAL,
) -> ReportedChange:
    before = Clause(id=f"o{change_id}", path=path, label=None, kind="paragraph", text=old)
    after = Clause(id=f"n{change_id}", path=path, label=None, kind="paragraph", text=new)
    half = len(old.split()) // 2
    ops = (
        InlineOp("equal", " ".join(old.split()[:half]) + " "),
        InlineOp("delete", " ".join(old.split()[half:])),
        InlineOp("insert", " ".join(new.split()[half:])),
    )
    return ReportedChange(
        change_id=change_id,
        change=Change(
            kind="modified",
            old=(before,),
            new=(after,),
            similarity=0.5,
            inline=ops,
            topics=("retention",),
            severity=severity,
            direction=direction,
            reason=reason,
        ),
    )


def digest_of(changes_per_document: int, documents: int = 3) -> DigestData:
    """``documents`` documents, each with one version step of long modified clauses: one high
    change in ten, then medium and low ones."""
    transitions = []
    change_id = 0
    for d in range(documents):
        ref = DocumentRef(f"vendor-{d}/terms", f"Vendor {d}", "Terms", f"https://v{d}.example/t")
        reported = []
        for i in range(changes_per_document):
            change_id += 1
            severity = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.LOW)[min(i % 10, 3)]
            path = ("Terms", f"{i // 5 + 1}. Section about {WORDS[i % len(WORDS)]}")
            reported.append(
                modified(
                    change_id,
                    severity,
                    path,
                    sentence(i),
                    sentence(i + 3),
                    reason=f"reason {change_id}",
                    direction=Direction.EXPANDS,
                )
            )
        transitions.append(
            VersionChanges(
                document=ref,
                old=evidence(2 * d + 1, 1, ref.url),
                new=evidence(2 * d + 2, 2, ref.url),
                changes=tuple(reported),
                unchanged=10,
            )
        )
    return DigestData(
        generated_at=NOW,
        since=None,
        transitions=tuple(transitions),
        new_documents=(),
        failures=(),
    )


def test_chat_message_is_short_and_its_fetched_text_inert() -> None:
    ref = DocumentRef("acme/terms", "Acme", "Terms", "https://acme.example/terms")
    change = modified(
        7,
        Severity.HIGH,
        ("Terms", HOSTILE),
        "We never sell data.",
        HOSTILE,
        reason="@here sells <b>data</b>",
        direction=Direction.EXPANDS,
    )
    data = DigestData(
        generated_at=NOW,
        since=None,
        transitions=(
            VersionChanges(ref, evidence(1, 1, ref.url), evidence(2, 2, ref.url), (change,), 3),
        ),
        new_documents=(),
        failures=(),
    )
    body = render_chat(compose_digest(data, public_url=PUBLIC))
    assert body.title == "1 change in 1 document, 1 high: Acme Terms"
    line = body.markdown.splitlines()[1]
    assert line.startswith("1. **HIGH** (expands) Acme Terms › Terms › ")
    assert "@\u200beveryone" in line and "@\u200bhere" in line and "@everyone" not in line
    assert "\\<script\\>" in line and "\\[click me\\]" in line and "\\*bold\\*" in line
    assert body.link == f"{PUBLIC}/documents/acme/terms/redline?from=1&to=2"
    # what Apprise makes of it for services that show HTML: the text, never markup
    shown = convert_between(NotifyFormat.MARKDOWN, NotifyFormat.HTML, body.markdown)
    assert "<script" not in shown and "<b>" not in shown and "<img" not in shown
    assert "javascript:" not in re.findall(r'href="([^"]*)"', shown).__str__()
    assert re.findall(r'href="([^"]*)"', shown) == [
        f"{PUBLIC}/documents/acme/terms/redline?from=1&amp;to=2#c-n7",
        f"{PUBLIC}/documents/acme/terms/redline?from=1&amp;to=2",
    ]
    assert escape_markdown("line\nbreak  and   tabs\t") == "line break and tabs"


def test_a_large_digest_lists_the_rest_with_links_to_stay_under_100_kb() -> None:
    data = digest_of(40)  # 120 long changes
    view = compose_digest(data, public_url=PUBLIC)
    whole = render_digest_html(view)
    assert len(whole.encode()) > 2 * EMAIL_HTML_BUDGET  # the budget has work to do
    shown, html, text = render_email(view, more_link=PUBLIC)
    assert len(html.encode()) <= EMAIL_HTML_BUDGET
    changes = [change for _, _, change in shown.changes()]
    inline = [c for c in changes if not c.listed]
    listed = [c for c in changes if c.listed]
    assert inline and listed and shown.hidden_changes == 0
    assert len(changes) == 120
    # the most severe keep their redline: no listed change is more severe than an inline one
    assert max(c.severity.rank for c in listed) <= min(c.severity.rank for c in inline)
    assert len([c for c in inline if c.severity == "high"]) == 12
    # each listed change links to itself in the web UI
    for change in listed:
        link = f'href="{PUBLIC}/documents/vendor-'
        anchor = f'#c-n{change.change_id}"'
        assert re.search(re.escape(link) + r"[^\"]+" + re.escape(anchor), html)
    assert "as one line: this e-mail is kept short" in html and "as one line" in text
    # the summary still counts everything
    assert shown.totals == view.totals


def test_a_huge_digest_keeps_the_severest_and_counts_what_it_cannot_show() -> None:
    view = compose_digest(digest_of(700), public_url=PUBLIC)  # 2,100 changes, 210 high
    shown, html, text = render_email(view, more_link=PUBLIC)
    assert len(html.encode()) <= EMAIL_HTML_BUDGET
    changes = [change for _, _, change in shown.changes()]
    inline = [c for c in changes if not c.listed]
    assert inline and {c.severity for c in inline} == {"high"}
    assert shown.hidden_changes > 0 and shown.hidden_changes + len(changes) == 2100
    assert f"{shown.hidden_changes} more changes not shown" in html
    assert f'<a class="link" href="{PUBLIC}"' in html
    assert f"Read every change: {PUBLIC}" in text.replace("\n", " ")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Chromium is not installed: apt-get install chromium (see .ci/run)")
    return found


def scroll_widths(pages: dict[str, str], width: int, folder: Path) -> dict[str, int]:
    """Each HTML page's scroll width in a real Chromium, laid out ``width`` px wide (an
    iframe of that width: headless windows cannot be narrower than 500 px)."""
    frames = "".join(
        f'<iframe id="{name}" style="width:{width}px;height:400px;border:0" '
        f'srcdoc="{html_lib.escape(page, quote=True)}"></iframe>'
        for name, page in pages.items()
    )
    probe = """<script>
window.addEventListener('load', () => {
  for (const frame of document.querySelectorAll('iframe')) {
    const root = frame.contentDocument.documentElement;
    document.body.setAttribute('data-' + frame.id, String(root.scrollWidth));
  }
});
</script>"""
    harness = folder / "harness.html"
    harness.write_text(f"<!DOCTYPE html><html><body>{frames}{probe}</body></html>", "utf-8")
    result = subprocess.run(
        [
            chromium(),
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",
            "--dump-dom",
            harness.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return {
        name: int(re.search(rf'data-{name}="(\d+)"', result.stdout).group(1))  # type: ignore[union-attr]
        for name in pages
    }


def test_no_horizontal_overflow_at_320_px(tmp_path: Path) -> None:
    """Long URLs, long words and long headings wrap: the e-mail is as wide as the screen."""
    ref = DocumentRef("acme/terms", "Acme", "Terms", LONG_URL)
    path = ("Terms", f"Section {LONG_WORD}")
    change = modified(
        1,
        Severity.HIGH,
        path,
        f"We keep {LONG_WORD} for 30 days.",
        f"We keep {LONG_WORD} for 3 years, see {LONG_URL}.",
        reason=f"retention lengthened {LONG_WORD}",
    )
    failure = FailureNote(
        document=DocumentRef("globex/privacy", "Globex", "Privacy", LONG_URL),
        outcome="failed",
        error_kind="http-status",
        error_message=f"HTTP 404 at {LONG_URL}",
        since=NOW - timedelta(days=3),
        consecutive=3,
        nights=3,
        last_good=None,
    )
    data = DigestData(
        generated_at=NOW,
        since=None,
        transitions=(
            VersionChanges(ref, evidence(1, 1, LONG_URL), evidence(2, 2, LONG_URL), (change,), 3),
        ),
        new_documents=(),
        failures=(failure,),
    )
    view = compose_digest(data, public_url=PUBLIC, list_unsubscribe=(LONG_URL,))
    _, full, _ = render_email(view)
    _, clipped, _ = render_email(compose_digest(digest_of(40), public_url=LONG_URL))
    heartbeat = (
        template_environment()
        .get_template("heartbeat.html.j2")
        .render(
            title=f"Still watching: 12 documents verified, 1 failing {LONG_WORD}",
            subscription=LONG_WORD,
            failures=(failure,),
            generated_at=NOW,
            last_message=NOW - timedelta(days=7),
            public_url=LONG_URL,
        )
    )
    pages = {"full": full, "clipped": clipped, "heartbeat": heartbeat}
    assert scroll_widths(pages, 320, tmp_path) == dict.fromkeys(pages, 320)

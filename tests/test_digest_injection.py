"""Fetched text is shown as text, never as markup: in the HTML part, the text part, the .eml
and the Atom feed. Hostile clause text goes through the real pipeline (extraction, diff,
storage) and the real renderers; every hostile field of a digest is also tried directly."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from tests.digest_support import spec_for, track_page
from tracker.clock import FixedClock
from tracker.digest import render_digest, send_digest
from tracker.digest.feed import write_feed
from tracker.digest.model import (
    DigestData,
    DocumentRef,
    FailureNote,
    ReportedChange,
    VersionChanges,
    VersionEvidence,
)
from tracker.model import Change, Clause, InlineOp
from tracker.settings import load_settings
from tracker.store.database import Database

NIGHT = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)

#: Strings that would be markup, script or a link if they were not escaped; each is written
#: into the page *as text* (HTML-escaped in the source page), so extraction yields it verbatim.
HOSTILE = (
    "<script>alert('digest')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(2)">click here</a>',
    "<ins>We never sell your data</ins>",  # lookalike of our own diff markup
    '<del style="text-decoration:none">fake deletion</del>',
    "</td></tr></table><h1>Forged heading</h1>",
    "<!-- comment --><style>body{display:none}</style>",
    "{{ 7 * 7 }} {% raw %}",  # template syntax in data must stay literal
    "]]><![CDATA[ &amp; &lt;b&gt;",
)
CONTROL = "\x1b[31mred\x1b[0m \u202egnp.exe"  # terminal escape and a bidi override


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hostile_page(extra: str) -> bytes:
    paragraphs = "".join(f"<p>Clause {i}: {escaped(h)} {extra}</p>" for i, h in enumerate(HOSTILE))
    link = '<p>See <a href="javascript:alert(3)">our javascript: link</a> for details.</p>'
    return (
        f"<html><body><main><h1>Terms {escaped(HOSTILE[0])}</h1>"
        f"{paragraphs}{link}</main></body></html>"
    ).encode()


def assert_inert_html(html: str) -> None:
    """No script, no event handler, no style injected, no link other than http(s)/mailto/#."""
    tree = lxml.html.document_fromstring(html)
    assert tree.xpath("//script") == []
    forbidden = "//img|//iframe|//object|//embed|//form|//h1[normalize-space(.)='Forged heading']"
    assert tree.xpath(forbidden) == []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src"):
                assert value.startswith(("https://", "http://", "mailto:", "#")), value
    styles = tree.xpath("//style")
    assert len(styles) <= 1 and "display:none" not in "".join(s.text_content() for s in styles)


def test_hostile_clause_text_is_shown_as_text_everywhere(db: Database, tmp_path: Path) -> None:
    settings = load_settings({"TRACKER_SMTP_TO": "reader@example.com"}, cwd=tmp_path)
    spec = spec_for("evil/terms", "https://evil.example/terms")
    track_page(db, settings, spec, hostile_page("First version."), NIGHT)
    track_page(db, settings, spec, hostile_page(f"Second {CONTROL}."), NIGHT + timedelta(days=1))
    outcome = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=1)))
    assert outcome.files is not None and outcome.data.change_count == len(HOSTILE)
    html = outcome.files.html.read_text(encoding="utf-8")
    text = outcome.files.text.read_text(encoding="utf-8")
    assert_inert_html(html)
    shown = lxml.html.document_fromstring(html).text_content()
    for hostile in HOSTILE:
        assert hostile in shown, f"{hostile!r} is not shown as text"
        assert hostile in text
    # our own <ins>/<del> wrap exactly what the diff inserted or deleted; lookalikes are text
    tree = lxml.html.document_fromstring(html)
    ops = [op for t in outcome.data.transitions for r in t.changes for op in r.change.inline]
    inserted = sorted([op.text for op in ops if op.tag == "insert"] + ["underlined"])
    deleted = sorted([op.text for op in ops if op.tag == "delete"] + ["struck through"])
    assert sorted(e.text_content() for e in tree.xpath("//ins")) == inserted
    assert sorted(e.text_content() for e in tree.xpath("//del")) == deleted
    # the text part carries no terminal escapes and no bidi overrides
    assert "\x1b" not in text and "\u202e" not in text
    assert "[31mred[0m gnp.exe" in text
    # the .eml holds the same, safely encoded
    message = email.message_from_bytes(outcome.files.eml.read_bytes(), policy=email.policy.default)
    html_part = message.get_body(("html",))
    assert html_part is not None
    assert_inert_html(html_part.get_content())
    # the Atom feed: text in XML, and the HTML content a reader would render is inert too
    feed = write_feed(db, tmp_path / "feed.atom", now=NIGHT + timedelta(days=1))
    root = etree.fromstring(feed.xml)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    contents = list(root.iterfind(".//a:content", ns))
    assert len(contents) == 2
    for content in contents:
        assert content.get("type") == "html" and len(content) == 0  # escaped text, no elements
        assert_inert_html(f"<html><body>{content.text}</body></html>")
    shown_in_feed = lxml.html.document_fromstring(contents[0].text or "").text_content()
    for hostile in HOSTILE:
        assert hostile in shown_in_feed


def clause(text: str, path: tuple[str, ...] = ("Terms",)) -> Clause:
    return Clause(id=text[:20], path=path, label=None, kind="paragraph", text=text)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_field_of_a_digest_is_escaped(hostile: str) -> None:
    """Names, paths, topics, details, URLs and error messages are as untrusted as clause text."""
    evidence = VersionEvidence(
        version_id=1,
        number=1,
        url="javascript:alert(document.cookie)",
        fetched_at=NIGHT,
        last_verified=NIGHT,
        raw_sha256=None,
        text_sha256="0" * 64,
    )
    document = DocumentRef(slug="x/y", service=hostile, type=hostile, url="javascript:alert(4)")
    change = Change(
        kind="modified",
        old=(clause(f"old {hostile}", path=(hostile,)),),
        new=(clause(f"new {hostile}", path=(hostile, hostile)),),
        inline=(InlineOp("delete", f"old {hostile}"), InlineOp("insert", f"new {hostile}")),
        topics=(hostile,),
        severity="high",
        detail=hostile,
    )
    data = DigestData(
        generated_at=NIGHT,
        since=None,
        transitions=(
            VersionChanges(
                document=document,
                old=evidence,
                new=replace(evidence, version_id=2, number=2),
                changes=(ReportedChange(1, change, context=clause(hostile)),),
                unchanged=0,
            ),
        ),
        new_documents=(),
        failures=(
            FailureNote(
                document=document,
                outcome="failed",
                error_kind=hostile,
                error_message=hostile,
                since=NIGHT,
                consecutive=1,
                nights=1,
                last_good=None,
            ),
        ),
    )
    rendered = render_digest(data, list_unsubscribe=["javascript:alert(5)"])
    assert_inert_html(rendered.html)
    assert hostile in lxml.html.document_fromstring(rendered.html).text_content()
    assert "alert(5)" not in rendered.html  # an unsafe unsubscribe URL is not even shown
    assert hostile in rendered.text

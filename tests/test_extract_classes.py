"""Class attributes are parsed as written (one string, not split by the parser): every reader
of classes still sees each name (screen-reader-only text, consent banners, CSS rules)."""

from __future__ import annotations

from tracker.extract.html import ExtractionRules, extract_html, parse_html
from tracker.extract.main_content import class_names

PAGE = """<html><body><main>
<h1>Privacy Policy</h1>
<p>We keep your data for 30 days.<span class="link-icon sr-only"> (opens in a new tab)</span></p>
<p class="note  legal">We never sell your data.</p>
<div class="cookie-banner  fixed"><p>We use cookies. Accept all?</p><button>OK</button></div>
</main></body></html>"""


def test_the_parser_keeps_a_class_attribute_as_written_and_readers_split_it() -> None:
    soup = parse_html(PAGE)
    paragraph = soup.find("p", attrs={"class": "note  legal"})
    assert paragraph is not None
    assert class_names(paragraph.get("class")) == ["note", "legal"]
    assert class_names(["a", "b"]) == ["a", "b"]
    assert class_names(None) == []


def test_screen_reader_text_and_banners_are_found_among_several_classes() -> None:
    text = extract_html(PAGE).canonical_text
    assert "opens in a new tab" not in text
    assert "Accept all" not in text
    assert "We keep your data for 30 days." in text
    assert "We never sell your data." in text


def test_css_rules_match_any_order_of_class_names() -> None:
    rules = ExtractionRules(select=("p.legal.note",))
    document = extract_html(PAGE, rules=rules)
    assert [c.text for c in document.clauses] == ["We never sell your data."]

"""Clause segmentation: labels, headings that are not <hN>, paths, list nesting, ids."""

from __future__ import annotations

from tracker.extract import canonical_text, extract_html, extract_markdown, extract_text
from tracker.extract.labels import find_label
from tracker.model import Clause, ExtractedDocument, sha256_hex


def _clauses(html: str) -> list[Clause]:
    return list(extract_html(f"<main>{html}</main>").clauses)


def _by_text(document: ExtractedDocument) -> dict[str, Clause]:
    return {c.text: c for c in document.clauses}


def test_labels_are_split_from_the_text() -> None:
    cases = {
        "2.4 Data retention": ("2.4", "Data retention"),
        "(a) the Services": ("(a)", "the Services"),
        "iii. any third party": ("iii.", "any third party"),
        "Section 5 Payment": ("Section 5", "Payment"),
        "1. Services": ("1.", "Services"),
        "IV. Liability": ("IV.", "Liability"),
    }
    for text, (label, rest) in cases.items():
        found = find_label(text)
        assert found is not None, text
        assert (found.text, found.rest) == (label, rest)
    for text in ("30 days after notice", "2025 was a year", "U.S. law applies", "(ii)x"):
        assert find_label(text) is None, text


def test_markdown_escaped_number_gives_the_label_and_text() -> None:
    document = extract_markdown("## 2.1 Types of Data Collected\n\n1\\. Services are here.\n")
    heading, paragraph = document.clauses
    assert (heading.label, heading.text, heading.kind) == (
        "2.1",
        "Types of Data Collected",
        "heading",
    )
    assert (paragraph.label, paragraph.text) == ("1.", "Services are here.")


def test_ordered_list_items_get_the_number_the_browser_draws() -> None:
    clauses = _clauses(
        '<ol start="3"><li>Third</li><li>Fourth</li></ol><ol type="a"><li>Letter</li></ol>'
    )
    assert [(c.label, c.text) for c in clauses] == [
        ("3.", "Third"),
        ("4.", "Fourth"),
        ("a.", "Letter"),
    ]


def test_a_printed_label_wins_over_the_drawn_number() -> None:
    clauses = _clauses("<ol><li>(a) first</li><li>(b) second</li></ol>")
    assert [(c.label, c.text) for c in clauses] == [("(a)", "first"), ("(b)", "second")]


def test_heading_inside_an_ordered_list_takes_its_number() -> None:
    # as on Perplexity's page: <ol start="2"><li><h2>...</h2></li></ol>
    clauses = _clauses(
        '<ol start="2"><li><h2>COLLECTION OF INFORMATION</h2></li></ol><p>We collect data.</p>'
    )
    heading, paragraph = clauses
    assert (heading.kind, heading.label, heading.text) == (
        "heading",
        "2.",
        "COLLECTION OF INFORMATION",
    )
    assert paragraph.path == ("2. COLLECTION OF INFORMATION",)


def test_bold_and_numbered_paragraphs_are_headings_with_levels() -> None:
    # as on Replicate's page: bold numbered paragraphs under an <h2>
    clauses = _clauses(
        "<h2>Terms of service</h2>"
        "<p><strong>2. SERVICES</strong></p>"
        "<p><strong>2.1 <span>Use Rights.</span></strong></p>"
        "<p>Replicate grants you a licence.</p>"
        "<p><strong>2.2 Features.</strong></p>"
        "<p>Some features.</p>"
        "<p><strong>3. FEES</strong></p>"
        "<p>You pay.</p>"
    )
    headings = [(c.label, c.text, c.level) for c in clauses if c.kind == "heading"]
    assert headings == [
        (None, "Terms of service", 2),
        ("2.", "SERVICES", 3),
        ("2.1", "Use Rights.", 4),
        ("2.2", "Features.", 4),
        ("3.", "FEES", 3),
    ]
    paths = {c.text: c.path for c in clauses if c.kind == "paragraph"}
    assert paths["Replicate grants you a licence."] == (
        "Terms of service",
        "2. SERVICES",
        "2.1 Use Rights.",
    )
    assert paths["You pay."] == ("Terms of service", "3. FEES")


def test_run_in_bold_title_becomes_heading_and_paragraph() -> None:
    clauses = _clauses(
        "<p><strong>1. DEFINITIONS.</strong> In these Terms:</p>"
        "<p><strong>i. Use of our brand</strong>. You may not use it.</p>"
    )
    assert [(c.kind, c.label, c.text) for c in clauses] == [
        ("heading", "1.", "DEFINITIONS."),
        ("paragraph", None, "In these Terms:"),
        ("heading", "i.", "Use of our brand."),
        ("paragraph", None, "You may not use it."),
    ]


def test_bold_sentences_and_date_lines_stay_paragraphs() -> None:
    clauses = _clauses(
        "<p><strong>Last updated: October 31, 2025</strong></p>"
        "<p><strong>You must be at least 13 years old to use the Services at all.</strong></p>"
        "<p><b>Information You Provide to Us:</b></p>"
        "<p>Postcode</p><p>T23AT2P</p>"
    )
    kinds = {c.text: c.kind for c in clauses}
    assert kinds["Last updated: October 31, 2025"] == "paragraph"
    assert kinds["You must be at least 13 years old to use the Services at all."] == "paragraph"
    assert kinds["Information You Provide to Us:"] == "heading"
    assert kinds["T23AT2P"] == "paragraph"


def test_unnumbered_bold_headings_in_a_row_are_siblings() -> None:
    clauses = _clauses(
        "<h2>Data</h2><p><b>Account data</b></p><p>Name.</p><p><b>Usage data</b></p><p>Logs.</p>"
    )
    usage = next(c for c in clauses if c.text == "Logs.")
    assert usage.path == ("Data", "Usage data")


def test_nested_lists_keep_their_nesting_in_the_path() -> None:
    clauses = _clauses(
        "<h2>Rights</h2><ol><li>Access<ul><li>copy of data<ul><li>in a portable format</li>"
        "</ul></li></ul></li><li>Deletion</li></ol>"
    )
    items = {c.text: c for c in clauses if c.kind == "list_item"}
    assert items["Access"].level == 1
    assert items["copy of data"].path == ("Rights", "1.")
    assert items["copy of data"].level == 2
    assert items["in a portable format"].path == ("Rights", "1.", "copy of data")
    assert items["in a portable format"].level == 3
    assert items["Deletion"].path == ("Rights",)


def test_table_rows_are_clauses_with_cells() -> None:
    clauses = _clauses(
        "<table><thead><tr><th>Purpose</th><th>Legal basis</th></tr></thead>"
        "<tbody><tr><td>To provide the service</td><td>Contract | necessity</td></tr>"
        "<tr><td></td><td></td></tr></tbody></table>"
    )
    assert [(c.kind, c.text) for c in clauses] == [
        ("table_row", "Purpose | Legal basis"),
        ("table_row", "To provide the service | Contract \\| necessity"),
    ]


def test_layout_tables_are_read_as_blocks() -> None:
    clauses = _clauses(
        "<table><tr><td><h2>Title</h2><p>Body text.</p></td><td><p>Side.</p></td></tr></table>"
    )
    assert [c.kind for c in clauses] == ["heading", "paragraph", "paragraph"]


def test_double_line_breaks_separate_paragraphs() -> None:
    clauses = _clauses("<div>First line<br>same paragraph<br><br>Second paragraph</div>")
    assert [c.text for c in clauses] == ["First line same paragraph", "Second paragraph"]


def test_canonical_text_format_and_hash() -> None:
    document = extract_html(
        "<main><h1>Policy</h1><p>Intro.</p><ul><li>One<ul><li>Sub</li></ul></li></ul>"
        "<ol><li>Numbered</li></ol><table><tr><td>a</td><td>b</td></tr>"
        "<tr><td>c</td><td>d</td></tr></table></main>"
    )
    assert document.canonical_text == (
        "# Policy\n\nIntro.\n\n- One\n\n  - Sub\n\n- 1. Numbered\n\n| a | b |\n| c | d |\n"
    )
    assert document.text_sha256 == sha256_hex(document.canonical_text)
    assert canonical_text(document.clauses) == document.canonical_text


def test_ids_are_unique_and_deterministic() -> None:
    html = "<main><h2>A</h2><p>Same.</p><p>Same.</p><h2>A</h2><p>Same.</p></main>"
    first, second = extract_html(html), extract_html(html)
    ids = [c.id for c in first.clauses]
    assert len(set(ids)) == len(ids)
    assert ids == [c.id for c in second.clauses]


def test_ids_are_stable_under_edits_in_other_sections() -> None:
    before = extract_html(
        "<main><h2>1. Data</h2><p>We collect names.</p><h2>2. Sharing</h2>"
        "<p>We share with processors.</p><p>(a) payment providers</p></main>"
    )
    after = extract_html(
        "<main><h2>1. Data</h2><p>We collect names.</p><p>And e-mail addresses.</p>"
        "<h2>2. Data sharing</h2><p>We share with processors.</p><p>New sentence.</p>"
        "<p>(a) payment providers and banks</p></main>"
    )
    old, new = _by_text(before), _by_text(after)
    assert old["We share with processors."].id == new["We share with processors."].id
    assert old["We collect names."].id == new["We collect names."].id
    assert old["payment providers"].id == new["payment providers and banks"].id  # same label
    assert old["Sharing"].id == new["Data sharing"].id  # same section number


def test_markdown_and_text_segment_like_html() -> None:
    markdown = extract_markdown("# Policy\n\n## 1. Data\n\n* names\n* e-mails\n\nWe keep it.\n")
    html = extract_html(
        "<main><h1>Policy</h1><h2>1. Data</h2><ul><li>names</li>"
        "<li>e-mails</li></ul><p>We keep it.</p></main>"
    )
    assert markdown.text_sha256 == html.text_sha256
    text = extract_text(
        "Policy\n======\n\n1. Data\n--------\n\n- names\n- e-mails\n\nWe keep it.\n"
    )
    assert [c.kind for c in text.clauses] == [c.kind for c in html.clauses]
    assert [c.display_text for c in text.clauses] == [c.display_text for c in html.clauses]

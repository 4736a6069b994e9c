"""Tables of contents and in-page navigation are left out of clauses, whatever their markup;
real text made of links stays."""

from __future__ import annotations

from tracker.diff import diff_clauses
from tracker.extract import extract_html, extract_markdown
from tracker.model import ExtractionRules

SECTIONS = """
<h2 id="intro">1. Introduction</h2><p>This policy explains what we collect.</p>
<h2 id="data">2. Data we collect</h2><p>We collect your name and email address.</p>
<h2 id="rights">3. Your rights</h2><p>You may ask us to delete your data.</p>
"""


def texts(html: str, **kwargs: object) -> list[str]:
    return [c.display_text for c in extract_html(html, **kwargs).clauses]  # type: ignore[arg-type]


def page(toc: str, sections: str = SECTIONS) -> str:
    return f"<html><body><main><h1>Privacy Policy</h1>{toc}{sections}</main></body></html>"


LIST_TOC = """<p>Table of contents</p><ul>
<li><a href="#intro">1. Introduction</a></li>
<li><a href="#data">2. Data we collect</a></li>
<li><a href="#rights">3. Your rights</a></li></ul>"""

WRAPPING_TOC = """<div><div class="caption">Table of contents</div></div>
<div><a href="#intro"><div>1. Introduction</div></a></div>
<div><a href="#data"><div>2. Data we collect</div></a></div>
<div><a href="#rights"><div>3. Your rights</div></a></div>"""

HEADINGS_TOC = """<h2>Contents</h2>
<a href="#intro"><h4>1. Introduction</h4></a><a href="#data"><h4>2. Data we collect</h4></a>
<a href="#rights"><h4>3. Your rights</h4></a>"""

NAV_TOC = """<nav aria-label="On this page"><h4>Legal</h4><ul>
<li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></nav>"""


def test_a_table_of_contents_in_any_markup_leaves_no_clause() -> None:
    expected = texts(page(""))
    for toc in (LIST_TOC, WRAPPING_TOC, HEADINGS_TOC, NAV_TOC):
        assert texts(page(toc)) == expected, toc
    rules = ExtractionRules(select=("main",))
    assert texts(page(NAV_TOC), rules=rules) == texts(page(""), rules=rules)


def test_links_to_the_page_itself_with_a_fragment_are_in_page_links() -> None:
    toc = (
        '<ul><li><a href="https://example.com/privacy#intro">1. Introduction</a></li>'
        '<li><a href="/privacy#data">2. Data we collect</a></li></ul>'
    )
    url = "https://example.com/privacy"
    assert texts(page(toc), base_url=url) == texts(page(""), base_url=url)


def test_a_renamed_section_is_reported_once() -> None:
    old = extract_html(page(WRAPPING_TOC)).clauses
    renamed = page(WRAPPING_TOC.replace("Your rights", "Your choices")).replace(
        "3. Your rights", "3. Your choices"
    )
    diff = diff_clauses(old, extract_html(renamed).clauses)
    assert [(c.kind, c.new[0].kind) for c in diff.changes] == [("modified", "heading")]


def test_a_table_of_contents_added_is_no_change() -> None:
    before = extract_html(page("")).clauses
    after = extract_html(page(LIST_TOC)).clauses
    assert diff_clauses(before, after).changes == ()


def test_links_that_lead_elsewhere_are_text() -> None:
    links = (
        '<ul><li><a href="https://aws.amazon.com">Amazon Web Services</a></li>'
        '<li><a href="https://cloud.google.com">Google Cloud</a></li></ul>'
    )
    found = texts(page(links))
    assert "Amazon Web Services <https://aws.amazon.com>" in found
    assert "Google Cloud <https://cloud.google.com>" in found


def test_a_single_in_page_link_and_links_inside_sentences_stay() -> None:
    sections = SECTIONS.replace(
        "<p>You may ask", '<p><a href="#intro">Back to top</a></p><p>You may ask'
    ).replace("what we collect.", 'what we collect (see <a href="#data">section 2</a>).')
    found = texts(page("", sections))
    assert "Back to top" in found
    assert "This policy explains what we collect (see section 2)." in found


def test_a_section_heading_over_its_own_mini_contents_stays() -> None:
    sections = """<h2>5. Your rights</h2><ul><li><a href="#a">5.1 Access</a></li>
    <li><a href="#b">5.2 Deletion</a></li></ul>
    <h3 id="a">5.1 Access</h3><p>You may see your data.</p>
    <h3 id="b">5.2 Deletion</h3><p>You may delete your data.</p>"""
    found = texts(page("", sections))
    assert found[:2] == ["Privacy Policy", "5. Your rights"]
    assert "You may delete your data." in found


def test_a_label_above_the_title_is_left_out_but_text_is_not() -> None:
    labelled = "<main><div>Legal</div><h1>Privacy Policy</h1><p>We collect data.</p></main>"
    assert texts(labelled) == ["Privacy Policy", "We collect data."]
    notice = (
        "<main><p>This notice applies to residents of the EU only.</p><h1>Privacy Policy</h1>"
        "<p>We collect data.</p></main>"
    )
    assert texts(notice)[0] == "This notice applies to residents of the EU only."


def test_a_markdown_table_of_contents_is_left_out() -> None:
    markdown = """# Privacy Policy

Table of contents

*   [What we collect](#collect)
*   [How we use it](#use)

## What we collect

We collect your name.

## How we use it

We use it to run the service. See [what we collect](#collect).
"""
    found = [c.display_text for c in extract_markdown(markdown).clauses]
    assert found == [
        "Privacy Policy",
        "What we collect",
        "We collect your name.",
        "How we use it",
        "We use it to run the service. See what we collect.",
    ]

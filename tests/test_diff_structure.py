"""Structure, not noise: changes that carry no meaning are told apart by their ``detail``
(deduplicated, link, date-only, reordered) or folded into one change (text cut into clauses
differently). Small documents extracted by the real extractor."""

from __future__ import annotations

from pathlib import Path

from tracker.classify import classify_diff, load_rules
from tracker.diff import diff_clauses
from tracker.diff.words import inline_tokens, words_of
from tracker.extract import extract_html, extract_markdown
from tracker.model import Change, Clause, ClauseDiff
from tracker.vocabulary import ChangeDetail

RULES = Path(__file__).resolve().parent.parent / "data" / "rules.toml"


def clauses(markdown: str) -> tuple[Clause, ...]:
    return extract_markdown(markdown).clauses


def compare(old: str, new: str) -> ClauseDiff:
    return diff_clauses(clauses(old), clauses(new))


def kinds(diff: ClauseDiff) -> list[tuple[str, str | None]]:
    return [(c.kind, c.detail) for c in diff.changes]


def changed_words(change: Change) -> list[str]:
    return [w for op in change.inline if op.tag != "equal" for w in words_of(op.text)]


CALIFORNIA = """### Selling information

The Company does not sell your personal information, as defined under the CCPA.

### Your rights and choices

You have the right to request that we disclose what personal information we collect.
"""

DUPLICATED = f"""# Privacy

## 1. Scope

This policy applies to our services.

## 6. Regions

{CALIFORNIA}
{CALIFORNIA}
## 7. Contact

Write to us at the address below.
"""


def test_one_copy_of_a_duplicated_block_removed_is_a_deduplication() -> None:
    deduplicated = DUPLICATED.replace(CALIFORNIA + "\n" + CALIFORNIA, CALIFORNIA)
    diff = compare(DUPLICATED, deduplicated)
    assert kinds(diff) == [("removed", ChangeDetail.DEDUPLICATED)] * 4


def test_a_duplicate_removed_while_the_kept_copy_is_edited_is_still_a_deduplication() -> None:
    edited = CALIFORNIA.replace("personal information, as", "personal data, as")
    diff = compare(DUPLICATED, DUPLICATED.replace(CALIFORNIA + "\n" + CALIFORNIA, edited))
    assert sorted(kinds(diff), key=str) == sorted(
        [("modified", None)] + [("removed", ChangeDetail.DEDUPLICATED)] * 4, key=str
    )


def test_a_block_repeated_is_a_duplication_and_carries_no_meaning() -> None:
    once = DUPLICATED.replace(CALIFORNIA + "\n" + CALIFORNIA, CALIFORNIA)
    diff = compare(once, DUPLICATED)
    assert kinds(diff) == [("added", ChangeDetail.DUPLICATED)] * 4
    rules = load_rules(RULES)
    assert {c.severity for c in classify_diff(diff, rules).changes} == {"none"}


def test_an_addition_saying_something_new_or_short_elsewhere_is_not_a_duplication() -> None:
    old = """# T

## Cookies

### Advertising

We use cookies. We keep logs for 30 days.
"""
    new = """# T

## Cookies

### Advertising

We use cookies. We keep logs for 30 days.

## Sharing

* Advertising

We use cookies. We sell your data to brokers.
"""
    diff = compare(old, new)
    assert [c.kind for c in diff.changes if c.kind != "added"] == []
    assert {c.detail for c in diff.changes} == {None}


def test_a_removal_whose_sentences_survive_only_inside_other_sentences_is_a_removal() -> None:
    old = """# T

We may share data with partners. We never sell data.

We keep logs for 30 days.
"""
    new = """# T

We keep logs for 30 days unless we may share data with partners.
"""
    diff = compare(old, new)
    removed = [c for c in diff.changes if c.kind == "removed"]
    assert removed and all(c.detail is None for c in removed)


def test_a_removed_sentence_found_as_a_whole_sentence_elsewhere_is_a_deduplication() -> None:
    old = """# T

## A

You can opt out at any time.

## B

We use cookies. You can opt out at any time. See the settings page.
"""
    new = """# T

## A

## B

We use cookies. You can opt out at any time. See the settings page.
"""
    assert kinds(compare(old, new)) == [("removed", ChangeDetail.DEDUPLICATED)]


def test_a_change_of_a_link_address_only_is_a_link_change() -> None:
    old = "# T\n\nRead our [Terms](https://example.com/terms?ref=nav) before use.\n"
    new = "# T\n\nRead our [Terms](https://example.com/legal/terms) before use.\n"
    (change,) = compare(old, new).changes
    assert (change.kind, change.detail) == ("modified", ChangeDetail.LINK)
    deleted = [op.text for op in change.inline if op.tag == "delete"]
    assert deleted == ["<https://example.com/terms?ref=nav>"]  # the address is one token


def test_a_link_target_is_one_inline_token() -> None:
    text = "See Terms <https://a.example/x?y=1&z=2#part>, then stop."
    assert "<https://a.example/x?y=1&z=2#part>" in inline_tokens(text)
    assert "".join(inline_tokens(text)) == text


def test_visible_words_and_link_changing_together_is_a_modification() -> None:
    old = "# T\n\nRead our [Terms](https://example.com/terms) before use.\n"
    new = "# T\n\nRead our [Rules](https://example.com/rules) before use.\n"
    (change,) = compare(old, new).changes
    assert (change.kind, change.detail) == ("modified", None)


def test_a_new_date_in_the_updated_line_is_date_only() -> None:
    old = "# T\n\nLast updated: January 22nd, 2023\n\nWe keep logs.\n"
    new = "# T\n\nLast updated: DECEMBER 17, 2025\n\nWe keep logs.\n"
    (change,) = compare(old, new).changes
    assert (change.kind, change.detail) == ("modified", ChangeDetail.DATE_ONLY)


def test_date_lines_that_share_no_word_but_the_keyword_are_paired() -> None:
    old = "# T\n\nUpdated january 22nd, 2023\n\nWe keep logs.\n"
    new = "# T\n\nUpdated 2025-12-17\n\nWe keep logs.\n"
    (change,) = compare(old, new).changes
    assert (change.kind, change.detail) == ("modified", ChangeDetail.DATE_ONLY)


def test_a_date_that_is_part_of_an_obligation_is_not_date_only() -> None:
    old = "# T\n\nWe delete logs by January 1, 2025 at the latest.\n"
    new = "# T\n\nWe delete logs by January 1, 2027 at the latest.\n"
    (change,) = compare(old, new).changes
    assert (change.kind, change.detail) == ("modified", None)


TABLE = """# T

## Data we collect

| Category | Examples | Retention |
| --- | --- | --- |
| Identifiers | name, email address | 30 days |
| Usage data | pages visited, clicks | 90 days |
| Payment data | card number, billing address | 7 years |
| Support | messages you send us | 1 year |

We never sell data.
"""


def _rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ") and "---" not in line]


def test_swapped_table_rows_are_reordered_moves() -> None:
    rows = _rows(TABLE)
    swapped = TABLE.replace(rows[1] + "\n" + rows[2], rows[2] + "\n" + rows[1])
    assert kinds(compare(TABLE, swapped)) == [("moved", ChangeDetail.REORDERED)]


def test_swapped_paragraphs_are_moves_not_reorders() -> None:
    old = "# T\n\nWe keep logs for a while.\n\nWe never sell any data.\n\nContact us anytime.\n"
    new = "# T\n\nWe never sell any data.\n\nWe keep logs for a while.\n\nContact us anytime.\n"
    assert kinds(compare(old, new)) == [("moved", None)]


def test_reordered_and_edited_rows_are_matched_by_content() -> None:
    rows = _rows(TABLE)
    edited = rows[1].replace("30 days", "60 days")
    new = TABLE.replace(rows[1] + "\n" + rows[2], rows[2] + "\n" + edited)
    diff = compare(TABLE, new)
    assert [c.kind for c in diff.changes] == ["modified"]
    assert changed_words(diff.changes[0]) == ["30", "60"]


def test_a_table_written_as_one_block_then_as_rows_is_one_change_of_its_edited_words() -> None:
    flat = TABLE.replace("| --- | --- | --- |\n", "")  # no delimiter row: one paragraph
    edited = TABLE.replace("7 years", "10 years")
    old, new = clauses(flat), clauses(edited)
    assert [c.kind for c in old].count("table_row") == 0
    diff = diff_clauses(old, new)
    assert len(diff.changes) == 1
    (change,) = diff.changes
    assert (change.kind, change.detail) == ("modified", ChangeDetail.SPLIT)
    assert changed_words(change) == ["7", "10"]


def test_the_same_table_cut_differently_is_cosmetic() -> None:
    flat = TABLE.replace("| --- | --- | --- |\n", "")
    (change,) = compare(flat, TABLE).changes
    assert (change.kind, change.detail) == ("cosmetic", ChangeDetail.SPLIT)
    assert changed_words(change) == []


def test_an_html_table_and_an_aria_grid_of_the_same_cells_are_the_same_text() -> None:
    table = (
        "<main><h1>T</h1><table><tr><th>Category</th><th>Examples</th></tr>"
        "<tr><td>Identifiers</td><td>name, <b>email</b></td></tr></table></main>"
    )
    grid = (
        '<main><h1>T</h1><div role="table"><div role="rowgroup"><div role="row">'
        '<span role="columnheader">Category</span><span role="columnheader">Examples</span>'
        '</div></div><div role="row"><div role="cell">Identifiers</div>'
        '<div role="cell"><p>name, <b>email</b></p></div></div></div></main>'
    )
    assert extract_html(table).canonical_text == extract_html(grid).canonical_text
    assert [c.kind for c in extract_html(grid).clauses] == ["heading", "table_row", "table_row"]


LABELLED_SECTIONS = """# Data Protection Agreement

## Clause 8

The importer shall process the data only on documented instructions.

## Clause 18

Disputes are settled by the courts of Ireland.

## Processor obligations

The processor shall:

{items}
"""


def test_a_list_renested_under_an_item_is_renumbered_in_place_not_moved() -> None:
    """Label-only headings ("Clause 8", "Clause 18") fold to nothing, as list items' labels do:
    a list nested anew under item "2." was found under the last label-only heading above it,
    so each of its items "moved" (GitHub's Data Protection Agreement, fresh99: eight
    renumbered items reported as moves, every word of them changed)."""
    old_items = "a. keep the data confidential;\n\nb. assist the controller with requests."
    new_items = (
        "1. Process the data as instructed.\n"
        "2. In particular:\n"
        "   1. keep the data confidential;\n"
        "   2. assist the controller with requests."
    )
    old, new = LABELLED_SECTIONS.format(items=old_items), LABELLED_SECTIONS.format(items=new_items)
    diff = compare(old, new)
    assert not [c for c in diff.changes if c.kind == "moved" or c.detail == "moved"], kinds(diff)
    renumbered = [c for c in diff.changes if c.detail == ChangeDetail.RENUMBERED]
    assert len(renumbered) == 2, kinds(diff)


def test_a_clause_under_a_label_only_heading_that_moved_sections_still_moved() -> None:
    """Near miss: a paragraph that really left "Clause 8" for "Clause 18" still moved."""
    old = LABELLED_SECTIONS.format(items="a. keep the data confidential.")
    new = old.replace(
        "## Clause 8\n\nThe importer shall process the data only on documented instructions.\n",
        "## Clause 8\n",
    ).replace(
        "Disputes are settled by the courts of Ireland.\n",
        "Disputes are settled by the courts of Ireland.\n\n"
        "The importer shall process the data only on documented instructions.\n",
    )
    assert kinds(compare(old, new)) == [("moved", None)]

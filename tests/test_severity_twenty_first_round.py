"""Readings from the blind sets measured once by the 51st session (fresh77 and fresh79): each
rule general, each case failing on the rules before it, with near misses that keep what they
must.

- A table that gains a column: every row gains a whole cell ("Automattic | Blogging service |
  United States" -> "... | United States | United States") as its header row gains the
  column's name ("| Corporate Location"). The new cell is a new detail of the row, not more of
  what the recipient gets (GitHub's subprocessor table, cd005 to cd031, each read as a listed
  recipient's scope widened): low, unless the cell says on its own what is serious (kinds of
  data, the uses the rules name); a place the row did not name before, in a table of
  recipients, tells where a recipient is (medium: Monday.com's "| Israel", cd021).
- A plain-language summary of a section, removed or added: a clause opening with a summary's
  label ("Short version: You may close your Account at any time.", GitHub's corporate terms,
  cb242, cb144), in a section that says more, or a row of a table of the document's sections
  pairing a section's title with a sentence ("M. Cancellation and Termination | You may cancel
  this agreement and close your account at any time.", cb017, cb008, cb010, cb024), each read
  as a right or a commitment removed. The section states the promise bindingly and is compared
  on its own: low. Not a sentence that only says "in short", a summary alone in its section, a
  row of a table of recipients, nor a table with one row titled like a section. A summary that
  read by itself would be an alarm (a promise the new version no longer makes in these words, a
  new power) is shown, medium: its section may not say the same (the lead's change after the
  review: GitHub's rows and short versions are medium, not low, as their sections word their
  promises otherwise).
"""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, classified, removed
from tracker.classify import classify_diff
from tracker.classify.severity import same_title, title_parts, whole_cells_changed
from tracker.model import Change, Clause, ClauseDiff
from tracker.vocabulary import Direction, Severity

# -- a column added to a table ------------------------------------------------------------------

INTRO = "# Subprocessors\n\nWe share personal data with the following subprocessors.\n\n"
HEADER = ["Name of Subprocessor", "Description of Processing", "Location of Processing"]
ROWS = [
    ["Automattic", "Blogging service", "United States"],
    ["Mailgun", "Transactional mail services provider", "United States"],
    ["Nordic Hosting", "Data hosting", "Germany"],
]


def _table(header: list[str], rows: list[list[str]], intro: str = INTRO) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return intro + "\n".join(lines) + "\n"


def _rows(old: str, new: str) -> dict[str, tuple[Severity, Direction, str]]:
    """Each changed row, by its first cell in the new version (or the old one)."""
    return {
        (c.new or c.old)[0].text.split("|")[0].strip(): (c.severity, c.direction, c.reason or "")
        for c in classified(old, new)
    }


def _with_column(name: str, cells: list[str]) -> str:
    return _table([*HEADER, name], [[*row, cell] for row, cell in zip(ROWS, cells, strict=True)])


def test_a_column_added_is_a_new_detail_of_each_row() -> None:
    new = _with_column("Corporate Location", ["United States", "United States", "Germany"])
    found = _rows(_table(HEADER, ROWS), new)
    assert set(found) == {"Name of Subprocessor", "Automattic", "Mailgun", "Nordic Hosting"}
    for first, (severity, direction, reason) in found.items():
        assert (severity, direction) == (Severity.LOW, Direction.NEUTRAL), (first, reason)
        assert reason == "column added to the table: 'Corporate Location'"


def test_a_column_removed_is_a_detail_dropped_from_each_row() -> None:
    old = _with_column("Corporate Location", ["United States", "United States", "Germany"])
    found = _rows(old, _table(HEADER, ROWS))
    assert len(found) == 4
    for first, (severity, _, reason) in found.items():
        assert severity == Severity.LOW, (first, reason)
        assert reason == "column removed from the table: 'Corporate Location'"


def test_a_place_the_row_did_not_name_tells_where_a_recipient_is() -> None:
    new = _with_column("Corporate Location", ["United States", "Israel", "Germany"])
    found = _rows(_table(HEADER, ROWS), new)
    assert found["Mailgun"] == (
        Severity.MEDIUM,
        Direction.NEUTRAL,
        "listed recipient's location given in a new column: 'Israel'",
    )
    assert found["Automattic"][0] == Severity.LOW  # the place it named already


@pytest.mark.parametrize(
    ("name", "cell", "reason"),
    [
        # a column of uses the rules name: the recipient now uses data for advertising
        ("Purposes", "Advertising", "listed recipient's scope widened: '| Advertising'"),
        # a column of the data each recipient gets, sensitive data among them
        (
            "Data Shared",
            "Precise location",
            "listed recipient's scope widened: '| Precise location'",
        ),
    ],
)
def test_a_new_cell_that_says_what_is_serious_keeps_its_reading(
    name: str, cell: str, reason: str
) -> None:
    new = _with_column(name, ["Hosting", cell, "Hosting"])
    found = _rows(_table(HEADER, ROWS), new)
    assert found["Mailgun"] == (Severity.HIGH, Direction.EXPANDS, reason)
    assert found[HEADER[0]][0] == Severity.LOW  # the header only names the column
    assert found["Automattic"][0] == Severity.LOW


def test_a_cell_that_gains_words_is_read_as_before_when_a_column_is_added() -> None:
    rows = [[*row, "United States"] for row in ROWS]
    rows[1][1] = "Transactional mail and advertising services provider"
    found = _rows(_table(HEADER, ROWS), _table([*HEADER, "Corporate Location"], rows))
    severity, direction, reason = found["Mailgun"]
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert reason.startswith("listed recipient's scope widened: 'and advertising")
    assert found["Automattic"][0] == Severity.LOW


def test_a_row_added_whole_with_the_column_is_a_new_recipient() -> None:
    rows = [[*row, "United States"] for row in ROWS]
    rows.append(["Sentry", "Application monitoring provider", "United States", "United States"])
    found = _rows(_table(HEADER, ROWS), _table([*HEADER, "Corporate Location"], rows))
    severity, direction, reason = found["Sentry"]
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert reason.startswith("new recipient listed: 'Sentry")


def _row(text: str, cid: str) -> Clause:
    return Clause(id=cid, path=("Subprocessors",), label=None, kind="table_row", text=text)


def test_a_cell_added_to_a_row_of_a_table_that_kept_its_columns_is_read_as_before() -> None:
    # built by hand: a Markdown table cannot hold more cells than its header names
    header = _row("Name | Description of Processing | Location", "h")
    old = _row("Mailgun | Mail provider | United States", "o")
    new = _row("Mailgun | Mail provider | United States | Analytics", "n")
    change = Change("modified", (old,), (new,), 0.8)
    diff = ClauseDiff(1, (change,), ((0, 0),), (header, new))
    (graded,) = classify_diff(diff, RULES).changes
    assert graded.severity == Severity.HIGH, graded.reason
    assert graded.reason == "listed recipient's scope widened: '| Analytics'"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("A | B | C", "A | B | C | D", (1, ("D",))),
        ("A | B | C", "A | X | B | C", (1, ("X",))),
        ("A | B | C | D", "A | C", (-1, ("B", "D"))),
        ("US | US", "US | US | US", (1, ("US",))),
        ("A | B | C", "A | B and more | C | D", None),  # a cell's own words changed
        ("A | B | C", "A | C | B", None),  # as many cells, reordered
        ("A B C", "A B C D", None),  # no table row
    ],
)
def test_whole_cells_changed(old: str, new: str, expected: tuple[int, tuple[str, ...]]) -> None:
    assert whole_cells_changed(old, new) == expected


# -- a plain-language summary of a section ------------------------------------------------------

CANCEL_SUMMARY = "Short version: You may close your Account at any time."
CANCEL_RIGHT = (
    "You may close your Account at any time by going into your account settings or by "
    "contacting Customer Support."
)
CONTENT_RIGHT = "You own the content you post, and you keep all of your rights to it."


def _terms(*sections: tuple[str, list[str]], summary: list[str] | None = None) -> str:
    """Terms of service in Markdown: an optional summary table, then each section (a title
    and its paragraphs)."""
    text = "# Terms of Service\n\nThank you for using Acme. Please read these terms.\n\n"
    if summary is not None:
        text += "## Summary\n\n| Section | What can you find there? |\n| --- | --- |\n"
        text += "".join(f"| {row} |\n" for row in summary)
        text += "\n"
    for title, paragraphs in sections:
        text += f"## {title}\n\n" + "".join(f"{p}\n\n" for p in paragraphs)
    return text


def _changed(old: str, new: str) -> dict[str, tuple[Severity, Direction, str]]:
    """Each added or removed clause, by its text."""
    return {
        (c.new or c.old)[0].text: (c.severity, c.direction, c.reason or "")
        for c in classified(old, new)
        if c.kind in ("added", "removed")
    }


CONTENT = ("D. User-Generated Content", [CONTENT_RIGHT, "You are responsible for your content."])
CANCEL = ("M. Cancellation and Termination", [CANCEL_RIGHT, "We may terminate your account."])


@pytest.mark.parametrize(
    "label",
    [
        "Short version:",
        "In short:",
        "Summary:",
        "TL;DR:",
        "In a nutshell -",
        "**The short version:**",
    ],
)
def test_a_summary_removed_from_a_section_is_low(label: str) -> None:
    summary = f"{label} You may close your Account at any time."
    old = _terms(CONTENT, (CANCEL[0], [summary, *CANCEL[1]]))
    found = _changed(old, _terms(CONTENT, CANCEL))
    (key,) = found
    severity, direction, reason = found[key]
    assert (severity, direction) == (Severity.LOW, Direction.NEUTRAL), reason
    assert reason.startswith("summary of a section removed: '")


def test_a_summary_added_to_a_section_is_low() -> None:
    new = _terms(CONTENT, (CANCEL[0], [CANCEL_SUMMARY, *CANCEL[1]]))
    found = _changed(_terms(CONTENT, CANCEL), new)
    assert found[CANCEL_SUMMARY][0] == Severity.LOW, found
    assert found[CANCEL_SUMMARY][2].startswith("summary of a section added: 'Short version:")


def test_the_right_removed_with_its_summary_is_still_a_right_removed() -> None:
    old = _terms(CONTENT, (CANCEL[0], [CANCEL_SUMMARY, *CANCEL[1]]))
    new = _terms(CONTENT, (CANCEL[0], CANCEL[1][1:]))
    found = _changed(old, new)
    # the summary's right is said nowhere now: shown (medium), not hidden as low
    severity, direction, reason = found[CANCEL_SUMMARY]
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason
    assert reason.startswith("summary of a section removed: '")
    severity, direction, reason = found[CANCEL_RIGHT]
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert reason.startswith("right removed")


@pytest.mark.parametrize(
    "text",
    [
        # "in short" inside the sentence: no label, the right it states
        "You may, in short, close your Account at any time.",
        "In short, you may close your Account at any time.",
        # a word that begins as a label does: "Summary-level" names data
        "Summary-level reports: you may close your Account at any time.",
    ],
)
def test_a_sentence_that_merely_says_in_short_is_read_for_what_it_says(text: str) -> None:
    old = _terms(CONTENT, (CANCEL[0], [text, CANCEL[1][1]]))
    found = _changed(old, _terms(CONTENT, (CANCEL[0], CANCEL[1][1:])))
    severity, direction, reason = found[text]
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


def test_a_summary_alone_in_its_section_is_read_for_what_it_says() -> None:
    # nothing else in the section states the right: its removal is the right's removal
    old = _terms(CONTENT, ("M. Cancellation", [CANCEL_SUMMARY]))
    found = _changed(old, _terms(CONTENT))
    severity, _, reason = found[CANCEL_SUMMARY]
    assert severity == Severity.HIGH, reason


CONTENT_ROW = (
    "D. User-Generated Content | You own the content you post on Acme. However, you have some "
    "responsibilities regarding it."
)
CANCEL_ROW = (
    "M. Cancellation and Termination | You may cancel this agreement and close your account at "
    "any time."
)


CLOSE_ROW = "M. Cancellation and Termination | You may close your Account at any time."


@pytest.mark.parametrize(
    "rows",
    [
        [CONTENT_ROW, CLOSE_ROW],
        # the section's title shortened in the table, under the same letter
        [CONTENT_ROW, "M. Termination | You may close your Account at any time."],
    ],
)
def test_the_rows_of_a_table_of_the_sections_removed_are_low(rows: list[str]) -> None:
    # each row's right is still stated by its section
    old = _terms(CONTENT, CANCEL, summary=rows)
    found = _changed(old, _terms(CONTENT, CANCEL))
    for row in rows:
        severity, direction, reason = found[row]
        assert (severity, direction) == (Severity.LOW, Direction.NEUTRAL), reason
        assert reason.startswith("summary of a section removed: '")


def test_a_summary_row_whose_right_its_section_does_not_state_is_shown() -> None:
    # "cancel this agreement" is a right the section does not state in these words: the
    # summary's removal is shown (medium), not an alarm and not hidden
    old = _terms(CONTENT, CANCEL, summary=[CONTENT_ROW, CANCEL_ROW])
    found = _changed(old, _terms(CONTENT, CANCEL))
    severity, direction, reason = found[CANCEL_ROW]
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason
    assert reason.startswith("summary of a section removed: '")
    assert found[CONTENT_ROW][0] == Severity.LOW, found[CONTENT_ROW]


def test_a_summary_that_grants_a_new_power_is_shown() -> None:
    # "Short version: we may sell your data to data brokers" added: read by itself it is an
    # alarm; as a summary it is shown (medium), what it sums up judged in the section
    summary = "Short version: We may sell your personal data to data brokers."
    new = _terms(CONTENT, (CANCEL[0], [summary, *CANCEL[1]]))
    found = _changed(_terms(CONTENT, CANCEL), new)
    severity, direction, reason = found[summary]
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason
    assert reason.startswith("summary of a section added: '")


def test_a_row_of_a_table_of_the_sections_added_is_low() -> None:
    old = _terms(CONTENT, CANCEL, summary=[CONTENT_ROW])
    found = _changed(old, _terms(CONTENT, CANCEL, summary=[CONTENT_ROW, CANCEL_ROW]))
    assert found[CANCEL_ROW][0] == Severity.LOW, found[CANCEL_ROW]
    assert found[CANCEL_ROW][2].startswith("summary of a section added: '")


@pytest.mark.parametrize(
    "row",
    [
        # the title of no section of the terms
        "Z. Closing Your Account | You may cancel this agreement and close your account at any "
        "time.",
        # another letter: another section, even with words of this one
        "Q. Termination | You may cancel this agreement and close your account at any time.",
    ],
)
def test_a_table_row_not_titled_by_a_section_is_read_for_what_it_says(row: str) -> None:
    old = _terms(CONTENT, CANCEL, summary=[CONTENT_ROW, row])
    found = _changed(old, _terms(CONTENT, CANCEL, summary=[CONTENT_ROW]))
    severity, _, reason = found[row]
    assert severity == Severity.HIGH, reason


def test_a_lone_row_titled_by_a_section_is_read_for_what_it_says() -> None:
    # one row opening with a section's title makes no table of the sections
    old = _terms(CONTENT, CANCEL, summary=[CANCEL_ROW])
    found = _changed(old, _terms(CONTENT, CANCEL))
    severity, _, reason = found[CANCEL_ROW]
    assert severity == Severity.HIGH, reason


def test_a_recipient_table_row_removed_keeps_its_reading() -> None:
    # each recipient also has a section of its own, yet a row lists a recipient: no summary
    rows = [["Mailgun", "Transactional mail services provider", "United States"], ROWS[0]]
    sections = (
        "\n## Mailgun\n\nMailgun sends our transactional emails.\n"
        "\n## Automattic\n\nAutomattic hosts our blog.\n"
    )
    found = _changed(_table(HEADER, rows) + sections, _table(HEADER, rows[1:]) + sections)
    severity, direction, reason = found[
        "Mailgun | Transactional mail services provider | United States"
    ]
    assert (severity, direction) == (Severity.MEDIUM, Direction.NARROWS), reason
    assert reason.startswith("recipient no longer listed")


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("M. Cancellation and Termination", ("m", "cancellation and termination")),
        ("4.2 Third-party processors", ("4.2", "third party processors")),
        ("Section 3 Payment", ("3", "payment")),
        ("(b) Your Choices", ("b", "your choices")),
        ("Copyright & DMCA", ("", "copyright and dmca")),
    ],
)
def test_title_parts(title: str, parts: tuple[str, str]) -> None:
    assert title_parts(title) == parts


def test_same_title() -> None:
    short, full = (
        title_parts("F. Copyright & DMCA Policy"),
        title_parts("F. Copyright Infringement and DMCA Policy"),
    )
    assert same_title(short, full)
    assert same_title(
        title_parts("Cancellation & termination"), title_parts("M. Cancellation and Termination")
    )
    assert not same_title(
        title_parts("Q. Termination"), title_parts("M. Cancellation and Termination")
    )
    assert not same_title(
        title_parts("Termination"), title_parts("M. Cancellation and Termination")
    )


# -- found in review: a table of one row, a column of recipients --------------------------------


def test_the_row_of_a_table_of_one_row_is_no_header_of_a_column() -> None:
    # the first row of a table names its columns only when rows follow it: alone, the row is
    # a recipient's, and the cell it gains says what the recipient now does
    old = INTRO + "| Google Analytics | Website analytics |\n|---|---|\n"
    new = INTRO + "| Google Analytics | Website analytics | Advertising |\n|---|---|---|\n"
    severity, direction, reason = _rows(old, new)["Google Analytics"]
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    # a lone row whose new cell names nothing serious is still a column added ("Where")
    old = INTRO + "| Name | Use |\n|---|---|\n"
    new = INTRO + "| Name | Use | Where |\n|---|---|---|\n"
    assert _rows(old, new)["Name"] == (
        Severity.LOW,
        Direction.NEUTRAL,
        "column added to the table: 'Where'",
    )


def test_a_new_column_of_recipients_is_read_for_whom_it_names() -> None:
    # "| Recipients" filled with "Data brokers": each row now says who gets its data
    header = ["Category", "Examples", "Collected"]
    rows = [
        ["Identifiers", "Name, email address", "Yes"],
        ["Geolocation data", "Approximate location", "Yes"],
    ]
    intro = "# Your data\n\nThe categories of personal information we collect.\n\n"
    new = _table([*header, "Recipients"], [[*row, "Data brokers"] for row in rows], intro)
    found = _rows(_table(header, rows, intro), new)
    for first in ("Identifiers", "Geolocation data"):
        severity, _, reason = found[first]
        assert not reason.startswith("column added"), (first, reason)
        assert severity != Severity.LOW, (first, reason)
    assert found["Category"][2] == "column added to the table: 'Recipients'"


def test_a_summary_graded_without_its_diff_is_read_for_what_it_says() -> None:
    # no diff to show the section that says more: the label alone proves nothing (found in
    # review; a summary table's row already needed the diff)
    severity, direction, reason = removed(CANCEL_SUMMARY)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        # a column that says the data is kept without end
        ("Retention", "Indefinitely"),
        # a column that says the data is sold or shared, each row affirming it
        ("Sold to third parties", "Yes"),
        ("Shared for advertising", "Yes"),
    ],
)
def test_a_new_column_saying_what_is_serious_is_not_a_mere_detail(name: str, cell: str) -> None:
    new = _with_column(name, [cell, cell, cell])
    found = _rows(_table(HEADER, ROWS), new)
    severity, _, reason = found["Mailgun"]
    assert not reason.startswith("column added"), reason
    assert severity == Severity.HIGH, reason


@pytest.mark.parametrize("cell", ["No", "N/A"])
def test_a_new_column_denying_a_sale_is_a_detail(cell: str) -> None:
    new = _with_column("Sold to third parties", [cell, cell, cell])
    severity, _, reason = _rows(_table(HEADER, ROWS), new)["Mailgun"]
    assert severity == Severity.LOW, reason
    assert reason == "column added to the table: 'Sold to third parties'"

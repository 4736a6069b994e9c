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
"""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, classified
from tracker.classify import classify_diff
from tracker.classify.severity import whole_cells_changed
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

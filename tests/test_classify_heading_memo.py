"""The words a heading implies before its list items, with each heading path's reading
remembered for a diff (:class:`HeadingMemo`, issue 14): the same as reading each path's
parts again for every item, over every list item and table row of the corpus's versions."""

from __future__ import annotations

from pathlib import Path

from tracker.classify import load_rules
from tracker.classify.severity import (
    _IMPLIED,
    _NEGATED_HEADING,
    HeadingMemo,
    _heading_implies,
    _implied_by,
    _row_heading,
    _tracker_row,
)
from tracker.extract import extract_bytes
from tracker.model import Clause

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")


def read_again(clauses: tuple[Clause, ...]) -> str:
    """The words the heading implies, each part of the path read for this item alone."""
    path = clauses[0].path
    for name, words_before in _IMPLIED:
        if name == "tracker_sections" and not all(_tracker_row(c) for c in clauses):
            continue
        parts = path[1:] if name == "tracker_sections" else path
        if any(
            RULES.readings.search(name, part) and not _NEGATED_HEADING.search(part)
            for part in parts
        ):
            return words_before
    return _implied_by(_row_heading(clauses), RULES)


def test_a_remembered_path_implies_what_reading_it_again_does(corpus_dir: Path) -> None:
    items = 0
    implied = 0
    for folder in sorted((corpus_dir / "versions").iterdir()):
        for file in sorted(folder.glob("*.md"))[:2]:
            clauses = extract_bytes(file.read_bytes(), name=file.name).clauses
            for clause in clauses:
                if clause.kind not in ("list_item", "table_row"):
                    continue
                expected = read_again((clause,))
                assert _heading_implies((clause,), RULES) == expected, clause.path
                items += 1
                implied += bool(expected)
    assert isinstance(RULES.readings.memo.get(HeadingMemo), HeadingMemo)
    assert items > 100
    assert implied > 10, "some headings imply words before their items"

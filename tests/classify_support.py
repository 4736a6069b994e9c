"""Grading one clause change with the shipped rule file, for the severity tests: a paragraph
modified, added or removed, and what the classifier makes of it (severity, direction, reason)."""

from __future__ import annotations

from pathlib import Path

from tracker.classify import classify_change, classify_diff, load_rules
from tracker.classify.severity import word_ops
from tracker.diff import diff_clauses
from tracker.extract import extract_markdown
from tracker.model import Change, Clause
from tracker.vocabulary import Direction, Severity

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")


def paragraph(text: str, cid: str) -> Clause:
    return Clause(id=cid, path=("Privacy",), label=None, kind="paragraph", text=text)


def grade(old: str, new: str) -> tuple[Severity, Direction, str]:
    change = Change(
        "modified", (paragraph(old, "o"),), (paragraph(new, "n"),), 0.8, word_ops(old, new)
    )
    return _graded(change)


def added(text: str) -> tuple[Severity, Direction, str]:
    return _graded(Change("added", (), (paragraph(text, "n"),)))


def removed(text: str) -> tuple[Severity, Direction, str]:
    return _graded(Change("removed", (paragraph(text, "o"),), ()))


def _graded(change: Change) -> tuple[Severity, Direction, str]:
    classified = classify_change(change, RULES)
    return classified.severity, classified.direction, classified.reason or ""


def classified(old_md: str, new_md: str) -> tuple[Change, ...]:
    """The changes between two Markdown versions, classified within the whole diff (so the
    old and new versions are read as ``tracker run`` reads them: a promise kept elsewhere, a
    recipient named before)."""
    old, new = extract_markdown(old_md).clauses, extract_markdown(new_md).clauses
    return classify_diff(diff_clauses(old, new), RULES).changes

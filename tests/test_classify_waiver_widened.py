"""Issue 13, a reviewer's round: a sentence that already spoke of disputes and now waives
more ("You may bring claims as part of a class action" -> "You waive any right to bring claims
as part of a class action"; arbitration now with a jury-trial or class-action waiver) widens
the waiver (high), though its words of arbitration or class actions were there before. The
same waiver in other words, or a waiver taken out, is not high."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "You may bring claims as part of a class action.",
            "You waive any right to bring claims as part of a class action.",
        ),
        (
            "Disputes will be resolved through binding arbitration.",
            "Disputes will be resolved through binding arbitration, and you waive your right to"
            " a jury trial.",
        ),
        (
            "Disputes will be resolved by binding arbitration.",
            "Disputes will be resolved by binding arbitration, and class actions are not"
            " permitted.",
        ),
    ],
)
def test_a_waiver_that_reaches_more_is_widened(old: str, new: str) -> None:
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "old, new",
    [
        ("You waive your right to a jury trial.", "You waive any right to a trial by jury."),
        ("Any class action is waived.", "Any class-wide proceeding is waived."),
        (
            "Disputes will be resolved by binding arbitration, and you waive your right to a jury"
            " trial.",
            "Disputes will be resolved by binding arbitration.",
        ),
    ],
)
def test_the_same_or_a_narrower_waiver_is_not_high(old: str, new: str) -> None:
    assert grade(old, new)[0] != Severity.HIGH

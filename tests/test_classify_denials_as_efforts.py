"""Issue 13, a reviewer's round: a promise not to do something made into an effort ("We will
not use your data for training" -> "We try not to use ...", "We ensure that your data is not
used for training" -> "We try to ensure that ...") no longer binds (high), as a duty made an
effort does; an effort made a firm denial narrows, and the same denial said as firmly in other
words is no change."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "We will not use your data for training.",
            "We try not to use your data for training.",
        ),
        (
            "We do not share your messages with advertisers.",
            "We make reasonable efforts not to share your messages with advertisers.",
        ),
        (
            "We ensure that your data is not used for training.",
            "We try to ensure that your data is not used for training.",
        ),
    ],
)
def test_a_denial_made_an_effort_is_weakened(old: str, new: str) -> None:
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "old, new",
    [
        ("We try not to use your data for training.", "We will not use your data for training."),
        (
            "We ensure that your data is not used for training.",
            "We make sure that your data is not used for training.",
        ),
    ],
)
def test_an_effort_made_firm_or_the_same_denial_is_not_high(old: str, new: str) -> None:
    assert grade(old, new)[0] != Severity.HIGH

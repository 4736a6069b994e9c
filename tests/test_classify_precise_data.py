"""Issue 13, a reviewer's round: a kind of data taken more precisely than before ("approximate
location" -> "precise location", "coarse location" -> "exact location") is taken in a new
way (high); made coarser, or said again as precisely, it is not."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "old, new",
    [
        ("We collect your approximate location.", "We collect your precise location."),
        (
            "We may share your coarse location with advertising partners.",
            "We may share your exact location with advertising partners.",
        ),
        (
            "We collect approximate geolocation data to show local content.",
            "We collect precise geolocation data to show local content.",
        ),
    ],
)
def test_data_taken_more_precisely_is_high(old: str, new: str) -> None:
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "old, new",
    [
        ("We collect your precise location.", "We collect your approximate location."),
        ("We collect your precise location.", "We collect your exact location."),
        (
            "We do not collect your approximate location.",
            "We do not collect your precise location.",
        ),
    ],
)
def test_data_made_coarser_or_said_again_is_not_high(old: str, new: str) -> None:
    assert grade(old, new)[0] != Severity.HIGH

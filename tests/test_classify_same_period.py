"""Issue 13, a reviewer's round: a period said in other units ("2 years" -> "24 months", "1
year" -> "12 months", "6 months" -> "half a year" aside) is the same period: low, not a changed
number; a period that changed length still counts."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Severity


@pytest.mark.parametrize(
    "old, new",
    [
        ("We retain your data for 2 years.", "We retain your data for 24 months."),
        ("We retain your data for 1 year.", "We retain your data for 12 months."),
        ("Logs are kept for 3 years.", "Logs are kept for 36 months."),
    ],
)
def test_a_period_in_other_units_is_the_same(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert severity in (Severity.NONE, Severity.LOW), reason


@pytest.mark.parametrize(
    "old, new",
    [
        ("We retain your data for 2 years.", "We retain your data for 30 months."),
        ("We retain your data for 1 year.", "We retain your data for 18 months."),
    ],
)
def test_a_period_of_another_length_counts(old: str, new: str) -> None:
    assert grade(old, new)[0] == Severity.HIGH

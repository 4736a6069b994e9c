"""Issue 13, a reviewer's round: a retention period whose bound turns round ("up to 30 days"
-> "at least 30 days", "no longer than 90 days" -> "a minimum of 90 days") keeps data longer
without an end (high), though its number is the same; turned the other way it limits the
keeping (not high), and a bound said in other words ("no longer than" -> "at most", "up to" ->
"a maximum of") changes nothing."""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "old, new",
    [
        ("We keep your data for up to 30 days.", "We keep your data for at least 30 days."),
        (
            "We keep your data for no longer than 90 days.",
            "We keep your data for a minimum of 90 days.",
        ),
        ("Logs are retained for at most 12 months.", "Logs are retained for 12 months or longer."),
    ],
)
def test_a_retention_bound_turned_into_a_minimum_is_high(old: str, new: str) -> None:
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "old, new",
    [
        ("We keep your data for at least 30 days.", "We keep your data for up to 30 days."),
        ("We keep your data for up to 30 days.", "We keep your data for a maximum of 30 days."),
        ("We keep your data for no longer than 30 days.", "We keep your data for at most 30 days."),
    ],
)
def test_a_bound_turned_into_a_limit_or_reworded_is_not_high(old: str, new: str) -> None:
    assert grade(old, new)[0] != Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "We keep your chat history for up to 3 years.",
        "We keep your chat history for no longer than 3 years.",
        "We keep your chat history for no more than 3 years.",
    ],
)
def test_a_retention_stated_with_an_end_is_no_new_use(text: str) -> None:
    severity, _, reason = added(text)
    assert severity == Severity.MEDIUM, reason


def test_a_retention_with_no_end_stated_is_high() -> None:
    assert added("We keep your chat history for at least 3 years.")[0] == Severity.HIGH

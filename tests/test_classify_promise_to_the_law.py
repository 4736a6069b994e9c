"""Issue 13, a reviewer's round: a promise or right made to hold only where the law requires
it ("We will notify you of material changes" -> "Where required by law, we will notify you
...") binds the company to nothing beyond the law: weakened (high). The same promise said
again, or a power limited to what the law requires, is not."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "We will notify you of material changes.",
            "Where required by law, we will notify you of material changes.",
        ),
        (
            "We will ask for your consent before we share your data with partners.",
            "We will ask for your consent before we share your data with partners, to the extent"
            " required by applicable law.",
        ),
        (
            "You can ask us to delete your data.",
            "If the law requires it, you can ask us to delete your data.",
        ),
    ],
)
def test_a_promise_held_only_where_the_law_requires_is_weakened(old: str, new: str) -> None:
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "Where required by law, we will notify you of material changes.",
            "We will notify you of material changes where required by law.",
        ),
        (
            "We may disclose your data to authorities.",
            "We may disclose your data to authorities where required by law.",
        ),
    ],
)
def test_the_same_promise_or_a_power_limited_by_law_is_not_high(old: str, new: str) -> None:
    assert grade(old, new)[0] != Severity.HIGH

"""Issue 13, a reviewer's round: a promise given an exception for what the law compels ("We
will never disclose your data to third parties" -> "... unless required by law") yields only to
what any company must do: shown (medium), not an alarm. An exception left to the company's
judgment or to whoever asks stays high."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity

OLD = "We will never disclose your data to third parties."


@pytest.mark.parametrize(
    "new",
    [
        "We will never disclose your data to third parties unless required by law.",
        "We will never disclose your data to third parties, except in response to a valid court"
        " order.",
    ],
)
def test_an_exception_for_what_the_law_compels_is_shown(new: str) -> None:
    severity, direction, reason = grade(OLD, new)
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason


@pytest.mark.parametrize(
    "new",
    [
        "We will never disclose your data to third parties unless we believe it is appropriate.",
        "We will never disclose your data to third parties unless required by law or requested"
        " by our partners.",
        "We will never disclose your data to third parties unless they ask us to.",
    ],
)
def test_an_exception_beyond_what_the_law_compels_is_high(new: str) -> None:
    assert grade(OLD, new)[:2] == (Severity.HIGH, Direction.EXPANDS)

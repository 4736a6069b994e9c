"""Issue 13, from the blind run on tests/data/fresh25 and the labels of four other documents:
the service personalised for its user is a use of data, shown (medium), not an alarm, while
personalised advertising and sponsored content stay high; and a kind of data that loses the
bracket limiting it ("Your Input (prompts)" -> "Your Input") is no longer limited: high. Written
in other words than the documents the kinds were seen in."""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We use your listening history to personalize your feed.",
        "We use your usage data to provide a more personalized experience.",
    ],
)
def test_the_service_personalised_for_its_user_is_shown_not_raised(text: str) -> None:
    assert added(text)[:2] == (Severity.MEDIUM, Direction.EXPANDS)


def test_a_personalised_purpose_added_to_a_use_is_medium() -> None:
    severity, direction, _ = grade(
        "We use usage data to send you weekly summaries.",
        "We use usage data to send you weekly summaries and personalized tips.",
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "We use your listening history to show you personalized ads.",
        "We use your activity to surface sponsored posts that may interest you.",
        "We use your messages to personalize replies and to train our models.",
    ],
)
def test_advertising_sponsored_content_and_training_stay_high(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


def test_a_kind_of_data_losing_its_limiting_bracket_is_high() -> None:
    severity, direction, reason = grade(
        "We store Your Input (prompts) to answer your questions.",
        "We store Your Input to answer your questions.",
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "no longer limited" in reason


def test_a_kind_of_data_removed_with_its_word_is_no_dropped_bracket() -> None:
    severity, direction, _ = grade(
        "We store your messages (text only) and your prompts to answer you.",
        "We store your messages (text only) to answer you.",
    )
    assert direction != Direction.EXPANDS or severity != Severity.HIGH

"""Issue 13, a reviewer's round: people's data said to be visible, available or accessible to
recipients ("Your private posts may be visible to our partners", "Your profile is available to
advertisers") is in their hands, as if shared; what is available to the person, or a feature
available to a kind of customer, is not."""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "Your private posts may be visible to our partners.",
        "Your profile information is available to advertisers.",
        "Your messages may be accessible to third parties.",
    ],
)
def test_data_visible_to_recipients_is_spread(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "Your order history is available to you in your account.",
        "This feature is available to our business partners.",
        "Our API documentation is accessible to developers and partners.",
        "Your private posts are never visible to advertisers.",
    ],
)
def test_what_is_available_to_the_person_or_no_data_is_not_spread(text: str) -> None:
    assert added(text)[0] != Severity.HIGH

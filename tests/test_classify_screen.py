"""Issue 13, a reviewer's round: "screen" is a kind of data when it is what the person's
screen shows ("we may record your screen", "screenshots", "screen recordings"), not in the
names of other things ("home screen", "screen name", "screen resolution", "lock screen")."""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We may record your screen to help you with support sessions.",
        "We may capture what is shown on your screen.",
        "We collect screenshots of the pages you visit.",
        "We may collect screen recordings of your sessions.",
    ],
)
def test_what_the_screen_shows_is_sensitive_data(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "We collect information about your home screen settings.",
        "We collect your name, email address and screen name.",
        "We collect your device type, screen resolution and language.",
        "We collect the screen size of your device to display pages correctly.",
        "We use information about your lock screen widgets to improve the app.",
    ],
)
def test_a_screen_in_the_name_of_another_thing_is_no_sensitive_data(text: str) -> None:
    assert added(text)[0] != Severity.HIGH

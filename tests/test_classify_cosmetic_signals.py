"""Issue 13, a reviewer's round on edits that change no meaning: "can" and "may" grant the
same ("You can delete your account" -> "You may delete ..."), and "any" added to a denial only
stresses it ("We do not share it with third parties" -> "... with any third parties"): none or
low, while a modal or a denial that turns what is said round stays serious."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Severity

COSMETIC = (Severity.NONE, Severity.LOW)


@pytest.mark.parametrize(
    "old, new",
    [
        ("You can delete your account at any time.", "You may delete your account at any time."),
        (
            "We may share aggregated statistics with partners.",
            "We can share aggregated statistics with partners.",
        ),
        (
            "We do not share your data with third parties.",
            "We do not share your data with any third parties.",
        ),
        (
            "We never sell your personal information to anyone.",
            "We never sell any of your personal information to anyone.",
        ),
        (
            "Your messages are not shared with any advertisers.",
            "Your messages are not shared with advertisers.",
        ),
    ],
)
def test_a_word_that_says_the_same_is_cosmetic(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert severity in COSMETIC, reason


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "We will notify you before we change these Terms.",
            "We may notify you before we change these Terms.",
        ),
        ("You can opt out of personalised ads.", "You cannot opt out of personalised ads."),
        (
            "We do not share your data with third parties.",
            "We do not share your data with all third parties.",
        ),
        ("We share your data with our partners.", "We share your data with any partners."),
    ],
)
def test_a_modal_or_limiter_that_changes_what_is_said_is_not_cosmetic(old: str, new: str) -> None:
    assert grade(old, new)[0] not in COSMETIC

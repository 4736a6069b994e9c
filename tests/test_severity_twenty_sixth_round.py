"""Readings from the blind sets measured once by the 54th session (fresh108 to fresh111): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- The company's permission to delete what people keep on the service: "We also reserve the
  right ... to delete repositories that place undue strain on our infrastructure" (GitHub's
  Acceptable Use Policies, fresh111's dj051, labelled high) was read as a commitment added:
  "delete" is a duty's verb, and a promise to delete people's data is good for them. Said with a
  permissive modal ("may", "reserve the right to") over people's account or content ("your
  account", "any content"), it is a power over what they keep, as "we may terminate your
  account" is (medium, expands). A promise to delete ("we will delete your content when you close
  your account"), a permission over their data ("we may delete your personal data after two
  years") and another duty's verb ("we may restore the removed material") stay what they were.
  dj051 itself is not reached: its "—after providing advance notice—" is read first.
"""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We reserve the right to delete your content.",
        "We may delete your account if it is inactive for two years.",
        "We may also disable or delete your account if it does not become active after "
        "registration.",
        "We may delete any content that violates these terms.",
    ],
)
def test_a_permission_to_delete_peoples_account_or_content_is_a_power(text: str) -> None:
    severity, direction, reason = added(text)
    assert direction == Direction.EXPANDS, reason
    assert severity in (Severity.MEDIUM, Severity.HIGH), reason
    assert "commitment added" not in reason, reason


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # near misses: a promise to delete, a permission over people's data (how long it is
        # kept), another duty's verb, the user's own right
        ("We will delete your content when you close your account.", Direction.NARROWS),
        ("We may delete your personal data after two years of inactivity.", Direction.NARROWS),
        (
            "Unless the claimant files an action, we may restore the removed material in ten "
            "business days.",
            Direction.NARROWS,
        ),
        ("You may delete your account at any time.", Direction.NARROWS),
    ],
)
def test_a_promise_to_delete_stays_a_promise(text: str, direction: Direction) -> None:
    _, got, reason = added(text)
    assert got == direction, reason

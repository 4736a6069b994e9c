"""Readings from the blind sets measured once by the 54th session (fresh100 to fresh103): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- An exception added to a right the sentence denies: "You won't be able to access your account
  once you cancel" -> "Except for paid HEY accounts, you won't be able to access your account
  once you cancel" (Basecamp's cancellation policy, fresh100's cy014) was read as an exception
  added to a promise, high: a sentence whose every claim denies people a right makes no promise
  of the company's; its exception gives the right back to some (medium at most, narrows). The
  exception removed denies the right to more people (expands; medium, since a denial read across
  two sentences that the split joined would otherwise raise an alarm of its own).
- Kinds of data a commitment of the company's covers, some dropped: "We'll permanently delete
  your account data within 30 days from our servers and logs" -> "... the content in your
  account from our servers" (fresh100's cy015, labelled high) showed that a duty's object was
  never compared: only what is permitted or denied was. "We will delete your name, email address
  and payment details" -> "... your name and email address" no longer promises to delete payment
  details (expands); kinds added, narrows. Only where the same duties are said on both sides and
  kinds are named on both (a generic "your data" for "its content, including its videos" is the
  object said otherwise), and not beside a right or a power (a list item's "Access information"
  may be another's power under its lead-in). cy015 itself stays a rewrite: "account data" and
  "content" are no kinds of data of the rule file.
"""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You won’t be able to access your account once you cancel, so make sure you "
            "download everything you want to keep beforehand.",
            "Except for paid HEY accounts, you won’t be able to access your account once you "
            "cancel, so make sure you download everything you want to keep beforehand.",
        ),
        (
            "You cannot delete your account.",
            "You cannot delete your account, except by contacting support.",
        ),
    ],
)
def test_an_exception_added_to_a_right_denied_narrows(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.MEDIUM, Direction.NARROWS), reason
    assert "exception added to a right denied" in reason, reason


def test_an_exception_removed_from_a_right_denied_expands() -> None:
    severity, direction, reason = grade(
        "You cannot delete your account, except by contacting support.",
        "You cannot delete your account.",
    )
    assert direction == Direction.EXPANDS, reason
    assert severity in (Severity.MEDIUM, Severity.HIGH), reason
    assert "exception removed from a right denied" in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # near misses: a promise of the company's beside the denied right, a power denied, a
        # right affirmed; each exception still weakens a promise or a right
        (
            "You cannot delete your account and we will not delete your data.",
            "Except for paid accounts, you cannot delete your account and we will not delete "
            "your data.",
        ),
        (
            "We will not share your data with advertisers.",
            "We will not share your data with advertisers, except with your consent.",
        ),
        (
            "You can delete your account at any time.",
            "You can delete your account at any time, except during a billing dispute.",
        ),
    ],
)
def test_an_exception_to_a_promise_or_a_right_granted_stays_high(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "exception added to a promise" in reason, reason


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (
            "We will delete your name, email address and payment details when you close your "
            "account.",
            "We will delete your name and email address when you close your account.",
            "payment",
        ),
        (
            "We will delete your location data and health data when you close your account.",
            "We will delete your location data when you close your account.",
            "health",
        ),
        ("We encrypt your messages and your photos.", "We encrypt your messages.", "photos"),
    ],
)
def test_data_dropped_from_a_commitment_expands(old: str, new: str, kind: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "data removed from a commitment" in reason and kind in reason, reason


def test_data_added_to_a_commitment_narrows() -> None:
    severity, direction, reason = grade(
        "We will delete your name and email address.",
        "We will delete your name, email address and payment details.",
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.NARROWS), reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # near misses: the object said generically, a kind put for another, a right's list item
        (
            "When you close an account, we will delete its content, including its videos.",
            "When you close an account, we will delete your data.",
        ),
        (
            "We will delete your location data when you close your account.",
            "We will delete your precise location when you close your account.",
        ),
        (
            "Access information about your account activity;",
            "Access information about your account activity, including your video viewing history;",
        ),
    ],
)
def test_a_commitments_object_said_otherwise_is_no_data_dropped(old: str, new: str) -> None:
    _, _, reason = grade(old, new)
    assert "from a commitment" not in reason and "to a commitment" not in reason, reason


# Review 240: an exception added beside a denial that itself changed lifts nothing the old
# sentence denied; the rule read only the new sentence, so a widened denial passed as "narrows".


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # marketing emails newly denied an opt-out, beside the exception: a real alarm
        (
            "You cannot opt out of service emails.",
            "You cannot opt out of service emails or marketing emails, except by closing your "
            "account.",
        ),
        # a right newly denied (export) under the same exception
        (
            "You cannot delete your account.",
            "You cannot delete or export your account data, except by contacting support.",
        ),
        # the denial widened to the account's data, the exception leading the sentence
        (
            "You won’t be able to access your account once you cancel.",
            "Except for paid HEY accounts, you won’t be able to access your account or your "
            "data once you cancel.",
        ),
    ],
)
def test_an_exception_beside_a_widened_denial_does_not_narrow(old: str, new: str) -> None:
    _, direction, reason = grade(old, new)
    assert direction == Direction.EXPANDS, reason
    assert "exception added to a right denied" not in reason, reason


def test_an_exception_leading_the_same_denial_still_narrows() -> None:
    # near miss: only the leading exception added, the denial word for word the same
    severity, direction, reason = grade(
        "You won’t be able to access your account or your data once you cancel.",
        "Except for paid HEY accounts, you won’t be able to access your account or your data "
        "once you cancel.",
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.NARROWS), reason
    assert "exception added to a right denied" in reason, reason

"""Readings from the blind sets measured once by the 53rd session (fresh92 to fresh95): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- The same verb said twice in the new version of a sentence: "Additionally, Actions should not
  be used for:" -> "Additionally, regardless of whether an Action is using self-hosted runners,
  Actions should not be used for:" (GitHub's terms for additional products, fresh93's cr033)
  was read as "negation removed: 'Actions should not be used' -> 'Action is using'", high: the
  first "use" of the new sentence was compared with the old one, while the old denial is said
  there again word for word. A saying of the verb in a clause that asks or concedes ("whether
  ...", "regardless of whether ..."), over nothing of people's, is an aside: it asserts the
  verb neither done nor denied, and where the sentence says the verb again outside one, that
  saying is compared instead. (First mended as "a claim said again word for word is its
  counterpart, unless another saying is about people's data": that passed over sayings that
  deny a duty or a right, or grant a power over the service, as long as the rest of the
  sentence said the old words again; and it missed the aside as soon as a modal moved.)
"""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Additionally, Actions should not be used for:",
            "Additionally, regardless of whether an Action is using self-hosted runners, Actions "
            "should not be used for:",
        ),
        (
            "The service may not be used for cryptocurrency mining.",
            "Whether or not a workflow is using hosted runners, the service may not be used for "
            "cryptocurrency mining.",
        ),
        (
            # the other way round: the old sentence said the verb twice
            "Regardless of whether an Action is using self-hosted runners, Actions should not "
            "be used for:",
            "Actions should not be used for:",
        ),
    ],
)
def test_a_denial_said_again_word_for_word_is_not_removed(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert severity in (Severity.NONE, Severity.LOW), reason
    assert direction == Direction.NEUTRAL, reason
    assert "negation" not in reason and "now denied" not in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            # near miss: the old denial is not said again, only the aside's "using" is new
            "We do not use your content to train our models.",
            "Whether or not you are using the API, we use your content to train our models.",
        ),
        (
            # near miss: another saying of the verb is about people's data and affirms it, so
            # the first is compared as before (a denial removed), not matched away
            "We do not sell your personal information.",
            "We sell your personal information to partners, but we do not sell your personal "
            "information to data brokers.",
        ),
    ],
)
def test_a_denial_removed_beside_another_saying_of_the_verb_is_still_read(
    old: str, new: str
) -> None:
    severity, direction, reason = grade(old, new)
    assert severity == Severity.HIGH, reason
    assert direction == Direction.EXPANDS, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We will provide notice before any price increase.",
            "We will not provide notice before minor price changes, and we will provide notice "
            "before any price increase.",
        ),
        (
            "We will notify you before we change our prices.",
            "We will not notify you before we change our prices, but we will notify you before "
            "we close your account.",
        ),
        (
            "We will inform you of any breach.",
            "We may not inform you of every breach, but we will inform you of any breach.",
        ),
        (
            "You may appeal our decision.",
            "You may not appeal a suspension for fraud, but you may "
            "appeal our decision in other cases.",
        ),
    ],
)
def test_a_duty_or_right_denied_beside_its_old_words_is_still_read(old: str, new: str) -> None:
    """A duty or a right denied in a main clause, while the rest of the sentence says the old
    words again: what is owed or allowed is now denied for some cases, whatever its object (a
    notice, a breach, a decision are not people's data). Matching the old words with their
    repetition read these as no change (low or medium, neutral)."""
    severity, direction, reason = grade(old, new)
    assert severity == Severity.HIGH, reason
    assert direction == Direction.EXPANDS, reason
    assert "now denied" in reason, reason


def test_a_power_over_the_service_granted_beside_its_old_denial_is_still_read() -> None:
    """A power over something that is not people's data (the service), granted outright where
    the old sentence denied it, with the old denial kept for some cases: the denial is lifted
    for the rest. Matching the kept denial with the old one read it as no change."""
    severity, direction, reason = grade(
        "We will not suspend the service without notice.",
        "We may suspend the service without notice, but we will not suspend the service without "
        "notice during business hours.",
    )
    assert severity == Severity.HIGH, reason
    assert direction == Direction.EXPANDS, reason
    assert "negation removed" in reason, reason


def test_a_denial_dropped_for_some_cases_in_the_old_sentence_is_read_as_narrowing() -> None:
    """The other way round: the old sentence denied a duty for some cases beside granting it;
    the new one grants it outright, a duty extended (it narrows what the company may do)."""
    severity, direction, reason = grade(
        "We may not inform you of every breach, but we will inform you of any breach.",
        "We will inform you of any breach.",
    )
    assert severity in (Severity.MEDIUM, Severity.HIGH), reason
    assert direction == Direction.NARROWS, reason
    assert "now granted" in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Additionally, Actions should not be used for:",
            "Additionally, regardless of whether an Action is using self-hosted runners, Actions "
            "must not be used for:",
        ),
        (
            "Actions must not be used for cryptocurrency mining.",
            "Regardless of whether an Action is using self-hosted runners, Actions should not be "
            "used for cryptocurrency mining.",
        ),
    ],
)
def test_an_aside_is_passed_over_when_the_modal_of_the_denial_moved(old: str, new: str) -> None:
    """The aside is what it is whatever the modal of the denial said again: "should not" ->
    "must not" beside a new "regardless of whether an Action is using" is no denial removed
    (matching the old denial word for word found no counterpart, and the aside was compared:
    high, "negation removed")."""
    severity, direction, reason = grade(old, new)
    assert severity in (Severity.NONE, Severity.LOW), reason
    assert direction == Direction.NEUTRAL, reason
    assert "negation" not in reason and "now denied" not in reason, reason


def test_a_duty_weakened_beside_a_new_aside_is_still_read() -> None:
    """An aside with the same verb said first, of the same kind and not denied: the first
    saying was compared ("you are notified" with "We will notify", a plain duty), and the
    duty weakened to "may notify" went unread."""
    severity, direction, reason = grade(
        "We will notify you of material changes.",
        "Whether or not you are notified by email, we may notify you of material changes.",
    )
    assert severity == Severity.HIGH, reason
    assert direction == Direction.EXPANDS, reason
    assert "weakened" in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Regardless of whether an Action is using self-hosted runners, Actions should not be "
            "used for cryptocurrency mining.",
            "Actions may be used for cryptocurrency mining.",
        ),
        (
            "Actions should not be used for cryptocurrency mining.",
            "Regardless of whether an Action is using hosted runners, Actions may be used for "
            "cryptocurrency mining.",
        ),
    ],
)
def test_a_denial_lifted_beside_an_aside_is_read_either_way(old: str, new: str) -> None:
    """The denial lifted ("may be used") where an aside says the verb first, in the old
    sentence or the new one: the aside is passed over in both, and the denial and the grant
    compared (with the aside in the old sentence, it was compared with "may be used", both
    affirmed: low, no change; in the new one the right reading came by comparing the aside)."""
    severity, direction, reason = grade(old, new)
    assert severity == Severity.HIGH, reason
    assert direction == Direction.EXPANDS, reason
    assert "'Actions should not be used' -> 'Actions may be used'" in reason, reason

"""Readings from the blind sets measured once by the 53rd session (fresh92 to fresh95): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- The same verb said twice in the new version of a sentence: "Additionally, Actions should not
  be used for:" -> "Additionally, regardless of whether an Action is using self-hosted runners,
  Actions should not be used for:" (GitHub's terms for additional products, fresh93's cr033)
  was read as "negation removed: 'Actions should not be used' -> 'Action is using'", high: the
  first "use" of the new sentence was compared with the old one, while the old denial is said
  there again word for word. A claim said again word for word is its counterpart, unless
  another saying of the verb is about people's data (that one could have turned).
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


def test_a_denial_removed_while_an_aside_uses_the_verb_is_still_read() -> None:
    """Near miss: the old denial is not said again, only the aside's "using" is new."""
    severity, direction, reason = grade(
        "We do not use your content to train our models.",
        "Whether or not you are using the API, we use your content to train our models.",
    )
    assert severity == Severity.HIGH, reason
    assert direction == Direction.EXPANDS, reason


def test_a_denial_kept_beside_the_same_verb_turned_on_data_is_still_read() -> None:
    """Near miss: another saying of the verb is about people's data and affirms it, so the
    first is compared as before (a denial removed), not matched away."""
    severity, direction, reason = grade(
        "We do not sell your personal information.",
        "We sell your personal information to partners, but we do not sell your personal "
        "information to data brokers.",
    )
    assert severity == Severity.HIGH, reason
    assert direction == Direction.EXPANDS, reason

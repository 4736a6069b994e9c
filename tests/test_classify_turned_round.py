"""A sentence said the other way round: a denial added or taken out, or a word put for its
opposite (the rule file's ``[severity] opposites``), with little else changed, is medium at least
and never "no change of meaning", whoever the sentence speaks of; a typo in a denial, or a
denial that went with a whole sentence, turns nothing round."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import RULES, _classified, grade
from tracker.classify.severity import _turned_round, word_ops


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You may resell access to the Services.",
            "You may not resell access to the Services.",
        ),
        (
            "You may not resell access to the Services.",
            "You may freely resell access to the Services.",
        ),
        (
            "You are permitted to resell access to the Services.",
            "You are prohibited from reselling access to the Services.",
        ),
        (
            "You are allowed to use the outputs for commercial purposes.",
            "You are forbidden to use the outputs for commercial purposes.",
        ),
        (
            "The Services are not available to residents of Canada.",
            "The Services are available to residents of Canada.",
        ),
        (
            "Accounts must be public.",
            "Accounts must be private.",
        ),
        # the denial is in the sentence's last word, with its full stop
        ("Subscription fees are refundable.", "Subscription fees are non-refundable."),
        ("The license is non-transferable.", "The license is transferable."),
        # an opposite two letters away from its pair is no typo fix
        ("Prices will decrease next year.", "Prices will increase next year."),
        ("Fees include taxes.", "Fees exclude taxes."),
        # an opposite that is a denial ("never") turns it round once, not twice
        ("Location sharing is always on.", "Location sharing is never on."),
    ],
)
def test_a_sentence_said_the_other_way_round_is_medium_at_least(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert severity in ("medium", "high"), reason
    assert "no change of meaning" not in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a misspelled denial ("NOT" -> "sNOT") is a typo
        (
            "OUTPUTS MAY NOT BE SUBJECT TO PROTECTION UNDER INTELLECTUAL PROPERTY LAW.",
            "OUTPUTS MAY sNOT BE SUBJECT TO PROTECTION UNDER INTELLECTUAL PROPERTY LAW.",
        ),
        # a denial that went with its whole sentence
        (
            "If you share Content that violates laws, we will remove it. No complaints.",
            "If you share content that violates laws, we will remove it.",
        ),
        # "never" for "not" says the same
        (
            "You may not resell access to the Services.",
            "You may never resell access to the Services.",
        ),
        # the denial stays, other words change a lot
        (
            "You may not resell access to the Services.",
            "You may not rent, lease, lend or sublicense the Services to any other person.",
        ),
        # a denial taken out and an opposite put in say the same ("not permitted" is
        # "prohibited"), and so do "if ... not" and "unless"
        ("Access is not permitted.", "Access is prohibited."),
        (
            "You must not post content that is not lawful.",
            "You must not post content that is unlawful.",
        ),
        ("Profiles are not publicly visible.", "Profiles are private."),
        (
            "You may not use the Services if you are not 18.",
            "You may not use the Services unless you are 18.",
        ),
        # an opposite word put where its pair was not ("include" added, no "exclude" gone)
        (
            "Your plan covers the API.",
            "Your plan includes the API.",
        ),
    ],
)
def test_a_sentence_not_turned_round(old: str, new: str) -> None:
    assert not _turned_round(word_ops(old, new), RULES)


def test_an_opposite_put_in_a_rule_for_users_is_a_changed_rule_not_a_rewording() -> None:
    """ "A word put for another in a rule for users is a rewording" (beddf42) except when the
    word is the other's opposite."""
    old = "## Prohibited uses\n\n- Use the outputs in public demonstrations.\n"
    new = "## Prohibited uses\n\n- Use the outputs in private demonstrations.\n"
    (change,) = _classified(old, new)
    assert change.severity == "medium"
    assert change.reason is not None and change.reason.startswith("rule for users changed")
    reworded = "## Prohibited uses\n\n- Use the outputs in recorded demonstrations.\n"
    (change,) = _classified(old, reworded)
    assert change.severity == "low"


def test_an_edit_of_whole_sentences_only_turns_nothing_round() -> None:
    """A sentence put for another whole: nothing is left to read a denial in (no error)."""
    ops = word_ops("We do not sell data.", "Your data is never sold.")
    assert not _turned_round(ops, RULES)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("No one under 13 may use the Services.", "Nobody under 13 may use the Services."),
        (
            "We collect your location, and we do not share it.",
            "We collect your location, nor do we share it.",
        ),
    ],
)
def test_a_denial_said_in_other_words_is_no_change_of_meaning(old: str, new: str) -> None:
    """ "no one" is "nobody"; "nor do we share" denies as "we do not share" does."""
    severity, _, reason = grade(old, new)
    assert severity in ("low", "none"), reason


def test_a_denial_word_changed_is_no_typo() -> None:
    severity, direction, reason = grade(
        "Nobody under 13 may use the Services.", "Anybody under 13 may use the Services."
    )
    assert (severity, direction) == ("high", "expands"), reason

"""Readings from the first measurement of fresh46 to fresh48 (issue 13): each rule general, each
case failing on the rules before it, with near misses that keep what they must.

- A denied assurance ("we do not guarantee that ...") governs the clause it introduces: what
  that clause says is disclaimed, neither a power nor a promise (OpenSea's aw245).
- "at our sole discretion" is "in our sole discretion": the same judgement (aw017, aw131).
- "are interacting with" is the progressive, not a passive: its subject acts (aw013, aw279).
- A passive verb whose agent is the reader ("may not be assigned by you") is the reader's act.
- The age of majority added to or dropped from a minimum age is an age threshold changed
  (Hily's av003, Netflix's ak013, labelled before these rules).
- Virtual items or currency the company may eliminate or revoke at will are value paid for
  taken away, as credits and points already were (av019).
- A power denied over nothing of anyone's ("The section headings shall not be read to have
  legal effect", "Participation is not available to US companies") is no promise removed
  (aw343, ax051, and three more labelled changes the rule also corrects).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import classify_change, load_rules
from tracker.classify.severity import word_ops
from tracker.classify.statements import read_sentence
from tracker.model import Change, Clause

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules(ROOT / "data" / "rules.toml")


def _clause(cid: str, text: str) -> tuple[Clause, ...]:
    if not text:
        return ()
    return (Clause(id=cid, path=("Terms",), label=None, kind="paragraph", text=text),)


def grade(old: str, new: str) -> tuple[str, str, str]:
    kind = "modified" if old and new else ("added" if new else "removed")
    change = Change(kind, _clause("o", old), _clause("n", new), 0.9, word_ops(old, new))
    classified = classify_change(change, RULES)
    return classified.severity, classified.direction, classified.reason or ""


def claims(text: str) -> list[tuple[str, str, bool]]:
    return [(c.kind, c.verb, c.negated) for c in read_sentence(text, RULES.readings).claims]


@pytest.mark.parametrize(
    "text",
    [
        "We do not guarantee that the App can be accessed and used on any particular device.",
        "We cannot guarantee that your information will not be disclosed.",
        "We make no representations or warranties that your data will be deleted.",
        "We do not warrant that the Service can be used in your country.",
    ],
)
def test_a_denied_assurance_disclaims_the_clause_it_introduces(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a main clause of its own after the disclaimed one keeps its own claims
        (
            "We do not guarantee that the service is available, and we will share your data "
            "with partners.",
            [("power", "share", False)],
        ),
        ("We will not sell your data.", [("power", "sell", True)]),
        ("We guarantee that your data will not be sold.", [("power", "sold", True)]),
    ],
)
def test_near_misses_of_a_denied_assurance_keep_their_claims(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert claims(text) == expected


def test_a_removed_disclaimer_is_no_promise_removed() -> None:
    old = (
        "You are responsible for the device you need to use the App. We do not guarantee that "
        "the App can be accessed and used on any particular device or with any service plan."
    )
    severity, _, reason = grade(old, "")
    assert severity != "high", reason


@pytest.mark.parametrize(
    ("old", "new", "high"),
    [
        (
            "Acme reserves the right to modify these Terms at any time and in our sole discretion.",
            "Acme reserves the right to modify these Terms at any time, at our sole discretion.",
            False,
        ),
        # a discretion that was not there before still is one added
        (
            "Acme may suspend your account if you violate these Terms.",
            "Acme may suspend your account at our sole discretion if you violate these Terms.",
            True,
        ),
    ],
)
def test_the_same_discretion_however_introduced(old: str, new: str, high: bool) -> None:
    severity, _, reason = grade(old, new)
    assert (severity == "high") is high, reason


def test_the_progressive_is_not_read_as_a_passive() -> None:
    assert claims("We do not control the public blockchains that you are interacting with.") == []
    # a passive with "being" still is one, denial included
    assert claims("Your information is not being sold.") == [("power", "sold", True)]


def test_a_passive_verb_done_by_the_reader_is_the_readers_act() -> None:
    text = "These Terms may not be transferred or assigned by you without our consent."
    assert claims(text) == []
    assert claims("Your data may not be shared by us without your consent.") == [
        ("power", "shared", True)
    ]


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "You must be 18 years of age, or the age of majority in your province, territory or "
            "country, to become a member.",
            "You must be at least 18 years of age to become a member.",
            "expands",
        ),
        (
            "You must be at least 18 years old to use the Service.",
            "You must be at least 18 years old, or the age of majority where you live if that is "
            "higher, to use the Service.",
            "narrows",
        ),
    ],
)
def test_the_age_of_majority_added_or_dropped_changes_the_threshold(
    old: str, new: str, direction: str
) -> None:
    severity, found, reason = grade(old, new)
    assert (severity, found) == ("high", direction), reason
    assert "age threshold" in reason


def test_the_age_of_majority_beside_no_minimum_age_is_no_threshold() -> None:
    severity, _, reason = grade(
        "Minors may use the Service with a parent's permission.",
        "Minors (people under the age of majority) may use the Service with a parent's permission.",
    )
    assert "age threshold" not in reason and severity != "high", reason


@pytest.mark.parametrize(
    ("text", "high"),
    [
        (
            "Acme may manage, regulate, control, modify or eliminate Virtual Items at any time.",
            True,
        ),
        ("We reserve the right to revoke your virtual currency at any time.", True),
        # not taken away: bought, shown, or taken away by the user
        ("You may purchase Virtual Items with a credit card.", False),
        ("You can remove virtual items from your wishlist at any time.", False),
    ],
)
def test_virtual_items_taken_back_at_will_are_value_forfeited(text: str, high: bool) -> None:
    severity, _, reason = grade("", text)
    assert (severity == "high") is high, reason


@pytest.mark.parametrize(
    ("text", "high"),
    [
        (
            "The section headings used herein are for reference only and shall not be read to have "
            "any legal effect.",
            False,
        ),
        ("Participation in this website is not available to US companies.", False),
        # a promise over what is the reader's, or over what other people may see, is kept
        ("Your account will not be suspended without notice.", True),
        ("Secret albums can't be viewed by anyone other than the user who uploaded them.", True),
    ],
)
def test_a_power_denied_over_nothing_of_anyones_is_no_promise(text: str, high: bool) -> None:
    severity, _, reason = grade(text, "")
    assert (severity == "high") is high, reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Should you wish to withdraw" is the inverted "if you wish to": a condition (LOVOO's
        # withdrawal form, fresh49's ay081), no right granted
        ("Should you wish to withdraw from the contract, please complete this form.", []),
        ("You may withdraw from the contract within 14 days.", [("right", "withdraw", False)]),
        ("You should withdraw from the contract within 14 days.", [("right", "withdraw", False)]),
        # "each time you access": when, not a right (Couchsurfing's bc007)
        (
            "We may collect your location each time you access our app.",
            [("power", "collect", False)],
        ),
        ("You can access your data each time you sign in.", [("right", "access", False)]),
    ],
)
def test_should_before_the_reader_is_a_condition(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert claims(text) == expected


def test_a_licence_granted_again_in_other_words_is_compared_by_its_terms() -> None:
    # LOVOO's content licence, fresh49's ay042: the old grant ("sub-licensable rights") and the
    # new one ("right of use") in sentences too unlike to pair; one licence, narrowed
    old = (
        "The user grants LOVOO free, non-exclusive, transferable, sub-licensable rights, "
        "unrestricted in terms of time, space and content, to all content published by him on "
        "the platform. LOVOO may use the content to market the platform."
    )
    new = (
        "The User grants LOVOO a non-exclusive, territorially unlimited, sublicensable right of "
        "use to all content that the User publishes within the Broadcasts. LOVOO may use the "
        "content to market the platform."
    )
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == ("medium", "narrows"), reason
    assert "no longer transferable" in reason
    # the other way round, a term gained: widened, high
    severity, direction, reason = grade(new, old)
    assert (severity, direction) == ("high", "expands"), reason
    assert "widened" in reason


@pytest.mark.parametrize(
    "text",
    [
        "You grant us free, non-exclusive, sub-licensable rights to all content you post.",
        "You grant Acme a non-exclusive right of use to the photos you upload.",
    ],
)
def test_licence_words_in_other_forms_are_a_licence(text: str) -> None:
    assert read_sentence(text, RULES.readings).licence
    severity, direction, reason = grade("", text)
    assert (severity, direction) == ("high", "expands"), reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("If you are between 13 and 18 years old, ask a parent.", [13.0, 18.0]),
        ("Users 13 to 17 years of age need a parent's consent.", [13.0, 17.0]),
        ("Kids 13-17 years old need a parent's consent.", [13.0, 17.0]),
        # in the order the text gives them, whichever pattern reads them
        ("You must be 18 years old; users under 13 may not sign up.", [18.0, 13.0]),
        # periods are no ages
        ("We keep the data for 2 to 3 years.", []),
    ],
)
def test_ages_of_a_range_in_the_texts_order(text: str, expected: list[float]) -> None:
    from tracker.classify.quantities import ages

    assert [q.value for q in ages(text)] == expected


def test_the_same_ages_said_as_a_range_are_no_age_changed() -> None:
    # OpenSea's aw059: "at least 13 years old but under 18 years old" -> "between 13 and 18
    # years old"
    old = (
        "We require all users to be at least 18 years old. If you are at least 13 years old but "
        "under 18 years old, you may only use Acme through a parent's account."
    )
    new = (
        "Users must be at least 18 years old to use the Platform. If you are between 13 and 18 "
        "years old, you may only use Acme with a parent's account."
    )
    severity, _, reason = grade(old, new)
    assert "age changed" not in reason and severity != "high", reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denied passive that picks out a case is a condition (Apple's ba058), no promise
        ("Source of your personal information where they are not collected from you", []),
        ("If your data is not deleted within 30 days, contact us.", []),
        ("Your data is not sold.", [("power", "sold", True)]),
    ],
)
def test_a_denied_passive_in_a_condition_promises_nothing(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reviewer's counter-examples: the main clause after an opening clause that held a
        # denied assurance keeps its claims
        (
            "If we cannot ensure that the recipient protects your data, we will not transfer it.",
            [("power", "transfer", True)],
        ),
        (
            "Although we cannot guarantee that our site is secure, we will never sell your "
            "personal information.",
            [("power", "sell", True)],
        ),
        (
            "Where we cannot guarantee that your data is safe, we will notify you.",
            [("duty", "notify", False)],
        ),
        # other users acting are not the reader
        ("Your data may be shared by the users you invite.", [("power", "shared", False)]),
        ("These Terms may not be assigned by the User without consent.", []),
        # "has not been" is denied as "is not" is
        (
            "Where your data has not been collected from you, we tell you the source.",
            [("duty", "tell", False)],
        ),
    ],
)
def test_a_reviewers_counter_examples_keep_their_reading(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize(
    "text",
    ["We will not remove your virtual items.", "We will never revoke your virtual currency."],
)
def test_virtual_items_kept_are_no_forfeiture(text: str) -> None:
    assert not read_sentence(text, RULES.readings).forfeits


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You must be at least 13 years old to use the service.",
            "You must be at least 13 years old to use the service. If you are under the age of "
            "majority, your parent must agree to these terms.",
        ),
        (
            "You must be at least 13 years old to use the service.",
            "You must be at least 13 years old to use the service, governed by the laws of your "
            "state, including its age of majority rules.",
        ),
    ],
)
def test_the_age_of_majority_named_beside_no_age_rule_is_no_threshold(old: str, new: str) -> None:
    _, _, reason = grade(old, new)
    assert "age threshold" not in reason, reason

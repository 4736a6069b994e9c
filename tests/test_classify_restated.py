"""A promise dropped from one clause but still made elsewhere in the new version was not
removed (issue 13: no false alarm for text moved and reworded); a promise kept only in a
narrower or weaker form elsewhere was removed (no missed high-impact edit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import classify_diff, load_rules
from tracker.classify.restated import StatedPromises, object_words, restates
from tracker.classify.statements import Claim, Reading, read_sentence
from tracker.classify.text import match_form
from tracker.diff import diff_clauses
from tracker.model import Change, Clause

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")

BODY = [
    "We collect the information you give us when you create an account.",
    "We use cookies to remember your preferences and keep you signed in.",
    "Questions about this policy can be sent to our privacy team by email.",
]


def clauses(*texts: str) -> list[Clause]:
    return [
        Clause(id=f"c{i}", path=("Privacy",), label=None, kind="paragraph", text=text)
        for i, text in enumerate(texts)
    ]


def removal(dropped: str, elsewhere_old: str, elsewhere_new: str) -> Change:
    """The change that removes ``dropped`` from a policy in which another clause says
    ``elsewhere_old`` before and ``elsewhere_new`` after."""
    old = clauses(*BODY, elsewhere_old, dropped)
    new = clauses(*BODY, elsewhere_new)
    changes = classify_diff(diff_clauses(old, new), RULES).changes
    return next(c for c in changes if c.kind == "removed")


def first_promise(sentence: str) -> tuple[Claim, Reading]:
    reading = read_sentence(match_form(sentence), RULES.readings)
    return reading.promises[0], reading


@pytest.mark.parametrize(
    ("dropped", "elsewhere"),
    [
        (
            "We don't sell your information to advertisers or data brokers.",
            "Protecting privacy is central to how we work. We don't sell your information.",
        ),
        (
            "You can withdraw your consent at any time by unsubscribing.",
            "Consent withdrawal. You have the right to withdraw your consent at any time.",
        ),
        (
            "You can withdraw your consent at any time by unsubscribing.",
            "You have the right to withdraw your consent to the processing of your personal "
            "data at any time.",
        ),
        (
            "We make reasonable efforts to protect your information.",
            "We make reasonable efforts to protect your information by using physical and "
            "electronic safeguards designed to improve its security.",
        ),
        (
            "You can delete your account at any time by going into the settings and choosing "
            "the account deletion option.",
            "You can delete your Acme account at any time.",
        ),
        (
            "You can correct your personal information or delete it.",
            "Your data. You can correct your personal information. You can delete your data.",
        ),
    ],
    ids=[
        "broader-promise-kept",
        "same-right-in-the-rights-section",
        "consent-to-processing",
        "kept-with-the-means-it-is-done-by",
        "kept-for-your-account-named-by-the-service",
        "a-pronoun-for-the-data-kept-by-naming-it",
    ],
)
def test_a_promise_the_new_version_still_makes_elsewhere_is_not_removed(
    dropped: str, elsewhere: str
) -> None:
    change = removal(dropped, elsewhere, elsewhere)
    assert change.severity in ("low", "medium")
    assert change.severity != "high"


def test_consent_is_restated_only_by_a_claim_about_consent() -> None:
    dropped = "Where we rely on consent, you can withdraw your consent at any time."
    elsewhere = "You may withdraw your personal information at any time."
    change = removal(dropped, elsewhere, elsewhere)
    assert change.severity == "high", change.reason


def test_the_reason_says_where_the_promise_went() -> None:
    elsewhere = "You have the right to withdraw your consent at any time."
    change = removal("You can withdraw your consent at any time.", elsewhere, elsewhere)
    assert (change.severity, change.reason) == (
        "low",
        "right still made elsewhere: 'You can withdraw your consent at any time.'",
    )


@pytest.mark.parametrize(
    ("dropped", "elsewhere"),
    [
        (
            "We do not share your personal information with companies outside our group.",
            "We don't share information that identifies you with advertisers.",
        ),
        (
            "We will notify you before we change how we use your data.",
            "We may notify you before we change how we use your data.",
        ),
        (
            "We do not sell your personal information to third parties.",
            "We sell your personal information to third parties.",
        ),
        (
            "We never use your conversations to train our models.",
            "We do not use your payment details to train our models.",
        ),
        (
            "You can delete your account at any time.",
            "You can delete your messages at any time.",
        ),
        (
            "You can delete your account at any time.",
            "You can delete your account by contacting support within 30 days of signing up.",
        ),
        (
            "You can delete your account at any time by going into the settings, and you can "
            "opt out of marketing at any time.",
            "You can delete your account at any time.",
        ),
        (
            "We do not share your personal data with advertisers.",
            "We do not share your Acme Pay data with advertisers.",
        ),
        (
            "We don't sell your information to advertisers, and we never share your contacts.",
            "Protecting privacy is central to how we work. We don't sell your information.",
        ),
        (
            "We protect your data by encrypting it and never sell it to third parties.",
            "We protect your data by encrypting it.",
        ),
        (
            "You can opt out by clicking unsubscribe and we will never share your email "
            "address with advertisers.",
            "You can opt out by clicking unsubscribe.",
        ),
        (
            "We do not track you across other websites.",
            "We do not track you across other websites using third-party cookies.",
        ),
        (
            "We do not collect your precise location.",
            "We do not collect your precise location by using GPS.",
        ),
        (
            "We will never sell your Personal Data.",
            "We will never sell your Sensitive Personal Data.",
        ),
        (
            "We do not share your data with advertisers.",
            "We do not share your Health Data with advertisers.",
        ),
    ],
    ids=[
        "narrower-elsewhere",
        "weaker-elsewhere",
        "denied-elsewhere",
        "other-data",
        "other-thing",
        "kept-only-on-a-condition-before-the-means",
        "a-second-right-after-a-comma-is-no-means",
        "a-name-after-your-narrows-only-before-a-noun-of-the-service",
        "one-of-two-promises-kept",
        "a-verb-of-its-own-after-the-means-is-no-means",
        "a-promise-after-the-means-without-a-comma-is-no-means",
        "the-means-of-a-denial-narrows-it",
        "the-means-of-a-denial-narrows-it-by-ing",
        "a-capitalised-term-after-your-narrows",
        "a-capitalised-data-term-after-your-narrows",
    ],
)
def test_a_promise_kept_only_narrower_weaker_or_about_something_else_is_removed(
    dropped: str, elsewhere: str
) -> None:
    change = removal(dropped, elsewhere, elsewhere)
    assert (change.severity, change.direction) == ("high", "expands")


def test_the_promise_counts_only_if_it_is_in_the_new_version() -> None:
    """Said elsewhere in the old version only (both copies removed): removed."""
    promise = "You can withdraw your consent at any time."
    change = removal(promise, "You have the right to withdraw your consent at any time.", "")
    assert change.severity == "high"


def test_restates_compares_verb_kind_stance_strength_and_breadth() -> None:
    dropped, of = first_promise("We don't sell your information to advertisers.")
    broader, in_broader = first_promise("We don't sell your information.")
    assert restates(dropped, of, broader, in_broader)
    assert not restates(broader, in_broader, dropped, of)
    other_verb, in_other = first_promise("We don't rent your information.")
    assert not restates(dropped, of, other_verb, in_other)


def test_words_for_personal_data_count_as_one() -> None:
    claim, reading = first_promise("We do not sell your personal data to brokers.")
    other, in_other = first_promise("We do not sell information to brokers.")
    assert object_words(claim, reading) == object_words(other, in_other)


def test_a_pronoun_after_a_verb_on_data_is_that_data() -> None:
    """ "delete it" after "your information" is about people's data, which an account is not."""
    _, reading = first_promise("You can review your information and delete it.")
    deleting = next(c for c in reading.promises if c.verb.startswith("delet"))
    assert object_words(deleting, reading) == {"(data)"}
    kept, in_ = first_promise("You can delete your account at any time.")
    assert not restates(deleting, reading, kept, in_)  # the data is not the account


def test_only_sentences_with_the_verb_are_read() -> None:
    texts = ["We keep logs for a year.", "We don't sell your information."] * 200
    promises = StatedPromises(texts, RULES.readings)
    claim, reading = first_promise("We don't sell your information to anyone.")
    assert promises.still_made(claim, reading)
    assert len(promises._read) == 1  # one distinct sentence holds "sell"

"""Severity rules of issue 13: value paid for taken away (the forfeiture reading), sentences
kept whole in longer ones, section numbers. Each case failed before its rule or fix, or is a near
miss that must stay as it is."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import added, grade


@pytest.mark.parametrize(
    "text",
    [
        # tokens and points in other senses than value paid for
        "Access tokens will expire after one hour; request a new one with your refresh token.",
        "Your API tokens may be cancelled if we detect abuse.",
        "OAuth tokens issued to third-party apps will expire after 60 days.",
        "Points of contact may be cancelled at any time.",
        "Any points raised in a dispute notice will lapse after 30 days.",
        # value given for free, not paid for
        "Free promotional credits will expire 30 days after they are granted.",
        "Your free trial credits will expire after 14 days.",
        # a payment the user cancels; value handed back
        "Subscription fees are billed monthly and payments may be cancelled at any time by you.",
        "Unused credits are cancelled when you close your account and refunded to your original "
        "payment method.",
        "Any deposit you make is held in escrow and is void if the seller cancels, in which case "
        "it is returned to you.",
        # value that does not lapse
        "Gift card balances do not expire.",
        "Unused credits will never expire.",
        "Unused credits will not expire and roll over to the next billing period.",
        "Your free trial expires after 14 days.",
        "Your access token expires after one hour for your security.",
    ],
)
def test_what_takes_no_paid_value_is_no_forfeiture(text: str) -> None:
    _, _, reason = added(text)
    assert "forfeited" not in reason, reason


@pytest.mark.parametrize(
    "text",
    [
        "We may cancel your prepaid balance.",
        "We may revoke or reset your points at any time.",
        "Acme reserves the right to cancel any remaining balance.",
        "Any remaining balance will be retained by us.",
        "Prepaid credits expire 12 months after purchase.",
        "If we terminate your account, you will lose access to any unused credits.",
        "Unused credits are voided at the end of the term and will not be refunded.",
        "Unused credits are rolled over to the next billing period and are generally valid for "
        "12 months - after which any unused credits will be voided.",
        "If you breach this Section, we may terminate the Agreement and forfeit any unconsumed "
        "balance in your account.",
        "Prepaid tokens will expire 12 months after purchase.",
    ],
)
def test_value_paid_for_taken_in_other_words_is_high(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == ("high", "expands"), reason
    assert "forfeited" in reason, reason


def test_a_forfeiture_written_into_a_clause_expands() -> None:
    severity, direction, reason = grade(
        "Unused credits are rolled over to the next billing period.",
        "Unused credits are rolled over to the next billing period and may be cancelled after "
        "12 months.",
    )
    assert (severity, direction) == ("high", "expands"), reason


def test_a_forfeiture_said_in_other_words_is_none_removed() -> None:
    """OpenRouter's 'Unused credits expire 365 days after purchase.' -> 'OpenRouter reserves the
    right to expire unused credits 365 days after purchase.' (r244, labelled low)."""
    severity, _, reason = grade(
        "Unused credits expire 365 days after purchase.",
        "Acme reserves the right to expire unused credits 365 days after purchase.",
    )
    assert "forfeit" not in reason, reason
    assert severity == "low", reason


def test_what_the_user_cancels_is_no_forfeiture() -> None:
    _, _, reason = added("You may cancel your deposit at any time before the booking starts.")
    assert "forfeited" not in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # an exception taken out of a denial: what it permitted is permitted no more
        (
            "We do not sell your personal information, except that we may share it with "
            "advertisers for targeted advertising, with data brokers, with our affiliates and with "
            "any other third party we choose.",
            "We do not sell your personal information.",
        ),
        (
            "We may share your personal information with advertisers and data brokers for "
            "marketing.",
            "We do not share your personal information.",
        ),
    ],
)
def test_terms_taken_from_what_the_old_sentence_permitted_narrow(old: str, new: str) -> None:
    severity, direction, reason = grade(f"Hello there. {old}", f"Hello there. {new}")
    assert (severity, direction) == ("medium", "narrows"), reason


def test_terms_taken_from_a_denial_still_expand() -> None:
    severity, direction, reason = grade(
        "We do not share your personal information with advertisers or data brokers.",
        "We do not share your personal information.",
    )
    assert (severity, direction) == ("high", "expands"), reason
    assert "from what is denied" in reason, reason


def test_a_recipient_taken_from_a_denials_exception_narrows() -> None:
    """The other way round of 'new recipients ... (in an exception)': what the exception let
    through is let through no more."""
    old = (
        "We do not share your personal information with third parties, except with our service "
        "providers, such as payment processors, hosting providers and data brokers."
    )
    new = (
        "We do not share your personal information with third parties, except with our service "
        "providers, such as payment processors and hosting providers."
    )
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == ("medium", "narrows"), reason

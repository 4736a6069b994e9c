"""Issue 13, a reviewer's round: another company named as where the company sends people's
data ("we send your usage data to Facebook", "we may send Google your location") is a
recipient like one named by its trade. Only when the company itself sends it: after a passive
or another's verb the name may be the company's own ("information sent to Acme", "your device
sends information to Google" in Google's policy), and a name that is the person, the
company's own team or a place in a sentence is no other company."""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We send your usage data to Facebook.",
        "We may send your location to Google.",
        "We forward your contact details to Salesforce for their own marketing.",
        "We may transmit your device identifiers to Meta and TikTok.",
        "We may send Google your location.",
        "Acme may send your viewing history to Nielsen.",
    ],
)
def test_data_the_company_sends_to_another_company_by_name_is_new_spreading(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        # not said by the company: the name may be its own
        "Your device sends information to Google about its location.",
        "Information you send to Acme is stored securely.",
        # the person, the company's own people, what is no one's data
        "We send your request to Customer Support.",
        "We will send a confirmation to You by email.",
        "We forward your question to Our Privacy Team.",
        "We send invoices to Stripe each month.",
        "We may send our newsletter to Gmail users.",
    ],
)
def test_a_name_that_is_not_another_company_receiving_data_is_no_spreading(text: str) -> None:
    assert added(text)[0] != Severity.HIGH


def test_access_given_to_the_person_is_no_spreading() -> None:
    text = "We need to collect certain personal data to give you access to Acme and its features."
    assert added(text)[0] != Severity.HIGH

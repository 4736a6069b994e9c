"""Issue 13, a reviewer's round on the verbs that pass data on: "pass ... on to" with its
object between verb and particle, "give" to recipients, and the recipient put before what is
sent ("we may send our partners your email address"): each spreads data like "share". What is
passed on that is no one's data (savings, fees, a request to the company's own team), and what
goes to the person, stays no spreading."""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We may pass your information on to our partners.",
        "We may pass along your contact details to our advertising partners.",
        "We pass on your purchase history to selected partners.",
        "Your data may be passed to third parties.",
        "We may give your location to advertisers.",
        # the recipient before what is sent (a double object)
        "We may send our partners your email address.",
        "We send advertisers your purchase history.",
        "We may give our partners your email address.",
        "We forward affiliates personal information about you.",
    ],
)
def test_data_passed_or_given_on_to_others_is_new_spreading(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "We pass the savings on to our customers.",
        "Any fees are passed on to you.",
        "We will pass your request on to our support team.",
        "We send advertisers reports about how their ads performed.",
        "We send our partners invoices each month.",
        "We give priority to partners who sign up early.",
        "Title to the goods passes to you on delivery.",
    ],
)
def test_what_is_passed_on_that_is_no_ones_data_is_no_spreading(text: str) -> None:
    assert added(text)[0] != Severity.HIGH

"""Issue 13, a reviewer's round: more verbs that put people's data in others' hands, said the
way policies say them: "hand over ... to", "make ... available to" recipients, "exchange ...
with" other companies, and "license" in its plain form ("We may license your content to
third parties"). Their everyday senses stay no spreading: a hand-over to the person, what is
made available to the person, an exchange with the person, a licence granted to the person."""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We may hand over your data to advertisers.",
        "Your data may be made available to our marketing partners.",
        "We make your purchase history available to selected third parties.",
        "We may exchange your information with other companies.",
        "We may license your content to third parties.",
        "We may license user submissions to our partners for their own use.",
    ],
)
def test_data_put_in_others_hands_is_new_spreading(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "We will hand over the device to you at the store.",
        "We make the Services available to you on a subscription basis.",
        "Your invoices are made available to you in your account.",
        "You may exchange the product for another one within 30 days.",
        "We license the Software to you for your personal use.",
        "We may exchange messages with you about your order.",
    ],
)
def test_what_goes_to_the_person_is_no_spreading(text: str) -> None:
    assert added(text)[0] != Severity.HIGH

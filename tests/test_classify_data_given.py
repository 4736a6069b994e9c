"""Data people give the company is data it collects: "you provide us with your phone number",
"you must provide your precise location" are read as the company receiving that data, so a new
kind of data given is found as a new kind collected would be. Only when said to the company or
made a requirement: "any data you provide" describes, "you provide the Services to your
customers" gives no data, and "you may upload photos" is what people may do."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import RULES, added, grade
from tracker.classify.statements import read_sentence


def test_a_new_kind_of_data_given_to_the_company_is_found() -> None:
    assert grade(
        "When you sign up, you provide us with your name.",
        "When you sign up, you provide us with your name, your phone number and your precise "
        "location.",
    ) == ("high", "expands", "new data: phone number, precise location")


def test_data_people_must_give_is_collected() -> None:
    severity, direction, reason = added(
        "When you sign up, you must provide your phone number and your precise location."
    )
    assert (severity, direction) == ("high", "expands"), reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Any data you provide to us may include your precise location.",  # describes
        "You provide the Services to your customers under your own terms.",  # no data
        "You may upload photos of your precise location to your albums.",  # people's choice
        "If you want, you can provide feedback on new features.",
    ],
)
def test_giving_that_is_no_collection(sentence: str) -> None:
    reading = read_sentence(sentence, RULES.readings)
    assert not any(
        c.kind == "power" and c.key.startswith(("provid", "upload")) for c in reading.claims
    )


@pytest.mark.parametrize(
    "text",
    [
        "You can give us your phone number to enable two-factor authentication.",
        "You may send us your medical records to speed up your claim.",
    ],
)
def test_giving_or_sending_us_data_is_data_the_company_receives(text: str) -> None:
    """'give us' and 'send us' name the company in the verb itself."""
    severity, direction, reason = added(text)
    assert direction == "expands" and severity in ("medium", "high"), reason

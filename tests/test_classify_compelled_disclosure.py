"""Issue 13, a reviewer's round: a disclosure said to happen only when the law compels it
("when required by a court order", "to comply with a valid legal process") states what any
company must do; a reader calls it a notice (medium), not new sharing. One that reaches
beyond legal process ("whenever they ask", "upon request", "even without a court order"),
gives the law only as an example ("including where required by law"), takes sensitive data or
sells it stays high; and a disclosure that loses its legal compulsion is widened (high)."""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We disclose information to third parties who ask us to, when required by a court order.",
        "We may disclose your information to law enforcement when required by law.",
        "We share your information with law enforcement to comply with a valid legal process.",
        "We may disclose personal data to public authorities in response to a subpoena, court"
        " order or other legal process.",
    ],
)
def test_a_disclosure_the_law_compels_is_shown_not_an_alarm(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason


@pytest.mark.parametrize(
    "text",
    [
        "We may disclose your information to government agencies whenever they ask.",
        "We may disclose your information to third parties, including where required by law.",
        "We may disclose your information to law enforcement upon request, even without a court"
        " order.",
        "We may sell your data to data brokers, or when required by law.",
        "We may disclose your health information to law enforcement when required by law.",
        "We may share your data with advertisers, and with authorities when required by law.",
    ],
)
def test_a_disclosure_beyond_what_the_law_compels_stays_high(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


def test_a_new_recipient_the_law_compels_is_shown_not_an_alarm() -> None:
    severity, _, reason = grade(
        "We may disclose your data to our service providers.",
        "We may disclose your data to our service providers and, when required by law, to law"
        " enforcement.",
    )
    assert severity == Severity.MEDIUM, reason


@pytest.mark.parametrize(
    "new",
    [
        "We disclose your data to law enforcement whenever they ask.",
        "We disclose your data to law enforcement.",
        "We disclose your data to law enforcement upon request.",
    ],
)
def test_a_disclosure_that_loses_its_legal_compulsion_is_widened(new: str) -> None:
    old = "We disclose your data to law enforcement when required by law."
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "new",
    [
        "We disclose your data to law enforcement when legally required to do so.",
        "We disclose your data to law enforcement in response to a valid court order.",
    ],
)
def test_compulsion_said_in_other_words_is_no_change(new: str) -> None:
    old = "We disclose your data to law enforcement when required by law."
    assert grade(old, new)[0] in (Severity.NONE, Severity.LOW)

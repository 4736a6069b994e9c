"""Issue 13, a reviewer's round: a thing named as what acts ("The app collects your precise
location", "The extension reads your browsing history", "Our SDK transmits your device
identifiers to advertisers") says what is done with people's data, like "we collect"; a
noun before a noun is still a noun phrase ("Data transfers to the US are protected", "Human
review helps us improve")."""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "The app collects your precise location.",
        "The extension reads your browsing history.",
        "The keyboard app records your keystrokes.",
        "Our SDK transmits your device identifiers to advertisers.",
        "Each device shares your location with our partners.",
    ],
)
def test_a_thing_that_acts_on_data_says_what_is_done(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "Data transfers to the United States rely on standard contractual clauses.",
        "Human review helps us keep the service safe.",
        "The account access page lists your active sessions.",
        "The product uses a secure connection.",
    ],
)
def test_a_noun_phrase_or_a_means_says_nothing_serious(text: str) -> None:
    assert added(text)[0] != Severity.HIGH

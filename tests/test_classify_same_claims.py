"""Issue 13, a reviewer's round on edits that change no meaning: a denial or a grant said with
another auxiliary or an extra one ("Your data will never be sold" -> "is never sold", "We do
not sell" -> "We do not and will not sell") makes the same claims: low, not a changed
negation or modal. A claim turned round, made weaker or given a condition still counts."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Severity

COSMETIC = (Severity.NONE, Severity.LOW)


@pytest.mark.parametrize(
    "old, new",
    [
        ("Your data will never be sold.", "Your data is never sold."),
        ("We do not sell your data.", "We do not and will not sell your data."),
        ("We do not sell your data.", "We will not sell your data."),
    ],
)
def test_the_same_claims_said_with_other_auxiliaries_are_cosmetic(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert severity in COSMETIC, reason


@pytest.mark.parametrize(
    "old, new",
    [
        ("We do not sell your data.", "We may sell your data."),
        ("Your data will never be sold.", "Your data will not be sold without your consent."),
        ("We will notify you of changes.", "We may notify you of changes."),
    ],
)
def test_a_claim_turned_round_or_weakened_still_counts(old: str, new: str) -> None:
    assert grade(old, new)[0] not in COSMETIC


def test_a_commitment_made_a_permission_is_not_the_same_claim() -> None:
    severity, _, reason = grade(
        "We will retain your data for as long as your account is open.",
        "We may retain your data for as long as your account is open.",
    )
    assert severity == Severity.MEDIUM, reason

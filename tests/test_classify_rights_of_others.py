"""Issue 13, a reviewer's round: third parties named as those whose rights, property or safety
are at stake ("the rights of third parties", "third-party intellectual property", "the
safety of other users") receive nothing: no new recipient. Third parties who get data, in the
same sentence or not, still are."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity

OLD = "We may suspend your account if you violate these Terms."


@pytest.mark.parametrize(
    "new",
    [
        "We may suspend your account if you violate these Terms or the rights of third parties.",
        "We may suspend your account if you infringe the intellectual property rights of third"
        " parties.",
        "We may suspend your account if you violate these Terms or third parties' rights.",
        "We may suspend your account if you violate these Terms or infringe third-party rights.",
    ],
)
def test_third_parties_whose_rights_are_at_stake_receive_nothing(new: str) -> None:
    severity, _, reason = grade(OLD, new)
    assert severity != Severity.HIGH, reason


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "We may share your data with our service providers.",
            "We may share your data with our service providers and third parties.",
        ),
        (
            "We may share your data to protect our rights.",
            "We may share your data with third parties to protect the rights of others.",
        ),
    ],
)
def test_third_parties_who_get_data_are_still_new_recipients(old: str, new: str) -> None:
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)

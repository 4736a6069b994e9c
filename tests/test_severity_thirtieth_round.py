"""Readings from the blind sets measured once by the 55th session (fresh123, fresh125, fresh126):
each rule general, each case failing on the rules before it, with near misses that keep what they
must.

- Storage space is a quantity: "up to 6GB of storage space for your Hubs" -> "up to 2GB"
  (Mozilla's Hubs terms, fresh123's dv014, labelled medium, expands) was a wording change
  (low): no period, amount of money or age changed. A plan's storage lowered gives people less
  of what they pay for (medium, expands); raised, more (medium, narrows); the same space in
  other units is the same.
"""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.classify.quantities import quantities
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    ("text", "gigabytes"),
    [
        ("up to 6GB of storage space", 6.0),
        ("2 gigabytes of storage", 2.0),
        ("attachments over 10 MB", 0.01),
        ("a 1 TB plan", 1000.0),
    ],
)
def test_storage_space_is_read_in_gigabytes(text: str, gigabytes: float) -> None:
    found = [q for q in quantities(text) if q.kind == "storage"]
    assert [round(q.value, 6) for q in found] == [gigabytes]


def test_storage_lowered_gives_people_less() -> None:
    severity, direction, reason = grade(
        "With a paid subscription, you may have up to 6GB of storage space.",
        "With a paid subscription, you may have up to 2GB of storage space.",
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason
    assert "6GB -> 2GB" in reason


def test_storage_raised_gives_people_more() -> None:
    severity, direction, reason = grade(
        "You may have up to 2GB of storage space.", "You may have up to 10 GB of storage space."
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.NARROWS), reason


def test_the_same_storage_in_other_units_is_no_change() -> None:
    severity, _, reason = grade(
        "You may have up to 2GB of storage space.", "You may have up to 2 gigabytes of storage."
    )
    assert severity in (Severity.NONE, Severity.LOW), reason

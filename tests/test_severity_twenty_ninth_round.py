"""Readings from the blind sets measured once by the 55th session (fresh120 to fresh122): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- A disclosure to the authorities that reaches beyond what the law compels: "we may need to
  disclose the personal data ... to law enforcement, government authorities, or similar
  entities to comply with applicable laws, and to identify and prevent harmful, unauthorized or
  illegal activity" (the Mozilla Accounts privacy notice, fresh122's du042, labelled high) was
  read as the disclosure the law compels (medium). Disclosing also to detect or prevent harmful,
  illegal or fraudulent activity is the company's own policing, as "if we believe in good faith
  ..." already was: a new recipient, high.
"""

from __future__ import annotations

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


def test_disclosure_to_authorities_also_to_prevent_harm_reaches_beyond_the_law() -> None:
    severity, direction, reason = added(
        "We may disclose your personal data to law enforcement, government authorities, or "
        "similar entities to comply with applicable laws, and to identify and prevent harmful, "
        "unauthorized or illegal activity."
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


def test_disclosure_to_authorities_only_when_the_law_compels_stays_medium() -> None:
    severity, direction, reason = added(
        "We may disclose your personal data to law enforcement or government authorities to "
        "comply with applicable laws."
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason

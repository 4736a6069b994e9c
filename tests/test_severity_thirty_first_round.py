"""Readings from the blind sets measured once by the 55th session (fresh124, fresh127, fresh128):
each rule general, each case failing on the rules before it, with near misses that keep what they
must.

- A recipient is someone data goes to: GitHub's amendment for U.S. federal government users
  (fresh127) renamed its party "the Agency" to "the Government", and four clauses ("the
  Government's use of the Service may energize significant citizen engagement", "content
  created by or under the control of the Government", ...) were each read as the government
  newly a recipient of data (high; labelled low). A recipient term added to what is permitted
  is a new recipient (high) where it stands after a power that passes data on or is over
  people's data ("we may share it with advertisers"), or just before one as who acts ("our
  partners may access your data"); named in a sentence about something else, it is medium.
"""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity

RECORDS = (
    "{party} acknowledges that use of Company's site may require management of Federal records. "
    "If the Company holds Federal records, the {party} and the Company must manage them in "
    "accordance with the law, including the transfer of permanently valuable records to NARA."
)


def test_a_party_renamed_in_a_clause_giving_it_no_data_is_no_new_recipient() -> None:
    old, new = RECORDS.format(party="Agency"), RECORDS.format(party="Government")
    severity, _, reason = grade(old, new)
    assert severity != Severity.HIGH, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We may share your personal data with our service providers.",
            "We may share your personal data with our service providers and advertisers.",
        ),
        (
            "Our service providers may access your personal data.",
            "Our service providers and advertisers may access your personal data.",
        ),
    ],
)
def test_a_recipient_data_goes_to_is_still_new(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason

"""A sentence that only lists what the one before it covers ("This includes ...", "These may
include ...", "For example, ...") and is added: after a sentence that forbids users it lists the
users' conduct, after one that denies the company it lists what is denied; only after the
company's own practice does it state one."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import grade


@pytest.mark.parametrize(
    "before",
    [
        "You must not misuse our Services.",  # forbids users: the users' conduct
        "We do not sell your data.",  # denies the company: nothing permitted
    ],
)
def test_an_added_sentence_listing_what_the_one_before_forbids_permits_nothing(
    before: str,
) -> None:
    severity, _, reason = grade(
        before, f"{before} This includes selling personal data to data brokers."
    )
    assert severity != "high", reason


@pytest.mark.parametrize(
    "before",
    [
        "We collect your data to provide the Services.",  # the company's practice, listed
        "Users must not misuse the Services, but we may use your data.",  # the company speaks
    ],
)
def test_an_added_sentence_listing_what_the_company_does_is_read(before: str) -> None:
    severity, direction, reason = grade(
        before, f"{before} This includes selling personal data to data brokers."
    )
    assert (severity, direction) == ("high", "expands"), reason

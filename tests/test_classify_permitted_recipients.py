"""Recipients a sentence names where it denies are no recipients of what it permits: in "We may
share information as discussed below, but we won't sell it to advertisers", the advertisers are
whom data is not sold to. A sharing that says it is described elsewhere ("as discussed below")
and names no recipient is not serious in itself: where it points, each recipient is a change of
its own."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import added, grade


@pytest.mark.parametrize(
    "text",
    [
        "We may share information as discussed below, but we won't sell it to advertisers or "
        "other third parties.",
        "We may share your information as described in Section 5.",
    ],
)
def test_sharing_whose_recipients_are_denied_or_said_elsewhere_is_no_alarm(text: str) -> None:
    severity, _, reason = added(text)
    assert severity != "high", reason


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "We may share your data with service providers, but we never sell it to data brokers.",
            "(service providers)",
        ),
        (
            "We never sell your data to data brokers, but we may share it with advertising "
            "partners.",
            "advertising partners",
        ),
    ],
)
def test_the_recipients_named_where_it_permits_are_read(text: str, named: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == ("high", "expands"), reason
    found = reason.rsplit("(", 1)[-1]  # what makes it serious, after the excerpt
    assert named.strip("()") in found and "data brokers" not in found


def test_parties_outside_the_company_are_third_parties() -> None:
    """ "parties outside Dropbox" -> "third parties": the same recipients in other words."""
    old = (
        "We may disclose to parties outside Acme files stored in your account when we have a "
        "good faith belief that disclosure is reasonably necessary to comply with a law."
    )
    new = (
        "We may disclose your files to third parties if we determine that such disclosure is "
        "reasonably necessary to comply with the law."
    )
    severity, _, reason = grade(old, new)
    assert severity != "high", reason
    assert added("We may disclose your information to parties outside Acme.")[2].endswith(
        "(parties outside acme)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "We may sell your personal information as described below.",
        "We may rent or sell your personal information, as explained in the Sharing section.",
        "We may sell your personal information as described below, but we will not share it with "
        "advertisers.",
    ],
)
def test_selling_said_to_be_described_elsewhere_is_still_serious(text: str) -> None:
    """Selling is serious whoever gets the data: where it points adds recipients, not the sale."""
    assert added(text)[:2] == ("high", "expands"), added(text)[2]

"""Two readings of meaning, not words. A denial that named no recipients (or purposes) and now
names some denies less: "We will not sell your personal data" -> "... to data brokers" leaves
every other buyer permitted (high, expands), while naming more in a denial that already named
some denies more. And "health" in "the health, safety, or legal rights of any person" is no
health data."""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We will not sell your personal data.",
            "We will not sell your personal data to data brokers.",
        ),
        (
            "We do not share your personal information with third parties.",
            "We do not share your personal information with third parties for their own"
            " marketing purposes.",
        ),
        (
            "We never disclose your data to anyone.",
            "We never disclose your data to anyone outside our corporate group.",
        ),
    ],
)
def test_a_denial_limited_to_some_recipients_or_purposes_expands(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "denial limited" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # it already named some: it now denies more
            "We do not share your data with advertisers.",
            "We do not share your data with advertisers or data brokers.",
        ),
        (  # third parties are everyone else anyway
            "We do not share your personal information.",
            "We do not share your personal information with third parties.",
        ),
        (  # third parties named with others: still everyone else
            "We do not share your personal data.",
            "We do not share your personal data with third parties or advertisers.",
        ),
        (  # every purpose named with one: still every purpose
            "We do not sell your data.",
            "We do not sell your data for advertising or any other purpose.",
        ),
        (  # no data passed on is denied
            "We do not charge you to use the Service.",
            "We do not charge you to use the Service, which businesses pay for with advertising.",
        ),
    ],
)
def test_a_denial_that_denies_more_or_is_no_sharing_is_no_alarm(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert severity is not Severity.HIGH, reason


@pytest.mark.parametrize(
    "text",
    [
        "We may also use it to protect the health, safety, or legal rights of any person.",
        "We may use your data to protect the health and safety of our users.",
        "We may use your data to protect the health & safety of our users.",
    ],
)
def test_health_and_safety_is_no_health_data(text: str) -> None:
    severity, _, reason = added(text)
    assert severity is not Severity.HIGH, reason


def test_health_data_is_still_health_data() -> None:
    severity, _, reason = added("We may share your health information with insurers.")
    assert severity is Severity.HIGH and "health" in reason, reason

"""Recipients of one kind in other words (the rule file's ``same_recipients``), and recipients
named before given data for purposes named before: a rewritten sharing section restates who
gets data, it does not add recipients (issue 13)."""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, classified
from tracker.classify.severity import recipient_kinds
from tracker.vocabulary import Severity


def _added(old_sharing: str, new_sentence: str, old_extra: str = "") -> tuple[Severity, str]:
    old = f"# Uses\n\n{old_extra or 'We keep your data safe.'}\n\n# Sharing\n\n{old_sharing}\n"
    new = old + f"\n{new_sentence}\n"
    (change,) = [c for c in classified(old, new) if c.kind == "added"]
    return change.severity, change.reason


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "We may transfer your information to any affiliate of our corporate group.",
            "We may share your personal data with our subsidiaries.",
        ),
        (
            "We disclose your personal data to our parent company.",
            "We share your personal data with our affiliates.",
        ),
        (
            "We share your personal data with advertising partners.",
            "We may provide your personal data to advertisers.",
        ),
        (
            "We share your personal data with vendors who host our servers.",
            "We share your personal data with service providers.",
        ),
        (
            "We disclose your personal data to our sub-processors.",
            "We may share your personal data with vendors.",
        ),
        (
            "We share your personal data with government agencies.",
            "We may disclose your personal data to law enforcement.",
        ),
    ],
)
def test_a_recipient_of_the_same_kind_in_other_words_is_named_before(
    before: str, after: str
) -> None:
    severity, reason = _added(before, after)
    assert severity == Severity.LOW, reason
    assert reason.startswith("recipients already named before"), reason


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "We share your personal data with advertising partners.",
            "We may share your personal data with our subsidiaries.",
        ),
        (
            "We share your personal data with vendors who host our servers.",
            "We may disclose your personal data to law enforcement.",
        ),
        (
            "We share your personal data with service providers.",
            "We may provide your personal data to advertisers.",
        ),
        (
            "We share your personal data with our affiliates.",
            "We may share your personal data with data brokers.",
        ),
        (  # a kind named before only as what is not done is no kind shared
            "We never share your personal data with advertisers.",
            "We may share your personal data with advertising networks.",
        ),
    ],
)
def test_a_recipient_of_another_kind_is_new(before: str, after: str) -> None:
    severity, reason = _added(before, after)
    assert severity == Severity.HIGH, reason


def test_recipient_kinds_match_whole_terms_of_one_entry() -> None:
    readings = RULES.readings
    assert recipient_kinds("affiliates", readings) == recipient_kinds("subsidiaries", readings)
    assert recipient_kinds("advertisers", readings) == recipient_kinds("ad networks", readings)
    assert recipient_kinds("vendors", readings).isdisjoint(recipient_kinds("advertisers", readings))
    assert recipient_kinds("third parties", readings) == frozenset()
    assert recipient_kinds("partners", readings) == frozenset()


def test_recipients_and_purposes_named_before_restate_the_sharing() -> None:
    severity, reason = _added(
        "We share your personal data with service providers.",
        "We share your personal data with vendors for research.",
        old_extra="We use your personal data for research.",
    )
    assert severity == Severity.LOW, reason


@pytest.mark.parametrize(
    ("old_extra", "after"),
    [
        # the purpose is new
        (
            "We use your personal data to answer questions.",
            "We share your personal data with vendors for research.",
        ),
        # training is serious whoever did it before
        (
            "We use your personal data to train our models.",
            "We share your personal data with vendors to train their models.",
        ),
    ],
)
def test_a_purpose_not_named_before_or_serious_keeps_the_sharing_new(
    old_extra: str, after: str
) -> None:
    severity, reason = _added(
        "We share your personal data with service providers.", after, old_extra=old_extra
    )
    assert severity == Severity.HIGH, reason

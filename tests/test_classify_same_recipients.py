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


def _assert_new(before: str, after: str) -> None:
    """The added sentence gives data to a recipient the old sharing sentence did not: high."""
    severity, reason = _added(before, after)
    assert severity == Severity.HIGH, reason


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
        # and in more words of a kind
        (
            "We share your personal data with advertising partners.",
            "We share your personal data with our ad partners.",
        ),
        (
            "We share your personal data with service providers.",
            "We share your personal data with contractors who process data on our behalf.",
        ),
        (
            "We share your personal data with service providers.",
            "We share your personal data with our data processors.",
        ),
        (
            "We disclose your personal data to vendors.",
            "We disclose your personal data to our suppliers.",
        ),
        (
            "We disclose your personal data to law enforcement.",
            "We disclose your personal data to the police.",
        ),
        (
            "We disclose your personal data to public authorities.",
            "We disclose your personal data to regulators.",
        ),
        (
            "We share your personal data with our affiliates.",
            "We share your personal data with the Acme group of companies.",
        ),
        (
            "We share your personal data with our affiliates.",
            "We share your personal data with affiliated companies.",
        ),
        (
            "We share your personal data with our subsidiaries.",
            "We share your personal data with our sister companies.",
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
    _assert_new(before, after)


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
        old_extra="We may share your personal data with our partners for research.",
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
        # data was used for it, never passed on for it
        (
            "We use your personal data for research.",
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


@pytest.mark.parametrize(
    ("old_extra", "after"),
    [
        # the company showed its own ads with the data, never gave it away for advertising
        (
            "We use your personal data for advertising.",
            "We share your personal data with our subsidiaries for advertising.",
        ),
        (
            "We use your personal data for marketing.",
            "We share your personal data with vendors for marketing.",
        ),
    ],
)
def test_a_purpose_the_data_was_only_used_for_is_no_purpose_it_was_passed_on_for(
    old_extra: str, after: str
) -> None:
    severity, reason = _added(
        "We share your personal data with our affiliates and service providers.",
        after,
        old_extra=old_extra,
    )
    assert severity == Severity.HIGH, reason


def test_recipients_named_before_for_a_purpose_data_was_passed_on_for_restate_it() -> None:
    severity, reason = _added(
        "We share your personal data with service providers for marketing.",
        "We share your personal data with vendors for marketing.",
    )
    assert severity == Severity.LOW, reason
    assert reason.startswith("recipients already named before"), reason


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # only de-identified data went to them before: people's data as such is new
        (
            "We may share aggregated, de-identified information with advertising partners.",
            "We may share your personal data with advertisers.",
        ),
        (
            "We share aggregated statistics with our affiliates.",
            "We share your personal data with our affiliates.",
        ),
        # "buyers" may buy the business or the data: not the successors named before
        (
            "We may transfer your personal data to our successors.",
            "We may share your personal data with buyers.",
        ),
        # a recipient that includes the one named before is more than it
        (
            "We share your personal data with service providers.",
            "We share your personal data with AI providers.",
        ),
    ],
)
def test_a_recipient_given_less_or_another_one_is_new(before: str, after: str) -> None:
    _assert_new(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # given to them only with the user's consent, or only when a law requires it
        (
            "We share your personal data with advertisers only with your consent.",
            "We share your personal data with advertising networks.",
        ),
        (
            "We disclose your personal data to public authorities only if required by law.",
            "We disclose your personal data to law enforcement.",
        ),
    ],
)
def test_a_recipient_given_data_only_in_some_cases_before_is_new_in_general(
    before: str, after: str
) -> None:
    _assert_new(before, after)


def test_a_recipient_given_people_s_data_in_safe_keeping_before_is_named_before() -> None:
    """Encrypted on its way, the data given was people's all the same."""
    severity, reason = _added(
        "We transfer your personal data to service providers in encrypted form.",
        "We share your personal data with vendors.",
    )
    assert severity == Severity.LOW, reason


def test_a_group_of_companies_not_the_company_s_own_is_not_named_before() -> None:
    _, reason = _added(
        "We share your personal data with our affiliates.",
        "We share your personal data with a select group of companies.",
    )
    assert not reason.startswith("recipients already named before"), reason

"""Issue 13, kinds seen in the blind run on tests/data/fresh24, written here in other words: data
sent or transmitted on to others ("we may send your data to partners") is spread like data
shared; what people did, said by what they did it to ("the articles you read"), is their data;
a relative clause that picks out things by what is not done to them ("albums that are not
shared ...") denies nothing. Each positive case failed before its rule; each rule has cases
it must leave alone."""

from __future__ import annotations

import pytest

from tests.classify_support import added, removed
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We may send your purchase history to our advertising partners.",
        "Your device identifiers may be transmitted to selected third parties.",
        "We forward your contact details to affiliates for their own marketing.",
        # recipients named by their trade
        "We may transmit your location to advertising networks.",
        "We send details of your usage to analytics providers.",
        "We forward your profile to insurers.",
        "We may send your application and test results to prospective employers.",
    ],
)
def test_data_sent_on_to_others_is_new_spreading(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "We will send you a confirmation code by text message.",
        "Receipts are sent to your email address after each purchase.",
        "We send your parcel to the address you give us.",
    ],
)
def test_what_is_sent_to_the_person_or_where_they_ask_is_no_spreading(text: str) -> None:
    assert added(text)[0] != Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "We may share the list of articles you read with third parties.",
        "We may disclose the songs users have listened to to our partners.",
    ],
)
def test_what_people_did_said_by_its_object_is_their_data(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


def test_a_negated_relative_clause_denies_nothing() -> None:
    severity, _, reason = removed(
        "Private galleries that are not shared with your followers will be listed on your"
        " account page."
    )
    assert severity != Severity.HIGH, reason


@pytest.mark.parametrize(
    "text",
    [
        "Your photos are not shared with advertisers.",
        "Files which have not been opened will not be kept after 30 days.",
        # set off by commas, the relative clause says it of all the messages: a promise
        "Your messages, which are not shared with advertisers, are encrypted.",
        "Your photos, which are never sold to third parties, appear on your profile.",
    ],
)
def test_a_denial_in_the_main_clause_is_still_a_promise(text: str) -> None:
    assert removed(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "Only the data needed to run the feature will be shared with the servers.",
        "Your drafts may be sent to our systems so that you can open them on any device.",
    ],
)
def test_data_shared_with_the_companys_machines_goes_to_no_one(text: str) -> None:
    severity, _, reason = added(text)
    assert severity != Severity.HIGH, reason


@pytest.mark.parametrize(
    "text",
    [
        "Your data may be transferred to the servers of our advertising partners.",
        # 'their': a policy calls the company's own machines 'our'
        "Our analytics vendor places a cookie, and data about your visit is shared with their"
        " servers.",
    ],
)
def test_the_servers_of_another_party_are_still_another_party(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "Third parties that provide embedded videos on our pages may collect information about"
        " you.",
        "Advertising partners who place pixels on our site can collect your device identifiers.",
        # the relative clause set off by commas or brackets
        "Third parties, who provide embedded videos on our pages, may collect information about"
        " you.",
        "Third parties (who provide embedded videos on our pages) may collect information about"
        " you.",
    ],
)
def test_recipients_described_by_a_relative_clause_still_act_on_data(text: str) -> None:
    assert added(text)[:2] == (Severity.HIGH, Direction.EXPANDS)


def test_recipients_described_by_a_relative_clause_acting_for_us_are_our_own_use() -> None:
    text = "Service providers that host our website process your data for us."
    assert added(text)[0] != Severity.HIGH

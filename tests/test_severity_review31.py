"""Review of the twenty-eighth to thirty-first rounds: near misses of their rules.

- A recipient named after a long list of what is shared ("we share your name, ..., and
  approximate location with advertisers") still stands after the power that shares it.
- Passive deletion is a power over what people keep only when what they keep is the subject:
  not "your account data may be deleted", "cookies placed by our website may be deleted".
- An account taken off a device, a list or a team ("administrators can remove user accounts from
  their workspace"), or renamed by its owner ("you can rename your account"), is no termination.
- A speed ("5MB/s") or a device's memory ("4GB RAM") is no storage space.
- A policing purpose reaches beyond what the law compels only as the company's own, joined to the
  law's ("to comply with applicable laws, and to identify and prevent harmful ... activity"),
  not as the purpose of the legal process itself ("a subpoena issued to investigate illegal
  activity", "when required by law to prevent fraud").
"""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade
from tracker.classify import load_rules
from tracker.classify.quantities import quantities
from tracker.classify.topics import topics_of
from tracker.resources import default_rules_path
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "We may disclose your personal data to law enforcement when required by law, for example "
        "in response to a subpoena issued to investigate illegal activity.",
        "We may disclose your personal data to law enforcement when compelled by a subpoena "
        "served to investigate unauthorized access.",
        "We may disclose your personal data to law enforcement in response to a valid legal "
        "process from authorities seeking to investigate unlawful activity.",
    ],
)
def test_a_legal_process_with_its_own_policing_purpose_is_still_compelled(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason


def test_a_policing_purpose_joined_to_the_law_still_reaches_beyond_it() -> None:
    severity, direction, reason = added(
        "We may disclose your personal data to law enforcement when required by law, and to "
        "detect and prevent fraud."
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


CATEGORIES = (
    "your name, email address, postal address, phone number, date of birth, gender, purchase "
    "history, browsing history, search queries, device identifiers, IP address, cookie "
    "identifiers and approximate location"
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            f"We may share {CATEGORIES} with our service providers.",
            f"We may share {CATEGORIES} with our service providers and advertisers.",
        ),
        (
            f"We share the following categories of personal information: {CATEGORIES}, with our "
            "affiliates.",
            f"We share the following categories of personal information: {CATEGORIES}, with our "
            "affiliates and data brokers.",
        ),
    ],
)
def test_a_recipient_after_a_long_list_of_what_is_shared_is_still_given_data(
    old: str, new: str
) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


@pytest.mark.parametrize(
    "text",
    [
        "When you close your account, your account data may be deleted after 30 days.",
        "Your account information may be deleted upon your request.",
        "Cookies placed on your device by our website may be deleted at any time through your "
        "browser settings.",
    ],
)
def test_data_deleted_in_the_passive_is_no_power_over_what_people_keep(text: str) -> None:
    _, direction, reason = added(text)
    assert direction == Direction.NARROWS, reason


def test_accounts_deleted_in_the_passive_are_still_a_power() -> None:
    _, direction, reason = added("Accounts that break this policy may be deleted.")
    assert direction == Direction.EXPANDS, reason


@pytest.mark.parametrize(
    "text",
    [
        "Administrators can remove user accounts from their workspace.",
        "Workspace owners can remove accounts from the team.",
        "You can rename your account at any time.",
    ],
)
def test_an_account_taken_off_a_team_or_renamed_by_its_owner_is_no_termination(
    text: str,
) -> None:
    assert "termination" not in topics_of(text, load_rules(default_rules_path()))


@pytest.mark.parametrize(
    "text",
    [
        "Inactive accounts may be renamed or removed.",
        "We reserve the right to reclaim usernames and rename accounts.",
    ],
)
def test_accounts_renamed_or_reclaimed_by_the_service_are_still_termination(text: str) -> None:
    assert "termination" in topics_of(text, load_rules(default_rules_path()))


@pytest.mark.parametrize(
    "text",
    ["Transfer speeds up to 5MB/s.", "up to 10 megabytes per second", "devices with 4GB RAM"],
)
def test_a_speed_or_a_devices_memory_is_no_storage(text: str) -> None:
    assert not [q for q in quantities(text) if q.kind == "storage"]


def test_storage_is_still_read_beside_a_period() -> None:
    found = [q.value for q in quantities("10 GB per user per month") if q.kind == "storage"]
    assert found == [10.0]


def test_a_lower_transfer_speed_is_no_storage_lowered() -> None:
    severity, _, reason = grade("Transfer speeds up to 5MB/s.", "Transfer speeds up to 2MB/s.")
    assert "storage" not in reason, (severity, reason)

"""People who may look at people's data are serious in themselves, without a verb of sharing:
the company's staff ("Our staff may access your chats") and the administrators of an
organisation's account people use ("Your workspace admins can access your data"). Not
an administrator named for anything else ("Contact your administrator")."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import added


@pytest.mark.parametrize(
    "text",
    [
        "Your workspace admins can access your data.",
        "Your workspace admins can control how long your data is retained.",
        "Administrators of your organization may see your usage data.",
    ],
)
def test_new_people_who_may_look_at_data_are_high(text: str) -> None:
    assert added(text)[:2] == ("high", "expands"), added(text)


@pytest.mark.parametrize(
    "text",
    [
        "Contact your administrator if you need help with your account settings.",
        "Administrators manage billing for the workspace and invite new members.",
    ],
)
def test_an_administrator_named_for_anything_else_is_not(text: str) -> None:
    severity, _, reason = added(text)
    assert severity != "high", reason

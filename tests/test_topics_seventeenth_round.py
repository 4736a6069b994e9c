"""Topic phrasings of the seventeenth round (issue 13), written after holdout40 to holdout44 were
measured once, from LOVOO's termination clauses (holdout43) in general wording: an account
blocked, "his/her account" cancelled, the cancellation of the user account. The first case of
each kind failed before its pattern; near misses stay outside the topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import load_rules, topics_of

RULES = load_rules(Path(__file__).resolve().parents[1] / "data" / "rules.toml")


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("LOVOO may permanently block the user account of the user.", True),
        ("We may block your account if you break these rules.", True),
        ("The user can cancel his/her user account by deleting it.", True),
        ("Cancellation of the user account by the user", True),
        ("Closure of your account takes effect at the end of the billing period.", True),
        # near misses: blocking something else, an account described, not ended
        ("We may block cookies that are not needed for the site to work.", False),
        ("Your browser may block pop-ups on our site.", False),
        ("The user can edit his/her user account settings at any time.", False),
    ],
)
def test_termination_said_as_blocking_or_cancelling_an_account(text: str, about: bool) -> None:
    assert ("termination" in topics_of(text, RULES)) is about


@pytest.mark.parametrize(
    "text",
    [
        "You may block spam accounts at any time.",
        "You can block other accounts from messaging you.",
    ],
)
def test_users_blocking_other_accounts_is_no_termination(text: str) -> None:
    assert "termination" not in topics_of(text, RULES)

"""Readings from the blind sets measured once by the 55th session (fresh116 to fresh119): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- Ownership said in the passive: "course material originated and created by Customer shall be
  owned solely by Customer" (GitHub's Enterprise Server License Agreement, fresh116's do017,
  labelled high when removed) had no topic, so its removal was low. What people make "is owned
  by" (or "remains owned by") them is about their content's licence and ownership
  (`content_license`), as "belongs to you" already was; the company owning its own service is
  not.
- Accounts removed or renamed ("Inactive accounts may be renamed or removed by GitHub staff",
  "Staff will not remove or rename any active account": GitHub's Username Policy, fresh117's
  dp008 and dp013) and a service closed to people by where they live ("GitHub services are not
  available to developers located ... in North Korea", fresh115's dn024) had no topic: they are
  `termination`, as suspending or closing accounts is.
- A permission to delete said in the passive of people's accounts or content ("Accounts that
  break this policy may be deleted") is a power over what they keep, as the active "we may
  delete your account" is (the twenty-sixth round); "your personal data may be deleted after two
  years" stays a statement about keeping data.
"""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.classify import load_rules
from tracker.classify.topics import topics_of
from tracker.resources import default_rules_path
from tracker.vocabulary import Direction, Severity

RULES = load_rules(default_rules_path())


@pytest.mark.parametrize(
    "text",
    [
        "Course material originated and created by Customer shall be owned solely by Customer.",
        "Content you create remains owned by you.",
        "All submissions are owned exclusively by the user who made them.",
    ],
)
def test_what_people_make_owned_by_them_is_about_their_content(text: str) -> None:
    assert "content_license" in topics_of(text, RULES)


def test_the_company_owning_its_service_is_not_about_peoples_content() -> None:
    assert "content_license" not in topics_of(
        "The Services and all software are owned by Acme.", RULES
    )


@pytest.mark.parametrize(
    "text",
    [
        "Inactive accounts may be renamed or removed by staff at their discretion.",
        "Staff will not remove or rename any active account.",
        "Accounts violating this policy may be removed or renamed without notice.",
        "Our services are not available to developers located or resident in North Korea.",
    ],
)
def test_accounts_removed_or_a_service_closed_by_country_are_termination(text: str) -> None:
    assert "termination" in topics_of(text, RULES)


@pytest.mark.parametrize(
    "text",
    [
        # near misses: content removed from a page, a person's own removal of a file, a service
        # not available in a language
        "You can remove a file from your repository at any time.",
        "The service is not available in French.",
    ],
)
def test_other_removals_and_availability_are_not_termination(text: str) -> None:
    assert "termination" not in topics_of(text, RULES)


def test_a_passive_permission_to_delete_accounts_is_a_power() -> None:
    severity, direction, reason = added(
        "Accounts that break this policy may be deleted without notice."
    )
    assert direction == Direction.EXPANDS, reason
    assert severity in (Severity.MEDIUM, Severity.HIGH), reason
    assert "commitment" not in reason, reason


def test_personal_data_that_may_be_deleted_stays_a_statement_about_keeping_it() -> None:
    _, direction, reason = added("Your personal data may be deleted after two years.")
    assert direction != Direction.EXPANDS, reason

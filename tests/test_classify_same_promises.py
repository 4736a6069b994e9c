"""A right or duty dropped in one place and kept in another in other words ("erase" for
"delete", "unsubscribe" for "opt out", "provide you with notice" for "notify you") was not
removed: the rule file's ``same_promises`` says which verbs make one promise. Over another
thing, limited, or said less firmly, it still counts as removed."""

from __future__ import annotations

import pytest

from tests.classify_support import classified
from tracker.model import Change

_OTHER = "We use your information to provide the service."


def _removed(dropped: str, kept: str) -> Change:
    """The change removing ``dropped`` from a version that says ``kept`` in another section
    before and after."""
    old = f"# Privacy\n\n## Use\n\n{_OTHER}\n\n## Choices\n\n{dropped}\n\n## Rights\n\n{kept}\n"
    new = f"# Privacy\n\n## Use\n\n{_OTHER}\n\n## Rights\n\n{kept}\n"
    changes = classified(old, new)
    (change,) = [c for c in changes if c.kind == "removed" and dropped in c.old[0].text]
    return change


@pytest.mark.parametrize(
    ("dropped", "kept"),
    [
        (
            "You can delete your personal data at any time.",
            "You have the right to erase your personal data.",
        ),
        (
            "You may opt out of our marketing emails at any time.",
            "You can unsubscribe from our marketing emails at any time.",
        ),
        (
            "You can correct your profile information in your settings.",
            "You may rectify inaccurate profile information.",
        ),
        (
            "You can withdraw your consent to marketing at any time.",
            "You may revoke your consent to marketing at any time.",
        ),
        (
            "You can disable cookies in your browser settings.",
            "You may turn off cookies in your browser.",
        ),
        (
            "If we make a material change to this policy, we will notify you.",
            "If a change materially reduces your rights, we will provide you with notice.",
        ),
        (
            "We will notify you before we transfer your information to a buyer.",
            "We will inform you before we transfer your information to a buyer.",
        ),
        # a notice given to people is notifying them
        (
            "We will notify you before any material change to this policy takes effect.",
            "We will provide you with notice of any material change to this policy.",
        ),
    ],
)
def test_a_right_kept_with_a_verb_of_the_same_right_was_not_removed(
    dropped: str, kept: str
) -> None:
    change = _removed(dropped, kept)
    assert change.severity != "high", change.reason


@pytest.mark.parametrize(
    ("dropped", "kept"),
    [
        # over another thing
        (
            "You can delete your account at any time.",
            "You have the right to erase your messages.",
        ),
        # limited where the dropped one was not
        (
            "You may opt out of our marketing emails at any time.",
            "You can unsubscribe from our marketing emails only within 30 days of signing up.",
        ),
        # said less firmly
        (
            "You can delete your personal data at any time.",
            "You may be able to try to erase some personal data.",
        ),
        # another right altogether
        (
            "You can delete your personal data at any time.",
            "You can export your personal data.",
        ),
        # a duty said less firmly
        (
            "We will notify you before we transfer your information to a buyer.",
            "We may inform you before we transfer your information to a buyer.",
        ),
        # a notice posted is no notice sent to people
        (
            "We will notify you by email of any material change to this policy.",
            "We will post a notice of any material change on this page.",
        ),
        # nor is a notice given by posting it or by updating the policy's date
        (
            "We will notify you by email before any material change to this policy takes effect.",
            "We will give notice of any material change by posting it on this page.",
        ),
        (
            "We will notify you before any material change to this policy takes effect.",
            "We will provide notice of material changes by updating the date of this policy.",
        ),
        (
            "We will notify you before any material change to this policy takes effect.",
            "We will provide notice of any material change on our website.",
        ),
    ],
)
def test_a_promise_kept_over_less_or_another_one_was_removed(dropped: str, kept: str) -> None:
    change = _removed(dropped, kept)
    assert change.severity == "high", change.reason
    assert (change.reason or "").split(":")[0] in ("right removed", "commitment removed"), (
        change.reason
    )

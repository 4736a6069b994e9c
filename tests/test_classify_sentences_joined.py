"""Issue 13, a reviewer's round: two sentences joined into one ("We do not share it with
advertisers. We do not sell it." -> "..., and we do not sell it.") make the promises they made:
no promise added. A promise the old clause did not make is still one."""

from __future__ import annotations

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


def test_a_promise_joined_from_another_sentence_is_not_added() -> None:
    severity, _, reason = grade(
        "We do not share your data with advertisers. We do not sell it.",
        "We do not share your data with advertisers, and we do not sell it.",
    )
    assert severity in (Severity.NONE, Severity.LOW), reason


def test_a_promise_the_old_clause_did_not_make_is_added() -> None:
    severity, direction, _ = grade(
        "We do not share your data with advertisers. We keep it for 30 days.",
        "We do not share your data with advertisers, and we do not sell it. We keep it for 30"
        " days.",
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.NARROWS)

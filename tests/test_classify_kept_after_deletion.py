"""Data kept past the deletion that should end it is kept without an end people can bring about:
"your messages remain stored even if you delete them" takes away what deleting them did, an
open-ended retention (high), however the keeping is said (the company keeps them, or they
remain, persist or stay accessible). Not: what stays until it is deleted, what is kept only in
a protected form, a promise not to keep, or "even if you delete" about something else."""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "Your messages remain stored even if you delete them.",
        "Copies of your content may remain on our servers even after you delete your account.",
        "We may keep copies of your posts even after you have deleted them.",
        "We may retain your data even after you close your account.",
        "When users pay to unlock a post, a permanent copy is created which remains accessible"
        " even if the post is later deleted.",
        "Your uploads may persist on our servers even once you remove them from your library.",
        "Your content may remain visible to other users even after your account is closed.",
        "We may retain your posts even after the deletion of your account.",
    ],
)
def test_data_kept_past_its_deletion_is_high(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "even" in reason


def test_a_retention_made_to_outlast_deletion_is_high() -> None:
    severity, direction, reason = grade(
        "We keep your messages until you delete them.",
        "We keep your messages even after you delete them.",
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


@pytest.mark.parametrize(
    "text",
    [
        "Your posts remain visible to your friends until you delete them.",
        "Even if you delete the app, your subscription continues until you cancel it.",
        "We will not keep your data after you delete your account, even if you ask us to.",
        "Aggregated and anonymized statistics may remain stored even after you delete your"
        " account.",
    ],
)
def test_what_is_not_data_outlasting_its_deletion_is_no_alarm(text: str) -> None:
    severity, _, reason = added(text)
    assert severity is not Severity.HIGH, reason

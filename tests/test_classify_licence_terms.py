"""Issue 13, a reviewer's round: a licence over people's content whose terms now take more
("non-exclusive" -> "exclusive", "revocable" -> "irrevocable", "for as long as it is on the
Service" -> "perpetual", "non-transferable" -> "transferable and sublicensable") is widened
(high); its terms reordered stay the same licence, and terms that take less narrow it."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "You grant us a non-exclusive licence to your content.",
            "You grant us an exclusive licence to your content.",
        ),
        (
            "You grant us a revocable licence to your content.",
            "You grant us an irrevocable licence to your content.",
        ),
        (
            "You grant us a licence to your content for as long as it is on the Service.",
            "You grant us a perpetual licence to your content.",
        ),
        (
            "You grant us a non-transferable licence to your content.",
            "You grant us a transferable and sublicensable licence to your content.",
        ),
    ],
)
def test_a_licence_whose_terms_take_more_is_widened(old: str, new: str) -> None:
    assert grade(old, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "You grant us a worldwide, non-exclusive, royalty-free licence to your content.",
            "You grant us a non-exclusive, worldwide, royalty-free licence to your content.",
        ),
        (
            "You grant us a perpetual, irrevocable licence to your content.",
            "You grant us an irrevocable and perpetual licence to your content.",
        ),
    ],
)
def test_a_licence_whose_terms_are_reordered_is_the_same(old: str, new: str) -> None:
    assert grade(old, new)[0] in (Severity.NONE, Severity.LOW)


def test_a_licence_whose_terms_take_less_is_narrowed() -> None:
    severity, direction, _ = grade(
        "You grant us an irrevocable, transferable licence to your content.",
        "You grant us a revocable, non-transferable licence to your content.",
    )
    assert (severity, direction) != (Severity.HIGH, Direction.EXPANDS)
    assert severity != Severity.HIGH

"""An age threshold said in a sentence of its own, added to or removed from a clause (issue 13).

"An age changed" is high whichever way (the guide of tests/data/severity_real.toml): "13" ->
"18" inside one sentence is read as a quantity changed; the same threshold given in a sentence
added beside the old one ("No one under 13 ... For example, you must be at least 18 to view
mature content") changes who may use what just as much (fresh38's an002 and an019).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import classify_change, load_rules
from tracker.classify.severity import word_ops
from tracker.model import Change, Clause

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules(ROOT / "data" / "rules.toml")

BEFORE = (
    "No one under 13 is allowed to use or access the Services. We may offer additional "
    "Services that require you to be older to use them."
)
AFTER = (
    "No one under 13 is allowed to use or access the Services. Parts of our Services require "
    "you to be older to use them. For example, you must be at least 18 years old to view "
    "mature content."
)


def grade(old: str, new: str) -> tuple[str, str, str]:
    change = Change(
        "modified",
        (Clause(id="o", path=("Terms",), label=None, kind="paragraph", text=old),),
        (Clause(id="n", path=("Terms",), label=None, kind="paragraph", text=new),),
        0.9,
        word_ops(old, new),
    )
    classified = classify_change(change, RULES)
    return classified.severity, classified.direction, classified.reason or ""


def test_an_age_threshold_added_in_a_sentence_of_its_own_is_high() -> None:
    severity, direction, reason = grade(BEFORE, AFTER)
    assert (severity, direction) == ("high", "neutral"), reason
    assert "age threshold added: 18 years old" in reason


def test_the_same_threshold_removed_is_high_too() -> None:
    severity, direction, reason = grade(AFTER, BEFORE)
    assert (severity, direction) == ("high", "neutral"), reason
    assert "age threshold removed: 18 years old" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the same age said again in the added sentence: no threshold changed
        (
            "You must be at least 18 years old to use the Services.",
            "You must be at least 18 years old to use the Services. Users who are 18 years old "
            "may also create a business account.",
        ),
        # a sentence moved within the clause, its age with it
        (
            "Please read the notices. You must be 16 years old to join a group.",
            "You must be 16 years old to join a group. Please read the notices.",
        ),
    ],
)
def test_an_age_said_again_or_moved_is_not_a_new_threshold(old: str, new: str) -> None:
    _, _, reason = grade(old, new)
    assert "age threshold" not in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the age changed inside the paired sentence, and the added one says the new age again
        (
            "You must be at least 13 years old to use the Services.",
            "You must be at least 16 years old to use the Services. Users in the EEA must be at "
            "least 16 years old.",
        ),
        # ... or the removed one said the old age again
        (
            "You must be at least 16 years old to use the Services. Users in the EEA must be at "
            "least 16 years old.",
            "You must be at least 13 years old to use the Services.",
        ),
    ],
)
def test_an_age_changed_in_its_sentence_is_not_also_a_threshold_added(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert severity == "high", reason
    assert "age changed" in reason
    assert "age threshold" not in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the same rule restructured: "(16 or older in the EEA)" said as a sentence of its own
        (
            "You must be 13 or older (16 or older in the EEA) to use the Services.",
            "You must be 13 or older to use the Services. Users in the EEA must be 16 or older.",
        ),
        # an age named, not one required: a promise about consumers under 16
        (
            "We do not knowingly collect data from children under 13.",
            "We do not knowingly collect data from children under 13. We do not sell the "
            "personal information of consumers under 16.",
        ),
        # ... or who may write to the company
        (
            "We do not knowingly collect data from children under 13. Parents of children "
            "under 13 may contact us.",
            "We do not knowingly collect data from children under 13.",
        ),
    ],
)
def test_an_age_named_or_restated_is_no_threshold_added_or_removed(old: str, new: str) -> None:
    """helper-158's review: only a minimum age required, and one the other version does not
    state in any words, is a threshold of its own."""
    _, _, reason = grade(old, new)
    assert "age threshold" not in reason

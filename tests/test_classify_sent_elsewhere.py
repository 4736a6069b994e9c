"""Issue 13: a clause whose new text only sends readers to another document ("Right to Know.
You have the right to ..." -> "Additional details can be found in our State Privacy Notice"):
what it said went to the document it names. Shown (medium), not raised as an alarm, as a whole
section left with only a pointer already is; a pointer the old text already had, or a new
text that still states something, keeps the alarm. Written in other words than the document
the kind was seen in."""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, grade
from tracker.classify.statements import read_sentence
from tracker.classify.text import match_form
from tracker.vocabulary import Direction, Severity

_RIGHTS = (
    "Deleting your data. You have the right to ask us to delete the personal information we hold"
    " about you, and you may request a copy of it twice a year."
)


@pytest.mark.parametrize(
    "pointer",
    [
        "Further details about your choices are available in our Consumer Health Data Notice.",
        "More information about these requests can be found in our Regional Privacy Supplement.",
        "Please see our State Privacy Rights page for how to make these requests.",
    ],
)
def test_rights_replaced_by_a_new_pointer_are_shown_not_raised(pointer: str) -> None:
    severity, direction, reason = grade(_RIGHTS, pointer)
    assert severity == Severity.MEDIUM
    assert direction == Direction.EXPANDS
    assert "sent to another document" in reason


def test_a_pointer_the_old_text_already_had_keeps_the_alarm() -> None:
    pointer = "For more information, see our Privacy Center."
    severity, _, _ = grade(f"We do not sell your personal information. {pointer}", pointer)
    assert severity == Severity.HIGH


def test_a_pointer_to_a_document_on_another_topic_keeps_the_alarm() -> None:
    severity, _, _ = grade(
        "We will never sell your personal information to anyone.",
        "To learn more about cookies, please see our Cookie Policy.",
    )
    assert severity == Severity.HIGH


def test_a_new_text_that_still_states_a_practice_keeps_the_alarm() -> None:
    severity, _, _ = grade(
        "We do not share your messages with advertisers.",
        "We may share your messages with advertisers. More details are available in our"
        " Advertising Notice.",
    )
    assert severity == Severity.HIGH


@pytest.mark.parametrize(
    "sentence",
    [
        "Additional details about how we use cookies can be found in our Cookie Notice.",
        "Further information on transfers is available in our Data Transfer Policy.",
    ],
)
def test_details_found_in_another_document_are_a_pointer(sentence: str) -> None:
    assert read_sentence(match_form(sentence), RULES.readings).pointer


def test_details_made_available_to_others_are_no_pointer() -> None:
    sentence = "Further details about your precise location are available to advertisers."
    assert not read_sentence(match_form(sentence), RULES.readings).pointer
    severity, _, _ = grade(
        "We do not share your location with advertisers.",
        "Further details about your precise location are available to advertisers that request"
        " them.",
    )
    assert severity == Severity.HIGH

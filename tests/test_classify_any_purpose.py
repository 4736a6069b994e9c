"""Issue 13, a reviewer's round: data put to "any other purpose" (or "any additional
purposes", "any lawful purpose") has no purpose that bounds it: a new purpose (high), as "any
purpose" already is; a purpose denied, or "the purposes described above", is not."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity

OLD = "We use your data to provide the Service."


@pytest.mark.parametrize(
    "new",
    [
        "We use your data to provide the Service and for any other purpose.",
        "We use your data to provide the Service and for any additional purposes we choose.",
        "We use your data to provide the Service and for any other lawful purpose.",
    ],
)
def test_data_put_to_any_other_purpose_is_a_new_purpose(new: str) -> None:
    assert grade(OLD, new)[:2] == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "new",
    [
        "We use your data to provide the Service, and not for any other purpose.",
        "We use your data to provide the Service and for the purposes described above.",
    ],
)
def test_no_other_purpose_or_the_purposes_named_is_not_high(new: str) -> None:
    assert grade(OLD, new)[0] != Severity.HIGH

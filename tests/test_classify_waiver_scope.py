"""An arbitration or class-action waiver said of some people only ("If you live in the United
States", "US users") that now names more people or places binds people it did not bind: high,
expands; one that names fewer narrows. A renaming ("United States" -> "U.S.") or a name that is
not the people's ("administered by JAMS") changes no one's waiver."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import added, grade

ARBITRATE = "you agree to resolve disputes by binding arbitration."


@pytest.mark.parametrize(
    ("old", "new", "joined"),
    [
        (
            f"If you live in the United States, {ARBITRATE}",
            f"If you live in the United States or Canada, {ARBITRATE}",
            "Canada",
        ),
        (
            "US users agree to binding arbitration and waive class actions.",
            "US and EU users agree to binding arbitration and waive class actions.",
            "EU",
        ),
        (
            f"If you are a US user, {ARBITRATE}",
            f"If you are a US or Canadian user, {ARBITRATE}",
            "Canadian",
        ),
        (
            "Residents of the United States agree to binding arbitration of all disputes.",
            "Residents of the United States and Canada agree to binding arbitration of all "
            "disputes.",
            "Canada",
        ),
        # a list of places, each after a comma
        (
            f"If you are a resident of the United States, {ARBITRATE}",
            f"If you are a resident of the United States, Canada or Mexico, {ARBITRATE}",
            "Canada, Mexico",
        ),
        # the people a waiver leaves out: naming fewer of them binds more
        (
            "Except for EU and UK users, all users agree to binding arbitration.",
            "Except for EU users, all users agree to binding arbitration.",
            "UK",
        ),
        (
            "Users outside the EU and UK agree to binding arbitration of all disputes.",
            "Users outside the EU agree to binding arbitration of all disputes.",
            "UK",
        ),
        (
            "You agree to binding arbitration, unless you are an EU or UK resident.",
            "You agree to binding arbitration, unless you are an EU resident.",
            "UK",
        ),
    ],
)
def test_a_waiver_for_some_that_names_more_people_is_extended(
    old: str, new: str, joined: str
) -> None:
    assert grade(old, new) == (
        "high",
        "expands",
        f"arbitration or class-action waiver extended to: {joined}",
    )
    severity, direction, reason = grade(new, old)
    assert (severity, direction) == ("medium", "narrows"), reason
    assert reason == f"arbitration or class-action waiver no longer for: {joined}"


@pytest.mark.parametrize(
    "new",
    [
        f"If you live in the U.S., {ARBITRATE}",  # renamed
        f"If you live in the United States, {ARBITRATE[:-1]} administered by JAMS.",
        f"If you live in the United States, {ARBITRATE[:-1]} with Acme Inc.",
    ],
)
def test_a_renamed_place_or_another_name_extends_no_waiver(new: str) -> None:
    severity, _, reason = grade(f"If you live in the United States, {ARBITRATE}", new)
    assert severity != "high", reason
    assert "extended" not in reason


def test_a_waiver_for_everyone_names_no_group_to_extend() -> None:
    severity, _, reason = grade(
        "All users agree to binding arbitration of all disputes.",
        "All users agree to binding arbitration of all disputes with Acme.",
    )
    assert severity != "high", reason


@pytest.mark.parametrize(
    "text",
    [
        "In certain circumstances, the DPF provides the right to invoke binding arbitration to "
        "determine complaints not resolved by other means.",
        "Nothing in these terms requires you to arbitrate disputes.",
        "The arbitration agreement does not apply to consumers in the EU.",
    ],
)
def test_a_new_sentence_naming_arbitration_only_as_a_choice_or_to_deny_it_adds_no_waiver(
    text: str,
) -> None:
    severity, _, reason = added(text)
    assert "waiver added" not in reason and severity != "high", reason


def test_a_new_arbitration_clause_is_still_a_waiver_added() -> None:
    assert added("You agree that all disputes will be resolved by binding arbitration.")[:2] == (
        "high",
        "expands",
    )


@pytest.mark.parametrize(
    ("old", "new", "was"),
    [
        (
            f"If you live in the United States, {ARBITRATE}",
            f"{ARBITRATE[0].upper()}{ARBITRATE[1:]}",
            "United States",
        ),
        (
            f"If you live in the United States, {ARBITRATE}",
            f"Wherever you live, {ARBITRATE}",
            "United States",
        ),
        (
            "US and EU users agree to binding arbitration and waive class actions.",
            "Users agree to binding arbitration and waive class actions.",
            "US, EU",
        ),
        (
            "US users agree to binding arbitration and waive class actions.",
            "All users agree to binding arbitration and waive class actions.",
            "US",
        ),
    ],
)
def test_a_waiver_for_some_now_said_of_everyone_is_extended(old: str, new: str, was: str) -> None:
    """The people it was said of dropped: it binds everyone."""
    assert grade(old, new) == (
        "high",
        "expands",
        f"arbitration or class-action waiver extended to: everyone, not only {was}",
    )
    severity, direction, reason = grade(new, old)
    assert (severity, direction) != ("high", "expands"), reason


def test_a_waiver_whose_people_are_named_in_the_next_sentence_binds_no_one_more() -> None:
    severity, _, reason = grade(
        f"If you live in the United States, {ARBITRATE}",
        f"{ARBITRATE[0].upper()}{ARBITRATE[1:]} This section applies only if you live in the "
        "United States.",
    )
    assert severity != "high", reason


@pytest.mark.parametrize(
    "text",
    [
        "You and Acme agree that any dispute will be resolved by binding arbitration and you waive "
        "your right to a class action; some features of the Services are optional.",
        "Any dispute shall be resolved exclusively by binding individual arbitration, and either "
        "party may invoke the arbitration procedure by written notice.",
        "You waive any right to participate in a class action; nothing in this section limits "
        "your right to contact our support team.",
        "The class action waiver does not apply to claims brought in small claims court, and all "
        "other disputes must be resolved by binding arbitration.",
    ],
)
def test_a_waiver_imposed_in_one_part_stays_when_another_part_says_optional_or_invoke(
    text: str,
) -> None:
    """The words that deny a waiver deny it only in the part of the sentence they are in."""
    assert added(text)[:2] == ("high", "expands"), added(text)[2]

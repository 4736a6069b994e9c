"""Section titles listed by number name where something is written, not a topic (issue 13).

Survival clauses list the sections that outlive the agreement by number and title ("12
(Indemnity), 13 (Limitation of Liability), 14 (Governing Law and Venue)"); their readers labelled
them with none of those topics (Quora's in holdout22, Reddit's in holdout32).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import load_rules, topics_of
from tracker.classify.topics import without_section_titles

RULES = load_rules(Path(__file__).resolve().parents[1] / "data" / "rules.toml")


@pytest.mark.parametrize(
    "text",
    [
        "The following sections will survive any termination of these Terms: 5 (Your Content), "
        "12 (Indemnity), 13 (Disclaimers and Limitation of Liability), 14 (Governing Law and "
        "Venue), and 18 (Miscellaneous).",
        "The following provisions will survive: Section 2(e)(Termination), Section 8 "
        "(Limitation of Liability), Section 10 (Arbitration).",
    ],
)
def test_a_list_of_section_titles_gives_none_of_their_topics(text: str) -> None:
    found = topics_of(text, RULES)
    assert not {"liability", "governing_law", "arbitration"} & set(found), found


def test_the_numbers_stay_and_the_titles_go() -> None:
    form = "Sections 12 (Indemnity) and 13 (Limitation of Liability) survive."
    assert without_section_titles(form) == "Sections 12 and 13 survive."


@pytest.mark.parametrize(
    "text",
    [
        # one section named: a reference the clause may be about
        "Any dispute will be resolved as set out in Section 9 (Arbitration).",
        # titles in sentence case are words of the sentence: what applies is said
        "Clause 9 (Use of subprocessors) - Option 2 (General written authorization) will apply.",
        # a number spelled out
        "You must be 18 (Eighteen) or 21 (Twenty-one) years old.",
        # titles that are what the clause is about, outside a survival clause
        "To make a request under Article 15 (Right of Access) or Article 17 (Right to "
        "Erasure), email us.",
    ],
)
def test_other_brackets_after_numbers_stay(text: str) -> None:
    assert without_section_titles(text) == text


def test_a_clause_saying_the_topic_itself_keeps_it() -> None:
    text = (
        "The following sections survive: 12 (Indemnity), 13 (Limitation of Liability). In no "
        "event will we be liable for any indirect damages."
    )
    assert "liability" in topics_of(text, RULES)


def test_rights_named_by_their_articles_keep_their_topic() -> None:
    """helper-158's review: a request under "Article 15 (Right of Access)" is about the right."""
    text = (
        "To make a request under Article 15 (Right of Access) or Article 17 (Right to "
        "Erasure), email privacy@example.com."
    )
    assert "user_rights" in topics_of(text, RULES)

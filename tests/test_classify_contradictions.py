"""Contradictions between documents of one service: only "yes" against "no" counts, every
disagreeing pair is reported once, in a stable order, with both quotes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.classify import FactAnswer, find_contradictions
from tracker.classify.rules import Answer

QUESTION = "Are prompts and outputs stored by default?"


def fact(answer: Answer, quote: str | None = None, fact_id: str = "stores") -> FactAnswer:
    if answer == "not stated":
        return FactAnswer(fact_id, QUESTION, answer)
    return FactAnswer(fact_id, QUESTION, answer, clause_id="c1", quote=quote or f"{answer}!")


def test_yes_against_no_is_one_contradiction_with_both_quotes() -> None:
    found = find_contradictions(
        {
            "acme/privacy-policy": [fact("yes", "We keep your prompts until you delete them.")],
            "acme/docs": [fact("no", "Acme does not store prompts by default.")],
        }
    )
    (contradiction,) = found
    assert contradiction.fact_id == "stores" and contradiction.question == QUESTION
    assert contradiction.first[0] == "acme/docs"  # documents in slug order
    assert contradiction.first[1].quote == "Acme does not store prompts by default."
    assert contradiction.second[1].quote == "We keep your prompts until you delete them."


def test_not_stated_and_agreement_are_not_contradictions() -> None:
    assert (
        find_contradictions(
            {
                "acme/privacy-policy": [fact("no"), fact("yes", fact_id="sold")],
                "acme/terms": [fact("not stated"), fact("yes", fact_id="sold")],
                "acme/docs": [fact("no"), fact("not stated", fact_id="sold")],
            }
        )
        == []
    )


def test_each_disagreeing_pair_is_reported() -> None:
    found = find_contradictions(
        {
            "acme/a": [fact("yes")],
            "acme/b": [fact("no")],
            "acme/c": [fact("no")],
        }
    )
    assert [(c.first[0], c.second[0]) for c in found] == [
        ("acme/a", "acme/b"),
        ("acme/a", "acme/c"),
    ]


@given(
    st.dictionaries(
        st.sampled_from(["s/a", "s/b", "s/c", "s/d"]),
        st.sampled_from(["yes", "no", "not stated"]),
        max_size=4,
    )
)
def test_contradictions_are_exactly_the_yes_no_pairs(answers: dict[str, Answer]) -> None:
    found = find_contradictions({slug: [fact(a)] for slug, a in answers.items()})
    yes = sum(1 for a in answers.values() if a == "yes")
    no = sum(1 for a in answers.values() if a == "no")
    assert len(found) == yes * no
    for c in found:
        assert {c.first[1].answer, c.second[1].answer} == {"yes", "no"}
        assert c.first[0] < c.second[0]

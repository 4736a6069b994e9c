"""Contradictions: two documents of one service giving different answers to the same key fact.

Only "yes" against "no" is a contradiction; a document that does not state a fact agrees with
everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from tracker.classify.facts import FactAnswer


@dataclass(frozen=True, slots=True)
class Contradiction:
    """``first`` and ``second`` (document slug, answer with its quote) disagree on ``fact_id``."""

    fact_id: str
    question: str
    first: tuple[str, FactAnswer]
    second: tuple[str, FactAnswer]


def find_contradictions(answers: Mapping[str, Sequence[FactAnswer]]) -> list[Contradiction]:
    """Every pair of documents (keyed by slug) answering a fact "yes" and "no".

    Results are ordered by fact (as first met) and then by document slug.
    """
    by_fact: dict[str, list[tuple[str, FactAnswer]]] = {}
    for slug in sorted(answers):
        for answer in answers[slug]:
            if answer.answer in ("yes", "no"):
                by_fact.setdefault(answer.fact_id, []).append((slug, answer))
    found: list[Contradiction] = []
    for fact_id, stated in by_fact.items():
        for (slug_a, a), (slug_b, b) in combinations(stated, 2):
            if a.answer != b.answer:
                found.append(
                    Contradiction(
                        fact_id=fact_id, question=a.question, first=(slug_a, a), second=(slug_b, b)
                    )
                )
    return found

"""Key facts: short questions ("Is data sold?") answered yes / no / not stated, with evidence.

Each fact of the rule file has a scope of topics and an ordered list of rules. A rule names
terms that must all occur in one sentence (``when``) and terms that must not (``unless``). The
answer comes from the first rule, in file order, that matches a sentence of a clause on one of
the fact's topics; the evidence is the first such sentence in document order, quoted verbatim,
with its clause id. When no rule matches, the answer is "not stated". Headings are not read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.classify.rules import Answer, Fact, RuleSet
from tracker.classify.text import match_form, sentences
from tracker.classify.topics import topics_of
from tracker.model import Clause


@dataclass(frozen=True, slots=True)
class FactAnswer:
    """The answer to one key fact in one document, with the clause and sentence behind it."""

    fact_id: str
    question: str
    answer: Answer
    clause_id: str | None = None
    quote: str | None = None
    why: str = ""


@dataclass(frozen=True, slots=True)
class _Reading:
    """A clause prepared once for all facts: its topics and its sentences (verbatim, matched)."""

    clause: Clause
    topics: frozenset[str]
    sentences: tuple[tuple[str, str], ...]


def answer_facts(clauses: Sequence[Clause], rules: RuleSet) -> tuple[FactAnswer, ...]:
    """Answer every key fact of ``rules`` from one document's ``clauses``."""
    readings = [
        _Reading(
            clause=clause,
            topics=frozenset(topics_of(clause.text, rules)),
            sentences=tuple((s, match_form(s)) for s in sentences(clause.text)),
        )
        for clause in clauses
        if clause.kind != "heading"
    ]
    return tuple(_answer(fact, readings) for fact in rules.facts)


def _answer(fact: Fact, readings: Sequence[_Reading]) -> FactAnswer:
    scope = [r for r in readings if r.topics.intersection(fact.topics)]
    for rule in fact.rules:
        for reading in scope:
            for original, form in reading.sentences:
                if rule.matches(form):
                    return FactAnswer(fact_id=fact.id, question=fact.question,
                                      answer=rule.answer, clause_id=reading.clause.id,
                                      quote=original, why=rule.why)
    return FactAnswer(fact_id=fact.id, question=fact.question, answer="not stated")

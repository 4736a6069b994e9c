"""Key facts: short questions ("Is data sold?") answered yes / no / not stated, with evidence.

Each fact of the rule file has a scope of topics and an ordered list of rules. A rule names
terms that must all occur in one sentence (``when``) and terms that must not (``unless``). The
answer comes from the first rule, in file order, that matches a sentence of a clause on one of
the fact's topics; the evidence is the first such sentence in document order, quoted verbatim,
with its clause id. When no rule matches, the answer is "not stated". Headings are not read.

:func:`facts_fingerprint` names the fact rules, so answers computed under different rules are
never compared as if the document had changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.classify.rules import Answer, Fact, RuleSet, Term
from tracker.classify.text import match_form, sentences
from tracker.classify.topics import topics_of
from tracker.model import Clause, sha256_hex

#: Raise when the way facts are answered changes (sentence splitting, match form, order).
FACTS_LOGIC_VERSION = 1


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


def answer_facts(
    clauses: Sequence[Clause],
    rules: RuleSet,
    *,
    topics: Sequence[Sequence[str]] | None = None,
) -> tuple[FactAnswer, ...]:
    """Answer every key fact of ``rules`` from one document's ``clauses``.

    ``topics``, when the caller has them, are the topics of each clause (``topics_of`` of its
    text under the same ``rules``), in the same order; otherwise they are computed here.
    """
    if topics is None:
        topics = [topics_of(clause.text, rules) for clause in clauses]
    elif len(topics) != len(clauses):
        raise ValueError(f"{len(topics)} topic lists for {len(clauses)} clauses")
    read = {topic for fact in rules.facts for topic in fact.topics}
    readings = [  # a clause on no fact's topics is in no fact's scope: never split
        _Reading(
            clause=clause,
            topics=frozenset(clause_topics),
            sentences=tuple((s, match_form(s)) for s in sentences(clause.text)),
        )
        for clause, clause_topics in zip(clauses, topics, strict=True)
        if clause.kind != "heading" and not read.isdisjoint(clause_topics)
    ]
    return tuple(_answer(fact, readings) for fact in rules.facts)


def _answer(fact: Fact, readings: Sequence[_Reading]) -> FactAnswer:
    scope = [r for r in readings if r.topics.intersection(fact.topics)]
    for rule in fact.rules:
        for reading in scope:
            for original, form in reading.sentences:
                if rule.matches(form):
                    return FactAnswer(
                        fact_id=fact.id,
                        question=fact.question,
                        answer=rule.answer,
                        clause_id=reading.clause.id,
                        quote=original,
                        why=rule.why,
                    )
    return FactAnswer(fact_id=fact.id, question=fact.question, answer="not stated")


def facts_fingerprint(rules: RuleSet) -> str:
    """SHA-256 of everything an answer depends on: the facts, their rules and terms, the
    patterns of the topics they read, and :data:`FACTS_LOGIC_VERSION`. Comments, labels,
    rules of other topics and the facts' ``statements`` (read only in third parties' pages)
    do not count."""
    topics = {t.id: list(t.patterns) for t in rules.topics}

    def terms(group: Sequence[Term]) -> list[list[object]]:
        return [[t.name, list(t.patterns)] for t in group]

    described = [
        FACTS_LOGIC_VERSION,
        [
            [
                fact.id,
                fact.question,
                [[t, topics.get(t, [])] for t in fact.topics],
                [[r.answer, terms(r.when), terms(r.unless), r.why] for r in fact.rules],
            ]
            for fact in rules.facts
        ],
    ]
    return sha256_hex(json.dumps(described, ensure_ascii=False))

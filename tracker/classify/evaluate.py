"""Scoring the classifier against hand-checked data (tests/data/): topics and key facts.

Pure: the caller reads the files and passes their text. Used by ``bench/eval_classify.py`` (which
prints the numbers) and by the tests (which hold them to the targets).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from tracker.classify.facts import FactAnswer
from tracker.classify.rules import Answer, RuleSet
from tracker.classify.topics import topics_of

ANSWERS: tuple[Answer, ...] = ("yes", "no", "not stated")


@dataclass(frozen=True, slots=True)
class GoldClause:
    """One hand-labelled clause: where it comes from, its text and its topics."""

    document: str
    file: str
    text: str
    topics: frozenset[str]
    sample: str = ""
    ambiguous: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class TopicScore:
    """Counts for one topic (or all, ``topic == "overall"``), and precision and recall.

    With nothing predicted precision is 1.0; with nothing to find recall is 1.0.
    """

    topic: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        relevant = self.true_positives + self.false_negatives
        return self.true_positives / relevant if relevant else 1.0


@dataclass(frozen=True, slots=True)
class TopicMiss:
    """A topic found but not labelled (``kind="false positive"``) or labelled but not found."""

    kind: str
    topic: str
    clause: GoldClause


@dataclass(frozen=True, slots=True)
class TopicEvaluation:
    per_topic: tuple[TopicScore, ...]
    overall: TopicScore
    misses: tuple[TopicMiss, ...]


@dataclass(frozen=True, slots=True)
class ExpectedFact:
    """What a document must answer for one key fact; ``evidence`` is a fragment of the quote."""

    fact_id: str
    answer: Answer
    evidence: str | None


@dataclass(frozen=True, slots=True)
class ExpectedDocument:
    slug: str
    path: str
    facts: tuple[ExpectedFact, ...]


@dataclass(frozen=True, slots=True)
class ExpectedContradiction:
    fact_id: str
    documents: frozenset[str]


def parse_topic_gold(text: str) -> tuple[GoldClause, ...]:
    """The ``[[clause]]`` tables of a gold file (``tests/data/topics_gold.toml``)."""
    data = tomllib.loads(text)
    return tuple(
        GoldClause(
            document=str(c["document"]),
            file=str(c["file"]),
            text=str(c["text"]),
            topics=frozenset(c["topics"]),
            sample=str(c.get("sample", "")),
            ambiguous=bool(c.get("ambiguous", False)),
            note=str(c.get("note", "")),
        )
        for c in data["clause"]
    )


def parse_fact_expectations(
    text: str,
) -> tuple[tuple[ExpectedDocument, ...], tuple[ExpectedContradiction, ...]]:
    """The documents and contradictions of ``tests/data/together_facts.toml``."""
    data = tomllib.loads(text)
    documents = tuple(
        ExpectedDocument(
            slug=str(d["slug"]),
            path=str(d["path"]),
            facts=tuple(_expected_fact(k, v) for k, v in d["expected"].items()),
        )
        for d in data["document"]
    )
    contradictions = tuple(
        ExpectedContradiction(fact_id=str(c["fact"]), documents=frozenset(c["documents"]))
        for c in data.get("contradiction", [])
    )
    return documents, contradictions


def _expected_fact(fact_id: str, raw: Mapping[str, Any]) -> ExpectedFact:
    answer = raw["answer"]
    if answer not in ANSWERS:
        raise ValueError(f"{fact_id}: unknown answer {answer!r}")
    evidence = raw.get("evidence")
    if answer != "not stated" and not evidence:
        raise ValueError(f"{fact_id}: a yes/no answer needs its evidence")
    return ExpectedFact(fact_id=fact_id, answer=cast(Answer, answer), evidence=evidence)


def score_topics(gold: Iterable[GoldClause], rules: RuleSet) -> TopicEvaluation:
    """Precision and recall of :func:`topics_of` on ``gold``, per topic and over all labels."""
    counts = {t.id: [0, 0, 0] for t in rules.topics}
    misses: list[TopicMiss] = []
    for clause in gold:
        found = set(topics_of(clause.text, rules))
        for topic_id in counts:
            if topic_id in found and topic_id in clause.topics:
                counts[topic_id][0] += 1
            elif topic_id in found:
                counts[topic_id][1] += 1
                misses.append(TopicMiss("false positive", topic_id, clause))
            elif topic_id in clause.topics:
                counts[topic_id][2] += 1
                misses.append(TopicMiss("false negative", topic_id, clause))
    per_topic = tuple(TopicScore(t, *c) for t, c in counts.items())
    overall = TopicScore("overall", *(sum(s[i] for s in counts.values()) for i in range(3)))
    return TopicEvaluation(per_topic=per_topic, overall=overall, misses=tuple(misses))


def fact_is_correct(expected: ExpectedFact, got: FactAnswer) -> bool:
    """Right answer, and for yes/no a quote that contains the expected evidence fragment."""
    if got.answer != expected.answer:
        return False
    if expected.answer == "not stated":
        return True
    return expected.evidence is not None and expected.evidence in (got.quote or "")


def answers_by_fact(answers: Sequence[FactAnswer]) -> dict[str, FactAnswer]:
    return {a.fact_id: a for a in answers}

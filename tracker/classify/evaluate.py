"""Scoring the classifier against hand-checked data (tests/data/): topics, key facts and the
severity of real changes.

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
from tracker.vocabulary import Direction, Severity

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


# -- severity ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelledChange:
    """A real change labelled by reading both texts (``tests/data/severity_real.toml``)."""

    id: str
    document: str
    old_file: str
    new_file: str
    split: str
    kind: str
    path: tuple[str, ...]
    old: str
    new: str
    severity: Severity
    direction: Direction
    note: str


def parse_severity_gold(text: str) -> tuple[LabelledChange, ...]:
    """The ``[[change]]`` tables of ``tests/data/severity_real.toml``."""
    data = tomllib.loads(text)
    return tuple(
        LabelledChange(
            id=str(c["id"]),
            document=str(c["document"]),
            old_file=str(c["old_file"]),
            new_file=str(c["new_file"]),
            split=str(c["split"]),
            kind=str(c["kind"]),
            path=tuple(c.get("path", ())),
            old=str(c["old"]),
            new=str(c["new"]),
            severity=Severity(c["severity"]),
            direction=Direction(c["direction"]),
            note=str(c.get("note", "")),
        )
        for c in data["change"]
    )


@dataclass(frozen=True, slots=True)
class Judged:
    """One change with what a reader said and what the classifier said."""

    expected: Severity
    got: Severity
    expected_direction: Direction = Direction.NEUTRAL
    got_direction: Direction = Direction.NEUTRAL


@dataclass(frozen=True, slots=True)
class SeverityScore:
    """Counts of (expected, got) severities, and the figures the targets are set on."""

    confusion: dict[tuple[Severity, Severity], int]
    directions_right: int
    directions_total: int

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    def count(self, expected: Severity | None = None, got: Severity | None = None) -> int:
        return sum(
            n
            for (e, g), n in self.confusion.items()
            if (expected is None or e == expected) and (got is None or g == got)
        )

    @property
    def high_precision(self) -> float:
        """Of the changes rated high, the share labelled high (1.0 when none is rated high)."""
        rated = self.count(got=Severity.HIGH)
        return self.count(Severity.HIGH, Severity.HIGH) / rated if rated else 1.0

    @property
    def high_recall(self) -> float:
        """Of the changes labelled high, the share rated high (1.0 when none is labelled high)."""
        labelled = self.count(expected=Severity.HIGH)
        return self.count(Severity.HIGH, Severity.HIGH) / labelled if labelled else 1.0

    @property
    def exact(self) -> float:
        return sum(n for (e, g), n in self.confusion.items() if e == g) / self.total

    @property
    def within_one(self) -> float:
        near = sum(n for (e, g), n in self.confusion.items() if abs(e.rank - g.rank) <= 1)
        return near / self.total

    @property
    def direction_accuracy(self) -> float:
        """Of the changes labelled expanding or narrowing, the share given that direction."""
        return self.directions_right / self.directions_total if self.directions_total else 1.0


def score_severity(judged: Iterable[Judged]) -> SeverityScore:
    """The confusion table and direction accuracy of ``judged``."""
    confusion: dict[tuple[Severity, Severity], int] = {}
    right = total = 0
    for item in judged:
        key = (item.expected, item.got)
        confusion[key] = confusion.get(key, 0) + 1
        if item.expected_direction != Direction.NEUTRAL:
            total += 1
            right += item.got_direction == item.expected_direction
    return SeverityScore(confusion=confusion, directions_right=right, directions_total=total)

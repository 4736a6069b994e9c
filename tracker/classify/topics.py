"""Which topics a text is about: every topic with a pattern that matches it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tracker.classify.literals import LiteralScan, Strings, fold, required_literals
from tracker.classify.rules import RuleSet, Topic, compile_words
from tracker.classify.text import match_form


def topics_of(text: str, rules: RuleSet) -> tuple[str, ...]:
    """Ids of the topics whose patterns match ``text``, in rule-file order."""
    form = match_form(text)
    if not form:
        return ()
    finder = rules.memo.get(TopicFinder)
    if not isinstance(finder, TopicFinder):
        finder = TopicFinder(rules.topics)
        rules.memo[TopicFinder] = finder
    return finder.topics(form)


def merge_topics(groups: Iterable[Iterable[str]], rules: RuleSet) -> tuple[str, ...]:
    """The union of several topic lists, in rule-file order."""
    wanted = {topic_id for group in groups for topic_id in group}
    return tuple(topic.id for topic in rules.topics if topic.id in wanted)


class TopicFinder:
    """The topics of a text in match form: what each topic's regex finds, tried only where it
    can match.

    A topic matches where one of its patterns, bounded by word boundaries alone, matches (its
    regex puts the boundaries once around the alternation of its patterns: the same matches,
    see :func:`~tracker.classify.rules.compile_words`). Each pattern has its
    :func:`~tracker.classify.literals.required_literals`; one :class:`LiteralScan` of the text
    finds which of all those strings it holds, and only a pattern whose every set has a string
    in the text is run (in rule-file order, until one of its topic matches). A clause of a
    corpus page runs about one pattern instead of sixteen topic regexes."""

    __slots__ = ("_always", "_ids", "_patterns", "_scan", "_wake")

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._ids = tuple(topic.id for topic in topics)
        #: (topic index, the literal sets that must all be found, the pattern's regex)
        self._patterns: list[tuple[int, tuple[Strings, ...], re.Pattern[str]]] = []
        self._always: set[int] = set()  # patterns promising no literal: always run
        self._wake: dict[str, set[int]] = {}  # literal -> patterns whose first set holds it
        for index, topic in enumerate(topics):
            for pattern in topic.patterns:
                number = len(self._patterns)
                needed = required_literals(pattern) or ()
                self._patterns.append((index, needed, compile_words((pattern,))))
                if not needed:
                    self._always.add(number)
                for literal in needed[:1][0] if needed else ():
                    self._wake.setdefault(literal, set()).add(number)
        self._scan = LiteralScan(s for _, needed, _ in self._patterns for g in needed for s in g)

    def topics(self, form: str) -> tuple[str, ...]:
        found = self._scan.found(fold(form))
        candidates = set(self._always)
        for literal in found:
            woken = self._wake.get(literal)
            if woken:
                candidates |= woken
        hits: set[int] = set()
        for number in sorted(candidates):
            index, needed, regex = self._patterns[number]
            if index in hits or any(found.isdisjoint(group) for group in needed[1:]):
                continue
            if regex.search(form) is not None:
                hits.add(index)
        return tuple(self._ids[i] for i in sorted(hits))

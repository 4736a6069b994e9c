"""Which topics a text is about: every topic with a pattern that matches it."""

from __future__ import annotations

from collections.abc import Iterable

from tracker.classify.rules import RuleSet
from tracker.classify.text import match_form


def topics_of(text: str, rules: RuleSet) -> tuple[str, ...]:
    """Ids of the topics whose patterns match ``text``, in rule-file order."""
    form = match_form(text)
    if not form:
        return ()
    return tuple(topic.id for topic in rules.topics if topic.matches(form))


def merge_topics(groups: Iterable[Iterable[str]], rules: RuleSet) -> tuple[str, ...]:
    """The union of several topic lists, in rule-file order."""
    wanted = {topic_id for group in groups for topic_id in group}
    return tuple(topic.id for topic in rules.topics if topic.id in wanted)

"""How much a change matters: high, medium, low or none, from its topics and what changed.

The grading, in order (the README explains it for users):

1. Cosmetic and moved changes, and renumberings that leave the text alone, are ``none``.
2. An added or removed clause gets the highest base severity of its topics (``untopical`` from
   the rule file when it has none).
3. A modified clause (split and merged ones too) starts one level below the highest base
   severity of the topics it keeps (never below ``low``); a topic it gains or loses counts at
   its full base severity, as if a clause on that topic had been added or removed.
4. If a signal word (negation, modal, limiter... from the rule file) or a number appears or
   disappears, the modification is raised one level, but never above what adding the clause
   would be (so a clause without topic stays ``untopical``).
5. Otherwise, if every edit is a typo fix (a word re-spelled within ``typo_max_edits`` letters,
   punctuation, or words split or joined), it is ``low``.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tracker.classify.rules import RuleSet
from tracker.classify.text import has_digit, words
from tracker.classify.topics import merge_topics, topics_of
from tracker.model import Change, ClauseDiff, InlineOp
from tracker.vocabulary import Severity

_NO_CHANGE_DETAILS = frozenset({"renumbered"})


@dataclass(frozen=True, slots=True)
class Grade:
    """A severity and the reasons for it, in words a digest can show."""

    severity: Severity
    reasons: tuple[str, ...]


def classify_change(change: Change, rules: RuleSet) -> Change:
    """A copy of ``change`` with its topics (from old and new text) and severity."""
    old_topics = topics_of(_joined(c.text for c in change.old), rules)
    new_topics = topics_of(_joined(c.text for c in change.new), rules)
    topics = merge_topics((old_topics, new_topics), rules)
    grade = grade_change(change, old_topics, new_topics, rules)
    return replace(change, topics=topics, severity=grade.severity, reason="; ".join(grade.reasons))


def classify_diff(diff: ClauseDiff, rules: RuleSet) -> ClauseDiff:
    """``diff`` with every change classified."""
    return replace(diff, changes=tuple(classify_change(c, rules) for c in diff.changes))


def grade_change(
    change: Change, old_topics: Sequence[str], new_topics: Sequence[str], rules: RuleSet
) -> Grade:
    """The severity of ``change`` given the topics of its old and new text, with reasons."""
    old_text = _joined(c.text for c in change.old)
    new_text = _joined(c.text for c in change.new)
    if change.kind in ("cosmetic", "moved"):
        return Grade(Severity.NONE, (f"{change.kind} only",))
    if change.detail in _NO_CHANGE_DETAILS and words(old_text) == words(new_text):
        return Grade(Severity.NONE, (f"{change.detail} only",))
    if change.kind in ("added", "removed"):
        topics = merge_topics((old_topics, new_topics), rules)
        return _topic_grade(topics, rules, f"clause {change.kind}")
    return _grade_modification(change, old_text, new_text, old_topics, new_topics, rules)


def _grade_modification(
    change: Change,
    old_text: str,
    new_text: str,
    old_topics: Sequence[str],
    new_topics: Sequence[str],
    rules: RuleSet,
) -> Grade:
    if words(old_text) == words(new_text) and old_text.split() == new_text.split():
        return Grade(Severity.NONE, ("no textual change",))
    kept = [t for t in old_topics if t in new_topics]
    shifted = [t for t in merge_topics((old_topics, new_topics), rules) if t not in kept]
    kept_grade = _topic_grade(kept, rules, "clause modified")
    ceiling = _topic_grade(merge_topics((old_topics, new_topics), rules), rules, "").severity
    severity = _at_least_low(_lower(kept_grade.severity))
    reasons = [f"{', '.join(kept) or 'no topic'}: modified"]
    for topic_id in shifted:
        topic = rules.topic(topic_id)
        if topic is not None and topic.severity.rank > severity.rank:
            severity = topic.severity
        side = "gained" if topic_id in new_topics else "lost"
        reasons.append(f"topic {topic_id} {side}")
    ops = change.inline or word_ops(old_text, new_text)
    signals = changed_signals(ops, rules)
    if signals:
        raised = _raise(severity)
        if raised.rank > ceiling.rank:
            reasons.append("changed " + ", ".join(signals) + f" (capped at {ceiling})")
        else:
            severity = raised
            reasons.append("changed " + ", ".join(signals))
    elif is_typo_fix(ops, rules.severity.typo_max_edits):
        severity = Severity.LOW
        reasons.append("typo fix")
    return Grade(severity, tuple(reasons))


def _topic_grade(topics: Sequence[str], rules: RuleSet, what: str) -> Grade:
    severities = [t.severity for t in rules.topics if t.id in topics]
    if not severities:
        return Grade(rules.severity.untopical, (f"{what}, no topic",))
    top = max(severities, key=lambda s: s.rank)
    return Grade(top, (f"{what} on {', '.join(topics)}",))


def changed_signals(ops: Sequence[InlineOp], rules: RuleSet) -> list[str]:
    """Names of the signals whose words appeared or disappeared (``numbers`` for numbers)."""
    inserted = Counter(w for op in ops if op.tag == "insert" for w in words(op.text))
    deleted = Counter(w for op in ops if op.tag == "delete" for w in words(op.text))
    changed = [
        signal.name
        for signal in rules.severity.signals
        if _restrict(inserted, signal.words) != _restrict(deleted, signal.words)
    ]
    if rules.severity.numbers:
        numbers_in = Counter(w for w in inserted.elements() if has_digit(w))
        numbers_out = Counter(w for w in deleted.elements() if has_digit(w))
        if numbers_in != numbers_out:
            changed.append("numbers")
    return changed


def is_typo_fix(ops: Sequence[InlineOp], max_edits: int) -> bool:
    """True when every edit in ``ops`` is a small re-spelling, punctuation, or a split/join."""
    hunks = _hunks(ops)
    if not hunks:
        return False
    for deleted, inserted in hunks:
        before, after = _letters(deleted), _letters(inserted)
        if before == after:
            continue
        if not before or not after or len(words(deleted)) > 2 or len(words(inserted)) > 2:
            return False
        if any(has_digit(w) for w in words(deleted) + words(inserted)):
            return False
        if _edit_distance(before, after, max_edits) > max_edits:
            return False
    return True


def word_ops(old_text: str, new_text: str) -> tuple[InlineOp, ...]:
    """A word-level diff of two texts, for changes that arrive without inline ops."""
    old_words, new_words = old_text.split(), new_text.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    ops: list[InlineOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(InlineOp("equal", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            ops.append(InlineOp("delete", " ".join(old_words[i1:i2])))
        if j2 > j1:
            ops.append(InlineOp("insert", " ".join(new_words[j1:j2])))
    return tuple(ops)


def _hunks(ops: Sequence[InlineOp]) -> list[tuple[str, str]]:
    """Each run of non-equal ops between equal ones, as (deleted text, inserted text)."""
    hunks: list[tuple[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op in [*ops, InlineOp("equal", "")]:
        if op.tag == "equal":
            if deleted or inserted:
                hunks.append((" ".join(deleted), " ".join(inserted)))
                deleted, inserted = [], []
        elif op.tag == "delete":
            deleted.append(op.text)
        else:
            inserted.append(op.text)
    return hunks


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``cap + 1`` as soon as it exceeds ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def _restrict(counts: Counter[str], vocabulary: frozenset[str]) -> Counter[str]:
    return Counter({w: n for w, n in counts.items() if w in vocabulary})


def _joined(texts: Iterable[str]) -> str:
    return " ".join(t for t in texts if t)


def _lower(severity: Severity) -> Severity:
    return Severity.from_rank(severity.rank - 1)


def _raise(severity: Severity) -> Severity:
    return Severity.from_rank(severity.rank + 1)


def _at_least_low(severity: Severity) -> Severity:
    return severity if severity.rank >= Severity.LOW.rank else Severity.LOW

"""How alike two clauses are, measured cheaply first and exactly only when it can matter.

Similarity is difflib's ratio over case-folded word tokens, and, where word weights are given,
no more than the same ratio with each word weighted by its rarity (inverse clause frequency):
two table rows that share only "United States" are not one row edited. Before computing it,
two upper bounds rule most pairs out for free: the length bound ``2*min/(a+b)`` (difflib's
``real_quick_ratio``) and the shared-word-multiset bound (``quick_ratio``), computed here from
precomputed counters so no matcher is built for hopeless pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tracker.diff.words import word_tokens
from tracker.model import Clause


@dataclass(frozen=True, slots=True)
class Profile:
    """A clause's case-folded words, ready for the cheap bounds and for difflib."""

    words: tuple[str, ...]
    counts: Counter[str] = field(compare=False)

    @classmethod
    def of(cls, clause: Clause) -> Profile:
        words = tuple(word_tokens(clause.display_text))
        return cls(words=words, counts=Counter(words))

    @classmethod
    def of_words(cls, words: Iterable[str]) -> Profile:
        kept = tuple(words)
        return cls(words=kept, counts=Counter(kept))

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True, slots=True)
class Score:
    """Similarity of two profiles and the number of words the best alignment matched."""

    ratio: float
    matched: int


def length_bound(a: int, b: int) -> float:
    """Upper bound of the ratio of two sequences of lengths ``a`` and ``b``."""
    return 1.0 if a + b == 0 else 2.0 * min(a, b) / (a + b)


def multiset_bound(a: Profile, b: Profile) -> float:
    """Upper bound of the ratio from the words the two profiles share, ignoring order."""
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    small, large = (a.counts, b.counts) if len(a.counts) <= len(b.counts) else (b.counts, a.counts)
    shared = sum(min(n, large.get(word, 0)) for word, n in small.items())
    return 2.0 * shared / total


def exact_score(a: Profile, b: Profile, weights: Mapping[str, float] | None = None) -> Score:
    """The full difflib ratio (no bound), at most its rarity-weighted version, and the matched
    word count."""
    if not a.words and not b.words:
        return Score(1.0, 0)
    blocks = SequenceMatcher(None, a.words, b.words, autojunk=False).get_matching_blocks()
    matched = sum(block.size for block in blocks)
    ratio = 2.0 * matched / (len(a) + len(b))
    if weights is not None and matched:
        shared = sum(weights.get(w, 1.0) for k in blocks for w in a.words[k.a : k.a + k.size])
        total = sum(weights.get(w, 1.0) for w in a.words) + sum(
            weights.get(w, 1.0) for w in b.words
        )
        ratio = min(ratio, 2.0 * shared / total)
    return Score(ratio, matched)


def bounded_score(
    a: Profile, b: Profile, threshold: float, weights: Mapping[str, float] | None = None
) -> Score | None:
    """The score of ``a`` against ``b``, or None as soon as a bound shows it is below threshold."""
    if length_bound(len(a), len(b)) < threshold or multiset_bound(a, b) < threshold:
        return None
    score = exact_score(a, b, weights)
    return score if score.ratio >= threshold else None


def rarity_weights(
    old_profiles: Iterable[Profile], new_profiles: Iterable[Profile]
) -> dict[str, float]:
    """Each word's weight: the log of how rare it is among the clauses of each version (inverse
    clause frequency, on the side where it is more frequent)."""
    frequency: dict[str, int] = {}
    size = 0
    for side in (old_profiles, new_profiles):
        side_frequency: Counter[str] = Counter()
        count = 0
        for profile in side:
            side_frequency.update(profile.counts.keys())
            count += 1
        size = max(size, count)
        for word, n in side_frequency.items():
            frequency[word] = max(frequency.get(word, 0), n)
    return {word: math.log((size + 1) / n) for word, n in frequency.items()}

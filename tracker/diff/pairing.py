"""Pair the clauses exact alignment left over by similarity, without comparing all with all.

Candidates come from two cheap sources: a shared-rare-word index (a new clause is compared only
with old clauses that share some of its rarest words) and, inside small gaps between anchors,
every pair of the gap. Each candidate then goes through the length and word-multiset bounds
before difflib's ratio is computed (see :mod:`tracker.diff.similarity`).

Pairs are chosen greedily, best ratio first: first inside the gap between the same two anchors
and without crossing each other (an edit in place), then, below that threshold, clauses in the
same gap that are each other's best remaining match, of the same kind (a short clause whose
numbers changed shares few words) or sharing a long run of words (a paragraph turned into a
list item and rewritten after its first sentence), then anywhere with a higher threshold (a
clause moved and edited), lowered for two clauses sharing a long run of words in order (a
paragraph moved and partly rewritten). Date lines left over in one gap are paired in order,
and rows of a table or items of a list left over in one gap are paired by content even if
that crosses other pairs (reordered and edited).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from tracker.diff.similarity import Profile, bounded_score, rarity_weights

#: Least ratio for two clauses in the same gap to be one clause modified.
IN_PLACE_THRESHOLD = 0.4
#: Least ratio for two clauses of the same kind in the same gap, each the other's best match.
MUTUAL_BEST_THRESHOLD = 0.25
#: Least ratio for two clauses in different places to be one clause moved and modified.
MOVED_THRESHOLD = 0.65
#: ... or, when at least MOVED_MATCHED_WORDS words match in order (a long stretch of the same
#: wording is no coincidence in a legal text), this lower ratio.
MOVED_LONG_THRESHOLD = 0.5
MOVED_MATCHED_WORDS = 20
#: Words a new clause looks up in the old clauses' index, rarest first.
RARE_WORDS_PER_CLAUSE = 8
#: A word in more old clauses than this is too common to find candidates by.
MAX_POSTING = 48
#: Candidates (most shared rare words first) scored per new clause.
MAX_CANDIDATES = 24
#: A gap with at most this many old x new clauses is compared all against all.
SMALL_GAP_PAIRS = 64


@dataclass(frozen=True, slots=True)
class Candidate:
    ratio: float
    matched: int
    old: int
    new: int


def gap_numbers(
    anchors: Sequence[tuple[int, int]], n_old: int, n_new: int
) -> tuple[list[int], list[int]]:
    """For each old and new index, the number of anchors before it: its gap between anchors."""
    old_anchor = [i for i, _ in anchors]
    new_anchor = [j for _, j in anchors]
    return (
        [bisect.bisect_left(old_anchor, i) for i in range(n_old)],
        [bisect.bisect_left(new_anchor, j) for j in range(n_new)],
    )


def _rare_word_candidates(
    old_free: Sequence[int],
    new_free: Sequence[int],
    old_profiles: Mapping[int, Profile],
    new_profiles: Mapping[int, Profile],
) -> set[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i in old_free:
        for word in old_profiles[i].counts:
            postings[word].append(i)
    found: set[tuple[int, int]] = set()
    for j in new_free:
        known = [w for w in new_profiles[j].counts if 0 < len(postings.get(w, ())) <= MAX_POSTING]
        known.sort(key=lambda w: (len(postings[w]), w))
        hits: dict[int, int] = defaultdict(int)
        for word in known[:RARE_WORDS_PER_CLAUSE]:
            for i in postings[word]:
                hits[i] += 1
        best = sorted(hits, key=lambda i: (-hits[i], i))[:MAX_CANDIDATES]
        found.update((i, j) for i in best)
    return found


def _small_gap_candidates(
    old_free: Sequence[int],
    new_free: Sequence[int],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
) -> set[tuple[int, int]]:
    olds: dict[int, list[int]] = defaultdict(list)
    news: dict[int, list[int]] = defaultdict(list)
    for i in old_free:
        olds[gap_old[i]].append(i)
    for j in new_free:
        news[gap_new[j]].append(j)
    found: set[tuple[int, int]] = set()
    for gap, old_in_gap in olds.items():
        new_in_gap = news.get(gap, [])
        if len(old_in_gap) * len(new_in_gap) <= SMALL_GAP_PAIRS:
            found.update((i, j) for i in old_in_gap for j in new_in_gap)
    return found


def candidate_pairs(
    old_free: Sequence[int],
    new_free: Sequence[int],
    old_profiles: Mapping[int, Profile],
    new_profiles: Mapping[int, Profile],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
) -> set[tuple[int, int]]:
    """The (old, new) pairs worth scoring: sharing rare words, or together in a small gap."""
    pairs = _rare_word_candidates(old_free, new_free, old_profiles, new_profiles)
    return pairs | _small_gap_candidates(old_free, new_free, gap_old, gap_new)


def scored_candidates(
    old_free: Sequence[int],
    new_free: Sequence[int],
    old_profiles: Mapping[int, Profile],
    new_profiles: Mapping[int, Profile],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
) -> list[Candidate]:
    """Candidate pairs that reach the threshold of where they are, best first: the mutual-best
    threshold inside one gap, the lower moved threshold across gaps (:func:`pair_anywhere`
    then asks a long run of shared words of pairs under the plain moved threshold)."""
    pairs = candidate_pairs(old_free, new_free, old_profiles, new_profiles, gap_old, gap_new)
    weights = rarity_weights(old_profiles.values(), new_profiles.values())
    scored: list[Candidate] = []
    for i, j in pairs:
        least = MUTUAL_BEST_THRESHOLD if gap_old[i] == gap_new[j] else MOVED_LONG_THRESHOLD
        score = bounded_score(old_profiles[i], new_profiles[j], least, weights)
        if score is not None:
            scored.append(Candidate(score.ratio, score.matched, i, j))
    scored.sort(key=lambda c: (-c.ratio, c.old, c.new))
    return scored


class _InPlace:
    """Pairs chosen inside gaps so far, kept sorted per gap to refuse crossing pairs."""

    def __init__(self, gap_old: Sequence[int], gap_new: Sequence[int]) -> None:
        self.gap_old, self.gap_new = gap_old, gap_new
        self.by_gap: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        self.used_old: set[int] = set()
        self.used_new: set[int] = set()
        self.chosen: list[Candidate] = []

    def open(self, cand: Candidate) -> bool:
        """Both clauses free and in the same gap."""
        return (
            self.gap_old[cand.old] == self.gap_new[cand.new]
            and cand.old not in self.used_old
            and cand.new not in self.used_new
        )

    def take(self, cand: Candidate) -> None:
        """Pair the two clauses unless that would cross a pair already taken in the gap."""
        olds, news = self.by_gap[self.gap_old[cand.old]]
        at = bisect.bisect_left(olds, cand.old)
        if (at > 0 and news[at - 1] > cand.new) or (at < len(olds) and news[at] < cand.new):
            return
        olds.insert(at, cand.old)
        news.insert(at, cand.new)
        self.used_old.add(cand.old)
        self.used_new.add(cand.new)
        self.chosen.append(cand)


class InPlacePairing:
    """Pairs made inside gaps, in two rounds with other steps in between (see clauses.py):
    :meth:`strong` (best first, at ``IN_PLACE_THRESHOLD``), then :meth:`weak` (mutual best
    matches). Pairs never cross inside a gap; clauses taken elsewhere are :meth:`exclude`-d."""

    def __init__(
        self, candidates: Sequence[Candidate], gap_old: Sequence[int], gap_new: Sequence[int]
    ) -> None:
        self.candidates = candidates
        self.state = _InPlace(gap_old, gap_new)

    @property
    def chosen(self) -> list[Candidate]:
        return self.state.chosen

    def exclude(self, old: Iterable[int], new: Iterable[int]) -> None:
        self.state.used_old.update(old)
        self.state.used_new.update(new)

    def strong(self) -> None:
        """Best-first non-crossing pairs within one gap each, at the in-place threshold."""
        state = self.state
        for cand in self.candidates:
            if cand.ratio >= IN_PLACE_THRESHOLD and state.open(cand):
                state.take(cand)

    def weak(self, same_kind: Callable[[int, int], bool]) -> None:
        """Below the threshold, clauses each other's best remaining match in their gap."""
        state = self.state
        best_of_old: dict[int, Candidate] = {}
        best_of_new: dict[int, Candidate] = {}
        for cand in self.candidates:  # best first, so the first seen is the best
            if state.open(cand):
                best_of_old.setdefault(cand.old, cand)
                best_of_new.setdefault(cand.new, cand)
        for cand in self.candidates:
            if (
                state.open(cand)
                and best_of_old[cand.old] is cand
                and best_of_new[cand.new] is cand
                and (same_kind(cand.old, cand.new) or cand.matched >= MOVED_MATCHED_WORDS)
            ):
                state.take(cand)


def pair_anywhere(
    candidates: Iterable[Candidate], used_old: set[int], used_new: set[int]
) -> list[Candidate]:
    """Best-first pairs of still-free clauses anywhere, at the moved-and-modified thresholds."""
    chosen: list[Candidate] = []
    for cand in candidates:
        if cand.ratio < MOVED_LONG_THRESHOLD:
            break
        if cand.ratio < MOVED_THRESHOLD and cand.matched < MOVED_MATCHED_WORDS:
            continue
        if cand.old in used_old or cand.new in used_new:
            continue
        used_old.add(cand.old)
        used_new.add(cand.new)
        chosen.append(cand)
    return chosen


def pair_date_lines(
    left_old: Iterable[int],
    left_new: Iterable[int],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
    is_date_old: Callable[[int], bool],
    is_date_new: Callable[[int], bool],
) -> list[tuple[int, int]]:
    """Date lines ("Last updated: ...") still unpaired in one gap, paired in order: the date
    is the whole of such a short line, so a new date leaves too few words for similarity."""
    olds: dict[int, list[int]] = defaultdict(list)
    for i in sorted(left_old):
        if is_date_old(i):
            olds[gap_old[i]].append(i)
    pairs: list[tuple[int, int]] = []
    for j in sorted(left_new):
        waiting = olds.get(gap_new[j])
        if waiting and is_date_new(j):
            pairs.append((waiting.pop(0), j))
    return pairs


def pair_reordered(
    candidates: Iterable[Candidate],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
    used_old: set[int],
    used_new: set[int],
    reorderable: Callable[[int, int], bool],
) -> list[Candidate]:
    """Best-first pairs of still-free rows or list items of one gap at the in-place threshold,
    crossing allowed: rows of a table (items of a list) matched by their content, wherever the
    new order puts them."""
    chosen: list[Candidate] = []
    for cand in candidates:
        if cand.ratio < IN_PLACE_THRESHOLD:
            break
        if cand.old in used_old or cand.new in used_new:
            continue
        if gap_old[cand.old] != gap_new[cand.new] or not reorderable(cand.old, cand.new):
            continue
        used_old.add(cand.old)
        used_new.add(cand.new)
        chosen.append(cand)
    return chosen

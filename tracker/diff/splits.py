"""Recognise a clause split in two (or more) and clauses merged into one.

Starting from a clause modified in place, a free neighbour on the other side joins the group
when most of its words (``MIN_CONTAINMENT``) come from the paired clause and the joined group
matches the paired clause better than the group did without it. One modification is then
reported instead of a modified clause plus added (or removed) fragments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.diff.similarity import Profile, exact_score

#: Share of a fragment's words that must come from the clause it was split from / merged into.
MIN_CONTAINMENT = 0.6
#: How much the ratio must improve for a fragment to join the group (any real improvement).
MIN_GAIN = 1e-9
#: Most clauses one side of a split or merge may have.
MAX_GROUP = 8


@dataclass(frozen=True, slots=True)
class Group:
    """Old and new indexes of one paired change (one on each side unless split or merged)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    ratio: float


def _grow(
    anchor: Profile,
    start: int,
    start_ratio: float,
    profiles: Mapping[int, Profile],
    free: set[int],
    gaps: Sequence[int],
) -> tuple[list[int], float]:
    """Extend ``[start]`` with adjacent free indexes of the same gap while the match improves."""
    group = [start]
    ratio = start_ratio
    while len(group) < MAX_GROUP:
        for cand in (group[-1] + 1, group[0] - 1):
            if cand not in free or gaps[cand] != gaps[start]:
                continue
            piece = profiles[cand]
            if not piece.words:
                continue
            if exact_score(piece, anchor).matched < MIN_CONTAINMENT * len(piece):
                continue
            joined = sorted([*group, cand])
            words = (w for k in joined for w in profiles[k].words)
            trial = exact_score(anchor, Profile.of_words(words))
            if trial.ratio >= ratio + MIN_GAIN:
                group, ratio = joined, trial.ratio
                break
        else:
            break
    return group, ratio


def grow_splits_and_merges(
    pairs: Sequence[tuple[int, int, float]],
    old_profiles: Mapping[int, Profile],
    new_profiles: Mapping[int, Profile],
    free_old: set[int],
    free_new: set[int],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
) -> list[Group]:
    """Turn in-place pairs (old, new, ratio) into groups; fragments taken leave the free sets."""
    groups: list[Group] = []
    for i, j, ratio in pairs:
        news, new_ratio = _grow(old_profiles[i], j, ratio, new_profiles, free_new, gap_new)
        if len(news) > 1:
            free_new.difference_update(news)
            groups.append(Group((i,), tuple(news), new_ratio))
            continue
        olds, old_ratio = _grow(new_profiles[j], i, ratio, old_profiles, free_old, gap_old)
        free_old.difference_update(olds)
        groups.append(Group(tuple(olds), (j,), old_ratio))
    return groups

"""Recognise a clause split in two (or more) and clauses merged into one.

Starting from a clause modified in place, a free neighbour on the other side joins the group
when most of its words (``MIN_CONTAINMENT``) come from the paired clause and the joined group
matches the paired clause better than the group did without it. A free neighbour that does not
come from the paired clause (not a heading) joins too when the free clause just past it does and
brings that many more of the paired clause's words into the match, in order: a new piece between
two pieces of a split (a sentence cut into a list whose first item is new) or of a merge. One
modification is then reported instead of a modified clause plus added (or removed) fragments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    bridges: Callable[[int], bool],
) -> tuple[list[int], float]:
    """Extend ``[start]`` with adjacent free indexes of the same gap (or past one new piece that
    ``bridges`` allows) while the match improves."""
    group, ratio = [start], start_ratio
    while grown := (
        _grow_past(anchor, group, ratio, group[-1] + 1, 1, profiles, free, gaps, bridges)
        or _grow_past(anchor, group, ratio, group[0] - 1, -1, profiles, free, gaps, bridges)
    ):
        group, ratio = grown
    return group, ratio


def _grow_past(
    anchor: Profile,
    group: Sequence[int],
    ratio: float,
    near: int,
    step: int,
    profiles: Mapping[int, Profile],
    free: set[int],
    gaps: Sequence[int],
    bridges: Callable[[int], bool],
) -> tuple[list[int], float] | None:
    """The group grown by the free clause at ``near`` if it comes from ``anchor``; else by it and
    the one past it if that one does and ``near`` may stand between two pieces; with the new
    ratio. None when the group cannot grow this way or the match does not improve."""
    gap = gaps[group[0]]
    for pieces in ((near,), (near, near + step)):
        if len(group) + len(pieces) > MAX_GROUP:
            return None
        if any(k not in free or gaps[k] != gap or not profiles[k].words for k in pieces):
            return None
        piece = profiles[pieces[-1]]
        if exact_score(piece, anchor).matched < MIN_CONTAINMENT * len(piece):
            if not bridges(near):
                return None
            continue
        joined = sorted([*group, *pieces])
        trial = exact_score(anchor, _words(joined, profiles))
        if len(pieces) == 1:
            return (joined, trial.ratio) if trial.ratio >= ratio + MIN_GAIN else None
        # A new piece between lowers the ratio: the far piece must match words of the anchor
        # the group had not matched, in order.
        before = exact_score(anchor, _words(group, profiles)).matched
        return (
            (joined, trial.ratio)
            if trial.matched - before >= MIN_CONTAINMENT * len(piece)
            else None
        )
    return None


def _words(group: Sequence[int], profiles: Mapping[int, Profile]) -> Profile:
    return Profile.of_words(w for k in group for w in profiles[k].words)


def grow_splits_and_merges(
    pairs: Sequence[tuple[int, int, float]],
    old_profiles: Mapping[int, Profile],
    new_profiles: Mapping[int, Profile],
    free_old: set[int],
    free_new: set[int],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
    old_bridges: Callable[[int], bool],
    new_bridges: Callable[[int], bool],
) -> list[Group]:
    """Turn in-place pairs (old, new, ratio) into groups; fragments taken leave the free sets.
    ``old_bridges`` and ``new_bridges`` say which clauses may stand between two pieces."""
    groups: list[Group] = []
    for i, j, ratio in pairs:
        news, new_ratio = _grow(
            old_profiles[i], j, ratio, new_profiles, free_new, gap_new, new_bridges
        )
        if len(news) > 1:
            free_new.difference_update(news)
            groups.append(Group((i,), tuple(news), new_ratio))
            continue
        olds, old_ratio = _grow(
            new_profiles[j], i, ratio, old_profiles, free_old, gap_old, old_bridges
        )
        free_old.difference_update(olds)
        groups.append(Group(tuple(olds), (j,), old_ratio))
    return groups

"""diff_clauses: align two versions' clause lists and report what changed, clause by clause.

The steps, each in its own module:

1. :mod:`~tracker.diff.align`: exact and cosmetic-equal pairs, in order and anywhere; the
   heaviest chain of them in reading order stays in place (the anchors), the rest moved;
2. :mod:`~tracker.diff.pairing`: the rest paired by similarity between the same anchors, then
   anywhere (moved and edited); when some are, the heaviest chain is chosen again over every
   pair, each weighing the words it keeps in place, so that what is reported moved is the
   lighter side (a long paragraph edited and moved past a few short exact ones stays, and
   they moved);
3. :mod:`~tracker.diff.splits`: fragments next to an in-place pair join it (split / merged);
4. :mod:`~tracker.diff.places`: was each pair's section kept, seen through heading edits;
5. here: each pair classified (unchanged, cosmetic, moved, modified), the rest added/removed,
   all in the new document's reading order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tracker.diff.align import (
    copy_candidates,
    heaviest_chain,
    ordered_exact_pairs,
    unordered_exact_pairs,
)
from tracker.diff.cosmetic import (
    cosmetic_detail,
    cosmetic_key,
    fold_text,
    is_cosmetic,
    path_element_key,
)
from tracker.diff.pairing import (
    Candidate,
    InPlacePairing,
    gap_numbers,
    pair_anywhere,
    pair_date_lines,
    pair_reordered,
    scored_candidates,
)
from tracker.diff.places import PlaceMap, sections
from tracker.diff.regroup import regroup
from tracker.diff.similarity import Profile, Score, bounded_score, exact_score
from tracker.diff.splits import Group, grow_splits_and_merges
from tracker.diff.structure import Survival, date_only, is_date_clause, link_only
from tracker.diff.words import inline_diff, words_of
from tracker.model import Change, ChangeKind, Clause, ClauseDiff
from tracker.vocabulary import ChangeDetail

#: Clause kinds whose order inside their list or table is presentation: swapped, they are
#: ``reordered``.
REORDERABLE = frozenset({"list_item", "table_row"})

#: Separator between the texts of several clauses shown as one (split or merged).
JOIN = "\n"
#: An added clause of fewer words than this (a heading, "Advertising" in a list) is a repeat
#: only when the old version had the same clause in the same section, not only its words.
REPEAT_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Pair:
    """Old and new indexes matched by some step, and whether they kept their relative order."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    in_order: bool


class _Keys:
    """Cosmetic keys of a clause list, folded heading paths and sections, each computed once and
    on demand (step 1 of the alignment anchors most clauses without folding them)."""

    def __init__(self, clauses: Sequence[Clause], folded: dict[str, str]) -> None:
        self._clauses = clauses
        self._keys: dict[int, str] = {}
        self._folded = folded
        self._sections: list[int | None] | None = None

    def __call__(self, index: int) -> str:
        key = self._keys.get(index)
        if key is None:
            key = self._keys[index] = cosmetic_key(self._clauses[index])
        return key

    def path(self, index: int) -> tuple[str, ...]:
        return tuple(self._fold(element) for element in self._clauses[index].path)

    def sections(self) -> list[int | None]:
        """For each clause, the index of the heading it sits under (computed once)."""
        if self._sections is None:
            self._sections = sections(self._clauses, self._fold)
        return self._sections

    def _fold(self, element: str) -> str:
        key = self._folded.get(element)
        if key is None:
            key = self._folded[element] = path_element_key(element)
        return key


def diff_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> ClauseDiff:
    """Compare two versions' clause lists (see the module docstring for the steps)."""
    folded_paths: dict[str, str] = {}
    old_keys, new_keys = _Keys(old, folded_paths), _Keys(new, folded_paths)
    pairs = _align(old, new, old_keys, new_keys)
    places = PlaceMap(
        (p.old, p.new)
        for p in pairs
        if old[p.old[0]].kind == "heading" and new[p.new[0]].kind == "heading"
    )
    headings = _Headings.of(old, new, pairs)
    unchanged: list[tuple[int, int]] = []
    keyed: list[tuple[tuple[float, int], Change]] = []
    for pair in pairs:
        place = _place(old, new, pair, places, old_keys, new_keys, headings)
        change = _classify(old, new, pair, place)
        if change is None:
            unchanged.append((pair.old[0], pair.new[0]))
        else:
            keyed.append(((float(min(pair.new)), -1), change))
    keyed.extend(_unpaired_changes(old, new, pairs))
    keyed.sort(key=lambda item: item[0])
    return ClauseDiff(
        unchanged=len(unchanged),
        changes=tuple(change for _, change in keyed),
        unchanged_pairs=tuple(sorted(unchanged, key=lambda p: p[1])),
        new_clauses=tuple(new),
    )


@dataclass(frozen=True, slots=True)
class _Place:
    """Whether a pair kept its place: its reading order, and its section; and whether that
    section kept its own place (else a clause out of order moved with its whole section)."""

    in_order: bool
    same_section: bool
    section_kept: bool = True

    @property
    def kept(self) -> bool:
        return self.in_order and self.same_section


@dataclass(frozen=True, slots=True)
class _Headings:
    """The paired headings that kept their reading order (old indexes), and those that moved
    (old and new indexes)."""

    kept: frozenset[int]
    moved_old: frozenset[int]
    moved_new: frozenset[int]

    @classmethod
    def of(cls, old: Sequence[Clause], new: Sequence[Clause], pairs: Sequence[_Pair]) -> _Headings:
        paired = [p for p in pairs if old[p.old[0]].kind == "heading"]
        return cls(
            frozenset(p.old[0] for p in paired if p.in_order),
            frozenset(p.old[0] for p in paired if not p.in_order),
            frozenset(p.new[0] for p in paired if not p.in_order),
        )


def _place(
    old: Sequence[Clause],
    new: Sequence[Clause],
    pair: _Pair,
    places: PlaceMap,
    old_keys: _Keys,
    new_keys: _Keys,
    headings: _Headings,
) -> _Place:
    """Where a pair stands: in reading order or not and, for a clause under a heading (not a
    heading itself: re-levelled headings only change their parents), in the same section.
    A clause in reading order whose section changed only because the heading it was under, or
    the one it is under now, moved (a title moved to the top leaves the paragraphs that
    followed it under the heading before them) kept its place: the heading is the move."""
    if len(pair.old) > 1 or len(pair.new) > 1:
        return _Place(pair.in_order, True)
    i, j = pair.old[0], pair.new[0]
    if old[i].kind == "heading" or new[j].kind == "heading":
        return _Place(pair.in_order, True)
    section, new_section = old_keys.sections()[i], new_keys.sections()[j]
    same = places.same_place(section, new_section) or (
        pair.in_order and (section in headings.moved_old or new_section in headings.moved_new)
    )
    return _Place(pair.in_order, same, section is None or section in headings.kept)


def _align(
    old: Sequence[Clause], new: Sequence[Clause], old_keys: _Keys, new_keys: _Keys
) -> list[_Pair]:
    anchors = ordered_exact_pairs(
        [(c.display_text, old_keys.path(i)) for i, c in enumerate(old)],
        [(c.display_text, new_keys.path(j)) for j, c in enumerate(new)],
        old_keys,
        new_keys,
    )
    used_old = {i for i, _ in anchors}
    used_new = {j for _, j in anchors}
    moved = unordered_exact_pairs(
        old_keys,
        new_keys,
        [i for i in range(len(old)) if i not in used_old],
        [j for j in range(len(new)) if j not in used_new],
    )
    used_old.update(i for i, _ in moved)
    used_new.update(j for _, j in moved)
    found = [*anchors, *moved]
    copies = copy_candidates([c.display_text for c in old], [c.display_text for c in new])
    weight = _chain_weight(old, new, [*found, *copies], old_keys, new_keys)
    anchors, rest = heaviest_chain([*found, *copies], weight)
    if copies:  # the chain may have kept a clause at another copy of its text
        kept_old = {i for i, _ in anchors}
        kept_new = {j for _, j in anchors}
        found_pairs = set(found)
        moved = [
            p for p in rest if p in found_pairs and p[0] not in kept_old and p[1] not in kept_new
        ]
        used_old = kept_old | {i for i, _ in moved}
        used_new = kept_new | {j for _, j in moved}
    else:
        moved = rest

    free_old = [i for i in range(len(old)) if i not in used_old]
    free_new = [j for j in range(len(new)) if j not in used_new]
    old_profiles = {i: Profile.of(old[i]) for i in free_old}
    new_profiles = {j: Profile.of(new[j]) for j in free_new}
    gap_old, gap_new = gap_numbers(anchors, len(old), len(new))
    candidates = scored_candidates(free_old, free_new, old_profiles, new_profiles, gap_old, gap_new)
    pairing = InPlacePairing(candidates, gap_old, gap_new)
    pairing.strong()
    left_old = set(free_old) - {c.old for c in pairing.chosen}
    left_new = set(free_new) - {c.new for c in pairing.chosen}
    groups = regroup(left_old, left_new, old_profiles, new_profiles, gap_old, gap_new)
    pairing.exclude((i for g in groups for i in g.old), (j for g in groups for j in g.new))
    pairing.weak(lambda i, j: old[i].kind == new[j].kind)
    in_place = pairing.chosen
    left_old.difference_update(c.old for c in in_place)
    left_new.difference_update(c.new for c in in_place)
    in_place.extend(
        _date_lines(old, new, left_old, left_new, gap_old, gap_new, old_profiles, new_profiles)
    )
    in_place.extend(
        _sole_replacements(
            old, new, left_old, left_new, gap_old, gap_new, old_profiles, new_profiles
        )
    )
    in_place.extend(
        _rewrites_in_place(
            old,
            new,
            left_old,
            left_new,
            gap_old,
            gap_new,
            old_profiles,
            new_profiles,
            [((c.old,), (c.new,)) for c in in_place] + [(g.old, g.new) for g in groups],
        )
    )
    groups.extend(
        grow_splits_and_merges(
            [(c.old, c.new, c.ratio) for c in in_place],
            old_profiles,
            new_profiles,
            left_old,
            left_new,
            gap_old,
            gap_new,
            lambda i: old[i].kind != "heading",
            lambda j: new[j].kind != "heading",
        )
    )
    taken_old = set(range(len(old))) - left_old
    taken_new = set(range(len(new))) - left_new
    reordered = pair_reordered(
        candidates,
        gap_old,
        gap_new,
        taken_old,
        taken_new,
        lambda i, j: old[i].kind == new[j].kind and old[i].kind in REORDERABLE,
    )
    moved_edited = pair_anywhere(candidates, taken_old, taken_new)
    order = _reading_order(anchors, moved, groups, moved_edited, weight, old)

    return [
        *(_Pair((i,), (j,), True) for i, j in order.anchors),
        *(_Pair((i,), (j,), False) for i, j in order.moved),
        *(_Pair(g.old, g.new, (max(g.old), max(g.new)) in order.kept) for g in groups),
        *(_Pair((c.old,), (c.new,), (c.old, c.new) in order.kept) for c in moved_edited),
        *(_Pair((c.old,), (c.new,), False) for c in reordered),
    ]


@dataclass(frozen=True, slots=True)
class _Order:
    """Which pairs keep their reading order: the exact pairs in order (``anchors``) and out of
    it (``moved``), and every pair kept in order, as (old, new) indexes (a group by its last)."""

    anchors: list[tuple[int, int]]
    moved: list[tuple[int, int]]
    kept: frozenset[tuple[int, int]]


def _reading_order(
    anchors: Sequence[tuple[int, int]],
    moved: Sequence[tuple[int, int]],
    groups: Sequence[Group],
    moved_edited: Sequence[Candidate],
    weight: Callable[[int, int], int],
    old: Sequence[Clause],
) -> _Order:
    """The heaviest chain in reading order over every pair, exact or edited, each weighing the
    words it keeps in place (an edited pair its words times its similarity): what moved is the
    lighter side. The exact pairs alone chose the anchors, so a long paragraph edited and
    moved above a few short exact ones was reported moved while they stayed; weighed with its
    words, it stays and they moved (fewer words reported moved, as a whole-text word diff
    would keep it). Pairs made between the anchors, and splits and merges, weigh their words
    the same way, and lose their place only to heavier pairs."""
    if not moved_edited:  # everything else was paired between the anchors: nothing to weigh
        return _Order(
            list(anchors),
            list(moved),
            frozenset([*anchors, *((max(g.old), max(g.new)) for g in groups)]),
        )
    words = [len(c.display_text.split()) + 1 for c in old]
    similar: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {
        (max(g.old), max(g.new)): (g.ratio, g.old) for g in groups
    }
    similar.update(((c.old, c.new), (c.ratio, (c.old,))) for c in moved_edited)

    def weighed(i: int, j: int) -> int:
        found = similar.get((i, j))
        if found is None:
            return weight(i, j)  # an exact pair
        ratio, olds = found
        whole = weight(i, j) if len(olds) == 1 else sum(words[k] for k in olds)
        return max(1, int(whole * ratio))

    chain, _ = heaviest_chain([*anchors, *moved, *similar], weighed)
    kept = frozenset(chain)
    exact = sorted([*anchors, *moved])
    return _Order([p for p in exact if p in kept], [p for p in exact if p not in kept], kept)


def _chain_weight(
    old: Sequence[Clause],
    new: Sequence[Clause],
    pairs: Sequence[tuple[int, int]],
    old_keys: _Keys,
    new_keys: _Keys,
) -> Callable[[int, int], int]:
    """What keeping an exact pair in reading order is worth: the words a reader is spared.

    A clause weighs its words, but only if it stayed in its section, judged through the exact
    pairs of headings (a heading moved is still the same section): a clause that changed
    section is reported moved wherever the chain puts it, so it weighs next to nothing, and
    the heading it was moved past stays. A heading weighs its own words, not its section's:
    the clauses under it stay in their section whether the heading is kept or moved, so a
    heading moved above clauses that did not move is the one change, not all of them.
    """
    heading_pairs = PlaceMap(
        ((i,), (j,)) for i, j in pairs if old[i].kind == "heading" and new[j].kind == "heading"
    )
    words = [len(c.display_text.split()) + 1 for c in old]

    def weight(i: int, j: int) -> int:
        if old[i].kind == "heading" or heading_pairs.same_place(
            old_keys.sections()[i], new_keys.sections()[j]
        ):
            return words[i]
        return 1

    return weight


#: Least ratio for the only unpaired old and new clauses of one gap to be one clause rewritten.
SOLE_THRESHOLD = 0.1


def _sole_replacements(
    old: Sequence[Clause],
    new: Sequence[Clause],
    left_old: set[int],
    left_new: set[int],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
    old_profiles: dict[int, Profile],
    new_profiles: dict[int, Profile],
) -> list[Candidate]:
    """The one clause left unpaired on each side of a gap, of the same kind: a rewrite in place
    (what else stood there), unless they share next to no words."""
    olds: dict[int, list[int]] = {}
    news: dict[int, list[int]] = {}
    for i in left_old:
        olds.setdefault(gap_old[i], []).append(i)
    for j in left_new:
        news.setdefault(gap_new[j], []).append(j)
    found: list[Candidate] = []
    for gap, (i, *more) in olds.items():
        there = news.get(gap)
        if more or not there or len(there) != 1 or old[i].kind != new[there[0]].kind:
            continue
        j = there[0]
        score = exact_score(old_profiles[i], new_profiles[j])
        if score.ratio >= SOLE_THRESHOLD:
            found.append(_take(score, i, j, left_old, left_new))
    return found


#: Least ratio (plain, not rarity-weighted), and least words matched in order, for two clauses
#: of one kind still unpaired in one gap to be one clause rewritten in place.
REWRITE_RATIO = 0.25
REWRITE_WORDS = 8
#: A gap with more unpaired old x new clauses than this is left as it is (a whole rewrite).
REWRITE_GAP_PAIRS = 400


def _rewrites_in_place(
    old: Sequence[Clause],
    new: Sequence[Clause],
    left_old: set[int],
    left_new: set[int],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
    old_profiles: dict[int, Profile],
    new_profiles: dict[int, Profile],
    taken: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
) -> list[Candidate]:
    """Clauses still unpaired in one gap, of one kind, that share a fair part of their wording
    in order: one clause rewritten where it stood (a paragraph reworded beside a new one: the
    old one's best match among several new ones, which the mutual-best step leaves when the
    shared words are common ones). Best first, crossing neither each other nor the pairs and
    groups already ``taken`` in the gap."""
    olds: dict[int, list[int]] = {}
    news: dict[int, list[int]] = {}
    for i in left_old:
        olds.setdefault(gap_old[i], []).append(i)
    for j in left_new:
        news.setdefault(gap_new[j], []).append(j)
    spans: dict[int, list[tuple[int, int, int, int]]] = {}
    for o, n in taken:
        spans.setdefault(gap_old[o[0]], []).append((min(o), max(o), min(n), max(n)))
    found: list[Candidate] = []
    for gap, in_gap in olds.items():
        there = news.get(gap)
        if not there or len(in_gap) * len(there) > REWRITE_GAP_PAIRS:
            continue
        scored = []
        for i in in_gap:
            for j in there:
                if old[i].kind != new[j].kind:
                    continue
                score = bounded_score(old_profiles[i], new_profiles[j], REWRITE_RATIO)
                if score is not None and score.matched >= REWRITE_WORDS:
                    scored.append(Candidate(score.ratio, score.matched, i, j))
        scored.sort(key=lambda c: (-c.ratio, c.old, c.new))
        held = spans.setdefault(gap, [])
        for cand in scored:
            i, j = cand.old, cand.new
            if i not in left_old or j not in left_new:
                continue
            if not all((i < a and j < c) or (i > b and j > d) for a, b, c, d in held):
                continue
            held.append((i, i, j, j))
            found.append(_take(Score(cand.ratio, cand.matched), i, j, left_old, left_new))
    return found


def _date_lines(
    old: Sequence[Clause],
    new: Sequence[Clause],
    left_old: set[int],
    left_new: set[int],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
    old_profiles: dict[int, Profile],
    new_profiles: dict[int, Profile],
) -> list[Candidate]:
    """Unpaired date lines of one gap, paired (they leave ``left_old`` and ``left_new``)."""
    pairs = pair_date_lines(
        left_old,
        left_new,
        gap_old,
        gap_new,
        lambda i: is_date_clause(old[i]),
        lambda j: is_date_clause(new[j]),
    )
    found: list[Candidate] = []
    for i, j in pairs:
        found.append(_take(exact_score(old_profiles[i], new_profiles[j]), i, j, left_old, left_new))
    return found


def _take(score: Score, i: int, j: int, left_old: set[int], left_new: set[int]) -> Candidate:
    """Old clause ``i`` and new clause ``j`` paired: no longer left over."""
    left_old.discard(i)
    left_new.discard(j)
    return Candidate(score.ratio, score.matched, i, j)


def _joined(clauses: Sequence[Clause]) -> str:
    return JOIN.join(c.display_text for c in clauses)


def _classify(
    old: Sequence[Clause], new: Sequence[Clause], pair: _Pair, place: _Place
) -> Change | None:
    """The change a pair shows, or None when it is unchanged and in its place."""
    olds = tuple(old[i] for i in pair.old)
    news = tuple(new[j] for j in pair.new)
    old_text, new_text = _joined(olds), _joined(news)
    if len(olds) > 1 or len(news) > 1:
        inline, similarity = inline_diff(old_text, new_text)
        split = ChangeDetail.SPLIT if len(news) > 1 else ChangeDetail.MERGED
        same_words = fold_text(old_text) == fold_text(new_text)  # only cut differently
        kind: ChangeKind = "cosmetic" if same_words else "modified"
        return Change(kind, olds, news, similarity, inline, detail=split)
    o, n = olds[0], news[0]
    placed = place.kept
    if old_text == new_text and o.kind == n.kind and o.level == n.level:
        if placed:
            return None
        reordered = place.same_section and place.section_kept and o.kind in REORDERABLE
        return Change(
            "moved", olds, news, 1.0, detail=ChangeDetail.REORDERED if reordered else None
        )
    inline, similarity = inline_diff(old_text, new_text)
    if is_cosmetic(o, n):
        kind = "cosmetic" if placed else "moved"
        return Change(kind, olds, news, similarity, inline, detail=cosmetic_detail(o, n))
    if link_only(o, n):
        return Change("modified", olds, news, similarity, inline, detail=ChangeDetail.LINK)
    if placed and date_only(o, n):
        return Change("modified", olds, news, similarity, inline, detail=ChangeDetail.DATE_ONLY)
    detail = None if placed else ChangeDetail.MOVED
    return Change("modified", olds, news, similarity, inline, detail=detail)


def _unpaired_changes(
    old: Sequence[Clause], new: Sequence[Clause], pairs: list[_Pair]
) -> list[tuple[tuple[float, int], Change]]:
    """Added clauses at their place; removed ones just after the clause that preceded them.
    A removed clause whose every sentence survives elsewhere is ``deduplicated``; an added
    clause whose every sentence the old version already had is ``duplicated`` (one more copy
    of a block, a paragraph said again in another section: nothing the old version did not
    say)."""
    paired_old = {i for p in pairs for i in p.old}
    paired_new = {j for p in pairs for j in p.new}
    chain = sorted((max(p.old), max(p.new)) for p in pairs if p.in_order)
    chain_old = [i for i, _ in chain]
    survival = Survival(new, (old[i] for i in sorted(paired_old)))
    already = Survival(old, ())
    old_keys = {(c.kind, c.path, c.text) for c in old}  # no word counting on the hot path
    out: list[tuple[tuple[float, int], Change]] = []
    for j, clause in enumerate(new):
        if j not in paired_new:
            repeated = already.survives(clause) and (
                len(words_of(clause.text)) >= REPEAT_WORDS
                or (clause.kind, clause.path, clause.text) in old_keys
            )
            detail = ChangeDetail.DUPLICATED if repeated else None
            out.append(((float(j), -1), Change("added", (), (clause,), detail=detail)))
    for i, clause in enumerate(old):
        if i not in paired_old:
            before = bisect.bisect_left(chain_old, i)
            place = chain[before - 1][1] + 0.5 if before else -0.5
            detail = ChangeDetail.DEDUPLICATED if survival.survives(clause) else None
            out.append(((place, i), Change("removed", (clause,), (), detail=detail)))
    return out


__all__ = ["JOIN", "diff_clauses"]

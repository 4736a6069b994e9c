"""Text cut into clauses differently: one clause on one side holding a run of clauses of the other.

A table written as one block in one version and as rows in the next, a paragraph cut into list
items, list items run together into a paragraph: exact alignment and pairing by similarity see
one long clause removed and many short ones added (a thousand words reported where twenty
changed). Here, among the clauses still unpaired inside one gap between anchors:

1. each short clause (a *piece*) is attributed to the longer clauses on the other side (its
   possible *containers*) that hold most of its words (``MIN_PIECE_CONTAINMENT``, as a
   multiset; found through the piece's rarest words, at most ``MAX_CANDIDATES`` of them, never
   by comparing every clause with every other);
2. the pieces attributed to one container, with the unpaired clauses between them (a row
   added to the table), form a run of consecutive clauses;
3. the container and the run become one group (a split, or a merge when the container is the
   new clause) when their words match well in order (``MIN_GROUP_RATIO``).

Splits are looked for first (old containers), then merges among what is left.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from tracker.diff.pairing import MAX_CANDIDATES, MAX_POSTING
from tracker.diff.similarity import Profile, exact_score
from tracker.diff.splits import Group

#: Share of a piece's words that must be in its container.
MIN_PIECE_CONTAINMENT = 0.8
#: Least ratio between a container and the run of pieces it is grouped with.
MIN_GROUP_RATIO = 0.5
#: Fewest attributed pieces in a run (one piece is a plain pair, left to pairing).
MIN_PIECES = 2
#: A piece's rarest words looked up in the containers' index.
LOOKED_UP_WORDS = 12
#: Most consecutive clauses of no container a run bridges (rows added to a table).
MAX_BRIDGED = 4


def regroup(
    left_old: set[int],
    left_new: set[int],
    old_profiles: Mapping[int, Profile],
    new_profiles: Mapping[int, Profile],
    gap_old: Sequence[int],
    gap_new: Sequence[int],
) -> list[Group]:
    """Groups of still-unpaired clauses (see the module docstring); the clauses grouped leave
    ``left_old`` and ``left_new``."""
    groups: list[Group] = []
    for container, run, ratio in _runs(
        left_old, left_new, old_profiles, new_profiles, gap_old, gap_new
    ):
        groups.append(Group((container,), run, ratio))
    for container, run, ratio in _runs(
        left_new, left_old, new_profiles, old_profiles, gap_new, gap_old
    ):
        groups.append(Group(run, (container,), ratio))
    return groups


def _runs(
    containers: set[int],
    pieces: set[int],
    container_profiles: Mapping[int, Profile],
    piece_profiles: Mapping[int, Profile],
    container_gap: Sequence[int],
    piece_gap: Sequence[int],
) -> list[tuple[int, tuple[int, ...], float]]:
    by_gap: dict[int, list[int]] = defaultdict(list)
    for c in containers:
        if len(container_profiles[c]) > 1:
            by_gap[container_gap[c]].append(c)
    pieces_by_gap: dict[int, list[int]] = defaultdict(list)
    for p in pieces:
        if piece_gap[p] in by_gap:
            pieces_by_gap[piece_gap[p]].append(p)
    found: list[tuple[int, tuple[int, ...], float]] = []
    for gap, in_gap in pieces_by_gap.items():
        if len(in_gap) < MIN_PIECES:
            continue
        owners = _attribute(sorted(in_gap), by_gap[gap], container_profiles, piece_profiles)
        mine: dict[int, list[int]] = defaultdict(list)
        for p in sorted(owners):
            for c in owners[p]:
                mine[c].append(p)
        free = set(in_gap)
        for container in sorted(mine, key=lambda c: (-len(container_profiles[c]), c)):
            run = _best_run(
                container_profiles[container], mine[container], owners, free, piece_profiles
            )
            if run is None:
                continue
            words = (w for p in run for w in piece_profiles[p].words)
            score = exact_score(container_profiles[container], Profile.of_words(words))
            if score.ratio >= MIN_GROUP_RATIO:
                found.append((container, run, score.ratio))
                free.difference_update(run)
                containers.discard(container)
                pieces.difference_update(run)
    return found


def _attribute(
    pieces: Sequence[int],
    containers: Sequence[int],
    container_profiles: Mapping[int, Profile],
    piece_profiles: Mapping[int, Profile],
) -> dict[int, list[int]]:
    """For each piece, the longer clauses holding most of its words (its possible containers)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for c in containers:
        for word in container_profiles[c].counts:
            postings[word].append(c)
    owners: dict[int, list[int]] = {}
    for p in pieces:
        profile = piece_profiles[p]
        if not profile.words:
            continue
        known = sorted(profile.counts, key=lambda w: (len(postings.get(w, ())), w))
        # the rarest words, looked up (words in too many clauses to tell them apart are not):
        # a container holding MIN_PIECE_CONTAINMENT of the piece lacks at most `missing` of them
        looked = [w for w in known[:LOOKED_UP_WORDS] if 0 < len(postings.get(w, ())) <= MAX_POSTING]
        missing = int(len(profile) * (1 - MIN_PIECE_CONTAINMENT))
        hits: Counter[int] = Counter(c for w in looked for c in postings[w])
        least = max(len(looked) - missing, 1)
        likely = sorted((c for c, n in hits.items() if n >= least), key=lambda c: (-hits[c], c))[
            :MAX_CANDIDATES
        ]
        found = [
            c
            for c in likely
            if len(container_profiles[c]) > len(profile)
            and _contained(profile.counts, container_profiles[c].counts)
        ]
        if found:
            owners[p] = found
    return owners


def _contained(piece: Counter[str], container: Mapping[str, int]) -> bool:
    """At least MIN_PIECE_CONTAINMENT of the piece's words are in the container."""
    shared = sum(min(n, container.get(w, 0)) for w, n in piece.items())
    return shared >= MIN_PIECE_CONTAINMENT * sum(piece.values())


def _best_run(
    container: Profile,
    candidates: Sequence[int],
    owners: Mapping[int, Sequence[int]],
    free: set[int],
    profiles: Mapping[int, Profile],
) -> tuple[int, ...] | None:
    """The run of consecutive free clauses with the most words taken from ``container``: each
    piece must find its words among those the pieces before it in the run left over (so a run
    stops where the container's text is used up), and the clauses between two pieces must
    belong to no other container (a row added to the table; at most ``MAX_BRIDGED``)."""
    best: tuple[int, ...] | None = None
    best_words = 0
    run: list[int] = []
    left: Counter[str] = Counter()
    attributed = words = 0
    for p in candidates:
        if p not in free:
            continue
        joins = (
            run
            and p - run[-1] - 1 <= MAX_BRIDGED
            and all(q in free and q not in owners for q in range(run[-1] + 1, p))
            and _contained(profiles[p].counts, left)
        )
        if not joins:
            run, left, attributed, words = [], Counter(container.counts), 0, 0
            if not _contained(profiles[p].counts, left):
                continue
        run.extend(range(run[-1] + 1, p + 1) if run else [p])
        left -= profiles[p].counts
        attributed += 1
        words += len(profiles[p])
        if attributed >= MIN_PIECES and words > best_words:
            best, best_words = tuple(run), words
    return best

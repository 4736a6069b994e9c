"""Order-aware exact alignment of two clause lists, and exact matches found out of order.

1. difflib's SequenceMatcher over (exact text, folded heading path) ids: clauses that kept
   their text and their section, in order. Longest blocks win, so a clause moved far away is
   left out rather than the many clauses it jumped over.
2. Inside each stretch step 1 left unmatched on both sides, the same on cosmetic keys alone
   (text without label, punctuation, case or extra whitespace): renumbered or re-punctuated
   clauses, and clauses whose heading path changed (a heading renamed or added above them).
3. Among what is still unmatched, equal cosmetic keys anywhere: moved clauses.
4. Of all these pairs, and of an old clause with each copy of its text when the new version
   repeats it (a page that now renders a block twice), the heaviest order-consistent chain
   stays in place and the rest moved, each pair weighing what keeping it in order spares the
   reader (see :func:`clauses._chain_weight`): a clause its words, unless it changed section
   (reported moved wherever the chain puts it); a heading its own words. So when a long
   paragraph and a short one swap, the short one is reported as moved; a paragraph moved past
   a heading into its section moves rather than the heading; a heading moved above clauses
   that stay in their section moves rather than all of them; of two swapped sections, the
   smaller moves.

Cosmetic keys are asked for through a function, so only clauses step 1 left over are folded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher


def _intern(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable]) -> tuple[list[int], list[int]]:
    """Replace keys by small ints (cheaper to hash and compare inside difflib)."""
    ids: dict[Hashable, int] = {}
    a = [ids.setdefault(k, len(ids)) for k in keys_a]
    b = [ids.setdefault(k, len(ids)) for k in keys_b]
    return a, b


def _matched_pairs(
    a: Sequence[int], b: Sequence[int], a_offset: int = 0, b_offset: int = 0
) -> tuple[list[tuple[int, int]], list[tuple[int, int, int, int]]]:
    """Matched index pairs and the (i1, i2, j1, j2) stretches replaced on both sides."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    pairs: list[tuple[int, int]] = []
    replaced: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend((a_offset + i1 + k, b_offset + j1 + k) for k in range(i2 - i1))
        elif tag == "replace":
            replaced.append((a_offset + i1, a_offset + i2, b_offset + j1, b_offset + j2))
    return pairs, replaced


def ordered_exact_pairs(
    old_exact: Sequence[Hashable],
    new_exact: Sequence[Hashable],
    old_fold: Callable[[int], str],
    new_fold: Callable[[int], str],
) -> list[tuple[int, int]]:
    """Steps 1 and 2: order-consistent (old index, new index) pairs with equal keys."""
    old_ids, new_ids = _intern(old_exact, new_exact)
    pairs, replaced = _matched_pairs(old_ids, new_ids)
    for i1, i2, j1, j2 in replaced:
        old_t, new_t = _intern(
            [old_fold(i) for i in range(i1, i2)], [new_fold(j) for j in range(j1, j2)]
        )
        inner, _ = _matched_pairs(old_t, new_t, i1, j1)
        pairs.extend(inner)
    pairs.sort()
    return pairs


def unordered_exact_pairs(
    old_fold: Callable[[int], str],
    new_fold: Callable[[int], str],
    old_free: Sequence[int],
    new_free: Sequence[int],
) -> list[tuple[int, int]]:
    """Step 3: pair still-unmatched clauses with equal cosmetic keys, anywhere, in order."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for i in old_free:
        waiting[old_fold(i)].append(i)
    pairs: list[tuple[int, int]] = []
    taken: dict[str, int] = defaultdict(int)
    for j in new_free:
        key = new_fold(j)
        queue = waiting.get(key)
        if queue and taken[key] < len(queue):
            pairs.append((queue[taken[key]], j))
            taken[key] += 1
    return pairs


#: At most this many copies of one text are tried as an old clause's place.
COPY_LIMIT = 8


def heaviest_chain(
    pairs: Sequence[tuple[int, int]], weight: Callable[[int, int], int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Split (old, new) pairs into the order-consistent chain of greatest total
    ``weight(old index, new index)`` and the rest, both sorted by old index. An index may be in
    several pairs (candidates: an old clause and each copy of its text); the chain uses it
    once."""
    ordered = sorted(set(pairs), key=lambda pair: (pair[0], -pair[1]))  # an old index once
    size = max((j for _, j in ordered), default=-1) + 2
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # Fenwick tree of (score, pair)
    before = [-1] * len(ordered)
    for k, (i, j) in enumerate(ordered):
        best = _prefix_best(tree, j)  # best chain ending at a new index below j
        before[k] = best[1]
        _raise(tree, j + 1, (best[0] + weight(i, j), k))
    chained: set[int] = set()
    k = _prefix_best(tree, size)[1]
    while k >= 0:
        chained.add(k)
        k = before[k]
    chain = [pair for k, pair in enumerate(ordered) if k in chained]
    rest = sorted(pair for k, pair in enumerate(ordered) if k not in chained)
    return chain, rest


def copy_candidates(
    old_texts: Sequence[str], new_texts: Sequence[str], limit: int = COPY_LIMIT
) -> list[tuple[int, int]]:
    """(old, new) pairs of equal text where the new version has the text more than once (a
    page that now repeats a block): each copy is a place the old clause may have stayed in,
    so the chain can keep it where the order holds instead of calling it moved."""
    places: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(new_texts):
        places[text].append(j)
    return [
        (i, j)
        for i, text in enumerate(old_texts)
        if len(places.get(text, ())) > 1
        for j in places[text][:limit]
    ]


def _prefix_best(tree: list[tuple[int, int]], end: int) -> tuple[int, int]:
    """The best (score, pair) among positions 1..end of the Fenwick tree."""
    best = (0, -1)
    while end > 0:
        best = max(best, tree[end])
        end -= end & -end
    return best


def _raise(tree: list[tuple[int, int]], at: int, value: tuple[int, int]) -> None:
    while at < len(tree):
        if value > tree[at]:
            tree[at] = value
        at += at & -at

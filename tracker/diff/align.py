"""Order-aware exact alignment of two clause lists, and exact matches found out of order.

1. difflib's SequenceMatcher over (exact text, folded heading path) ids: clauses that kept
   their text and their section, in order. Longest blocks win, so a clause moved far away is
   left out rather than the many clauses it jumped over.
2. Inside each stretch step 1 left unmatched on both sides, the same on cosmetic keys alone
   (text without label, punctuation, case or extra whitespace): renumbered or re-punctuated
   clauses, and clauses whose heading path changed (a heading renamed or added above them).
3. Among what is still unmatched, equal cosmetic keys anywhere: moved clauses.

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

"""Rebuild the new clause list from the old one and a diff (what the diff claims, made checkable).

Unchanged clauses go to the new positions ``ClauseDiff.unchanged_pairs`` records; the free
positions are filled, in order, by the new-side clauses of the changes, which the diff lists in
the new document's reading order.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.model import Clause, ClauseDiff


def apply_diff(old: Sequence[Clause], diff: ClauseDiff) -> tuple[Clause, ...]:
    """The new clause list that ``diff`` describes, built from ``old``.

    Unchanged clauses come from ``old`` as they were; their ids and heading paths may differ
    from the new list's when a heading above them was renamed (their text, label and kind do not).
    Raises ValueError when the diff does not fit ``old``.
    """
    size = len(diff.unchanged_pairs) + sum(len(change.new) for change in diff.changes)
    slots: list[Clause | None] = [None] * size
    for i, j in diff.unchanged_pairs:
        if not (0 <= i < len(old) and 0 <= j < size) or slots[j] is not None:
            raise ValueError(f"unchanged pair ({i}, {j}) does not fit the clause lists")
        slots[j] = old[i]
    incoming = iter([clause for change in diff.changes for clause in change.new])
    rebuilt = [slot if slot is not None else next(incoming) for slot in slots]
    return tuple(rebuilt)

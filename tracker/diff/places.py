"""Decide whether a clause is still in the same place: same section, seen through the edits.

Only the innermost heading of a clause's path counts (the section it sits in): re-levelled or
re-parented headings higher up do not move the clauses below them. A clause has moved only when
its old section still exists in the new version and its new section already existed in the old
one, and the two are not the same section (a renamed or renumbered heading is the same
section). A section dissolved (its heading removed, or no longer a heading) or created (a
heading added, or a paragraph turned into a heading) does not move the clauses it held: the
heading is the change to report.

Path elements and clauses are compared by cosmetic key (:func:`~tracker.diff.cosmetic.fold_text`).
A path element may be only the start of its clause (nested list items appear in paths by their
first words), so an element also names the clause whose key it begins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence


class PlaceMap:
    """What each edited old clause became, by cosmetic key, and which sections each version has."""

    def __init__(
        self,
        edited: Iterable[tuple[str, Iterable[str]]],
        old_sections: set[str],
        new_sections: set[str],
    ) -> None:
        """``edited``: (old key, new keys) of each paired clause whose text changed;
        ``*_sections``: every key that occurs in a heading path of the old / new version."""
        self._became: dict[str, set[str]] = defaultdict(set)
        for old_key, new_keys in edited:
            self._became[old_key].update(new_keys)
        self._old_sections = old_sections
        self._new_sections = new_sections
        self._renamed_sections: set[str] | None = None

    def same_place(self, old_path: Sequence[str], new_path: Sequence[str]) -> bool:
        """True unless the clause left a section that still exists for one that existed."""
        old_section = old_path[-1] if old_path else None
        new_section = new_path[-1] if new_path else None
        if old_section == new_section:
            return True
        old_becomes = self._becomes(old_section)
        survives = old_section is None or any(
            _names_any(key, self._new_sections) for key in old_becomes
        )
        existed = (
            new_section is None
            or _names_any(new_section, self._old_sections)
            or _names_any(new_section, self._renamed())
        )
        if not (survives and existed):
            return True
        return new_section is not None and _names_any(new_section, old_becomes)

    def _renamed(self) -> set[str]:
        """What the old sections whose heading was edited are called now (computed once)."""
        if self._renamed_sections is None:
            self._renamed_sections = {
                target
                for source, targets in self._became.items()
                if any(_names(section, source) for section in self._old_sections)
                for target in targets
            }
        return self._renamed_sections

    def _becomes(self, section: str | None) -> set[str]:
        """The keys an old section's heading may have now (itself included)."""
        if section is None:
            return set()
        found = {section}
        for source, targets in self._became.items():
            if _names(section, source):
                found |= targets
        return found


#: A path element shorter than this must equal a key to name its clause, not just begin it.
MIN_PREFIX = 12


def _names(element: str, key: str) -> bool:
    """Whether a path element names the clause with this key."""
    return element == key or (len(element) >= MIN_PREFIX and key.startswith(element))


def _names_any(element: str, keys: Collection[str]) -> bool:
    return element in keys or any(_names(element, key) for key in keys)

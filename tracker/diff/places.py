"""Decide whether a clause is still in the same place: same section, seen through the edits.

A clause's section is the innermost element of its path that is a heading of its version
(enclosing list items do not count: a list item that changed parents in reading order did not
move). Sections are compared by cosmetic key (:func:`~tracker.diff.cosmetic.fold_text`), so a
renumbered heading is the same section, and through the pairing, so a renamed heading is too.

A clause has moved only when its old section still exists in the new version, its new section
already existed in the old one, and the two are not the same section. A section dissolved (its
heading removed, or no longer a heading) or created (a heading added, or a paragraph turned into
a heading) does not move the clauses it held: the heading is the change to report. Re-levelled
headings higher up change nothing either, since only the innermost section counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class PlaceMap:
    """What each edited old heading became, and which sections each version has."""

    def __init__(
        self,
        edited: Iterable[tuple[str, Iterable[str]]],
        old_sections: set[str],
        new_sections: set[str],
    ) -> None:
        """``edited``: (old key, new keys) of each paired clause whose text changed;
        ``*_sections``: the cosmetic keys of the headings of the old / new version."""
        self._became: dict[str, set[str]] = defaultdict(set)
        for old_key, new_keys in edited:
            if old_key in old_sections:
                self._became[old_key].update(new_keys)
        self._old_sections = old_sections
        self._new_sections = new_sections
        self._renamed = {key for keys in self._became.values() for key in keys}

    def same_place(self, old_section: str | None, new_section: str | None) -> bool:
        """True unless the clause left a section that still exists for one that existed."""
        if old_section == new_section:
            return True
        now_called = self._now_called(old_section)
        survives = old_section is None or not now_called.isdisjoint(self._new_sections)
        existed = (
            new_section is None
            or new_section in self._old_sections
            or new_section in self._renamed
        )
        if not (survives and existed):
            return True
        return new_section in now_called

    def _now_called(self, section: str | None) -> set[str]:
        """The keys an old section's heading may have now (itself included)."""
        return set() if section is None else {section} | self._became.get(section, set())

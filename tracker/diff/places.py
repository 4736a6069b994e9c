"""Decide whether a clause is still in the same place: the same section, seen through the edits.

A clause's section is the heading clause it sits under: the innermost element of its path that
is a heading seen above it (enclosing list items do not count: a list item that changed parents
in reading order did not move). Sections are heading *clauses*, followed through the pairing, so
a renamed or renumbered heading is the same section, and two headings with the same words are
not confused.

A clause has moved only when its old section's heading is still a heading in the new version,
its new section's heading was one in the old version, and the two are not the same section. A
section dissolved (its heading removed, or no longer a heading) or created (a heading added, or a
paragraph turned into a heading) does not move the clauses it held: the heading is the change
to report.
Re-levelled headings higher up change nothing either, since only the innermost section counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tracker.diff.words import words_of
from tracker.model import Clause


def sections(clauses: Sequence[Clause], fold: Callable[[str], str]) -> list[int | None]:
    """For each clause, the index of the heading clause it sits under (None at the top level).

    ``fold`` maps a path element or a heading's display text to the key they are compared by.
    """
    last_heading: dict[str, int] = {}
    found: list[int | None] = []
    for k, clause in enumerate(clauses):
        keys = (_section_key(element, fold) for element in reversed(clause.path))
        found.append(next((last_heading[key] for key in keys if key in last_heading), None))
        if clause.kind == "heading":
            last_heading[_section_key(clause.display_text, fold)] = k
    return found


def _section_key(text: str, fold: Callable[[str], str]) -> str:
    """The key a heading, or a path element naming one, is found by: ``fold``'s, or, where that
    folds it away (a heading that is only a label, "Clause 8", "Section 3"), its words and
    numbers. Such headings would otherwise all share the empty key with one another and with
    the labels of enclosing list items ("1.", "(b)"), and a list item nested under item "2."
    would sit under the last label-only heading above it, however far (GitHub's Data
    Protection Agreement: the items of a renumbered list "moved" to "Clause 18")."""
    key = fold(text)
    return key if key else "\x00" + " ".join(words_of(text.casefold()))


class PlaceMap:
    """Which heading clause became which, to tell whether a clause changed sections. Before the
    alignment has settled, an old heading may have several possible counterparts (copies of
    its text): a clause stays in its section if it is under any of them."""

    def __init__(self, pairs: Iterable[tuple[Sequence[int], Sequence[int]]]) -> None:
        """``pairs``: (old indexes, new indexes) of the pairs of headings the alignment made."""
        self._new_of: dict[int, set[int]] = {}
        self._paired_new: set[int] = set()
        for olds, news in pairs:
            for i in olds:
                self._new_of.setdefault(i, set()).add(news[0])
            self._paired_new.update(news)

    def same_place(self, old_section: int | None, new_section: int | None) -> bool:
        """True unless the clause left a section that still exists for one that existed."""
        survives = old_section is None or old_section in self._new_of
        existed = new_section is None or new_section in self._paired_new
        if not (survives and existed):
            return True
        if old_section is None or new_section is None:
            return old_section is None and new_section is None
        return new_section in self._new_of[old_section]

"""Changes of structure, not of meaning: what a change is beyond the words it touches.

- :func:`link_only`: the text a reader sees is the same (up to cosmetics); only the address of
  a link changed (``Terms <https://a.example/terms?ref=nav>`` -> ``Terms <https://a.example/tos>``).
- :func:`date_only`: two "Last updated / Effective <date>" lines that differ only in their dates;
  :func:`only_dates_changed`: a whole diff made of such changes (a date-only version).
- :class:`Survival`: whether a removed clause's text survives verbatim elsewhere, sentence by
  sentence: in the new version, or in an old clause that has a counterpart in the new version
  (one copy of a duplicated block removed). Such a removal is a deduplication: nothing a reader
  could read before is gone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from tracker.diff.cosmetic import fold_text
from tracker.extract.canonical import visible_text
from tracker.extract.dates import is_date_line, without_dates
from tracker.model import Clause, ClauseDiff
from tracker.vocabulary import ChangeDetail

#: A sentence ends with one of these marks followed by a space.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def link_only(old: Clause, new: Clause) -> bool:
    """The two clauses read the same once link addresses are left out (and differ in them)."""
    old_text, new_text = old.display_text, new.display_text
    if "<" not in old_text and "<" not in new_text:
        return False
    return fold_text(visible_text(old_text)) == fold_text(visible_text(new_text))


def date_only(old: Clause, new: Clause) -> bool:
    """Both clauses are date lines ("Last updated: ...") that read the same but for dates."""
    old_text, new_text = visible_text(old.display_text), visible_text(new.display_text)
    if not (is_date_line(old_text) and is_date_line(new_text)):
        return False
    return fold_text(without_dates(old_text)) == fold_text(without_dates(new_text))


def only_dates_changed(diff: ClauseDiff) -> bool:
    """The only difference between the two versions is the date of their date lines."""
    return bool(diff.changes) and all(c.detail == ChangeDetail.DATE_ONLY for c in diff.changes)


def is_date_clause(clause: Clause) -> bool:
    """A "Last updated / Effective <date>" line."""
    return is_date_line(visible_text(clause.display_text))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (a clause without its label), as written."""
    return [s for s in _SENTENCE_BREAK.split(text.strip()) if s]


class Survival:
    """Where the text of a removed clause may survive: the sentences of the new version's
    clauses and of the old clauses that were kept in some form. Gathered once, on the first
    question; a sentence survives when it is one of them, word for word."""

    def __init__(self, new: Sequence[Clause], kept_old: Iterable[Clause]) -> None:
        self._new = new
        self._kept_old = kept_old
        self._sentences: set[str] | None = None

    def _known(self) -> set[str]:
        if self._sentences is None:
            known: set[str] = set()
            for clause in itertools.chain(self._new, self._kept_old):
                known.update(sentences(clause.text))
                if clause.label:
                    known.update(sentences(clause.display_text))
            self._sentences = known
        return self._sentences

    def survives(self, clause: Clause) -> bool:
        """Every sentence of ``clause`` is found verbatim, as a whole sentence, elsewhere."""
        parts = sentences(clause.text)
        if not parts or not any(any(c.isalnum() for c in part) for part in parts):
            return False
        known = self._known()
        return all(part in known for part in parts)

"""Clause-by-clause diff of two versions of a document (pure: no I/O).

- :func:`diff_clauses` aligns two clause lists and reports each change with its kind
  (modified, added, removed, moved, cosmetic), similarity and word-level inline operations;
- :func:`word_diff` is the word-level diff of two texts used inside modified clauses;
- :func:`is_cosmetic` / :func:`cosmetic_detail` say whether (and how) two clauses differ only
  in whitespace, punctuation, case, quote style or number label;
- :func:`apply_diff` rebuilds the new clause list from the old one and a diff;
- :func:`only_dates_changed` tells a diff whose only changes are new dates in date lines.

Each name is imported from its module when first asked for (PEP 562): a night with nothing new
diffs nothing, and the quote folding :mod:`tracker.query.text` takes from
:mod:`tracker.diff.cosmetic` for the feed need not load the aligner, the word diff and the
date patterns (issue 14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.lazy import names_on_first_use

if TYPE_CHECKING:
    from tracker.diff.apply import apply_diff
    from tracker.diff.clauses import JOIN, diff_clauses
    from tracker.diff.cosmetic import cosmetic_detail, cosmetic_key, fold_text, is_cosmetic
    from tracker.diff.structure import only_dates_changed
    from tracker.diff.words import new_text_of, old_text_of, word_diff

#: The module each name of this package comes from, imported when the name is first asked for.
_MODULES: dict[str, str] = {
    "apply_diff": "tracker.diff.apply",
    "JOIN": "tracker.diff.clauses",
    "diff_clauses": "tracker.diff.clauses",
    "cosmetic_detail": "tracker.diff.cosmetic",
    "cosmetic_key": "tracker.diff.cosmetic",
    "fold_text": "tracker.diff.cosmetic",
    "is_cosmetic": "tracker.diff.cosmetic",
    "only_dates_changed": "tracker.diff.structure",
    "new_text_of": "tracker.diff.words",
    "old_text_of": "tracker.diff.words",
    "word_diff": "tracker.diff.words",
}


# Hidden from type checkers, which take the names from the imports above: a module
# __getattr__ makes mypy accept any name of the package, a misspelt one too.
if not TYPE_CHECKING:
    __getattr__ = names_on_first_use(__name__, _MODULES, globals())


__all__ = [
    "JOIN",
    "apply_diff",
    "cosmetic_detail",
    "cosmetic_key",
    "diff_clauses",
    "fold_text",
    "is_cosmetic",
    "new_text_of",
    "old_text_of",
    "only_dates_changed",
    "word_diff",
]

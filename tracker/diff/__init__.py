"""Clause-by-clause diff of two versions of a document (pure: no I/O).

- :func:`diff_clauses` aligns two clause lists and reports each change with its kind
  (modified, added, removed, moved, cosmetic), similarity and word-level inline operations;
- :func:`word_diff` is the word-level diff of two texts used inside modified clauses;
- :func:`is_cosmetic` / :func:`cosmetic_detail` say whether (and how) two clauses differ only
  in whitespace, punctuation, case, quote style or number label;
- :func:`apply_diff` rebuilds the new clause list from the old one and a diff;
- :func:`only_dates_changed` tells a diff whose only changes are new dates in date lines.
"""

from tracker.diff.apply import apply_diff
from tracker.diff.clauses import JOIN, diff_clauses
from tracker.diff.cosmetic import cosmetic_detail, cosmetic_key, fold_text, is_cosmetic
from tracker.diff.structure import only_dates_changed
from tracker.diff.words import new_text_of, old_text_of, word_diff

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

"""Text matching for search and quote checks (pure): one normal form, and safe LIKE patterns.

**The match form** of a text, applied the same way to what the user types and to stored clauses:

1. link targets the extractor keeps after link texts (``<https://...>``) are dropped;
2. Unicode NFC; every kind of space becomes a space; invisible characters (zero-width spaces,
   soft hyphens, direction marks, controls) are deleted (:func:`tracker.extract.normalize`);
3. curly and angled quotes become ``'`` and ``"``; dashes (hyphen, en, em, minus...) become
   ``-``; the ellipsis character becomes ``...``;
4. case is folded (``str.casefold``): a quotation that only changes capitals is the same text;
5. runs of whitespace become one space.

Punctuation other than quotes and dashes is kept: a moved comma is a different quotation (the
closest-clause report then shows it, with a similarity just under 1).

SQL can only pre-select: :func:`prefilter_words` picks a few words of the phrase, whose
``LIKE`` patterns (wildcards escaped) every containing clause must match whatever its quotes,
spaces or case; the match form then decides in Python.
"""

from __future__ import annotations

import re

from tracker.diff.cosmetic import normalise_quotes
from tracker.extract import visible_text
from tracker.extract.normalize import normalize_text

_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
)
_WORD = re.compile(r"\w+")
#: Prefilter words shorter than this are too common to narrow anything down.
_MIN_PREFILTER_LENGTH = 3


def match_form(text: str) -> str:
    """``text`` in the form quotes and phrases are compared in (see the module docstring)."""
    text = normalize_text(visible_text(text))
    text = normalise_quotes(text).translate(_DASHES).replace("\u2026", "...")
    return " ".join(text.casefold().split())


def like_pattern(text: str, *, anywhere: bool = True) -> str:
    """A LIKE pattern matching ``text`` literally (``\\`` is the escape character)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%" if anywhere else escaped


def prefilter_words(phrase: str, count: int = 3) -> list[str]:
    """Up to ``count`` of the longest ASCII words of ``phrase``, lower-cased, for a SQL LIKE.

    Only words are used (no spaces, quotes or dashes), so the stored text's spacing and quote
    style cannot make the SQL miss a clause the match form would accept. Words with non-ASCII
    letters are left out because SQLite folds only ASCII case; an empty list means no SQL
    narrowing is possible and every clause goes to the match form.
    """
    text = normalize_text(visible_text(phrase))
    words = {
        w.lower() for w in _WORD.findall(text) if w.isascii() and len(w) >= _MIN_PREFILTER_LENGTH
    }
    return sorted(words, key=lambda w: (-len(w), w))[:count]

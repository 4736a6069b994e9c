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
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

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


# --- quotations that are not word for word ----------------------------------------------------

#: An ellipsis marking left-out words: "...", "…" (already "..." in the match form), "[...]",
#: "(...)", with or without spaces between the dots.
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3,}\]|\(\s*(?:\.\s*){3,}\)|(?:\.\s*){3,})\s*")
#: What a quotation's pieces are trimmed of at both ends.
_EDGE = " .,;:!?\"'()[]*"
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*$")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_TOKEN_KEYS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True, slots=True)
class QuotePieces:
    """A quotation cut at its ellipses: the pieces' match forms, trimmed of edge punctuation.

    ``elisions`` counts the ellipses; ``ends_sentence`` says the quotation ends as a sentence
    does (``.``, ``!`` or ``?``), so a document whose sentence goes on there was cut short.
    """

    pieces: tuple[str, ...]
    elisions: int
    ends_sentence: bool


def quote_pieces(quote: str) -> QuotePieces:
    """The pieces of ``quote`` (see :class:`QuotePieces`)."""
    form = match_form(quote).strip(" \"'")
    parts = _ELLIPSIS.split(form)
    pieces = tuple(p.strip(_EDGE) for p in parts if p.strip(_EDGE))
    ends = bool(_SENTENCE_END.search(parts[-1])) if parts and parts[-1].strip() else False
    return QuotePieces(pieces, len(parts) - 1, ends)


def find_pieces(pieces: Sequence[str], text: str, start: int = 0) -> list[tuple[int, int]] | None:
    """Where each piece occurs in ``text``, in order and without overlap, from ``start``:
    the leftmost such placement, or None."""
    spans: list[tuple[int, int]] = []
    at = start
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            return None
        spans.append((found, found + len(piece)))
        at = found + len(piece)
    return spans


@dataclass(frozen=True, slots=True)
class Window:
    """The stretch of a text most like a quotation: its similarity (difflib's ratio over words
    and marks, case and quote styles folded) and where it is in the text (characters)."""

    similarity: float
    start: int
    end: int


def best_window(text: str, quote: str) -> Window:
    """The stretch of ``text`` most like ``quote``.

    Candidate stretches start where a run of at least two tokens of the quotation is found
    (aligned to where the quotation would start), are as long as the quotation plus a fifth,
    and are trimmed to their first and last matching token before the ratio is taken.
    """
    tokens = list(_TOKEN.finditer(text))
    a = [_token_key(t.group()) for t in tokens]
    b = [_token_key(t) for t in _TOKEN.findall(match_form(quote))]
    best = Window(0.0, 0, 0)
    if not a or not b:
        return best
    blocks = [
        m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size
    ]
    starts = {max(0, m.a - m.b) for m in blocks if m.size >= 2} or {
        max(0, m.a - m.b) for m in blocks
    }
    slack = len(b) // 5 + 2
    for start in sorted(starts):
        window = a[start : start + len(b) + slack]
        inner = [
            m
            for m in SequenceMatcher(None, window, b, autojunk=False).get_matching_blocks()
            if m.size
        ]
        if not inner:
            continue
        first, last = start + inner[0].a, start + inner[-1].a + inner[-1].size
        ratio = SequenceMatcher(None, a[first:last], b, autojunk=False).ratio()
        if ratio > best.similarity:
            best = Window(ratio, tokens[first].start(), tokens[last - 1].end())
    return best


def _token_key(token: str) -> str:
    return token.casefold().translate(_TOKEN_KEYS)

"""What counts as a cosmetic change: whitespace, punctuation, case, quote style, number labels.

:func:`cosmetic_key` folds a clause to the words that carry its meaning, so two clauses with the
same key differ at most cosmetically; :func:`cosmetic_detail` names what differs. Digits inside a
sentence are words (``30 days`` vs ``60 days`` is never cosmetic); only a number label at the
start of a clause (``3.``, ``2.1``, ``(a)``, ``iv.``, ``Section 5``) is ignored.
"""

from __future__ import annotations

import re
import unicodedata

from tracker.model import Clause

#: A number label at the very start of a text: ``3.``, ``3)``, ``(3)``, ``2.1``, ``2.1.``,
#: ``(a)``, ``a.``, ``iv.``, ``Section 5``, ``Article 12.``, ``§ 4``. A bare ``30 `` is not a
#: label (it is the start of ``30 days``). A number label may be glued to a capitalised
#: heading (``1.Services``, a page that dropped the space). A lone lowercase ``o`` before a
#: capitalised word is the bullet of a nested list written as a letter (word processors' second
#: level, copied as text: ``o Our business purpose``); no English sentence starts that way.
_LEADING_LABEL = re.compile(
    r"""^\s*(?:(?:
        (?:section|article|clause|part|chapter|§)\s*\d+(?:\.\d+)*[.:)]?   # Section 5, § 4
      | \(\s*(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})\s*\)                    # (3) (a) (iv)
      | \d{1,3}(?:\.\d{1,3})+\.?                                          # 2.1  2.1.
      | \d{1,3}[.)]                                                       # 3.  3)
      | (?:[a-z]|[ivxlc]{1,6})[.)]                                        # a.  iv)
    )(?=\s|$)
      | \d{1,3}(?:\.\d{1,3})*[.)](?=(?-i:[A-Z])[a-z])                     # 1.Services
      | (?-i:o)(?=[ \t\u00a0]+(?-i:[A-Z]))                               # o Our purpose
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "`": "'",
    }
)
_NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]")
#: ASCII punctuation marks (Unicode category P*), the backtick quote and the bar that
#: separates table cells to spaces; ASCII symbols such as $ + < stay.
_ASCII_PUNCTUATION = str.maketrans(
    {chr(c): " " for c in range(128) if unicodedata.category(chr(c)).startswith("P")}
    | {"`": " ", "|": " "}
)


def strip_leading_label(text: str) -> str:
    """``text`` without a number label at its start (``"2.1 Scope"`` -> ``"Scope"``)."""
    match = _LEADING_LABEL.match(text)
    return text[match.end() :].lstrip() if match else text


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def normalise_quotes(text: str) -> str:
    return text.translate(_QUOTES)


def _space_if_punctuation(match: re.Match[str]) -> str:
    mark = match.group()
    return " " if mark == "|" or unicodedata.category(mark)[0] == "P" else mark


def drop_punctuation(text: str) -> str:
    """Every punctuation mark, and the bar between table cells, becomes a space, so ``1.5``
    and ``15`` stay different. Symbols (``$``, ``€``, ``+``) are kept: a currency change is not
    cosmetic."""
    if text.isascii():
        return text.translate(_ASCII_PUNCTUATION)
    return _NOT_WORD_OR_SPACE.sub(_space_if_punctuation, text)


def fold_text(text: str) -> str:
    """``text`` reduced to its words: no label, quotes, punctuation, case or extra whitespace."""
    if not text.isascii():
        text = normalise_quotes(unicodedata.normalize("NFKC", text))
    return collapse_whitespace(drop_punctuation(strip_leading_label(text)).casefold())


def cosmetic_key(clause: Clause) -> str:
    """Equal for two clauses exactly when they differ at most cosmetically (label ignored)."""
    return fold_text(clause.text if clause.label else clause.display_text)


def path_element_key(element: str) -> str:
    """A heading-path element folded like a clause, so renumbered headings keep their key."""
    return fold_text(element)


def is_cosmetic(old: Clause, new: Clause) -> bool:
    """True when ``old`` and ``new`` differ only in whitespace, punctuation, case, quotes,
    number label or clause kind (``new`` may also be identical)."""
    return cosmetic_key(old) == cosmetic_key(new)


def _label_of(clause: Clause) -> str:
    if clause.label:
        return collapse_whitespace(clause.label)
    match = _LEADING_LABEL.match(clause.text)
    return collapse_whitespace(match.group(0)) if match else ""


def _body_of(clause: Clause) -> str:
    return clause.text if clause.label else strip_leading_label(clause.text)


def cosmetic_detail(old: Clause, new: Clause) -> str:
    """Name the cosmetic difference between two clauses for which :func:`is_cosmetic` holds.

    ``renumbered`` when the number label changed (whatever else changed with it); otherwise the
    first of ``whitespace``, ``quotes``, ``case``, ``punctuation`` whose normalisation (applied
    cumulatively, in that order) makes the texts equal; ``format`` when only the clause kind or
    level differs.
    """
    if _label_of(old).casefold() != _label_of(new).casefold():
        return "renumbered"
    a, b = _body_of(old), _body_of(new)
    if a == b:
        return "format"
    steps = (
        ("whitespace", collapse_whitespace),
        ("quotes", normalise_quotes),
        ("case", str.casefold),
        ("punctuation", lambda s: collapse_whitespace(drop_punctuation(s))),
    )
    for name, step in steps:
        a, b = step(a), step(b)
        if a == b:
            return name
    return "punctuation"

"""Number labels as printed at the start of clauses: ``2.4``, ``(a)``, ``iii.``, ``Section 5``.

A label is recognised only when text follows it. Plain integers without a dot (``1 Purpose``)
count only in headings, where they cannot be the start of a sentence such as "30 days...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN_LOWER = r"(?:x{0,3}(?:ix|iv|v?i{0,3}))"
_ROMAN_UPPER = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_SECTION_WORDS = (
    r"(?:Section|SECTION|Sec\.|Article|ARTICLE|Art\.|Clause|CLAUSE|Part|PART|Chapter|CHAPTER"
    r"|Schedule|SCHEDULE|Annex|ANNEX|Appendix|APPENDIX|Exhibit|EXHIBIT)"
)
_PATTERNS = {
    # "Section 5", "Article 2.1:", "§ 4", "§4.2."
    "section": rf"(?:{_SECTION_WORDS}\s+(?:\d{{1,3}}(?:\.\d{{1,3}})*|{_ROMAN_UPPER}|[A-Z])"
    rf"|§§?\s?\d{{1,3}}(?:\.\d{{1,3}})*)[.:]?",
    # "2.4", "2.4.", "2.4.1"
    "dotted": r"\d{1,3}(?:\.\d{1,3})+\.?",
    # "1.", "1)"
    "number": r"\d{1,3}[.)]",
    # "(a)", "(iv)", "(12)", "(A)"
    "parenthesised": rf"\((?:\d{{1,3}}|[a-z]{{1,2}}|[A-Z]{{1,2}}|{_ROMAN_LOWER}|{_ROMAN_UPPER})\)",
    # "IV.", "iii."
    "roman": rf"(?:(?=[ivx])(?:{_ROMAN_LOWER})|(?=[IVX])(?:{_ROMAN_UPPER}))[.)]",
    # "a.", "B)"
    "letter": r"[A-Za-z][.)]",
}
_LABEL = re.compile(
    "(?:"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS.items())
    + r")(?=\s+\S)"
)
_HEADING_NUMBER = re.compile(r"\d{1,3}(?=\s+\S)")
SECTION_KINDS = frozenset({"section", "dotted", "number"})


@dataclass(frozen=True, slots=True)
class Label:
    """A number label found at the start of a text, and the text after it."""

    text: str
    kind: str
    rest: str

    @property
    def is_section_number(self) -> bool:
        """Numbers that mark sections (``2.4``, ``Section 5``, ``IV.``, ``B.``), not items."""
        return self.kind in SECTION_KINDS or (
            self.kind in ("roman", "letter") and self.text[0].isupper()
        )

    @property
    def family(self) -> str:
        """Labels of one family number siblings: ``(a)``/``(b)``, ``i.``/``j.``, ``2.``/``2.1``."""
        if self.is_section_number:
            return "number"
        if self.kind == "parenthesised":
            inner = self.text[1]
            return "(1)" if inner.isdigit() else "(A)" if inner.isupper() else "(a)"
        return "a."

    @property
    def depth(self) -> int:
        """How deep the number is in a numbering scheme: ``2`` is 1, ``2.4`` is 2."""
        if self.kind == "dotted":
            return self.text.rstrip(".").count(".") + 1
        if self.kind == "section":
            return self.text.rstrip(".:").count(".") + 1
        return 1


def find_label(text: str, *, heading: bool = False) -> Label | None:
    """The label at the start of ``text`` (``heading`` also accepts a bare ``1``), if any."""
    match = _LABEL.match(text)
    if match is None and heading:
        match = _HEADING_NUMBER.match(text)
        if match is not None:
            return Label(match.group(), "number", text[match.end() :].lstrip())
    if match is None:
        return None
    kind = match.lastgroup or "number"
    return Label(match.group(), kind, text[match.end() :].lstrip())

"""Quotations: words a page gives as a document's own (pure).

Two ways of marking them are read:

- **quotation marks**: typographic ``“…”``, ``„…“``, ``«…»`` or straight ``"…"`` quotes,
  within one block (a paragraph, a list item). A passage of fewer than :data:`MIN_WORDS`
  words is a term or a title ("the “Services”"), not a quotation. An opening mark never
  closed, before a passage of that length, is listed as not checked.
- **an introducing heading or label**: a short line such as "Original clause language",
  "View original clause language", "Exact wording", "The clause reads:" makes the next block
  (of at least :data:`MIN_WORDS` words) a quotation, its outer quotation marks dropped; the
  "reads/states/says" form needs its colon (a heading "What the privacy policy says" is
  followed by the author's own words);
- **a blockquote**: a paragraph of an HTML ``<blockquote>`` (Markdown ``>``) of at least
  :data:`MIN_WORDS` words.

Single quotes are not read (they are apostrophes too often), nor are paraphrases: words not
marked as quoted are never a quotation.
"""

from __future__ import annotations

import re

from tracker.claims.model import Quotation, Unchecked
from tracker.claims.page import Page
from tracker.vocabulary import ClaimKind

#: A quoted passage shorter than this is a term or a title, not a quotation.
MIN_WORDS = 8
#: Longest line read as a heading or label that introduces a quotation.
INTRODUCER_MAX_WORDS = 10
#: Opening mark -> the marks that may close it.
CLOSING = {"“": "”", "„": "“”", "«": "»", '"': '"', "”": "”"}
_INTRODUCER = re.compile(
    r"\b(?:original|exact|verbatim|actual|full|quoted|relevant|source)\s+"
    r"(?:\w+\s+){0,2}(?:language|text|wording)\b"
    r"|\b(?:clause|provision|section|policy|contract|legal)\s+(?:language|text|wording)\b"
    r"|\b(?:clause|provision|section|policy|terms?|text)\s+(?:reads?|states?|says?)\s*:\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_OUTER_QUOTES = '"“”„«»'


def find_quotations(page: Page) -> tuple[list[Quotation], list[Unchecked]]:
    """The quotations of ``page``, and the passages that look quoted but cannot be read."""
    introduced = introduced_quotations(page)
    quotations = list(introduced)
    seen = {" ".join(q.text.split()) for q in introduced}
    unchecked: list[Unchecked] = []
    first_line = _first_line_of_blocks(page)
    for block, text in page.blocks():
        position = first_line[block]
        if page.lines[position].quoted and word_count(text) >= MIN_WORDS:
            passage = text.strip().strip(_OUTER_QUOTES).strip()
            if " ".join(passage.split()) not in seen:
                quotations.append(Quotation(passage, text, position, marks="blockquote"))
                seen.add(" ".join(passage.split()))
            continue
        found, open_tail = quoted_passages(text)
        for passage in found:
            if word_count(passage) >= MIN_WORDS and " ".join(passage.split()) not in seen:
                quotations.append(Quotation(passage, text, position))
        if open_tail is not None and word_count(open_tail) >= MIN_WORDS:
            unchecked.append(
                Unchecked(ClaimKind.QUOTATION, text, "a quotation mark is never closed", position)
            )
    quotations.sort(key=lambda q: q.position)
    return quotations, unchecked


def introduced_quotations(page: Page) -> list[Quotation]:
    """Quotations introduced by a heading or label line ("Original clause language"): the
    rest of the label's block, or the next block when the label ends its block."""
    lines = page.lines
    found: list[Quotation] = []
    for index, line in enumerate(lines):
        label = line.text.strip()
        if len(label.split()) > INTRODUCER_MAX_WORDS or not _INTRODUCER.search(label):
            continue
        rest = [i for i in range(index + 1, len(lines)) if lines[i].block == line.block]
        if not rest:
            following = index + 1
            if following >= len(lines) or lines[following].heading:
                continue
            rest = [
                i for i in range(following, len(lines)) if lines[i].block == lines[following].block
            ]
        text = " ".join(lines[i].text for i in rest).strip().strip(_OUTER_QUOTES).strip()
        if word_count(text) >= MIN_WORDS:
            label = label.rstrip(":").strip()
            found.append(Quotation(text, f"{label}: {text}", rest[0], marks=label))
    return found


def quoted_passages(text: str) -> tuple[list[str], str | None]:
    """The passages between matching quotation marks in ``text``, and the text after an
    opening mark that is never closed (None when every mark is closed)."""
    passages: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char not in CLOSING or (char == "”" and not _opens(text, index)):
            index += 1
            continue
        closers = CLOSING[char]
        end = next((i for i in range(index + 1, len(text)) if text[i] in closers), -1)
        if end < 0:
            return passages, text[index + 1 :]
        passages.append(text[index + 1 : end].strip())
        index = end + 1
    return passages, None


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _opens(text: str, index: int) -> bool:
    """A right double quotation mark used as an opening one (some sites use ” for both):
    at the start, or after a space or an opening bracket."""
    return index == 0 or text[index - 1] in " ([\u00a0"


def _first_line_of_blocks(page: Page) -> dict[int, int]:
    first: dict[int, int] = {}
    for index, line in enumerate(page.lines):
        first.setdefault(line.block, index)
    return first

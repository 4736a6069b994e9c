"""A third party's page as lines of text, the form its claims are read from (pure).

HTML, Markdown and PDF go through the extractor (:func:`tracker.extract.extract_bytes`, main
content found automatically unless CSS rules are given): each clause is one line and one
block, a table row keeps its cells. Plain text is read line by line instead, because the
extractor joins the lines of a paragraph and a page's "label" and "value" lines
("Zero data retention available" / "Yes") would run together: each non-empty line is a line,
each paragraph (lines between blank lines) a block.

A line is a *heading* when the extractor says so, or, in plain text, when it is a paragraph of
one short line that does not end like a sentence. A line is *quoted* when its text is a
paragraph of an HTML ``<blockquote>`` (a Markdown ``>`` block).
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

from bs4 import BeautifulSoup

from tracker.extract import detect_format, extract_bytes, visible_text
from tracker.extract.decode import decode
from tracker.extract.html import parse_html
from tracker.extract.markdown import markdown_to_html
from tracker.extract.normalize import normalize_text
from tracker.model import ExtractedDocument, ExtractionRules

#: A plain-text paragraph of one line this short, not ended like a sentence, is a heading.
HEADING_MAX_WORDS = 12
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
_SENTENCE_END = re.compile(r"[.!?:;,]['\"”’)\]]*$")
_ANY_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page: its text, the block it belongs to and whether it is a heading.

    ``cells`` are the cells of a table row (empty otherwise).
    """

    text: str
    block: int
    heading: bool = False
    cells: tuple[str, ...] = ()
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """A page read for its claims: a name (file or URL), its title if known, its lines."""

    name: str
    title: str | None
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """Every line, one per line."""
        return "\n".join(line.text for line in self.lines)

    def blocks(self) -> list[tuple[int, str]]:
        """Each block's number and text (its lines joined by a space), in page order."""
        joined: dict[int, list[str]] = {}
        for line in self.lines:
            joined.setdefault(line.block, []).append(line.text)
        return [(block, " ".join(texts)) for block, texts in joined.items()]


def read_page(
    data: bytes,
    *,
    name: str,
    content_type: str | None = None,
    base_url: str | None = None,
    rules: ExtractionRules | None = None,
) -> Page:
    """The lines of a file or fetched page (see the module docstring)."""
    found = detect_format(data, content_type=content_type, name=name)
    if found == "text":
        return page_from_text(decode(data, content_type=content_type), name=name)
    document = extract_bytes(
        data,
        content_type=content_type,
        name=name,
        rules=rules or ExtractionRules(),
        base_url=base_url,
    )
    quoted: set[str] = set()
    if found == "html":
        quoted = blockquote_keys(parse_html(data, content_type))
    elif found == "markdown":
        text = decode(data, content_type=content_type)
        quoted = blockquote_keys(parse_html(markdown_to_html(text)))
    return page_from_document(document, name=name, quoted=quoted)


def page_from_document(
    document: ExtractedDocument, *, name: str, quoted: Set[str] = frozenset()
) -> Page:
    """One line per clause of an extracted document; ``quoted`` are the :func:`text_key` of
    the paragraphs of its blockquotes."""
    lines = tuple(
        Line(
            text=clause.display_text,
            block=index,
            heading=clause.kind == "heading",
            cells=tuple(clause.text.split(" | ")) if clause.kind == "table_row" else (),
            quoted=bool(quoted) and text_key(visible_text(clause.display_text)) in quoted,
        )
        for index, clause in enumerate(document.clauses)
    )
    return Page(name=name, title=document.title, lines=lines)


def blockquote_keys(soup: BeautifulSoup) -> set[str]:
    """The :func:`text_key` of every paragraph (or list item) inside a ``<blockquote>``."""
    keys: set[str] = set()
    for quote in soup.find_all("blockquote"):
        for block in quote.find_all(["p", "li"]) or [quote]:
            key = text_key(block.get_text(" "))
            if key:
                keys.add(key)
    return keys


def text_key(text: str) -> str:
    """A text compared without case or whitespace (markup puts spaces in different places)."""
    return _ANY_SPACE.sub("", normalize_text(text)).casefold()


def page_from_text(text: str, *, name: str = "text") -> Page:
    """The lines of plain text (pasted into a form, or a ``.txt`` file)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    for block, paragraph in enumerate(_BLANK_LINES.split(text)):
        raw = [normalize_text(line) for line in paragraph.split("\n")]
        kept = [line for line in raw if line and not _UNDERLINE.match(line)]
        underlined = len(raw) == 2 and bool(raw[0]) and bool(_UNDERLINE.match(raw[1]))
        for line in kept:
            heading = underlined or (len(kept) == 1 and is_heading_like(line))
            lines.append(Line(text=line, block=block, heading=heading))
    title = lines[0].text if lines and lines[0].heading else None
    return Page(name=name, title=title, lines=tuple(lines))


def is_heading_like(text: str) -> bool:
    """A short line that does not end like a sentence."""
    return len(text.split()) <= HEADING_MAX_WORDS and not _SENTENCE_END.search(text)

"""Text-based PDF to clauses: pypdf extracts each page's text, which is rebuilt into paragraphs.

PDF text comes as lines, not paragraphs. Lines are joined into a paragraph until a line ends a
sentence (``.``, ``:``, ``;``, ``?``, ``!``) well short of the usual line length, or the next
line starts with a bullet or a number label. A word hyphenated across lines is joined when the
next line starts in lower case. Page numbers ("3", "Page 3 of 9") and lines repeated at the top
or bottom of most pages (running headers and footers) are dropped. A PDF whose pages have no
text at all (a scan) fails with :class:`NoTextLayerError` rather than giving an empty version.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Sequence

from pypdf import PdfReader

from tracker.errors import NoTextLayerError, UnsupportedFormatError
from tracker.extract.document import build_document
from tracker.extract.labels import find_label
from tracker.extract.normalize import normalize_text
from tracker.extract.text import text_blocks
from tracker.model import ExtractedDocument

# pypdf logs what it repairs or gives up on (``EOF marker not found``); the error that
# follows, if any, says it in one line. Without a handler of its own those records would
# reach Python's last-resort handler and be printed before that line.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_BULLET_START = re.compile(r"^\s*[-*•◦▪–·]\s")
_SENTENCE_END = (".", ":", ";", "?", "!")
#: A line shorter than this share of the longest lines ends its paragraph (if it ends a sentence).
SHORT_LINE_SHARE = 0.8
#: A line shorter than this share ends its paragraph when the next line starts a sentence.
HEADING_LINE_SHARE = 0.6
MIN_LINES_FOR_PERCENTILE = 30
#: A first or last line found on at least this share of the pages is a running header/footer.
RUNNING_LINE_SHARE = 0.5


def extract_pdf(data: bytes, *, source: str = "PDF") -> ExtractedDocument:
    """Extract the clauses of a text-based PDF."""
    pages, title = _page_texts(data, source)
    if not any(page.strip() for page in pages):
        raise NoTextLayerError(source)
    text = pages_to_text(pages)
    return build_document(text_blocks(text), title=title, source=source)


def _page_texts(data: bytes, source: str) -> tuple[list[str], str | None]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsupportedFormatError(f"{source}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except UnsupportedFormatError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise UnsupportedFormatError(f"{source}: not a readable PDF ({exc})") from exc
    return pages, normalize_text(title) if isinstance(title, str) and title.strip() else None


def pages_to_text(pages: Sequence[str]) -> str:
    """The pages' lines rebuilt into paragraphs separated by blank lines."""
    page_lines = [[line.rstrip() for line in page.splitlines() if line.strip()] for page in pages]
    running = _running_lines(page_lines)
    lines = [
        line
        for page in page_lines
        for line in page
        if line.strip() not in running and not _PAGE_NUMBER.match(line)
    ]
    width = _typical_width(lines)
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if current.endswith("-") and stripped[:1].islower() and current[-2:-1].isalpha():
            current = current[:-1] + stripped
        else:
            current = f"{current} {stripped}" if current else stripped
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if not following or _ends_paragraph(stripped, following, width):
            paragraphs.append(current)
            current = ""
    return "\n\n".join(paragraphs) + "\n"


def _ends_paragraph(line: str, following: str, width: int) -> bool:
    if _BULLET_START.match(following) or find_label(following) is not None:
        return True
    if len(line) < HEADING_LINE_SHARE * width and following[:1].isupper():
        return True  # a line this short is a heading or the last line of a paragraph
    return line.endswith(_SENTENCE_END) and len(line) < SHORT_LINE_SHARE * width


def _typical_width(lines: Sequence[str]) -> int:
    """The text column's width: the longest lines' length (90th percentile on long texts)."""
    if not lines:
        return 0
    lengths = sorted(len(line.strip()) for line in lines)
    if len(lengths) < MIN_LINES_FOR_PERCENTILE:
        return lengths[-1]
    return lengths[int(0.9 * (len(lengths) - 1))]


def _running_lines(pages: Sequence[Sequence[str]]) -> set[str]:
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({line.strip() for line in (*lines[:2], *lines[-2:])})
    threshold = RUNNING_LINE_SHARE * len(pages)
    return {line for line, count in edges.items() if count >= threshold}

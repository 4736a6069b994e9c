"""Extraction: pages and files in, ordered clauses and a version hash out. Pure: no I/O.

Public API (everything else in this package is an implementation detail)::

    extract_html(html, rules=..., base_url=...)   HTML page -> ExtractedDocument
    extract_markdown(text)                         Markdown -> ExtractedDocument
    extract_text(text)                             plain text -> ExtractedDocument
    extract_pdf(data, source=...)                  text-based PDF -> ExtractedDocument
    extract_bytes(data, content_type=..., name=..., rules=..., base_url=...)
                                                   any of these, detected and decoded
    canonical_text(clauses)                        the text whose SHA-256 is the version hash
    visible_text(text)                             clause text without link targets
    combine_documents(documents)                   several pages as one document
    EXTRACTOR_VERSION                              stored on every version

Pipeline: input -> blocks (html.py, text.py; markdown.py renders to HTML first, pdf.py
rebuilds text) -> clauses (segment.py, labels.py; navigation.py leaves tables of contents
out) -> canonical text and hash (canonical.py), effective date (dates.py). Normalisations are
in normalize.py, charset handling in decode.py, main-content detection in main_content.py,
CSS rules in selectors.py.

The names are loaded on first use: the parsers (beautifulsoup4, lxml, pypdf) cost most of a
second to import, and modules that only need the small pure pieces (``canonical``, ``dates``)
import those alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.lazy import names_on_first_use

if TYPE_CHECKING:
    from tracker.extract.canonical import canonical_text, visible_text
    from tracker.extract.dispatch import detect_format, extract_bytes
    from tracker.extract.document import combine_documents
    from tracker.extract.html import extract_html
    from tracker.extract.markdown import extract_markdown
    from tracker.extract.pdf import extract_pdf
    from tracker.extract.text import extract_text

#: Bumped whenever the output for the same input changes (stored on every version).
EXTRACTOR_VERSION = "5"

_HOMES = {
    "canonical_text": "canonical",
    "visible_text": "canonical",
    "detect_format": "dispatch",
    "extract_bytes": "dispatch",
    "combine_documents": "document",
    "extract_html": "html",
    "extract_markdown": "markdown",
    "extract_pdf": "pdf",
    "extract_text": "text",
}


# Hidden from type checkers, which take the names from the imports above: a module
# __getattr__ makes mypy accept any name of the package, a misspelt one too.
if not TYPE_CHECKING:
    __getattr__ = names_on_first_use(
        __name__, {name: f"{__name__}.{home}" for name, home in _HOMES.items()}, globals()
    )


__all__ = [
    "EXTRACTOR_VERSION",
    "canonical_text",
    "combine_documents",
    "detect_format",
    "extract_bytes",
    "extract_html",
    "extract_markdown",
    "extract_pdf",
    "extract_text",
    "visible_text",
]

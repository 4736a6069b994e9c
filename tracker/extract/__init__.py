"""Extraction: pages and files in, ordered clauses and a version hash out. Pure: no I/O.

Public API (everything else in this package is an implementation detail)::

    extract_html(html, rules=..., base_url=...)   HTML page -> ExtractedDocument
    extract_markdown(text)                         Markdown -> ExtractedDocument
    canonical_text(clauses)                        the text whose SHA-256 is the version hash
    visible_text(text)                             clause text without link targets
    combine_documents(documents)                   several pages as one document
    EXTRACTOR_VERSION                              stored on every version
"""

from __future__ import annotations

from tracker.extract.canonical import canonical_text, visible_text
from tracker.extract.document import combine_documents
from tracker.extract.html import extract_html
from tracker.extract.markdown import extract_markdown

#: Bumped whenever the output for the same input changes (stored on every version).
EXTRACTOR_VERSION = "1"

__all__ = [
    "EXTRACTOR_VERSION",
    "canonical_text",
    "combine_documents",
    "extract_html",
    "extract_markdown",
    "visible_text",
]

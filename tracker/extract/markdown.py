"""Markdown input (such as the archived versions in the corpus): render, then segment as HTML.

Rendering with markdown-it-py (CommonMark plus tables and strikethrough, raw HTML passed
through) and reading the result with the HTML walker means a Markdown version and the HTML
page it was made from segment alike: same headings, lists, labels and table rows.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from tracker.extract.document import build_document
from tracker.extract.html import whole_document_blocks
from tracker.model import ExtractedDocument


def markdown_to_html(text: str) -> str:
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html: str = renderer.render(text)
    return html


def extract_markdown(text: str, *, source: str = "Markdown") -> ExtractedDocument:
    """Extract the clauses of a Markdown document."""
    return build_document(whole_document_blocks(markdown_to_html(text)), source=source)

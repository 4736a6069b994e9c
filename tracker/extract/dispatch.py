"""Bytes of unknown kind to an :class:`ExtractedDocument`: pick the format, decode, extract.

The format comes from the content type (``text/html``, ``application/xhtml+xml``,
``text/markdown``, ``text/plain``, ``application/pdf``), else from the extension of ``name``
(a path or a URL: ``.html``, ``.htm``, ``.xhtml``, ``.md``, ``.markdown``, ``.txt``, ``.pdf``),
else from the bytes themselves (``%PDF-``, an HTML start, Markdown headings or links, else
text). ``text/plain`` named ``*.md`` is Markdown: servers often send Markdown as plain text.
Binary data that is none of these is an :class:`UnsupportedFormatError`.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

from tracker.errors import SelectorMissError, UnsupportedFormatError
from tracker.extract.decode import decode
from tracker.extract.html import NO_RULES, extract_html
from tracker.extract.markdown import extract_markdown
from tracker.extract.pdf import extract_pdf
from tracker.extract.text import extract_text
from tracker.model import ExtractedDocument, ExtractionRules

Format = Literal["html", "markdown", "text", "pdf"]

CONTENT_TYPES: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
}
EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
}
#: Content types that say nothing about the format: look further.
UNINFORMATIVE_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", ""})
SNIFF_BYTES = 4096
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|h[1-6])[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_MARKDOWN_HINT = re.compile(
    rb"^#{1,6} \S|^\S.*\n(?:=+|-+)[ \t]*$|\]\((?:https?://|/|#)", re.MULTILINE
)


def detect_format(
    data: bytes, *, content_type: str | None = None, name: str | None = None
) -> Format:
    """The format of ``data`` (see the module docstring)."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    extension = _extension(name)
    if media_type not in UNINFORMATIVE_TYPES:
        found = CONTENT_TYPES.get(media_type)
        if found is None:
            raise UnsupportedFormatError(
                f"{name or 'input'}: unsupported content type {media_type!r}"
            )
        if found == "text" and EXTENSIONS.get(extension) == "markdown":
            return "markdown"
        return found
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    return sniff_format(data, name)


def sniff_format(data: bytes, name: str | None = None) -> Format:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError(
            f"{name or 'input'}: binary data, not HTML, Markdown, text or PDF"
        )
    return "markdown" if _MARKDOWN_HINT.search(head) else "text"


def extract_bytes(
    data: bytes,
    *,
    content_type: str | None = None,
    name: str | None = None,
    rules: ExtractionRules = NO_RULES,
    base_url: str | None = None,
) -> ExtractedDocument:
    """Extract a document of any supported format (``rules`` and ``base_url`` are for HTML)."""
    found = detect_format(data, content_type=content_type, name=name)
    source = name or "input"
    if found != "html":
        refuse_selectors(rules, found, source)
    if found == "pdf":
        return extract_pdf(data, source=source)
    if found == "html":
        return extract_html(
            data,
            rules=rules,
            base_url=base_url or _url(name),
            content_type=content_type,
            source=name,
        )
    text = decode(data, content_type=content_type)
    if found == "markdown":
        return extract_markdown(text, source=source)
    return extract_text(text, source=source)


def refuse_selectors(rules: ExtractionRules, found: Format, source: str) -> None:
    """CSS selectors only mean something in HTML: given for another format, they are an
    error (like a selector that matches nothing), never silently ignored."""
    for option, selectors in (("select", rules.select), ("remove", rules.remove)):
        if selectors:
            raise SelectorMissError(
                selectors[0],
                f"{source}: {option} {selectors[0]!r} cannot apply to {FORMAT_NAMES[found]}: "
                "CSS selectors are for HTML pages",
            )


FORMAT_NAMES: dict[Format, str] = {
    "html": "HTML",
    "markdown": "Markdown",
    "text": "plain text",
    "pdf": "a PDF",
}


def _extension(name: str | None) -> str:
    if not name:
        return ""
    path = urlsplit(name).path if "://" in name else name
    last = path.rsplit("/", 1)[-1]
    return "." + last.rsplit(".", 1)[1].lower() if "." in last else ""


def _url(name: str | None) -> str | None:
    return name if name and name.startswith(("http://", "https://")) else None

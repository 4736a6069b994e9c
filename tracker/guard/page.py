"""What a fetched page shows besides its extracted text: title, whole visible text, raw HTML.

The wall and error-page markers are looked for in these (see :mod:`tracker.guard.markers`).
Pure: bytes in, values out.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.errors import UnsupportedFormatError
from tracker.extract.decode import decode
from tracker.extract.normalize import normalize_text

#: Raw markers are looked for in the first characters of the page only (walls are small).
RAW_SCAN_CHARS = 512 * 1024


@dataclass(frozen=True, slots=True)
class PageInput:
    """The facts of one fetch the guards need: the body as received, and the HTTP facts."""

    body: bytes
    status: int = 200
    content_type: str | None = None
    url: str | None = None
    final_url: str | None = None


@dataclass(frozen=True, slots=True)
class PageFacts:
    """The page as a person (title, visible text) and a program (raw HTML) sees it."""

    title: str
    text: str
    raw: str


def page_facts(page: PageInput) -> PageFacts:
    """Parse ``page.body`` once and keep its title, its whole visible text and its raw head.

    Plain text and Markdown are their own visible text; a PDF, or a body in a format the
    tracker does not read (JSON, an image, random bytes), shows nothing to look for.
    """
    # the parsers load on first use (a night on which nothing changed never needs them)
    from tracker.extract import detect_format
    from tracker.extract.html import parse_html

    try:
        found = detect_format(
            page.body, content_type=page.content_type, name=page.final_url or page.url
        )
    except UnsupportedFormatError:
        return PageFacts(title="", text="", raw="")
    if found == "pdf":
        return PageFacts(title="", text="", raw="")
    html = decode(page.body, content_type=page.content_type, html=found == "html")
    if found != "html":
        return PageFacts(title="", text=normalize_text(html), raw=html[:RAW_SCAN_CHARS])
    soup = parse_html(html)
    title_tag = soup.title
    title = normalize_text(title_tag.get_text()) if title_tag is not None else ""
    root = soup.body if soup.body is not None else soup
    text = normalize_text(root.get_text(" "))
    return PageFacts(title=title, text=text, raw=html[:RAW_SCAN_CHARS])

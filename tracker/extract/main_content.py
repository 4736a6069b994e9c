"""Automatic main-content detection, used when a document has no ``select`` rule.

The root is, in order of preference: the element a URL fragment points at (``/terms#privacy``),
the page's ``<main>`` (or ``role="main"``) element, its only or clearly dominant ``<article>``,
else the densest container: the element whose paragraphs hold the most text that is not link
text (scored as in Readability: a paragraph counts fully for its parent and half for its
grandparent), widened to its ancestors while it holds less than 80% of their text, so that
content split over sibling blocks is kept whole.

Inside the root, :func:`is_page_chrome` tells the walker which elements are page furniture
rather than document text: navigation, sidebars (``<aside>``), page-level headers and footers,
search boxes, dialogs, cookie and consent banners, "skip to content" links and text meant only
for screen readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

CHROME_TAGS = frozenset({"nav", "menu", "aside"})
LANDMARK_TAGS = frozenset({"header", "footer"})
#: A header inside one of these belongs to it, not to the page (as in ARIA in HTML, where it
#: is then no "banner"); it often holds the document's title and date. A footer inside
#: ``<main>`` but outside an article or section is in practice the site's footer.
HEADER_OWNERS = ("article", "section", "aside", "nav", "main")
FOOTER_OWNERS = ("article", "section", "aside", "nav")
PARAGRAPH_TAGS = frozenset({"p", "li", "td", "pre", "dd", "blockquote"})
#: Elements whose text is never page text (see :data:`tracker.extract.html.SKIPPED_TAGS`).
UNMEASURED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "select",
        "textarea",
    }
)
MAX_DEPTH = 400
#: Paragraphs shorter than this (in characters of non-link text) do not vote.
MIN_PARAGRAPH_CHARS = 25
#: The densest container is widened while it holds less than this share of its parent's text.
WIDEN_BELOW_SHARE = 0.8
CHROME_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "search",
        "dialog",
        "alertdialog",
        "menubar",
        "menu",
        "toolbar",
        "complementary",
    }
)
_CONSENT = re.compile(
    r"(?:cookie|consent|gdpr|ccpa)s?[-_ ]?(?:banner|bar|notice|notification|popup|pop-up|modal"
    r"|dialog|overlay|wall|message|prompt|alert|container|wrapper|consent|settings|preferences"
    r"|manager|box|law)"
    r"|onetrust|cookiebot|truste[-_]|trustarc|osano|didomi|usercentrics|cookieyes|\bcky-"
    r"|cmplz|iubenda|termly|qc-cmp|sp_message|fc-consent|\bcc-(?:window|banner)"
    r"|consent-manager|cookie_banner|cookiebanner|cookieconsent|cookie-consent|ot-sdk-container",
    re.IGNORECASE,
)
_SCREEN_READER_ONLY = frozenset(
    {
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screen-reader-only",
        "screenreader-only",
        "a11y-hidden",
        "element-invisible",
        "assistive-text",
        "u-visually-hidden",
    }
)
_SKIP_LINK = re.compile(
    r"^\s*(?:skip|jump)\s+(?:to|navigation|nav)\b|^\s*(?:zum|aller au) (?:inhalt|contenu)",
    re.IGNORECASE,
)
#: Elements a consent banner is built from (inline elements are never checked: it is slow).
BANNER_TAGS = frozenset({"div", "section", "aside", "dialog", "form", "header", "footer", "ul"})
_CONSENT_HINTS = (
    "cookie",
    "consent",
    "gdpr",
    "ccpa",
    "trust",
    "osano",
    "didomi",
    "usercentrics",
    "cky-",
    "cmplz",
    "iubenda",
    "termly",
    "cmp",
    "sp_message",
    "cc-",
)
#: A consent banner never holds this much text; above it the element is content.
MAX_BANNER_CHARS = 3000


@dataclass(slots=True)
class _Survey:
    """One pass over the page: its main, article and h1 elements, and the non-link text length
    of every element (for the density fallback)."""

    mains: list[Tag] = field(default_factory=list)
    articles: list[Tag] = field(default_factory=list)
    titles: list[Tag] = field(default_factory=list)
    lengths: dict[int, int] = field(default_factory=dict)
    paragraphs: list[Tag] = field(default_factory=list)
    total: int = 0

    @classmethod
    def of(cls, root: Tag) -> _Survey:
        survey = cls()
        survey.total = survey._visit(root, 0)
        return survey

    def length(self, el: Tag) -> int:
        return self.lengths.get(id(el), 0)

    def _visit(self, el: Tag, depth: int) -> int:
        total = 0
        for child in el.contents:
            kind = type(child)
            if kind is NavigableString:
                total += len(child.strip())  # type: ignore[attr-defined]
            elif (kind is Tag or isinstance(child, Tag)) and depth < MAX_DEPTH:
                tag: Tag = child  # type: ignore[assignment]
                name = tag.name
                if name in UNMEASURED_TAGS:
                    continue
                if name == "main" or (tag.attrs and tag.attrs.get("role") == "main"):
                    self.mains.append(tag)
                elif name == "article":
                    self.articles.append(tag)
                elif name == "h1":
                    self.titles.append(tag)
                length = self._visit(tag, depth + 1)
                if name in PARAGRAPH_TAGS:
                    self.paragraphs.append(tag)
                if name != "a":
                    total += length
        self.lengths[id(el)] = total
        return total

    def densest_container(self, body: Tag) -> Tag:
        """The container of the page's paragraphs (see the module docstring)."""
        scores: dict[int, float] = {}
        elements: dict[int, Tag] = {}
        for paragraph in self.paragraphs:
            length = self.length(paragraph)
            if length < MIN_PARAGRAPH_CHARS:
                continue
            parent = paragraph.parent
            grandparent = parent.parent if parent is not None else None
            for ancestor, weight in ((parent, 1.0), (grandparent, 0.5)):
                if isinstance(ancestor, Tag):
                    scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + weight * length
                    elements[id(ancestor)] = ancestor
        if not scores:
            return body
        best = elements[max(scores, key=lambda key: scores[key])]
        while best is not body and isinstance(best.parent, Tag):
            if self.length(best) >= WIDEN_BELOW_SHARE * self.length(best.parent):
                break
            best = best.parent
        return best


@dataclass(frozen=True, slots=True)
class MainContent:
    """The main-content root, and the page's title heading when it lies before the root."""

    root: Tag
    title: Tag | None = None


def find_main_content(soup: BeautifulSoup, base_url: str | None = None) -> MainContent:
    """The element holding the page's main content (see the module docstring).

    ``title`` is the page's only ``<h1>`` when it sits before the root rather than inside it:
    pages often put the document title in a hero banner outside ``<main>`` or outside the
    container of the paragraphs, and it is still the document's title.
    """
    if base_url and "#" in base_url:
        fragment = base_url.split("#", 1)[1]
        target = soup.find(id=fragment) if fragment else None
        if isinstance(target, Tag) and target.name not in ("a", "span"):
            return MainContent(target)
    body = soup.body if soup.body is not None else soup
    survey = _Survey.of(body)
    root = _choose_root(body, survey)
    title = survey.titles[0] if len(survey.titles) == 1 else None
    if title is None or any(parent is root for parent in title.parents):
        return MainContent(root)
    if _document_position(title) >= _document_position(root):
        return MainContent(root)
    return MainContent(root, title)


def _choose_root(body: Tag, survey: _Survey) -> Tag:
    if survey.mains:
        return max(survey.mains, key=survey.length)
    if len(survey.articles) == 1:
        return survey.articles[0]
    if survey.articles:
        largest = max(survey.articles, key=survey.length)
        if survey.length(largest) >= 0.6 * survey.total:
            return largest
    return survey.densest_container(body)


def _document_position(el: Tag) -> tuple[int, ...]:
    """A sort key giving document order: child indexes from the root down."""
    indexes: list[int] = []
    node = el
    while node.parent is not None:
        indexes.append(node.parent.contents.index(node))
        node = node.parent
    return tuple(reversed(indexes))


def _text_length(el: Tag) -> int:
    return sum(len(s) for s in el.stripped_strings)


def is_page_chrome(el: Tag) -> bool:
    """Whether an element inside the main content is page furniture to skip."""
    name = el.name
    if name in CHROME_TAGS:
        return True
    if (
        name in LANDMARK_TAGS
        and el.find_parent(HEADER_OWNERS if name == "header" else FOOTER_OWNERS) is None
    ):
        return True
    attrs = el.attrs
    if not attrs:
        return False
    role = attrs.get("role")
    if isinstance(role, str) and role.lower() in CHROME_ROLES:
        return True
    if attrs.get("aria-modal") == "true":
        return True
    classes = class_names(attrs.get("class"))
    if classes and not _SCREEN_READER_ONLY.isdisjoint(classes):
        return True
    if name == "a":
        return _is_skip_link(el)
    return name in BANNER_TAGS and _is_consent_banner(el, classes)


def _is_skip_link(el: Tag) -> bool:
    href = el.get("href")
    return isinstance(href, str) and href.startswith("#") and bool(_SKIP_LINK.match(el.get_text()))


def class_names(value: object) -> list[str]:
    """The class names of a ``class`` attribute, kept as written by the parser (a string) or
    split (a list)."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(name) for name in value]
    return []


def _is_consent_banner(el: Tag, classes: list[str]) -> bool:
    names: list[object] = [el.get("id"), el.get("aria-label")]
    names.extend(classes)
    joined = " ".join(n for n in names if isinstance(n, str))
    if not joined:
        return False
    lowered = joined.lower()
    if not any(hint in lowered for hint in _CONSENT_HINTS):
        return False  # a cheap test first: the full pattern is slow to run on every element
    return bool(_CONSENT.search(joined)) and _text_length(el) <= MAX_BANNER_CHARS

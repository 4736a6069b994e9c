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

from bs4 import BeautifulSoup, Tag

CHROME_TAGS = frozenset({"nav", "menu", "aside"})
LANDMARK_TAGS = frozenset({"header", "footer"})
SECTIONING_TAGS = ("article", "main", "section", "aside")
PARAGRAPH_TAGS = ("p", "li", "td", "pre", "dd", "blockquote")
#: Paragraphs shorter than this (in characters of non-link text) do not vote.
MIN_PARAGRAPH_CHARS = 25
#: The densest container is widened while it holds less than this share of its parent's text.
WIDEN_BELOW_SHARE = 0.8
CHROME_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menubar",
    "menu", "toolbar", "complementary",
})
_CONSENT = re.compile(
    r"(?:cookie|consent|gdpr|ccpa)s?[-_ ]?(?:banner|bar|notice|notification|popup|pop-up|modal"
    r"|dialog|overlay|wall|message|prompt|alert|container|wrapper|consent|settings|preferences"
    r"|manager|box|law)"
    r"|onetrust|cookiebot|truste[-_]|trustarc|osano|didomi|usercentrics|cookieyes|\bcky-"
    r"|cmplz|iubenda|termly|qc-cmp|sp_message|fc-consent|\bcc-(?:window|banner)"
    r"|consent-manager|cookie_banner|cookiebanner|cookieconsent|cookie-consent|ot-sdk-container",
    re.IGNORECASE,
)
_SCREEN_READER_ONLY = frozenset({
    "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only",
    "screenreader-only", "a11y-hidden", "element-invisible", "assistive-text", "u-visually-hidden",
})
_SKIP_LINK = re.compile(
    r"^\s*(?:skip|jump)\s+(?:to|navigation|nav)\b|^\s*(?:zum|aller au) (?:inhalt|contenu)",
    re.IGNORECASE,
)
#: A consent banner never holds this much text; above it the element is content.
MAX_BANNER_CHARS = 3000


def find_main_content(soup: BeautifulSoup, base_url: str | None = None) -> Tag:
    """The element holding the page's main content (see the module docstring)."""
    if base_url and "#" in base_url:
        fragment = base_url.split("#", 1)[1]
        target = soup.find(id=fragment) if fragment else None
        if isinstance(target, Tag) and target.name not in ("a", "span"):
            return target
    mains = [el for el in soup.find_all("main") if isinstance(el, Tag)]
    mains += [el for el in soup.find_all(True, attrs={"role": "main"}) if isinstance(el, Tag)]
    if mains:
        return max(mains, key=_text_length)
    body = soup.body if soup.body is not None else soup
    articles = [el for el in body.find_all("article") if isinstance(el, Tag)]
    if articles:
        largest = max(articles, key=_text_length)
        if len(articles) == 1 or _text_length(largest) >= 0.6 * _text_length(body):
            return largest
    return densest_container(body)


def densest_container(body: Tag) -> Tag:
    """The container of the page's paragraphs (see the module docstring)."""
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for paragraph in body.find_all(PARAGRAPH_TAGS):
        length = _non_link_text_length(paragraph)
        if length < MIN_PARAGRAPH_CHARS:
            continue
        for ancestor, weight in ((paragraph.parent, 1.0), (getattr(paragraph.parent, "parent",
                                                                    None), 0.5)):
            if isinstance(ancestor, Tag):
                scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + weight * length
                elements[id(ancestor)] = ancestor
    if not scores:
        return body
    best = elements[max(scores, key=lambda key: scores[key])]
    held = _non_link_text_length(best)
    while best is not body and isinstance(best.parent, Tag):
        parent_text = _non_link_text_length(best.parent)
        if held >= WIDEN_BELOW_SHARE * parent_text:
            break
        best, held = best.parent, parent_text
    return best


def _text_length(el: Tag) -> int:
    return sum(len(s) for s in el.stripped_strings)


def _non_link_text_length(el: Tag) -> int:
    return sum(len(s.strip()) for s in el.strings if getattr(s.parent, "name", None) != "a")


def is_page_chrome(el: Tag) -> bool:
    """Whether an element inside the main content is page furniture to skip."""
    name = el.name
    if name in CHROME_TAGS:
        return True
    if name in LANDMARK_TAGS and el.find_parent(SECTIONING_TAGS) is None:
        return True
    attrs = el.attrs
    if not attrs:
        return False
    role = attrs.get("role")
    if isinstance(role, str) and role.lower() in CHROME_ROLES:
        return True
    if attrs.get("aria-modal") == "true":
        return True
    classes = attrs.get("class")
    if classes and not _SCREEN_READER_ONLY.isdisjoint(classes):
        return True
    if name == "a" and _is_skip_link(el):
        return True
    return _is_consent_banner(el, classes)


def _is_skip_link(el: Tag) -> bool:
    href = el.get("href")
    return isinstance(href, str) and href.startswith("#") and bool(
        _SKIP_LINK.match(el.get_text())
    )


def _is_consent_banner(el: Tag, classes: object) -> bool:
    names = [el.get("id"), el.get("aria-label")]
    if isinstance(classes, list):
        names.extend(classes)
    joined = " ".join(n for n in names if isinstance(n, str))
    if not joined or not _CONSENT.search(joined):
        return False
    return _text_length(el) <= MAX_BANNER_CHARS

"""Does a page fetched over plain HTTP need a browser? The test behind ``fetch = "auto"``.

Two kinds of answer are not the document and may become it once a browser runs the page's
scripts (:class:`~tracker.vocabulary.Escalation`):

- ``script-shell``: a single-page app's HTML before its scripts ran. It has scripts, little
  visible text (at most :data:`SHELL_MAX_WORDS` words), and one of: an empty mount point
  (``<div id="root"></div>``, ``#__next``, ``<app-root>``...), a ``<noscript>`` notice asking
  for JavaScript, or almost no text at all (under :data:`ALMOST_NO_TEXT` words);
- ``bot-wall``: a page carrying a strong bot-wall or captcha marker of
  :mod:`tracker.guard.markers` (a JavaScript challenge a browser may pass), on a page short
  enough to be a wall. Error pages (HTTP 403, 503) are read too: walls often answer so.

A page with a strong marker of another kind (an error page, a login or cookie wall) is not
escalated: a browser would show the same, and the guards name it.

A page with its text (a real policy has hundreds of words) is never escalated, whatever
scripts it has: ``tests/test_guard_shell.py`` runs this over every corpus snapshot. Pure:
bytes in, a reason (or ``None``) out.
"""

from __future__ import annotations

import re

from bs4 import Tag

from tracker.extract import detect_format
from tracker.extract.decode import decode
from tracker.extract.html import parse_html
from tracker.extract.normalize import normalize_text
from tracker.guard.checks import BOT_WALL, CAPTCHA, DEFAULT_POLICY, find_marker
from tracker.guard.page import PageInput
from tracker.guard.text import count_words
from tracker.vocabulary import Escalation

#: A page with more visible words than this has its text: never a script shell.
SHELL_MAX_WORDS = 150
#: Under this many visible words a page with scripts is a shell even without other signs.
ALMOST_NO_TEXT = DEFAULT_POLICY.near_empty_words

#: Ids and attributes single-page-app frameworks mount their app on.
MOUNT_IDS = frozenset(
    {
        "root",
        "app",
        "app-root",
        "main-app",
        "react-root",
        "__next",
        "___gatsby",
        "__nuxt",
        "__layout",
        "svelte",
        "q-app",
        "ember-app",
        "application",
        "single-spa-application",
    }
)
MOUNT_ATTRIBUTES = ("data-reactroot", "ng-version", "data-v-app", "data-server-rendered")
MOUNT_TAGS = frozenset({"app-root", "my-app", "ng-app"})
_NEEDS_JAVASCRIPT = re.compile(
    r"(?:enable|turn on|activate|allow|requires?|need|needs|must have|without)\b.{0,40}"
    r"\bjavascript|javascript\b.{0,30}\b(?:is |be )?(?:required|disabled|needed|must be "
    r"enabled|to run|is not enabled|is off|seems to be)",
    re.IGNORECASE,
)
_WALL_KINDS = frozenset({BOT_WALL, CAPTCHA})
_INVISIBLE = ("script", "style", "template", "noscript")


def browser_needed(page: PageInput) -> str | None:
    """Why ``page`` should be rendered in a browser (``"<escalation>: <detail>"``), or None."""
    if detect_format(page.body, content_type=page.content_type, name=page.final_url) != "html":
        return None
    html = decode(page.body, content_type=page.content_type, html=True)
    soup = parse_html(html)
    root = soup.body if soup.body is not None else soup
    words = count_words(normalize_text(root.get_text(" ")))
    if words <= DEFAULT_POLICY.wall_page_max_words:
        marker = find_marker(page, include_weak=False)
        if marker is not None and marker.kind in _WALL_KINDS:
            status = f"HTTP {page.status}, " if page.status >= 400 else ""
            return f"{Escalation.BOT_WALL}: {status}{marker.description}"
        if marker is not None:  # an error page, a login or cookie wall: no browser helps
            return None
    if page.status >= 400 or words > SHELL_MAX_WORDS or soup.find("script") is None:
        return None
    sign = _shell_sign(root, words)
    return f"{Escalation.SCRIPT_SHELL}: {words} words of visible text, {sign}" if sign else None


def _shell_sign(root: Tag, words: int) -> str | None:
    mount = _empty_mount_point(root)
    if mount is not None:
        return f"an empty mount point {mount}"
    for noscript in root.find_all("noscript"):
        if _NEEDS_JAVASCRIPT.search(noscript.get_text(" ")):
            return "a <noscript> notice asking for JavaScript"
    if words < ALMOST_NO_TEXT:
        return "scripts and almost no text"
    return None


def _empty_mount_point(root: Tag) -> str | None:
    """The first element single-page apps mount on that has no visible text, described in
    our own words (the page's attribute values are untrusted and never repeated)."""
    for element in root.find_all(True):
        mount = _mount_point(element)
        if mount is not None and not _visible_text(element):
            return mount
    return None


def _mount_point(element: Tag) -> str | None:
    if element.name in MOUNT_TAGS:
        return f"<{element.name}>"
    element_id = element.get("id")
    if isinstance(element_id, str) and element_id.strip().lower() in MOUNT_IDS:
        return f"#{element_id.strip().lower()}"
    return next((f"[{a}]" for a in MOUNT_ATTRIBUTES if element.has_attr(a)), None)


def _visible_text(element: Tag) -> str:
    parts = [
        text
        for text in element.find_all(string=True)
        if not any(parent.name in _INVISIBLE for parent in text.parents)
    ]
    return normalize_text(" ".join(parts))

"""The web UI's addresses, in one place (pure): the pages of ``tracker serve`` link to each other
with them, and digests and feeds link to the UI with them when ``TRACKER_PUBLIC_URL`` is set.

A document's slug (``service/type``) becomes two path segments, each percent-encoded, so
``together-ai/privacy-policy`` is ``/documents/together-ai/privacy-policy``. Versions are named
by number. A clause's anchor comes from the extractor's key, which is stable across versions:
``/documents/.../versions/3#c-p-3f9a0c1b2d4e`` and ``.../versions/4#c-p-3f9a0c1b2d4e`` point at
the same clause in two versions.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from tracker.model import Change

__all__ = [
    "absolute",
    "as_of_path",
    "change_anchor",
    "clause_anchor",
    "clause_path",
    "document_feed_path",
    "document_path",
    "evidence_path",
    "overview_path",
    "redline_form_path",
    "redline_path",
    "service_feed_path",
    "service_key",
    "service_path",
    "version_path",
]

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def _segments(slug: str) -> str:
    return "/".join(quote(part, safe="") for part in slug.split("/", 1))


def overview_path() -> str:
    return "/"


def document_path(slug: str, *, offset: int = 0) -> str:
    """A document's timeline (``offset``: versions skipped from the newest)."""
    path = f"/documents/{_segments(slug)}"
    return path + (f"?offset={offset}" if offset else "")


def version_path(slug: str, number: int, anchor: str | None = None) -> str:
    return f"/documents/{_segments(slug)}/versions/{number}" + (f"#{anchor}" if anchor else "")


def as_of_path(slug: str, day: str | None = None) -> str:
    path = f"/documents/{_segments(slug)}/as-of"
    return path + (f"?{urlencode({'date': day})}" if day else "")


def redline_path(
    slug: str,
    old: int,
    new: int,
    *,
    view: str | None = None,
    severity: str | None = None,
    topic: str | None = None,
    anchor: str | None = None,
) -> str:
    """The redline from version ``old`` to ``new`` (``view``: ``inline`` or ``side``)."""
    query = {"from": str(old), "to": str(new)}
    query |= {k: v for k, v in (("view", view), ("severity", severity), ("topic", topic)) if v}
    path = f"/documents/{_segments(slug)}/redline?{urlencode(query)}"
    return path + (f"#{anchor}" if anchor else "")


def redline_form_path(slug: str) -> str:
    """The redline page without parameters: the target of a form that picks them."""
    return f"/documents/{_segments(slug)}/redline"


def evidence_path(slug: str, number: int) -> str:
    return f"/documents/{_segments(slug)}/versions/{number}/evidence.zip"


def document_feed_path(slug: str) -> str:
    return f"/documents/{_segments(slug)}/feed.atom"


def service_key(slug: str) -> str:
    """The service part of a slug: ``together-ai`` of ``together-ai/privacy-policy``."""
    return slug.split("/", 1)[0]


def service_path(service: str) -> str:
    """A service's key facts over time (``service``: the first part of its slugs)."""
    return f"/services/{quote(service, safe='')}"


def service_feed_path(service: str) -> str:
    return f"/services/{quote(service, safe='')}/feed.atom"


def clause_path(clause_id: int) -> str:
    """One clause's lineage (any clause database id of the lineage)."""
    return f"/clauses/{clause_id}"


def clause_anchor(key: str) -> str:
    """The HTML id of a clause in a version page or redline, from its extractor key."""
    return "c-" + _ANCHOR_UNSAFE.sub(lambda m: f".{ord(m.group()):x}.", key)


def change_anchor(change: Change) -> str:
    """The HTML id of a change in a redline: its first new clause's anchor, or for a removed
    clause ``was-`` and its old anchor (a moved clause's old place is marked ``was-`` too)."""
    if change.new:
        return clause_anchor(change.new[0].id)
    return "was-" + clause_anchor(change.old[0].id)


def absolute(base: str, path: str) -> str:
    """``path`` under ``base`` (``TRACKER_PUBLIC_URL``, which has no final slash)."""
    return base.rstrip("/") + path

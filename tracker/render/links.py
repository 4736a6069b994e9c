"""Links into the web UI (``TRACKER_PUBLIC_URL``): one place that knows its addresses.

Digests, chat messages, webhook payloads and the Atom feed link each change to its redline
with these functions, so the web UI and every message agree on the addresses:

- a document: ``<public>/documents/<service>/<type>``;
- the redline from version ``a`` to version ``b``:
  ``<public>/documents/<service>/<type>/redline/a/b``;
- one change in it: the redline with ``#change-<id>`` (the stored change's id).

Without a public URL there is no web UI to link to: every function returns None and callers
fall back to the document's own address.
"""

from __future__ import annotations

from urllib.parse import quote


def document_page(public_url: str | None, slug: str) -> str | None:
    """The document's page in the web UI, or None without a public URL."""
    if not public_url:
        return None
    return f"{public_url.rstrip('/')}/documents/{quote(slug, safe='/')}"


def redline_url(
    public_url: str | None, slug: str, old: int, new: int, *, change_id: int | None = None
) -> str | None:
    """The redline from version ``old`` to version ``new`` of ``slug`` (at one change when
    ``change_id`` is given), or None without a public URL."""
    page = document_page(public_url, slug)
    if page is None:
        return None
    anchor = f"#change-{change_id}" if change_id is not None else ""
    return f"{page}/redline/{old}/{new}{anchor}"

"""A stored version rendered for reading: plain text, Markdown or HTML (pure).

- text: the provenance block, a blank line, then the canonical text as stored (terminal
  escape sequences and control characters removed);
- markdown: the provenance as a blockquote, then the canonical text (already Markdown-like)
  with ``&``, ``<`` and ``>`` written as entities, except ``<https://...>`` autolinks, so no
  fetched text becomes HTML when the Markdown is rendered;
- html: ``templates/show.html.j2`` (Jinja2 autoescape: fetched text is always escaped).
"""

from __future__ import annotations

import re

from tracker.query.asof import DocumentView
from tracker.query.render_json import instant
from tracker.query.render_text import view_header, view_text
from tracker.render.environment import template_environment
from tracker.render.tables import clean

_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>\"]*>")
_HTML_SPECIAL = re.compile(r"[&<>]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def render_view(view: DocumentView, fmt: str) -> str:
    """``view`` as ``text``, ``markdown`` or ``html``."""
    if fmt == "html":
        return view_html(view)
    if fmt == "markdown":
        return view_markdown(view)
    return view_text(view)


def escape_markdown_html(text: str) -> str:
    """``&``, ``<``, ``>`` as entities, except inside ``<https://...>`` autolinks."""
    out: list[str] = []
    last = 0
    for match in _AUTOLINK.finditer(text):
        out.append(_HTML_SPECIAL.sub(lambda m: _ENTITIES[m.group()], text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_HTML_SPECIAL.sub(lambda m: _ENTITIES[m.group()], text[last:]))
    return "".join(out)


def view_markdown(view: DocumentView) -> str:
    header = view_header(view).splitlines()
    quoted = "\n".join(f"> {escape_markdown_html(line)}  " for line in header)
    return quoted + "\n\n" + escape_markdown_html(clean(view.text))


def view_html(view: DocumentView) -> str:
    template = template_environment().get_template("show.html.j2")
    return template.render(
        proof=view.provenance,
        asked_at=view.asked_at,
        as_of=instant(view.asked_at.end) if view.asked_at else None,
        clauses=view.clauses,
        changes=view.changes,
        changes_from=view.previous,
        instant=instant,
    )

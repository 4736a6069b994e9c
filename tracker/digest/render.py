"""Rendering a composed digest to HTML and plain text (pure: values in, text out).

The HTML is rendered from ``templates/digest.html.j2`` (autoescaped: every fetched string is
escaped) and its stylesheet is then inlined into ``style`` attributes with css-inline, as mail
clients ignore most ``<style>`` blocks; only the ``@media`` rules (dark mode, narrow screens)
stay in a ``<style>`` block for the clients that honour them. The text part comes from
``templates/digest.txt.j2`` with the same content.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from functools import cache

import css_inline

from tracker.digest.compose import GAP, DigestView, ViewOp, clip_view
from tracker.render.environment import template_environment, text_template_environment

#: Largest HTML part of a digest e-mail, in bytes: Gmail clips messages past about 102 KB
#: behind a "view entire message" link, and other clients are no more generous.
EMAIL_HTML_BUDGET = 100_000
#: Width of the text part's wrapped paragraphs.
TEXT_WIDTH = 76
#: Stands for a space that must not become a line break while wrapping (then a space again).
_GLUE = "\ue000"
_EDGE_SPACE = re.compile(r"^\s+|\s+$")


@cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(
        keep_style_tags=False,
        keep_at_rules=True,
        load_remote_stylesheets=False,
        minify_css=True,  # mail clients clip long messages (Gmail at ~100 KB)
    )


def inline_styles(html: str) -> str:
    """``html`` with its ``<style>`` rules moved into ``style`` attributes (@media rules kept)."""
    return _inliner().inline(html)


def render_digest_html(view: DigestView) -> str:
    """The digest as an HTML e-mail body, styles inlined."""
    template = template_environment().get_template("digest.html.j2")
    return inline_styles(template.render(view=view))


def render_email(
    view: DigestView, *, budget: int = EMAIL_HTML_BUDGET, more_link: str | None = None
) -> tuple[DigestView, str, str]:
    """The digest e-mail (the view as shown, its HTML, its text) with the HTML under
    ``budget`` bytes.

    When the whole digest is larger, the most severe changes keep their redline and the
    others are one line each with a link (:func:`clip_view`): as many redlines as fit. When
    even the one-line list of every change is too large, the most severe changes that fit in
    half the budget keep their redline, as many of the others as fit are listed, and the least
    severe rest is counted, with ``more_link`` to read it. The text part shows the same view.
    """
    html = render_digest_html(view)
    if len(html.encode("utf-8")) <= budget:
        return view, html, render_digest_text(view)
    total = len(view.changes())

    def clipped(inline: int, listed: int) -> tuple[DigestView, str]:
        shown = clip_view(view, inline=inline, listed=listed, more_link=more_link)
        return shown, render_digest_html(shown)

    best = _largest_fitting(lambda k: clipped(k, total - k), total - 1, budget)
    if best is None:
        half = _largest_fitting(lambda k: clipped(k, 0), total, budget // 2)
        inline = len([c for _, _, c in half[0].changes()]) if half is not None else 0
        best = _largest_fitting(lambda m: clipped(inline, m), total - inline, budget)
        best = best or clipped(0, 0)
    shown, html = best
    return shown, html, render_digest_text(shown)


def _largest_fitting(
    render: Callable[[int], tuple[DigestView, str]], most: int, budget: int
) -> tuple[DigestView, str] | None:
    """The rendering with the largest k in 0..most whose HTML fits ``budget`` (sizes grow
    with k), by bisection; None when not even k=0 fits."""
    low, high = 0, most
    found: tuple[DigestView, str] | None = None
    while low <= high:
        middle = (low + high) // 2
        attempt = render(middle)
        if len(attempt[1].encode("utf-8")) <= budget:
            found, low = attempt, middle + 1
        else:
            high = middle - 1
    return found


def render_digest_text(view: DigestView) -> str:
    """The digest as plain text (the e-mail's text/plain alternative)."""
    template = text_template_environment().get_template("digest.txt.j2")
    return template.render(view=view, plain_diff=plain_diff)


def plain_diff(ops: Sequence[ViewOp], indent: int = 4, width: int = TEXT_WIDTH) -> str:
    """Word-level ops as text, ``[-deleted-]`` and ``{+inserted+}``, wrapped to ``width``.

    A line never starts or ends inside a marker's brackets: the first and last word of each
    insertion or deletion stick to their brackets, and a gap marker is never broken.
    """
    marked = "".join(_marked(op) for op in ops)
    prefix = " " * indent
    lines = []
    for paragraph in marked.split("\n"):
        wrapped = textwrap.wrap(
            paragraph,
            width=width,
            initial_indent=prefix,
            subsequent_indent=prefix,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [prefix.rstrip()])
    return "\n".join(lines).replace(_GLUE, " ")


def _marked(op: ViewOp) -> str:
    if op.tag == GAP:
        return f"[… {op.text} unchanged words …]".replace(" ", _GLUE) + " "
    if op.tag == "equal":
        return op.text
    glued = (
        op.text.replace(" ", _GLUE)
        if not op.text.strip()
        else _EDGE_SPACE.sub(lambda m: m.group().replace(" ", _GLUE), op.text)
    )
    return f"{{+{glued}+}}" if op.tag == "insert" else f"[-{glued}-]"

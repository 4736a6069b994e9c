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
from collections.abc import Sequence
from functools import cache

import css_inline

from tracker.digest.compose import GAP, DigestView, ViewOp
from tracker.render.environment import template_environment, text_template_environment

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

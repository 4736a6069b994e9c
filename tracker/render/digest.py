"""Rendering a composed digest to HTML and plain text (pure: values in, text out).

The HTML is rendered from ``templates/digest.html.j2`` (autoescaped: every fetched string is
escaped) and its stylesheet is then inlined into ``style`` attributes with css-inline, as mail
clients ignore most ``<style>`` blocks; only the ``@media`` rules (dark mode, narrow screens)
stay in a ``<style>`` block for the clients that honour them. The text part comes from
``templates/digest.txt.j2`` with the same content.
"""

from __future__ import annotations

from functools import cache

import css_inline

from tracker.digest.compose import DigestView
from tracker.render.environment import template_environment, text_template_environment


@cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(
        keep_style_tags=False,
        keep_at_rules=True,
        load_remote_stylesheets=False,
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
    return text_template_environment().get_template("digest.txt.j2").render(view=view)

"""The one Jinja2 environment used for every template (autoescaped, strict undefined)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from tracker.render.terminal import strip_control
from tracker.resources import resource_dir


@cache
def template_environment(templates: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment over ``templates/`` with HTML autoescaping always on.

    Autoescaping is forced for every template (not only ``.html`` names): fetched text is
    untrusted and must never become markup.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates or resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["web_url"] = is_web_url
    return env


#: Characters that reorder or hide text (bidirectional embeddings, overrides and isolates,
#: direction marks, the Arabic letter mark): a web page shows them as visible ``[U+202E]``
#: markers, so stored text can never reverse or disguise the page around it.
_REORDERING = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def show_reordering_marks(value: object) -> object:
    """``value`` with bidi controls made visible, if a plain string (markup from a macro or
    ``|safe`` is left alone: its text went through here already)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _REORDERING.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    return value


@cache
def web_environment(templates: Path | None = None) -> jinja2.Environment:
    """The environment of the web UI's pages (``templates/web/``): HTML autoescaping always
    on, bidi controls in any value made visible (:func:`show_reordering_marks`), and the UI's
    addresses (:mod:`tracker.render.links`) as globals."""
    from tracker.render import links

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates or resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=show_reordering_marks,
    )
    env.tests["web_url"] = is_web_url
    env.globals.update(
        {name: getattr(links, name) for name in links.__all__},
    )
    return env


def is_web_url(value: object) -> bool:
    """Whether ``value`` may become a link: an http(s) URL with a host, or a mailto: address.

    Anything else (``javascript:``, ``data:``, relative paths) is shown as text only.
    """
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return parts.scheme == "mailto" and "@" in parts.path


def strip_control_characters(value: object) -> object:
    """``value`` without escape sequences, control and bidi-override characters, if a string
    (:func:`tracker.render.terminal.strip_control`)."""
    return strip_control(value) if isinstance(value, str) else value


class _PlainTextLoader(jinja2.FileSystemLoader):
    """Loads ``*.txt.j2`` templates only, so no HTML template is ever rendered unescaped."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if not template.endswith(".txt.j2"):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


@cache
def text_template_environment(templates: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment for plain-text templates (``*.txt.j2``, e.g. an e-mail's text part).

    Plain text is not markup, so nothing is HTML-escaped; instead every value written by a
    template has control characters stripped (:func:`strip_control_characters`), so fetched
    text cannot move a terminal's cursor or reverse the reading direction.
    """
    env = jinja2.Environment(
        loader=_PlainTextLoader(str(templates or resource_dir("templates"))),
        autoescape=False,  # noqa: S701 - plain text only (the loader refuses other templates)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=strip_control_characters,
    )
    env.tests["web_url"] = is_web_url
    return env

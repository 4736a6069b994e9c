"""The one Jinja2 environment used for every template (autoescaped, strict undefined)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

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
    return env

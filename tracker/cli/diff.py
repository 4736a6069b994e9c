"""``tracker diff SLUG [FROM] [TO]``: the clause diff between two stored versions."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.query.versiondiff import diff_versions
from tracker.render.query_json import to_json, version_diff_dict
from tracker.render.query_text import version_diff_text


@click.command("diff")
@click.argument("slug")
@click.argument("from_ref", metavar="[FROM]", required=False)
@click.argument("to_ref", metavar="[TO]", required=False)
@format_option("text", "json")
@pass_app
def command(app: AppContext, slug: str, from_ref: str | None, to_ref: str | None, fmt: str) -> None:
    """Diff two versions of SLUG (numbers like 3 or v3, or dates); default: the last two."""
    with reading(app) as session:
        result = diff_versions(session, slug, from_ref, to_ref)
    emit(to_json(version_diff_dict(result)) if fmt == "json" else version_diff_text(result))

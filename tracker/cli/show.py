"""``tracker show SLUG``: the document as it stood at a date or version, and its proof."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.query.asof import show_document
from tracker.query.render_document import render_view
from tracker.query.render_json import to_json, view_dict


@click.command("show")
@click.argument("slug")
@click.option(
    "--at", "at", metavar="DATE", help="YYYY-MM-DD (end of that day, UTC) or an ISO date-time."
)
@click.option("--version", "version", metavar="ID", help="Version number (3 or v3), or latest.")
@format_option("text", "markdown", "json", "html")
@pass_app
def command(app: AppContext, slug: str, at: str | None, version: str | None, fmt: str) -> None:
    """Print SLUG as of DATE (or VERSION, or now) with the version and fetches proving it, and
    the changes that made that version (severity, direction, reason)."""
    from tracker.classify import classify_diff, load_rules

    rules = load_rules(app.settings.rules_path)
    with reading(app) as session:
        view = show_document(
            session, slug, at=at, version=version, classify=lambda d: classify_diff(d, rules)
        )
    emit(to_json(view_dict(view)) if fmt == "json" else render_view(view, fmt))

"""``tracker history SLUG``: a document's versions, newest first, with what each changed."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.cli.terminal import terminal_width
from tracker.errors import UsageError
from tracker.query.history import DEFAULT_LIMIT, document_history
from tracker.query.render_json import history_dict, to_json
from tracker.query.render_text import history_table


@click.command("history")
@click.argument("slug")
@click.option(
    "--limit",
    type=int,
    default=DEFAULT_LIMIT,
    show_default=True,
    help="How many versions to show (0: all).",
)
@click.option("--offset", type=int, default=0, help="Skip this many of the newest versions.")
@format_option("table", "json")
@pass_app
def command(app: AppContext, slug: str, limit: int, offset: int, fmt: str) -> None:
    """Versions of SLUG: first seen, last verified, hash, clauses, effective date, changes."""
    if limit < 0:  # 0 is every version; the library takes None for that
        raise UsageError(f"--limit must be 0 (every version) or more, not {limit}")
    if offset < 0:
        raise UsageError(f"--offset must be 0 or more, not {offset}")
    with reading(app) as session:
        history = document_history(session, slug, limit=limit or None, offset=offset)
    emit(
        to_json(history_dict(history))
        if fmt == "json"
        else history_table(history, terminal_width())
    )

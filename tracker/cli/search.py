"""``tracker search PHRASE``: which versions and clauses contain a phrase, since when."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.cli.terminal import terminal_width
from tracker.query.render_json import search_dict, to_json
from tracker.query.render_text import search_text
from tracker.query.search import search_phrase


@click.command("search")
@click.argument("phrase")
@click.option("--document", metavar="SLUG", help="Only this document.")
@format_option("table", "json")
@pass_app
def command(app: AppContext, phrase: str, document: str | None, fmt: str) -> None:
    """Find PHRASE in every stored version (case, spaces and quote styles ignored)."""
    with reading(app) as session:
        result = search_phrase(session, phrase, document=document)
    emit(to_json(search_dict(result)) if fmt == "json" else search_text(result, terminal_width()))

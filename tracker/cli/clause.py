"""``tracker clause ID``: one clause's lineage across versions."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.query.lineage import clause_lineage
from tracker.query.render_json import lineage_dict, to_json
from tracker.query.render_text import lineage_text


@click.command("clause")
@click.argument("clause_id", metavar="ID")
@click.option("--document", metavar="SLUG", help="The document, when ID is a clause key.")
@format_option("table", "json")
@pass_app
def command(app: AppContext, clause_id: str, document: str | None, fmt: str) -> None:
    """Show the lineage of clause ID (a clause id, or a key such as p-3f9a0c1b2d4e)."""
    with reading(app) as session:
        lineage = clause_lineage(session, clause_id, document=document)
    emit(to_json(lineage_dict(lineage)) if fmt == "json" else lineage_text(lineage))

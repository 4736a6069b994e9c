"""``tracker facts``: the current key facts of each document, with evidence, and contradictions."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import history_database_url
from tracker.facts import DocumentFacts, FactContradiction
from tracker.query.keyfacts import key_facts
from tracker.query.render_json import facts_json
from tracker.render.terminal import single_line
from tracker.store.database import open_database


@click.command("facts")
@click.argument("service", required=False)
@click.option("--document", "slug", metavar="SLUG", help="Only this document.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@pass_app
def command(app: AppContext, service: str | None, slug: str | None, fmt: str) -> None:
    """Print the key facts of each document's latest version, with the sentence that answers
    each one, then the facts two documents of one service answer differently.

    SERVICE is a service name ("Together AI") or the first part of its slugs ("together-ai").
    """
    db = open_database(history_database_url(app))
    try:
        with db.reader() as session:
            found = key_facts(session, service, slug)
    finally:
        db.dispose()
    if fmt == "json":
        click.echo(json.dumps(facts_json(found), indent=2))
        return
    for line in facts_table(found.documents, found.contradictions):
        click.echo(line)


def facts_table(
    documents: Sequence[DocumentFacts], contradictions: Sequence[FactContradiction]
) -> list[str]:
    """The lines printed by ``tracker facts``; every stored text is made terminal-safe."""
    lines: list[str] = []
    if not documents:
        lines.append("No documents tracked yet (`tracker run` tracks them).")
    for entry in documents:
        if entry.version is None:
            lines += [f"{single_line(entry.slug)}: no version recorded yet", ""]
            continue
        version = entry.version
        lines.append(
            f"{single_line(entry.slug)}  {single_line(version.label)}, "
            f"last verified {version.last_verified:%Y-%m-%d %H:%M} UTC"
        )
        if not entry.facts:
            lines.append("  no key facts recorded yet (`tracker run` answers them)")
        for fact in entry.facts:
            lines.append(f"  {single_line(fact.question)}  {fact.answer}")
            if fact.quote is not None:
                clause = single_line(fact.clause_id or "?")
                lines.append(f'      "{single_line(fact.quote)}"  (clause {clause})')
        lines.append("")
    if documents and not contradictions:
        lines.append("No contradictions between documents of the same service.")
    for c in contradictions:
        lines.append(f"Contradiction ({single_line(c.service)}): {single_line(c.question)}")
        for statement in (c.first, c.second):
            lines.append(
                f"  {statement.fact.answer:<4} {single_line(statement.version.slug)} "
                f'v{statement.version.number}: "{single_line(statement.fact.quote or "")}" '
                f"(clause {single_line(statement.fact.clause_id or '?')})"
            )
    return lines

"""``tracker facts``: the current key facts of each document, with evidence, and contradictions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import history_database_url
from tracker.facts import (
    DocumentFacts,
    FactContradiction,
    FactStatement,
    KeyFact,
    VersionRef,
    contradictions_among,
    current_facts,
)
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
            selected = current_facts(session, service, slug)
            services = {entry.service for entry in selected}
            peers = [entry for entry in current_facts(session) if entry.service in services]
    finally:
        db.dispose()
    slugs = {entry.slug for entry in selected}
    found = [
        c
        for c in contradictions_among(peers)
        if c.first.version.slug in slugs or c.second.version.slug in slugs
    ]
    if fmt == "json":
        click.echo(json.dumps(facts_json(selected, found), indent=2))
        return
    for line in facts_table(selected, found):
        click.echo(line)


def facts_json(
    documents: Sequence[DocumentFacts], contradictions: Sequence[FactContradiction]
) -> dict[str, Any]:
    """The JSON document printed by ``tracker facts --format json`` (see the README)."""
    return {
        "documents": [
            {
                "slug": entry.slug,
                "service": entry.service,
                "type": entry.type,
                "version": _version_json(entry.version) if entry.version else None,
                "facts": [_fact_json(fact) for fact in entry.facts],
            }
            for entry in documents
        ],
        "contradictions": [
            {
                "service": c.service,
                "fact": c.fact_id,
                "question": c.question,
                "documents": [_statement_json(c.first), _statement_json(c.second)],
            }
            for c in contradictions
        ],
    }


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


def _version_json(version: VersionRef) -> dict[str, Any]:
    return {
        "number": version.number,
        "id": version.version_id,
        "technical": version.technical,
        "first_seen": version.first_seen.isoformat(),
        "last_verified": version.last_verified.isoformat(),
    }


def _fact_json(fact: KeyFact) -> dict[str, Any]:
    return {
        "id": fact.fact_id,
        "question": fact.question,
        "answer": fact.answer,
        "quote": fact.quote,
        "clause_id": fact.clause_id,
        "clause_row_id": fact.clause_row_id,
        "why": fact.why,
    }


def _statement_json(statement: FactStatement) -> dict[str, Any]:
    return {
        "slug": statement.version.slug,
        "version": statement.version.number,
        "last_verified": statement.version.last_verified.isoformat(),
        **{k: v for k, v in _fact_json(statement.fact).items() if k not in ("id", "question")},
    }

"""``tracker facts``: the current key facts of each document, with evidence, and contradictions."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import click

from tracker.cli.app import AppContext, pass_app
from tracker.facts import (
    DocumentFacts,
    FactContradiction,
    FactStatement,
    KeyFact,
    VersionRef,
    contradictions_among,
    current_facts,
)
from tracker.store.database import open_database

_SPACES = re.compile(r"\s+")


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
    db = open_database(app.settings.database_url)
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
            lines += [f"{safe(entry.slug)}: no version recorded yet", ""]
            continue
        version = entry.version
        lines.append(
            f"{safe(entry.slug)}  {safe(version.label)}, "
            f"last verified {version.last_verified:%Y-%m-%d %H:%M} UTC"
        )
        if not entry.facts:
            lines.append("  no key facts recorded yet (`tracker run` answers them)")
        for fact in entry.facts:
            lines.append(f"  {safe(fact.question)}  {fact.answer}")
            if fact.quote is not None:
                lines.append(f'      "{safe(fact.quote)}"  (clause {safe(fact.clause_id or "?")})')
        lines.append("")
    if documents and not contradictions:
        lines.append("No contradictions between documents of the same service.")
    for c in contradictions:
        lines.append(f"Contradiction ({safe(c.service)}): {safe(c.question)}")
        for statement in (c.first, c.second):
            lines.append(
                f"  {statement.fact.answer:<4} {safe(statement.version.slug)} "
                f'v{statement.version.number}: "{safe(statement.fact.quote or "")}" '
                f"(clause {safe(statement.fact.clause_id or '?')})"
            )
    return lines


def safe(text: str) -> str:
    """``text`` without control or format characters (escape sequences, bidi overrides),
    whitespace runs made one space, so fetched text cannot drive the terminal."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return _SPACES.sub(" ", kept).strip()


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

"""Command-line interface: a thin layer over the library, one module per command."""

from tracker.cli import (
    clause,
    db,
    demo,
    diff,
    documents,
    export,
    export_evidence,
    facts,
    history,
    log,
    quote,
    run,
    search,
    show,
    verify,
)
from tracker.cli.app import cli, main

for _command in (
    db.command,
    demo.command,
    documents.command,
    facts.command,
    run.command,
    history.command,
    show.command,
    diff.command,
    log.command,
    search.command,
    quote.command,
    clause.command,
    verify.command,
    export.command,
    export_evidence.command,
):
    cli.add_command(_command)

__all__ = ["cli", "main"]

"""Command-line interface: a thin layer over the library, one module per command."""

from tracker.cli import accept, db, demo, documents, facts, run
from tracker.cli.app import cli, main

for _command in (
    accept.command,
    db.command,
    demo.command,
    documents.command,
    facts.command,
    run.command,
):
    cli.add_command(_command)

__all__ = ["cli", "main"]

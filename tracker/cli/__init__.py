"""Command-line interface: a thin layer over the library, one module per command."""

from tracker.cli import db, demo, digest, documents, facts, feed, run
from tracker.cli.app import cli, main

for _command in (
    db.command,
    demo.command,
    digest.command,
    documents.command,
    facts.command,
    feed.command,
    run.command,
):
    cli.add_command(_command)

__all__ = ["cli", "main"]

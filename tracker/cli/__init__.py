"""Command-line interface: a thin layer over the library, one module per command."""

from tracker.cli import compare, db, demo, documents, extract, run
from tracker.cli.app import cli, main

for _command in (
    compare.command, db.command, demo.command, documents.command, extract.command, run.command
):
    cli.add_command(_command)

__all__ = ["cli", "main"]

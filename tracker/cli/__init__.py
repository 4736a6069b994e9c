"""Command-line interface: a thin layer over the library, one module per command."""

from tracker.cli import db, demo, documents, extract, run
from tracker.cli.app import cli, main

for _command in (db.command, demo.command, documents.command, extract.command, run.command):
    cli.add_command(_command)

__all__ = ["cli", "main"]

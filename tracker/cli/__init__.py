"""Command-line interface: a thin layer over the library, one module per command."""

from tracker.cli import documents
from tracker.cli.app import cli, main

for _command in (documents.command,):
    cli.add_command(_command)

__all__ = ["cli", "main"]

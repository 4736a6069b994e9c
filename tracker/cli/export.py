"""``tracker export``: the whole history as JSON Lines, CSV or a folder of Markdown versions."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import format_option, output_file, reading
from tracker.errors import UsageError
from tracker.query.export import VersionRecord, iter_history, write_csv, write_dir, write_jsonl


@click.command("export")
@click.option("--document", metavar="SLUG", help="Only this document.")
@format_option("jsonl", "csv", "dir")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File for jsonl/csv (default: standard output); folder for dir (required). "
    "Missing parent folders are created.",
)
@pass_app
def command(app: AppContext, document: str | None, fmt: str, output: Path | None) -> None:
    """Export every version (with clauses, hashes and changes)."""
    if fmt == "dir" and output is None:
        raise UsageError("--format dir needs --output FOLDER")
    with reading(app) as session:
        records = iter_history(session, document=document)
        if fmt == "dir":
            assert output is not None
            count = write_dir(records, output)
            unit = "versions"
        else:
            writer: Callable[[Iterator[VersionRecord], TextIO], int] = (
                write_jsonl if fmt == "jsonl" else write_csv
            )
            unit = "versions" if fmt == "jsonl" else "rows"
            if output is None:
                count = writer(records, sys.stdout)
            else:
                with output_file(output).open("w", encoding="utf-8", newline="") as stream:
                    count = writer(records, stream)
    click.echo(f"exported {count} {unit} to {output or 'standard output'}", err=True)

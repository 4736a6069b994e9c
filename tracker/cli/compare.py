"""``tracker compare OLD NEW``: the clause-by-clause diff of two local files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from tracker.classify import classify_diff, load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.cli.terminal import terminal_width
from tracker.diff import diff_clauses
from tracker.errors import ExitCode, TrackerError, UsageError
from tracker.extract import extract_bytes
from tracker.model import ExtractedDocument
from tracker.render.compare import diff_to_json_dict, render_diff_html, render_diff_text


@click.command("compare")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Terminal text, JSON, or a standalone HTML page.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit as diff(1) does: 0 when the texts are the same, 1 when they differ, 2 on error.",
)
@pass_app
def command(
    app: AppContext, old: Path, new: Path, fmt: str, color: bool | None, exit_code: bool
) -> None:
    """Compare two versions of a document clause by clause (.html, .md, .txt or .pdf files).

    Every change is classified (topics, severity, direction, reason) with the rule file
    (TRACKER_RULES, else the one shipped with the tracker)."""
    try:
        rules = load_rules(app.settings.rules_path)
        diff = diff_clauses(read_document(old).clauses, read_document(new).clauses)
    except TrackerError as exc:
        if exit_code:  # diff(1): 1 means "they differ", so every error is 2
            exc.exit_code = ExitCode.CONFIG
        raise
    diff = classify_diff(diff, rules)
    if fmt == "json":
        click.echo(json.dumps(diff_to_json_dict(diff), ensure_ascii=False, indent=2))
    elif fmt == "html":
        click.echo(render_diff_html(diff, str(old), str(new)), nl=False)
    else:
        use_color = color if color is not None else _terminal_wants_color()
        click.echo(
            render_diff_text(diff, use_color, str(old), str(new), width=terminal_width()),
            nl=False,
            color=use_color,
        )
    if exit_code and diff.changes:
        sys.exit(int(ExitCode.FAILED))


def read_document(path: Path) -> ExtractedDocument:
    """The clauses of a local file, whatever format the extractor reads."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return extract_bytes(data, name=str(path))


def _terminal_wants_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ

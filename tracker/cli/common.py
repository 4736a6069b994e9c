"""Helpers shared by the history commands: a read session, the --format option, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from sqlalchemy.orm import Session

from tracker.cli.app import AppContext
from tracker.store.database import open_database

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def reading(app: AppContext) -> Iterator[Session]:
    """A read session on the configured database (migrated first if needed), then closed."""
    db = open_database(app.settings.database_url)
    try:
        with db.reader() as session:
            yield session
    finally:
        db.dispose()


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format`` with ``choices``, the first being the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def wants_color(flag: bool | None) -> bool:
    """``--color/--no-color`` if given, else colour on a terminal unless NO_COLOR is set."""
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def emit(text: str) -> None:
    """Print rendered output as is (it ends with its own newline)."""
    click.echo(text, nl=not text.endswith("\n"))

"""Helpers shared by the history commands: a read session, the --format option, output."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.orm import Session

from tracker.cli.app import AppContext
from tracker.settings import sqlite_url
from tracker.store.database import open_database

F = TypeVar("F", bound=Callable[..., Any])


#: Where ``tracker demo`` writes its database, digest and feed, inside the data folder.
DEMO_WORK_DIR = "demo-run"


@contextmanager
def reading(app: AppContext) -> Iterator[Session]:
    """A read session on the history's database (migrated first if needed), then closed.

    A missing or empty database is an error (exit 4): reading never creates one.
    """
    db = open_database(history_database_url(app))
    try:
        with db.reader() as session:
            yield session
    finally:
        db.dispose()


def history_database_url(app: AppContext) -> str:
    """The database the history commands read: the configured one; or, as long as the
    default database does not exist and ``tracker demo`` has made its own, the demo's (with
    a note on stderr), so that the commands the demo prints work as printed."""
    demo = demo_database_in_use(app)
    if demo is None:
        return app.settings.database_url
    click.echo(
        f"tracker: reading the demo's database {shown_path(demo)} "
        f"(there is no {shown_path(app.settings.data_dir / 'tracker.db')} until `tracker run`)",
        err=True,
    )
    return sqlite_url(demo)


def demo_database_in_use(app: AppContext) -> Path | None:
    """The demo's database when the history commands read it (see above), else None."""
    settings = app.settings
    default = settings.data_dir / "tracker.db"
    demo = settings.data_dir / DEMO_WORK_DIR / "tracker.db"
    if settings.database_url != sqlite_url(default) or default.exists() or not demo.is_file():
        return None
    return demo


def shown_path(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it, else as it is."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def output_file(path: Path) -> Path:
    """``path``, a file the command will write, with its missing parent folders created (as
    ``export --format dir``, ``feed`` and the outbox create theirs). A file where one of its
    folders should be is an error naming ``path`` ("Not a directory", as opening it says),
    not the parent and "File exists", which reads as if ``path`` were refused for existing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None
    return path


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

"""``tracker db``: database maintenance (migrations)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tracker.cli.app import AppContext, pass_app
from tracker.store.database import cannot_open, check_empty_database, create_database_engine
from tracker.store.migrate import current_revision, head_revision, upgrade_database


@contextmanager
def _engine(url: str, *, create: bool = False) -> Iterator[Engine]:
    """An engine for ``url``; an unreachable database is a one-line StorageError."""
    engine = create_database_engine(url, create=create)
    try:
        yield engine
    except SQLAlchemyError as exc:
        raise cannot_open(url, exc) from None
    finally:
        engine.dispose()


@click.group("db")
def command() -> None:
    """Database maintenance."""


@command.command("upgrade")
@pass_app
def upgrade(app: AppContext) -> None:
    """Apply pending migrations (a SQLite file is backed up first); create the database."""
    with _engine(app.settings.database_url, create=True) as engine:
        before = current_revision(engine)
        if before is None:  # empty: given the schema; another application's: left alone
            check_empty_database(engine, app.settings.database_url, create=True)
        backup = upgrade_database(engine)
        after = current_revision(engine)
    if before == after:
        click.echo(f"database is at the latest revision ({after})")
        return
    click.echo(f"migrated from {before or 'empty'} to {after}")
    if backup:
        click.echo(f"backup of the previous file: {backup}")


@command.command("current")
@pass_app
def current(app: AppContext) -> None:
    """Show the database's revision and the latest one."""
    with _engine(app.settings.database_url) as engine:
        current = current_revision(engine)
        if current is None:
            check_empty_database(engine, app.settings.database_url, create=False)
        click.echo(f"current: {current}; latest: {head_revision(engine)}")

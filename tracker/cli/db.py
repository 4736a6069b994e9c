"""``tracker db``: database maintenance (migrations)."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.store.database import (
    create_database_engine,
    current_revision,
    head_revision,
    upgrade_database,
)


@click.group("db")
def command() -> None:
    """Database maintenance."""


@command.command("upgrade")
@pass_app
def upgrade(app: AppContext) -> None:
    """Apply pending migrations (a SQLite file is backed up first)."""
    engine = create_database_engine(app.settings.database_url)
    try:
        before = current_revision(engine)
        backup = upgrade_database(engine)
        after = current_revision(engine)
    finally:
        engine.dispose()
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
    engine = create_database_engine(app.settings.database_url)
    try:
        click.echo(
            f"current: {current_revision(engine) or 'empty'}; latest: {head_revision(engine)}"
        )
    finally:
        engine.dispose()

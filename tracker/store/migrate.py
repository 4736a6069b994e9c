"""Migrating the database with Alembic, configured in code (no alembic.ini).

The script location is the ``migrations/`` folder shipped with the project. Before a SQLite
file is migrated it is copied next to itself with the SQLite backup API, so a failed
migration never loses history. Imported only when a database is not at head.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from tracker.errors import StorageError
from tracker.resources import resource_dir
from tracker.store.database import first_line

#: PostgreSQL advisory lock held while migrating (any constant; 'trck').
MIGRATION_LOCK_KEY = 0x7472636B


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(engine: Engine) -> str | None:
    """Migrate to head. Returns the path of the SQLite backup made first, if any."""
    head = head_revision(engine)
    current = current_revision(engine)
    if current == head:
        return None
    backup = _backup_sqlite(engine, current) if current is not None else None
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                # several workers may start on a fresh database at once: one migrates, the
                # others wait here, then find it at head
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except (SQLAlchemyError, OSError) as exc:
        where = f"; a copy from before the migration is at {backup}" if backup else ""
        raise StorageError(f"database migration failed: {first_line(exc)}{where}") from None
    return backup


def _backup_sqlite(engine: Engine, revision: str) -> str | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = f"{database}.before-{revision}-{stamp}.bak"
    try:
        with sqlite3.connect(database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot back up {database} before migrating: {exc}") from None
    return target

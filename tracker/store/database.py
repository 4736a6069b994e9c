"""Opening the database: engine, SQLite pragmas, and Alembic migrations applied on first use.

Alembic's configuration is built in code (no alembic.ini): the script location is the
``migrations/`` folder shipped with the project. Before a SQLite file is migrated it is copied
next to itself with the SQLite backup API, so a failed migration never loses history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import StorageError
from tracker.resources import resource_dir

SQLITE_BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class Database:
    """An engine and its session factory. Create with :func:`open_database`."""

    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for queries only."""
        with self.sessions() as session:
            yield session

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


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


def create_database_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise StorageError(f"invalid database URL {_safe_url(url)!r}") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StorageError(f"cannot use database {_safe_url(url)!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _configure_sqlite_connection)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open the database at ``url``, migrating it to the latest schema first if needed."""
    engine = create_database_engine(url)
    try:
        if migrate:
            upgrade_database(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise cannot_open(url, exc) from None
    except StorageError:
        engine.dispose()
        raise
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def upgrade_database(engine: Engine) -> str | None:
    """Migrate to head. Returns the path of the SQLite backup made first, if any."""
    head = head_revision(engine)
    current = current_revision(engine)
    if current == head:
        return None
    backup = _backup_sqlite(engine, current) if current is not None else None
    try:
        with engine.begin() as connection:
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except (SQLAlchemyError, OSError) as exc:
        where = f"; a copy from before the migration is at {backup}" if backup else ""
        raise StorageError(f"database migration failed: {_first_line(exc)}{where}") from None
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


def cannot_open(url: str, exc: SQLAlchemyError) -> StorageError:
    """The one-line error for a database that cannot be reached (the password hidden)."""
    return StorageError(f"cannot open database {_safe_url(url)!r}: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, OperationalError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unparseable URL>"

"""Opening the database: engine, SQLite pragmas, and migrations applied on first use.

A database already at :data:`SCHEMA_HEAD` (read with one query of ``alembic_version``) is
opened without importing Alembic; otherwise :mod:`tracker.store.migrate` brings it to head
first (a SQLite file is backed up before).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import StorageError

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: The newest migration in migrations/versions (a test checks it is Alembic's head).
SCHEMA_HEAD = "0009"


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


def create_database_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout.

    ``read_only``: every connection refuses writes (SQLite ``PRAGMA query_only``, PostgreSQL
    ``default_transaction_read_only``), and a SQLite file that does not exist is an error
    rather than a new empty database.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise StorageError(f"invalid database URL {safe_url(url)!r}") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            if read_only and not Path(database).is_file():
                raise StorageError(
                    f"no database at {database} (run `tracker run` or `tracker demo`)"
                )
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
        if read_only:
            kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StorageError(f"cannot use database {safe_url(url)!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _configure_sqlite_connection)
        if read_only:
            event.listen(engine, "connect", _refuse_sqlite_writes)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _refuse_sqlite_writes(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open the database at ``url``, migrating it to the latest schema first if needed."""
    engine = create_database_engine(url)
    try:
        if migrate and stamped_revision(engine) != SCHEMA_HEAD:
            from tracker.store.migrate import upgrade_database

            upgrade_database(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise cannot_open(url, exc) from None
    except StorageError:
        engine.dispose()
        raise
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def open_read_only(url: str) -> Database:
    """Open the database at ``url`` for reading only: never migrated, never written.

    Every connection refuses writes (see :func:`create_database_engine`). A database that is
    empty, or not at :data:`SCHEMA_HEAD`, is a :class:`StorageError` naming what to run.
    """
    engine = create_database_engine(url, read_only=True)
    try:
        revision = stamped_revision(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise cannot_open(url, exc) from None
    if revision != SCHEMA_HEAD:
        engine.dispose()
        if revision is None:
            raise StorageError(
                f"database {safe_url(url)!r} holds no history yet "
                "(run `tracker run` or `tracker demo` first)"
            )
        raise StorageError(
            f"database {safe_url(url)!r} is at schema revision {revision}, this tracker reads "
            f"{SCHEMA_HEAD}: run `tracker db upgrade` first"
        )
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def stamped_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database; None for an empty database."""
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def cannot_open(url: str, exc: SQLAlchemyError) -> StorageError:
    """The one-line error for a database that cannot be reached (the password hidden)."""
    return StorageError(f"cannot open database {safe_url(url)!r}: {first_line(exc)}")


def first_line(exc: BaseException) -> str:
    if isinstance(exc, OperationalError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unparseable URL>"

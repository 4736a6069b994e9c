"""Opening the database: engine, SQLite pragmas, and migrations applied on first use.

A database already at :data:`SCHEMA_HEAD` (read with one query of ``alembic_version``) is
opened without importing Alembic; otherwise :mod:`tracker.store.migrate` brings it to head
first (a SQLite file is backed up before).

Only a caller that means to start a history (``tracker run``, ``demo``, ``db upgrade``, the
importers) passes ``create=True``: anything else given a missing SQLite file, or an empty
database, fails with a :class:`StorageError` saying so, and creates nothing (no file, no
folder). An existing file that is not a SQLite database, or a database holding other tables but
no tracker schema, is never written to, create or not. Errors show the URL as it was given,
password hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import StorageError

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Who may start a history, for the error that says there is none.
CREATORS = "`tracker run` or `tracker db upgrade`"
#: The newest migration in migrations/versions (a test checks it is Alembic's head).
SCHEMA_HEAD = "0019"


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


def create_database_engine(url: str, *, create: bool = False, read_only: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout.

    A SQLite file must exist unless ``create`` (its folders are made then), and an existing
    file must be a SQLite database (see the module docstring). ``read_only``: every
    connection refuses writes (SQLite ``PRAGMA query_only``, PostgreSQL
    ``default_transaction_read_only``).
    """
    parsed = parse_database_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            check_sqlite_file(Path(database), url, create=create and not read_only)
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


def parse_database_url(url: str) -> URL:
    """``url`` parsed; a file path given where a URL belongs gets the URL it meant."""
    try:
        return make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        hint = ""
        if "://" not in url and url.strip():
            hint = f": a SQLite file is given as sqlite:///{url}"
        raise StorageError(f"invalid database URL {safe_url(url)!r}{hint}") from None


def check_sqlite_file(path: Path, url: str, *, create: bool) -> None:
    """A missing file is an error unless ``create``; a file that is not a database always."""
    if path.is_dir():
        raise StorageError(f"cannot open database {safe_url(url)!r}: {path} is a folder")
    if not path.exists():
        if not create:
            raise StorageError(
                f"no database at {path} ({safe_url(url)!r}): nothing has been tracked there "
                f"yet; {CREATORS} creates it"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    # Only stat(): opening and closing the file here would drop the POSIX locks an open
    # SQLite connection of this process holds on it (a known way to corrupt a database).
    # SQLite itself refuses a file that is not a database, without writing to it.
    if path.stat().st_size == 0 and not create:
        raise StorageError(
            f"database {path} is an empty file ({safe_url(url)!r}): nothing has been tracked "
            f"there yet; {CREATORS} creates the schema"
        )


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


def open_database(url: str, *, create: bool = False, migrate: bool = True) -> Database:
    """Open the database at ``url``, migrating it to the latest schema first if needed.

    ``create``: a missing SQLite file or an empty database is given the schema; without it,
    either is a :class:`StorageError` (see the module docstring).
    """
    engine = create_database_engine(url, create=create)
    try:
        revision = stamped_revision(engine)
        if revision is None:
            check_empty_database(engine, url, create=create)
        if migrate and revision != SCHEMA_HEAD:
            from tracker.store.migrate import upgrade_database

            upgrade_database(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise cannot_open(url, exc) from None
    except StorageError:
        engine.dispose()
        raise
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def check_empty_database(engine: Engine, url: str, *, create: bool) -> None:
    """A database without the tracker's schema: empty (created only if ``create``), or
    another application's (never touched)."""
    tables = inspect(engine).get_table_names()
    if tables:
        raise StorageError(
            f"database {safe_url(url)!r} holds tables ({', '.join(sorted(tables)[:3])}...) "
            "but no Policy Tracker schema; it was left untouched"
        )
    if not create:
        raise StorageError(
            f"database {safe_url(url)!r} is empty: nothing has been tracked there yet; "
            f"{CREATORS} creates the schema"
        )


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
    reason = first_line(exc)
    if reason == NOT_A_DATABASE:  # SQLite refused the file without writing to it
        name = make_url(url).database
        return StorageError(
            f"{name} is not a SQLite database ({safe_url(url)!r}); it was left untouched"
        )
    return StorageError(f"cannot open database {safe_url(url)!r}: {reason}")


#: SQLite's answer for a file that is not one of its databases.
NOT_A_DATABASE = "file is not a database"


def first_line(exc: BaseException) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    if READ_ONLY_HINT.search(line):
        line += " (the database file or its folder is read-only for this user)"
    return line


#: SQLite's and PostgreSQL's words for a database this process may not write.
READ_ONLY_HINT = re.compile(r"readonly database|read-only transaction")


def storage_failure(exc: BaseException) -> StorageError | None:
    """The one-line StorageError of a database that failed in the middle of a command
    (read-only, disk full, gone away), or None when ``exc`` is no such failure."""
    if not isinstance(exc, OperationalError):
        return None
    return StorageError(f"database error: {first_line(exc)}")


_PASSWORD = re.compile(r"(://[^:/?#@]*:)[^@]*@")


def safe_url(url: str) -> str:
    """``url`` as given, its password (if any) replaced by ``***``."""
    return _PASSWORD.sub(r"\1***@", url)

"""The database: migrations reach head on a fresh file, agree with the models, and keep data."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from tracker.errors import IntegrityMismatchError, StorageError
from tracker.model import sha256_hex
from tracker.store.blobs import compress, put_blob, read_blob
from tracker.store.database import SCHEMA_HEAD, Database, open_database
from tracker.store.migrate import current_revision, head_revision
from tracker.store.schema import Base, Blob, is_modelled

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_fresh_database_is_migrated_to_head(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path}/t.db", create=True)
    try:
        assert current_revision(db.engine) == head_revision(db.engine)
        tables = set(inspect(db.engine).get_table_names())
        assert {
            "documents",
            "blobs",
            "fetches",
            "versions",
            "clauses",
            "changes",
            "runs",
            "digests",
        } <= tables
    finally:
        db.dispose()


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": is_modelled}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path}/t.db", create=True)
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    finally:
        db.dispose()


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"
    db = open_database(url, create=True)
    with db.transaction() as session:
        digest = put_blob(session, b"hello", NOW)
    db.dispose()
    db = open_database(url)
    try:
        with db.reader() as session:
            assert read_blob(session, digest) == b"hello"
        assert not list(tmp_path.glob("*.bak"))
    finally:
        db.dispose()


def test_blobs_are_stored_once_and_compressed(db: Database) -> None:
    data = b"<p>policy</p>" * 1000
    with db.transaction() as session:
        first = put_blob(session, data, NOW)
        second = put_blob(session, data, NOW)
    with db.reader() as session:
        assert first == second
        assert session.query(Blob).count() == 1
        blob = session.get_one(Blob, first)
        assert blob.size == len(data)
        assert len(blob.data) < len(data) / 10


def test_new_blobs_are_zstd_and_zlib_blobs_are_still_read(db: Database) -> None:
    """Blobs stored before zstd (zlib, or uncompressed) are read as their row says."""
    new, old, plain = b"<p>new page</p>" * 50, b"<p>old page</p>" * 50, b"stored as is"
    with db.transaction() as session:
        digest = put_blob(session, new, NOW)
        for data, compression, stored in (
            (old, "zlib", zlib.compress(old, 6)),
            (plain, "none", plain),
        ):
            session.add(
                Blob(
                    sha256=sha256_hex(data),
                    size=len(data),
                    compression=compression,
                    data=stored,
                    created_at=NOW,
                )
            )
    with db.reader() as session:
        assert session.get_one(Blob, digest).compression == "zstd"
        assert [read_blob(session, sha256_hex(d)) for d in (new, old, plain)] == [new, old, plain]


def test_unreadable_blob_is_a_storage_error(db: Database) -> None:
    with db.transaction() as session:
        digest = put_blob(session, b"original", NOW)
    with db.transaction() as session:
        session.get_one(Blob, digest).data = zlib.compress(b"zlib bytes in a zstd blob")
    with db.reader() as session, pytest.raises(StorageError, match="unreadable zstd"):
        read_blob(session, digest)


def test_tampered_blob_is_detected(db: Database) -> None:
    with db.transaction() as session:
        digest = put_blob(session, b"original", NOW)
    with db.transaction() as session:
        session.get_one(Blob, digest).data = compress(b"tampered")
    with db.reader() as session, pytest.raises(IntegrityMismatchError):
        read_blob(session, digest)


def test_timestamps_come_back_timezone_aware(db: Database) -> None:
    with db.transaction() as session:
        digest = put_blob(session, b"x", NOW)
    with db.reader() as session:
        assert session.get_one(Blob, digest).created_at == NOW


def test_unusable_database_url_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="invalid database URL"):
        open_database("not a url")
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StorageError, match="cannot open database"):
        open_database(f"sqlite:///{tmp_path}/dir.db")


def test_sqlite_file_is_backed_up_before_a_migration(tmp_path: Path) -> None:
    """An existing database behind head is copied beside itself before it is upgraded, and the
    copy is a readable database at the old revision holding the old data."""
    import sqlite3

    from alembic import command

    from tracker.store.database import create_database_engine
    from tracker.store.migrate import alembic_config

    path = tmp_path / "t.db"
    engine = create_database_engine(f"sqlite:///{path}", create=True)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO blobs (sha256, size, compression, data, created_at) "
                "VALUES ('abc', 1, 'none', x'41', '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()

    db = open_database(f"sqlite:///{path}")
    try:
        assert current_revision(db.engine) == head_revision(db.engine)
    finally:
        db.dispose()
    (backup,) = tmp_path.glob("t.db.before-0001-*.bak")
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT sha256 FROM blobs").fetchall() == [("abc",)]


def test_schema_head_is_the_newest_migration(db: Database) -> None:
    """open_database skips Alembic when the database says SCHEMA_HEAD: it must be the head."""
    assert head_revision(db.engine) == SCHEMA_HEAD

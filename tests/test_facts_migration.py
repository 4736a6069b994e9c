"""Migration 0002 (clause topics, facts) goes down to the initial schema and up again, keeping
the rows it does not own, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from tracker.store.blobs import put_blob, read_blob
from tracker.store.database import open_database
from tracker.store.migrate import alembic_config
from tracker.store.schema import Base, is_modelled

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_migration_downgrades_to_initial_schema_and_back(database_url: str) -> None:
    db = open_database(database_url, create=True)
    try:
        with db.transaction() as session:
            digest = put_blob(session, b"kept across migrations", NOW)
        config = alembic_config(db.engine)
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        schema = inspect(db.engine)
        assert "facts" not in schema.get_table_names()
        assert "topics" not in {c["name"] for c in schema.get_columns("clauses")}
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": is_modelled}
            )
            assert compare_metadata(context, Base.metadata) == []
            assert connection.execute(text("SELECT count(*) FROM facts")).scalar() == 0
        with db.reader() as session:
            assert read_blob(session, digest) == b"kept across migrations"
    finally:
        db.dispose()

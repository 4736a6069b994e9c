"""clause search index

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

A trigram index over the distinct clause texts, so that ``tracker search`` (and the web UI's
search) narrows the clauses without scanning them (see :mod:`tracker.store.clause_search`).
Each distinct text (clauses.sha256 hashes the label and text) is indexed once, under the id of
its first clause row; its other rows are found by ``ix_clauses_sha256``.

- SQLite: ``clause_search``, an FTS5 table with the ``trigram`` tokenizer (case-insensitive),
  contentless (the texts stay in ``clauses`` only) and ``detail=none`` (no positions: about
  the size of the texts it indexes).
- PostgreSQL: ``clause_search`` (clause_id, text) with a ``pg_trgm`` GIN index serving
  ``ILIKE``; without the extension (not installed, or not creatable by this user) the table is
  there unindexed, and a search reads it instead of all clauses.
- Triggers on ``clauses`` keep it current on every path that inserts clauses (recording,
  importers, backfill, bulk inserts) and when a clause's label or text is edited in place
  (the tracker never does; a hand-edited database stays searchable). Each text is held under
  the smallest id of its rows. Clauses are never deleted, nor their hashes changed.

The index lives outside the ORM models (tracker.store.schema.SEARCH_INDEX names it), like any
backend-specific object.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: A clause as a reader sees it (Clause.display_text): label and text.
_DISPLAY = "CASE WHEN {row}.label <> '' THEN {row}.label || ' ' || {row}.text ELSE {row}.text END"
#: The first clause row of each distinct text.
_FIRST_ROWS = "SELECT min(id) FROM clauses GROUP BY sha256"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER clause_search_update ON clauses")
        op.execute("DROP TRIGGER clause_search_add ON clauses")
        op.execute("DROP FUNCTION clause_search_update()")
        op.execute("DROP FUNCTION clause_search_add()")
    else:
        op.execute("DROP TRIGGER clause_search_update")
        op.execute("DROP TRIGGER clause_search_add")
    op.execute("DROP TABLE clause_search")


#: The row is its text's first (the one the index holds the text under).
_FIRST = "NOT EXISTS (SELECT 1 FROM clauses WHERE sha256 = {row}.sha256 AND id < {row}.id)"


def _upgrade_sqlite() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE clause_search USING fts5("
        "text, tokenize='trigram', detail=none, content='', columnsize=0)"
    )
    # A contentless FTS5 entry is removed by giving the values it was made of: those of the
    # row it was made from (kept current by the update trigger).
    op.execute(
        "CREATE TRIGGER clause_search_add AFTER INSERT ON clauses "
        f"WHEN {_FIRST.format(row='new')} BEGIN "
        "INSERT INTO clause_search(clause_search, rowid, text) "
        f"SELECT 'delete', c.id, {_DISPLAY.format(row='c')} FROM clauses c "
        "WHERE c.sha256 = new.sha256 AND c.id > new.id ORDER BY c.id LIMIT 1; "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER clause_search_update AFTER UPDATE OF label, text ON clauses "
        f"WHEN {_FIRST.format(row='old')} BEGIN "
        "INSERT INTO clause_search(clause_search, rowid, text) "
        f"VALUES ('delete', old.id, {_DISPLAY.format(row='old')}); "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )
    op.execute(
        f"INSERT INTO clause_search(rowid, text) SELECT c.id, {_DISPLAY.format(row='c')} "
        f"FROM clauses c WHERE c.id IN ({_FIRST_ROWS})"
    )


def _upgrade_postgresql() -> None:
    op.execute("CREATE TABLE clause_search (clause_id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    if _trigram_extension():
        op.execute(
            "CREATE INDEX ix_clause_search_trgm ON clause_search USING gin (text gin_trgm_ops)"
        )
    op.execute(
        "CREATE FUNCTION clause_search_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF {_FIRST.format(row='NEW')} THEN "
        "DELETE FROM clause_search WHERE clause_id IN "
        "(SELECT id FROM clauses WHERE sha256 = NEW.sha256 AND id > NEW.id); "
        "INSERT INTO clause_search(clause_id, text) "
        f"VALUES (NEW.id, {_DISPLAY.format(row='NEW')}); END IF; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER clause_search_add AFTER INSERT ON clauses "
        "FOR EACH ROW EXECUTE FUNCTION clause_search_add()"
    )
    op.execute(
        "CREATE FUNCTION clause_search_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"UPDATE clause_search SET text = {_DISPLAY.format(row='NEW')} WHERE clause_id = NEW.id; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER clause_search_update AFTER UPDATE OF label, text ON clauses "
        "FOR EACH ROW EXECUTE FUNCTION clause_search_update()"
    )
    op.execute(
        f"INSERT INTO clause_search(clause_id, text) SELECT c.id, {_DISPLAY.format(row='c')} "
        f"FROM clauses c WHERE c.id IN ({_FIRST_ROWS})"
    )


def _trigram_extension() -> bool:
    """pg_trgm is there, or was created now; False when it cannot be (left to the DBA)."""
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT installed_version FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        return False
    if available[0] is not None:
        return True
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True

"""clause search index: on SQLite, brought up to date once per run instead of per row

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

Migration 0012's trigger indexed each new clause text as its row was inserted. On SQLite that
cost the serial recording thread about 15 ms per version of new texts (one small FTS5 segment
per document's transaction, merged again and again); one INSERT ... SELECT over the same rows
costs a sixth of that. So on SQLite:

- ``clause_search_mark`` (one row): the index holds every clause text whose first row's id is
  at most ``indexed_through``; rows after it (the tail) are indexed by
  :func:`tracker.store.clause_search.catch_up` (at the end of each run, and of each import and
  backfill) in one statement, and searches read the tail as well until then, so they find
  exactly what they found before;
- the triggers act only on rows at or under the mark (a row inserted there by hand or by a bulk
  insert with explicit ids, or edited in place): each text stays indexed under its first id.

PostgreSQL keeps 0012's trigger (its index is a table with a GIN index; several workers write).
The downgrade indexes the tail first, then puts 0012's triggers back.
"""

from __future__ import annotations

from alembic import op


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

#: A clause as a reader sees it (Clause.display_text): label and text.
_DISPLAY = "CASE WHEN {row}.label <> '' THEN {row}.label || ' ' || {row}.text ELSE {row}.text END"
#: The row is its text's first (the one the index holds the text under).
_FIRST = "NOT EXISTS (SELECT 1 FROM clauses WHERE sha256 = {row}.sha256 AND id < {row}.id)"
_MARK = "(SELECT indexed_through FROM clause_search_mark)"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute(
        "CREATE TABLE clause_search_mark (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "indexed_through INTEGER NOT NULL)"
    )
    op.execute(
        "INSERT INTO clause_search_mark (id, indexed_through) "
        "SELECT 1, coalesce(max(id), 0) FROM clauses"
    )
    op.execute("DROP TRIGGER clause_search_update")
    op.execute("DROP TRIGGER clause_search_add")
    _triggers(mark=f" AND c.id <= {_MARK}", when_add=f"new.id <= {_MARK} AND ",
              when_update=f"old.id <= {_MARK} AND ")  # fmt: skip


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute(
        f"INSERT INTO clause_search(rowid, text) SELECT c.id, {_DISPLAY.format(row='c')} "
        f"FROM clauses c WHERE c.id > {_MARK} AND {_FIRST.format(row='c')}"
    )
    op.execute("DROP TRIGGER clause_search_update")
    op.execute("DROP TRIGGER clause_search_add")
    op.execute("DROP TABLE clause_search_mark")
    _triggers(mark="", when_add="", when_update="")


def _triggers(*, mark: str, when_add: str, when_update: str) -> None:
    """0012's triggers; ``mark``, ``when_add`` and ``when_update`` keep them to the rows at or
    under the mark."""
    op.execute(
        "CREATE TRIGGER clause_search_add AFTER INSERT ON clauses "
        f"WHEN {when_add}{_FIRST.format(row='new')} BEGIN "
        "INSERT INTO clause_search(clause_search, rowid, text) "
        f"SELECT 'delete', c.id, {_DISPLAY.format(row='c')} FROM clauses c "
        f"WHERE c.sha256 = new.sha256 AND c.id > new.id{mark} ORDER BY c.id LIMIT 1; "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER clause_search_update AFTER UPDATE OF label, text ON clauses "
        f"WHEN {when_update}{_FIRST.format(row='old')} BEGIN "
        "INSERT INTO clause_search(clause_search, rowid, text) "
        f"VALUES ('delete', old.id, {_DISPLAY.format(row='old')}); "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )

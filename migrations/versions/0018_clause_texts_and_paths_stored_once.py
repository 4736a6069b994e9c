"""clause texts and heading paths stored once

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04

Each clause row carried its label, text, SHA-256 (64 hex characters, indexed) and heading path
(JSON), though most clauses of a version are worded as in the version before, and the clauses
under one heading share its path: on the scale benchmark's first night they were 54% of the
database (docs/PERFORMANCE.md, tenth round). Now:

- ``clause_texts`` (id, sha256, label, text): each distinct wording once (two wordings sharing a
  hash, a label split off the text or not, stay two rows: the wordings are grouped by hash,
  label and text, never by hash alone); ``ix_clause_texts_sha256`` finds a wording by its hash.
- ``clause_paths`` (id, path): each distinct heading path once, as the JSON text it was stored
  as; found by its text (a hash index on PostgreSQL).
- ``clauses`` keeps its ids, positions, keys, lineages, kinds, levels and topics, and refers to
  both (``text_id``, ``path_id``, NOT NULL: a row whose wording or path was not found fails the
  migration instead of losing it); ``ix_clauses_sha256`` gives way to ``ix_clauses_text_id``.
- the search index (``clause_search``, migrations 0012 and 0016) holds each ``clause_texts`` row
  under its id (it held each distinct text under its first clause row's id), and its triggers
  move to ``clause_texts``; on SQLite the mark counts ``clause_texts`` ids.

SQLite cannot drop a table that others refer to while foreign keys are enforced (a migration
runs in one transaction, where the pragma cannot be turned off), so ``clauses`` and ``facts``
(whose ``clause_id`` refers to it) are both copied into new tables, the old ones dropped (facts
first), and the new ones renamed: SQLite rewrites facts' reference to the renamed table. Ids are
kept. PostgreSQL alters ``clauses`` in place.

The downgrade writes every clause row's label, text, hash and path back from the rows it
refers to, and the search index back under each text's first clause row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.schema


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

#: A clause as a reader sees it (Clause.display_text): label and text.
_DISPLAY = "CASE WHEN {row}.label <> '' THEN {row}.label || ' ' || {row}.text ELSE {row}.text END"
_MARK = "(SELECT indexed_through FROM clause_search_mark)"


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


# -- upgrade -----------------------------------------------------------------------------------


def upgrade() -> None:
    _drop_search_index(on="clauses")
    op.create_table(
        'clause_texts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('label', sa.String(length=100), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_clause_texts')),
    )
    op.create_index('ix_clause_texts_sha256', 'clause_texts', ['sha256'], unique=False)
    op.create_table(
        'clause_paths',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('path', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_clause_paths')),
    )
    op.create_index(
        'ix_clause_paths_path', 'clause_paths', ['path'], unique=False, postgresql_using='hash'
    )
    # each wording once, in the order of its first clause row
    op.execute(
        "INSERT INTO clause_texts (sha256, label, text) SELECT sha256, label, text "
        "FROM clauses GROUP BY sha256, label, text ORDER BY min(id)"
    )
    path_text = "path::text" if _postgresql() else "path"
    op.execute(
        f"INSERT INTO clause_paths (path) SELECT {path_text} FROM clauses "
        f"GROUP BY {path_text} ORDER BY min(id)"
    )
    if _postgresql():
        _refer_postgresql()
    else:
        _refer_sqlite()
    _create_search_index()


def _refer_postgresql() -> None:
    op.add_column('clauses', sa.Column('text_id', sa.Integer(), nullable=True))
    op.add_column('clauses', sa.Column('path_id', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE clauses c SET text_id = t.id FROM clause_texts t WHERE t.sha256 = c.sha256 "
        "AND t.label IS NOT DISTINCT FROM c.label AND t.text = c.text"
    )
    op.execute("UPDATE clauses c SET path_id = p.id FROM clause_paths p WHERE p.path = c.path::text")
    # NOT NULL: a row whose wording or path was not found stops the migration here
    op.alter_column('clauses', 'text_id', nullable=False)
    op.alter_column('clauses', 'path_id', nullable=False)
    op.create_foreign_key(
        'fk_clauses_text_id_clause_texts', 'clauses', 'clause_texts', ['text_id'], ['id']
    )
    op.create_foreign_key(
        'fk_clauses_path_id_clause_paths', 'clauses', 'clause_paths', ['path_id'], ['id']
    )
    op.drop_index('ix_clauses_sha256', table_name='clauses')
    for name in ('path', 'label', 'text', 'sha256'):
        op.drop_column('clauses', name)
    op.create_index('ix_clauses_text_id', 'clauses', ['text_id'], unique=False)


def _refer_sqlite() -> None:
    op.create_table('clauses_new', *_new_clause_columns())
    op.execute(
        "INSERT INTO clauses_new (id, version_id, position, key, lineage_id, kind, level, "
        "topics, text_id, path_id) SELECT c.id, c.version_id, c.position, c.key, c.lineage_id, "
        "c.kind, c.level, c.topics, (SELECT t.id FROM clause_texts t WHERE t.sha256 = c.sha256 "
        "AND t.label IS c.label AND t.text = c.text ORDER BY t.id LIMIT 1), "
        "(SELECT p.id FROM clause_paths p WHERE p.path = c.path ORDER BY p.id LIMIT 1) "
        "FROM clauses c ORDER BY c.id"
    )
    _swap_sqlite(old_indexes=('ix_clauses_lineage', 'ix_clauses_sha256'))
    op.create_index('ix_clauses_lineage', 'clauses', ['lineage_id'], unique=False)
    op.create_index('ix_clauses_text_id', 'clauses', ['text_id'], unique=False)


def _new_clause_columns() -> list[sa.SchemaItem]:
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('lineage_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('level', sa.Integer(), nullable=False),
        sa.Column('topics', sa.JSON(), nullable=True),
        sa.Column('text_id', sa.Integer(), nullable=False),
        sa.Column('path_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['version_id'], ['versions.id'], name='fk_clauses_version_id_versions'
        ),
        sa.ForeignKeyConstraint(
            ['text_id'], ['clause_texts.id'], name='fk_clauses_text_id_clause_texts'
        ),
        sa.ForeignKeyConstraint(
            ['path_id'], ['clause_paths.id'], name='fk_clauses_path_id_clause_paths'
        ),
        sa.PrimaryKeyConstraint('id', name='pk_clauses'),
        sa.UniqueConstraint('version_id', 'position', name='uq_clauses_version_position'),
    ]


def _swap_sqlite(*, old_indexes: tuple[str, ...]) -> None:
    """``clauses_new`` (filled) becomes ``clauses``; ``facts`` is copied into a table referring
    to it first, so that no table refers to the old ``clauses`` when it is dropped."""
    op.create_table(
        'facts_new',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('rules_fingerprint', sa.String(length=64), nullable=False),
        sa.Column('fact_id', sa.String(length=100), nullable=False),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('answer', sa.String(length=20), nullable=False),
        sa.Column('clause_id', sa.Integer(), nullable=True),
        sa.Column('quote', sa.Text(), nullable=True),
        sa.Column('why', sa.Text(), nullable=False),
        sa.Column('computed_at', tracker.store.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['clause_id'], ['clauses_new.id'], name='fk_facts_clause_id_clauses'),
        sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name='fk_facts_version_id_versions'),
        sa.PrimaryKeyConstraint('id', name='pk_facts'),
        sa.UniqueConstraint(
            'version_id', 'rules_fingerprint', 'fact_id', name='uq_facts_version_rules_fact'
        ),
    )
    columns = "id, version_id, rules_fingerprint, fact_id, question, answer, clause_id, quote, why, computed_at"
    op.execute(f"INSERT INTO facts_new ({columns}) SELECT {columns} FROM facts ORDER BY id")
    op.drop_index('ix_facts_fact_id', table_name='facts')
    op.drop_table('facts')
    for name in old_indexes:
        op.drop_index(name, table_name='clauses')
    op.drop_table('clauses')
    op.rename_table('clauses_new', 'clauses')  # facts_new's reference follows it
    op.rename_table('facts_new', 'facts')
    op.create_index('ix_facts_fact_id', 'facts', ['fact_id'], unique=False)


# -- downgrade ---------------------------------------------------------------------------------


def downgrade() -> None:
    _drop_search_index(on="clause_texts")
    if _postgresql():
        _inline_postgresql()
    else:
        _inline_sqlite()
    op.drop_index('ix_clause_paths_path', table_name='clause_paths')
    op.drop_table('clause_paths')
    op.drop_index('ix_clause_texts_sha256', table_name='clause_texts')
    op.drop_table('clause_texts')
    _create_old_search_index()


def _inline_postgresql() -> None:
    op.add_column('clauses', sa.Column('path', sa.JSON(), nullable=True))
    op.add_column('clauses', sa.Column('label', sa.String(length=100), nullable=True))
    op.add_column('clauses', sa.Column('text', sa.Text(), nullable=True))
    op.add_column('clauses', sa.Column('sha256', sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE clauses c SET label = t.label, text = t.text, sha256 = t.sha256 "
        "FROM clause_texts t WHERE t.id = c.text_id"
    )
    op.execute("UPDATE clauses c SET path = p.path::json FROM clause_paths p WHERE p.id = c.path_id")
    for name in ('path', 'text', 'sha256'):
        op.alter_column('clauses', name, nullable=False)
    op.drop_index('ix_clauses_text_id', table_name='clauses')
    op.drop_constraint('fk_clauses_path_id_clause_paths', 'clauses', type_='foreignkey')
    op.drop_constraint('fk_clauses_text_id_clause_texts', 'clauses', type_='foreignkey')
    op.drop_column('clauses', 'path_id')
    op.drop_column('clauses', 'text_id')
    op.create_index('ix_clauses_sha256', 'clauses', ['sha256'], unique=False)


def _inline_sqlite() -> None:
    op.create_table(
        'clauses_new',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('lineage_id', sa.Integer(), nullable=True),
        sa.Column('path', sa.JSON(), nullable=False),
        sa.Column('label', sa.String(length=100), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('level', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('topics', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ['version_id'], ['versions.id'], name='fk_clauses_version_id_versions'
        ),
        sa.PrimaryKeyConstraint('id', name='pk_clauses'),
        sa.UniqueConstraint('version_id', 'position', name='uq_clauses_version_position'),
    )
    op.execute(
        "INSERT INTO clauses_new (id, version_id, position, key, lineage_id, path, label, kind, "
        "level, text, sha256, topics) SELECT c.id, c.version_id, c.position, c.key, "
        "c.lineage_id, p.path, t.label, c.kind, c.level, t.text, t.sha256, c.topics "
        "FROM clauses c JOIN clause_texts t ON t.id = c.text_id "
        "JOIN clause_paths p ON p.id = c.path_id ORDER BY c.id"
    )
    _swap_sqlite(old_indexes=('ix_clauses_lineage', 'ix_clauses_text_id'))
    op.create_index('ix_clauses_lineage', 'clauses', ['lineage_id'], unique=False)
    op.create_index('ix_clauses_sha256', 'clauses', ['sha256'], unique=False)


# -- the search index --------------------------------------------------------------------------


def _drop_search_index(*, on: str) -> None:
    """The search index and its triggers (on ``on``); SQLite's mark stays."""
    if _postgresql():
        op.execute(f"DROP TRIGGER clause_search_update ON {on}")
        op.execute(f"DROP TRIGGER clause_search_add ON {on}")
        op.execute("DROP FUNCTION clause_search_update()")
        op.execute("DROP FUNCTION clause_search_add()")
    else:
        op.execute("DROP TRIGGER clause_search_update")
        op.execute("DROP TRIGGER clause_search_add")
    op.execute("DROP TABLE clause_search")


def _create_search_index() -> None:
    """Each ``clause_texts`` row indexed under its id; triggers on ``clause_texts``."""
    display_t, display_new = _DISPLAY.format(row='t'), _DISPLAY.format(row='NEW')
    if _postgresql():
        op.execute("CREATE TABLE clause_search (text_id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        _trigram_index()
        op.execute(
            "CREATE FUNCTION clause_search_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO clause_search(text_id, text) VALUES (NEW.id, {display_new}); "
            "RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER clause_search_add AFTER INSERT ON clause_texts "
            "FOR EACH ROW EXECUTE FUNCTION clause_search_add()"
        )
        op.execute(
            "CREATE FUNCTION clause_search_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE clause_search SET text = {display_new} WHERE text_id = NEW.id; "
            "RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER clause_search_update AFTER UPDATE OF label, text ON clause_texts "
            "FOR EACH ROW EXECUTE FUNCTION clause_search_update()"
        )
        op.execute(
            f"INSERT INTO clause_search(text_id, text) SELECT t.id, {display_t} FROM clause_texts t"
        )
        return
    _create_fts5()
    op.execute(f"INSERT INTO clause_search(rowid, text) SELECT t.id, {display_t} FROM clause_texts t")
    op.execute(
        "UPDATE clause_search_mark SET indexed_through = "
        "(SELECT coalesce(max(id), 0) FROM clause_texts)"
    )
    # a row at or under the mark (inserted with an explicit id, or edited in place: the tracker
    # does neither) is indexed by these; the others by catch_up
    op.execute(
        "CREATE TRIGGER clause_search_add AFTER INSERT ON clause_texts "
        f"WHEN new.id <= {_MARK} BEGIN "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER clause_search_update AFTER UPDATE OF label, text ON clause_texts "
        f"WHEN old.id <= {_MARK} BEGIN "
        "INSERT INTO clause_search(clause_search, rowid, text) "
        f"VALUES ('delete', old.id, {_DISPLAY.format(row='old')}); "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )


#: The row is its text's first (the one 0012 and 0016 hold the text under).
_FIRST = "NOT EXISTS (SELECT 1 FROM clauses WHERE sha256 = {row}.sha256 AND id < {row}.id)"
_FIRST_ROWS = "SELECT min(id) FROM clauses GROUP BY sha256"


def _create_old_search_index() -> None:
    """The index as migrations 0012 (PostgreSQL) and 0016 (SQLite) left it."""
    display_c = _DISPLAY.format(row='c')
    if _postgresql():
        op.execute("CREATE TABLE clause_search (clause_id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        _trigram_index()
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
            f"UPDATE clause_search SET text = {_DISPLAY.format(row='NEW')} "
            "WHERE clause_id = NEW.id; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER clause_search_update AFTER UPDATE OF label, text ON clauses "
            "FOR EACH ROW EXECUTE FUNCTION clause_search_update()"
        )
        op.execute(
            f"INSERT INTO clause_search(clause_id, text) SELECT c.id, {display_c} "
            f"FROM clauses c WHERE c.id IN ({_FIRST_ROWS})"
        )
        return
    _create_fts5()
    op.execute(
        f"INSERT INTO clause_search(rowid, text) SELECT c.id, {display_c} "
        f"FROM clauses c WHERE c.id IN ({_FIRST_ROWS})"
    )
    op.execute(
        "UPDATE clause_search_mark SET indexed_through = (SELECT coalesce(max(id), 0) FROM clauses)"
    )
    mark = f" AND c.id <= {_MARK}"
    op.execute(
        "CREATE TRIGGER clause_search_add AFTER INSERT ON clauses "
        f"WHEN new.id <= {_MARK} AND {_FIRST.format(row='new')} BEGIN "
        "INSERT INTO clause_search(clause_search, rowid, text) "
        f"SELECT 'delete', c.id, {display_c} FROM clauses c "
        f"WHERE c.sha256 = new.sha256 AND c.id > new.id{mark} ORDER BY c.id LIMIT 1; "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER clause_search_update AFTER UPDATE OF label, text ON clauses "
        f"WHEN old.id <= {_MARK} AND {_FIRST.format(row='old')} BEGIN "
        "INSERT INTO clause_search(clause_search, rowid, text) "
        f"VALUES ('delete', old.id, {_DISPLAY.format(row='old')}); "
        f"INSERT INTO clause_search(rowid, text) VALUES (new.id, {_DISPLAY.format(row='new')}); "
        "END"
    )


def _create_fts5() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE clause_search USING fts5("
        "text, tokenize='trigram', detail=none, content='', columnsize=0)"
    )


def _trigram_index() -> None:
    """pg_trgm's GIN index on the texts, when the extension is there or can be created now
    (else the table stays unindexed, as migration 0012 leaves it)."""
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT installed_version FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        return
    if available[0] is None:
        savepoint = bind.begin_nested()
        try:
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except sa.exc.DBAPIError:
            savepoint.rollback()
            return
        savepoint.commit()
    op.execute("CREATE INDEX ix_clause_search_trgm ON clause_search USING gin (text gin_trgm_ops)")

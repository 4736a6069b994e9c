"""key facts and clause topics

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Adds ``clauses.topics`` (NULL for clauses stored before classification existed) and the
``facts`` table: one key-fact answer per version, fact and rule set, with its evidence clause.
The unique constraint (version_id, rules_fingerprint, fact_id) also serves lookups by version;
``ix_facts_fact_id`` serves lookups of one fact across versions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.schema


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('facts',
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
    sa.ForeignKeyConstraint(['clause_id'], ['clauses.id'], name=op.f('fk_facts_clause_id_clauses')),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_facts_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facts')),
    sa.UniqueConstraint('version_id', 'rules_fingerprint', 'fact_id', name='uq_facts_version_rules_fact')
    )
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index('ix_facts_fact_id', ['fact_id'], unique=False)

    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('topics', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.drop_column('topics')

    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index('ix_facts_fact_id')

    op.drop_table('facts')

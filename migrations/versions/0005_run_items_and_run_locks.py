"""run items and run locks: the claimable work list of a run, and the run lease

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

``run_items`` holds one row per document per run; workers claim rows (SELECT ... FOR UPDATE
SKIP LOCKED on PostgreSQL) and mark them done in the transaction that records the document.
``run_locks`` holds the lease that keeps two runs from overlapping (tracker/lock.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.schema


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('run_locks',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=True),
    sa.Column('host', sa.String(length=255), nullable=True),
    sa.Column('pid', sa.Integer(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('acquired_at', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.Column('heartbeat_at', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.Column('expires_at', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_run_locks'))
    )
    op.create_table('run_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('turn', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('worker', sa.String(length=100), nullable=True),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.Column('claimed_at', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.Column('lease_expires', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.Column('finished_at', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_run_items_document_id_documents')),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_run_items_run_id_runs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_items')),
    sa.UniqueConstraint('run_id', 'document_id', name='uq_run_items_run_document')
    )
    with op.batch_alter_table('run_items', schema=None) as batch_op:
        batch_op.create_index('ix_run_items_run_status', ['run_id', 'status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('run_items', schema=None) as batch_op:
        batch_op.drop_index('ix_run_items_run_status')

    op.drop_table('run_items')
    op.drop_table('run_locks')

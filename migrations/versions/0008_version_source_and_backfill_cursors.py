"""version source, fetch provenance and backfill cursors

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

History from before tracking began (tracker import, import-ota, import-warc, backfill):

- fetches.source and versions.source: ``observed`` (our own fetch, the value of every row
  stored before), ``imported`` or ``archived``;
- fetches.provenance: where an imported or archived page came from (JSON, NULL for our own);
- backfill_cursors: how far a backfill from a web archive got, so the next run continues.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.schema


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('fetches') as batch:
        batch.add_column(
            sa.Column('source', sa.String(length=20), nullable=False, server_default='observed')
        )
        batch.add_column(sa.Column('provenance', sa.JSON(), nullable=True))
    with op.batch_alter_table('versions') as batch:
        batch.add_column(
            sa.Column('source', sa.String(length=20), nullable=False, server_default='observed')
        )
    op.create_table('backfill_cursors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('archive', sa.String(length=20), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('range_from', sa.String(length=14), nullable=False),
    sa.Column('range_to', sa.String(length=14), nullable=False),
    sa.Column('page_key', sa.Text(), nullable=True),
    sa.Column('last_capture', sa.String(length=14), nullable=True),
    sa.Column('captures_done', sa.Integer(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('updated_at', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_backfill_cursors_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_backfill_cursors')),
    sa.UniqueConstraint('document_id', 'archive', 'range_from', 'range_to', name='uq_backfill_cursors_range')
    )


def downgrade() -> None:
    op.drop_table('backfill_cursors')
    with op.batch_alter_table('versions') as batch:
        batch.drop_column('source')
    with op.batch_alter_table('fetches') as batch:
        batch.drop_column('provenance')
        batch.drop_column('source')

"""digest delivery bookkeeping

Adds ``digest_versions`` (the versions each digest reported: a digest's coverage is a set of
versions, so "not yet delivered" has no gaps and no repeats) and the delivery columns of
``digests`` (channel, recipients, Message-ID). Rows written before this migration keep their
status "written", which is not "delivered": their versions are reported again once.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.schema


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('digest_versions',
    sa.Column('digest_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['digest_id'], ['digests.id'], name=op.f('fk_digest_versions_digest_id_digests')),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_digest_versions_version_id_versions')),
    sa.PrimaryKeyConstraint('digest_id', 'version_id', name=op.f('pk_digest_versions'))
    )
    with op.batch_alter_table('digest_versions', schema=None) as batch_op:
        batch_op.create_index('ix_digest_versions_version', ['version_id'], unique=False)

    with op.batch_alter_table('digests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('recipients', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('message_id', sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('digests', schema=None) as batch_op:
        batch_op.drop_column('message_id')
        batch_op.drop_column('recipients')
        batch_op.drop_column('channel')

    with op.batch_alter_table('digest_versions', schema=None) as batch_op:
        batch_op.drop_index('ix_digest_versions_version')

    op.drop_table('digest_versions')

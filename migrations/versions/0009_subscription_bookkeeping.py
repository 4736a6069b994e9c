"""subscription bookkeeping: a digest row per destination of each subscription

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

``digests`` rows now belong to one destination of one subscription (``subscription``: its
name; ``destination``: ``email`` for its e-mail addresses together, else a hash of its URL), so
each destination has its own pending versions. ``kind`` tells a digest from a heartbeat;
``idempotency_key`` is the key sent with the message. Rows written before this migration were
the e-mail digests of the SMTP settings: they become the ``default`` subscription's ``email``
destination, whose books carry on unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('digests') as batch:
        batch.add_column(
            sa.Column('subscription', sa.String(length=100), nullable=False, server_default='default')
        )
        batch.add_column(
            sa.Column('destination', sa.String(length=64), nullable=False, server_default='email')
        )
        batch.add_column(
            sa.Column('kind', sa.String(length=20), nullable=False, server_default='digest')
        )
        batch.add_column(sa.Column('idempotency_key', sa.String(length=64), nullable=True))
        batch.create_index(
            'ix_digests_subscription_destination', ['subscription', 'destination', 'status'],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('digests') as batch:
        batch.drop_index('ix_digests_subscription_destination')
        batch.drop_column('idempotency_key')
        batch.drop_column('kind')
        batch.drop_column('destination')
        batch.drop_column('subscription')

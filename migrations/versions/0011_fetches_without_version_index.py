"""fetches: no index on version_id alone

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

- ix_fetches_version_id is dropped: ix_fetches_version_started (version_id, started_at)
  serves every lookup by version (its first column) and the foreign key, and each night's
  fetch rows no longer pay for a second index on the same column (about 27 bytes a check).
"""

from __future__ import annotations

from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('fetches') as batch:
        batch.drop_index('ix_fetches_version_id')


def downgrade() -> None:
    with op.batch_alter_table('fetches') as batch:
        batch.create_index('ix_fetches_version_id', ['version_id'], unique=False)

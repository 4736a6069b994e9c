"""version date_only flag

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

- versions.date_only: the version's text differs from the previous one only in an updated /
  effective / last-modified date. Such versions are recorded (the text did change) but never
  reported by digests or feeds. False for every version stored before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('versions') as batch:
        batch.add_column(
            sa.Column('date_only', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table('versions') as batch:
        batch.drop_column('date_only')

"""change direction and reason

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

- changes.direction: whether a change expands what the company may do (``expands``), narrows
  it (``narrows``) or neither (``neutral``, the value of every change stored before);
- changes.reason: the one-line reason for its severity, NULL for changes stored before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('changes') as batch:
        batch.add_column(
            sa.Column('direction', sa.String(length=10), nullable=False, server_default='neutral')
        )
        batch.add_column(sa.Column('reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('changes') as batch:
        batch.drop_column('reason')
        batch.drop_column('direction')

"""indexes for the history queries

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

- versions (document_id, first_seen, number): ``show --at`` finds the newest version first
  seen at or before a date, ties broken by number, from the index alone;
- fetches (version_id, started_at): the fetch that created a version and the newest one that
  verified it (at or before a date) without sorting all of a version's fetches.

Generated with alembic autogenerate against tracker/store/schema.py, reviewed by hand.
"""

from __future__ import annotations

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_versions_document_first_seen_number',
        'versions',
        ['document_id', 'first_seen', 'number'],
        unique=False,
    )
    op.create_index(
        'ix_fetches_version_started', 'fetches', ['version_id', 'started_at'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_fetches_version_started', table_name='fetches')
    op.drop_index('ix_versions_document_first_seen_number', table_name='versions')

"""fetch modes, fetcher, escalation and screenshot

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

- documents.fetch and documents.render_options: the registry's ``fetch`` mode (``http``,
  ``browser``, ``auto``; every document stored before was ``http``) and the browser's
  ``wait_for`` / ``wait_ms`` / ``scroll`` (``{}``: the defaults), so that workers joining a
  run fetch each document as registered;
- fetches.fetcher: which fetcher produced the snapshot (``http``, ``browser``); every fetch
  stored before was an HTTP one;
- fetches.escalation: why an ``auto`` fetch went on to the browser (NULL when it did not);
- versions.screenshot_sha256: the blob of the full-page PNG screenshot of a version the
  browser rendered (NULL for the others).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.add_column(
            sa.Column('fetch', sa.String(length=10), nullable=False, server_default='http')
        )
        batch.add_column(
            sa.Column('render_options', sa.JSON(), nullable=False, server_default='{}')
        )
    with op.batch_alter_table('fetches') as batch:
        batch.add_column(sa.Column('fetcher', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('escalation', sa.Text(), nullable=True))
    op.execute("UPDATE fetches SET fetcher = 'http'")
    with op.batch_alter_table('versions') as batch:
        batch.add_column(sa.Column('screenshot_sha256', sa.String(length=64), nullable=True))
        batch.create_foreign_key(
            'fk_versions_screenshot_sha256_blobs', 'blobs', ['screenshot_sha256'], ['sha256']
        )


def downgrade() -> None:
    with op.batch_alter_table('versions') as batch:
        batch.drop_constraint('fk_versions_screenshot_sha256_blobs', type_='foreignkey')
        batch.drop_column('screenshot_sha256')
    with op.batch_alter_table('fetches') as batch:
        batch.drop_column('escalation')
        batch.drop_column('fetcher')
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('render_options')
        batch.drop_column('fetch')

"""fetches: a fetch of the document's own URL keeps no copy of it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

Most fetch rows are a night's checks of the document's registered URL, and repeated it (a
URL is 30 to 100 bytes, of about 250 a check costs). ``fetches.url`` becomes nullable and is
NULL when it is the document's URL (``documents.url``); ``Fetch.url`` reads the row's own or
the document's. A registry change of a document's URL first writes the old one into its NULL
rows (tracker.store.records.sync_documents), so each fetch keeps the URL it asked for. The
downgrade writes the documents' URLs back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_DOCUMENTS_URL = "(SELECT d.url FROM documents d WHERE d.id = fetches.document_id)"


def upgrade() -> None:
    with op.batch_alter_table("fetches") as batch:
        batch.alter_column("url", existing_type=sa.Text(), nullable=True)
    op.execute(f"UPDATE fetches SET url = NULL WHERE url = {_DOCUMENTS_URL}")


def downgrade() -> None:
    op.execute(f"UPDATE fetches SET url = {_DOCUMENTS_URL} WHERE url IS NULL")
    with op.batch_alter_table("fetches") as batch:
        batch.alter_column("url", existing_type=sa.Text(), nullable=False)

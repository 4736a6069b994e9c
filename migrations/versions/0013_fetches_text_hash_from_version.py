"""fetches: a fetch that verified a version keeps no copy of its text hash

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

A fetch that verified a version (unchanged, not-modified: most of each night's rows) saw that
version's text: its own copy of the text hash (64 characters, about a fifth of the row) is
dropped, and readers take the version's (tracker.store.records.fetch_text_sha256). The fetch
that created a version keeps its copy (the witness ``tracker verify`` checks the version's
hash against), and so do fetches that point at no version (suspect pages). Only copies that
agree with their version's go: one that disagrees (a hand-edited database) stays, so
``tracker verify`` still reports it. The downgrade writes the versions' hashes back.
"""

from __future__ import annotations

from alembic import op


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_VERSIONS_TEXT = "(SELECT v.text_sha256 FROM versions v WHERE v.id = fetches.version_id)"


def upgrade() -> None:
    op.execute(
        "UPDATE fetches SET text_sha256 = NULL WHERE outcome IN ('unchanged', 'not-modified') "
        f"AND version_id IS NOT NULL AND text_sha256 = {_VERSIONS_TEXT}"
    )


def downgrade() -> None:
    op.execute(
        f"UPDATE fetches SET text_sha256 = {_VERSIONS_TEXT} "
        "WHERE version_id IS NOT NULL AND text_sha256 IS NULL"
    )

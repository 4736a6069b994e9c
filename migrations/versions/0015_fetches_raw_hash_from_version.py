"""fetches: a fetch that verified a version keeps no copy of the version's raw hash

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02

A fetch that verified a version (unchanged, not-modified: most of each night's rows) most often
stands for the very bytes its version was made from (a 304 always stands for the last good
fetch's): its copy of the raw hash (64 characters, a fifth of the row) is dropped when it is
the version's, and readers take the version's (tracker.store.records.fetch_raw_sha256). A
fetch whose bytes differ from its version's (the same text in other markup) keeps its own, as
do the fetch that created a version and fetches that point at no version (suspect pages). The
downgrade writes the versions' raw hashes back.
"""

from __future__ import annotations

from alembic import op


revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_VERSIONS_RAW = "(SELECT v.raw_sha256 FROM versions v WHERE v.id = fetches.version_id)"


def upgrade() -> None:
    op.execute(
        "UPDATE fetches SET raw_sha256 = NULL WHERE outcome IN ('unchanged', 'not-modified') "
        f"AND version_id IS NOT NULL AND raw_sha256 = {_VERSIONS_RAW}"
    )


def downgrade() -> None:
    op.execute(
        f"UPDATE fetches SET raw_sha256 = {_VERSIONS_RAW} "
        "WHERE outcome IN ('unchanged', 'not-modified') AND version_id IS NOT NULL "
        "AND raw_sha256 IS NULL"
    )

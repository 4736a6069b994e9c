"""version text facts

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

- versions.text_facts: the guards' facts about the version's canonical text (its words and
  languages, as tracker.guard.text.facts_record writes them). The next fetched text is screened
  against them; they used to be worked out again from the stored text on every change (a
  decompression and about 12 ms of CPU a page). NULL for every version stored before, and for
  versions recorded without them (imports): those are worked out from the text, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both backends (SQLite has dropped columns since 3.35): a batch copy of
# ``versions`` would drop the table that clauses, changes and fetches refer to.


def upgrade() -> None:
    op.add_column('versions', sa.Column('text_facts', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('versions', 'text_facts')

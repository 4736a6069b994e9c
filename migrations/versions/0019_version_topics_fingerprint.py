"""version topics fingerprint

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05

- versions.topics_fingerprint: what its clauses' topics were found under
  (tracker.classify.topics_fingerprint: the rule file's topics and the code that matches them),
  when the pipeline's rule set found them as the version was recorded. The next version of the
  document takes the topics of the clauses whose text it keeps from there instead of matching
  them again, only under the same fingerprint. NULL for every version stored before, and for
  versions whose topics were found otherwise (imports, filled in later): matched again, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both backends, as 0017: a batch copy of ``versions`` would drop the table
# that clauses, changes and fetches refer to.


def upgrade() -> None:
    op.add_column('versions', sa.Column('topics_fingerprint', sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column('versions', 'topics_fingerprint')

"""Which documents are due: a registry ``interval`` makes a document skip runs until it has
elapsed since the document's last good fetch.

A document without an interval is due at every run. A document with one is due once 90% of
its interval has passed (``DUE_SLACK``): runs never start at exactly the same second, and
a document fetched a few minutes later in yesterday's run must not wait a whole extra
period tonight. A document that has never been fetched successfully is always due, so a
failing page is retried at every run rather than once per interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select

from tracker.registry import DocumentSpec
from tracker.store.database import Database
from tracker.store.schema import Document, Fetch
from tracker.vocabulary import Source

#: Share of the interval that may be left when a document is considered due.
DUE_SLACK = 0.1


def is_due(
    interval: timedelta | None,
    last_good_fetch: datetime | None,
    now: datetime,
    *,
    slack: float = DUE_SLACK,
) -> bool:
    """Whether a document with ``interval``, last fetched well at ``last_good_fetch``, is due."""
    if interval is None or last_good_fetch is None:
        return True
    return now - last_good_fetch >= interval * (1 - slack)


def last_good_fetches(db: Database, slugs: Sequence[str]) -> dict[str, datetime]:
    """For each slug, the start of its newest fetch that produced or verified a version."""
    with db.reader() as session:
        rows = session.execute(
            select(Document.slug, func.max(Fetch.started_at))
            .join(Fetch, Fetch.document_id == Document.id)
            .where(
                Document.slug.in_(list(slugs)),
                Fetch.version_id.is_not(None),
                Fetch.source == Source.OBSERVED,  # an archive's capture is not our fetch
            )
            .group_by(Document.slug)
        ).all()
    return {slug: started for slug, started in rows if started is not None}


def due_documents(
    db: Database, documents: Sequence[DocumentSpec], now: datetime
) -> list[DocumentSpec]:
    """The documents of ``documents`` that are due at ``now``, in their order."""
    last = last_good_fetches(db, [d.slug for d in documents if d.interval is not None])
    return [d for d in documents if is_due(d.interval, last.get(d.slug), now)]

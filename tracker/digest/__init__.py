"""Change digests: collect what changed from the database, render it, write it to the outbox.

The email issue adds SMTP delivery on top of this; for now a digest is an HTML file in the
outbox folder and a row in ``digests`` recording what it covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from tracker.digest.collect import collect_digest
from tracker.digest.model import DigestData
from tracker.render.digest import digest_subject, render_digest_html
from tracker.store.database import Database
from tracker.store.schema import Digest


@dataclass(frozen=True, slots=True)
class WrittenDigest:
    digest_id: int
    path: Path
    subject: str
    data: DigestData


def write_digest(
    db: Database,
    outbox: Path,
    *,
    now: datetime,
    since: datetime | None = None,
    all_history: bool = False,
) -> WrittenDigest:
    """Write a digest of the changes since ``since`` (default: the end of the last digest)."""
    with db.transaction() as session:
        if since is None and not all_history:
            since = session.scalars(
                select(Digest.period_end).order_by(Digest.id.desc()).limit(1)
            ).first()
        data = collect_digest(session, since=since, until=now, now=now)
        html = render_digest_html(data)
        outbox.mkdir(parents=True, exist_ok=True)
        path = outbox / f"digest-{now.strftime('%Y%m%dT%H%M%SZ')}.html"
        path.write_text(html, encoding="utf-8")
        row = Digest(
            created_at=now,
            period_start=since,
            period_end=now,
            first_change_id=data.first_change_id,
            last_change_id=data.last_change_id,
            change_count=data.change_count,
            subject=digest_subject(data),
            status="written",
            location=str(path),
        )
        session.add(row)
        session.flush()
        return WrittenDigest(digest_id=row.id, path=path, subject=row.subject, data=data)

"""Backfill cursors: how far the backfill of a document from an archive got (``backfill_cursors``).

One row per document, archive and date range. The functions take an open session and never
commit: a capture and the cursor move past it are recorded in the same transaction, so a
backfill stopped anywhere (a crash, repeated 429 answers) continues exactly where it stopped.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.store.schema import BackfillCursor


def open_cursor(
    session: Session,
    document_id: int,
    *,
    archive: str,
    url: str,
    range_from: str,
    range_to: str,
    now: datetime,
) -> BackfillCursor:
    """The cursor of this backfill, created at the start if there is none."""
    cursor = session.scalars(
        select(BackfillCursor).where(
            BackfillCursor.document_id == document_id,
            BackfillCursor.archive == archive,
            BackfillCursor.range_from == range_from,
            BackfillCursor.range_to == range_to,
        )
    ).one_or_none()
    if cursor is None:
        cursor = BackfillCursor(
            document_id=document_id,
            archive=archive,
            url=url,
            range_from=range_from,
            range_to=range_to,
            captures_done=0,
            complete=False,
            updated_at=now,
        )
        session.add(cursor)
        session.flush()
    return cursor


def capture_done(session: Session, cursor_id: int, timestamp: str, now: datetime) -> None:
    """The capture of ``timestamp`` is dealt with (whatever became of it)."""
    cursor = session.get_one(BackfillCursor, cursor_id)
    if cursor.last_capture is None or timestamp > cursor.last_capture:
        cursor.last_capture = timestamp
    cursor.captures_done += 1
    cursor.updated_at = now


def page_done(session: Session, cursor_id: int, next_key: str | None, now: datetime) -> None:
    """A listing page is dealt with: on to ``next_key``, or the listing is complete."""
    cursor = session.get_one(BackfillCursor, cursor_id)
    cursor.page_key = next_key
    cursor.complete = next_key is None
    cursor.updated_at = now


def reopen(session: Session, cursor_id: int, now: datetime) -> None:
    """A complete listing is asked again (new captures since): from its last capture on."""
    cursor = session.get_one(BackfillCursor, cursor_id)
    cursor.complete = False
    cursor.page_key = None
    cursor.updated_at = now

"""What each digest covered and whether it went out: the ``digests`` and ``digest_versions``
rows.

The rules (see README, Digests):

- A digest reports a set of *versions* (each with the changes that led to it), never a time
  window: a version is "pending" until a digest that reported it is *delivered*. Two changes
  with the same timestamp, or a transaction that commits late, can therefore never be skipped,
  and a delivered version is never reported again by the regular digest.
- Every attempt gets a row, first ``pending``; it becomes ``delivered`` only once the SMTP
  server accepted the message (or the outbox file is written, when the outbox is the delivery
  channel because no SMTP server is configured), ``failed`` when sending failed, ``dry-run``
  for a preview. Only ``delivered`` rows cover their versions, so a failed or interrupted
  delivery leaves them pending for the next digest.
- Only observed versions are reported: technical re-derivations, and history imported from
  files or archives (``versions.source`` imported or archived), never are.
- ``--since DATE`` picks the versions first seen since DATE whether or not they were
  delivered before (a re-send); when that digest is delivered, its versions count as
  delivered too. It skips nothing: older pending versions stay pending.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from tracker.store.schema import Digest, DigestVersion, Version
from tracker.vocabulary import DigestStatus, Source


def reportable() -> ColumnElement[bool]:
    """Versions that are news: not technical re-derivations, and seen by our own fetches
    (history imported from files or archives is never reported as a change)."""
    return and_(Version.technical.is_(False), Version.source == Source.OBSERVED)


def pending_version_ids(session: Session) -> list[int]:
    """Reportable versions that no delivered digest has reported yet, oldest first."""
    delivered = (
        select(DigestVersion.version_id)
        .join(Digest, Digest.id == DigestVersion.digest_id)
        .where(Digest.status == DigestStatus.DELIVERED)
    )
    return list(
        session.scalars(
            select(Version.id)
            .where(reportable(), Version.id.not_in(delivered))
            .order_by(Version.id)
        )
    )


def version_ids_since(session: Session, since: datetime) -> list[int]:
    """Reportable versions first seen at or after ``since``, delivered before or not."""
    return list(
        session.scalars(
            select(Version.id).where(reportable(), Version.first_seen >= since).order_by(Version.id)
        )
    )


def start_attempt(
    session: Session,
    *,
    version_ids: Sequence[int],
    change_ids: Sequence[int],
    subject: str,
    now: datetime,
    since: datetime | None,
    channel: str,
    recipients: Sequence[str],
    dry_run: bool,
) -> Digest:
    """Record a digest attempt (``pending``, or ``dry-run``) and the versions it reports."""
    row = Digest(
        created_at=now,
        period_start=since,
        period_end=now,
        first_change_id=min(change_ids) if change_ids else None,
        last_change_id=max(change_ids) if change_ids else None,
        change_count=len(change_ids),
        subject=subject,
        status=DigestStatus.DRY_RUN if dry_run else DigestStatus.PENDING,
        channel=channel,
        recipients=", ".join(recipients) or None,
    )
    session.add(row)
    session.flush()
    session.add_all(DigestVersion(digest_id=row.id, version_id=v) for v in version_ids)
    session.flush()
    return row


def mark_delivered(
    session: Session, digest_id: int, *, now: datetime, note: str | None = None
) -> None:
    """The message was accepted (or written to the outbox channel): its versions are covered."""
    row = session.get_one(Digest, digest_id)
    row.status = DigestStatus.DELIVERED
    row.delivered_at = now
    row.error_message = note


def mark_failed(session: Session, digest_id: int, message: str) -> None:
    """Sending failed: the row stays for the record, its versions stay pending."""
    row = session.get_one(Digest, digest_id)
    row.status = DigestStatus.FAILED
    row.error_message = message


def set_location(session: Session, digest_id: int, location: str) -> None:
    """Where the digest's files were written (the .eml)."""
    session.get_one(Digest, digest_id).location = location


def digest_history(session: Session, limit: int = 20) -> list[Digest]:
    """The latest digest attempts, newest first."""
    return list(session.scalars(select(Digest).order_by(Digest.id.desc()).limit(limit)))

"""What each message covered and whether it went out: the ``digests`` and ``digest_versions``
rows, kept per subscription and destination.

The rules (see README, Alerts and Digests):

- A message reports a set of *versions* (each with the changes that led to it), never a time
  window. Each destination of each subscription (its e-mail addresses together, or one URL:
  ``digests.subscription`` and ``digests.destination``) has its own books: a version is
  *pending* for a destination until a row of that destination that *covers* it exists.
  Two changes with the same timestamp, or a transaction that commits late, can never be
  skipped, and a version is never reported to the same destination twice by the regular
  digest. One destination being down never holds back another.
- Every attempt gets a row, first ``pending``; it becomes ``delivered`` only once the channel
  took the message (the SMTP server accepted it, the webhook answered 2xx, Apprise reported
  success, the outbox file is written), ``failed`` when it could not. A failed or interrupted
  delivery leaves its versions pending for the next run.
- Versions a subscription does not want (below its ``min_severity``, not its documents or
  topics) are covered without a message by a ``skipped`` row, when its message is due.
- A destination seen for the first time gets a ``baseline`` row covering every version
  recorded before it: a new subscription starts with what changes next, not with the whole
  history. (The default subscription of the SMTP settings has no baseline: its first digest
  reports everything, as it always has.)
- Only observed versions are reported: technical re-derivations, and history imported from
  files or archives (``versions.source`` imported or archived), never are.
- ``--since DATE`` picks the versions first seen since DATE whether or not they were
  delivered before (a re-send); when that digest is delivered, its versions count as
  delivered too. It skips nothing: older pending versions stay pending.

The at-least-once window: between the channel taking a message and the commit that marks its
row delivered, a crash leaves the row pending, and the next run sends the same versions again.
The repeat carries the same idempotency key (derived from the subscription, the destination and
the versions), so a webhook receiver that remembers keys can drop it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Integer, Select, and_, func, insert, literal, select
from sqlalchemy.orm import Session

from tracker.store.schema import Digest, DigestVersion, Version
from tracker.subscriptions import DEFAULT_NAME, EMAIL_KEY
from tracker.vocabulary import COVERING_STATUSES, DigestStatus, MessageKind, Source


def reportable() -> ColumnElement[bool]:
    """Versions that are news: not technical re-derivations, not date-only (only an updated /
    effective date changed), and seen by our own fetches (history imported from files or
    archives is never reported as a change)."""
    return and_(
        Version.technical.is_(False),
        Version.date_only.is_(False),
        Version.source == Source.OBSERVED,
    )


def _covered(subscription: str, destination: str) -> Select[int]:
    """The versions a covering row of this destination lists."""
    return (
        select(DigestVersion.version_id)
        .join(Digest, Digest.id == DigestVersion.digest_id)
        .where(
            Digest.subscription == subscription,
            Digest.destination == destination,
            Digest.status.in_([str(s) for s in COVERING_STATUSES]),
        )
    )


def pending_version_ids(
    session: Session, subscription: str = DEFAULT_NAME, destination: str = EMAIL_KEY
) -> list[int]:
    """Reportable versions not yet covered for this destination of ``subscription``, oldest
    first (by default: the default subscription's e-mail)."""
    return list(
        session.scalars(
            select(Version.id)
            .where(reportable(), Version.id.not_in(_covered(subscription, destination)))
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
    subscription: str = DEFAULT_NAME,
    destination: str = EMAIL_KEY,
    kind: MessageKind = MessageKind.DIGEST,
    idempotency_key: str | None = None,
) -> Digest:
    """Record a message attempt (``pending``) and the versions it reports. A dry run records
    nothing: it never calls this."""
    row = Digest(
        created_at=now,
        period_start=since,
        period_end=now,
        first_change_id=min(change_ids) if change_ids else None,
        last_change_id=max(change_ids) if change_ids else None,
        change_count=len(change_ids),
        subject=subject,
        status=DigestStatus.PENDING,
        channel=channel,
        recipients=", ".join(recipients) or None,
        subscription=subscription,
        destination=destination,
        kind=kind,
        idempotency_key=idempotency_key,
    )
    session.add(row)
    session.flush()
    session.add_all(DigestVersion(digest_id=row.id, version_id=v) for v in version_ids)
    session.flush()
    return row


def cover_without_message(
    session: Session,
    *,
    version_ids: Sequence[int],
    subscription: str,
    destination: str,
    now: datetime,
    subject: str = "nothing wanted",
) -> Digest:
    """A ``skipped`` row: the destination's subscription wants nothing in these versions."""
    row = Digest(
        created_at=now,
        period_end=now,
        change_count=0,
        subject=subject,
        status=DigestStatus.SKIPPED,
        subscription=subscription,
        destination=destination,
        kind=MessageKind.DIGEST,
    )
    session.add(row)
    session.flush()
    session.add_all(DigestVersion(digest_id=row.id, version_id=v) for v in version_ids)
    session.flush()
    return row


def is_registered(session: Session, subscription: str, destination: str) -> bool:
    """Whether the destination has any row (it has been seen before)."""
    return (
        session.scalars(
            select(Digest.id)
            .where(Digest.subscription == subscription, Digest.destination == destination)
            .limit(1)
        ).first()
        is not None
    )


def register_destination(
    session: Session, subscription: str, destination: str, *, now: datetime
) -> int | None:
    """First sight of a destination: a ``baseline`` row covering every reportable version
    recorded so far (one INSERT ... SELECT, however long the history); returns its id, or
    None when the destination was already known."""
    if is_registered(session, subscription, destination):
        return None
    row = Digest(
        created_at=now,
        period_end=now,
        change_count=0,
        subject="baseline: versions recorded before this destination was added",
        status=DigestStatus.BASELINE,
        subscription=subscription,
        destination=destination,
        kind=MessageKind.DIGEST,
    )
    session.add(row)
    session.flush()
    session.execute(
        insert(DigestVersion).from_select(
            ["digest_id", "version_id"],
            select(literal(row.id, Integer), Version.id).where(reportable()),
        )
    )
    return row.id


def last_slot(session: Session, subscription: str, destination: str) -> datetime | None:
    """When the destination's last digest went out or was skipped (or its baseline)."""
    return _latest(
        session,
        subscription,
        destination,
        statuses=COVERING_STATUSES,
        kinds=(MessageKind.DIGEST,),
    )


def last_contact(session: Session, subscription: str, destination: str) -> datetime | None:
    """When the destination last received a message (digest or heartbeat), or its baseline."""
    return _latest(
        session,
        subscription,
        destination,
        statuses=(DigestStatus.DELIVERED, DigestStatus.BASELINE),
        kinds=tuple(MessageKind),
    )


def _latest(
    session: Session,
    subscription: str,
    destination: str,
    *,
    statuses: Iterable[str],
    kinds: Iterable[str],
) -> datetime | None:
    moment: datetime | None = session.scalar(
        select(func.max(Digest.created_at)).where(
            Digest.subscription == subscription,
            Digest.destination == destination,
            Digest.status.in_([str(s) for s in statuses]),
            Digest.kind.in_([str(k) for k in kinds]),
        )
    )
    return moment


def idempotency_key(
    subscription: str,
    destination: str,
    kind: MessageKind,
    version_ids: Sequence[int],
    *,
    since: datetime | None = None,
    after: datetime | None = None,
) -> str:
    """The same for every attempt at the same message: the subscription, the destination,
    what it reports (the versions; for a heartbeat, the last contact it follows) and a
    ``--since`` re-send's date."""
    parts = [
        subscription,
        destination,
        str(kind),
        since.isoformat() if since else "",
        after.isoformat() if after else "",
        ",".join(str(v) for v in sorted(version_ids)),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


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

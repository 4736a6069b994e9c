"""Change digests: collect what is new, compose and render it, deliver it, keep the books.

::

    bookkeeping.pending_version_ids / version_ids_since   which versions (SQL)
      -> collect.collect_digest                             DigestData (SQL -> values)
      -> compose.compose_digest                             DigestView (pure)
      -> render.digest.render_digest_html / _text           HTML (styles inlined) + text (pure)
      -> deliver.message.build_digest_message               multipart/alternative (pure)
      -> deliver.smtp.send_message | deliver.outbox         SMTP, or .eml/.html/.txt files
      -> bookkeeping.mark_delivered | mark_failed           the digests row

:func:`send_digest` runs the whole chain. See :mod:`tracker.digest.bookkeeping` for what
"delivered" means and how a failed delivery is caught up.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from tracker.classify import RuleSet
from tracker.clock import Clock
from tracker.deliver import Channel, Notice, open_channel
from tracker.deliver.message import make_message_id
from tracker.deliver.outbox import OutboxFiles
from tracker.digest.bookkeeping import (
    mark_delivered,
    mark_failed,
    pending_version_ids,
    set_location,
    start_attempt,
    version_ids_since,
)
from tracker.digest.collect import collect_digest
from tracker.digest.compose import DigestView, compose_digest
from tracker.digest.model import DigestData
from tracker.digest.render import render_digest_html, render_digest_text
from tracker.errors import ConfigError, DeliveryError
from tracker.logs import phase_fields
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.vocabulary import DigestStatus

log = logging.getLogger(__name__)

CHANNEL_SMTP = "smtp"
CHANNEL_OUTBOX = "outbox"
#: Outcome status when there was nothing to send (no row is written).
NOTHING_TO_SEND = "nothing"


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    """What :func:`send_digest` did."""

    status: str  # delivered, dry-run, or "nothing" (see NOTHING_TO_SEND)
    subject: str
    data: DigestData
    digest_id: int | None = None
    channel: str | None = None
    recipients: tuple[str, ...] = ()
    files: OutboxFiles | None = None
    note: str | None = None

    def describe(self) -> str:
        """What happened to the digest, for a person (one line, plus the files written)."""
        if self.status == NOTHING_TO_SEND:
            return "digest: nothing to report (no digest sent)"
        if self.channel == CHANNEL_SMTP:
            line = (
                f"digest {self.digest_id}: delivered to {', '.join(self.recipients)}: "
                f"{self.subject}"
            )
            return line + (f" ({self.note})" if self.note else "")
        assert self.files is not None
        what = "dry run, not marked delivered" if self.status == DigestStatus.DRY_RUN else "outbox"
        return (
            f"digest {self.digest_id} ({what}): {self.subject}\n"
            f"  {self.files.html}\n  {self.files.text}\n  {self.files.eml}"
        )


@dataclass(frozen=True, slots=True)
class RenderedDigest:
    view: DigestView
    html: str
    text: str


def topic_labels(rules: RuleSet) -> dict[str, str]:
    """Display name of each topic id of the rule file ("ai_training": "Use of data for ...")."""
    return {topic.id: topic.label for topic in rules.topics}


def render_digest(
    data: DigestData,
    *,
    list_unsubscribe: Sequence[str] = (),
    topic_labels: Mapping[str, str] | None = None,
    public_url: str | None = None,
) -> RenderedDigest:
    """Compose and render ``data`` (pure)."""
    view = compose_digest(
        data, list_unsubscribe=list_unsubscribe, topic_labels=topic_labels, public_url=public_url
    )
    return RenderedDigest(view=view, html=render_digest_html(view), text=render_digest_text(view))


def worth_sending(data: DigestData, *, send_empty: bool) -> bool:
    """A digest goes out when something changed, a new document is tracked, a document is
    failing, or "no changes" mails are wanted."""
    return send_empty or not data.is_empty or bool(data.failures)


def send_digest(
    db: Database,
    settings: Settings,
    *,
    clock: Clock,
    since: datetime | None = None,
    to: Sequence[str] = (),
    dry_run: bool = False,
    topic_labels: Mapping[str, str] | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> DigestOutcome:
    """Build the digest of every version not yet delivered (or first seen since ``since``),
    and deliver it: over SMTP when configured, else (and always with ``dry_run``) as files in
    the outbox folder.

    Nothing is sent when there is nothing to report (no new version, no failing document)
    unless ``settings.digest_send_empty``. Raises :class:`DeliveryError` after recording the
    failed attempt when the channel cannot deliver it; its versions stay pending.
    ``topic_labels`` names the topics (see :func:`topic_labels`).
    """
    recipients = tuple(to) or settings.mail_to
    name = CHANNEL_SMTP if settings.smtp is not None and not dry_run else CHANNEL_OUTBOX
    if name == CHANNEL_SMTP and not recipients:
        raise ConfigError("no digest recipients: set TRACKER_SMTP_TO or pass --to")
    channel = open_channel(name, settings, ssl_context=ssl_context)
    now = clock()
    log.debug("composing the digest", extra=phase_fields("digest", "start"))
    with db.transaction() as session:
        ids = version_ids_since(session, since) if since else pending_version_ids(session)
        data = collect_digest(session, ids, now=now, since=since)
        rendered = render_digest(
            data,
            list_unsubscribe=settings.list_unsubscribe,
            topic_labels=topic_labels,
            public_url=settings.public_url,
        )
        if not worth_sending(data, send_empty=settings.digest_send_empty):
            log.debug("nothing to send", extra=phase_fields("digest", "end"))
            return DigestOutcome(status=NOTHING_TO_SEND, subject=rendered.view.subject, data=data)
        row = start_attempt(
            session,
            version_ids=data.version_ids,
            change_ids=data.change_ids,
            subject=rendered.view.subject,
            now=now,
            since=since,
            channel=channel.name,
            recipients=recipients,
            dry_run=dry_run,
        )
        row.message_id = make_message_id(row.id, now, settings.mail_from)
        notice = Notice(
            digest_id=row.id,
            subject=rendered.view.subject,
            html=rendered.html,
            text=rendered.text,
            sender=settings.mail_from,
            recipients=recipients,
            message_id=row.message_id,
            now=now,
            list_unsubscribe=settings.list_unsubscribe,
        )
    log.debug(
        "digest %d recorded as %s, sending by %s",
        row.id,
        row.status,
        channel.name,
        extra=phase_fields("digest", "send", digest=row.id),
    )
    outcome = DigestOutcome(
        status=DigestStatus.DRY_RUN if dry_run else DigestStatus.DELIVERED,
        subject=notice.subject,
        data=data,
        digest_id=row.id,
        channel=channel.name,
        recipients=recipients,
    )
    return _deliver(db, channel, notice, outcome, clock)


def _deliver(
    db: Database, channel: Channel, notice: Notice, outcome: DigestOutcome, clock: Clock
) -> DigestOutcome:
    """Deliver; mark the row delivered once the channel took it (a dry run never is), failed
    (and raise) if it could not."""
    digest_id = notice.digest_id
    try:
        receipt = channel.deliver(notice)
    except DeliveryError as exc:
        with db.transaction() as session:
            mark_failed(session, digest_id, str(exc))
        log.warning(
            "digest %d not delivered: %s",
            digest_id,
            exc,
            extra=phase_fields("digest", "end", digest=digest_id),
        )
        raise DeliveryError(f"digest {digest_id} not delivered: {exc}") from None
    # From here until the commit below, a crash means the message went out but its row still
    # says pending: the next digest repeats it (at least once; see digest.bookkeeping).
    log.debug(
        "digest %d accepted by the %s channel",
        digest_id,
        channel.name,
        extra=phase_fields("digest", "accepted", digest=digest_id),
    )
    with db.transaction() as session:
        if receipt.location is not None:
            set_location(session, digest_id, receipt.location)
        if outcome.status == DigestStatus.DELIVERED:
            mark_delivered(session, digest_id, now=clock(), note=receipt.note)
    log.info(
        "digest %d %s: %s",
        digest_id,
        outcome.status,
        outcome.subject,
        extra=phase_fields("digest", "end", digest=digest_id),
    )
    files = OutboxFiles(*receipt.files) if len(receipt.files) == 3 else None
    return replace(outcome, note=receipt.note, files=files)


__all__ = [
    "CHANNEL_OUTBOX",
    "CHANNEL_SMTP",
    "NOTHING_TO_SEND",
    "DigestOutcome",
    "RenderedDigest",
    "render_digest",
    "send_digest",
    "topic_labels",
    "worth_sending",
]

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
from email.message import EmailMessage

from tracker.classify import RuleSet
from tracker.clock import Clock
from tracker.deliver.message import address_of, build_digest_message, make_message_id
from tracker.deliver.outbox import OutboxFiles, outbox_stem, write_outbox
from tracker.deliver.smtp import send_message
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
) -> RenderedDigest:
    """Compose and render ``data`` (pure)."""
    view = compose_digest(data, list_unsubscribe=list_unsubscribe, topic_labels=topic_labels)
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
    failed attempt when the SMTP server cannot take the message; its versions stay pending.
    ``topic_labels`` names the topics (see :func:`topic_labels`).
    """
    recipients = tuple(to) or settings.mail_to
    channel = CHANNEL_SMTP if settings.smtp is not None and not dry_run else CHANNEL_OUTBOX
    if channel == CHANNEL_SMTP and not recipients:
        raise ConfigError("no digest recipients: set TRACKER_SMTP_TO or pass --to")
    now = clock()
    log.debug("composing the digest", extra=phase_fields("digest", "start"))
    with db.transaction() as session:
        ids = version_ids_since(session, since) if since else pending_version_ids(session)
        data = collect_digest(session, ids, now=now, since=since)
        rendered = render_digest(
            data, list_unsubscribe=settings.list_unsubscribe, topic_labels=topic_labels
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
            channel=channel,
            recipients=recipients,
            dry_run=dry_run,
        )
        row.message_id = make_message_id(row.id, now, settings.mail_from)
        outcome = DigestOutcome(
            status=DigestStatus.DRY_RUN if dry_run else DigestStatus.DELIVERED,
            subject=rendered.view.subject,
            data=data,
            digest_id=row.id,
            channel=channel,
            recipients=recipients,
        )
        message = build_digest_message(
            subject=outcome.subject,
            text=rendered.text,
            html=rendered.html,
            sender=settings.mail_from,
            recipients=recipients,
            now=now,
            message_id=row.message_id,
            digest_id=row.id,
            list_unsubscribe=settings.list_unsubscribe,
        )
    log.debug(
        "digest %d recorded as %s, sending by %s",
        row.id,
        row.status,
        channel,
        extra=phase_fields("digest", "send", digest=row.id),
    )
    if channel == CHANNEL_OUTBOX:
        return _deliver_to_outbox(db, settings, outcome, message, rendered, now, clock)
    return _deliver_by_smtp(db, settings, outcome, message, clock, ssl_context)


def _deliver_to_outbox(
    db: Database,
    settings: Settings,
    outcome: DigestOutcome,
    message: EmailMessage,
    rendered: RenderedDigest,
    now: datetime,
    clock: Clock,
) -> DigestOutcome:
    """Write the files; unless this is a dry run, the outbox is the delivery channel."""
    assert outcome.digest_id is not None
    files = write_outbox(
        settings.outbox_dir,
        outbox_stem(outcome.digest_id, now),
        eml=message.as_bytes(),
        html=rendered.html,
        text=rendered.text,
    )
    log.debug(
        "digest %d written to %s",
        outcome.digest_id,
        files.eml,
        extra=phase_fields("digest", "accepted", digest=outcome.digest_id),
    )
    with db.transaction() as session:
        set_location(session, outcome.digest_id, str(files.eml))
        if outcome.status == DigestStatus.DELIVERED:
            mark_delivered(session, outcome.digest_id, now=clock())
    log.debug(
        "digest %d %s",
        outcome.digest_id,
        outcome.status,
        extra=phase_fields("digest", "end", digest=outcome.digest_id),
    )
    return replace(outcome, files=files)


def _deliver_by_smtp(
    db: Database,
    settings: Settings,
    outcome: DigestOutcome,
    message: EmailMessage,
    clock: Clock,
    ssl_context: ssl.SSLContext | None,
) -> DigestOutcome:
    """Send; mark the row delivered once the server accepted, failed (and raise) if not."""
    assert outcome.digest_id is not None and settings.smtp is not None
    try:
        refused = send_message(
            settings.smtp,
            message,
            sender=address_of(settings.mail_from),
            recipients=[address_of(r) for r in outcome.recipients],
            ssl_context=ssl_context,
        )
    except DeliveryError as exc:
        with db.transaction() as session:
            mark_failed(session, outcome.digest_id, str(exc))
        log.warning(
            "digest %d not delivered: %s",
            outcome.digest_id,
            exc,
            extra=phase_fields("digest", "end", digest=outcome.digest_id),
        )
        raise DeliveryError(f"digest {outcome.digest_id} not delivered: {exc}") from None
    # From here until the commit below, a crash means the message went out but its row still
    # says pending: the next digest repeats it (at least once; see digest.bookkeeping).
    log.debug(
        "digest %d accepted by the SMTP server",
        outcome.digest_id,
        extra=phase_fields("digest", "accepted", digest=outcome.digest_id),
    )
    note = f"refused by the server: {', '.join(sorted(refused))}" if refused else None
    with db.transaction() as session:
        mark_delivered(session, outcome.digest_id, now=clock(), note=note)
    log.info(
        "digest %d delivered: %s",
        outcome.digest_id,
        outcome.subject,
        extra=phase_fields("digest", "end", digest=outcome.digest_id),
    )
    return replace(outcome, note=note)


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

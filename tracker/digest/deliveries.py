"""Delivering to subscriptions: each destination of each subscription, with its own books.

For every destination of every subscription (its e-mail addresses together, or one URL), in
the order of the subscriptions file::

    due? (schedule: immediate, daily, weekly)                         digest.schedule (pure)
    -> the versions pending for this destination                      bookkeeping (SQL)
    -> collect (once per distinct set of versions)                    collect (SQL)
    -> narrowed to what the subscription wants                        wants (pure)
    -> nothing wanted: a "skipped" row covers them, no message
    -> composed, rendered for the channel's medium                    compose, render, chat,
       (e-mail under its size budget, chat message, JSON payload)     payload (pure)
    -> a "pending" row, the channel, then "delivered" or "failed"     deliver/*, bookkeeping
    -> a heartbeat after a quiet week, when the subscription asks for one

A destination whose channel fails is recorded as failed and reported; the others go on, and
its versions stay pending for the next run. New destinations get their baseline first
(:func:`register_destinations`, also called before each nightly run).
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from tracker.classify import RuleSet
from tracker.clock import Clock
from tracker.deliver import (
    CHANNEL_OUTBOX,
    CHANNEL_SMTP,
    Body,
    Channel,
    Destination,
    EmailBody,
    JsonBody,
    Notice,
    destinations,
    open_channel,
    target_problem,
)
from tracker.deliver.message import make_message_id
from tracker.deliver.outbox import OutboxFiles
from tracker.digest.bookkeeping import (
    cover_without_message,
    idempotency_key,
    is_registered,
    last_contact,
    last_slot,
    mark_delivered,
    mark_failed,
    pending_version_ids,
    register_destination,
    set_location,
    start_attempt,
    version_ids_since,
)
from tracker.digest.chat import heartbeat_title, render_chat, render_heartbeat_chat
from tracker.digest.collect import collect_digest, watch_summary
from tracker.digest.compose import DigestView, compose_digest
from tracker.digest.model import DigestData, FailureNote
from tracker.digest.payload import digest_payload, heartbeat_payload
from tracker.digest.render import render_email
from tracker.digest.schedule import heartbeat_due, is_due, zone
from tracker.digest.wants import wanted, worth_a_message
from tracker.errors import ConfigError, DeliveryError, TrackerError
from tracker.logs import phase_fields
from tracker.registry import Registry
from tracker.render.environment import template_environment, text_template_environment
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.subscriptions import (
    DEFAULT_NAME,
    Known,
    Subscription,
    default_subscription,
    load_subscriptions,
)
from tracker.vocabulary import DigestStatus, Medium, MessageKind

log = logging.getLogger("tracker.digest")

#: Outcome status when there was nothing to send (no row is written).
NOTHING_TO_SEND = "nothing"
#: Outcome status of a daily or weekly subscription between its slots (nothing is read).
NOT_DUE = "not-due"


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    """What became of one destination's message: delivered, a dry run, nothing to send,
    skipped (versions covered, nothing wanted) or not due."""

    status: str
    subject: str
    data: DigestData | None
    digest_id: int | None = None
    channel: str | None = None
    recipients: tuple[str, ...] = ()
    files: OutboxFiles | None = None
    note: str | None = None
    subscription: str = DEFAULT_NAME
    destination: str = ""  # as it may be shown: addresses, or a URL's scheme and host
    kind: MessageKind = MessageKind.DIGEST
    location: str | None = None

    @property
    def sent(self) -> bool:
        return self.status in (DigestStatus.DELIVERED, DigestStatus.DRY_RUN)

    def describe(self) -> str:
        """What happened to the message, for a person (one line, plus the files written)."""
        if not self.sent:
            if self.subscription == DEFAULT_NAME:
                return "digest: nothing to report (no digest sent)"
            what = "not due yet" if self.status == NOT_DUE else "nothing it wants"
            return f"digest for {self.subscription} -> {self.destination}: {what}"
        label = "heartbeat" if self.kind == MessageKind.HEARTBEAT else "digest"
        who = "" if self.subscription == DEFAULT_NAME else f" for {self.subscription}"
        if self.channel == CHANNEL_SMTP:
            line = (
                f"{label} {self.digest_id}{who}: delivered to {', '.join(self.recipients)}: "
                f"{self.subject}"
            )
            return line + (f" ({self.note})" if self.note else "")
        if self.channel == CHANNEL_OUTBOX:
            if self.files is not None:
                where = f"\n  {self.files.html}\n  {self.files.text}\n  {self.files.eml}"
            else:
                where = f"\n  {self.location}" if self.location else ""
            if self.status == DigestStatus.DRY_RUN:  # a preview: no row, so no number
                what = f"{label} preview{who} (dry run: not sent, nothing recorded)"
            else:
                what = f"{label} {self.digest_id}{who} (outbox)"
            return f"{what}: {self.subject}{where}"
        line = f"{label} {self.digest_id}{who}: delivered to {self.destination}: {self.subject}"
        return line + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """Every destination's outcome, and the errors of those that could not be delivered."""

    outcomes: tuple[DigestOutcome, ...]
    errors: tuple[TrackerError, ...] = ()

    @property
    def error(self) -> TrackerError | None:
        return self.errors[0] if self.errors else None

    def describe(self) -> str:
        """One line per message sent (and per failure); one line when nothing was sent."""
        lines = [o.describe() for o in self.outcomes if o.sent]
        if not lines and self.errors:
            return "no message delivered"
        if not lines:
            quiet = [o for o in self.outcomes if o.subscription == DEFAULT_NAME]
            return quiet[0].describe() if quiet else "digest: nothing to report (no message sent)"
        return "\n".join(lines)


def subscriptions_of(
    settings: Settings, *, registry: Registry | None = None, rules: RuleSet | None = None
) -> tuple[Subscription, ...]:
    """The subscriptions in force: the file's (``TRACKER_SUBSCRIPTIONS``, validated against
    the registry, the rule file's topics and the channels), or the default one of the SMTP
    settings."""
    if settings.subscriptions_path is None:
        return (default_subscription(settings),)
    known = Known(
        registry=registry,
        topics={topic.id for topic in rules.topics} if rules is not None else None,
        webhook_secret=settings.webhook_secret,
        check_target=target_problem,
    )
    return load_subscriptions(settings.subscriptions_path, known)


def register_destinations(
    db: Database, settings: Settings, subscriptions: Sequence[Subscription], *, now: datetime
) -> int:
    """Give each new destination of the file's subscriptions its baseline (see
    :mod:`tracker.digest.bookkeeping`); returns how many were new."""
    new = 0
    with db.transaction() as session:
        for subscription in subscriptions:
            if not subscription.from_file:
                continue
            for destination in destinations(subscription, settings):
                if register_destination(session, subscription.name, destination.key, now=now):
                    log.info("new destination %s: baseline recorded", destination.label)
                    new += 1
    return new


def check_destinations(
    settings: Settings, subscriptions: Sequence[Subscription], *, dry_run: bool
) -> list[tuple[Subscription, Destination]]:
    """Every (subscription, destination) pair; ConfigError for an SMTP one with no address."""
    plan = [(s, d) for s in subscriptions for d in destinations(s, settings)]
    for _, destination in plan:
        if destination.channel == CHANNEL_SMTP and not destination.recipients and not dry_run:
            raise ConfigError("no digest recipients: set TRACKER_SMTP_TO or pass --to")
    return plan


def deliver_subscriptions(
    db: Database,
    settings: Settings,
    subscriptions: Sequence[Subscription],
    *,
    clock: Clock,
    since: datetime | None = None,
    dry_run: bool = False,
    force: bool = False,
    topic_labels: Mapping[str, str] | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> DeliveryReport:
    """Deliver what each destination of each subscription is due (``force``: whatever their
    schedule), then the heartbeats that are due. A destination that fails is reported in the
    result and does not stop the others."""
    plan = check_destinations(settings, subscriptions, dry_run=dry_run)
    if not dry_run:
        register_destinations(db, settings, subscriptions, now=clock())
    sender = Sender(
        db,
        settings,
        clock=clock,
        since=since,
        dry_run=dry_run,
        force=force,
        topic_labels=topic_labels,
        ssl_context=ssl_context,
    )
    outcomes: list[DigestOutcome] = []
    errors: list[TrackerError] = []
    down: set[tuple[str, str]] = set()
    for subscription, destination in plan:
        try:
            outcomes.append(sender.digest(subscription, destination))
        except DeliveryError as exc:
            errors.append(exc)
            down.add((subscription.name, destination.key))
    for subscription, destination in plan:
        if (subscription.name, destination.key) in down:
            continue  # it just failed: no heartbeat to a destination that is down
        try:
            beat = sender.heartbeat(subscription, destination)
        except DeliveryError as exc:
            errors.append(exc)
            continue
        if beat is not None:
            outcomes.append(beat)
    return DeliveryReport(outcomes=tuple(outcomes), errors=tuple(errors))


class Sender:
    """Delivers to one destination at a time (see the module doc)."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        clock: Clock,
        since: datetime | None = None,
        dry_run: bool = False,
        force: bool = False,
        topic_labels: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.since = since
        self.dry_run = dry_run
        self.force = force
        self.labels = topic_labels or {}
        self.ssl_context = ssl_context
        self.tz = zone(settings.timezone)
        self._collected: dict[tuple[int, ...], DigestData] = {}

    # -- the digest ----------------------------------------------------------------------------
    def digest(self, subscription: Subscription, destination: Destination) -> DigestOutcome:
        """Deliver the destination's digest if it is due and something is wanted; raises
        DeliveryError (after recording the failed attempt) when the channel fails."""
        channel_name = CHANNEL_OUTBOX if self.dry_run else destination.channel
        channel = open_channel(channel_name, self.settings, ssl_context=self.ssl_context)
        now = self.clock()
        log.debug("composing the digest", extra=phase_fields("digest", "start"))
        quiet = DigestOutcome(
            status=NOTHING_TO_SEND,
            subject="",
            data=None,
            subscription=subscription.name,
            destination=destination.shown,
        )
        with self.db.transaction() as session:
            if not self._due(session, subscription, destination, now):
                log.debug("not due", extra=phase_fields("digest", "end"))
                return replace(quiet, status=NOT_DUE)
            full = self._collect(session, subscription, destination, now)
            data = wanted(full, subscription)
            if not worth_a_message(data, subscription, send_empty=self.settings.digest_send_empty):
                status = self._cover_unwanted(session, subscription, destination, full, now)
                log.debug("nothing to send", extra=phase_fields("digest", "end"))
                return replace(quiet, status=status, data=data)
            view = self._compose(data, subscription)
            key = idempotency_key(
                subscription.name,
                destination.key,
                MessageKind.DIGEST,
                full.version_ids,
                since=self.since,
            )
            row = (
                None  # a dry run records nothing: its preview has no row
                if self.dry_run
                else start_attempt(
                    session,
                    version_ids=full.version_ids,
                    change_ids=data.change_ids,
                    subject=view.subject,
                    now=now,
                    since=self.since,
                    channel=channel.name,
                    recipients=_recipients(destination),
                    subscription=subscription.name,
                    destination=destination.key,
                    kind=MessageKind.DIGEST,
                    idempotency_key=key,
                )
            )
            digest_id = row.id if row is not None else None
            message_id = ""
            if destination.medium == Medium.EMAIL:
                message_id = make_message_id(digest_id, now, self.settings.mail_from)
                if row is not None:
                    row.message_id = message_id
            body = self._digest_body(destination.medium, data, view, subscription, key, message_id)
            notice = Notice(
                digest_id=digest_id,
                kind=MessageKind.DIGEST,
                destination=destination,
                body=body,
                now=now,
                idempotency_key=key,
            )
        outcome = DigestOutcome(
            status=DigestStatus.DRY_RUN if self.dry_run else DigestStatus.DELIVERED,
            subject=view.subject,
            data=data,
            digest_id=digest_id,
            channel=channel.name,
            recipients=destination.recipients if destination.medium == Medium.EMAIL else (),
            subscription=subscription.name,
            destination=destination.shown,
        )
        return self._send(channel, notice, outcome)

    def _due(
        self, session: Session, subscription: Subscription, destination: Destination, now: datetime
    ) -> bool:
        if self.force or self.since is not None or self.dry_run:
            return True
        last = last_slot(session, subscription.name, destination.key)
        return is_due(subscription.schedule, last, now, self.tz)

    def _collect(
        self, session: Session, subscription: Subscription, destination: Destination, now: datetime
    ) -> DigestData:
        if self.since is not None:
            ids = version_ids_since(session, self.since)
        elif subscription.from_file and not is_registered(
            session, subscription.name, destination.key
        ):
            ids = []  # a dry run before its baseline: what exists will never be sent to it
        else:
            ids = pending_version_ids(session, subscription.name, destination.key)
        cache_key = tuple(ids)
        if cache_key not in self._collected:
            self._collected[cache_key] = collect_digest(session, ids, now=now, since=self.since)
        return self._collected[cache_key]

    def _cover_unwanted(
        self,
        session: Session,
        subscription: Subscription,
        destination: Destination,
        full: DigestData,
        now: datetime,
    ) -> str:
        """Versions nothing of which is wanted: covered by a skipped row (not in a dry run or
        a --since re-send, which change no books)."""
        if not full.version_ids or self.dry_run or self.since is not None:
            return NOTHING_TO_SEND
        cover_without_message(
            session,
            version_ids=full.version_ids,
            subscription=subscription.name,
            destination=destination.key,
            now=now,
        )
        return DigestStatus.SKIPPED

    def _compose(self, data: DigestData, subscription: Subscription) -> DigestView:
        return compose_digest(
            data,
            list_unsubscribe=self.settings.list_unsubscribe,
            topic_labels=self.labels,
            public_url=self.settings.public_url,
            subscription=subscription.name if subscription.from_file else None,
        )

    def _digest_body(
        self,
        medium: Medium,
        data: DigestData,
        view: DigestView,
        subscription: Subscription,
        key: str,
        message_id: str,
    ) -> Body:
        if medium == Medium.CHAT:
            return render_chat(view)
        if medium == Medium.JSON:
            document = digest_payload(
                data,
                key=key,
                subscription=subscription.name,
                title=view.subject,
                topic_labels=self.labels,
                public_url=self.settings.public_url,
            )
            return JsonBody(title=view.subject, document=document)
        _, html, text = render_email(view, more_link=self.settings.public_url)
        return EmailBody(
            subject=view.subject,
            html=html,
            text=text,
            sender=self.settings.mail_from,
            message_id=message_id,
            list_unsubscribe=self.settings.list_unsubscribe,
        )

    # -- the heartbeat -------------------------------------------------------------------------
    def heartbeat(
        self, subscription: Subscription, destination: Destination
    ) -> DigestOutcome | None:
        """The heartbeat, when the subscription asks for one and the destination heard
        nothing for a week; None otherwise."""
        if not subscription.heartbeat or self.dry_run or self.since is not None:
            return None
        channel = open_channel(destination.channel, self.settings, ssl_context=self.ssl_context)
        now = self.clock()
        with self.db.transaction() as session:
            last = last_contact(session, subscription.name, destination.key)
            if not heartbeat_due(last, now):
                return None
            log.debug("composing the heartbeat", extra=phase_fields("digest", "start"))
            watch = watch_summary(session, subscription.covers_document)
            title = heartbeat_title(watch.verified, len(watch.failures))
            key = idempotency_key(
                subscription.name, destination.key, MessageKind.HEARTBEAT, (), after=last
            )
            row = start_attempt(
                session,
                version_ids=(),
                change_ids=(),
                subject=title,
                now=now,
                since=None,
                channel=channel.name,
                recipients=_recipients(destination),
                subscription=subscription.name,
                destination=destination.key,
                kind=MessageKind.HEARTBEAT,
                idempotency_key=key,
            )
            if destination.medium == Medium.EMAIL:
                row.message_id = make_message_id(row.id, now, self.settings.mail_from)
            body = self._heartbeat_body(
                destination.medium,
                title=title,
                subscription=subscription.name,
                key=key,
                now=now,
                verified=watch.verified,
                failures=watch.failures,
                last=last,
                message_id=row.message_id or "",
            )
            notice = Notice(
                digest_id=row.id,
                kind=MessageKind.HEARTBEAT,
                destination=destination,
                body=body,
                now=now,
                idempotency_key=key,
            )
        outcome = DigestOutcome(
            status=DigestStatus.DELIVERED,
            subject=title,
            data=None,
            digest_id=row.id,
            channel=channel.name,
            recipients=destination.recipients if destination.medium == Medium.EMAIL else (),
            subscription=subscription.name,
            destination=destination.shown,
            kind=MessageKind.HEARTBEAT,
        )
        return self._send(channel, notice, outcome)

    def _heartbeat_body(
        self,
        medium: Medium,
        *,
        title: str,
        subscription: str,
        key: str,
        now: datetime,
        verified: int,
        failures: tuple[FailureNote, ...],
        last: datetime | None,
        message_id: str,
    ) -> Body:
        public_url = self.settings.public_url
        if medium == Medium.CHAT:
            return render_heartbeat_chat(title, failures, public_url)
        if medium == Medium.JSON:
            document = heartbeat_payload(
                key=key,
                subscription=subscription,
                title=title,
                generated_at=now,
                verified=verified,
                failures=failures,
                last_message=last,
            )
            return JsonBody(title=title, document=document)
        values = {
            "title": title,
            "subscription": subscription,
            "failures": failures,
            "generated_at": now,
            "last_message": last,
            "public_url": public_url,
        }
        html = template_environment().get_template("heartbeat.html.j2").render(**values)
        text = text_template_environment().get_template("heartbeat.txt.j2").render(**values)
        return EmailBody(
            subject=title,
            html=html,
            text=text,
            sender=self.settings.mail_from,
            message_id=message_id,
            list_unsubscribe=self.settings.list_unsubscribe,
        )

    # -- sending -------------------------------------------------------------------------------
    def _send(self, channel: Channel, notice: Notice, outcome: DigestOutcome) -> DigestOutcome:
        """Deliver; mark the row delivered once the channel took it, failed (and raise) if it
        could not. A dry run's preview has no row: nothing is marked."""
        digest_id = notice.digest_id
        name = "digest preview" if digest_id is None else f"digest {digest_id}"
        who: dict[str, object] = {"subscription": notice.destination.subscription}
        if digest_id is not None:
            who = {"digest": digest_id, **who}
        log.debug(
            "%s %s, sending by %s to %s",
            name,
            "composed" if digest_id is None else "recorded",
            channel.name,
            notice.destination.label,
            extra=phase_fields("digest", "send", **who),
        )
        try:
            receipt = channel.deliver(notice)
        except DeliveryError as exc:
            if digest_id is not None:
                with self.db.transaction() as session:
                    mark_failed(session, digest_id, str(exc))
            log.warning(
                "%s not delivered: %s", name, exc, extra=phase_fields("digest", "end", **who)
            )
            where = (
                ""
                if notice.destination.subscription == DEFAULT_NAME
                else f" ({notice.destination.label})"
            )
            raise DeliveryError(f"{name}{where} not delivered: {exc}") from None
        # From here until the commit below, a crash means the message went out but its row
        # still says pending: the next run repeats it (at least once; see bookkeeping).
        log.debug(
            "%s accepted by the %s channel",
            name,
            channel.name,
            extra=phase_fields("digest", "accepted", **who),
        )
        if digest_id is not None:
            with self.db.transaction() as session:
                if receipt.location is not None:
                    set_location(session, digest_id, receipt.location)
                if outcome.status == DigestStatus.DELIVERED:
                    mark_delivered(session, digest_id, now=self.clock(), note=receipt.note)
        log.info(
            "%s %s: %s",
            name,
            outcome.status,
            outcome.subject,
            extra=phase_fields("digest", "end", **who),
        )
        files = OutboxFiles(*receipt.files) if len(receipt.files) == 3 else None
        return replace(outcome, note=receipt.note, files=files, location=receipt.location)


def _recipients(destination: Destination) -> tuple[str, ...]:
    if destination.medium == Medium.EMAIL:
        return destination.recipients
    return (destination.shown,)


__all__ = [
    "NOTHING_TO_SEND",
    "NOT_DUE",
    "DeliveryReport",
    "DigestOutcome",
    "Sender",
    "deliver_subscriptions",
    "register_destinations",
    "subscriptions_of",
]

"""Delivering messages: the :class:`Channel` protocol, what a channel is given, and the
registry of channels.

A channel takes a :class:`Notice` (one message for one :class:`Destination` of one
subscription, already rendered in the channel's :class:`~tracker.vocabulary.Medium`) and
delivers it, returning a :class:`Receipt` or raising :class:`~tracker.errors.DeliveryError`.
What a delivered message covered (see :mod:`tracker.digest.bookkeeping`) is recorded by the
caller, the same way for every channel.

The digest is composed once (:mod:`tracker.digest.compose`) and rendered for each medium by
the digest room: an e-mail (:class:`EmailBody`: subject, HTML, text), a short chat message
(:class:`ChatBody`: title, Markdown, a link) or the documented JSON payload
(:class:`JsonBody`). A channel says which medium it takes; it never composes anything.

Channels (one module each; add one by writing the module and one line in :data:`CHANNELS`):

- ``smtp``     :mod:`tracker.deliver.smtp`     the e-mail over SMTP (ssl, starttls or plain)
- ``outbox``   :mod:`tracker.deliver.outbox`   any medium as files in a folder (no SMTP server,
                                               and every dry run)
- ``webhook``  :mod:`tracker.deliver.webhook`  the JSON payload POSTed, signed, retried
- ``apprise``  :mod:`tracker.deliver.chat`     the chat message through Apprise (Slack, Teams,
                                               Discord, Matrix, Telegram, ntfy...)

:mod:`tracker.deliver.message` builds the e-mail itself (pure).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tracker.errors import ConfigError
from tracker.settings import Secret
from tracker.subscriptions import Subscription, Target
from tracker.vocabulary import Medium, MessageKind, TargetKind

if TYPE_CHECKING:
    import ssl

    from tracker.settings import Settings


@dataclass(frozen=True, slots=True)
class EmailBody:
    """The digest e-mail: subject, HTML and text parts, and its headers' values."""

    subject: str
    html: str
    text: str
    sender: str
    message_id: str
    list_unsubscribe: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.subject


@dataclass(frozen=True, slots=True)
class ChatBody:
    """A short chat message: a title and a Markdown body (fetched text already escaped)."""

    title: str
    markdown: str
    link: str | None = None


@dataclass(frozen=True, slots=True)
class JsonBody:
    """The JSON payload of a webhook: ``event`` (``digest`` or ``heartbeat``) and the
    document, JSON-ready (strings, numbers, booleans, None, lists and dicts)."""

    title: str
    document: Mapping[str, Any]

    def encoded(self) -> bytes:
        """The exact bytes sent (and signed): compact UTF-8 JSON, keys in their given order."""
        return json.dumps(self.document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


Body = EmailBody | ChatBody | JsonBody
MEDIUM_OF_BODY: dict[type, Medium] = {
    EmailBody: Medium.EMAIL,
    ChatBody: Medium.CHAT,
    JsonBody: Medium.JSON,
}


@dataclass(frozen=True, slots=True)
class Destination:
    """Where one subscription's messages go by one channel: its e-mail addresses (one
    message to all), or one URL. ``key`` is what the bookkeeping knows it by."""

    subscription: str
    channel: str  # a key of CHANNELS
    medium: Medium
    key: str
    recipients: tuple[str, ...] = field(repr=False)  # addresses, or the URL (may hold tokens)
    shown: str = ""  # what rows and log lines may show
    secret: Secret | None = field(default=None, repr=False)  # the webhook's signing key

    @property
    def label(self) -> str:
        """``subscription -> where``, for people."""
        return f"{self.subscription} -> {self.shown}"


@dataclass(frozen=True, slots=True)
class Notice:
    """One message to deliver: to ``destination``, rendered in its medium (``body``)."""

    digest_id: int | None  # the digests row of this attempt; None: a dry run's preview (no row)
    kind: MessageKind
    destination: Destination
    body: Body
    now: datetime
    #: The same for every attempt at the same message (same subscription, destination and
    #: versions): a receiver that remembers it sees a message repeated after a crash once.
    idempotency_key: str

    @property
    def subject(self) -> str:
        return self.body.title


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a channel reports once the notice is delivered."""

    location: str | None = None  # where it can be found again (a file), if anywhere
    note: str | None = None  # something a person should know (recipients refused...)
    files: tuple[Path, ...] = ()


class Channel(Protocol):
    name: str  # stored on the digests row
    medium: Medium | None  # the body it takes; None: any (the outbox)

    def deliver(self, notice: Notice) -> Receipt:
        """Deliver ``notice``; raise DeliveryError when it could not be delivered."""
        ...


class ChannelFactory(Protocol):
    def __call__(
        self, settings: Settings, *, ssl_context: ssl.SSLContext | None = None
    ) -> Channel: ...


#: Channel name -> "module:factory"; the factory takes the settings (and a TLS context).
CHANNELS: dict[str, str] = {
    "smtp": "tracker.deliver.smtp:SmtpChannel",
    "outbox": "tracker.deliver.outbox:OutboxChannel",
    "webhook": "tracker.deliver.webhook:WebhookChannel",
    "apprise": "tracker.deliver.chat:AppriseChannel",
}
CHANNEL_SMTP = "smtp"
CHANNEL_OUTBOX = "outbox"
CHANNEL_WEBHOOK = "webhook"
CHANNEL_APPRISE = "apprise"


def open_channel(
    name: str, settings: Settings, *, ssl_context: ssl.SSLContext | None = None
) -> Channel:
    """A channel of the kind ``name`` (a key of :data:`CHANNELS`)."""
    target = CHANNELS.get(name)
    if target is None:
        raise ConfigError(f"unknown channel {name!r} (known: {', '.join(sorted(CHANNELS))})")
    module_name, _, attribute = target.partition(":")
    factory: ChannelFactory = getattr(importlib.import_module(module_name), attribute)
    return factory(settings, ssl_context=ssl_context)


def destinations(subscription: Subscription, settings: Settings) -> tuple[Destination, ...]:
    """Where ``subscription``'s messages go: its e-mail addresses together (over SMTP, or to
    the outbox folder when no SMTP server is configured), then each URL on its own."""
    found: list[Destination] = []
    emails = subscription.emails
    if emails or not subscription.from_file:
        email_target = Target(TargetKind.EMAIL, ", ".join(emails))
        found.append(
            Destination(
                subscription=subscription.name,
                channel=CHANNEL_SMTP if settings.smtp is not None else CHANNEL_OUTBOX,
                medium=Medium.EMAIL,
                key=email_target.key,
                recipients=emails,
                shown=", ".join(emails) or str(settings.outbox_dir),
            )
        )
    for target in subscription.urls:
        webhook = target.kind == TargetKind.WEBHOOK
        found.append(
            Destination(
                subscription=subscription.name,
                channel=CHANNEL_WEBHOOK if webhook else CHANNEL_APPRISE,
                medium=Medium.JSON if webhook else Medium.CHAT,
                key=target.key,
                recipients=(target.address,),
                shown=target.shown,
                secret=(subscription.secret or settings.webhook_secret) if webhook else None,
            )
        )
    return tuple(found)


def target_problem(target: Target) -> str | None:
    """Why a channel could not use ``target`` (an Apprise URL no Apprise plugin takes), or
    None. Used to validate the subscriptions file when it is loaded."""
    if target.kind == TargetKind.APPRISE:
        from tracker.deliver.chat import apprise_url_problem

        return apprise_url_problem(target.address)
    return None

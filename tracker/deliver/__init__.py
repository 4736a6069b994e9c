"""Delivering digests: the :class:`Channel` protocol and the registry of channels.

A channel takes a :class:`Notice` (one digest, composed and rendered, addressed to its
recipients) and delivers it, returning a :class:`Receipt` or raising
:class:`~tracker.errors.DeliveryError`. The books (which versions a delivered digest covered,
see :mod:`tracker.digest.bookkeeping`) are kept by the caller, the same for every channel.

Channels (one module each; add one by writing the module and one line in :data:`CHANNELS`):

- ``smtp``    :mod:`tracker.deliver.smtp`    the e-mail over SMTP (ssl, starttls or plain)
- ``outbox``  :mod:`tracker.deliver.outbox`  the e-mail as .eml/.html/.txt files in a folder

:mod:`tracker.deliver.message` builds the e-mail itself (pure).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tracker.errors import ConfigError

if TYPE_CHECKING:
    import ssl

    from tracker.settings import Settings


@dataclass(frozen=True, slots=True)
class Notice:
    """One digest to deliver: its words in every form a channel may want."""

    digest_id: int
    subject: str
    html: str
    text: str
    sender: str
    recipients: tuple[str, ...]
    message_id: str
    now: datetime
    list_unsubscribe: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a channel reports once the notice is delivered."""

    location: str | None = None  # where it can be found again (a file), if anywhere
    note: str | None = None  # something a person should know (recipients refused...)
    files: tuple[Path, ...] = ()


class Channel(Protocol):
    name: str  # stored on the digests row

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
}


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

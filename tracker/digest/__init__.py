"""Change digests: collect what is new, compose and render it, deliver it to each
subscription, keep the books.

::

    bookkeeping.pending_version_ids / version_ids_since   which versions, per destination (SQL)
      -> collect.collect_digest                             DigestData (SQL -> values)
      -> wants.wanted                                       what the subscription wants (pure)
      -> compose.compose_digest                             DigestView (pure)
      -> render (e-mail) | chat | payload                   the channel's medium (pure)
      -> deliver: smtp | outbox | webhook | apprise         the Notice, through a Channel
      -> bookkeeping.mark_delivered | mark_failed           the digests row

:func:`tracker.digest.deliveries.deliver_subscriptions` runs the chain for every destination of
every subscription; :func:`send_digest` for the default subscription's e-mail alone (the
``TRACKER_SMTP_*`` settings, or ``--to``). See :mod:`tracker.digest.bookkeeping` for what
"delivered" means and how a failed delivery is caught up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.lazy import names_on_first_use

if TYPE_CHECKING:
    import ssl

    from tracker.classify import RuleSet
    from tracker.clock import Clock
    from tracker.deliver import CHANNEL_OUTBOX, CHANNEL_SMTP
    from tracker.digest.compose import DigestView
    from tracker.digest.deliveries import (
        NOT_DUE,
        NOTHING_TO_SEND,
        DeliveryReport,
        DigestOutcome,
        deliver_subscriptions,
        register_destinations,
        subscriptions_of,
    )
    from tracker.digest.model import DigestData
    from tracker.settings import Settings
    from tracker.store.database import Database

#: What this package hands on from the modules that deliver, each imported on first use: the
#: feed every run writes (:mod:`tracker.digest.feed`, whose import runs this package first)
#: needs none of them, nor their e-mail, chat, outbox and CSS libraries (issue 14).
_DELIVERING: dict[str, str] = {
    "CHANNEL_OUTBOX": "tracker.deliver",
    "CHANNEL_SMTP": "tracker.deliver",
    "NOT_DUE": "tracker.digest.deliveries",
    "NOTHING_TO_SEND": "tracker.digest.deliveries",
    "DeliveryReport": "tracker.digest.deliveries",
    "DigestOutcome": "tracker.digest.deliveries",
    "deliver_subscriptions": "tracker.digest.deliveries",
    "register_destinations": "tracker.digest.deliveries",
    "subscriptions_of": "tracker.digest.deliveries",
}


# Hidden from type checkers, which take the names from the imports above: a module
# __getattr__ makes mypy accept any name of the package, a misspelt one too.
if not TYPE_CHECKING:
    __getattr__ = names_on_first_use(__name__, _DELIVERING, globals())


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
    """Compose and render ``data`` (pure), whole (no size budget)."""
    from tracker.digest.compose import compose_digest
    from tracker.digest.render import render_digest_html, render_digest_text

    view = compose_digest(
        data, list_unsubscribe=list_unsubscribe, topic_labels=topic_labels, public_url=public_url
    )
    return RenderedDigest(view=view, html=render_digest_html(view), text=render_digest_text(view))


def worth_sending(data: DigestData, *, send_empty: bool) -> bool:
    """A digest goes out when something changed, a new document is tracked, a document is
    failing, or "no changes" mails are wanted (the default subscription's rule)."""
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
    """The default subscription's digest: every version not yet delivered to it (or first
    seen since ``since``), by e-mail to ``to`` or ``TRACKER_SMTP_TO``: over SMTP when
    configured, else (and always with ``dry_run``) as files in the outbox folder.

    Nothing is sent when there is nothing to report (no new version, no failing document)
    unless ``settings.digest_send_empty``. Raises :class:`DeliveryError` after recording the
    failed attempt when the channel cannot deliver it; its versions stay pending.
    ``topic_labels`` names the topics (see :func:`topic_labels`).
    """
    from tracker.deliver import destinations
    from tracker.digest.deliveries import Sender, check_destinations
    from tracker.subscriptions import default_subscription

    subscription = default_subscription(settings, to)
    check_destinations(settings, (subscription,), dry_run=dry_run)
    (destination,) = destinations(subscription, settings)
    sender = Sender(
        db,
        settings,
        clock=clock,
        since=since,
        dry_run=dry_run,
        force=True,
        topic_labels=topic_labels,
        ssl_context=ssl_context,
    )
    return sender.digest(subscription, destination)


__all__ = [
    "CHANNEL_OUTBOX",
    "CHANNEL_SMTP",
    "NOTHING_TO_SEND",
    "NOT_DUE",
    "DeliveryReport",
    "DigestOutcome",
    "RenderedDigest",
    "deliver_subscriptions",
    "register_destinations",
    "render_digest",
    "send_digest",
    "subscriptions_of",
    "topic_labels",
    "worth_sending",
]

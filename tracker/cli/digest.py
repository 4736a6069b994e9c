"""``tracker digest``: send (or preview) each subscription's message of what changed since
its last one."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from tracker.cli.app import AppContext, pass_app
from tracker.errors import UsageError
from tracker.render.terminal import strip_control

if TYPE_CHECKING:
    from tracker.subscriptions import Subscription


@click.command("digest")
@click.option(
    "--since",
    metavar="DATE",
    help="Report the versions first seen since DATE (YYYY-MM-DD or ISO 8601 time, UTC), "
    "whether or not an earlier digest reported them.",
)
@click.option(
    "--to",
    "recipients",
    multiple=True,
    metavar="ADDR",
    help="Send the e-mail to ADDR instead of TRACKER_SMTP_TO, or instead of the addresses of "
    "the one --subscription named (repeatable, or comma-separated).",
)
@click.option(
    "--subscription",
    "names",
    multiple=True,
    metavar="NAME",
    help="Only this subscription of TRACKER_SUBSCRIPTIONS, sent now whatever its schedule "
    "(repeatable).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Only write each message to the outbox folder (.eml/.html/.txt, .md for chat, .json "
    "for webhooks); nothing is sent, and nothing is recorded in the database.",
)
@pass_app
def command(
    app: AppContext,
    since: str | None,
    recipients: tuple[str, ...],
    names: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Send each subscription's message of the changes it has not received yet (by e-mail,
    chat or webhook; without TRACKER_SUBSCRIPTIONS, the e-mail digest of the SMTP settings).

    Daily and weekly subscriptions are sent when due, unless named with --subscription.
    Exit code 0 when every message was delivered (or there was nothing to send), 1 when a
    channel could not take its message: that destination's changes stay pending for the next
    digest, and the others are delivered all the same.
    """
    from dataclasses import replace

    from tracker.classify import load_rules
    from tracker.clock import system_clock
    from tracker.digest import deliver_subscriptions, subscriptions_of, topic_labels
    from tracker.digest.deliveries import check_destinations
    from tracker.registry import load_registry
    from tracker.settings import parse_addresses
    from tracker.store.database import open_database
    from tracker.subscriptions import Target, default_subscription
    from tracker.vocabulary import TargetKind

    settings = app.settings
    to = parse_addresses("--to", ",".join(recipients)) if recipients else ()
    start = parse_since(since) if since else None
    rules = load_rules(settings.rules_path)
    subscriptions: tuple[Subscription, ...]
    if settings.subscriptions_path is None:
        if names:
            raise UsageError("--subscription needs a subscriptions file (TRACKER_SUBSCRIPTIONS)")
        subscriptions = (default_subscription(settings, to),)
    else:
        registry = load_registry(settings.registry_path)
        every = subscriptions_of(settings, registry=registry, rules=rules)
        subscriptions = select_subscriptions(every, names)
        if to:
            if len(subscriptions) != 1:
                raise UsageError("--to replaces the addresses of one subscription: name it with "
                                 "--subscription")  # fmt: skip
            (only,) = subscriptions
            emails = tuple(Target(TargetKind.EMAIL, address) for address in to)
            subscriptions = (replace(only, targets=emails + only.urls),)
    check_destinations(settings, subscriptions, dry_run=dry_run)  # settings before the database
    db = open_database(settings.database_url)
    try:
        report = deliver_subscriptions(
            db,
            settings,
            subscriptions,
            clock=system_clock,
            since=start,
            dry_run=dry_run,
            force=bool(names),
            topic_labels=topic_labels(rules),
        )
    finally:
        db.dispose()
    if report.outcomes or not report.errors:
        click.echo(report.describe())
    for error in report.errors:
        click.echo(f"tracker: error: {strip_control(str(error))}", err=True)
    if report.errors:
        sys.exit(int(report.errors[0].exit_code))


def select_subscriptions(
    every: tuple[Subscription, ...], names: tuple[str, ...]
) -> tuple[Subscription, ...]:
    """The subscriptions named (all of them when none is); UsageError for an unknown name."""
    if not names:
        return every
    known = {s.name: s for s in every}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(
            f"unknown subscription {unknown[0]!r} (in the file: {', '.join(known) or 'none'})"
        )
    return tuple(known[n] for n in dict.fromkeys(names))


def parse_since(raw: str) -> datetime:
    """``YYYY-MM-DD`` (midnight UTC) or an ISO 8601 time (UTC unless it says otherwise)."""
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError(f"--since {raw!r}: expected YYYY-MM-DD or an ISO 8601 time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

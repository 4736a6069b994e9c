"""``tracker digest``: send (or preview) the digest of what changed since the last one."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.clock import system_clock
from tracker.digest import digest_recipients, send_digest, topic_labels
from tracker.errors import UsageError
from tracker.settings import parse_addresses
from tracker.store.database import open_database


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
    help="Send to ADDR instead of TRACKER_SMTP_TO (repeatable, or comma-separated).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Only write the .eml, .html and .txt files to the outbox; nothing is sent or "
    "marked delivered.",
)
@pass_app
def command(app: AppContext, since: str | None, recipients: tuple[str, ...], dry_run: bool) -> None:
    """Send the digest of every change not yet delivered (SMTP, or the outbox folder).

    Exit code 0 when the digest was delivered (or there was nothing to send), 1 when the SMTP
    server could not take it: its changes then stay pending for the next digest.
    """
    to = parse_addresses("--to", ",".join(recipients)) if recipients else ()
    start = parse_since(since) if since else None
    digest_recipients(app.settings, to, dry_run=dry_run)  # settings first, then the database
    labels = topic_labels(load_rules(app.settings.rules_path))
    db = open_database(app.settings.database_url)
    try:
        outcome = send_digest(
            db,
            app.settings,
            clock=system_clock,
            since=start,
            to=to,
            dry_run=dry_run,
            topic_labels=labels,
        )
    finally:
        db.dispose()
    click.echo(outcome.describe())


def parse_since(raw: str) -> datetime:
    """``YYYY-MM-DD`` (midnight UTC) or an ISO 8601 time (UTC unless it says otherwise)."""
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError(f"--since {raw!r}: expected YYYY-MM-DD or an ISO 8601 time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

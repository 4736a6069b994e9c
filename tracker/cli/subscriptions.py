"""``tracker subscriptions``: list and validate the subscriptions, with what each has pending."""

from __future__ import annotations

import json
from typing import Any

import click

from tracker.cli.app import AppContext, pass_app


@click.command("subscriptions")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@pass_app
def command(app: AppContext, fmt: str) -> None:
    """List the subscriptions (and validate TRACKER_SUBSCRIPTIONS): where each one's messages
    go, what it wants, and how many versions are pending for each destination."""
    from tracker.classify import load_rules
    from tracker.deliver import destinations
    from tracker.digest import subscriptions_of
    from tracker.digest.bookkeeping import is_registered, pending_version_ids
    from tracker.registry import load_registry
    from tracker.store.database import open_database

    settings = app.settings
    subscriptions = subscriptions_of(
        settings,
        registry=load_registry(settings.registry_path),
        rules=load_rules(settings.rules_path),
    )
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    db = open_database(settings.database_url)
    try:
        with db.reader() as session:
            for subscription in subscriptions:
                wants = [f"{subscription.min_severity} or more"]
                for key in ("services", "documents", "topics"):
                    values: tuple[str, ...] = getattr(subscription, key)
                    if values:
                        wants.append(f"{key} {', '.join(values)}")
                beat = ", heartbeat" if subscription.heartbeat else ""
                lines.append(
                    f"{subscription.name}: {'; '.join(wants)}; {subscription.schedule}{beat}"
                )
                targets = []
                for destination in destinations(subscription, settings):
                    known = not subscription.from_file or is_registered(
                        session, subscription.name, destination.key
                    )
                    pending = (
                        len(pending_version_ids(session, subscription.name, destination.key))
                        if known
                        else None
                    )
                    state = (
                        "new: starts at the next run" if pending is None else f"{pending} pending"
                    )
                    lines.append(f"  {destination.channel:<8} {destination.shown}  ({state})")
                    targets.append(
                        {"channel": destination.channel, "to": destination.shown,
                         "pending_versions": pending}
                    )  # fmt: skip
                rows.append(
                    {
                        "name": subscription.name,
                        "destinations": targets,
                        "services": list(subscription.services),
                        "documents": list(subscription.documents),
                        "topics": list(subscription.topics),
                        "min_severity": str(subscription.min_severity),
                        "schedule": str(subscription.schedule),
                        "heartbeat": subscription.heartbeat,
                    }
                )
    finally:
        db.dispose()
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for line in lines:
        click.echo(line)
    where = settings.subscriptions_path or "the TRACKER_SMTP_* settings"
    click.echo(f"{len(rows)} subscription{'s' if len(rows) != 1 else ''} from {where}, valid")

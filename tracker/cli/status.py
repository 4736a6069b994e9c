"""``tracker status``: how each tracked document stands, and when the schedule runs next."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.cli.terminal import terminal_width

if TYPE_CHECKING:
    from datetime import datetime

    from tracker.query.overview import DocumentStatus


@click.command("status")
@format_option("table", "json")
@pass_app
def command(app: AppContext, fmt: str) -> None:
    """Every document's last verified time, last change, failures and suspects; the next
    scheduled run (tracker schedule, TRACKER_SCHEDULE)."""
    from tracker.clock import system_clock
    from tracker.query.overview import documents_overview
    from tracker.run.scheduler import fire_times

    with reading(app) as session:
        statuses = documents_overview(session)
    upcoming = fire_times(app.settings, system_clock(), 1)
    following = upcoming[0] if upcoming else None
    if fmt == "json":
        answer = {
            "documents": [status_dict(s) for s in statuses],
            "next_scheduled_run": following.isoformat() if following else None,
            "schedule": app.settings.schedule,
        }
        emit(json.dumps(answer, indent=2, ensure_ascii=False) + "\n")
        return
    emit(status_table(statuses, app.settings.schedule, following, terminal_width()))


def status_table(
    statuses: tuple[DocumentStatus, ...],
    schedule: str,
    following: datetime | None,
    width: int | None,
) -> str:
    from tracker.query.model import format_instant
    from tracker.render.tables import plural, table

    rows = [
        [
            s.document.slug,
            s.versions,
            format_instant(s.latest.last_verified) if s.latest else "-",
            last_change_text(s),
            health_text(s),
        ]
        for s in statuses
    ]
    headers = ["document", "versions", "last verified", "last change", "state"]
    shown = table(headers, rows, width=width, shorten_first=("state", "last change"))
    failing = sum(1 for s in statuses if s.health is not None)
    count = len(statuses)
    summary = f"{plural(count, 'document')}, {failing} failing or suspect"
    when = format_instant(following) if following else "never"
    return f"{shown}{summary}\nnext scheduled run: {when} (TRACKER_SCHEDULE {schedule!r})\n"


def last_change_text(status: DocumentStatus) -> str:
    change = status.last_change
    if change is None:
        return "-"
    from tracker.query.model import format_instant

    day = format_instant(change.version.first_seen)[:10]
    return f"v{change.version.number} {day}, {change.changes} changes ({change.highest_severity})"


def health_text(status: DocumentStatus) -> str:
    if not status.active:
        return "inactive"
    health = status.health
    if health is None:
        return "ok"
    from tracker.query.model import format_instant

    return (
        f"{health.outcome} ({health.kind}) since {format_instant(health.since)}, "
        f"{health.fetches} fetch{'es' if health.fetches != 1 else ''}: {health.message}"
    )


def status_dict(status: DocumentStatus) -> dict[str, Any]:
    latest, change, health = status.latest, status.last_change, status.health
    return {
        "slug": status.document.slug,
        "active": status.active,
        "versions": status.versions,
        "last_verified": latest.last_verified.isoformat() if latest else None,
        "last_change": None
        if change is None
        else {
            "version": change.version.number,
            "first_seen": change.version.first_seen.isoformat(),
            "changes": change.changes,
            "highest_severity": str(change.highest_severity),
        },
        "health": None
        if health is None
        else {
            "outcome": health.outcome,
            "kind": health.kind,
            "message": health.message,
            "since": health.since.isoformat(),
            "fetches": health.fetches,
            "last_good": health.last_good.isoformat() if health.last_good else None,
        },
    }

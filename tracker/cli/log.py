"""``tracker log``: changes across documents, newest first."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.query.changelog import DEFAULT_LIMIT, LogFilters, change_log
from tracker.query.dates import parse_when
from tracker.query.render_json import log_dict, to_json
from tracker.query.render_text import log_table
from tracker.vocabulary import SEVERITIES


@click.command("log")
@click.option("--since", metavar="DATE", help="Changes recorded from DATE on (UTC).")
@click.option(
    "--severity", type=click.Choice([s.value for s in SEVERITIES]), help="This severity or higher."
)
@click.option("--topic", help="Changes with this topic.")
@click.option("--service", metavar="NAME", help="Documents of this service.")
@click.option("--document", metavar="SLUG", help="Only this document.")
@click.option(
    "--limit",
    type=int,
    default=DEFAULT_LIMIT,
    show_default=True,
    help="At most this many changes (0: all).",
)
@format_option("table", "json")
@pass_app
def command(
    app: AppContext,
    since: str | None,
    severity: str | None,
    topic: str | None,
    service: str | None,
    document: str | None,
    limit: int,
    fmt: str,
) -> None:
    """List changes across documents, newest first."""
    filters = LogFilters(
        since=parse_when(since).start if since else None,
        severity=severity,
        topic=topic,
        service=service,
        document=document,
        limit=limit or None,
    )
    with reading(app) as session:
        entries = change_log(session, filters)
    emit(to_json(log_dict(entries)) if fmt == "json" else log_table(entries))

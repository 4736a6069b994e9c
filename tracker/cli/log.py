"""``tracker log``: changes across documents, newest first."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.cli.terminal import terminal_width
from tracker.errors import TrackerError, UsageError
from tracker.query.changelog import DEFAULT_LIMIT, LogFilters, change_log
from tracker.query.dates import parse_when
from tracker.query.render_json import log_dict, to_json
from tracker.query.render_text import log_table
from tracker.vocabulary import SEVERITIES


def rule_topics(app: AppContext | None) -> tuple[str, ...]:
    """The topic ids of the rule file in use (``TRACKER_RULES``)."""
    from tracker.classify import load_rules

    if app is None:
        return ()
    return tuple(topic.id for topic in load_rules(app.settings.rules_path).topics)


def check_topic(topic: str, app: AppContext) -> None:
    """A topic of the rule file, or a usage error listing them."""
    topics = rule_topics(app)
    if topic not in topics:
        raise UsageError(
            f"unknown topic {topic!r} (the topics of {app.settings.rules_path}: "
            f"{', '.join(topics)})"
        )


class TopicOption(click.Option):
    """``--topic``, whose help lists the topics of the rule file in use."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        try:
            topics = rule_topics(ctx.find_object(AppContext))
        except TrackerError as exc:
            return record[0], f"{record[1]} ({exc})."
        listed = ", ".join(topics) if topics else "see the rule file"
        return record[0], f"{record[1]}: {listed}."


@click.command("log")
@click.option("--since", metavar="DATE", help="Changes recorded from DATE on (UTC).")
@click.option(
    "--severity",
    type=click.Choice([str(s) for s in SEVERITIES], case_sensitive=False),
    help="This severity or higher.",
)
@click.option("--topic", cls=TopicOption, metavar="TOPIC", help="Changes with this topic")
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
    if limit < 0:  # 0 is every change; the library takes None for that
        raise UsageError(f"--limit must be 0 (every change) or more, not {limit}")
    if topic is not None:
        check_topic(topic, app)
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
    emit(to_json(log_dict(entries)) if fmt == "json" else log_table(entries, terminal_width()))

"""How the history importers report: a line per page at a terminal, a summary at the end.

At a terminal, each page is a line on stderr as soon as it is recorded (the progress of a long
import); under cron nothing but the pages held or without text (warnings, so cron mails them)
and the summary (an info log line). The summary and the troubled pages go to stdout at a
terminal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tracker.cli.app import AppContext
from tracker.cli.terminal import strip_control
from tracker.cli.unattended import is_interactive
from tracker.clock import system_clock
from tracker.importers import ImportedItem, ImportReport, history_context
from tracker.store.database import open_database
from tracker.track.context import TrackContext
from tracker.vocabulary import ImportOutcome

log = logging.getLogger("tracker.cli")


@contextmanager
def importing(app: AppContext) -> Iterator[TrackContext]:
    """The pipeline's context on the configured database, closed afterwards. An import records
    history as ``tracker run`` does, so it may start the database (history from before
    tracking began is often imported first)."""
    db = open_database(app.settings.database_url, create=True)
    try:
        yield history_context(db, app.settings, system_clock)
    finally:
        db.dispose()


def item_line(item: ImportedItem) -> str:
    """``2025-05-06  02_2025-05-06.md  v2: new version (3 changes)``."""
    result = item.result
    when = item.observed_at.strftime("%Y-%m-%d %H:%M") if item.observed_at else "-"
    what: str = result.outcome
    if result.outcome in (ImportOutcome.NEW_VERSION, ImportOutcome.TECHNICAL):
        what = f"v{result.version_number}: {result.outcome} ({result.changes} changes)"
    elif result.version_number is not None:
        what = f"v{result.version_number}: {result.outcome}"
    elif result.kind:
        what = f"{result.outcome} ({result.kind}): {result.message}"
    return strip_control(f"{when}  {item.slug}  {item.name}  {what}")


class ImportProgress:
    """The listener of an import: a line per page at a terminal, warnings otherwise."""

    def __init__(self) -> None:
        self.interactive = is_interactive()

    def __call__(self, item: ImportedItem) -> None:
        troubled = item.result.outcome in (ImportOutcome.HELD, ImportOutcome.FAILED)
        if self.interactive:
            click.echo(item_line(item), err=True)
        elif troubled:
            log.warning(item_line(item))

    def finish(self, report: ImportReport, label: str) -> None:
        line = strip_control(f"{label}: {report.summary()}")
        if self.interactive:
            for skipped in report.skipped:
                click.echo(strip_control(f"skipped {skipped}"))
            click.echo(line)
        else:
            log.info(line)

"""How ``tracker run`` and ``tracker schedule`` report the nightly job.

At a terminal: a progress bar on stderr, the summary and notes on stdout. Under cron or
systemd: the summary as a log line (a warning when anything went wrong, so cron mails it;
info otherwise, so a good night is silent) and notes as info lines.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

import click

from tracker.render.tables import plural

if TYPE_CHECKING:
    from tracker.nightly import NightlyReport
    from tracker.run.runner import RunReport
    from tracker.track.context import DocumentResult

log = logging.getLogger("tracker.cli")


class TerminalListener:
    """A :class:`tracker.nightly.NightlyListener` for a person or for the logs; use it as a
    context manager around the job (it owns the progress bar)."""

    def __init__(self, interactive: bool, progress: int | None = None) -> None:
        """``progress``: the number of documents this process records, for a progress bar
        (shown only at a terminal); None for no bar."""
        self.interactive = interactive
        self._bar: Any = (
            click.progressbar(length=progress, label="tracking", file=sys.stderr)
            if interactive and progress is not None
            else None
        )

    def __enter__(self) -> TerminalListener:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._close_bar(kind, value, traceback)

    def _close_bar(
        self,
        kind: type[BaseException] | None = None,
        value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        if self._bar is not None:
            bar, self._bar = self._bar, None
            bar.__exit__(kind, value, traceback)

    def document_done(self, result: DocumentResult) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def run_done(self, report: RunReport) -> None:
        self._close_bar()
        if self.interactive:
            report_run(report, interactive=True)

    def note(self, line: str) -> None:
        if self.interactive:
            click.echo(line)
        else:
            log.info(line)


def report_run(
    report: RunReport, interactive: bool, *, digest_failed: bool = False, feed_failed: bool = False
) -> None:
    """The summary: on stdout for a person, a log line otherwise (a warning if anything
    went wrong, so cron mails it; info otherwise, so a good night is silent)."""
    count = len(report.results)
    line = (
        f"run {report.run_id}: {plural(count, 'document')}, "
        f"{len(report.changed)} changed, {len(report.failed)} failed"
    ) + (" (interrupted)" if report.interrupted else "")
    if interactive:
        click.echo(line)
        return
    if digest_failed:
        line += "; digest not delivered"
    if feed_failed:
        line += "; feed not written"
    trouble = report.failed or report.interrupted or digest_failed or feed_failed
    level = logging.WARNING if trouble else logging.INFO
    log.log(
        level,
        line,
        extra={
            "run": report.run_id,
            "documents": len(report.results),
            "changed": len(report.changed),
            "failed": len(report.failed),
        },
    )


def log_nightly(nightly: NightlyReport) -> None:
    """The log line of a night run without a terminal: its run, and whether the digest and the
    feed that follow it went out."""
    report_run(
        nightly.run,
        interactive=False,
        digest_failed=nightly.digest_error is not None,
        feed_failed=nightly.feed_error is not None,
    )

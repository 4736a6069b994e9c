"""``tracker run``: track every active document once (the nightly cron job).

Quiet unless something is wrong: under cron (stderr not a terminal) an all-good run prints
nothing at all; each failed or suspect document is one warning line on stderr, followed by
a warning summary line. At a terminal, a progress bar on stderr, then the summary and the
digest's path on stdout. Exit codes: see the README (0 ok, 1 failures, 2 configuration,
3 another run holds the lock, 130 stopped by a signal).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.unattended import is_interactive, log_options, stop_on_signals
from tracker.clock import system_clock
from tracker.digest import write_digest
from tracker.due import due_documents
from tracker.errors import ExitCode, UsageError
from tracker.logs import logging_to_stderr
from tracker.pipeline import DocumentResult, RunReport
from tracker.registry import DocumentSpec, load_registry
from tracker.runner import RunOptions, join_run, start_run
from tracker.settings import Settings
from tracker.store.database import Database, open_database
from tracker.workers import LocalWorkers

log = logging.getLogger("tracker.cli")

#: Exit code of a run stopped by SIGTERM or SIGINT before every document was done.
EXIT_INTERRUPTED = 130


@click.command("run")
@click.option(
    "--document", "slugs", multiple=True, metavar="SLUG", help="Only this document (repeatable)."
)
@click.option("--due", is_flag=True, help="Only documents whose registry interval has elapsed.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes on this machine sharing the run (more than 1 needs PostgreSQL).",
)
@click.option(
    "--join",
    is_flag=True,
    help="Work on the run in progress as one more worker, then exit (PostgreSQL).",
)
@click.option(
    "--wait",
    "wait_seconds",
    type=click.FloatRange(min=0),
    default=0.0,
    metavar="SECONDS",
    help="With --join: wait up to this long for a run to start.",
)
@click.option("--no-digest", is_flag=True, help="Do not write a digest after the run.")
@log_options
@pass_app
def command(
    app: AppContext,
    slugs: tuple[str, ...],
    due: bool,
    workers: int,
    join: bool,
    wait_seconds: float,
    no_digest: bool,
    log_format: str | None,
    log_level: str | None,
) -> None:
    """Fetch each active document, record new versions, write the digest.

    Exit code 0 when every document was fetched and processed, 1 when any failed or looks
    suspect, 3 when another run holds the run lock.
    """
    settings = app.settings.with_overrides(
        log_format=log_format and log_format.lower(), log_level=log_level and log_level.lower()
    )
    if join and (slugs or due or workers > 1):
        raise UsageError(
            "--join takes the documents of the run it joins: no --document, --due or --workers"
        )
    terminal = is_interactive()
    with (
        logging_to_stderr(settings.log_format, settings.log_level, terminal=terminal),
        stop_on_signals() as stop,
    ):
        db = open_database(settings.database_url)
        try:
            if db.is_sqlite and (join or workers > 1):
                raise UsageError(
                    "--workers and --join need PostgreSQL (TRACKER_DATABASE_URL); with SQLite "
                    "one process does the work (TRACKER_CONCURRENCY sets its parallel fetches)"
                )
            if join:
                code = _join(db, settings, stop, wait_seconds)
            else:
                documents = _documents(settings, db, slugs, due)
                code = _start(db, settings, documents, stop, workers, digest=not no_digest)
        finally:
            db.dispose()
    sys.exit(code)


def _documents(
    settings: Settings, db: Database, slugs: tuple[str, ...], due: bool
) -> list[DocumentSpec]:
    registry = load_registry(settings.registry_path)
    documents = list(registry.active)
    if slugs:
        unknown = sorted(set(slugs) - {d.slug for d in registry.documents})
        if unknown:
            raise click.UsageError(f"unknown document {unknown[0]!r} (see `tracker documents`)")
        documents = [d for d in registry.documents if d.slug in slugs]
    if due:
        documents = due_documents(db, documents, system_clock())
    return documents


def _start(
    db: Database,
    settings: Settings,
    documents: Sequence[DocumentSpec],
    stop: threading.Event,
    workers: int,
    *,
    digest: bool,
) -> int:
    helpers = LocalWorkers(workers - 1, settings) if workers > 1 else None
    interactive = is_interactive()
    bar: AbstractContextManager[Callable[[DocumentResult], None] | None] = (
        progress_bar(len(documents)) if interactive and helpers is None else nullcontext(None)
    )
    try:
        with bar as advance:
            report = start_run(
                db,
                documents,
                settings=settings,
                clock=system_clock,
                options=RunOptions(
                    on_result=advance,
                    on_started=helpers.start if helpers else None,
                    stop=stop,
                ),
            )
    except BaseException:
        if helpers is not None:
            helpers.terminate()
        raise
    finally:
        if helpers is not None:
            helpers.wait()
    report_run(report, interactive)
    if digest and not report.interrupted:
        write_run_digest(db, settings, interactive)
    return exit_code(report)


def _join(db: Database, settings: Settings, stop: threading.Event, wait_seconds: float) -> int:
    report = join_run(
        db,
        settings=settings,
        clock=system_clock,
        options=RunOptions(stop=stop),
        wait_seconds=wait_seconds,
    )
    if report is None:
        log.info("no run in progress to join")
        return int(ExitCode.OK)
    return exit_code(report)


def exit_code(report: RunReport) -> int:
    if report.interrupted:
        return EXIT_INTERRUPTED
    return int(report.exit_code)


def report_run(report: RunReport, interactive: bool) -> None:
    """The summary: on stdout for a person, a log line otherwise (a warning if anything
    failed, so cron mails it; info otherwise, so a good night is silent)."""
    line = (
        f"run {report.run_id}: {len(report.results)} documents, {len(report.changed)} changed, "
        f"{len(report.failed)} failed"
    ) + (" (interrupted)" if report.interrupted else "")
    if interactive:
        click.echo(line)
        return
    level = logging.WARNING if report.failed or report.interrupted else logging.INFO
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


def write_run_digest(db: Database, settings: Settings, interactive: bool) -> None:
    """The digest of what changed since the last one (after ``tracker run`` and each
    scheduled run)."""
    digest = write_digest(db, settings.outbox_dir, now=system_clock())
    if interactive:
        click.echo(f"digest: {digest.subject} -> {digest.path}")
    else:
        log.info("digest: %s -> %s", digest.subject, digest.path)


@contextmanager
def progress_bar(length: int) -> Iterator[Callable[[DocumentResult], None]]:
    """A progress bar on stderr, advanced once per document recorded by this process."""
    with click.progressbar(length=length, label="tracking", file=sys.stderr) as bar:
        yield lambda _result: bar.update(1)

"""``tracker run``: track every active document once (the nightly cron job).

Quiet unless something is wrong: under cron (stderr not a terminal) an all-good run prints
nothing at all; each failed or suspect document is one warning line on stderr, followed by
a warning summary line; a digest that cannot be delivered is an error line. At a terminal,
a progress bar on stderr, then the summary and what became of the digest on stdout. Exit
codes: see the README (0 ok, 1 failures, 2 configuration, 3 another run holds the lock,
130 stopped by a signal).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.cli.digest import describe_outcome
from tracker.cli.unattended import is_interactive, log_options, stop_on_signals
from tracker.clock import system_clock
from tracker.digest import send_digest, topic_labels
from tracker.errors import ExitCode, TrackerError, UsageError
from tracker.facts import RuleClassifier
from tracker.logs import logging_to_stderr
from tracker.registry import DocumentSpec, load_registry
from tracker.run.due import due_documents
from tracker.run.local_workers import LocalWorkers
from tracker.run.runner import RunOptions, RunReport, join_run, start_run
from tracker.settings import Settings
from tracker.store.database import Database, open_database
from tracker.track.context import DocumentResult

log = logging.getLogger("tracker.cli")


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
@click.option("--run-id", type=int, hidden=True, help="With --join: only this run (--workers).")
@click.option("--no-digest", is_flag=True, help="Do not send the digest after the run.")
@log_options
@pass_app
def command(
    app: AppContext,
    slugs: tuple[str, ...],
    due: bool,
    workers: int,
    join: bool,
    wait_seconds: float,
    run_id: int | None,
    no_digest: bool,
    log_format: str | None,
    log_level: str | None,
) -> None:
    """Fetch each active document, record new versions, send the digest.

    Exit code 0 when every document was fetched and processed and the digest (if any) was
    delivered; 1 when a document failed or looks suspect, or the digest could not be
    delivered (the run's results are kept, and the next digest includes what was not
    delivered); 3 when another run holds the run lock.
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
        documents = [] if join else _documents(settings, slugs)
        classifier = RuleClassifier(load_rules(settings.rules_path))
        db = open_database(settings.database_url)
        try:
            if db.is_sqlite and (join or workers > 1):
                raise UsageError(
                    "--workers and --join need PostgreSQL (TRACKER_DATABASE_URL); with SQLite "
                    "one process does the work (TRACKER_CONCURRENCY sets its parallel fetches)"
                )
            options = RunOptions(
                classify=classifier.classify_diff,
                annotate=classifier.annotate_version,
                stop=stop,
            )
            if join:
                code = _join(db, settings, options, wait_seconds, run_id)
            else:
                if due:
                    documents = due_documents(db, documents, system_clock())
                refresh_facts(db, classifier, terminal)
                report = _start(db, settings, documents, options, workers)
                code = finish(db, settings, classifier, report, digest=not no_digest)
        finally:
            db.dispose()
    sys.exit(code)


def _documents(settings: Settings, slugs: tuple[str, ...]) -> list[DocumentSpec]:
    registry = load_registry(settings.registry_path)
    if not slugs:
        return list(registry.active)
    unknown = sorted(set(slugs) - {d.slug for d in registry.documents})
    if unknown:
        raise click.UsageError(f"unknown document {unknown[0]!r} (see `tracker documents`)")
    return [d for d in registry.documents if d.slug in slugs]


def _start(
    db: Database,
    settings: Settings,
    documents: Sequence[DocumentSpec],
    options: RunOptions,
    workers: int,
) -> RunReport:
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
                options=replace(
                    options, on_result=advance, on_started=helpers.start if helpers else None
                ),
            )
    except BaseException:
        if helpers is not None:
            helpers.terminate()
        raise
    finally:
        if helpers is not None:
            helpers.wait()
    return report


def finish(
    db: Database, settings: Settings, classifier: RuleClassifier, report: RunReport, *, digest: bool
) -> int:
    """After a run: the summary and the digest (none after an interrupted run); the exit code.

    A person reads the summary before the digest's line; a log reader gets the summary last,
    as a warning when the night had any problem, the digest's delivery included.
    """
    interactive = is_interactive()
    if interactive:
        report_run(report, interactive=True)
    digest_error = None
    if digest and not report.interrupted:
        digest_error = deliver_digest(db, settings, classifier, interactive)
    if not interactive:
        report_run(report, interactive=False, digest_failed=digest_error is not None)
    return combine(exit_code(report), digest_error)


def _join(
    db: Database, settings: Settings, options: RunOptions, wait_seconds: float, run_id: int | None
) -> int:
    report = join_run(
        db,
        settings=settings,
        clock=system_clock,
        options=options,
        wait_seconds=wait_seconds,
        run_id=run_id,
    )
    if report is None:
        log.info("no run in progress to join")
        return int(ExitCode.OK)
    return exit_code(report)


def exit_code(report: RunReport) -> int:
    if report.interrupted:
        return int(ExitCode.INTERRUPTED)
    return int(report.exit_code)


def report_run(report: RunReport, interactive: bool, *, digest_failed: bool = False) -> None:
    """The summary: on stdout for a person, a log line otherwise (a warning if anything
    went wrong, so cron mails it; info otherwise, so a good night is silent)."""
    line = (
        f"run {report.run_id}: {len(report.results)} documents, {len(report.changed)} changed, "
        f"{len(report.failed)} failed"
    ) + (" (interrupted)" if report.interrupted else "")
    if interactive:
        click.echo(line)
        return
    if digest_failed:
        line += "; digest not delivered"
    trouble = report.failed or report.interrupted or digest_failed
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


def combine(code: int, digest_error: TrackerError | None) -> int:
    """The run's exit code, or the digest's when the run was fine but its digest failed."""
    if digest_error is not None and code == ExitCode.OK:
        return int(digest_error.exit_code)
    return code


def refresh_facts(db: Database, classifier: RuleClassifier, interactive: bool) -> None:
    """Answer the key facts of the latest versions under the current rules (after a change
    of the rule file), before the run."""
    refreshed = classifier.refresh_latest(db, system_clock())
    if refreshed:
        say(f"key facts answered under the current rules for {refreshed} version(s)", interactive)


def deliver_digest(
    db: Database, settings: Settings, classifier: RuleClassifier, interactive: bool
) -> TrackerError | None:
    """Send the digest (after ``tracker run`` and each scheduled run). A delivery failure is
    an error line and is returned: the run's results are stored, only the digest is missing."""
    try:
        labels = topic_labels(classifier.rules)
        outcome = send_digest(db, settings, clock=system_clock, topic_labels=labels)
    except TrackerError as exc:
        log.error("%s", exc)
        return exc
    say(describe_outcome(outcome), interactive)
    return None


def say(line: str, interactive: bool) -> None:
    """For a person: stdout. Under cron or systemd: an info log line (silent by default)."""
    if interactive:
        click.echo(line)
    else:
        log.info(line)


@contextmanager
def progress_bar(length: int) -> Iterator[Callable[[DocumentResult], None]]:
    """A progress bar on stderr, advanced once per document recorded by this process."""
    with click.progressbar(length=length, label="tracking", file=sys.stderr) as bar:
        yield lambda _result: bar.update(1)

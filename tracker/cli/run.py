"""``tracker run``: track every active document once (the nightly cron job).

Quiet unless something is wrong: under cron (stderr not a terminal) an all-good run prints
nothing at all; each failed or suspect document is one warning line on stderr, followed by
a warning summary line; a digest that cannot be delivered is an error line. At a terminal,
a progress bar on stderr, then the summary and what became of the digest on stdout. Exit
codes: see the README (0 ok, 1 failures, 2 configuration, 3 another run holds the lock,
130 stopped by a signal).

The job itself is :func:`tracker.nightly.run_nightly`; this module only reads the options
and reports on a terminal or in the logs.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.nightly_output import TerminalListener, log_nightly
from tracker.cli.unattended import is_interactive, log_options, stop_on_signals
from tracker.errors import ExitCode, RulesError, UsageError

if TYPE_CHECKING:
    import threading

    from tracker.classify import RuleSet
    from tracker.facts import RuleClassifier
    from tracker.nightly import NightlyOptions
    from tracker.registry import DocumentSpec
    from tracker.settings import Settings
    from tracker.store.database import Database

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
    """Fetch each active document, record new versions, send each subscription's message,
    write the Atom feed (<data dir>/feeds/all.atom).

    Exit code 0 when every document was fetched and processed and every message due was
    delivered; 1 when a document failed or looks suspect, or a message could not be
    delivered (the run's results are kept, and that destination's next message includes what
    was not delivered); 3 when another run holds the run lock.
    """
    with collector_paused_until_freeze():
        from tracker.logs import logging_to_stderr
        from tracker.nightly import NightlyOptions
        from tracker.registry import load_registry
        from tracker.store.database import open_database

        settings = app.settings.with_overrides(
            log_format=log_format and log_format.lower(),
            log_level=log_level and log_level.lower(),
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
            registry = None if join else load_registry(settings.registry_path)
            documents = [] if registry is None else registry.select(slugs)
            classifier = _run_classifier(settings, join=join)
            subscriptions = None
            if registry is not None and not no_digest:
                from tracker.digest import subscriptions_of  # what delivers: not --no-digest

                subscriptions = subscriptions_of(
                    settings, registry=registry, rules=classifier.rules
                )
            db = open_database(settings.database_url, create=True)  # a run starts a history
            # What is alive now (the modules, SQLAlchemy's mappers, the registry, the rule
            # set) lives as long as this process, which runs one night: the collector's full
            # collections no longer scan it (about 5% of the tracker's CPU went to the
            # collector, most of it full collections over the whole heap, imports included).
            gc.freeze()
            gc.enable()  # for what the night makes and drops
            try:
                if db.is_sqlite and (join or workers > 1):
                    raise UsageError(
                        "--workers and --join need PostgreSQL (TRACKER_DATABASE_URL); with "
                        "SQLite one process does the work (TRACKER_CONCURRENCY sets its "
                        "parallel fetches)"
                    )
                if registry is None:
                    code = _joined_run(db, settings, classifier, stop, wait_seconds, run_id)
                else:
                    if due:
                        from tracker.clock import system_clock
                        from tracker.run.due import due_documents

                        documents = due_documents(db, documents, system_clock())
                    code = _night(
                        db,
                        settings,
                        documents,
                        classifier,
                        NightlyOptions(
                            workers=workers,
                            digest=not no_digest,
                            subscriptions=subscriptions,
                            stop=stop,
                        ),
                        terminal=terminal,
                    )
            finally:
                db.dispose()
    sys.exit(code)


@contextmanager
def collector_paused_until_freeze() -> Iterator[None]:
    """What the process builds before the night (the imports, the registry, the rule set, the
    engine) lives as long as the night, yet the collector ran over it again and again while
    it was built, about a tenth of the imports' CPU: it is paused until ``command`` freezes
    what was built, as Python's documentation suggests ahead of gc.freeze() (issue 14), and
    resumed there, or here when the run ends before it (a usage error)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run_classifier(settings: Settings, *, join: bool) -> RuleClassifier:
    from tracker.facts import RuleClassifier

    return RuleClassifier(run_rules(settings, join=join))


def _night(
    db: Database,
    settings: Settings,
    documents: list[DocumentSpec],
    classifier: RuleClassifier,
    options: NightlyOptions,
    *,
    terminal: bool,
) -> int:
    """Track the documents: a progress bar at a terminal (not with helper processes, as this
    one records only part of the documents), the summary in the logs under cron."""
    from tracker.nightly import run_nightly

    listener = TerminalListener(terminal, len(documents) if options.workers == 1 else None)
    with listener:
        nightly = run_nightly(
            db, settings, documents, classifier, options=options, listener=listener
        )
    if not terminal:
        log_nightly(nightly)
    return nightly.exit_code


def _joined_run(
    db: Database,
    settings: Settings,
    classifier: RuleClassifier,
    stop: threading.Event,
    wait_seconds: float,
    run_id: int | None,
) -> int:
    """Work on the run in progress as one more worker (0 when there is none to join)."""
    from tracker.clock import system_clock
    from tracker.nightly import run_exit_code
    from tracker.run.runner import RunOptions, join_run

    report = join_run(
        db,
        settings=settings,
        clock=system_clock,
        options=RunOptions(
            classify=classifier.classify_diff, annotate=classifier.annotate_version, stop=stop
        ),
        wait_seconds=wait_seconds,
        run_id=run_id,
    )
    if report is None:
        log.info("no run in progress to join")
        return int(ExitCode.OK)
    return run_exit_code(report)


def run_rules(settings: Settings, *, join: bool) -> RuleSet:
    """The rule file of the run; for a worker joining from another machine, a missing file is
    named with what to do about it (the run classifies with the same rules everywhere)."""
    from tracker.classify import checked_rules_file, load_rules

    if join and not settings.rules_path.is_file():
        raise RulesError(
            f"{settings.rules_path}: rule file not found (TRACKER_RULES): a worker joining a "
            "run classifies changes with the run's rule file; copy that file here from the "
            "machine that starts the run, or leave TRACKER_RULES unset on both to use the "
            "rule file shipped with the package"
        )
    return load_rules(settings.rules_path, checked=checked_rules_file(settings.data_dir))

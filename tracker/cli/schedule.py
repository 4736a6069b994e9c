"""``tracker schedule``: run in the foreground and track on the schedule (a service)."""

from __future__ import annotations

import logging
import threading

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.nightly_output import TerminalListener, report_run
from tracker.cli.unattended import is_interactive, log_options, stop_on_signals
from tracker.errors import LockHeldError, TrackerError
from tracker.settings import Settings

log = logging.getLogger("tracker.cli")


@click.command("schedule")
@click.option("--run-now", is_flag=True, help="Also run once right away, then follow the schedule.")
@click.option(
    "--show",
    "show",
    type=click.IntRange(min=1),
    metavar="N",
    help="Print the next N run times (before jitter) and exit.",
)
@log_options
@pass_app
def command(
    app: AppContext,
    run_now: bool,
    show: int | None,
    log_format: str | None,
    log_level: str | None,
) -> None:
    """Stay in the foreground and run the tracker on TRACKER_SCHEDULE (default 03:00 nightly).

    Each run fetches the documents that are due (see `interval` in the registry), then writes
    the digest. SIGTERM or SIGINT stops cleanly after the documents in flight.
    """
    from tracker.clock import system_clock
    from tracker.logs import logging_to_stderr
    from tracker.run.scheduler import Scheduler, fire_times

    settings = app.settings.with_overrides(
        log_format=log_format and log_format.lower(), log_level=log_level and log_level.lower()
    )
    if show:
        for moment in fire_times(settings, system_clock(), show):
            click.echo(moment.isoformat(timespec="seconds"))
        return
    stop = threading.Event()
    scheduler = Scheduler(settings, lambda: scheduled_run(settings, stop), stop)
    with (
        logging_to_stderr(settings.log_format, settings.log_level),
        stop_on_signals(on_stop=scheduler.shutdown, stop=stop),
    ):
        if run_now:
            scheduler.request()
        scheduler.serve()


def scheduled_run(settings: Settings, stop: threading.Event) -> None:
    """One scheduled run: the due documents, under the run lock, then the digest. Problems
    are logged, never raised: the schedule goes on."""
    from tracker.classify import load_rules
    from tracker.clock import system_clock
    from tracker.digest import subscriptions_of
    from tracker.facts import RuleClassifier
    from tracker.nightly import NightlyOptions, run_nightly
    from tracker.registry import load_registry
    from tracker.run.due import due_documents
    from tracker.store.database import open_database

    try:
        db = open_database(settings.database_url, create=True)  # as `tracker run` does
    except TrackerError as exc:
        log.error("scheduled run failed: %s", exc)
        return
    try:
        registry = load_registry(settings.registry_path)  # all read each time: edits apply
        classifier = RuleClassifier(load_rules(settings.rules_path))
        subscriptions = subscriptions_of(settings, registry=registry, rules=classifier.rules)
        documents = due_documents(db, registry.active, system_clock())
        if not documents:
            log.info("scheduled run: no document is due")
            return
        interactive = is_interactive()
        nightly = run_nightly(
            db,
            settings,
            documents,
            classifier,
            options=NightlyOptions(trigger="schedule", subscriptions=subscriptions, stop=stop),
            listener=TerminalListener(interactive),
        )
        if not interactive:
            report_run(
                nightly.run,
                interactive=False,
                digest_failed=nightly.digest_error is not None,
                feed_failed=nightly.feed_error is not None,
            )
    except LockHeldError as exc:
        log.warning("scheduled run skipped: %s", exc)
    except TrackerError as exc:
        log.error("scheduled run failed: %s", exc)
    except Exception:  # a bug: logged with its traceback; the service keeps its schedule
        log.exception("scheduled run failed with an internal error")
    finally:
        db.dispose()

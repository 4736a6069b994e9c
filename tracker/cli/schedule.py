"""``tracker schedule``: run in the foreground and track on the schedule (a service)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.nightly_output import TerminalListener, log_nightly
from tracker.cli.unattended import is_interactive, log_options, stop_on_signals
from tracker.errors import LockHeldError, TrackerError
from tracker.settings import Settings

if TYPE_CHECKING:
    from tracker.facts import RuleClassifier
    from tracker.registry import Registry
    from tracker.run.scheduler import Scheduler

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
    from tracker.run.scheduler import fire_times

    settings = app.settings.with_overrides(
        log_format=log_format and log_format.lower(), log_level=log_level and log_level.lower()
    )
    if show:
        for moment in fire_times(settings, system_clock(), show):
            click.echo(moment.isoformat(timespec="seconds"))
        return
    stop = threading.Event()
    scheduler = scheduler_for(settings, stop)
    with (
        logging_to_stderr(settings.log_format, settings.log_level),
        stop_on_signals(on_stop=scheduler.shutdown, stop=stop),
    ):
        if run_now:
            scheduler.request()
        scheduler.serve()


def scheduler_for(settings: Settings, stop: threading.Event) -> Scheduler:
    """The scheduler of ``tracker schedule``: its runs are :class:`ScheduledRuns` (one per
    process, so what does not change between nights is worked out once)."""
    from tracker.run.scheduler import Scheduler

    return Scheduler(settings, ScheduledRuns(settings, stop), stop)


def scheduled_run(settings: Settings, stop: threading.Event) -> None:
    """One scheduled run in a process of its own (nothing kept from a previous run)."""
    ScheduledRuns(settings, stop)()


class ScheduledRuns:
    """The runs of one ``tracker schedule`` process, one call each: the due documents, under
    the run lock, then the digest and the feed, exactly as ``tracker run``. Problems are
    logged, never raised: the schedule goes on.

    The rule file and the registry are read at every run (an edit applies at the next run)
    but parsed and checked again only when their text differs from the previous run's: the
    rule set (its compiled patterns with it) and the registry are kept while the files stay
    the same.
    """

    def __init__(self, settings: Settings, stop: threading.Event) -> None:
        self.settings = settings
        self.stop = stop
        self._rules: tuple[str, RuleClassifier] | None = None
        self._registry: tuple[str, Registry] | None = None

    def classifier(self) -> RuleClassifier:
        """The rule file's classifier, checked again only when the file's text changed."""
        from tracker.classify import checked_rules_file, parse_rules, read_rule_file
        from tracker.facts import RuleClassifier

        path = self.settings.rules_path
        text = read_rule_file(path)
        if self._rules is None or self._rules[0] != text:
            self._rules = None  # a file that no longer passes is never replaced by the old one
            checked = checked_rules_file(self.settings.data_dir)
            rules = parse_rules(text, str(path), checked=checked)
            self._rules = (text, RuleClassifier(rules))
        return self._rules[1]

    def registry(self) -> Registry:
        """The registry, parsed again only when the file's text changed."""
        from tracker.registry import parse_registry, read_registry_file

        path = self.settings.registry_path
        text = read_registry_file(path)
        if self._registry is None or self._registry[0] != text:
            self._registry = None
            self._registry = (text, parse_registry(text, path))
        return self._registry[1]

    def __call__(self) -> None:
        from tracker.clock import system_clock
        from tracker.digest import subscriptions_of
        from tracker.nightly import NightlyOptions, run_nightly
        from tracker.run.due import due_documents
        from tracker.store.database import open_database

        settings, stop = self.settings, self.stop
        try:
            db = open_database(settings.database_url, create=True)  # as `tracker run` does
        except TrackerError as exc:
            log.error("scheduled run failed: %s", exc)
            return
        try:
            registry = self.registry()  # both read each time: edits apply
            classifier = self.classifier()
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
                log_nightly(nightly)
        except LockHeldError as exc:
            log.warning("scheduled run skipped: %s", exc)
        except TrackerError as exc:
            log.error("scheduled run failed: %s", exc)
        except Exception:  # a bug: logged with its traceback; the service keeps its schedule
            log.exception("scheduled run failed with an internal error")
        finally:
            db.dispose()

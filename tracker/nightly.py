"""The nightly job: the one sequence that ``tracker run``, ``tracker schedule`` and the demo
all run, with no terminal or click inside.

::

    refresh key facts under the current rules (after an edit of the rule file)
    -> new subscription destinations get their baseline (what exists is never sent to them)
    -> the run: lock, work list, workers (tracker.run.runner), local worker processes
    -> run_done (the caller prints or logs the summary)
    -> each subscription's message, where due (not after an interrupted run)
    -> the Atom feed: <data dir>/feeds/all.atom unless told otherwise (not after an
       interrupted run)

Progress reaches the caller through a :class:`NightlyListener`: a progress bar and lines on
stdout at a terminal, log lines under cron or systemd. A digest that cannot be delivered does
not lose the run: it is reported in :class:`NightlyReport` and the exit code; one destination
that is down does not hold back the others.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tracker.clock import Clock, system_clock
from tracker.errors import ExitCode, TrackerError
from tracker.registry import DocumentSpec
from tracker.settings import Settings
from tracker.subscriptions import Subscription

if TYPE_CHECKING:
    from tracker.digest import DeliveryReport
    from tracker.facts import RuleClassifier
    from tracker.fetch import Fetcher
    from tracker.run.runner import RunReport
    from tracker.store.database import Database
    from tracker.track.context import DocumentResult

log = logging.getLogger(__name__)


class NightlyListener(Protocol):
    """What a nightly job tells its caller, as it happens."""

    def document_done(self, result: DocumentResult) -> None:
        """A document recorded by this process."""

    def run_done(self, report: RunReport) -> None:
        """The run is over (before the digest)."""

    def note(self, line: str) -> None:
        """Something a person would want to read (facts refreshed, what became of the digest)."""


class LoggingListener:
    """For unattended runs: notes are info log lines (silent by default)."""

    def document_done(self, result: DocumentResult) -> None:
        return None

    def run_done(self, report: RunReport) -> None:
        return None

    def note(self, line: str) -> None:
        log.info("%s", line)


@dataclass(frozen=True)
class NightlyOptions:
    trigger: str = "cli"
    workers: int = 1  # processes on this machine (more than 1: PostgreSQL)
    digest: bool = True
    dry_run_digest: bool = False  # write the digest to the outbox, never mark it delivered
    #: The subscriptions in force (tracker.digest.subscriptions_of); None: the default one of
    #: the SMTP settings.
    subscriptions: tuple[Subscription, ...] | None = None
    feed: bool = True  # write the Atom feed after the run
    feed_path: Path | None = None  # None: <data dir>/feeds/all.atom
    stop: threading.Event = field(default_factory=threading.Event)
    #: fetchers by name, instead of the ones the settings would open (the demo's replay)
    fetchers: Mapping[str, Fetcher] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NightlyReport:
    run: RunReport
    facts_refreshed: int = 0
    digest: DeliveryReport | None = None
    digest_error: TrackerError | None = None  # the first destination that failed, if any
    feed: Path | None = None
    feed_error: str | None = None

    @property
    def exit_code(self) -> int:
        """The run's exit code, or the digest's when the run was fine but its digest failed."""
        code = run_exit_code(self.run)
        if self.digest_error is not None and code == ExitCode.OK:
            return int(self.digest_error.exit_code)
        if self.feed_error is not None and code == ExitCode.OK:
            return int(ExitCode.FAILED)
        return code


def run_exit_code(report: RunReport) -> int:
    if report.interrupted:
        return int(ExitCode.INTERRUPTED)
    return int(report.exit_code)


def run_nightly(
    db: Database,
    settings: Settings,
    documents: Sequence[DocumentSpec],
    classifier: RuleClassifier,
    *,
    options: NightlyOptions | None = None,
    listener: NightlyListener | None = None,
    clock: Clock = system_clock,
) -> NightlyReport:
    """Facts refresh, the run, the digest and the feed (see module doc)."""
    options = options or NightlyOptions()
    listener = listener or LoggingListener()
    refreshed = refresh_facts(db, classifier, clock, listener)
    subscriptions = options.subscriptions
    if options.digest and subscriptions is not None and not options.dry_run_digest:
        from tracker.digest import register_destinations

        register_destinations(db, settings, subscriptions, now=clock())
    report = _run(db, settings, documents, classifier, options, listener, clock)
    listener.run_done(report)
    digest, digest_error = None, None
    if options.digest and not report.interrupted:
        digest, digest_error = deliver_digest(
            db,
            settings,
            classifier,
            clock,
            listener,
            dry_run=options.dry_run_digest,
            subscriptions=subscriptions,
        )
    feed, feed_error = None, None
    if options.feed and not report.interrupted:
        path = options.feed_path or default_feed_file(settings)
        try:
            feed = write_feed(db, path, classifier, clock, public_url=settings.public_url)
        except OSError as exc:
            feed_error = f"cannot write the feed {path}: {exc.strerror or exc}"
            log.error("%s", feed_error)
    return NightlyReport(
        run=report,
        facts_refreshed=refreshed,
        digest=digest,
        digest_error=digest_error,
        feed=feed,
        feed_error=feed_error,
    )


def default_feed_file(settings: Settings) -> Path:
    """``<data dir>/feeds/all.atom``: the feed every run writes (``tracker feed`` too)."""
    from tracker.digest.feed import default_feed_path

    return default_feed_path(settings.data_dir, None)


def refresh_facts(
    db: Database, classifier: RuleClassifier, clock: Clock, listener: NightlyListener
) -> int:
    """Answer the key facts of the latest versions under the current rules (after a change of
    the rule file), before the run."""
    refreshed = classifier.refresh_latest(db, clock())
    if refreshed:
        listener.note(f"key facts answered under the current rules for {refreshed} version(s)")
    return refreshed


def _run(
    db: Database,
    settings: Settings,
    documents: Sequence[DocumentSpec],
    classifier: RuleClassifier,
    options: NightlyOptions,
    listener: NightlyListener,
    clock: Clock,
) -> RunReport:
    from tracker.run.local_workers import LocalWorkers
    from tracker.run.runner import RunOptions, start_run

    helpers = LocalWorkers(options.workers - 1, settings) if options.workers > 1 else None
    on_result: Callable[[DocumentResult], None] | None = (
        listener.document_done if helpers is None else None
    )
    try:
        return start_run(
            db,
            documents,
            settings=settings,
            clock=clock,
            options=RunOptions(
                trigger=options.trigger,
                classify=classifier.classify_diff,
                annotate=classifier.annotate_version,
                rules=classifier.rules,
                stop=options.stop,
                on_result=on_result,
                on_started=helpers.start if helpers else None,
                fetchers=options.fetchers,
            ),
        )
    except BaseException:
        if helpers is not None:
            helpers.terminate()
        raise
    finally:
        if helpers is not None:
            helpers.wait()


def deliver_digest(
    db: Database,
    settings: Settings,
    classifier: RuleClassifier,
    clock: Clock,
    listener: NightlyListener,
    *,
    dry_run: bool = False,
    subscriptions: Sequence[Subscription] | None = None,
) -> tuple[DeliveryReport | None, TrackerError | None]:
    """Deliver each subscription's message (the default one of the SMTP settings when
    ``subscriptions`` is None). A destination that fails is an error log line and is returned:
    the run's results are stored, only that message is missing (the next run catches up)."""
    from tracker.digest import deliver_subscriptions, topic_labels
    from tracker.subscriptions import default_subscription

    try:
        report = deliver_subscriptions(
            db,
            settings,
            subscriptions if subscriptions is not None else (default_subscription(settings),),
            clock=clock,
            dry_run=dry_run,
            topic_labels=topic_labels(classifier.rules),
        )
    except TrackerError as exc:
        log.error("%s", exc)
        return None, exc
    for error in report.errors:
        log.error("%s", error)
    listener.note(report.describe())
    return report, report.error


def write_feed(
    db: Database,
    path: Path,
    classifier: RuleClassifier,
    clock: Clock,
    *,
    public_url: str | None = None,
) -> Path:
    from tracker.digest import topic_labels
    from tracker.digest.feed import write_feed as write_atom

    write_atom(
        db,
        path,
        now=clock(),
        topic_labels=topic_labels(classifier.rules),
        public_url=public_url,
    )
    return path

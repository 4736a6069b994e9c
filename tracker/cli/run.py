"""``tracker run``: track every active document once (the nightly cron job)."""

from __future__ import annotations

import sys

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.cli.digest import describe_outcome
from tracker.clock import system_clock
from tracker.digest import send_digest, topic_labels
from tracker.errors import ExitCode, TrackerError
from tracker.facts import RuleClassifier
from tracker.pipeline import DocumentResult, run_tracking
from tracker.registry import load_registry
from tracker.render.terminal import strip_control
from tracker.store.database import open_database


@click.command("run")
@click.option(
    "--document", "slugs", multiple=True, metavar="SLUG", help="Only this document (repeatable)."
)
@click.option("--no-digest", is_flag=True, help="Do not send the digest after the run.")
@pass_app
def command(app: AppContext, slugs: tuple[str, ...], no_digest: bool) -> None:
    """Fetch each active document, record new versions, send the digest.

    Exit code 0 when every document was fetched and processed and the digest (if any) was
    delivered; 1 when a document failed or the digest could not be delivered (the run's
    results are kept, and the next digest includes what was not delivered).
    """
    registry = load_registry(app.settings.registry_path)
    documents = registry.active
    if slugs:
        unknown = sorted(set(slugs) - {d.slug for d in registry.documents})
        if unknown:
            raise click.UsageError(f"unknown document {unknown[0]!r} (see `tracker documents`)")
        documents = tuple(d for d in registry.documents if d.slug in slugs)
    classifier = RuleClassifier(load_rules(app.settings.rules_path))
    db = open_database(app.settings.database_url)
    digest_error: TrackerError | None = None
    try:
        refreshed = classifier.refresh_latest(db, system_clock())
        if refreshed:
            click.echo(f"key facts answered under the current rules for {refreshed} version(s)")
        report = run_tracking(
            db,
            documents,
            settings=app.settings,
            clock=system_clock,
            classify=classifier.classify_diff,
            annotate=classifier.annotate_version,
            on_result=_print_result if sys.stderr.isatty() else None,
        )
        click.echo(
            f"run {report.run_id}: {len(report.results)} documents, "
            f"{len(report.changed)} changed, {len(report.failed)} failed"
        )
        if not no_digest:
            try:
                labels = topic_labels(classifier.rules)
                outcome = send_digest(db, app.settings, clock=system_clock, topic_labels=labels)
                click.echo(describe_outcome(outcome))
            except TrackerError as exc:  # the run is stored; only the digest is missing
                click.echo(f"tracker: error: {exc}", err=True)
                digest_error = exc
    finally:
        db.dispose()
    exit_code = report.exit_code
    if digest_error is not None and exit_code == ExitCode.OK:
        exit_code = digest_error.exit_code
    sys.exit(int(exit_code))


def _print_result(result: DocumentResult) -> None:
    detail = f"version {result.version_number}" if result.version_number else ""
    if result.error:
        detail = f"{result.error_kind}: {result.error}"
    line = f"  {result.slug:<40} {result.outcome:<12} {detail}"
    click.echo(strip_control(line), err=True)  # errors can quote URLs and text from the web

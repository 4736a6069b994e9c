"""``tracker run``: track every active document once (the nightly cron job)."""

from __future__ import annotations

import sys

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.clock import system_clock
from tracker.digest import write_digest
from tracker.facts import RuleClassifier
from tracker.pipeline import DocumentResult, run_tracking
from tracker.registry import load_registry
from tracker.store.database import open_database


@click.command("run")
@click.option(
    "--document", "slugs", multiple=True, metavar="SLUG", help="Only this document (repeatable)."
)
@click.option("--no-digest", is_flag=True, help="Do not write a digest after the run.")
@pass_app
def command(app: AppContext, slugs: tuple[str, ...], no_digest: bool) -> None:
    """Fetch each active document, record new versions, write the digest.

    Exit code 0 when every document was fetched and processed, 1 when any failed.
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
            digest = write_digest(db, app.settings.outbox_dir, now=system_clock())
            click.echo(f"digest: {digest.subject} -> {digest.path}")
    finally:
        db.dispose()
    sys.exit(int(report.exit_code))


def _print_result(result: DocumentResult) -> None:
    detail = f"version {result.version_number}" if result.version_number else ""
    if result.error:
        detail = f"{result.error_kind}: {result.error}"
    click.echo(f"  {result.slug:<40} {result.outcome:<12} {detail}", err=True)

"""``tracker accept SLUG``: record the latest suspect fetch's text as a version."""

from __future__ import annotations

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.clock import system_clock
from tracker.facts import RuleClassifier
from tracker.registry import load_registry
from tracker.store.database import open_database
from tracker.track.accept import accept_suspect


@click.command("accept")
@click.argument("slug")
@pass_app
def command(app: AppContext, slug: str) -> None:
    """Accept the latest suspect fetch of SLUG as its next version (an operator's decision).

    Use it after checking that the held page really is the document now (see the digest's
    health section, or `tracker run`'s output, for why it was held).
    """
    (spec,) = load_registry(app.settings.registry_path).select([slug])  # unknown: exit 2
    classifier = RuleClassifier(load_rules(app.settings.rules_path))
    db = open_database(app.settings.database_url)
    try:
        accepted = accept_suspect(
            db,
            spec,
            settings=app.settings,
            clock=system_clock,
            classify=classifier.classify_diff,
            annotate=classifier.annotate_version,
        )
    finally:
        db.dispose()
    seen = accepted.suspect_seen_at.strftime("%Y-%m-%d %H:%M UTC")
    what = (
        f"recorded as version {accepted.version_number} ({accepted.changes} changes)"
        if accepted.new_version
        else f"is version {accepted.version_number}'s text: verified, page settled"
    )
    held = f"suspect fetch {accepted.suspect_fetch_id} ({accepted.suspect_kind}, {seen})"
    click.echo(f"{slug}: {held} {what}")

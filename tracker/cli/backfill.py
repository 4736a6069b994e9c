"""``tracker backfill SLUG --wayback [--from DATE] [--to DATE]``: history from a web archive."""

from __future__ import annotations

from datetime import datetime

import click

from tracker.cli.app import AppContext, pass_app


@click.command("backfill")
@click.argument("slug")
@click.option("--wayback", is_flag=True, help="From the Wayback Machine (TRACKER_WAYBACK_URL).")
@click.option(
    "--from",
    "since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="First capture date (YYYY-MM-DD, inclusive).",
)
@click.option(
    "--to",
    "until",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Last capture date (YYYY-MM-DD, inclusive).",
)
@pass_app
def command(
    app: AppContext, slug: str, wayback: bool, since: datetime | None, until: datetime | None
) -> None:
    """Fill in SLUG's history from an archive's captures, oldest first (source: archived).

    Each capture's original bytes go through the pipeline at the capture's time, guards
    included (an archived bot wall is never a version). At most one request every
    TRACKER_ARCHIVE_DELAY seconds (2 by default); Retry-After is honoured, and repeated 429
    answers stop the backfill: run the same command again later to continue where it
    stopped. Captures already recorded are not downloaded again.
    """
    from tracker.cli.import_output import ImportProgress, importing
    from tracker.errors import UsageError
    from tracker.fetch.wayback import ArchiveThrottledError, WaybackFetcher
    from tracker.importers.wayback import backfill_wayback
    from tracker.registry import load_registry

    if not wayback:
        raise UsageError("say which archive to backfill from: --wayback")
    if since and until and since > until:
        raise UsageError("--from is after --to")
    spec = load_registry(app.settings.registry_path).select([slug])[0]
    progress = ImportProgress()
    fetcher = WaybackFetcher(app.settings)
    try:
        with importing(app) as context:
            report = backfill_wayback(
                context,
                spec,
                fetcher,
                since=since.date() if since else None,
                until=until.date() if until else None,
                listener=progress,
            )
    finally:
        fetcher.close()
    progress.finish(report, f"{slug} from the Wayback Machine")
    if report.stopped:
        raise ArchiveThrottledError(
            f"stopped: {report.stopped}; run the same command later to continue"
        )

"""``tracker demo``: the offline demo on bundled real snapshots."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.demo import NightResult, open_demo_database, run_demo
from tracker.registry import load_registry
from tracker.store.summary import document_summaries
from tracker.vocabulary import FetchMode


@click.command("demo")
@click.option(
    "--snapshots",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of archived snapshots [default: <data dir>/demo].",
)
@click.option(
    "--work-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the demo database and digest go, recreated each time "
    "[default: <data dir>/demo-run].",
)
@click.option(
    "--browser",
    is_flag=True,
    help="Render every page in headless Chromium (the browser fetcher) instead of plain HTTP.",
)
@pass_app
def command(app: AppContext, snapshots: Path | None, work_dir: Path | None, browser: bool) -> None:
    """Replay real archived Together AI pages night by night, offline, then print a summary."""
    snapshots = snapshots or app.settings.data_dir / "demo"
    work_dir = work_dir or app.settings.data_dir / "demo-run"
    registry = load_registry(app.settings.registry_path)
    rules = load_rules(app.settings.rules_path)
    how = " and headless Chromium" if browser else ""
    click.echo(f"Replaying the snapshots in {snapshots} through a local HTTP server{how}...")
    result = run_demo(
        snapshots,
        registry,
        app.settings,
        work_dir,
        rules=rules,
        on_night=_print_night,
        fetch=FetchMode.BROWSER if browser else None,
    )
    db = open_demo_database(result)
    try:
        with db.reader() as session:
            summaries = document_summaries(session)
    finally:
        db.dispose()
    click.echo("")
    click.echo(f"{'document':<36} {'versions':>8} {'changes':>8} {'fetches':>8}")
    for s in summaries:
        click.echo(f"{s.slug:<36} {s.versions:>8} {s.changes:>8} {s.fetches:>8}")
    click.echo(
        f"{len(summaries)} documents, {sum(s.versions for s in summaries)} versions, "
        f"{sum(s.changes for s in summaries)} changes over {len(result.nights)} nights"
    )
    click.echo(f"database: {result.database_url}")
    files = result.digest.files
    if files is not None:
        click.echo(f"digest:   {files.html}  ({result.digest.subject})")
        click.echo(f"          {files.text}")
        click.echo(f"          {files.eml}")
    click.echo(f"feed:     {result.feed}")
    click.echo(f"key facts: tracker --database-url {result.database_url} facts")
    click.echo(f"browse:   tracker --database-url {result.database_url} serve")
    click.echo("          then open http://127.0.0.1:8000/ (Ctrl-C stops the server)")


def _print_night(night: NightResult) -> None:
    parts = []
    for r in night.report.results:
        what = f"v{r.version_number}" if r.version_number else (r.error_kind or "")
        parts.append(f"{r.slug.split('/')[-1]}: {r.outcome} {what}".strip())
    click.echo(f"  {night.night:%Y-%m-%d}  " + "; ".join(parts))

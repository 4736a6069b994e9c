"""``tracker demo``: the offline demo on bundled real snapshots."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import DEMO_WORK_DIR, demo_database_in_use, shown_path
from tracker.demo import NightResult, open_demo_database, run_demo
from tracker.registry import load_registry
from tracker.resources import shipped_demo_snapshots, shipped_registry_path
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
    snapshots = snapshots or demo_snapshots(app)
    work_dir = work_dir or app.settings.data_dir / DEMO_WORK_DIR
    registry = load_registry(demo_registry_path(app))
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
    database = work_dir.resolve() / "tracker.db"
    click.echo(f"database: {shown_path(database)}")
    files = result.digest.files
    if files is not None:
        click.echo(f"digest:   {shown_path(files.html)}  ({result.digest.subject})")
        click.echo(f"          {shown_path(files.text)}")
        click.echo(f"          {shown_path(files.eml)}")
    click.echo(f"feed:     {shown_path(result.feed)}")
    click.echo("")
    click.echo(
        "Each document is recorded under its registered URL; its pages were replayed from the "
        f"archived snapshots in {shown_path(snapshots.resolve())}."
    )
    click.echo("Explore the history (these commands work as printed, from this folder):")
    slugs = [s.slug for s in summaries]
    for line in next_commands(app, database, slugs):
        click.echo(f"  {line}")
    click.echo("  then open http://127.0.0.1:8000/ in a browser (Ctrl-C stops the server)")


def demo_snapshots(app: AppContext) -> Path:
    """``<data dir>/demo``, else the snapshots shipped with the package (an installed wheel,
    run from any folder)."""
    local = app.settings.data_dir / "demo"
    return local if local.is_dir() else shipped_demo_snapshots()


def demo_registry_path(app: AppContext) -> Path:
    """The registry in use, else the example shipped with the package (no registry yet)."""
    path = app.settings.registry_path
    return path if path.is_file() else shipped_registry_path()


def next_commands(app: AppContext, database: Path, slugs: list[str]) -> list[str]:
    """Query commands on the demo's database, as a person at this shell would type them."""
    program = program_name()
    in_use = demo_database_in_use(app)
    if in_use is not None and in_use.resolve() == database.resolve():
        prefix = program
    else:
        prefix = f"{program} --database-url {shlex.quote('sqlite:///' + shown_path(database))}"
    slug = next((s for s in slugs if s.endswith("/terms-of-service")), slugs[0])
    return [
        f"{prefix} history {slug}",
        f"{prefix} diff {slug}",
        f"{prefix} facts {slug.split('/')[0]}",
        f"{prefix} log --severity high",
        f"{prefix} serve",
    ]


def program_name() -> str:
    """How this shell runs the tracker again: ``tracker`` when PATH finds this very program,
    else the path it was started by (``.venv/bin/tracker`` under ``make demo``), or
    ``python -m tracker``."""
    started = Path(sys.argv[0])
    if started.name == "__main__.py":
        return f"{shlex.quote(shown_path(Path(sys.executable)))} -m tracker"
    found = shutil.which("tracker")
    if started.name != "tracker" or not started.is_file():
        return "tracker"
    if found and Path(found).resolve() == started.resolve():
        return "tracker"
    shown = shown_path(started.resolve())
    return shlex.quote(shown if "/" in shown else f"./{shown}")


def _print_night(night: NightResult) -> None:
    parts = []
    for r in night.report.results:
        what = f"v{r.version_number}" if r.version_number else (r.error_kind or "")
        parts.append(f"{r.slug.split('/')[-1]}: {r.outcome} {what}".strip())
    click.echo(f"  {night.night:%Y-%m-%d}  " + "; ".join(parts))

"""``tracker feed``: write an Atom feed of document changes (one entry per new version)."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.classify import load_rules
from tracker.cli.app import AppContext, pass_app
from tracker.clock import system_clock
from tracker.digest import topic_labels
from tracker.digest.feed import DEFAULT_LIMIT, default_feed_path, write_feed
from tracker.render.tables import plural
from tracker.store.database import open_database


@click.command("feed")
@click.option("--document", "slug", metavar="SLUG", help="Only this document's versions.")
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    help="Where to write the feed ('-' for standard output) "
    "[default: <data dir>/feeds/all.atom or <data dir>/feeds/<service>__<type>.atom].",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Newest versions to include.",
)
@click.option("--self-url", metavar="URL", help="Where the feed will be published (rel=self).")
@pass_app
def command(
    app: AppContext, slug: str | None, output: str | None, limit: int, self_url: str | None
) -> None:
    """Write an Atom feed: one entry per new version, with its summary and a link."""
    to_stdout = output == "-"
    path = (
        None
        if to_stdout
        else Path(output)
        if output
        else default_feed_path(app.settings.data_dir, slug)
    )
    labels = topic_labels(load_rules(app.settings.rules_path))
    db = open_database(app.settings.database_url)
    try:
        result = write_feed(
            db,
            path,
            now=system_clock(),
            slug=slug,
            limit=limit,
            self_url=self_url,
            topic_labels=labels,
            public_url=app.settings.public_url,
        )
    finally:
        db.dispose()
    if to_stdout:
        click.echo(result.xml, nl=False)  # bytes go to the binary stream unchanged
    else:
        entries = plural(result.entries, "entry", "entries")
        click.echo(f"feed: {entries} -> {result.path}")

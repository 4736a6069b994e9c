"""``tracker documents``: list and validate the document registry."""

from __future__ import annotations

import json

import click

from tracker.cli.app import AppContext, pass_app
from tracker.registry import load_registry
from tracker.render.tables import plural
from tracker.vocabulary import FetchMode


@click.command("documents")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@pass_app
def command(app: AppContext, fmt: str) -> None:
    """List the registered documents (and validate the registry)."""
    registry = load_registry(app.settings.registry_path)
    if fmt == "json":
        rows = [
            {
                "slug": d.slug,
                "service": d.service,
                "type": d.type,
                "url": d.url,
                "select": list(d.rules.select),
                "remove": list(d.rules.remove),
                "interval_seconds": d.interval.total_seconds() if d.interval else None,
                "active": d.active,
                "fetch": d.fetch.value,
                "wait_for": d.render.wait_for,
                "wait_ms": d.render.wait_ms,
                "scroll": d.render.scroll,
            }
            for d in registry.documents
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for d in registry.documents:
        state = "" if d.active else "  (inactive)"
        rules = f"  select={','.join(d.rules.select)}" if d.rules.select else "  (automatic)"
        fetch = "" if d.fetch == FetchMode.HTTP else f"  fetch={d.fetch}"
        click.echo(f"{d.slug:<40} {d.url}{rules}{fetch}{state}")
    count = len(registry.documents)
    click.echo(f"{plural(count, 'document')} in {registry.path}, registry is valid")

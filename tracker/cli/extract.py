"""``tracker extract FILE_OR_URL``: the clauses of a file or page, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.terminal import strip_control
from tracker.errors import UsageError
from tracker.extract import extract_bytes
from tracker.fetch.http import build_client, fetch_page
from tracker.model import ExtractedDocument, ExtractionRules
from tracker.settings import Settings


@click.command("extract")
@click.argument("source", metavar="FILE_OR_URL")
@click.option(
    "--select",
    multiple=True,
    metavar="CSS",
    help="Keep only what this CSS selector matches (repeatable; HTML only).",
)
@click.option(
    "--remove",
    multiple=True,
    metavar="CSS",
    help="Drop what this CSS selector matches (repeatable; HTML only).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Canonical text, or JSON clauses.",
)
@pass_app
def command(
    app: AppContext, source: str, select: tuple[str, ...], remove: tuple[str, ...], fmt: str
) -> None:
    """Extract the clauses of an HTML, Markdown, text or PDF file (or http(s) URL).

    Without --select the main content is found automatically.
    """
    data, content_type, url = read_source(source, app.settings)
    document = extract_bytes(
        data,
        content_type=content_type,
        name=url or source,
        rules=ExtractionRules(select=select, remove=remove),
        base_url=url,
    )
    if fmt == "json":
        click.echo(json.dumps(document_json(document), ensure_ascii=False, indent=2))
    else:
        click.echo(strip_control(document.canonical_text), nl=False)


def read_source(source: str, settings: Settings) -> tuple[bytes, str | None, str | None]:
    """(bytes, content type, final URL) of a local file or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        with build_client(settings) as client:
            page = fetch_page(
                client, source, max_bytes=settings.max_body_bytes, deadline=settings.fetch_deadline
            )
        return page.body, page.content_type, page.final_url
    path = Path(source)
    try:
        return path.read_bytes(), None, None
    except FileNotFoundError:
        raise UsageError(f"{source}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read: {exc.strerror or exc}") from None


def document_json(document: ExtractedDocument) -> dict[str, Any]:
    """The JSON form of ``tracker extract --format json`` (see README, Extracting text)."""
    return {
        "title": document.title,
        "effective_date": document.effective_date.isoformat() if document.effective_date else None,
        "text_sha256": document.text_sha256,
        "clauses": [
            {"id": c.id, "path": list(c.path), "label": c.label, "kind": c.kind, "text": c.text}
            for c in document.clauses
        ],
    }

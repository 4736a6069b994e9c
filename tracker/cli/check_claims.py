"""``tracker check-claims FILE_OR_URL``: what a third party says about a policy, checked
against the stored history (quotations, cited versions, key facts).

Exit codes: 0 when no claim fails (supported, or not checkable), 1 when a claim is stale,
altered, contradicted or not found, 2 on bad input (a missing file, an unreadable page, an
unknown service or document).
"""

from __future__ import annotations

import sys

import click

from tracker.cli.app import AppContext, pass_app
from tracker.errors import ExitCode, FetchError, InputError, UsageError


@click.command("check-claims")
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--service", metavar="NAME", help="Check against this service's documents only.")
@click.option(
    "--document",
    "documents",
    multiple=True,
    metavar="SLUG",
    help="Check against this document only (repeatable).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CSS",
    help="Read only what this CSS selector matches (repeatable; HTML only).",
)
@click.option(
    "--remove", multiple=True, metavar="CSS", help="Drop what this CSS selector matches (HTML)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@pass_app
def command(
    app: AppContext,
    source: str,
    service: str | None,
    documents: tuple[str, ...],
    select: tuple[str, ...],
    remove: tuple[str, ...],
    fmt: str,
) -> None:
    """Check the quotations, citations and key-fact statements of a third party's page
    (HTML, Markdown or text file, or http(s) URL) against every stored version.

    Without --service or --document, the page is checked against the documents of the
    services it names. Exit 1 when a claim is stale, altered, contradicted or not found.
    """
    from tracker.claims import read_page
    from tracker.classify import load_rules
    from tracker.cli.common import emit, reading
    from tracker.cli.extract import read_source
    from tracker.clock import system_clock
    from tracker.model import ExtractionRules
    from tracker.query.claims import check_claims
    from tracker.query.render_claims import render_claims

    rules = load_rules(app.settings.rules_path)
    name = source
    try:
        data, content_type, url = read_source(source, app.settings)
        name = url or source
        page = read_page(
            data,
            name=name,
            content_type=content_type,
            base_url=url,
            rules=ExtractionRules(select=select, remove=remove),
        )
    except (InputError, FetchError) as exc:
        message = str(exc)
        named = message.startswith((source, name))  # most errors name the page already
        raise UsageError(message if named else f"{source}: {message}") from None
    with reading(app) as session:
        report = check_claims(
            session,
            page,
            rules,
            today=system_clock().date(),
            service=service,
            documents=documents,
        )
    emit(render_claims(report, fmt))
    if report.fails:
        sys.exit(int(ExitCode.FAILED))

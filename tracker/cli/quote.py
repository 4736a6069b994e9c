"""``tracker quote TEXT --document SLUG``: is this quotation really in the document?"""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.query.quote import check_quote
from tracker.query.render_json import quote_dict, to_json
from tracker.query.render_text import quote_text


@click.command("quote")
@click.argument("text")
@click.option("--document", "slug", metavar="SLUG", required=True, help="The document quoted.")
@click.option("--at", metavar="DATE", help="Check the version in force at DATE only.")
@format_option("table", "json")
@pass_app
def command(app: AppContext, text: str, slug: str, at: str | None, fmt: str) -> None:
    """Check TEXT against every version of SLUG: found, where, or the closest clause."""
    with reading(app) as session:
        check = check_quote(session, text, slug, at=at)
    emit(to_json(quote_dict(check)) if fmt == "json" else quote_text(check))

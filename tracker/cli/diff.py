"""``tracker diff SLUG [FROM] [TO]``: the clause diff between two stored versions."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading, wants_color
from tracker.cli.terminal import terminal_width
from tracker.query.render_json import to_json, version_diff_dict
from tracker.query.render_text import version_diff_text, version_name
from tracker.query.versiondiff import diff_versions
from tracker.render.compare import render_diff_html


@click.command("diff")
@click.argument("slug")
@click.argument("from_ref", metavar="[FROM]", required=False)
@click.argument("to_ref", metavar="[TO]", required=False)
@format_option("text", "json", "html")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)
@pass_app
def command(
    app: AppContext,
    slug: str,
    from_ref: str | None,
    to_ref: str | None,
    fmt: str,
    color: bool | None,
) -> None:
    """Diff two versions of SLUG (numbers like 3 or v3, or dates); default: the last two."""
    from tracker.classify import classify_diff, load_rules

    rules = load_rules(app.settings.rules_path)
    with reading(app) as session:
        result = diff_versions(
            session, slug, from_ref, to_ref, classify=lambda d: classify_diff(d, rules)
        )
    if fmt == "json":
        emit(to_json(version_diff_dict(result)))
    elif fmt == "html":
        emit(render_diff_html(result.diff, version_name(result.old), version_name(result.new)))
    else:
        use_color = wants_color(color)
        click.echo(
            version_diff_text(result, use_color, terminal_width()), nl=False, color=use_color
        )

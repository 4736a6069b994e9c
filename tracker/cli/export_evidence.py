"""``tracker export-evidence SLUG VERSION``: a deterministic zip (or WARC) proving one version."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import output_file, reading
from tracker.query.evidence import collect_evidence, evidence_zip
from tracker.render.tables import clean_line, plural


@click.command("export-evidence")
@click.argument("slug")
@click.argument("version")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write [default: <service>__<type>_v<N>_evidence.zip, or "
    "<service>__<type>_v<N>.warc.gz, here]; missing parent folders are created.",
)
@click.option(
    "--warc",
    is_flag=True,
    help="Write the version's fetches as WARC request/response records instead of a zip.",
)
@pass_app
def command(app: AppContext, slug: str, version: str, output: Path | None, warc: bool) -> None:
    """Write raw snapshot, text, fetch metadata, hashes and a citation for VERSION of SLUG.

    With --warc, write the fetches that created and verified VERSION as a WARC file (request,
    response and revisit records, as crawlers write them) that replay tools open and
    `tracker import-warc` reads back.
    """
    if warc:
        from tracker.importers.warc import version_warc

        with reading(app) as session:
            exported = version_warc(session, slug, version)
        target = output_file(output) if output else Path(exported.file_name)
        target.write_bytes(exported.data)
        fetches = plural(exported.fetches, "fetch", "fetches")
        click.echo(f"wrote {target} ({fetches}, {exported.records} records)")
        return
    with reading(app) as session:
        evidence = collect_evidence(session, slug, version)
    target = output_file(output) if output else Path(evidence.file_name)
    target.write_bytes(evidence_zip(evidence))
    click.echo(f"wrote {target}")
    click.echo(clean_line(evidence.provenance.citation))

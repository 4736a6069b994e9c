"""``tracker export-evidence SLUG VERSION``: a deterministic zip proving one version."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import reading
from tracker.query.evidence import collect_evidence, evidence_zip
from tracker.render.tables import clean_line


@click.command("export-evidence")
@click.argument("slug")
@click.argument("version")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Zip file to write [default: <slug>_v<N>_evidence.zip here].",
)
@pass_app
def command(app: AppContext, slug: str, version: str, output: Path | None) -> None:
    """Write raw snapshot, text, fetch metadata, hashes and a citation for VERSION of SLUG."""
    with reading(app) as session:
        evidence = collect_evidence(session, slug, version)
    target = output or Path(evidence.file_name)
    target.write_bytes(evidence_zip(evidence))
    click.echo(f"wrote {target}")
    click.echo(clean_line(evidence.provenance.citation))

"""``tracker verify``: recompute every stored hash; exit 4 on any mismatch."""

from __future__ import annotations

import click

from tracker.cli.app import AppContext, pass_app
from tracker.cli.common import emit, format_option, reading
from tracker.errors import IntegrityMismatchError
from tracker.query.render_json import to_json, verify_dict
from tracker.query.render_text import verify_text
from tracker.query.verify import verify_history


@click.command("verify")
@format_option("table", "json")
@pass_app
def command(app: AppContext, fmt: str) -> None:
    """Re-hash every blob, version text and clause; report mismatches (exit code 4)."""
    with reading(app) as session:
        report = verify_history(session)
    emit(to_json(verify_dict(report)) if fmt == "json" else verify_text(report))
    if not report.ok:
        count = len(report.mismatches)
        verb = "hashes do" if count != 1 else "hash does"
        raise IntegrityMismatchError(f"{count} stored {verb} not match (see above)")

"""``tracker import DIR --document SLUG``: a folder of dated files becomes history."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.app import AppContext, pass_app


@click.command("import")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--document", "slug", required=True, metavar="SLUG", help="Registered document.")
@pass_app
def command(app: AppContext, folder: Path, slug: str) -> None:
    """Import FOLDER's files named <anything>_<YYYY-MM-DD>.{md,html,txt,pdf} as the history
    of SLUG, oldest first, dated from their names (source: imported).

    Each file goes through the pipeline of a live fetch at 00:00 UTC on its date: the text of
    the version in force then adds nothing, another text becomes a version placed in time
    order. Importing the same folder again adds nothing; digests never report imported
    versions.
    """
    from tracker.cli.import_output import ImportProgress, importing
    from tracker.importers.folder import import_folder
    from tracker.registry import load_registry

    spec = load_registry(app.settings.registry_path).select([slug])[0]
    progress = ImportProgress()
    with importing(app) as context:
        report = import_folder(context, spec, folder, listener=progress)
    progress.finish(report, f"{slug} from {folder}")

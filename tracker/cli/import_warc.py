"""``tracker import-warc FILE``: registered pages found in a WARC file become history."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.app import AppContext, pass_app


@click.command("import-warc")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@pass_app
def command(app: AppContext, file: Path) -> None:
    """Import the 200 OK responses of FILE (a WARC file, gzipped or not) whose URL is a
    registered document's, each as the page seen at its WARC-Date (source: archived).

    They go through the pipeline oldest first, guards included; revisits of identical
    payload count as sightings of the bytes they refer to. Importing the same file again adds
    nothing.
    """
    from tracker.cli.import_output import ImportProgress, importing
    from tracker.importers.warc import import_warc
    from tracker.registry import load_registry

    registry = load_registry(app.settings.registry_path)
    progress = ImportProgress()
    with importing(app) as context:
        report = import_warc(context, registry.documents, file, listener=progress)
    progress.finish(report, str(file))

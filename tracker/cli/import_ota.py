"""``tracker import-ota REPO --service NAME``: an Open Terms Archive versions repository."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.app import AppContext, pass_app


@click.command("import-ota")
@click.argument("repository", type=click.Path(path_type=Path))
@click.option(
    "--service",
    required=True,
    metavar="NAME",
    help="The service's folder in the repository, e.g. 'Together AI'.",
)
@pass_app
def command(app: AppContext, repository: Path, service: str) -> None:
    """Import the history of SERVICE's registered documents from an Open Terms Archive
    versions REPOSITORY (a clone, or a git bundle file).

    Each commit touching <SERVICE>/<Terms type>.md is a version dated by the commit;
    "technical or declaration upgrade" commits become technical versions, never reported;
    each commit's snapshot reference is kept as its provenance (source: imported).
    Importing the same repository again adds nothing.
    """
    from tracker.cli.import_output import ImportProgress, importing
    from tracker.importers.ota import import_ota
    from tracker.registry import load_registry

    registry = load_registry(app.settings.registry_path)
    progress = ImportProgress()
    with importing(app) as context:
        report = import_ota(context, registry.documents, repository, service, listener=progress)
    progress.finish(report, f"{service} from {repository}")

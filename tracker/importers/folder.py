"""``tracker import DIR --document SLUG``: a folder of dated files becomes a document's history.

Files named ``<anything>_<YYYY-MM-DD>.<ext>`` (``.md``, ``.markdown``, ``.html``, ``.htm``,
``.txt``, ``.pdf``; such as ``01_2025-02-18.md``) are read oldest first (by date, then name),
each as the page seen at 00:00 UTC on its date, and placed in the history like any page seen in
the past (:mod:`tracker.track.history`): the same text as the version in force then adds
nothing, another text is a new version, source ``imported``. Other files are listed as skipped.
Importing the same folder again adds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from tracker.errors import UsageError
from tracker.fetch import FetchedPage
from tracker.importers import ImportedItem, ImportListener, ImportReport
from tracker.registry import DocumentSpec
from tracker.store.clause_search import index_new_clauses
from tracker.track.context import TrackContext
from tracker.track.history import Sighting, record_sighting
from tracker.vocabulary import Source

DATED_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<date>\d{4}-\d{2}-\d{2})\.(?P<ext>md|markdown|html?|txt|pdf)$",
    re.IGNORECASE,
)
CONTENT_TYPES = {
    "md": "text/markdown",
    "markdown": "text/markdown",
    "html": "text/html",
    "htm": "text/html",
    "txt": "text/plain",
    "pdf": "application/pdf",
}
PATTERN_TEXT = "<anything>_<YYYY-MM-DD>.<md|html|txt|pdf>"


@dataclass(frozen=True, slots=True)
class DatedFile:
    path: Path
    day: date
    content_type: str

    @property
    def observed_at(self) -> datetime:
        """The start of its day, UTC: the only time its name gives."""
        return datetime.combine(self.day, time(), tzinfo=UTC)


def dated_files(folder: Path) -> tuple[list[DatedFile], list[str]]:
    """The dated files of ``folder``, oldest first (by date, then name), and what was skipped."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    found: list[DatedFile] = []
    skipped: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        match = DATED_NAME.match(path.name)
        day = _day(match.group("date")) if match else None
        if match is None or day is None:
            skipped.append(f"{path.name}: not named {PATTERN_TEXT}")
            continue
        content_type = CONTENT_TYPES[match.group("ext").lower()]
        found.append(DatedFile(path=path, day=day, content_type=content_type))
    found.sort(key=lambda f: (f.day, f.path.name))
    return found, skipped


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def import_folder(
    context: TrackContext,
    spec: DocumentSpec,
    folder: Path,
    *,
    listener: ImportListener | None = None,
) -> ImportReport:
    """Place every dated file of ``folder`` in the history of ``spec``, oldest first, one
    transaction each."""
    files, skipped = dated_files(folder)
    if not files:
        raise UsageError(f"{folder}: no file named {PATTERN_TEXT}")
    report = ImportReport(skipped=skipped)
    for dated in files:
        sighting = Sighting(
            page=file_page(spec, dated),
            observed_at=dated.observed_at,
            source=Source.IMPORTED,
            provenance={
                "importer": "folder",
                "file": dated.path.name,
                "folder": str(folder),
                "description": f"file {dated.path.name}",
            },
        )
        result = record_sighting(context, spec, sighting)
        report.add(ImportedItem(spec.slug, dated.path.name, dated.observed_at, result), listener)
    index_new_clauses(context.db)
    return report


def file_page(spec: DocumentSpec, dated: DatedFile) -> FetchedPage:
    """A file as if it had been served at the document's address (links resolve against it)."""
    return FetchedPage(
        url=spec.url,
        final_url=spec.url,
        status=200,
        content_type=dated.content_type,
        etag=None,
        last_modified=None,
        body=dated.path.read_bytes(),
        duration_ms=0,
        fetcher="file",
    )

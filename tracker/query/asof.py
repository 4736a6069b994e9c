"""A document as it stood at a date (or at a named version), with the fetches that prove it.

The as-of rule is in :mod:`tracker.query.lookup`: the newest version first seen at or before
the end of the date. The proof is the version's :class:`~tracker.query.model.Provenance`: the
fetch that created it and the newest fetch at or before the date that still saw it (times,
HTTP status, final URL, raw and text SHA-256). The text is read from its blob and checked
against its hash on the way out. The view also carries the changes that made the version from
the one before, with their topics, severity, direction and reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.errors import UsageError
from tracker.model import Change
from tracker.query.dates import When, parse_when
from tracker.query.lookup import (
    find_document,
    latest_version_of,
    provenance,
    resolve_version,
    version_as_of,
    version_by_number,
)
from tracker.query.model import Provenance, StoredClause
from tracker.query.versiondiff import Classifier, judge_unjudged, stored_diff
from tracker.store.blobs import read_text_blob
from tracker.store.records import version_clause_rows


@dataclass(frozen=True, slots=True)
class DocumentView:
    """The text and clauses of one version, why it is the one asked for, and its proof."""

    provenance: Provenance
    asked_at: When | None
    text: str
    clauses: tuple[StoredClause, ...]
    changes: tuple[Change, ...] = ()  # what made this version from the one before (stored)
    previous: int | None = None  # the number of the version before, when there is one


def show_document(
    session: Session,
    slug: str,
    *,
    at: str | None = None,
    version: str | None = None,
    classify: Classifier | None = None,
) -> DocumentView:
    """``slug`` as of the date ``at``, or at ``version`` (number or ``vN``), or its latest, with
    the changes that made it from the version before (``classify`` judges those stored before
    the classifier gave reasons)."""
    if at is not None and version is not None:
        raise UsageError("give either a date (--at) or a version (--version), not both")
    document = find_document(session, slug)
    when = parse_when(at) if at is not None else None
    if when is not None:
        row = version_as_of(session, document, when.end, when.text)
    elif version is not None:
        row = resolve_version(session, document, version)
    else:
        row = latest_version_of(session, document)
    proof = provenance(session, document, row, until=when.end if when else None)
    before = version_by_number(session, document, row.number - 1) if row.number > 1 else None
    changes: tuple[Change, ...] = ()
    if before is not None:
        diff = stored_diff(session, before, row)
        changes = (judge_unjudged(diff, classify) if classify else diff).changes
    return DocumentView(
        provenance=proof,
        asked_at=when,
        text=read_text_blob(session, row.text_sha256),
        clauses=tuple(StoredClause.of(r) for r in version_clause_rows(session, row.id)),
        changes=changes,
        previous=before.number if before is not None else None,
    )

"""The clause diff between any two stored versions of a document.

Between successive versions (``v3`` -> ``v4``) the diff is the one stored when ``v4`` was
recorded: the ``changes`` rows, with their topics and severity. Between any other pair
(``v1`` -> ``v4``, or backwards) it is computed now with :func:`tracker.diff.diff_clauses` on
the two versions' stored clauses (pure, same algorithm) and classified by the classifier passed
in (topics, severity, direction, reason); stored changes recorded before reasons existed are
classified the same way when one is passed.

Defaults: with neither end named, the last two versions; with only ``from`` named, from there
to the latest version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.diff import diff_clauses
from tracker.errors import NotFoundError, UsageError
from tracker.model import ClauseDiff
from tracker.query.lookup import (
    find_document,
    latest_version_of,
    provenance,
    resolve_version,
    version_by_number,
)
from tracker.query.model import Provenance
from tracker.store.records import (
    change_from_row,
    clause_from_row,
    clause_rows_by_id,
    version_clause_rows,
)
from tracker.store.schema import ChangeRow, Document, Version

Classifier = Callable[[ClauseDiff], ClauseDiff]


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """The diff from ``old`` to ``new``; ``stored`` says whether it was read or computed, and
    ``graded`` whether a classifier judged it (topics, severity, direction, reason)."""

    old: Provenance
    new: Provenance
    diff: ClauseDiff
    stored: bool
    graded: bool = True


def diff_versions(
    session: Session,
    slug: str,
    from_ref: str | None = None,
    to_ref: str | None = None,
    *,
    classify: Classifier | None = None,
) -> VersionDiff:
    """The clause diff of ``slug`` between two versions (see the module docstring)."""
    document = find_document(session, slug)
    old, new = _ends(session, document, from_ref, to_ref)
    if old.id == new.id:
        raise UsageError(f"nothing to compare: both ends are version {old.number}")
    if new.number == old.number + 1:
        diff, stored = stored_diff(session, old, new), True
        if classify:
            diff = judge_unjudged(diff, classify)
    else:
        old_rows = version_clause_rows(session, old.id)
        new_rows = version_clause_rows(session, new.id)
        diff = diff_clauses(
            [clause_from_row(r) for r in old_rows], [clause_from_row(r) for r in new_rows]
        )
        diff, stored = (classify(diff) if classify else diff), False
    return VersionDiff(
        old=provenance(session, document, old),
        new=provenance(session, document, new),
        diff=diff,
        stored=stored,
        graded=stored or classify is not None,
    )


def judge_unjudged(diff: ClauseDiff, classify: Classifier) -> ClauseDiff:
    """``diff`` with the stored changes that carry no reason (recorded before the classifier
    gave reasons) classified now; the others are kept as they were recorded."""
    pending = [i for i, change in enumerate(diff.changes) if change.reason is None]
    if not pending:
        return diff
    judged = classify(replace(diff, changes=tuple(diff.changes[i] for i in pending))).changes
    changes = list(diff.changes)
    for i, change in zip(pending, judged, strict=True):
        changes[i] = change
    return replace(diff, changes=tuple(changes))


def stored_diff(session: Session, old: Version, new: Version) -> ClauseDiff:
    """The diff recorded when ``new`` was stored after ``old``, rebuilt from the changes rows."""
    rows = list(
        session.scalars(
            select(ChangeRow)
            .where(
                ChangeRow.document_id == new.document_id,
                ChangeRow.to_version_id == new.id,
                ChangeRow.from_version_id == old.id,
            )
            .order_by(ChangeRow.position)
        )
    )
    clauses = clause_rows_by_id(
        session, [i for row in rows for i in (*row.old_clause_ids, *row.new_clause_ids)]
    )
    changed_new = {i for row in rows for i in row.new_clause_ids}
    return ClauseDiff(
        unchanged=max(0, new.clause_count - len(changed_new)),
        changes=tuple(change_from_row(row, clauses) for row in rows),
    )


def _ends(
    session: Session, document: Document, from_ref: str | None, to_ref: str | None
) -> tuple[Version, Version]:
    if from_ref is None and to_ref is not None:
        raise UsageError("give FROM before TO")
    new = (
        resolve_version(session, document, to_ref)
        if to_ref is not None
        else latest_version_of(session, document)
    )
    if from_ref is not None:
        return resolve_version(session, document, from_ref), new
    if new.number == 1:
        raise NotFoundError(f"document {document.slug!r} has only one version: nothing to diff")
    return version_by_number(session, document, new.number - 1), new

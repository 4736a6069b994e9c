"""A document's versions, newest first, with a one-line summary of what each one changed.

History is paginated: ``limit`` versions (default :data:`DEFAULT_LIMIT`, ``None`` for all) from
``offset`` (0 = the newest). A document checked nightly for years with frequent edits can have
thousands of versions; a page costs one indexed range read on ``(document_id, number)`` and one
grouped read of the page's changes, whatever the document's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.errors import UsageError
from tracker.model import CHANGE_KINDS
from tracker.query.lookup import find_document
from tracker.query.model import DocumentRef, VersionInfo
from tracker.store.schema import ChangeRow, Version
from tracker.vocabulary import SEVERITIES, Source, highest_severity

DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class ChangeCounts:
    """How many changes of each kind a version made, how many of each severity (highest
    first, only those present), and the highest severity among them."""

    kinds: tuple[tuple[str, int], ...]
    highest_severity: str
    severities: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return sum(count for _, count in self.kinds)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    version: VersionInfo
    changes: ChangeCounts

    @property
    def summary(self) -> str:
        """``"first version"``, ``"3 modified, 1 added (high)"``, ``"technical re-derivation"``."""
        if self.version.technical and self.version.source != Source.OBSERVED:
            return "technical (the archive re-extracted its own record)"
        if self.version.technical:
            return "technical re-derivation (extractor or rules changed)"
        if self.version.number == 1:
            return "first version"
        if not self.changes.total:
            return "no clause changes"
        parts = ", ".join(f"{count} {kind}" for kind, count in self.changes.kinds)
        severity = self.changes.highest_severity
        return parts + (f" ({severity})" if severity != "none" else "")


@dataclass(frozen=True, slots=True)
class History:
    """One page of a document's versions, newest first."""

    document: DocumentRef
    total: int
    offset: int
    entries: tuple[HistoryEntry, ...]

    @property
    def complete(self) -> bool:
        return self.offset == 0 and len(self.entries) == self.total


def document_history(
    session: Session, slug: str, *, limit: int | None = DEFAULT_LIMIT, offset: int = 0
) -> History:
    """Versions of ``slug`` newest first: ``limit`` of them (None: all) after ``offset``."""
    if (limit is not None and limit < 1) or offset < 0:
        raise UsageError("history limit must be at least 1 and offset at least 0")
    document = find_document(session, slug)
    total = session.scalar(select(func.count()).where(Version.document_id == document.id)) or 0
    query = (
        select(Version)
        .where(Version.document_id == document.id)
        .order_by(Version.number.desc())
        .offset(offset)
    )
    versions = list(session.scalars(query if limit is None else query.limit(limit)))
    counts = change_counts(session, document.id, [v.id for v in versions])
    empty = ChangeCounts(kinds=(), highest_severity="none")
    return History(
        document=DocumentRef.of(document),
        total=total,
        offset=offset,
        entries=tuple(HistoryEntry(VersionInfo.of(v), counts.get(v.id, empty)) for v in versions),
    )


def change_counts(
    session: Session, document_id: int, version_ids: list[int]
) -> dict[int, ChangeCounts]:
    """Change counts by kind and highest severity for each of ``version_ids`` (as new side)."""
    if not version_ids:
        return {}
    rows = session.execute(
        select(ChangeRow.to_version_id, ChangeRow.kind, ChangeRow.severity, func.count())
        .where(ChangeRow.document_id == document_id, ChangeRow.to_version_id.in_(version_ids))
        .group_by(ChangeRow.to_version_id, ChangeRow.kind, ChangeRow.severity)
    )
    kinds: dict[int, dict[str, int]] = {}
    severities: dict[int, dict[str, int]] = {}
    for version_id, kind, severity, count in rows:
        per_kind = kinds.setdefault(version_id, {})
        per_kind[kind] = per_kind.get(kind, 0) + count
        per_severity = severities.setdefault(version_id, {})
        per_severity[severity] = per_severity.get(severity, 0) + count
    return {
        version_id: ChangeCounts(
            kinds=tuple((k, per_kind[k]) for k in _kind_order(per_kind)),
            highest_severity=highest_severity(severities[version_id]),
            severities=tuple(
                (s, severities[version_id][s]) for s in SEVERITIES if s in severities[version_id]
            ),
        )
        for version_id, per_kind in kinds.items()
    }


def _kind_order(per_kind: dict[str, int]) -> list[str]:
    known = [kind for kind in CHANGE_KINDS if kind in per_kind]
    return known + sorted(set(per_kind) - set(known))

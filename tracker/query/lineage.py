"""One clause across versions: first tracked, last verified, and each wording it had.

A clause's *lineage* is what the pipeline carries from version to version through unchanged,
moved, cosmetic and modified changes (:func:`tracker.store.records.continued_lineages`); its id is
the database id of the lineage's first clause. A clause is named either by a clause database id
(any clause of the lineage; ``tracker search`` and ``tracker quote`` print them) or by the
extractor's key (``p-3f9a0c1b2d4e``), which means the newest clause with that key (give the
document when several documents have one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.diff import word_diff
from tracker.errors import NotFoundError, UsageError
from tracker.model import InlineOp
from tracker.query.lookup import find_document
from tracker.query.model import DocumentRef, StoredClause, VersionInfo
from tracker.store.schema import ClauseRow, Document, Version


@dataclass(frozen=True, slots=True)
class Wording:
    """One wording of the clause, held from version ``first`` to version ``last``.

    ``inline`` is the word diff from the previous wording (empty for the first).
    """

    clause: StoredClause
    first: VersionInfo
    last: VersionInfo
    inline: tuple[InlineOp, ...]


@dataclass(frozen=True, slots=True)
class ClauseLineage:
    document: DocumentRef
    lineage_id: int
    wordings: tuple[Wording, ...]
    removed_in: VersionInfo | None

    @property
    def first_tracked(self) -> datetime:
        return self.wordings[0].first.first_seen

    @property
    def last_verified(self) -> datetime:
        return self.wordings[-1].last.last_verified

    @property
    def current(self) -> StoredClause:
        return self.wordings[-1].clause


def clause_lineage(session: Session, ref: str, *, document: str | None = None) -> ClauseLineage:
    """The lineage of the clause named ``ref`` (a clause id or a key; see the module docstring)."""
    start = _find_clause(session, ref.strip(), document)
    lineage_id = start.lineage_id if start.lineage_id is not None else start.id
    rows: list[tuple[ClauseRow, Version]] = [
        (clause, version)
        for clause, version in session.execute(
            select(ClauseRow, Version)
            .join(Version, ClauseRow.version_id == Version.id)
            .where(ClauseRow.lineage_id == lineage_id)
            .order_by(Version.number, ClauseRow.position)
        )
    ] or [(start, session.get_one(Version, start.version_id))]
    owner = session.get_one(Document, rows[0][1].document_id)
    last_number = rows[-1][1].number
    successor = session.scalars(
        select(Version).where(Version.document_id == owner.id, Version.number == last_number + 1)
    ).one_or_none()
    return ClauseLineage(
        document=DocumentRef.of(owner),
        lineage_id=lineage_id,
        wordings=_wordings(rows),
        removed_in=VersionInfo.of(successor) if successor else None,
    )


def _wordings(rows: list[tuple[ClauseRow, Version]]) -> tuple[Wording, ...]:
    wordings: list[Wording] = []
    seen_versions: set[int] = set()
    for row, version in rows:
        if version.id in seen_versions:
            continue  # a split can leave two clauses of one lineage in a version: keep the first
        seen_versions.add(version.id)
        stored = StoredClause.of(row)
        info = VersionInfo.of(version)
        if wordings and wordings[-1].clause.clause.sha256 == row.sha256:
            previous = wordings[-1]
            wordings[-1] = Wording(previous.clause, previous.first, info, previous.inline)
            continue
        inline = (
            word_diff(wordings[-1].clause.clause.display_text, stored.clause.display_text)
            if wordings
            else ()
        )
        wordings.append(Wording(stored, info, info, inline))
    return tuple(wordings)


def _find_clause(session: Session, ref: str, document: str | None) -> ClauseRow:
    scope = find_document(session, document) if document is not None else None
    if ref.isdigit():
        row = session.get(ClauseRow, int(ref))
        if row is None or (
            scope is not None and session.get_one(Version, row.version_id).document_id != scope.id
        ):
            raise NotFoundError(f"no clause with id {ref}")
        return row
    query = (
        select(ClauseRow, Version.document_id)
        .join(Version, ClauseRow.version_id == Version.id)
        .where(ClauseRow.key == ref)
        .order_by(Version.first_seen.desc(), Version.number.desc())
    )
    if scope is not None:
        query = query.where(Version.document_id == scope.id)
    found = list(session.execute(query.limit(200)))
    if not found:
        raise NotFoundError(f"no clause with id or key {ref!r}")
    owners = {document_id for _, document_id in found}
    if len(owners) > 1:
        slugs = sorted(session.get_one(Document, d).slug for d in owners)
        raise UsageError(
            f"clause key {ref!r} is in several documents ({', '.join(slugs)}): give --document"
        )
    return found[0][0]

"""Reading what a digest reports from the database (the only I/O of digest building)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.digest.model import DigestData, DocumentChanges, FailureNote, VersionEvidence
from tracker.store.records import change_from_row, clause_rows_by_id
from tracker.store.schema import (
    OUTCOME_FAILED,
    OUTCOME_SUSPECT,
    ChangeRow,
    Document,
    Fetch,
    Version,
)


def collect_digest(
    session: Session, *, since: datetime | None, until: datetime, now: datetime
) -> DigestData:
    """Every reported change of versions first seen in ``(since, until]``, and current failures.

    Technical versions (re-derivations after an extractor or rule change) are never reported.
    """
    query = (
        select(Version, Document)
        .join(Document, Version.document_id == Document.id)
        .where(Version.first_seen <= until, Version.number > 1, Version.technical.is_(False))
        .order_by(Document.slug, Version.number)
    )
    if since is not None:
        query = query.where(Version.first_seen > since)
    entries = [
        _document_changes(session, document, version)
        for version, document in session.execute(query)
    ]
    change_ids = (
        [
            row_id
            for row_id in session.scalars(
                select(ChangeRow.id).where(
                    ChangeRow.to_version_id.in_([e.new.version_id for e in entries])
                )
            )
        ]
        if entries
        else []
    )
    return DigestData(
        generated_at=now,
        period_start=since,
        period_end=until,
        documents=tuple(entries),
        failures=tuple(current_failures(session)),
        first_change_id=min(change_ids) if change_ids else None,
        last_change_id=max(change_ids) if change_ids else None,
    )


def _document_changes(session: Session, document: Document, version: Version) -> DocumentChanges:
    previous = session.scalars(
        select(Version).where(
            Version.document_id == document.id, Version.number == version.number - 1
        )
    ).one()
    rows = list(
        session.scalars(
            select(ChangeRow)
            .where(ChangeRow.to_version_id == version.id)
            .order_by(ChangeRow.position)
        )
    )
    clauses = clause_rows_by_id(
        session, [i for row in rows for i in (*row.old_clause_ids, *row.new_clause_ids)]
    )
    changed_new = {i for row in rows for i in row.new_clause_ids}
    return DocumentChanges(
        slug=document.slug,
        service=document.service,
        type=document.type,
        old=version_evidence(session, document, previous),
        new=version_evidence(session, document, version),
        changes=tuple(change_from_row(row, clauses) for row in rows),
        unchanged=max(0, version.clause_count - len(changed_new)),
    )


def version_evidence(session: Session, document: Document, version: Version) -> VersionEvidence:
    """Provenance of ``version``: the URL it was fetched from, when, and its hashes."""
    creating = session.scalars(
        select(Fetch).where(Fetch.version_id == version.id).order_by(Fetch.id).limit(1)
    ).first()
    return VersionEvidence(
        version_id=version.id,
        number=version.number,
        url=(creating.final_url or creating.url) if creating else document.url,
        fetched_at=version.first_seen,
        raw_sha256=version.raw_sha256,
        text_sha256=version.text_sha256,
    )


def current_failures(session: Session) -> list[FailureNote]:
    """Active documents whose latest fetch failed or looks suspect, with the streak length."""
    notes = []
    for document in session.scalars(
        select(Document).where(Document.active.is_(True)).order_by(Document.slug)
    ):
        recent = list(
            session.scalars(
                select(Fetch)
                .where(Fetch.document_id == document.id)
                .order_by(Fetch.started_at.desc(), Fetch.id.desc())
                .limit(100)
            )
        )
        streak = []
        for fetch in recent:
            if fetch.outcome not in (OUTCOME_FAILED, OUTCOME_SUSPECT):
                break
            streak.append(fetch)
        if streak:
            newest = streak[0]
            notes.append(
                FailureNote(
                    slug=document.slug,
                    url=document.url,
                    error_kind=newest.error_kind or newest.outcome,
                    error_message=newest.error_message or "",
                    since=streak[-1].started_at,
                    consecutive=len(streak),
                )
            )
    return notes

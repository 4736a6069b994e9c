"""Per-document counts of what is stored: versions, changes, fetches, last verification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.store.schema import ChangeRow, Document, Fetch, Version


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    slug: str
    versions: int
    technical_versions: int
    changes: int
    fetches: int
    failed_fetches: int
    last_verified: datetime | None


def document_summaries(session: Session) -> list[DocumentSummary]:
    """One summary per stored document, ordered by slug."""
    summaries = []
    for document in session.scalars(select(Document).order_by(Document.slug)):
        versions = (
            session.scalar(select(func.count()).where(Version.document_id == document.id)) or 0
        )
        technical = (
            session.scalar(
                select(func.count()).where(
                    Version.document_id == document.id, Version.technical.is_(True)
                )
            )
            or 0
        )
        reported_changes = (
            session.scalar(
                select(func.count())
                .select_from(ChangeRow)
                .join(Version, ChangeRow.to_version_id == Version.id)
                .where(ChangeRow.document_id == document.id, Version.technical.is_(False))
            )
            or 0
        )
        fetches = session.scalar(select(func.count()).where(Fetch.document_id == document.id)) or 0
        failed = (
            session.scalar(
                select(func.count()).where(
                    Fetch.document_id == document.id, Fetch.outcome == "failed"
                )
            )
            or 0
        )
        last_verified = session.scalar(
            select(func.max(Version.last_verified)).where(Version.document_id == document.id)
        )
        summaries.append(
            DocumentSummary(
                slug=document.slug,
                versions=versions,
                technical_versions=technical,
                changes=reported_changes,
                fetches=fetches,
                failed_fetches=failed,
                last_verified=last_verified,
            )
        )
    return summaries

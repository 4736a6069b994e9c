"""Every document at a glance: its latest version, its last change and how much it mattered,
and whether its latest fetches fail.

One statement per question for all documents at once, each an index lookup per document
(``versions (document_id, number)``, ``changes (document_id, to_version_id)``,
``fetches (document_id, started_at)``), so the overview costs the same with 100 versions or
100,000. Version numbers run 1, 2, 3... without gaps, so the latest number is the count.

**Health.** A document is *failing* (or *suspect*) when its newest fetch failed (or was held as
suspect, see README, Suspect pages); ``since`` is the first fetch of that streak (the first one
after the last good fetch), ``fetches`` how many fetches the streak holds, ``reason`` the
newest one's error kind and message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.query.lookup import VERSION_INFO_FIELDS
from tracker.query.model import DocumentRef, VersionInfo
from tracker.store.schema import ChangeRow, Document, Fetch, Version
from tracker.vocabulary import Outcome, Severity, highest_severity

_FAILURES = (Outcome.FAILED.value, Outcome.SUSPECT.value)


@dataclass(frozen=True, slots=True)
class LastChange:
    """The newest version that changed the document (technical re-derivations left out)."""

    version: VersionInfo
    changes: int
    highest_severity: Severity


@dataclass(frozen=True, slots=True)
class Health:
    """A document whose newest fetches failed or were held as suspect."""

    outcome: str  # failed or suspect
    kind: str  # the error kind (timeout, http-status, bot-wall, shrunk...)
    message: str
    since: datetime
    fetches: int
    last_good: datetime | None


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    document: DocumentRef
    active: bool
    latest: VersionInfo | None
    last_change: LastChange | None
    health: Health | None

    @property
    def versions(self) -> int:
        return self.latest.number if self.latest else 0


def documents_overview(session: Session) -> tuple[DocumentStatus, ...]:
    """Every stored document, ordered by slug (see the module docstring)."""
    documents = list(session.scalars(select(Document).order_by(Document.slug)))
    latest = _latest_versions(session)
    changed = _last_changes(session)
    health = _health(session, [d.id for d in documents if d.active])
    return tuple(
        DocumentStatus(
            document=DocumentRef.of(d),
            active=d.active,
            latest=latest.get(d.id),
            last_change=changed.get(d.id),
            health=health.get(d.id),
        )
        for d in documents
    )


def _version_columns() -> list[Any]:
    return [getattr(Version, name) for name in VERSION_INFO_FIELDS]


def _latest_versions(session: Session) -> dict[int, VersionInfo]:
    newest = (
        select(func.max(Version.number))
        .where(Version.document_id == Document.id)
        .correlate(Document)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Version.document_id, *_version_columns())
        .select_from(Document)
        .join(Version, (Version.document_id == Document.id) & (Version.number == newest))
    )
    return {row[0]: VersionInfo(*row[1:]) for row in rows}


def _last_changes(session: Session) -> dict[int, LastChange]:
    newest_real = (
        select(Version.id)
        .where(
            Version.document_id == Document.id,
            Version.number > 1,
            Version.technical.is_(False),
        )
        .order_by(Version.number.desc())
        .limit(1)
        .correlate(Document)
        .scalar_subquery()
    )
    rows = list(
        session.execute(
            select(Version.document_id, *_version_columns())
            .select_from(Document)
            .join(Version, Version.id == newest_real)
        )
    )
    counts: dict[int, list[tuple[str, int]]] = {}
    for version_id, severity, count in session.execute(
        select(ChangeRow.to_version_id, ChangeRow.severity, func.count())
        .select_from(Document)
        .join(
            ChangeRow,
            (ChangeRow.document_id == Document.id) & (ChangeRow.to_version_id == newest_real),
        )
        .group_by(ChangeRow.to_version_id, ChangeRow.severity)
    ):
        counts.setdefault(version_id, []).append((severity, count))
    return {
        row[0]: LastChange(
            version=VersionInfo(*row[1:]),
            changes=sum(n for _, n in counts.get(row[1], [])),
            highest_severity=highest_severity(s for s, _ in counts.get(row[1], [])),
        )
        for row in rows
    }


def _health(session: Session, document_ids: list[int]) -> dict[int, Health]:
    if not document_ids:
        return {}
    newest = (
        select(Fetch.id)
        .where(Fetch.document_id == Document.id)
        .order_by(Fetch.started_at.desc())
        .limit(1)
        .correlate(Document)
        .scalar_subquery()
    )
    failing = list(
        session.execute(
            select(Fetch)
            .select_from(Document)
            .join(Fetch, Fetch.id == newest)
            .where(Document.id.in_(document_ids), Fetch.outcome.in_(_FAILURES))
        ).scalars()
    )
    return {fetch.document_id: _streak(session, fetch) for fetch in failing}


def _streak(session: Session, newest: Fetch) -> Health:
    last_good = session.scalar(
        select(Fetch.started_at)
        .where(Fetch.document_id == newest.document_id, Fetch.outcome.not_in(_FAILURES))
        .order_by(Fetch.started_at.desc())
        .limit(1)
    )
    after = select(func.min(Fetch.started_at), func.count()).where(
        Fetch.document_id == newest.document_id
    )
    if last_good is not None:
        after = after.where(Fetch.started_at > last_good)
    since, count = session.execute(after).one()
    return Health(
        outcome=newest.outcome,
        kind=newest.error_kind or newest.outcome,
        message=newest.error_message or "",
        since=since or newest.started_at,
        fetches=count or 1,
        last_good=last_good,
    )

"""Changes across documents, newest first, filtered by date, severity, topic, service, document.

Filters:

- ``since``: changes recorded at or after that instant (``changes.created_at``, indexed);
- ``severity``: that severity *or higher* (high > medium > low > none);
- ``topic``: the change's topics contain that topic. Topics are a JSON list, which SQLite and
  PostgreSQL query differently; so the SQL narrows portably with ``LIKE '%"topic"%'`` on the
  JSON text (the topic JSON-encoded as stored, wildcards escaped), and each candidate is then
  checked exactly in Python on the decoded list, which is what decides;
- ``service``: the document's service name (case-insensitive), or its slug's first part
  (``together-ai``);
- ``document``: one document slug.

Changes of technical versions (re-derivations after an extractor or rule change) are never
listed: they are not changes of the document. ``limit`` caps the entries (newest first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, String, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from tracker.errors import NotFoundError, UsageError
from tracker.model import Change
from tracker.query.lookup import find_document
from tracker.query.model import DocumentRef
from tracker.query.text import like_pattern
from tracker.store.records import change_from_row, clause_rows_by_id
from tracker.store.schema import ChangeRow, Document, Version
from tracker.vocabulary import SEVERITIES

DEFAULT_LIMIT = 100
_BATCH = 200


@dataclass(frozen=True, slots=True)
class LogFilters:
    since: datetime | None = None
    severity: str | None = None
    topic: str | None = None
    service: str | None = None
    document: str | None = None
    limit: int | None = DEFAULT_LIMIT


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One change of one document between two successive versions."""

    change_id: int
    document: DocumentRef
    from_version: int
    to_version: int
    recorded_at: datetime
    change: Change
    #: the source of the version it led to: observed, or imported / archived history
    source: str = "observed"


def change_log(session: Session, filters: LogFilters) -> tuple[LogEntry, ...]:
    """The changes matching ``filters``, newest first (see the module docstring)."""
    if filters.limit is not None and filters.limit < 1:
        raise UsageError("log limit must be at least 1")
    old, new = aliased(Version), aliased(Version)
    query = (
        select(ChangeRow, Document, old.number, new.number, new.source)
        .join(Document, ChangeRow.document_id == Document.id)
        .join(new, ChangeRow.to_version_id == new.id)
        .join(old, ChangeRow.from_version_id == old.id)
        .where(new.technical.is_(False), *_conditions(session, filters))
        .order_by(ChangeRow.created_at.desc(), ChangeRow.id.desc())
    )
    entries: list[LogEntry] = []
    offset = 0
    while filters.limit is None or len(entries) < filters.limit:
        batch = list(session.execute(query.offset(offset).limit(_BATCH)))
        rows = [row for row in batch if _has_topic(row[0], filters.topic)]
        clauses = clause_rows_by_id(
            session, [i for row in rows for i in (*row[0].old_clause_ids, *row[0].new_clause_ids)]
        )
        entries.extend(
            LogEntry(
                change_id=change.id,
                document=DocumentRef.of(document),
                from_version=old_number,
                to_version=new_number,
                recorded_at=change.created_at,
                change=change_from_row(change, clauses),
                source=source,
            )
            for change, document, old_number, new_number, source in rows
        )
        if len(batch) < _BATCH:
            break
        offset += _BATCH
    return tuple(entries[: filters.limit])


def severities_at_least(level: str) -> tuple[str, ...]:
    """``level`` and every higher severity; a :class:`UsageError` for an unknown level."""
    if level not in SEVERITIES:
        raise UsageError(f"unknown severity {level!r} (one of {', '.join(SEVERITIES)})")
    return SEVERITIES[: SEVERITIES.index(level) + 1]


def _conditions(session: Session, filters: LogFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.since is not None:
        conditions.append(ChangeRow.created_at >= filters.since)
    if filters.severity is not None:
        conditions.append(ChangeRow.severity.in_(severities_at_least(filters.severity)))
    if filters.topic is not None:
        pattern = like_pattern(json.dumps(filters.topic))
        conditions.append(cast(ChangeRow.topics, String).like(pattern, escape="\\"))
    if filters.document is not None:
        document = find_document(session, filters.document)
        conditions.append(ChangeRow.document_id == document.id)
    if filters.service is not None:
        conditions.append(_service_clause(session, filters.service))
    return conditions


def _service_clause(session: Session, service: str) -> ColumnElement[bool]:
    wanted = service.strip().lower()
    condition = or_(
        func.lower(Document.service) == wanted,
        Document.slug.like(like_pattern(wanted, anywhere=False) + "/%", escape="\\"),
    )
    if session.scalar(select(func.count()).select_from(Document).where(condition)) == 0:
        raise NotFoundError(f"no stored document of service {service!r}")
    return condition


def _has_topic(change: ChangeRow, topic: str | None) -> bool:
    return topic is None or topic in change.topics

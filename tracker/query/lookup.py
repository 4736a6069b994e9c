"""Finding what a query names: a document by slug, a version by number or by date.

A version is named by its number within the document (``3`` or ``v3``, as ``tracker history``
shows it), or by a date (``2025-05-06`` or an ISO date-time), meaning the version the document
had then.

**The as-of rule.** The document *as of* a date is its newest version whose ``first_seen`` is
at or before the end of that date: for a day ``YYYY-MM-DD``, 23:59:59.999999 UTC that day; for
a date-time, that instant. A version first seen during the day therefore counts for that day.
A date before the document's first version is an error (nothing was known then).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tracker.errors import NotFoundError, UsageError
from tracker.query.dates import parse_when
from tracker.query.model import DocumentRef, FetchProof, Provenance, VersionInfo, format_instant
from tracker.store.schema import Document, Fetch, Run, Version
from tracker.vocabulary import Source, Trigger

_VERSION_NUMBER = re.compile(r"^[vV]?(\d+)$")
#: The columns of ``versions`` that make a :class:`VersionInfo`, in its field order.
VERSION_INFO_FIELDS = tuple(f.name for f in fields(VersionInfo))


def find_document(session: Session, slug: str) -> Document:
    """The stored document ``slug``, or a :class:`NotFoundError` naming the known ones."""
    document = session.scalars(select(Document).where(Document.slug == slug)).one_or_none()
    if document is None:
        known = list(session.scalars(select(Document.slug).order_by(Document.slug).limit(6)))
        hint = f" (stored: {', '.join(known[:5])}{', ...' if len(known) > 5 else ''})"
        raise NotFoundError(f"unknown document {slug!r}{hint if known else ''}")
    return document


def document_refs(session: Session) -> list[DocumentRef]:
    """Every stored document, by slug."""
    return [DocumentRef.of(d) for d in session.scalars(select(Document).order_by(Document.slug))]


def latest_version_of(session: Session, document: Document) -> Version:
    version = session.scalars(
        select(Version)
        .where(Version.document_id == document.id)
        .order_by(Version.number.desc())
        .limit(1)
    ).first()
    if version is None:
        raise NotFoundError(f"document {document.slug!r} has no stored version yet")
    return version


def version_by_number(session: Session, document: Document, number: int) -> Version:
    version = session.scalars(
        select(Version).where(Version.document_id == document.id, Version.number == number)
    ).one_or_none()
    if version is None:
        count = session.scalar(select(func.count()).where(Version.document_id == document.id))
        raise NotFoundError(
            f"document {document.slug!r} has no version {number} (it has {count or 0})"
        )
    return version


def version_as_of(session: Session, document: Document, moment: datetime, asked: str) -> Version:
    """The version in force at ``moment`` (see the as-of rule in the module docstring)."""
    version = session.scalars(
        select(Version)
        .where(Version.document_id == document.id, Version.first_seen <= moment)
        .order_by(Version.first_seen.desc(), Version.number.desc())
        .limit(1)
    ).first()
    if version is None:
        first = session.scalars(
            select(Version)
            .where(Version.document_id == document.id)
            .order_by(Version.number)
            .limit(1)
        ).first()
        if first is None:
            raise NotFoundError(f"document {document.slug!r} has no stored version yet")
        raise NotFoundError(
            f"document {document.slug!r} has no version as of {asked}: "
            f"its first version was first seen {format_instant(first.first_seen)}"
        )
    return version


def resolve_version(session: Session, document: Document, ref: str) -> Version:
    """The version named ``ref``: ``3``, ``v3``, ``latest``, or a date (as-of rule)."""
    text = ref.strip()
    if text.lower() == "latest":
        return latest_version_of(session, document)
    number = _VERSION_NUMBER.match(text)
    if number:
        return version_by_number(session, document, int(number.group(1)))
    if not text[:4].isdigit():
        raise UsageError(
            f"invalid version {ref!r}: expected a number (3 or v3), 'latest' or a date"
        )
    when = parse_when(text)
    return version_as_of(session, document, when.end, ref)


def provenance(
    session: Session, document: Document, version: Version, *, until: datetime | None = None
) -> Provenance:
    """The version with the fetch that created it and the newest fetch that saw it.

    With ``until``, the newest fetch is the newest one at or before ``until``, so it proves what
    the page said at that time.
    """
    seen = select(Fetch).where(Fetch.version_id == version.id)
    first = session.scalars(seen.order_by(Fetch.started_at, Fetch.id).limit(1)).first()
    last_query = seen if until is None else seen.where(Fetch.started_at <= until)
    last = session.scalars(
        last_query.order_by(Fetch.started_at.desc(), Fetch.id.desc()).limit(1)
    ).first()
    own = last_query.where(Fetch.source == Source.OBSERVED)
    last_own = session.scalars(
        own.order_by(Fetch.started_at.desc(), Fetch.id.desc()).limit(1)
    ).first()
    count = session.scalar(select(func.count()).where(Fetch.version_id == version.id)) or 0
    successor = session.scalars(
        select(Version).where(
            Version.document_id == document.id, Version.number == version.number + 1
        )
    ).one_or_none()
    replayed = replayed_runs(session, [f.run_id for f in (first, last, last_own) if f is not None])
    return Provenance(
        document=DocumentRef.of(document),
        version=VersionInfo.of(version),
        first_fetch=FetchProof.of(first, version, replayed=first.run_id in replayed)
        if first
        else None,
        last_fetch=FetchProof.of(last, version, replayed=last.run_id in replayed) if last else None,
        fetch_count=count,
        next_version=VersionInfo.of(successor) if successor else None,
        last_own_fetch=(
            FetchProof.of(last_own, version, replayed=last_own.run_id in replayed)
            if last_own
            else None
        ),
    )


def replayed_runs(session: Session, run_ids: Iterable[int | None]) -> set[int]:
    """Which of ``run_ids`` were demo runs, whose pages were replayed from an archive."""
    ids = {run_id for run_id in run_ids if run_id is not None}
    if not ids:
        return set()
    query = select(Run.id).where(Run.id.in_(ids), Run.trigger == Trigger.DEMO)
    return set(session.scalars(query))


def version_infos(
    session: Session, document: Document, numbers: Iterable[int] | None = None
) -> list[VersionInfo]:
    """Versions of ``document`` (only ``numbers`` if given), oldest first.

    Reads plain columns, not ORM objects: a document can have thousands of versions.
    """
    query = (
        select(*(getattr(Version, name) for name in VERSION_INFO_FIELDS))
        .where(Version.document_id == document.id)
        .order_by(Version.number)
    )
    if numbers is not None:
        query = query.where(Version.number.in_(sorted(set(numbers))))
    return [VersionInfo(*row) for row in session.execute(query)]


#: Documents asked about per statement by :func:`version_infos_by_document` (SQLite limits the
#: depth of an expression tree: an OR of 1,000 terms is too deep).
_DOCUMENTS_PER_STATEMENT = 200


def version_infos_by_document(
    session: Session, wanted: Mapping[int, Iterable[int]]
) -> dict[int, list[VersionInfo]]:
    """For each document id of ``wanted``, its versions with the given numbers, oldest first;
    one statement per :data:`_DOCUMENTS_PER_STATEMENT` documents, each term an index lookup."""
    found: dict[int, list[VersionInfo]] = {document_id: [] for document_id in wanted}
    terms = [
        and_(Version.document_id == document_id, Version.number.in_(sorted(set(numbers))))
        for document_id, numbers in sorted(wanted.items())
    ]
    columns = [getattr(Version, name) for name in VERSION_INFO_FIELDS]
    for start in range(0, len(terms), _DOCUMENTS_PER_STATEMENT):
        query = (
            select(Version.document_id, *columns)
            .where(or_(*terms[start : start + _DOCUMENTS_PER_STATEMENT]))
            .order_by(Version.document_id, Version.number)
        )
        for row in session.execute(query):
            found[row[0]].append(VersionInfo(*row[1:]))
    return found


def document_versions(session: Session, document: Document) -> list[VersionInfo]:
    """Every version of ``document``, oldest first (small rows: no texts)."""
    return version_infos(session, document)

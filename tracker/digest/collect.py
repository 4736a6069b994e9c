"""Reading what a digest reports from the database (the only I/O of digest building).

Which versions a digest covers is decided by :mod:`tracker.digest.bookkeeping`; this module
turns a list of version ids into a :class:`DigestData` of plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.digest.bookkeeping import reportable
from tracker.digest.model import (
    DigestData,
    DocumentRef,
    FailureNote,
    NewDocument,
    ReportedChange,
    VersionChanges,
    VersionEvidence,
)
from tracker.facts import FactChange, fact_changes
from tracker.store.records import change_from_row, clause_from_row, clause_rows_by_id
from tracker.store.schema import ChangeRow, ClauseRow, Document, Fetch, Version, core_table
from tracker.vocabulary import Outcome, Source

#: How many of a document's latest fetches are read to measure a failure streak.
FAILURE_LOOKBACK = 400


def collect_digest(
    session: Session,
    version_ids: Iterable[int],
    *,
    now: datetime,
    since: datetime | None = None,
) -> DigestData:
    """The changes that led to each of ``version_ids``, and the documents failing now.

    Technical versions (re-derivations after an extractor or rule change), date-only
    versions (only an updated / effective date changed) and history imported from files or
    archives are never reported, even when asked for.
    """
    wanted = sorted(set(version_ids))
    transitions: list[VersionChanges] = []
    new_documents: list[NewDocument] = []
    steps: list[tuple[DocumentRef, Version]] = []
    if wanted:
        query = (
            select(Version, Document)
            .join(Document, Version.document_id == Document.id)
            .where(Version.id.in_(wanted), reportable())
            .order_by(Document.slug, Version.number)
        )
        for version, document in session.execute(query):
            ref = document_ref(document)
            if version.number == 1:
                new_documents.append(
                    NewDocument(
                        document=ref,
                        version=version_evidence(session, ref, version),
                        clause_count=version.clause_count,
                    )
                )
            else:
                steps.append((ref, version))
        transitions.extend(versions_changes(session, steps))
    return DigestData(
        generated_at=now,
        since=since,
        transitions=tuple(transitions),
        new_documents=tuple(new_documents),
        failures=tuple(current_failures(session)),
        fact_changes=tuple(reported_fact_changes(session, transitions)),
    )


def reported_fact_changes(
    session: Session, transitions: Sequence[VersionChanges]
) -> list[FactChange]:
    """The key-fact changes into the reported versions (stored answers, like for like)."""
    wanted = {t.new.version_id for t in transitions}
    found: list[FactChange] = []
    for slug in sorted({t.document.slug for t in transitions}):
        found += [
            c for c in fact_changes(session, document=slug) if c.new_version.version_id in wanted
        ]
    return found


def document_ref(document: Document) -> DocumentRef:
    return DocumentRef(
        slug=document.slug, service=document.service, type=document.type, url=document.url
    )


def version_changes(session: Session, document: DocumentRef, version: Version) -> VersionChanges:
    """The stored changes into ``version``, in reading order, each with its context clause."""
    return versions_changes(session, [(document, version)])[0]


def versions_changes(
    session: Session, items: Sequence[tuple[DocumentRef, Version]]
) -> list[VersionChanges]:
    """:func:`version_changes` of each of ``items`` (none of them a first version), read in a
    few statements per document whatever their number (a feed asks for 50 at once)."""
    if not items:
        return []
    documents = sorted({v.document_id for _, v in items})
    rows: dict[int, list[ChangeRow]] = {}
    for row in session.scalars(
        select(ChangeRow)
        .where(  # both columns of the index (document_id, to_version_id): index lookups
            ChangeRow.document_id.in_(documents),
            ChangeRow.to_version_id.in_(sorted({v.id for _, v in items})),
        )
        .order_by(ChangeRow.to_version_id, ChangeRow.position)
    ):
        rows.setdefault(row.to_version_id, []).append(row)
    wanted_before = {(v.document_id, v.number - 1): v.id for _, v in items}
    previous: dict[int, Version] = {}
    for older in session.scalars(
        select(Version).where(
            Version.document_id.in_(documents),
            Version.number.in_(sorted({number for _, number in wanted_before})),
        )
    ):
        if (key := (older.document_id, older.number)) in wanted_before:
            previous[wanted_before[key]] = older
    # each version's clause ids in reading order (no text), then whole rows only for the
    # clauses shown: those of the changes and the unchanged clause before each
    order: dict[int, list[int]] = {}
    wanted = {v.id for _, v in items} | {p.id for p in previous.values()}
    clauses = core_table(ClauseRow)
    for version_id, clause_id in session.execute(
        select(clauses.c.version_id, clauses.c.id)
        .where(clauses.c.version_id.in_(sorted(wanted)))
        .order_by(clauses.c.version_id, clauses.c.position)
    ):
        order.setdefault(version_id, []).append(clause_id)
    contexts = {
        version.id: _contexts(
            rows.get(version.id, []),
            order.get(previous[version.id].id, []),
            order.get(version.id, []),
        )
        for _, version in items
    }
    shown = {
        i for row in rows.values() for r in row for i in (*r.old_clause_ids, *r.new_clause_ids)
    }
    shown |= {i for found in contexts.values() for i in found if i is not None}
    by_id = clause_rows_by_id(session, shown)
    evidence = versions_evidence(
        session,
        [(document, v) for document, v in items]
        + [(document, previous[v.id]) for document, v in items],
    )
    return [
        _changes_of(
            document,
            version,
            previous[version.id],
            rows.get(version.id, []),
            contexts[version.id],
            by_id,
            evidence,
        )
        for document, version in items
    ]


def _changes_of(
    document: DocumentRef,
    version: Version,
    previous: Version,
    rows: Sequence[ChangeRow],
    contexts: Sequence[int | None],
    by_id: dict[int, ClauseRow],
    evidence: dict[int, VersionEvidence],
) -> VersionChanges:
    changed_new = {i for row in rows for i in row.new_clause_ids}
    changes = [
        ReportedChange(
            change_id=row.id,
            change=change_from_row(row, by_id),
            context=clause_from_row(by_id[context]) if context is not None else None,
        )
        for row, context in zip(rows, contexts, strict=True)
    ]
    return VersionChanges(
        document=document,
        old=evidence[previous.id],
        new=evidence[version.id],
        changes=tuple(changes),
        unchanged=max(0, version.clause_count - len(changed_new)),
    )


def _contexts(
    rows: Sequence[ChangeRow], old_order: Sequence[int], new_order: Sequence[int]
) -> list[int | None]:
    """For each change, the id of the clause shown before it: the one just before its first
    new clause (its first old clause, for a removal), if that one is unchanged."""
    changed_old = {i for row in rows for i in row.old_clause_ids}
    changed_new = {i for row in rows for i in row.new_clause_ids}
    old_positions = {clause_id: index for index, clause_id in enumerate(old_order)}
    new_positions = {clause_id: index for index, clause_id in enumerate(new_order)}
    found: list[int | None] = []
    for row in rows:
        if row.new_clause_ids:
            found.append(
                _preceding_unchanged(new_order, new_positions, row.new_clause_ids, changed_new)
            )
        else:
            found.append(
                _preceding_unchanged(old_order, old_positions, row.old_clause_ids, changed_old)
            )
    return found


def _preceding_unchanged(
    order: Sequence[int], positions: dict[int, int], clause_ids: Sequence[int], changed: set[int]
) -> int | None:
    """The id of the clause just before the first of ``clause_ids``, if that clause is
    unchanged."""
    first = min(positions[i] for i in clause_ids)
    if first == 0 or order[first - 1] in changed:
        return None
    return order[first - 1]


def version_evidence(session: Session, document: DocumentRef, version: Version) -> VersionEvidence:
    """Provenance of ``version``: the URL its page came from, when, and its hashes.

    A technical version (a re-derivation) was created by no fetch of its own: its evidence is
    the first fetch of the raw page it was re-derived from.
    """
    return versions_evidence(session, [(document, version)])[version.id]


def versions_evidence(
    session: Session, items: Sequence[tuple[DocumentRef, Version]]
) -> dict[int, VersionEvidence]:
    """:func:`version_evidence` of each of ``items``, by version id, in two statements (and one
    more per technical version)."""
    ids = sorted({v.id for _, v in items})
    first_ids = [
        fetch_id
        for (fetch_id,) in session.execute(
            select(func.min(Fetch.id)).where(Fetch.version_id.in_(ids)).group_by(Fetch.version_id)
        )
    ]
    creating = {
        f.version_id: f for f in session.scalars(select(Fetch).where(Fetch.id.in_(first_ids)))
    }
    found: dict[int, VersionEvidence] = {}
    for document, version in items:
        fetch = creating.get(version.id)
        if fetch is None and version.raw_sha256 is not None:
            fetch = session.scalars(
                select(Fetch)
                .where(
                    Fetch.document_id == version.document_id,
                    Fetch.raw_sha256 == version.raw_sha256,
                )
                .order_by(Fetch.id)
                .limit(1)
            ).first()
        found[version.id] = VersionEvidence(
            version_id=version.id,
            number=version.number,
            url=_fetched_url(fetch, document) if fetch else document.url,
            fetched_at=fetch.started_at if fetch else version.first_seen,
            last_verified=version.last_verified,
            raw_sha256=version.raw_sha256,
            text_sha256=version.text_sha256,
            title=version.title,
            effective_date=version.effective_date,
        )
    return found


def _fetched_url(fetch: Fetch, document: DocumentRef) -> str:
    """Where ``fetch`` (a fetch of ``document``) got its page: ``fetch.final_url or fetch.url``,
    with the document's URL taken from ``document`` instead of loading the fetch's document
    row (``Fetch.url`` does, one query per fetch: 50 in each run's feed, issue 14)."""
    if fetch.final_url:
        return fetch.final_url
    return fetch.stored_url if fetch.stored_url is not None else document.url


def current_failures(session: Session) -> list[FailureNote]:
    """Active documents whose latest fetches failed or look suspect, with the streak's length.

    Only our own fetches count: an archive's bot wall from last year is not today's health.
    """
    # Only a document whose newest fetch failed has a streak: those are found in one query
    # (the newest of each is read from ix_fetches_document_started), then read one by one.
    newest_outcome = (
        select(Fetch.outcome)
        .where(Fetch.document_id == Document.id, Fetch.source == Source.OBSERVED)
        .order_by(Fetch.started_at.desc(), Fetch.id.desc())
        .limit(1)
        .correlate(Document)
        .scalar_subquery()
    )
    notes = []
    for document in session.scalars(
        select(Document)
        .where(
            Document.active.is_(True),
            newest_outcome.in_((Outcome.FAILED, Outcome.SUSPECT)),
        )
        .order_by(Document.slug)
    ):
        recent = list(
            session.scalars(
                select(Fetch)
                .where(Fetch.document_id == document.id, Fetch.source == Source.OBSERVED)
                .order_by(Fetch.started_at.desc(), Fetch.id.desc())
                .limit(FAILURE_LOOKBACK)
            )
        )
        streak = []
        for fetch in recent:
            if fetch.outcome not in (Outcome.FAILED, Outcome.SUSPECT):
                break
            streak.append(fetch)
        if not streak:
            continue
        newest = streak[0]
        last_good = recent[len(streak)].started_at if len(streak) < len(recent) else None
        notes.append(
            FailureNote(
                document=document_ref(document),
                outcome=newest.outcome,
                error_kind=newest.error_kind or newest.outcome,
                error_message=newest.error_message or "",
                since=streak[-1].started_at,
                consecutive=len(streak),
                nights=len({fetch.started_at.date() for fetch in streak}),
                last_good=last_good,
            )
        )
    return notes


@dataclass(frozen=True, slots=True)
class Watch:
    """What a heartbeat says: the active documents a subscription follows that have a version,
    and which of them are failing now."""

    verified: int
    failures: tuple[FailureNote, ...]


def watch_summary(session: Session, covers: Callable[[str, str], bool]) -> Watch:
    """The heartbeat's numbers over the documents ``covers(slug, service)`` accepts."""
    with_versions = set(session.scalars(select(Version.document_id).distinct()))
    followed = [
        d
        for d in session.scalars(select(Document).where(Document.active.is_(True)))
        if d.id in with_versions and covers(d.slug, d.service)
    ]
    failures = tuple(
        f for f in current_failures(session) if covers(f.document.slug, f.document.service)
    )
    failing = {f.document.slug for f in failures}
    return Watch(verified=sum(1 for d in followed if d.slug not in failing), failures=failures)

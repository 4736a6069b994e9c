"""Reading stored key facts: current answers per document, their history, contradictions.

- :func:`current_facts`: each document's latest version (technical or not) and its answers
  under the newest rules it was answered with, with the version's "last verified" time.
- :func:`fact_changes`: answers that differ between two successive versions, compared under the
  rules the newer version was answered with when it was recorded (never across rule sets). A
  technical version (a re-derivation after an extractor change) never makes a change: the next
  real version is compared with it, like for like.
- :func:`contradictions_among`: documents of one service whose current answers are "yes" and
  "no" (the pure :func:`~tracker.classify.find_contradictions` on stored answers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.classify.rules import Answer
from tracker.errors import NotFoundError
from tracker.facts.model import (
    DocumentFacts,
    FactChange,
    FactContradiction,
    FactStatement,
    KeyFact,
    VersionRef,
)
from tracker.store.schema import ClauseRow, Document, FactRow, Version

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def select_documents(
    session: Session, service: str | None = None, document: str | None = None
) -> list[Document]:
    """Documents by slug and/or service, ordered by slug. Unknown ones are a NotFoundError.

    ``service`` matches the service's name ("Together AI") case-insensitively, written as a
    slug ("together-ai"), or the first part of its documents' slugs.
    """
    query = select(Document).order_by(Document.slug)
    if document is not None:
        found = list(session.scalars(query.where(Document.slug == document)))
        if not found:
            raise NotFoundError(f"unknown document {document!r} (see `tracker documents`)")
    else:
        found = list(session.scalars(query))
    if service is not None:
        wanted = service.strip().casefold()
        matching = [d for d in found if wanted in _service_names(d)]
        if not matching:
            what = f"document {document!r} of service" if document else "service"
            raise NotFoundError(f"unknown {what} {service!r}")
        found = matching
    return found


def current_facts(
    session: Session, service: str | None = None, document: str | None = None
) -> list[DocumentFacts]:
    """The current key facts of each selected document (see :func:`select_documents`)."""
    return documents_facts(session, select_documents(session, service, document))


def documents_facts(session: Session, documents: Sequence[Document]) -> list[DocumentFacts]:
    """The current key facts of ``documents`` (in their order), in three statements whatever
    their number: the latest versions, then their answers under the newest rule set each was
    answered with."""
    if not documents:
        return []
    newest = (
        select(func.max(Version.number))
        .where(Version.document_id == Document.id)
        .correlate(Document)
        .scalar_subquery()
    )
    latest = {
        version.document_id: version
        for version in session.scalars(
            select(Version)
            .select_from(Document)
            .join(Version, (Version.document_id == Document.id) & (Version.number == newest))
            .where(Document.id.in_([d.id for d in documents]))
        )
    }
    rows: dict[int, list[tuple[FactRow, str | None]]] = {}
    if latest:
        for fact, key in session.execute(
            select(FactRow, ClauseRow.key)
            .outerjoin(ClauseRow, FactRow.clause_id == ClauseRow.id)
            .where(FactRow.version_id.in_(sorted(v.id for v in latest.values())))
            .order_by(FactRow.id)
        ):
            rows.setdefault(fact.version_id, []).append((fact, key))
    found = []
    for document in documents:
        version = latest.get(document.id)
        if version is None:
            found.append(DocumentFacts(document.slug, document.service, document.type, None, ()))
            continue
        answered = rows.get(version.id, [])
        facts = (
            tuple(_key_facts(answered, answered[-1][0].rules_fingerprint).values())
            if answered
            else ()
        )
        found.append(
            DocumentFacts(
                document.slug,
                document.service,
                document.type,
                version_ref(document, version),
                facts,
            )
        )
    return found


def fact_changes(
    session: Session,
    since: datetime | None = None,
    document: str | None = None,
    until: datetime | None = None,
) -> list[FactChange]:
    """Key facts whose answer changed, in versions first seen in ``(since, until]``.

    ``document`` restricts to one slug (unknown: NotFoundError). Ordered by when the new
    version was first seen, then slug, then fact in rule-file order. Each :class:`FactChange`
    has the old and new answer with their evidence, both versions, ``changed_on`` (the new
    version's first-seen time) and ``describe()``: "Is data sold? changed from no to yes on
    2026-03-02 (Privacy Policy v3)". Technical versions never appear as the new version.
    """
    query = (
        select(Version, Document)
        .join(Document, Version.document_id == Document.id)
        .where(Version.number > 1, Version.technical.is_(False))
        .order_by(Version.first_seen, Document.slug, Version.number)
    )
    if since is not None:
        query = query.where(Version.first_seen > since)
    if until is not None:
        query = query.where(Version.first_seen <= until)
    if document is not None:
        (selected,) = select_documents(session, document=document)
        query = query.where(Version.document_id == selected.id)
    changes: list[FactChange] = []
    for version, owner in session.execute(query).all():
        changes.extend(_changes_into(session, owner, version))
    return changes


def fact_changes_of(
    session: Session,
    documents: Sequence[Document],
    numbers: tuple[int, int] | None = None,
) -> list[FactChange]:
    """What :func:`fact_changes` reports for ``documents``, into the versions numbered
    ``numbers`` (first, last; all when None), read in one statement whatever their count.

    Same rules: like for like under the fingerprint the new version was first answered with,
    technical versions never the new side. Ordered like :func:`fact_changes`.
    """
    if not documents:
        return []
    owners = {d.id: d for d in documents}
    query = (
        select(FactRow, ClauseRow.key, Version)
        .join(Version, FactRow.version_id == Version.id)
        .outerjoin(ClauseRow, FactRow.clause_id == ClauseRow.id)
        .where(Version.document_id.in_(sorted(owners)))
        .order_by(FactRow.id)
    )
    if numbers is not None:
        query = query.where(Version.number.between(max(1, numbers[0] - 1), numbers[1]))
    rows: dict[int, list[tuple[FactRow, str | None]]] = {}
    versions: dict[int, Version] = {}
    for fact, key, version in session.execute(query):
        rows.setdefault(version.id, []).append((fact, key))
        versions[version.id] = version
    by_number = {(v.document_id, v.number): v for v in versions.values()}
    changes: list[FactChange] = []
    for version in sorted(
        versions.values(),
        key=lambda v: (v.first_seen, owners[v.document_id].slug, v.number),
    ):
        previous = by_number.get((version.document_id, version.number - 1))
        if version.technical or previous is None:
            continue
        if numbers is not None and not numbers[0] <= version.number <= numbers[1]:
            continue
        fingerprint = rows[version.id][0][0].rules_fingerprint
        new = _key_facts(rows[version.id], fingerprint)
        old = _key_facts(rows[previous.id], fingerprint)
        owner = owners[version.document_id]
        old_ref, new_ref = version_ref(owner, previous), version_ref(owner, version)
        changes.extend(
            FactChange(fact.fact_id, fact.question, old[fact_id], fact, old_ref, new_ref)
            for fact_id, fact in new.items()
            if fact_id in old and old[fact_id].answer != fact.answer
        )
    return changes


def _key_facts(rows: Sequence[tuple[FactRow, str | None]], fingerprint: str) -> dict[str, KeyFact]:
    kept = [(row, key) for row, key in rows if row.rules_fingerprint == fingerprint]
    return {row.fact_id: _key_fact(row, key) for row, key in kept}


def contradictions_among(documents: Sequence[DocumentFacts]) -> list[FactContradiction]:
    """Pairs of documents of the same service answering a fact "yes" and "no".

    Ordered by service, then as :func:`~tracker.classify.find_contradictions` orders them.
    """
    from tracker.classify import find_contradictions  # not imported by a night (issue 14)

    by_service: dict[str, list[DocumentFacts]] = {}
    for entry in documents:
        if entry.version is not None:
            by_service.setdefault(entry.service, []).append(entry)
    found: list[FactContradiction] = []
    for service in sorted(by_service):
        entries = {e.slug: e for e in by_service[service]}
        facts = {slug: {f.fact_id: f for f in e.facts} for slug, e in entries.items()}
        answers = {slug: [f.as_answer() for f in e.facts] for slug, e in entries.items()}
        for c in find_contradictions(answers):
            first, second = c.first[0], c.second[0]
            found.append(
                FactContradiction(
                    service=service,
                    fact_id=c.fact_id,
                    question=c.question,
                    first=_statement(entries[first], facts[first][c.fact_id]),
                    second=_statement(entries[second], facts[second][c.fact_id]),
                )
            )
    return found


def _statement(entry: DocumentFacts, fact: KeyFact) -> FactStatement:
    assert entry.version is not None
    return FactStatement(version=entry.version, fact=fact)


def _changes_into(session: Session, document: Document, version: Version) -> list[FactChange]:
    previous = session.scalars(
        select(Version).where(
            Version.document_id == document.id, Version.number == version.number - 1
        )
    ).one_or_none()
    first = session.scalars(
        select(FactRow).where(FactRow.version_id == version.id).order_by(FactRow.id).limit(1)
    ).first()
    if previous is None or first is None:
        return []
    new = stored_facts(session, version.id, first.rules_fingerprint)
    old = stored_facts(session, previous.id, first.rules_fingerprint)
    old_ref, new_ref = version_ref(document, previous), version_ref(document, version)
    return [
        FactChange(fact.fact_id, fact.question, old[fact_id], fact, old_ref, new_ref)
        for fact_id, fact in new.items()
        if fact_id in old and old[fact_id].answer != fact.answer
    ]


def stored_facts(session: Session, version_id: int, fingerprint: str) -> dict[str, KeyFact]:
    """The answers of one version under one rule set, by fact id, in rule-file order."""
    rows = session.execute(
        select(FactRow, ClauseRow.key)
        .outerjoin(ClauseRow, FactRow.clause_id == ClauseRow.id)
        .where(FactRow.version_id == version_id, FactRow.rules_fingerprint == fingerprint)
        .order_by(FactRow.id)
    ).all()
    return {row.fact_id: _key_fact(row, key) for row, key in rows}


def _key_fact(row: FactRow, key: str | None) -> KeyFact:
    return KeyFact(
        fact_id=row.fact_id,
        question=row.question,
        answer=_answer(row.answer),
        why=row.why,
        quote=row.quote,
        clause_id=key,
        clause_row_id=row.clause_id,
    )


def version_ref(document: Document, version: Version) -> VersionRef:
    return VersionRef(
        slug=document.slug,
        service=document.service,
        type=document.type,
        version_id=version.id,
        number=version.number,
        first_seen=version.first_seen,
        last_verified=version.last_verified,
        technical=version.technical,
    )


def _answer(stored: str) -> Answer:
    if stored in ("yes", "no", "not stated"):
        return cast(Answer, stored)
    raise ValueError(f"stored fact answer {stored!r} is not yes, no or not stated")


def _service_names(document: Document) -> tuple[str, ...]:
    name = document.service.casefold()
    return (name, _NOT_SLUG.sub("-", name).strip("-"), document.slug.split("/", 1)[0].casefold())

"""Key facts as the history answers them: each document's current answers with evidence, the
contradictions between documents of one service, and how a service's answers changed over time.

The answers themselves are read by :mod:`tracker.facts` (stored per version and rule set);
this module puts together what ``tracker facts`` and the web UI's service page show.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.facts import (
    DocumentFacts,
    FactChange,
    FactContradiction,
    contradictions_among,
    documents_facts,
    fact_changes_of,
    select_documents,
)
from tracker.store.schema import Document


@dataclass(frozen=True, slots=True)
class KeyFacts:
    """The selected documents' current answers, and the contradictions that involve them
    (a selected document against any document of its service)."""

    documents: tuple[DocumentFacts, ...]
    contradictions: tuple[FactContradiction, ...]


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """A service's key facts now and over time: every answer that changed, oldest first."""

    service: str
    now: KeyFacts
    changes: tuple[FactChange, ...]


def key_facts(
    session: Session, service: str | None = None, document: str | None = None
) -> KeyFacts:
    """Current answers of the documents selected by ``service`` and/or ``document`` (see
    :func:`tracker.facts.select_documents`), with their contradictions."""
    chosen = select_documents(session, service, document)
    services = {d.service for d in chosen}
    others = session.scalars(
        select(Document).where(Document.service.in_(sorted(services))).order_by(Document.slug)
    )
    peers = documents_facts(session, list(others))
    slugs = {d.slug for d in chosen}
    selected = [entry for entry in peers if entry.slug in slugs]
    found = [
        c
        for c in contradictions_among(peers)
        if c.first.version.slug in slugs or c.second.version.slug in slugs
    ]
    return KeyFacts(documents=tuple(selected), contradictions=tuple(found))


def service_facts(session: Session, service: str) -> ServiceFacts:
    """The key facts of ``service`` (a name or the first part of its slugs) over time."""
    documents = select_documents(session, service=service)
    return ServiceFacts(
        service=documents[0].service,
        now=key_facts(session, service=service),
        changes=tuple(fact_changes_of(session, documents)),
    )

"""Claims a third party makes about a policy, read from its page (pure: no I/O, no history).

A summary, a blog post or a policy-tracking site says what a document says: it quotes it,
cites a version of it, states its key facts. This room reads those claims; checking them
against the stored history is :mod:`tracker.query.claims`.

    read_page / page_from_text   page.py         a file, page or pasted text as lines
    choose_scope                 mentions.py     the tracked documents the page is about
    find_quotations              quotations.py   words given as the document's own
    find_citations               citations.py    a named document with a date
    find_statements              statements.py   a key fact stated as a label and yes/no
    read_claims                  (here)          all of it, as one PageClaims

Every claim keeps the sentence it was read from; what looks like a claim but cannot be read
as one is an :class:`Unchecked` with the reason, never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.claims.citations import find_citations
from tracker.claims.mentions import choose_scope, documents_named, services_named
from tracker.claims.model import (
    Citation,
    DatedPhrase,
    KnownDocument,
    PageClaims,
    Quotation,
    StatedFact,
    Unchecked,
)
from tracker.claims.page import Line, Page, page_from_document, page_from_text, read_page
from tracker.claims.quotations import find_quotations
from tracker.claims.statements import find_statements
from tracker.classify.rules import RuleSet


def read_claims(
    page: Page,
    rules: RuleSet,
    known: Sequence[KnownDocument],
    *,
    service: str | None = None,
    documents: Sequence[str] = (),
) -> PageClaims:
    """Every claim of ``page`` about the documents in scope (see :func:`choose_scope`)."""
    text = "\n".join(filter(None, [page.title, page.text]))
    scope = choose_scope(text, known, service=service, documents=documents)
    quotations, unquoted = find_quotations(page)
    citations, uncited, accessed = find_citations(page, scope)
    facts, unstated = find_statements(page, rules)
    unchecked = sorted([*unquoted, *uncited, *unstated], key=lambda u: u.position)
    return PageClaims(
        name=page.name,
        title=page.title,
        services=tuple(dict.fromkeys(d.service for d in scope)),
        documents=tuple(d.slug for d in scope),
        accessed=accessed,
        quotations=tuple(quotations),
        citations=tuple(citations),
        facts=tuple(facts),
        unchecked=tuple(unchecked),
    )


__all__ = [
    "Citation",
    "DatedPhrase",
    "KnownDocument",
    "Line",
    "Page",
    "PageClaims",
    "Quotation",
    "StatedFact",
    "Unchecked",
    "choose_scope",
    "documents_named",
    "find_citations",
    "find_quotations",
    "find_statements",
    "page_from_document",
    "page_from_text",
    "read_claims",
    "read_page",
    "services_named",
]

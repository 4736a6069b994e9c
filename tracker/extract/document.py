"""Assemble an :class:`ExtractedDocument` from blocks, and join several documents into one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.errors import EmptyDocumentError
from tracker.extract.blocks import Block
from tracker.extract.canonical import assign_ids, canonical_text, visible_text
from tracker.extract.dates import find_effective_date
from tracker.extract.segment import segment
from tracker.model import Clause, ExtractedDocument, sha256_hex


def build_document(
    blocks: Iterable[Block], *, title: str | None = None, source: str = "document"
) -> ExtractedDocument:
    """Segment ``blocks`` and wrap the clauses; :class:`EmptyDocumentError` if none remain."""
    clauses = segment(blocks)
    if not clauses:
        raise EmptyDocumentError(f"{source}: no text left after extraction")
    return document_from_clauses(clauses, title=title)


def document_from_clauses(
    clauses: Sequence[Clause], *, title: str | None = None
) -> ExtractedDocument:
    """Wrap ``clauses`` (with their ids): canonical text, hash, title and effective date."""
    with_ids = tuple(clauses)
    text = canonical_text(with_ids)
    first_h1 = next((c for c in with_ids if c.kind == "heading" and c.level == 1), None)
    return ExtractedDocument(
        title=visible_text(first_h1.display_text) if first_h1 else title,
        effective_date=find_effective_date(visible_text(c.display_text) for c in with_ids),
        clauses=with_ids,
        canonical_text=text,
        text_sha256=sha256_hex(text),
    )


def combine_documents(documents: Sequence[ExtractedDocument]) -> ExtractedDocument:
    """One document made of several pages' clauses, in the order given.

    The title and effective date are those of the first page that has one.
    """
    if not documents:
        raise EmptyDocumentError("no pages to combine")
    clauses = assign_ids([clause for document in documents for clause in document.clauses])
    combined = document_from_clauses(clauses, title=None)
    title = next((d.title for d in documents if d.title), None)
    effective = next((d.effective_date for d in documents if d.effective_date), None)
    return ExtractedDocument(
        title=title,
        effective_date=effective,
        clauses=combined.clauses,
        canonical_text=combined.canonical_text,
        text_sha256=combined.text_sha256,
    )

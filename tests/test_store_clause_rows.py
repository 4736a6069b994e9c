"""A version's clause rows (:func:`tracker.store.records.insert_clause_rows`), on the backend
under test: what comes back is what is stored, ids follow the rows already there, each row
continues the lineage it was given or starts its own, topics are stored when known (SQL NULL
when not), and the search index finds the new texts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from tracker.extract import extract_markdown
from tracker.query.search import search_phrase
from tracker.store.database import Database
from tracker.store.records import ClauseRecord, record_version
from tracker.store.schema import ClauseRow, Document

NOW = datetime(2026, 12, 3, tzinfo=UTC)
FIRST = "# Terms\n\nWe keep your data for thirty days.\n\nWe never sell your data.\n"
SECOND = (
    "# Terms\n\nWe keep your data for ninety days.\n\nWe never sell your data.\n\nNew clause.\n"
)


def _document(db: Database) -> int:
    with db.transaction() as session:
        document = Document(
            slug="a/terms", service="a", type="terms", url="https://a.example/t", created_at=NOW
        )
        session.add(document)
        session.flush()
        return document.id


def _record(
    db: Database,
    document_id: int,
    markdown: str,
    *,
    topics: list[tuple[str, ...]] | None = None,
    lineages: dict[int, int | None] | None = None,
) -> list[ClauseRecord]:
    with db.transaction() as session:
        document = session.get_one(Document, document_id)
        new = record_version(
            session,
            document,
            extract_markdown(markdown),
            raw_sha256=None,
            extractor_version="test",
            now=NOW,
            topics=topics,
            lineages=lineages,
        )
        return new.clause_rows


def _columns(r: ClauseRow | ClauseRecord) -> tuple[object, ...]:
    return (r.id, r.version_id, r.position, r.key, r.path, r.label, r.kind, r.level, r.text,
            r.sha256, r.lineage_id, r.topics)  # fmt: skip


def _stored(db: Database, ids: list[int]) -> list[tuple[object, ...]]:
    with db.reader() as session:
        rows = session.scalars(
            select(ClauseRow).where(ClauseRow.id.in_(ids)).order_by(ClauseRow.id)
        )
        return [_columns(r) for r in rows]


def _as_written(records: list[ClauseRecord]) -> list[tuple[object, ...]]:
    return [_columns(r) for r in records]


def test_rows_come_back_as_stored_with_their_lineages_and_topics(db: Database) -> None:
    document_id = _document(db)
    first = _record(db, document_id, FIRST)  # no rule file: topics not classified
    assert [r.position for r in first] == list(range(len(first)))
    assert [r.lineage_id for r in first] == [r.id for r in first]  # each starts its own
    assert all(r.topics is None for r in first)
    assert _stored(db, [r.id for r in first]) == _as_written(first)

    clauses = extract_markdown(SECOND).clauses
    topics = [("retention",) if "days" in c.text else () for c in clauses]
    kept = {0: first[0].lineage_id, 2: first[2].lineage_id}  # heading, "never sell"
    second = _record(db, document_id, SECOND, topics=topics, lineages=kept)
    assert min(r.id for r in second) > max(r.id for r in first)
    assert [r.id for r in second] == sorted(r.id for r in second)
    assert [r.topics for r in second] == [list(t) for t in topics]
    assert [r.lineage_id for r in second] == [
        kept.get(position) or row.id for position, row in enumerate(second)
    ]
    assert _stored(db, [r.id for r in second]) == _as_written(second)


def test_new_rows_are_searchable(db: Database) -> None:
    document_id = _document(db)
    _record(db, document_id, FIRST)
    second = _record(db, document_id, SECOND)
    with db.reader() as session:
        found = search_phrase(session, "ninety days")
    ids = {c for d in found.documents for lineage in d.lineages for c in lineage.clause_ids}
    assert ids == {r.id for r in second if "ninety days" in r.text}

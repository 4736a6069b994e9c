"""A version's clause rows (:func:`tracker.store.records.insert_clause_rows`), on the backend
under test: what comes back is what is stored, ids follow the rows already there, each row
continues the lineage it was given or starts its own, topics are stored when known (SQL NULL
when not), and the search index finds the new texts."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select, update

from tracker.extract import extract_markdown
from tracker.model import Clause
from tracker.query.search import search_phrase
from tracker.store import records
from tracker.store.database import Database
from tracker.store.records import (
    ClauseRecord,
    clause_text_ids,
    current_clause_records,
    record_version,
    version_clause_records,
)
from tracker.store.schema import ClauseRow, Document, core_table

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


def test_rows_read_earlier_come_back_with_their_lineages_as_now(db: Database) -> None:
    """A version's rows read in an earlier transaction come back as they are now: the same
    rows, with the lineages relinked since; None when they are not that version's rows."""
    document_id = _document(db)
    first = _record(db, document_id, FIRST)
    second = _record(db, document_id, SECOND)
    version_id = second[0].version_id
    with db.reader() as session:
        earlier = version_clause_records(session, version_id)
    with db.transaction() as session:  # as a history import relinks a lineage
        table = core_table(ClauseRow)
        session.execute(
            update(table).where(table.c.id == second[1].id).values(lineage_id=first[1].id)
        )
    with db.reader() as session:
        current = current_clause_records(session, version_id, earlier)
        assert current is not None
        assert [_columns(r) for r in current] == [
            _columns(r) for r in version_clause_records(session, version_id)
        ]
        assert current[1].lineage_id == first[1].id != earlier[1].lineage_id
        assert current[0] is earlier[0]  # a row whose lineage is the same is kept as read
        assert current_clause_records(session, version_id, earlier[:-1]) is None
        assert current_clause_records(session, first[0].version_id, earlier) is None
        assert current_clause_records(session, version_id, list(reversed(earlier))) is None


def test_new_rows_are_searchable(db: Database) -> None:
    document_id = _document(db)
    _record(db, document_id, FIRST)
    second = _record(db, document_id, SECOND)
    with db.reader() as session:
        found = search_phrase(session, "ninety days")
    ids = {c for d in found.documents for lineage in d.lineages for c in lineage.clause_ids}
    assert ids == {r.id for r in second if "ninety days" in r.text}


def test_wordings_of_known_rows_are_not_looked_up_again(db: Database) -> None:
    """A new version given its previous version's rows (as the recorder reads them) looks up
    only the wordings those rows do not hold, and gets the same wording ids as a version
    recorded without them; a wording sharing a hash with a known one under another label (a
    label split off the text) is still looked up, and stored as a wording of its own."""
    document_id = _document(db)
    first = _record(db, document_id, FIRST)
    with db.reader() as session:
        previous = version_clause_records(session, first[0].version_id)
    assert [r.text_id for r in previous] == [r.text_id for r in first]
    assert all(r.text_id is not None for r in previous)

    clauses = list(extract_markdown(SECOND).clauses)
    split = Clause(id="x", path=(), label="We", kind="paragraph", text="never sell your data.")
    kept = next(c for c in clauses if c.text == "We never sell your data.")
    assert split.sha256 == kept.sha256 and split.label != kept.label
    clauses.append(split)
    looked_up: list[object] = []

    def watch(conn: object, cursor: object, statement: str, parameters: object, *_: object) -> None:
        if statement.lstrip().startswith("SELECT") and "FROM clause_texts" in statement:
            looked_up.append(parameters)

    with db.transaction() as session:
        event.listen(db.engine, "before_cursor_execute", watch)
        try:
            with_known = clause_text_ids(session, clauses, previous)
        finally:
            event.remove(db.engine, "before_cursor_execute", watch)
        without = clause_text_ids(session, clauses)
    assert with_known == without
    known_hashes = {r.sha256 for r in previous}
    new_hashes = {c.sha256 for c in clauses if (c.sha256, c.label, c.text) not in {
        (r.sha256, r.label, r.text) for r in previous}}  # fmt: skip
    assert split.sha256 in new_hashes & known_hashes  # looked up despite its known hash
    asked = {str(value) for parameters in looked_up for value in _values(parameters)}
    assert asked == new_hashes
    texts = {r.text_id for r in previous}
    assert with_known[clauses.index(kept)] in texts
    assert with_known[-1] not in texts  # the split wording: a row of its own


def _values(parameters: object) -> list[object]:
    if isinstance(parameters, dict):
        return list(parameters.values())
    assert isinstance(parameters, list | tuple)
    return list(parameters)


def test_paths_and_topics_are_stored_as_json_dumps_writes_them() -> None:
    class Heading(str):  # a str subclass, as parsed strings are
        pass

    lists = [
        (),
        ("sharing",),
        ("sharing", "third_parties"),
        ("Données « personnelles »", 'say "hi"', "tab\there", "个人信息", "\u2028"),
        (Heading("1. Terms"), "1.2 Fees"),
    ]
    for strings in lists * 2:  # the second time from the memo
        assert records._json_of_strings(strings) == json.dumps(list(strings))
        assert records._json_of_strings(list(strings)) == json.dumps(list(strings))


def test_the_json_memo_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "_JSON_MEMO_SIZE", 3)
    monkeypatch.setattr(records, "_json_memo", {})
    for n in range(10):
        assert records._json_of_strings((str(n),)) == json.dumps([str(n)])
        assert len(records._json_memo) <= 3

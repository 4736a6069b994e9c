"""The search index (migrations 0012 and 0018, :mod:`tracker.store.clause_search`) finds
exactly what reading every clause finds, on real corpus texts, on both engines: for an upgraded
database, for clauses recorded after the migration, and for clauses inserted in bulk.

The reference is the definition of search: a clause contains a phrase when the phrase's match
form is a substring of the clause's (label and text) match form, every clause read.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from pytest_httpserver import HTTPServer
from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from tests.migration_support import POLICY as PAGE
from tests.migration_support import quick_settings, track_night
from tracker.extract import extract_markdown
from tracker.model import Clause
from tracker.query.search import SearchResult, search_phrase
from tracker.query.text import match_form
from tracker.store.clause_search import index_new_clauses
from tracker.store.database import Database, open_database
from tracker.store.migrate import alembic_config
from tracker.store.records import clause_path_ids, clause_text_ids, record_version
from tracker.store.schema import ClauseRow, ClauseText, Document, Version

NOW = datetime(2026, 12, 2, tzinfo=UTC)
#: Real policies (two versions each, so most clause texts repeat): English, and French (accents).
CORPUS = {
    "claude-ai/privacy": "claude-ai__privacy-policy",
    "chatgpt/terms": "chatgpt__terms-of-service",
    "mistral/terms": "mistral-ai__terms-of-service",
}
#: Phrases without a word of 3 ASCII characters: the index cannot serve them (clauses scanned).
SCANNED = ("of a", "to", "(a)", "numérique", "“", "’s")


def add_document(session: Session, slug: str) -> Document:
    document = Document(
        slug=slug,
        service=slug.split("/")[0],
        type=slug,
        url=f"https://example.com/{slug}",
        created_at=NOW,
    )
    session.add(document)
    session.flush()
    return document


def record_markdown(session: Session, document: Document, text: str, day: int) -> None:
    record_version(
        session,
        document,
        extract_markdown(text),
        raw_sha256=None,
        extractor_version="test",
        now=NOW + timedelta(days=day),
    )


def record_corpus(db: Database, corpus_dir: Path) -> None:
    with db.transaction() as session:
        for slug, folder in CORPUS.items():
            document = add_document(session, slug)
            for day, path in enumerate(sorted((corpus_dir / "versions" / folder).glob("*.md"))[:2]):
                record_markdown(session, document, path.read_text(encoding="utf-8"), day)


def clause_ids(result: SearchResult) -> set[int]:
    return {c for d in result.documents for lineage in d.lineages for c in lineage.clause_ids}


class Reference:
    """Every clause read, its match form compared: what search must answer."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(ClauseRow.id, ClauseText.label, ClauseText.text, Document.slug)
            .join(ClauseText, ClauseText.id == ClauseRow.text_id)
            .join(Version, Version.id == ClauseRow.version_id)
            .join(Document, Document.id == Version.document_id)
        )
        self.clauses = [
            (clause_id, match_form(f"{label} {text}" if label else text), slug)
            for clause_id, label, text, slug in rows
        ]

    def search(self, phrase: str, document: str | None = None) -> set[int]:
        needle = match_form(phrase)
        return {
            clause_id
            for clause_id, form, slug in self.clauses
            if needle in form and document in (None, slug)
        }


def corpus_phrases(session: Session) -> list[str]:
    """Phrases cut from the stored texts at random places: across word boundaries, starting and
    ending inside words, around punctuation and accented letters; some upper-cased, some with
    their words shuffled (so that the index's words are all there but not the phrase)."""
    texts = sorted(set(session.scalars(select(ClauseText.text))))
    chance = random.Random(16)
    phrases: list[str] = []
    for body in chance.sample([t for t in texts if len(t) > 40], 40):
        start = chance.randrange(len(body) - 30)
        phrases.append(body[start : start + chance.randrange(8, 30)])
    for mark in (",", "(", ";", "’", "é", "“", "-"):
        for body in chance.sample([t for t in texts if mark in t], 2):
            at = body.index(mark)
            phrases.append(body[max(0, at - 12) : at + 10])
    phrases += [p.upper() for p in phrases[:5]]
    for phrase in phrases[5:10]:
        words = phrase.split()
        chance.shuffle(words)
        phrases.append(" ".join(reversed(words)))
    return [p for p in phrases if match_form(p)]


@pytest.fixture
def corpus_db(db: Database, corpus_dir: Path) -> Database:
    record_corpus(db, corpus_dir)
    return db


def test_indexed_search_finds_what_reading_every_clause_finds(corpus_db: Database) -> None:
    with corpus_db.reader() as session:
        reference = Reference(session)
        phrases = corpus_phrases(session)
        found_some = 0
        for phrase in phrases:
            expected = reference.search(phrase)
            assert clause_ids(search_phrase(session, phrase)) == expected, phrase
            found_some += bool(expected)
    assert found_some >= 50  # the phrases are cut from the texts: most are found


def test_phrases_the_index_cannot_serve_are_scanned(corpus_db: Database) -> None:
    with corpus_db.reader() as session:
        reference = Reference(session)
        for phrase in SCANNED:
            expected = reference.search(phrase)
            assert expected, phrase
            assert clause_ids(search_phrase(session, phrase)) == expected, phrase


def test_a_document_filter_keeps_to_the_document(corpus_db: Database) -> None:
    with corpus_db.reader() as session:
        reference = Reference(session)
        for phrase in ("personal data", "service", "contenu numérique", "of a"):
            for document in CORPUS:
                expected = reference.search(phrase, document)
                result = search_phrase(session, phrase, document=document)
                assert clause_ids(result) == expected, (phrase, document)
                assert {d.document.slug for d in result.documents} <= {document}


POLICY = """# Privacy policy

## Retention

We keep your account data for 30 days after you leave.

## Contact

Write to privacy@example.com with any question.
"""


def test_an_upgraded_database_finds_its_old_clauses_and_its_new_ones(database_url: str) -> None:
    db = open_database(database_url, create=True, migrate=False)
    try:
        migrate_to(db, "head")
        with db.transaction() as session:
            record_markdown(session, add_document(session, "old/policy"), POLICY, 0)
        migrate_to(db, "0011", down=True)  # the database as it was before the index
        migrate_to(db, "head")
        with db.reader() as session:
            old = clause_ids(search_phrase(session, "account data for 30"))
            assert len(old) == 1
        with db.transaction() as session:
            document = session.scalars(select(Document)).one()
            edited = POLICY.replace("30 days", "90 days")
            record_markdown(session, document, edited, 1)
        with db.reader() as session:
            # the unchanged clause of the new version: its text was indexed before, under the
            # old row; the edited clause is new text
            assert len(clause_ids(search_phrase(session, "any question"))) == 2
            assert len(clause_ids(search_phrase(session, "account data for 30"))) == 1
            newer = clause_ids(search_phrase(session, "DATA FOR 90 DAYS"))
            assert len(newer) == 1
            assert newer.isdisjoint(old)
    finally:
        db.dispose()


def bulk_rows(
    session: Session, version_id: int, clauses: dict[int, Clause]
) -> list[dict[str, object]]:
    """Clause rows as an importer or a benchmark inserts them without the ORM (``clauses``: by
    position), their wordings and paths stored by the store's functions."""
    texts = clause_text_ids(session, list(clauses.values()))
    paths = clause_path_ids(session, [c.path for c in clauses.values()])
    return [
        {
            "version_id": version_id,
            "position": position,
            "key": clause.id,
            "kind": clause.kind,
            "level": clause.level,
            "text_id": text_id,
            "path_id": path_id,
        }
        for (position, clause), text_id, path_id in zip(clauses.items(), texts, paths, strict=True)
    ]


def paragraph(key: str, text: str, label: str | None = None) -> Clause:
    return Clause(id=key, path=(), label=label, kind="paragraph", text=text)


def test_clauses_inserted_in_bulk_are_found(db: Database) -> None:
    """Importers and benchmarks insert rows without the ORM: the index finds them too."""
    with db.transaction() as session:
        record_markdown(session, add_document(session, "bulk/policy"), POLICY, 0)
        version = session.scalars(select(Version)).one()
        clauses = {
            10 + n: paragraph(f"p-bulk-{n}", f"Disputes go to arbitration in zone {n}.", f"{n}.")
            for n in range(3)
        }
        session.execute(insert(ClauseRow), bulk_rows(session, version.id, clauses))
    with db.reader() as session:
        assert len(clause_ids(search_phrase(session, "arbitration in zone"))) == 3
        # the label is searched as part of the clause, as before
        assert len(clause_ids(search_phrase(session, "2. Disputes go"))) == 1


def test_hostile_phrases_are_literal(corpus_db: Database) -> None:
    """FTS5 and LIKE syntax in a phrase is text to look for, never query syntax."""
    with corpus_db.reader() as session:
        reference = Reference(session)
        for phrase in ('"data" OR "the"', "data* NEAR(the)", "100% of_the", "data\\ AND"):
            assert clause_ids(search_phrase(session, phrase)) == reference.search(phrase)


def test_the_index_is_the_backends_trigram_index(db: Database) -> None:
    """SQLite: a contentless FTS5 trigram table; PostgreSQL (whose Debian package has pg_trgm):
    a GIN trigram index, so that ILIKE is served without reading every text."""
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "postgresql":
            definition = connection.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_clause_search_trgm'")
            ).scalar()
            assert definition is not None and "gin_trgm_ops" in definition
        else:
            definition = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'clause_search'")
            ).scalar()
            assert definition is not None
            assert "fts5" in definition and "trigram" in definition and "content=''" in definition


def test_a_clause_edited_in_place_is_found_by_its_new_text(db: Database) -> None:
    """The tracker never edits a stored clause, but a hand-edited database stays searchable."""
    with db.transaction() as session:
        record_markdown(session, add_document(session, "edited/policy"), POLICY, 0)
    with db.transaction() as session:
        session.execute(
            text(
                "UPDATE clause_texts SET text = text || ' Arbitration applies.' WHERE text LIKE :p"
            ),
            {"p": "We keep%"},
        )
    with db.reader() as session:
        assert len(clause_ids(search_phrase(session, "30 days after you leave. Arbitration"))) == 1
        assert len(clause_ids(search_phrase(session, "Write to privacy"))) == 1


@pytest.mark.parametrize("caught_up", ["never", "before the rows", "after the rows"])
def test_rows_inserted_under_smaller_ids_are_found_by_their_one_text(
    db: Database, caught_up: str
) -> None:
    """Bulk inserts may give clause ids out of order: every row holding a text is found by it,
    whether its text is in the tail (SQLite: after the mark) or was indexed before, and by
    its new text once the text is edited in place."""
    with db.transaction() as session:
        record_markdown(session, add_document(session, "order/policy"), POLICY, 0)
    if caught_up == "before the rows":
        index_new_clauses(db)
    with db.transaction() as session:
        version = session.scalars(select(Version)).one()
        late = "Late rows share this mediation text."
        rows = bulk_rows(
            session, version.id, {10 + n: paragraph(f"p-late-{n}", late) for n in range(3)}
        )
        for n, row in enumerate(rows):
            row["id"] = 1000 - n
        session.execute(insert(ClauseRow), rows)
    if caught_up == "after the rows":
        index_new_clauses(db)
    with db.reader() as session:
        assert clause_ids(search_phrase(session, "share this mediation")) == {998, 999, 1000}
    with db.transaction() as session:
        session.execute(
            text(
                "UPDATE clause_texts SET text = 'Late rows: conciliation.' "
                "WHERE id = (SELECT text_id FROM clauses WHERE id = 998)"
            )
        )
    with db.reader() as session:
        assert clause_ids(search_phrase(session, "rows: conciliation")) == {998, 999, 1000}
        assert clause_ids(search_phrase(session, "share this mediation")) == set()


def _searched(db: Database, phrases: list[str]) -> dict[str, set[int]]:
    with db.reader() as session:
        reference = Reference(session)
        found = {phrase: clause_ids(search_phrase(session, phrase)) for phrase in phrases}
    assert found == {phrase: reference.search(phrase) for phrase in phrases}
    return found


def _mark(db: Database) -> tuple[int | None, int | None]:
    """SQLite: (the index's mark, the largest clause text id); PostgreSQL: no mark."""
    with db.reader() as session:
        top = session.scalar(select(func.max(ClauseText.id)))
        if not db.is_sqlite:
            return None, top
        return session.scalar(text("SELECT indexed_through FROM clause_search_mark")), top


def test_searches_find_the_same_before_and_after_the_index_catches_up(
    db: Database, corpus_dir: Path
) -> None:
    """SQLite indexes new clause texts once per run (migration 0016), and reads the rows after
    the mark until then: real policies, first versions indexed and second ones in the tail,
    then all indexed; every phrase gives the same clauses each time, and the reference's."""
    versions = {
        slug: sorted((corpus_dir / "versions" / folder).glob("*.md"))[:2]
        for slug, folder in CORPUS.items()
    }
    with db.transaction() as session:
        for slug, paths in versions.items():
            record_markdown(session, add_document(session, slug), paths[0].read_text("utf-8"), 0)
    index_new_clauses(db)
    indexed, _ = _mark(db)
    with db.transaction() as session:
        for slug, paths in versions.items():
            document = session.scalars(select(Document).where(Document.slug == slug)).one()
            record_markdown(session, document, paths[1].read_text("utf-8"), 1)
    mark, top = _mark(db)
    if db.is_sqlite:
        assert mark == indexed and top is not None and mark is not None and top > mark
    with db.reader() as session:
        phrases = corpus_phrases(session) + list(SCANNED)
    in_the_tail = _searched(db, phrases)
    assert sum(bool(ids) for ids in in_the_tail.values()) > len(phrases) // 2
    index_new_clauses(db)
    mark, top = _mark(db)
    if db.is_sqlite:
        assert mark == top
    assert _searched(db, phrases) == in_the_tail
    index_new_clauses(db)  # nothing new: nothing changes
    assert _mark(db) == (mark, top)
    assert _searched(db, phrases) == in_the_tail


def test_a_text_inserted_under_the_mark_is_indexed_at_once(db: Database) -> None:
    """A wording given an id at or under the mark (a bulk insert with explicit ids) is indexed
    by the trigger at once, as before migration 0016; the others when the index catches up."""
    phrases = ["share this mediation", "any question", "rows share"]
    late = "Late rows share this mediation text."
    with db.transaction() as session:
        record_markdown(session, add_document(session, "under/policy"), POLICY, 0)
        version_id = session.scalars(select(Version.id)).one()

    def add(row_id: int, text_id: int, position: int, body: str) -> None:
        with db.transaction() as session:
            if session.get(ClauseText, text_id) is None:
                session.execute(
                    insert(ClauseText),
                    [{"id": text_id, "sha256": paragraph("", body).sha256, "text": body}],
                )
            path_id = clause_path_ids(session, [()])[0]
            session.execute(
                insert(ClauseRow),
                [
                    {
                        "id": row_id,
                        "version_id": version_id,
                        "position": position,
                        "key": f"p-late-{row_id}",
                        "kind": "paragraph",
                        "level": 0,
                        "text_id": text_id,
                        "path_id": path_id,
                    }
                ],
            )

    add(1000, 900, 50, late)  # a text id past every text: the tail
    assert _searched(db, phrases)["share this mediation"] == {1000}
    index_new_clauses(db)
    assert _mark(db)[0] == 900 or not db.is_sqlite
    add(1001, 900, 51, late)  # the same text again
    assert _searched(db, phrases)["share this mediation"] == {1000, 1001}
    add(1002, 800, 52, "Under the mark: rows share a text.")  # SQLite: under the mark (900)
    assert _searched(db, phrases)["rows share"] == {1000, 1001, 1002}


def test_the_mark_survives_a_downgrade_and_an_upgrade(database_url: str) -> None:
    """Upgraded from 0015 the mark is past every text (the trigger indexed them); downgraded
    past 0018 and 0016, the tail is indexed and 0012's triggers are back; upgraded again, the
    same."""
    db = open_database(database_url, create=True, migrate=False)
    try:
        migrate_to(db, "head")
        with db.transaction() as session:
            record_markdown(session, add_document(session, "old/policy"), POLICY, 0)
        migrate_to(db, "0015", down=True)
        migrate_to(db, "head")
        mark, top = _mark(db)
        assert mark == top or not db.is_sqlite
        phrases = ["account data for 30", "any question", "DATA FOR 90 DAYS"]
        before = _searched(db, phrases)
        with db.transaction() as session:
            document = session.scalars(select(Document)).one()
            record_markdown(session, document, POLICY.replace("30 days", "90 days"), 1)
        in_the_tail = _searched(db, phrases)
        assert in_the_tail["any question"] > before["any question"]
        migrate_to(db, "0015", down=True)  # the tail indexed, 0012's triggers back
        migrate_to(db, "head")
        with db.transaction() as session:
            document = session.scalars(select(Document)).one()
            record_markdown(session, document, POLICY.replace("30 days", "60 days"), 2)
        index_new_clauses(db)
        mark, top = _mark(db)
        assert mark == top or not db.is_sqlite  # read from the index alone
        found = _searched(db, [*phrases, "data for 60 days"])
        assert found["any question"] > in_the_tail["any question"]  # each version's clause
        assert found["data for 60 days"] and found["DATA FOR 90 DAYS"]
    finally:
        db.dispose()


def migrate_to(db: Database, revision: str, *, down: bool = False) -> None:
    config = alembic_config(db.engine)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_a_run_indexes_its_new_texts_at_its_end(
    db: Database, httpserver: HTTPServer, tmp_path: Path
) -> None:
    settings = quick_settings(tmp_path)
    outcome = track_night(db, settings, httpserver, html=PAGE, path="/policy", day=0)
    assert outcome == "changed"
    mark, top = _mark(db)
    assert mark == top or not db.is_sqlite
    assert _searched(db, ["withdraw it at any time"])["withdraw it at any time"]

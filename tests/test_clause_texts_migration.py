"""Migration 0018: clause wordings and heading paths stored once. Over a database holding real
versions (real policies, several versions each, with their key facts pointing at clause rows),
on both engines: down to 0017 and up again (twice), every clause row reads back the same
label, text, hash, path, kind, level, key, lineage and topics, byte for byte; every key fact
keeps its clause; `tracker verify` passes; searches and quote checks find the same; the next
version is recorded as before. Two wordings sharing a hash (a label split off the text or
not) are never merged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.migration_support import migrate
from tracker.classify import load_rules
from tracker.extract import canonical_text, extract_markdown
from tracker.facts import RuleClassifier
from tracker.model import Clause, ExtractedDocument, sha256_hex
from tracker.query.quote import check_quote
from tracker.query.search import search_phrase
from tracker.query.verify import verify_history
from tracker.store.database import Database
from tracker.store.records import record_version
from tracker.store.schema import Document

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 12, 4, tzinfo=UTC)
CORPUS = {
    "claude-ai/privacy": "claude-ai__privacy-policy",
    "chatgpt/terms": "chatgpt__terms-of-service",
    "mistral/terms": "mistral-ai__terms-of-service",
}
PHRASES = ("personal data", "arbitration", "of a", "données")

#: The clause rows as 0017 stored them, read with SQL (not the models: they are head's).
_OLD_ROWS = (
    "SELECT id, version_id, position, key, lineage_id, path, label, kind, level, text, sha256, "
    "topics FROM clauses ORDER BY id"
)

_FACTS = "SELECT id, version_id, fact_id, answer, clause_id, quote FROM facts ORDER BY id"


def record_corpus(db: Database, corpus_dir: Path) -> RuleClassifier:
    """Three real policies, three versions each, annotated (topics and key facts) as a run
    annotates them."""
    classifier = RuleClassifier(load_rules(ROOT / "data" / "rules.toml"))
    with db.transaction() as session:
        for slug, folder in CORPUS.items():
            document = Document(
                slug=slug,
                service=slug,
                type=slug,
                url=f"https://example.com/{slug}",
                created_at=NOW,
            )
            session.add(document)
            session.flush()
            files = sorted((corpus_dir / "versions" / folder).glob("*.md"))[:3]
            for day, path in enumerate(files):
                new = record_version(
                    session,
                    document,
                    extract_markdown(path.read_text(encoding="utf-8")),
                    raw_sha256=None,
                    extractor_version="test",
                    now=NOW + timedelta(days=day),
                )
                classifier.annotate_version(session, new)
    return classifier


def clause_rows(session: Session) -> list[tuple[Any, ...]]:
    """Every clause row as a reader sees it (models at head)."""
    rows = session.execute(
        text(
            "SELECT c.id, c.version_id, c.position, c.key, c.lineage_id, p.path, t.label, "
            "c.kind, c.level, t.text, t.sha256, c.topics FROM clauses c "
            "JOIN clause_texts t ON t.id = c.text_id JOIN clause_paths p ON p.id = c.path_id "
            "ORDER BY c.id"
        )
    )
    return [_plain(row) for row in rows]


def _plain(row: Any) -> tuple[Any, ...]:
    """JSON columns as their text (PostgreSQL's driver decodes ``json``, SQLite's does not)."""
    return tuple(json.dumps(value) if isinstance(value, list) else value for value in tuple(row))


def facts(session: Session) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in session.execute(text(_FACTS))]


def found(session: Session) -> dict[str, Any]:
    searches = {
        phrase: sorted(
            (d.document.slug, lineage.clause_ids)
            for d in search_phrase(session, phrase).documents
            for lineage in d.lineages
        )
        for phrase in PHRASES
    }
    quote = check_quote(
        session, "We may update this Privacy Policy from time to time", "claude-ai/privacy"
    )
    return {"searches": searches, "quote": repr(quote)}


def test_down_and_up_again_keeps_every_clause_byte_for_byte(db: Database, corpus_dir: Path) -> None:
    classifier = record_corpus(db, corpus_dir)
    with db.reader() as session:
        rows, answers, seen = clause_rows(session), facts(session), found(session)
        texts = session.execute(text("SELECT count(*) FROM clause_texts")).scalar()
        paths = session.execute(text("SELECT count(*) FROM clause_paths")).scalar()
        assert verify_history(session).ok
    assert len(rows) > 1000 and any(a[4] is not None for a in answers)
    # stored once: most clauses of a version are worded as in the one before
    assert texts is not None and paths is not None
    assert texts < len(rows) * 0.6 and paths < len(rows) * 0.2

    for _ in range(2):
        migrate(db, "0017", down=True)
        with db.engine.connect() as connection:
            old = [_plain(row) for row in connection.execute(text(_OLD_ROWS))]
            old_facts = [tuple(r) for r in connection.execute(text(_FACTS))]
        assert old == rows  # every row inline again, byte for byte
        assert old_facts == answers
        migrate(db, "head")
        with db.reader() as session:
            assert clause_rows(session) == rows
            assert facts(session) == answers
            assert found(session) == seen
            report = verify_history(session)
            assert report.ok and report.clauses == len(rows)

    # the next version is recorded, found and verified as before
    with db.transaction() as session:
        document = session.query(Document).filter_by(slug="claude-ai/privacy").one()
        files = sorted((corpus_dir / "versions" / CORPUS["claude-ai/privacy"]).glob("*.md"))
        new = record_version(
            session,
            document,
            extract_markdown(files[3].read_text(encoding="utf-8")),
            raw_sha256=None,
            extractor_version="test",
            now=NOW + timedelta(days=9),
        )
        classifier.annotate_version(session, new)
    with db.reader() as session:
        assert verify_history(session).ok
        assert len(clause_rows(session)) > len(rows)


def test_two_wordings_sharing_a_hash_stay_two(db: Database) -> None:
    """``1.`` as a label and ``Refunds.`` as text reads as ``1. Refunds.``, as does the text
    ``1. Refunds.`` without a label: one hash, two wordings, kept apart by the upgrade and by
    the recording of a new version."""

    def version(*clauses: Clause) -> ExtractedDocument:
        body = canonical_text(list(clauses))
        return ExtractedDocument(None, None, clauses, body, sha256_hex(body))

    split = Clause(id="p-1", path=("Refunds",), label="1.", kind="paragraph", text="Refunds.")
    whole = Clause(id="p-2", path=("Refunds",), label=None, kind="paragraph", text="1. Refunds.")
    empty = Clause(id="p-3", path=(), label="", kind="paragraph", text="1. Refunds.")
    assert split.sha256 == whole.sha256 == empty.sha256
    with db.transaction() as session:
        document = Document(
            slug="a/b", service="a", type="b", url="https://a.example/b", created_at=NOW
        )
        session.add(document)
        session.flush()
        record_version(
            session,
            document,
            version(split, whole),
            raw_sha256=None,
            extractor_version="t",
            now=NOW,
        )
    migrate(db, "0017", down=True)
    migrate(db, "head")
    with db.transaction() as session:
        document = session.query(Document).one()
        record_version(
            session,
            document,
            version(whole, split, empty),
            raw_sha256=None,
            extractor_version="t",
            now=NOW + timedelta(days=1),
        )
    with db.reader() as session:
        rows = clause_rows(session)
        assert [(r[6], r[9]) for r in rows] == [
            ("1.", "Refunds."),
            (None, "1. Refunds."),
            (None, "1. Refunds."),
            ("1.", "Refunds."),
            ("", "1. Refunds."),
        ]
        assert session.execute(text("SELECT count(*) FROM clause_texts")).scalar() == 3
        assert verify_history(session).ok

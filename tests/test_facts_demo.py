"""The demo classifies what it tracks: every change of the real Together AI snapshots has a
severity, every clause its topics, and every version the key facts checked by hand
(tests/data/together_facts.toml), read from the archived HTML through the whole pipeline."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.classify import load_rules
from tracker.classify.evaluate import ExpectedDocument, fact_is_correct, parse_fact_expectations
from tracker.demo import DemoResult, open_demo_database, run_demo
from tracker.facts import KeyFact, contradictions_among, current_facts, fact_changes
from tracker.facts.history import stored_facts
from tracker.registry import load_registry
from tracker.settings import load_settings
from tracker.store.database import Database
from tracker.store.schema import ChangeRow, ClauseRow, Document, FactRow, Version
from tracker.vocabulary import SEVERITIES

ROOT = Path(__file__).resolve().parent.parent
EXPECTED, _ = parse_fact_expectations(
    (ROOT / "tests" / "data" / "together_facts.toml").read_text("utf-8")
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    work = tmp_path_factory.mktemp("demo")
    return run_demo(
        ROOT / "data" / "demo",
        load_registry(ROOT / "data" / "documents.toml"),
        load_settings({}, cwd=work),
        work / "run",
        rules=load_rules(ROOT / "data" / "rules.toml"),
    )


@pytest.fixture
def demo_db(demo: DemoResult) -> Database:
    return open_demo_database(demo)


def expected_for(slug: str, version: Version) -> ExpectedDocument:
    """The hand-checked document whose corpus file has the version's date (NN_<date>.md)."""
    day = f"{version.first_seen:%Y-%m-%d}"
    return next(d for d in EXPECTED if d.slug == slug and d.path.endswith(f"_{day}.md"))


def expected_changes() -> list[tuple[str, str, str, str, date]]:
    """Answers that differ between successive hand-checked versions of a document."""
    found = []
    for old, new in pairwise(EXPECTED):
        if old.slug != new.slug:
            continue
        day = date.fromisoformat(new.path.rsplit("_", 1)[1].removesuffix(".md"))
        before = {f.fact_id: f.answer for f in old.facts}
        for fact in new.facts:
            if before[fact.fact_id] != fact.answer:
                found.append((new.slug, fact.fact_id, before[fact.fact_id], fact.answer, day))
    return sorted(found, key=lambda change: (change[4], change[0]))


def test_every_change_has_a_severity_and_topics_from_the_rules(demo_db: Database) -> None:
    try:
        with demo_db.reader() as session:
            changes = session.scalars(select(ChangeRow)).all()
            clauses = session.scalars(select(ClauseRow)).all()
    finally:
        demo_db.dispose()
    assert changes and all(c.severity in SEVERITIES for c in changes)
    severities = {c.severity for c in changes}
    assert {"high", "none"} <= severities, severities
    assert any(c.topics for c in changes if c.severity == "high")
    assert all(c.topics is not None for c in clauses)


def test_every_version_answers_every_key_fact_as_checked_by_hand(demo_db: Database) -> None:
    wrong = []
    try:
        with demo_db.reader() as session:
            versions = session.execute(
                select(Version, Document.slug)
                .join(Document, Version.document_id == Document.id)
                .order_by(Document.slug, Version.number)
            ).all()
            assert len(versions) == 8
            for version, slug in versions:
                fingerprints = set(
                    session.scalars(
                        select(FactRow.rules_fingerprint).where(FactRow.version_id == version.id)
                    )
                )
                (fingerprint,) = fingerprints
                answers = stored_facts(session, version.id, fingerprint)
                expected = expected_for(slug, version)
                assert list(answers) == [f.fact_id for f in expected.facts]
                for fact in expected.facts:
                    got = answers[fact.fact_id]
                    if not fact_is_correct(fact, got.as_answer()):
                        wrong.append(f"{slug} v{version.number} {fact.fact_id}: {got.answer}")
                    assert_evidence_is_a_sentence_of_its_clause(session, got)
            changes = [
                (c.new_version.slug, c.fact_id, c.old.answer, c.new.answer, c.changed_on.date())
                for c in fact_changes(session)
            ]
            documents = current_facts(session, "together-ai")
    finally:
        demo_db.dispose()
    assert not wrong
    assert changes == expected_changes()
    assert [d.version.number if d.version else None for d in documents] == [3, 5]
    assert contradictions_among(documents) == []


def assert_evidence_is_a_sentence_of_its_clause(session: Session, fact: KeyFact) -> None:
    if fact.answer == "not stated":
        assert fact.quote is None and fact.clause_row_id is None
        return
    assert fact.quote is not None and fact.clause_row_id is not None
    clause = session.get_one(ClauseRow, fact.clause_row_id)
    assert fact.quote in clause.text and clause.key == fact.clause_id

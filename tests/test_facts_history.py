"""Key facts in the running pipeline: answered and stored per version against a real local HTTP
server, changes reported with the date of the version that changed the answer, never for a
technical version or an edited rule file; contradictions between documents of one service."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tracker.classify import RuleSet, parse_rules, topics_of
from tracker.clock import FixedClock
from tracker.errors import NotFoundError
from tracker.facts import RuleClassifier, contradictions_among, current_facts, fact_changes
from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec
from tracker.run.runner import RunReport, run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import ChangeRow, ClauseRow, FactRow, Version

ROOT = Path(__file__).resolve().parent.parent
RULES_TEXT = (ROOT / "data" / "rules.toml").read_text(encoding="utf-8")
RULES = parse_rules(RULES_TEXT, "data/rules.toml")
NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
DENIAL = "We do not sell your personal information to third parties."
SALE = "We may sell your personal information to third parties."


def page(*paragraphs: str, aside: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Privacy Policy</title></head><body><main>"
        f"<h1>Privacy Policy</h1><h2>1. Sharing</h2>{body}"
        f'<aside class="note"><p>{aside}</p></aside>'
        "<h2>2. Contact</h2><p>Write to privacy@example.com with any question.</p>"
        # Real policies are more than a few sentences (a near-empty page is held as suspect).
        "<h2>3. About this policy</h2><p>This policy applies to the websites, apps and services "
        "it is published with. It is meant to be read in full; the headings only help you find "
        "your way through it.</p>"
        "</main></body></html>"
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"TRACKER_FETCH_TIMEOUT": "5"}, cwd=tmp_path)


def spec(server: HTTPServer, name: str = "privacy-policy", **kwargs: object) -> DocumentSpec:
    base = DocumentSpec(
        slug=f"example/{name}",
        service="Example",
        type=name.replace("-", " ").title(),
        url=server.url_for(f"/{name}"),
        rules=ExtractionRules(select=("main",)),
    )
    return replace(base, **kwargs)  # type: ignore[arg-type]


def serve(server: HTTPServer, pages: dict[str, str]) -> None:
    server.clear()
    for name, html in pages.items():
        server.expect_request(f"/{name}").respond_with_data(
            html, content_type="text/html; charset=utf-8"
        )


def night(
    db: Database,
    settings: Settings,
    docs: list[DocumentSpec],
    when: datetime,
    rules: RuleSet = RULES,
) -> RunReport:
    classifier = RuleClassifier(rules)
    report = run_tracking(
        db,
        docs,
        settings=settings,
        clock=FixedClock(when),
        classify=classifier.classify_diff,
        annotate=classifier.annotate_version,
    )
    assert not report.failed, report.failed
    return report


def sold(db: Database) -> list[tuple[int, str, str | None]]:
    """(version number, answer, quote) of the "Is personal data sold?" fact, oldest first."""
    with db.reader() as session:
        rows = session.execute(
            select(Version.number, FactRow.answer, FactRow.quote)
            .join(Version, FactRow.version_id == Version.id)
            .where(FactRow.fact_id == "sells_personal_data")
            .order_by(Version.number, FactRow.id)
        ).all()
    return [(number, answer, quote) for number, answer, quote in rows]


def test_every_version_gets_its_facts_and_a_changed_answer_is_reported_with_its_date(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    docs = [spec(httpserver)]
    serve(httpserver, {"privacy-policy": page(DENIAL)})
    night(db, settings, docs, NIGHT)
    serve(httpserver, {"privacy-policy": page(DENIAL, "We collect your name and address.")})
    night(db, settings, docs, NIGHT + timedelta(days=1))
    serve(httpserver, {"privacy-policy": page(SALE, "We collect your name and address.")})
    night(db, settings, docs, NIGHT + timedelta(days=2))
    night(db, settings, docs, NIGHT + timedelta(days=3))  # unchanged: only verified

    assert sold(db) == [(1, "no", DENIAL), (2, "no", DENIAL), (3, "yes", SALE)]
    with db.reader() as session:
        per_version = session.execute(select(FactRow.version_id, FactRow.fact_id)).all()
        assert len(per_version) == 3 * len(RULES.facts)
        (change,) = fact_changes(session)
        assert (change.fact_id, change.old.answer, change.new.answer) == (
            "sells_personal_data",
            "no",
            "yes",
        )
        assert change.changed_on == NIGHT + timedelta(days=2)
        assert (change.old_version.number, change.new_version.number) == (2, 3)
        assert change.old.quote == DENIAL and change.new.quote == SALE
        evidence = session.get_one(ClauseRow, change.new.clause_row_id)
        assert evidence.text == SALE and evidence.key == change.new.clause_id
        assert change.describe() == (
            "Is personal data sold? changed from no to yes on 2026-03-03 (Privacy Policy v3)"
        )
        # filters: since, until and document
        assert fact_changes(session, since=NIGHT + timedelta(days=2)) == []
        assert fact_changes(session, since=NIGHT + timedelta(days=1)) == [change]
        assert fact_changes(session, until=NIGHT + timedelta(days=1)) == []
        assert fact_changes(session, document="example/privacy-policy") == [change]
        with pytest.raises(NotFoundError, match="example/nope"):
            fact_changes(session, document="example/nope")
        (current,) = current_facts(session)
        assert current.version is not None and current.version.number == 3
        assert current.version.last_verified == NIGHT + timedelta(days=3)
        assert {f.fact_id: f.answer for f in current.facts}["sells_personal_data"] == "yes"


def test_clauses_and_changes_are_classified_in_the_pipeline(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    docs = [spec(httpserver)]
    serve(httpserver, {"privacy-policy": page(DENIAL)})
    night(db, settings, docs, NIGHT)
    serve(httpserver, {"privacy-policy": page(SALE)})
    night(db, settings, docs, NIGHT + timedelta(days=1))
    with db.reader() as session:
        clauses = session.scalars(select(ClauseRow)).all()
        assert all(c.topics == list(topics_of(c.text, RULES)) for c in clauses)
        assert any("third_party_sharing" in (c.topics or []) for c in clauses)
        (change,) = session.scalars(select(ChangeRow)).all()
    # "not" left and "may" arrived in a clause on sharing, a high topic
    assert (change.kind, change.topics, change.severity) == (
        "modified",
        ["third_party_sharing"],
        "high",
    )


def test_a_technical_version_never_makes_a_fact_change(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    # The aside denies the sale; once the rules remove it, the re-derivation answers "yes".
    html = page(SALE, aside=DENIAL)
    serve(httpserver, {"privacy-policy": html})
    night(db, settings, [spec(httpserver)], NIGHT)
    narrower = spec(httpserver, rules=ExtractionRules(select=("main",), remove=("aside",)))
    night(db, settings, [narrower], NIGHT + timedelta(days=1))
    with db.reader() as session:
        assert [v.technical for v in session.scalars(select(Version).order_by(Version.number))] == [
            False,
            True,
        ]
    assert [answer for _, answer, _ in sold(db)] == ["no", "yes"]
    serve(httpserver, {"privacy-policy": page(DENIAL)})
    night(db, settings, [narrower], NIGHT + timedelta(days=2))
    with db.reader() as session:
        (change,) = fact_changes(session)  # v2 (technical) is the baseline, never a change
    assert (change.old_version.number, change.new_version.number) == (2, 3)
    assert (change.old.answer, change.new.answer) == ("yes", "no")
    assert change.old_version.technical and not change.new_version.technical


def test_an_edited_rule_file_never_makes_a_fact_change(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    docs = [spec(httpserver)]
    serve(httpserver, {"privacy-policy": page(DENIAL)})
    night(db, settings, docs, NIGHT)
    # A rule file whose first "sold" rule now reads a denial as "yes".
    denial_rule = 'answer = "no"\n  when = ["deny_sale", "personal_data"]'
    assert denial_rule in RULES_TEXT
    edited = parse_rules(RULES_TEXT.replace(denial_rule, denial_rule.replace('"no"', '"yes"')))
    assert RuleClassifier(edited).fingerprint != RuleClassifier(RULES).fingerprint
    serve(httpserver, {"privacy-policy": page(DENIAL, "We collect your name and address.")})
    night(db, settings, docs, NIGHT + timedelta(days=1), rules=edited)
    # v1 is answered again under the new rules, so v2 is compared like for like
    assert sold(db) == [(1, "no", DENIAL), (1, "yes", DENIAL), (2, "yes", DENIAL)]
    with db.reader() as session:
        assert fact_changes(session) == []
        (current,) = current_facts(session)
    assert {f.fact_id: f.answer for f in current.facts}["sells_personal_data"] == "yes"


def test_refresh_answers_latest_versions_under_new_rules_once(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    serve(httpserver, {"privacy-policy": page(DENIAL)})
    run_tracking(db, [spec(httpserver)], settings=settings, clock=FixedClock(NIGHT))
    assert sold(db) == []  # a run without the annotate hook stores no facts
    with db.reader() as session:
        (before,) = current_facts(session)
        assert before.version is not None and before.facts == ()
    classifier = RuleClassifier(RULES)
    assert classifier.refresh_latest(db, NIGHT + timedelta(hours=1)) == 1
    assert classifier.refresh_latest(db, NIGHT + timedelta(hours=2)) == 0
    assert sold(db) == [(1, "no", DENIAL)]
    with db.reader() as session:
        assert all(c.topics is not None for c in session.scalars(select(ClauseRow)))


def test_documents_of_one_service_that_disagree_are_a_contradiction_with_both_quotes(
    httpserver: HTTPServer, db: Database, settings: Settings, corpus_dir: Path
) -> None:
    policy = ROOT / "data" / "demo" / "together-ai__privacy-policy" / "03_2026-03-02.html"
    docs_page = corpus_dir.parent / "seeds" / "000_a1c7acdd6d5350d3.txt"
    paragraphs = [line.strip() for line in docs_page.read_text("utf-8").splitlines()]
    docs_html = "<main>" + "".join(f"<p>{p}</p>" for p in paragraphs if p) + "</main>"
    documents = [
        spec(
            httpserver,
            "privacy",
            slug="together-ai/privacy-policy",
            service="Together AI",
            rules=ExtractionRules(select=(".main-wrapper",)),
        ),
        spec(
            httpserver, "docs", slug="together-ai/privacy-and-security-docs", service="Together AI"
        ),
        spec(httpserver, "other", slug="other/privacy-policy", service="Other"),
    ]
    serve(
        httpserver,
        {
            "privacy": policy.read_text("utf-8"),
            "docs": docs_html,
            "other": page("We keep your prompts for 30 days."),
        },
    )
    night(db, settings, documents, NIGHT)
    with db.reader() as session:
        together = current_facts(session, "together-ai")
        assert [d.slug for d in together] == [
            "together-ai/privacy-and-security-docs",
            "together-ai/privacy-policy",
        ]
        assert current_facts(session, "Together AI") == together
        everything = current_facts(session)
        with pytest.raises(NotFoundError, match="unknown service 'nobody'"):
            current_facts(session, "nobody")
    (found,) = contradictions_among(everything)
    assert (found.service, found.fact_id) == ("Together AI", "stores_prompts_by_default")
    assert (found.first.version.slug, found.first.fact.answer) == (
        "together-ai/privacy-and-security-docs",
        "no",
    )
    assert found.first.fact.quote == "Together does not store inputs or outputs by default."
    assert found.second.fact.answer == "yes"
    assert found.second.fact.quote is not None
    assert "so that we do not retain training data, prompts" in found.second.fact.quote

"""check-claims on SQLite and PostgreSQL (the ``db`` fixture): a history made by the real
pipeline, with the shipped rule file, from a real local HTTP server, then a summary of it
checked: a quotation and a citation that went stale, a fact the documents answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer

from tracker.claims import page_from_text
from tracker.classify import load_rules
from tracker.clock import FixedClock
from tracker.facts import RuleClassifier
from tracker.model import ExtractionRules
from tracker.query.claims import CitationCheck, FactCheck, QuotationCheck, check_claims
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import load_settings
from tracker.store.database import Database
from tracker.vocabulary import ClaimVerdict, FactAgreement

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")
NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
INTRODUCTION = (
    "This privacy policy explains what Example Cloud collects when you use the service, how "
    "long it keeps it, who it shares it with and how you can reach us about your data. Please "
    "read it before you create an account."
)
TRAINING_BEFORE = "We do not use your prompts to train our models without your explicit consent."
TRAINING_AFTER = "We use your prompts to train our models unless you opt out in your settings."
SALE = "Example Cloud does not sell your personal data to anyone."
NIGHTS = [
    ("January 10, 2026", [TRAINING_BEFORE, SALE]),
    ("February 20, 2026", [TRAINING_AFTER, SALE]),
]
SUMMARY = (
    "Example Cloud privacy, summarised\n\n"
    f'Example Cloud\'s privacy policy promises: "{TRAINING_BEFORE}"\n\n'
    "Trains on customer data by default: No\n"
    "Sells personal data: No\n\n"
    "Sources: Example Cloud Privacy Policy, updated January 10, 2026 (accessed 2026-03-05).\n"
)


def page(updated: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in [f"Last updated {updated}", INTRODUCTION, *paragraphs])
    return f"<html><body><main><h1>Privacy Policy</h1>{body}</main></body></html>"


def test_a_summary_checked_on_this_engine(
    db: Database, httpserver: HTTPServer, tmp_path: Path
) -> None:
    settings = load_settings({}, cwd=tmp_path)
    classifier = RuleClassifier(RULES)
    spec = DocumentSpec(
        slug="example-cloud/privacy-policy",
        service="Example Cloud",
        type="Privacy Policy",
        url=httpserver.url_for("/privacy"),
        rules=ExtractionRules(select=("main",)),
    )
    for number, (updated, paragraphs) in enumerate(NIGHTS):
        httpserver.clear()
        httpserver.expect_request("/privacy").respond_with_data(
            page(updated, paragraphs), content_type="text/html"
        )
        report = run_tracking(
            db,
            [spec],
            settings=settings,
            clock=FixedClock(NIGHT + timedelta(days=number)),
            classify=classifier.classify_diff,
            annotate=classifier.annotate_version,
        )
        assert not report.failed
    with db.reader() as session:
        result = check_claims(session, page_from_text(SUMMARY), RULES, today=date(2026, 4, 1))
    assert result.as_of == date(2026, 3, 5)
    (quotation,) = [c for c in result.checks if isinstance(c, QuotationCheck)]
    assert quotation.verdict == ClaimVerdict.STALE
    assert [v.number for v in quotation.sightings[0].versions] == [1]
    (citation,) = [c for c in result.checks if isinstance(c, CitationCheck)]
    assert citation.verdict == ClaimVerdict.STALE
    assert citation.cited_version is not None and citation.cited_version.number == 1
    assert citation.access_version is not None and citation.access_version.number == 2
    assert citation.changes is not None and citation.changes.count >= 1
    assert citation.changes.highest.value == "high"  # training became opt-out
    facts = {c.claim.fact_id: c for c in result.checks if isinstance(c, FactCheck)}
    assert facts["trains_by_default"].agreement == FactAgreement.DISAGREES
    assert facts["trains_by_default"].verdict == ClaimVerdict.CONTRADICTED
    (evidence,) = facts["trains_by_default"].evidence
    assert evidence.fact.answer == "yes" and evidence.fact.quote == TRAINING_AFTER
    assert facts["sells_personal_data"].verdict == ClaimVerdict.SUPPORTED
    assert result.verdict == ClaimVerdict.CONTRADICTED

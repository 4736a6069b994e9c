"""Checking a third party's claims against the real Together AI history (tracker check-claims).

The bundled snapshots (data/demo) go through ``tracker.demo.run_demo`` into a test database
once per module, as in test_query_together. The seeds (../shared/seeds) are real third-party
pages; the synthetic summaries are built from the snapshots' own text (the oracle), with
quotations fabricated, altered, elided or taken from versions since replaced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy.orm import Session

from tracker.claims import page_from_text, read_page
from tracker.classify import load_rules
from tracker.classify.text import sentences
from tracker.cli import cli
from tracker.demo import discover_snapshots, run_demo
from tracker.diff import new_text_of, old_text_of
from tracker.facts import current_facts
from tracker.query.asof import show_document
from tracker.query.claims import (
    CitationCheck,
    ClaimsReport,
    FactCheck,
    QuotationCheck,
    check_claims,
)
from tracker.query.history import document_history
from tracker.query.render_claims import claims_dict, claims_html, claims_text
from tracker.query.text import match_form
from tracker.registry import load_registry
from tracker.settings import load_settings
from tracker.store.database import Database, open_database
from tracker.vocabulary import ClaimVerdict, FactAgreement, QuoteFinding

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
SEEDS = ROOT.parent / "shared" / "seeds"
RULES = load_rules(ROOT / "data" / "rules.toml")
PRIVACY = "together-ai/privacy-policy"
TERMS = "together-ai/terms-of-service"
SNAPSHOTS = discover_snapshots(DEMO)
TODAY = date(2026, 7, 1)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    work = tmp_path_factory.mktemp("claims")
    settings = load_settings({}, cwd=work)
    registry = load_registry(ROOT / "data" / "documents.toml")
    return run_demo(DEMO, registry, settings, work, rules=RULES).database_url


@pytest.fixture
def session(demo_url: str) -> Iterator[Session]:
    db: Database = open_database(demo_url)
    try:
        with db.reader() as reader:
            yield reader
    finally:
        db.dispose()


def seed(name: str) -> bytes:
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed page missing at {path}: clone the project beside ../shared")
    return path.read_bytes()


def visible(slug: str, number: int) -> str:
    """The match form of snapshot ``number`` of ``slug`` as a reader would copy it."""
    path = SNAPSHOTS[slug][number - 1].path
    soup = BeautifulSoup(path.read_bytes(), "lxml")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    return match_form(soup.get_text(" "))


def paragraphs(slug: str, number: int) -> list[str]:
    """The paragraphs of a snapshot's main text, as the page shows them."""
    soup = BeautifulSoup(SNAPSHOTS[slug][number - 1].path.read_bytes(), "lxml")
    main = soup.select_one(".main-wrapper") or soup
    return [" ".join(p.get_text(" ").split()) for p in main.find_all(["p", "li"])]


def check(session: Session, text: str, **options: str) -> ClaimsReport:
    return check_claims(
        session,
        page_from_text(text),
        RULES,
        today=TODAY,
        **options,  # type: ignore[arg-type]
    )


def quotation(report: ClaimsReport) -> QuotationCheck:
    (found,) = [c for c in report.checks if isinstance(c, QuotationCheck)]
    return found


# --- the seeds ------------------------------------------------------------------------------


def test_seed_003_clause_is_in_no_version_of_the_terms(session: Session) -> None:
    report = check_claims(
        session, read_page(seed("003_473eb7f9ba3c526a.txt"), name="003"), RULES, today=TODAY
    )
    found = quotation(report)
    assert found.claim.text.startswith("By submitting, posting, or displaying content")
    assert all(match_form(found.claim.text) not in visible(TERMS, n) for n in range(1, 6))
    assert found.verdict == ClaimVerdict.NOT_FOUND and found.finding == QuoteFinding.NOT_FOUND
    assert found.sightings == ()
    closest = found.closest
    assert closest is not None and closest.document.slug == TERMS
    assert 0.0 < closest.similarity < 0.8
    assert closest.passage in closest.clause.clause.display_text
    assert old_text_of(closest.inline) == closest.passage
    assert new_text_of(closest.inline) == found.claim.text
    assert report.fails and report.verdict == ClaimVerdict.NOT_FOUND


def test_seed_001_quotation_citation_and_facts(session: Session) -> None:
    report = check_claims(
        session, read_page(seed("001_a3ecd3927cd08707.txt"), name="001"), RULES, today=TODAY
    )
    assert report.as_of == date(2026, 6, 29)
    # the training quotation: in the privacy policy, cut short before the sentence ends
    found = quotation(report)
    assert found.verdict == ClaimVerdict.SUPPORTED
    assert found.finding == QuoteFinding.SHORTENED
    assert any(d.startswith("truncated") for d in found.differences)
    (sighting,) = found.sightings
    assert sighting.document.slug == PRIVACY
    in_pages = [n for n in range(1, 4) if "request deletion of information" in visible(PRIVACY, n)]
    assert [v.number for v in sighting.versions] == in_pages
    assert sighting.current and sighting.clauses[0].clause.sha256
    assert found.passage is not None and found.passage.endswith("of information we have collected.")
    assert ("delete", " of information we have collected") in [
        (o.tag, o.text) for o in found.inline
    ]
    # the citation: the version in force on the access date
    in_force = show_document(session, PRIVACY, at="2026-06-29").provenance.version
    (citation,) = [c for c in report.checks if isinstance(c, CitationCheck)]
    assert citation.document.slug == PRIVACY and citation.verdict == ClaimVerdict.SUPPORTED
    assert citation.cited_version is not None and citation.cited_version.number == in_force.number
    assert citation.cited_version.effective_date == date(2025, 12, 17)
    assert citation.access_version == citation.cited_version
    # the two statements of the "quick policy snapshot" agree with the key facts
    facts = [c for c in report.checks if isinstance(c, FactCheck)]
    snapshot = [
        f
        for f in facts
        if f.claim.label
        in ("Zero data retention available", "Trains on API customer data by default")
    ]
    assert len(snapshot) == 2
    ours = {f.fact_id: f.answer for f in current_facts(session, document=PRIVACY)[0].facts}
    for fact in snapshot:
        assert fact.verdict == ClaimVerdict.SUPPORTED and fact.agreement == FactAgreement.AGREES
        assert ours[fact.claim.fact_id] == fact.claim.answer
        assert any(e.document.slug == PRIVACY and e.fact.quote for e in fact.evidence)
    assert all(f.verdict == ClaimVerdict.SUPPORTED for f in facts)
    assert not report.fails and report.verdict == ClaimVerdict.SUPPORTED
    untracked = [c for c in report.checks if c.verdict == ClaimVerdict.NOT_CHECKED]
    assert untracked and all("no tracked document" in c.reason for c in untracked)


# --- synthetic summaries --------------------------------------------------------------------


def long_sentence(slug: str, number: int, *, absent_from: int | None = None) -> str:
    """A sentence of 14+ words of a snapshot's text (absent from another snapshot if asked)."""
    for paragraph in paragraphs(slug, number):
        for sentence in sentences(paragraph):
            words = sentence.split()
            if len(words) < 14 or not sentence.endswith(".") or set(sentence) & set('"“”„«»'):
                continue
            if absent_from is None or match_form(sentence) not in visible(slug, absent_from):
                return sentence
    raise AssertionError(f"no suitable sentence in {slug} snapshot {number}")


def test_a_fabricated_quotation_is_not_found(session: Session) -> None:
    fabricated = (
        "Together AI will sell your prompts and model outputs to advertisers and data brokers "
        "without asking for your consent."
    )
    assert all(match_form(fabricated) not in visible(PRIVACY, n) for n in range(1, 4))
    found = quotation(check(session, f"Together AI's privacy policy says “{fabricated}”"))
    assert found.verdict == ClaimVerdict.NOT_FOUND and found.closest is not None
    assert found.closest.similarity < 0.8


def test_an_altered_quotation_shows_the_edit(session: Session) -> None:
    real = long_sentence(PRIVACY, 3)
    words = real.split()
    words.insert(len(words) // 2, "never")
    altered = " ".join(words)
    report = check(session, f"Last verified June 1, 2026. The Together AI policy: “{altered}”")
    found = quotation(report)
    assert found.verdict == ClaimVerdict.ALTERED and found.finding == QuoteFinding.EDITED
    assert found.similarity is not None and 0.8 <= found.similarity < 1.0
    assert ("insert", "never ") in [(o.tag, o.text) for o in found.inline]
    assert found.sightings[0].current
    assert report.fails
    assert found.reason.startswith(f"found edited ({found.similarity:.2f} similar) in ")


def test_a_quotation_from_a_replaced_version_is_stale(session: Session) -> None:
    old = long_sentence(TERMS, 1, absent_from=5)
    in_pages = [n for n in range(1, 6) if match_form(old) in visible(TERMS, n)]
    assert 5 not in in_pages
    report = check(session, f"Together AI Terms of Service (accessed 2026-06-01) say: “{old}”")
    found = quotation(report)
    assert found.verdict == ClaimVerdict.STALE
    assert [v.number for v in found.sightings[0].versions] == in_pages
    assert "v5 in force on the access date does not have it" in found.reason
    # read as of a date when it was still there, the same quotation is supported
    then = SNAPSHOTS[TERMS][in_pages[-1] - 1].day
    earlier = check(session, f"Together AI terms, last verified {then}: “{old}”")
    assert quotation(earlier).verdict == ClaimVerdict.SUPPORTED


def test_an_elided_quotation_is_found_with_its_elision(session: Session) -> None:
    real = long_sentence(PRIVACY, 3).split()
    elided = " ".join(real[:5]) + " … " + " ".join(real[-5:])
    found = quotation(check(session, f"Together AI’s privacy policy: “{elided}”"))
    assert found.verdict == ClaimVerdict.SUPPORTED and found.finding == QuoteFinding.SHORTENED
    assert "1 elision" in found.differences


def test_a_quotation_eliding_a_whole_sentence_shows_the_documents_words_to_its_end(
    session: Session,
) -> None:
    """The passage shown runs from the first piece to the end of the last one, so the redline
    strikes only what the ellipsis left out and inserts nothing the document has."""
    first, dropped, last = next(
        (found[0], found[1], found[2])
        for paragraph in paragraphs(PRIVACY, 3)
        if len(found := sentences(paragraph)) >= 3
        and all(len(s.split()) >= 8 for s in found[:3])
        and not set("".join(found[:3])) & set('"“”„«»')
    )
    found = quotation(check(session, f"Together AI’s privacy policy: “{first} … {last}”"))
    assert found.finding == QuoteFinding.SHORTENED and found.passage is not None
    assert match_form(found.passage).endswith(match_form(last))
    inserted = [o.text.strip() for o in found.inline if o.tag == "insert" and o.text.strip()]
    assert inserted == ["…"], found.inline
    assert match_form(dropped) in match_form(
        "".join(o.text for o in found.inline if o.tag == "delete")
    )


def test_a_stale_citation_names_the_changes_since(session: Session) -> None:
    report = check(
        session,
        "Terms of Service, Together AI, updated May 06, 2025, "
        "https://www.together.ai/terms-of-service (accessed 2026-06-01).",
    )
    (citation,) = [c for c in report.checks if isinstance(c, CitationCheck)]
    assert citation.verdict == ClaimVerdict.STALE
    assert citation.cited_version is not None and citation.cited_version.number == 2
    assert citation.access_version is not None and citation.access_version.number == 5
    history = {e.version.number: e.changes for e in document_history(session, TERMS).entries}
    assert citation.changes is not None and citation.changes.versions == 3
    assert citation.changes.count == sum(history[n].total for n in (3, 4, 5))
    assert citation.changes.highest.value == "high"
    current = check(
        session, "Together AI Terms of Service, last updated May 19, 2026 (accessed 2026-06-01)."
    )
    (fresh,) = [c for c in current.checks if isinstance(c, CitationCheck)]
    assert fresh.verdict == ClaimVerdict.SUPPORTED and fresh.cited_version is not None
    assert fresh.cited_version.number == 5


def test_fact_statements_that_disagree_or_are_not_stated(session: Session) -> None:
    report = check(
        session,
        "Together AI policy snapshot\n\nSells personal data: Yes\nMandatory arbitration: Yes\n",
    )
    facts = {c.claim.fact_id: c for c in report.checks if isinstance(c, FactCheck)}
    ours = {f.fact_id: f.answer for f in current_facts(session, document=PRIVACY)[0].facts}
    assert ours["sells_personal_data"] == "no"
    assert facts["sells_personal_data"].verdict == ClaimVerdict.CONTRADICTED
    assert facts["sells_personal_data"].agreement == FactAgreement.DISAGREES
    assert facts["mandatory_arbitration"].verdict == ClaimVerdict.NOT_FOUND
    assert report.verdict == ClaimVerdict.CONTRADICTED
    assert report.as_of == TODAY and report.as_of_phrase is None


def test_renderings_carry_the_same_verdicts_and_escape_the_page(session: Session) -> None:
    hostile = (
        "<script>alert(1)</script> says \x1b[2J “we sell all of your data "
        "to <b>anyone</b> who asks”"
    )
    report = check(session, f"Together AI privacy policy {hostile}")
    data = claims_dict(report)
    assert data["verdict"] == "not found" and data["claims"][0]["kind"] == "quotation"
    json.dumps(data)
    html = claims_html(report)
    assert "<script>alert" not in html and "<b>anyone" not in html and "&lt;b&gt;anyone" in html
    assert "\x1b" not in claims_text(report)


# --- the command ----------------------------------------------------------------------------


def test_command_exit_codes_and_formats(demo_url: str, tmp_path: Path) -> None:
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(cli, ["--database-url", demo_url, "check-claims", *args])
        return result.exit_code, result.output

    good = tmp_path / "good.txt"
    good.write_text("Together AI privacy policy snapshot\n\nSells personal data: No\n", "utf-8")
    code, out = run(str(good))
    assert code == 0 and "SUPPORTED: 1 supported" in out
    code, out = run(str(SEEDS / "003_473eb7f9ba3c526a.txt"), "--format", "json")
    assert code == 1 and json.loads(out)["verdict"] == "not found"
    code, out = run(str(SEEDS / "001_a3ecd3927cd08707.txt"), "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "<del" in out
    code, out = run(str(good), "--document", TERMS)
    assert code == 1  # the terms do not state it
    for bad in (
        [str(tmp_path / "missing.txt")],
        [str(good), "--service", "Nope"],
        [str(good), "--document", "no/such"],
    ):
        code, out = run(*bad)
        assert code == 2 and out.startswith("tracker: error:"), out
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    code, out = run(str(binary))
    assert code == 2 and out.count(str(binary)) == 1, out  # named once, as tracker extract does


def test_command_fetches_a_url_like_a_document(demo_url: str, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/summary").respond_with_data(
        seed("001_a3ecd3927cd08707.txt"), content_type="text/plain; charset=utf-8"
    )
    result = CliRunner().invoke(
        cli, ["--database-url", demo_url, "check-claims", httpserver.url_for("/summary")]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"SUPPORTED: \d+ supported", result.output)

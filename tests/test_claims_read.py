"""Reading a third party's claims out of its page (tracker.claims: pure, no database).

The seeds are real pages (../shared/seeds); the other pages are written here to pin one way of
writing a claim each, in the three input formats.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.claims import (
    KnownDocument,
    PageClaims,
    choose_scope,
    page_from_text,
    read_claims,
    read_page,
)
from tracker.claims.quotations import quoted_passages
from tracker.classify import load_rules, parse_rules
from tracker.errors import NotFoundError, RulesError
from tracker.vocabulary import ClaimKind

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RULES = load_rules(ROOT / "data" / "rules.toml")
PRIVACY = KnownDocument(
    "together-ai/privacy-policy", "Together AI", "Privacy Policy", "https://www.together.ai/privacy"
)
TERMS = KnownDocument(
    "together-ai/terms-of-service",
    "Together AI",
    "Terms of Service",
    "https://www.together.ai/terms-of-service",
)
OTHER = KnownDocument(
    "acme/privacy-policy", "Acme Cloud", "Privacy Policy", "https://acme.example/privacy"
)
KNOWN = [PRIVACY, TERMS, OTHER]


def seed(name: str) -> bytes:
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed page missing at {path}: clone the project beside ../shared")
    return path.read_bytes()


def claims_of(text: str, **options: str) -> PageClaims:
    return read_claims(page_from_text(text), RULES, KNOWN, **options)  # type: ignore[arg-type]


def test_seed_001_summary_yields_its_quotation_citation_and_fact_statements() -> None:
    page = read_page(seed("001_a3ecd3927cd08707.txt"), name="001.txt")
    claims = read_claims(page, RULES, KNOWN)
    assert claims.services == ("Together AI",)  # Acme is never named
    assert claims.accessed is not None and claims.accessed.day == date(2026, 6, 29)
    (quotation,) = claims.quotations
    assert quotation.text.startswith("We do not use any data collected from you to train")
    assert quotation.text.endswith("request deletion.")
    privacy = [c for c in claims.citations if c.document == PRIVACY.slug]
    (citation,) = privacy
    assert citation.cited is not None and citation.cited.day == date(2025, 12, 17)
    assert citation.accessed is not None and citation.accessed.day == date(2026, 6, 29)
    snapshot = [(f.fact_id, f.answer) for f in claims.facts if ":" in f.sentence]
    assert snapshot == [("zero_retention_available", "yes"), ("trains_by_default", "no")]
    faq = [(f.fact_id, f.answer) for f in claims.facts if "?" in f.sentence]
    assert faq == [("trains_by_default", "no"), ("zero_retention_available", "yes")]
    untracked = [u for u in claims.unchecked if u.kind == ClaimKind.CITATION]
    assert untracked and all("no tracked document" in u.reason for u in untracked)
    assert any("openai-api-compatibility" in u.sentence for u in untracked)


def test_seed_003_clause_under_its_heading_is_a_quotation_and_its_dates_a_citation() -> None:
    page = read_page(seed("003_473eb7f9ba3c526a.txt"), name="003.txt")
    claims = read_claims(page, RULES, KNOWN)
    (quotation,) = claims.quotations
    assert quotation.marks == "View original clause language"
    assert quotation.text.startswith("By submitting, posting, or displaying content")
    assert quotation.text.endswith("including training and improving our AI models.")
    (citation,) = claims.citations
    assert citation.document == TERMS.slug and citation.page_level
    assert citation.cited is not None and citation.cited.day == date(2026, 4, 29)
    assert claims.accessed is not None and claims.accessed.day == date(2026, 5, 2)
    assert not claims.facts


def test_quotation_marks_of_every_kind_and_the_length_threshold() -> None:
    text = (
        "The policy says “we never sell personal data to anyone for any purpose at all”. "
        'It also says "you may delete your account and all of your data at any time". '
        "It defines the “Services” and «the Website», too short to be quotations. "
        "Then „this one is German style and has more than eight words“ in it."
    )
    passages, open_tail = quoted_passages(text)
    assert open_tail is None
    claims = claims_of(text)
    assert [q.text for q in claims.quotations] == [
        "we never sell personal data to anyone for any purpose at all",
        "you may delete your account and all of your data at any time",
        "this one is German style and has more than eight words",
    ]
    assert "Services" in passages and "the Website" in passages


def test_an_unclosed_quotation_is_listed_as_not_checked_and_a_paraphrase_is_no_quotation() -> None:
    claims = claims_of(
        "Acme Cloud says it does not sell personal data to anyone.\n\n"
        "The terms read: “you agree that all disputes will be settled by binding arbitration"
    )
    assert claims.quotations == ()
    (unchecked,) = claims.unchecked
    assert unchecked.kind == ClaimKind.QUOTATION and "never closed" in unchecked.reason
    assert unchecked.sentence.startswith("The terms read:")


def test_a_label_ending_in_reads_introduces_a_quotation_a_heading_about_a_policy_does_not() -> None:
    claims = claims_of(
        "What the privacy policy says\n\n"
        "Acme Cloud keeps your prompts for thirty days and then deletes them for good.\n\n"
        "The clause reads:\n\n"
        "We keep your prompts for thirty days and then delete them permanently.\n"
    )
    (quotation,) = claims.quotations
    assert quotation.text.startswith("We keep your prompts")
    assert quotation.marks == "The clause reads"
    assert claims.unchecked == ()


def test_fact_statements_in_every_layout_and_a_negated_label() -> None:
    claims = claims_of(
        "Acme Cloud at a glance\n\n"
        "Trains on customer data by default: No\n"
        "Sells personal data\nYes\n"
        "Does not use binding arbitration: Yes\n"
        "Class action waiver – yes\n\n"
        "Is zero data retention available? No, only for enterprise contracts."
    )
    found = {(f.fact_id, f.answer) for f in claims.facts}
    assert found == {
        ("trains_by_default", "no"),
        ("sells_personal_data", "yes"),
        ("mandatory_arbitration", "no"),  # "does not ... : yes"
        ("class_action_waiver", "yes"),
        ("zero_retention_available", "no"),
    }
    assert claims.services == ("Acme Cloud",)


def test_yes_no_claims_no_key_fact_asks_are_listed_only_when_about_a_policy_topic() -> None:
    claims = claims_of(
        "Opt out of model training in settings: Yes\n"
        "Free tier: Yes\n"
        "Trains on customer data by default: only with consent\n"
    )
    assert claims.facts == ()
    reasons = {u.sentence: u.reason for u in claims.unchecked}
    assert "no key fact" in reasons["Opt out of model training in settings: Yes"]
    assert "neither yes nor no" in reasons["Trains on customer data by default: only with consent"]
    assert not any(s.startswith("Free tier") for s in reasons)


def test_html_page_tables_definition_lists_and_a_clause_heading() -> None:
    html = b"""<!doctype html><html><head><title>Acme Cloud privacy review</title></head>
    <body><main><h1>Acme Cloud privacy review</h1>
    <p>Last verified: March 3, 2026</p>
    <table><tr><td>Sells personal data</td><td>No</td></tr></table>
    <dl><dt>Trains on your data by default</dt><dd>Yes</dd></dl>
    <p>Zero data retention available<br>Yes</p>
    <h3>Original clause language</h3>
    <p>We may use your content to develop and improve our models and services.</p>
    <p>Acme Cloud Privacy Policy, last updated January 5, 2026 (accessed March 3, 2026).</p>
    </main></body></html>"""
    claims = read_claims(read_page(html, name="review.html"), RULES, KNOWN)
    assert {(f.fact_id, f.answer) for f in claims.facts} == {
        ("sells_personal_data", "no"),
        ("trains_by_default", "yes"),
        ("zero_retention_available", "yes"),
    }
    (quotation,) = claims.quotations
    assert quotation.marks == "Original clause language"
    (citation,) = claims.citations
    assert citation.document == OTHER.slug  # the same type as Together's: the service decides
    assert citation.cited is not None and citation.cited.day == date(2026, 1, 5)
    assert claims.accessed is not None and claims.accessed.day == date(2026, 3, 3)


def test_markdown_page_is_read_through_the_extractor() -> None:
    markdown = (
        "# Acme Cloud, summarised\n\n"
        "| Question | Answer |\n|---|---|\n| Sells personal data | No |\n\n"
        "The [privacy policy](https://acme.example/privacy/) says: *“We do not sell your "
        "personal information to third parties for money.”*\n"
    )
    claims = read_claims(read_page(markdown.encode(), name="summary.md"), RULES, KNOWN)
    assert [(f.fact_id, f.answer) for f in claims.facts] == [("sells_personal_data", "no")]
    assert [q.text for q in claims.quotations] == [
        "We do not sell your personal information to third parties for money."
    ]


def test_a_citation_naming_two_documents_or_an_untracked_page_is_not_checked() -> None:
    claims = claims_of(
        "See the Privacy Policy and the Terms of Service of Together AI, updated May 1, 2026.\n\n"
        "Blog post, https://blog.example/post (accessed 2026-05-02).\n\n"
        "Terms last updated: April 1, 2026"
    )
    reasons = [u.reason for u in claims.unchecked]
    assert any(r.startswith("names several documents") for r in reasons)
    assert "names no tracked document" in reasons
    assert any("does not name exactly one" in r for r in reasons)
    assert claims.citations == ()


def test_scope_from_options_and_clear_errors() -> None:
    text = "Together AI and Acme Cloud"
    assert {d.slug for d in choose_scope(text, KNOWN)} == {PRIVACY.slug, TERMS.slug, OTHER.slug}
    assert choose_scope(text, KNOWN, service="acme-cloud") == [OTHER]
    assert choose_scope(text, KNOWN, documents=[TERMS.slug]) == [TERMS]
    assert choose_scope("nothing named", KNOWN) == KNOWN
    with pytest.raises(NotFoundError, match="unknown service 'Nope'"):
        choose_scope(text, KNOWN, service="Nope")
    with pytest.raises(NotFoundError, match="unknown document 'x/y'"):
        choose_scope(text, KNOWN, documents=["x/y"])


def test_fact_statements_in_the_rule_file_are_validated() -> None:
    text = (ROOT / "data" / "rules.toml").read_text("utf-8")
    broken = text.replace(
        'statements = [["training", "by_default"]]', 'statements = [["training", "nope"]]'
    )
    with pytest.raises(RulesError, match=r"rules\.toml|unknown term 'nope' in 'statements'"):
        parse_rules(broken, "rules.toml")
    flat = text.replace('statements = [["training", "by_default"]]', 'statements = ["training"]')
    with pytest.raises(RulesError, match="list of lists of term names"):
        parse_rules(flat, "rules.toml")


def test_blockquotes_in_html_and_markdown_are_quotations() -> None:
    html = (
        b"<html><body><main><h1>Acme Cloud, reviewed</h1><p>From the privacy policy:</p>"
        b"<blockquote><p>We do <em>not</em> sell your personal information, and we never will, "
        b"to anyone.</p></blockquote><blockquote><p>Short one.</p></blockquote>"
        b"</main></body></html>"
    )
    markdown = (
        b"# Acme Cloud, reviewed\n\nFrom the privacy policy:\n\n"
        b"> We do *not* sell your personal information, and we never will, to anyone.\n"
    )
    for data, name in ((html, "review.html"), (markdown, "review.md")):
        claims = read_claims(read_page(data, name=name), RULES, KNOWN)
        assert [(q.text, q.marks) for q in claims.quotations] == [
            (
                "We do not sell your personal information, and we never will, to anyone.",
                "blockquote",
            )
        ], name

"""Key facts: every Together AI document answers as checked by hand (tests/data/
together_facts.toml) with the right evidence; negations and conditions are read as phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import (
    FactAnswer,
    RuleSet,
    answer_facts,
    facts_fingerprint,
    find_contradictions,
    load_rules,
    parse_rules,
    topics_of,
)
from tracker.classify.evaluate import (
    ExpectedDocument,
    answers_by_fact,
    fact_is_correct,
    parse_fact_expectations,
)
from tracker.extract import extract_markdown
from tracker.model import Clause

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")
DOCUMENTS, CONTRADICTIONS = parse_fact_expectations(
    (ROOT / "tests" / "data" / "together_facts.toml").read_text("utf-8")
)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RULES


def clauses_of(corpus_dir: Path, document: ExpectedDocument) -> tuple[Clause, ...]:
    shared = corpus_dir.parent
    return extract_markdown((shared / document.path).read_text(encoding="utf-8")).clauses


def test_expectations_cover_every_fact_of_every_together_document(rules: RuleSet) -> None:
    assert {d.slug for d in DOCUMENTS} == {
        "together-ai/privacy-policy",
        "together-ai/terms-of-service",
        "together-ai/privacy-and-security-docs",
    }
    assert len(DOCUMENTS) == 9
    fact_ids = [f.id for f in rules.facts]
    for document in DOCUMENTS:
        assert [f.fact_id for f in document.facts] == fact_ids, document.path


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=lambda d: d.path.rsplit("/", 2)[-2] + "/" + d.path.rsplit("/", 1)[-1]
)
def test_together_document_answers_every_key_fact(
    corpus_dir: Path, rules: RuleSet, document: ExpectedDocument
) -> None:
    clauses = clauses_of(corpus_dir, document)
    answers = answers_by_fact(answer_facts(clauses, rules))
    by_id = {c.id: c for c in clauses}
    wrong = []
    for expected in document.facts:
        got = answers[expected.fact_id]
        if not fact_is_correct(expected, got):
            wrong.append(f"{expected.fact_id}: {got.answer} {got.quote!r}")
        if got.answer == "not stated":
            assert got.clause_id is None and got.quote is None
        else:
            # the evidence is a verbatim sentence of the clause it names
            assert got.quote is not None and got.clause_id is not None
            assert got.quote in by_id[got.clause_id].text
            assert got.why
    assert not wrong


def test_newest_together_documents_contradict_each_other_as_expected(
    corpus_dir: Path, rules: RuleSet
) -> None:
    newest: dict[str, tuple[FactAnswer, ...]] = {}
    for document in DOCUMENTS:  # listed oldest first: the last one of a slug wins
        newest[document.slug] = answer_facts(clauses_of(corpus_dir, document), rules)
    found = find_contradictions(newest)
    assert {(c.fact_id, frozenset({c.first[0], c.second[0]})) for c in found} == {
        (c.fact_id, c.documents) for c in CONTRADICTIONS
    }
    (contradiction,) = found
    quotes = {contradiction.first[1].quote, contradiction.second[1].quote}
    assert "Together does not store inputs or outputs by default." in quotes


def one_clause(*sentences: str) -> list[Clause]:
    return [Clause(id="c1", path=(), label=None, kind="paragraph", text=" ".join(sentences))]


def answer(rules: RuleSet, fact_id: str, *sentences: str) -> FactAnswer:
    return answers_by_fact(answer_facts(one_clause(*sentences), rules))[fact_id]


@pytest.mark.parametrize(
    ("fact_id", "text", "expected"),
    [
        # a double negative with opt-in: not by default
        (
            "trains_by_default",
            "We do not use any data collected from you to train our models "
            "without your explicit opt-in and consent.",
            "no",
        ),
        # opt-out: on by default
        (
            "trains_by_default",
            "We may use your Inputs and Outputs to train our models, unless you "
            "opt out through your account settings.",
            "yes",
        ),
        # a statement under a condition the user chose says nothing about the default
        (
            "trains_by_default",
            "If you choose to enable ZDR, you acknowledge that the Company will "
            "not use your data and outputs to train models.",
            "not stated",
        ),
        (
            "trains_by_default",
            "Under ZDR, your data and outputs are not stored, retained, or used "
            "for model training.",
            "not stated",
        ),
        # a plain denial and a plain statement
        ("trains_by_default", "We never use your prompts to train our models.", "no"),
        ("trains_by_default", "We use your content to train our models.", "yes"),
        # "resell" is not "sell", and a sale in the future is not a sale
        (
            "sells_personal_data",
            "You may not resell the Services or sell your account.",
            "not stated",
        ),
        (
            "sells_personal_data",
            "If, in the future, we do sell your Personal Data, we will notify you.",
            "not stated",
        ),
        ("sells_personal_data", "We don’t sell your personal data to third parties.", "no"),
        (
            "sells_personal_data",
            "We may license or sell your User Content in anonymized form to third parties.",
            "yes",
        ),
        # arbitration you may invoke is not mandatory
        (
            "mandatory_arbitration",
            "Under certain conditions, you may be entitled to invoke binding arbitration.",
            "not stated",
        ),
        ("mandatory_arbitration", "All disputes will be resolved by binding arbitration.", "yes"),
        ("class_action_waiver", "You waive your right to participate in a class action.", "yes"),
        # storage: a setting to stop retention means retention by default
        (
            "stores_prompts_by_default",
            "You can change your privacy settings so that we do not retain your prompts.",
            "yes",
        ),
        ("stores_prompts_by_default", "We do not store inputs or outputs by default.", "no"),
    ],
)
def test_negation_and_conditions(rules: RuleSet, fact_id: str, text: str, expected: str) -> None:
    assert answer(rules, fact_id, text).answer == expected


def test_the_first_rule_in_file_order_wins_and_quotes_its_first_sentence(rules: RuleSet) -> None:
    # the opt-out rule comes before the opt-in rule: a document saying both is a "yes"
    got = answer(
        rules,
        "trains_by_default",
        "API customers can opt in to share data that we then use to train our models.",
        "For ChatGPT, you can opt out of our use of your content to train our models.",
    )
    assert got.answer == "yes"
    assert got.quote == (
        "For ChatGPT, you can opt out of our use of your content to train our models."
    )


def test_headings_and_off_topic_clauses_are_not_read(rules: RuleSet) -> None:
    heading = Clause(
        id="h", path=(), label=None, kind="heading", text="We do not sell your personal data"
    )
    assert answers_by_fact(answer_facts([heading], rules))["sells_personal_data"].answer == (
        "not stated"
    )


def test_topics_given_by_the_caller_are_the_ones_read(rules: RuleSet) -> None:
    clauses = one_clause("We don’t sell your personal data to third parties.")
    computed = [topics_of(c.text, rules) for c in clauses]
    assert answer_facts(clauses, rules, topics=computed) == answer_facts(clauses, rules)
    # a clause given no topic is on no fact's scope
    unread = answers_by_fact(answer_facts(clauses, rules, topics=[()]))
    assert unread["sells_personal_data"].answer == "not stated"
    with pytest.raises(ValueError, match="2 topic lists for 1 clauses"):
        answer_facts(clauses, rules, topics=[(), ()])


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("'web beacons?',", "'web beacons?', 'flash cookies',", True),  # a topic no fact reads
        ('label = "Cookies and tracking"', 'label = "Cookies"', True),
        ("# Classification rules:", "# The classification rules:", True),
        ("'not in the business of selling',", "'not in the business of selling data',", False),
        ('question = "Is personal data sold?"', 'question = "Do they sell data?"', False),
        ('statements = [["sale", "personal_data"]]', 'statements = [["sale"]]', True),
    ],
)
def test_facts_fingerprint_names_only_what_answers_depend_on(
    old: str, new: str, same: bool
) -> None:
    text = (ROOT / "data" / "rules.toml").read_text("utf-8")
    assert text.count(old) == 1, old
    edited = parse_rules(text.replace(old, new))
    assert (facts_fingerprint(edited) == facts_fingerprint(RULES)) is same

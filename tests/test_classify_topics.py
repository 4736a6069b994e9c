"""Topics of clauses: the hand-checked table (tests/data/topics_gold.toml) is real and the rules
reach the targets on it; matching is on whole words of normalised text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.classify import RuleSet, load_rules, topics_of
from tracker.classify.evaluate import GoldClause, parse_topic_gold, score_topics
from tracker.classify.rules import compile_words
from tracker.classify.text import match_form
from tracker.extract import extract_bytes, extract_markdown

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")
GOLD = parse_topic_gold((ROOT / "tests" / "data" / "topics_gold.toml").read_text("utf-8"))
#: Samples drawn by the extractor from documents outside the corpus, and their folders.
OUTSIDE = {
    "unseen": ROOT / "tests" / "data" / "unseen",
    "fresh": ROOT / "tests" / "data" / "fresh",
    "holdout5": ROOT / "tests" / "data" / "fresh2",
}
TARGET = 0.9


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RULES


def test_gold_table_is_large_varied_and_labelled_with_known_topics() -> None:
    assert len(GOLD) >= 40
    assert len({c.document.split("__")[0] for c in GOLD}) >= 15
    assert sum(1 for c in GOLD if not c.topics) >= 20, "negatives are needed for precision"
    known = {t.id for t in RULES.topics}
    for clause in GOLD:
        assert clause.topics <= known, clause.text[:60]
    for topic in known:
        assert sum(topic in c.topics for c in GOLD) >= 4, f"too few examples of {topic}"


@pytest.mark.parametrize("clause", GOLD, ids=lambda c: f"{c.document}:{c.text[:30]}")
def test_gold_text_is_quoted_verbatim_from_the_corpus(corpus_dir: Path, clause: GoldClause) -> None:
    if clause.sample in OUTSIDE:  # drawn by the extractor from documents outside the corpus
        text = (OUTSIDE[clause.sample] / clause.document / clause.file).read_text(encoding="utf-8")
        assert clause.text in {c.text for c in extract_markdown(text).clauses}
        return
    source = corpus_dir / "versions" / clause.document / clause.file
    assert clause.text in source.read_text(encoding="utf-8")


#: Samples labelled after the rules were last changed: measured (``make eval-classify``), each
#: held to its own floor below (precision, recall), never tuned on. ("fresh", measured first at
#: precision 0.733, recall 0.550, has been tuned on since issue 13's second round: it counts
#: with the other tuned-on samples now. "holdout5", 60 clauses of tests/data/fresh2, measured
#: first at precision 0.800, recall 0.615: 13 labels, so its floor is loose.)
HELD_OUT = {"holdout4": (0.8, 0.6), "holdout5": (0.7, 0.5)}


def test_topic_precision_and_recall_reach_the_target(rules: RuleSet) -> None:
    overall = score_topics([c for c in GOLD if c.sample not in HELD_OUT], rules).overall
    assert overall.precision >= TARGET, f"precision {overall.precision:.3f}"
    assert overall.recall >= TARGET, f"recall {overall.recall:.3f}"


@pytest.mark.parametrize("sample", list(HELD_OUT))
def test_topics_on_the_held_out_samples_do_not_regress(rules: RuleSet, sample: str) -> None:
    """Below the target (holdout4: recall 0.71 when it was drawn, holdout5: 0.615): a floor, not a
    goal to tune to."""
    precision, recall = HELD_OUT[sample]
    held_out = score_topics([c for c in GOLD if c.sample == sample], rules).overall
    assert held_out.precision >= precision, f"precision {held_out.precision:.3f}"
    assert held_out.recall >= recall, f"recall {held_out.recall:.3f}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole words: "resell" is not "sell", "bank" is not "ban", "minor changes" are not minors
        ("You will not transfer, distribute, resell, lease, license, or assign the Services.", ()),
        ("We’ve made other minor formatting and wording changes.", ()),
        # typographic quotes and Markdown emphasis do not hide a pattern
        ("We **don’t sell** your personal data to third parties.", ("third_party_sharing",)),
        (
            "_To comply with the law_. We may disclose information if required by law.",
            ("law_enforcement",),
        ),
        # link targets are not text: a URL saying "delete-your-account" is not a topic
        ("Instructions are [here](https://help.example.com/how-to-delete-your-account).", ()),
        ("", ()),
    ],
)
def test_matching_cases(rules: RuleSet, text: str, expected: tuple[str, ...]) -> None:
    assert topics_of(text, rules) == expected


@pytest.mark.parametrize(
    ("topic", "text", "about"),
    [
        # processors named by what they process, and "utilize" as a verb of using one
        ("subprocessors", "We use third-party payment processors to collect card details.", True),
        ("subprocessors", "The Company may utilize third-party hosting providers.", True),
        ("subprocessors", "You authorize us or our payment processor to charge your card.", False),
        # consenting to a disclosure is about sharing; sharing "with us" and "the shared data"
        # are not sharing with anyone else
        ("third_party_sharing", "You may consent to the sharing of your profile.", True),
        ("third_party_sharing", "If you opt in to share your chats with us, we read them.", False),
        ("third_party_sharing", "We may use the shared data to improve the service.", False),
        # rights a person has, by their name; a statute's name is not one
        ("user_rights", "Learn about the privacy rights you may have in your state.", True),
        ("user_rights", "You can ask for the erasure of your personal data.", True),
        ("user_rights", "This notice is given under the California Privacy Rights Act.", False),
        # a change announced with notice, whatever is changed
        ("terms_changes", "If the changes affect your rights, we will notify you by email.", True),
        ("terms_changes", "If we detect a suspicious sign-in, we will notify you.", False),
        # who owns what a user makes
        ("content_license", "Your outputs remain yours.", True),
        ("content_license", "You keep ownership and control of your customer data.", True),
        ("content_license", "The choice is yours.", False),
        # output that is not advice: a reliance disclaimer; a rule against giving advice is not
        ("liability", "The Outputs do not constitute legal or medical advice.", True),
        ("liability", "You should not treat any answer as professional advice.", True),
        ("liability", "Do not use the Services to give tailored financial advice.", False),
        # access suspended or ended, by any verb of it, and ending as a consequence
        ("termination", "We may suspend or revoke your access at any time.", True),
        ("termination", "A breach may result in the termination of your subscription.", True),
        ("termination", "We may refuse to provide you with the services.", True),
        ("termination", "We may restrict your use of certain features during peak hours.", False),
        ("termination", "This licence survives the termination of this agreement.", False),
    ],
)
def test_general_phrasings_of_a_topic(rules: RuleSet, topic: str, text: str, about: bool) -> None:
    """Phrasings added for issue 13 from the misses of the tuned-on samples, written here in
    other words than the clauses they came from (a phrasing must be general, not one clause's)."""
    assert (topic in topics_of(text, rules)) == about, topics_of(text, rules)


_TEXTS = st.sampled_from([c.text for c in GOLD])


@given(_TEXTS)
def test_topics_come_in_rule_file_order_without_repeats(text: str) -> None:
    found = topics_of(text, RULES)
    order = [t.id for t in RULES.topics]
    assert list(found) == sorted(set(found), key=order.index)


@given(_TEXTS, st.sampled_from(["  ", "\n", " \t "]))
def test_topics_do_not_depend_on_whitespace_or_quote_style(text: str, space: str) -> None:
    respaced = space.join(text.split(" "))
    straight = text.replace("’", "'").replace("“", '"').replace("”", '"')
    assert topics_of(respaced, RULES) == topics_of(text, RULES)
    assert topics_of(straight, RULES) == topics_of(text, RULES)


def test_one_pair_of_word_boundaries_matches_what_each_pattern_matches(corpus_dir: Path) -> None:
    """compile_words puts the word boundaries once around the alternation (for speed): over
    the clauses of real versions, every topic and term matches exactly where one of its
    patterns, bounded alone, matches."""
    patterns = {f"topic {t.id}": t.patterns for t in RULES.topics} | {
        f"term {t.name}": t.patterns for t in RULES.terms
    }
    alone = {
        name: [re.compile(f"(?<!\\w)(?:{p})(?!\\w)", re.IGNORECASE) for p in group]
        for name, group in patterns.items()
    }
    combined = {name: compile_words(group) for name, group in patterns.items()}
    files = sorted((corpus_dir / "versions").rglob("*.md"))[::7]
    texts = [
        match_form(c.text)
        for f in files
        for c in extract_bytes(f.read_bytes(), name=f.name).clauses
    ]
    assert len(texts) > 500
    for name in patterns:
        expected = [any(r.search(t) for r in alone[name]) for t in texts]
        assert [combined[name].search(t) is not None for t in texts] == expected, name

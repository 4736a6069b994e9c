"""The literal test before the topic regexes (tracker/classify/literals.py): it never skips a
pattern that would match, so topics_of finds exactly what each topic's regex finds, over every
clause of the real corpus; the same for the verbs a sentence's claims are read from."""

from __future__ import annotations

import re
import string
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.classify import RuleSet, load_rules, parse_rules, quantities, topics_of
from tracker.classify.literals import LiteralScan, fold, parse_pattern, required_literals
from tracker.classify.rules import Memo, Words, compile_words
from tracker.classify.statements import makes_claims, read_sentence, recipients_given
from tracker.classify.text import match_form, sentences
from tracker.classify.topics import TopicFinder, without_abbreviation_dots
from tracker.errors import RulesError
from tracker.extract import extract_bytes

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")


def regex_topics(text: str, rules: RuleSet) -> tuple[str, ...]:
    """What topics_of found before the literal test: every topic's regex tried on the text
    (read as topics_of reads it: in match form, "e.g." and "i.e." without their dots)."""
    form = without_abbreviation_dots(match_form(text))
    return tuple(t.id for t in rules.topics if form and t.regex.search(form)) if form else ()


def corpus_texts(corpus: Path) -> list[str]:
    versions = sorted((corpus / "versions").rglob("*.md"))[::3]
    snapshots = sorted((corpus / "snapshots").rglob("*.html"))
    texts = [c.text for f in versions for c in extract_bytes(f.read_bytes(), name=f.name).clauses]
    for f in snapshots[::4]:
        document = extract_bytes(f.read_bytes(), content_type="text/html", name=f.name)
        texts += [c.text for c in document.clauses]
    return texts


def test_topics_of_finds_what_the_topic_regexes_find_over_the_whole_corpus(
    corpus_dir: Path,
) -> None:
    texts = corpus_texts(corpus_dir)
    assert len(texts) > 10_000
    expected = [regex_topics(t, RULES) for t in texts]
    assert sum(1 for e in expected if e) > 3_000, "the corpus is about topics"
    assert [topics_of(t, RULES) for t in texts] == expected


def test_every_shipped_pattern_has_literals_to_look_for() -> None:
    """Otherwise the pattern runs on every clause (correct, but the speed is gone)."""
    for topic in RULES.topics:
        for pattern in topic.patterns:
            assert required_literals(pattern), (topic.id, pattern)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("sold", (frozenset({"sold"}),)),
        ("child(?:ren)?(?:'s)?", (frozenset({"child"}),)),  # "children" holds "child"
        ("zero[- ]data", (frozenset({"zero data", "zero-data"}),)),
        ("SCCs?", (frozenset({"scc"}),)),
        # two runs of known text around unknown text: each must be there
        (
            "(?:rent|lease)\\b[^.]{0,30}\\b(?:data|information)",
            (frozenset({"data", "information"}), frozenset({"lease", "rent"})),
        ),
        ("(?<!zero )retention(?! period)", (frozenset({"retention"}),)),  # lookarounds: no text
        ("\\w+ly", (frozenset({"ly"}),)),  # short, but all there is
        # nothing to promise: any text could match
        ("[^.]{3,}", None),
        ("\\d{2,}", None),
        ("(?:sold|\\w)bc?", (frozenset({"b"}),)),  # one letter, but all there is
        ("(?:sold|\\w+)", None),
    ],
)
def test_required_literals(pattern: str, expected: tuple[frozenset[str], ...] | None) -> None:
    assert required_literals(pattern) == expected


def test_a_pattern_promising_nothing_is_always_tried() -> None:
    topic = replace(RULES.topics[0], id="numbers", patterns=("\\d{2,}",), words=Words(("\\d{2,}",)))
    rules = replace(RULES, topics=(topic,), memo=Memo())
    assert topics_of("We keep it for 30 days.", rules) == ("numbers",)
    assert topics_of("We keep it for a month.", rules) == ()


def test_fold_covers_every_character_ignorecase_equates_with_ascii() -> None:
    """re.IGNORECASE matches a few non-ASCII characters with ASCII letters (the Kelvin sign
    with k, the long s with s, dotted and dotless I with i); fold must turn each into its letter,
    or a literal would be missed in a text that the regex matches."""
    ascii_class = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        char = chr(code)
        if ascii_class.fullmatch(char):
            letters = [a for a in string.ascii_lowercase if re.fullmatch(a, char, re.IGNORECASE)]
            assert letters and fold(char) == letters[0], hex(code)


@pytest.mark.parametrize(
    "text",
    [
        "Personal data is never ſold.",  # long s
        "We retain data for 30 days; the KELVIN sign: \u212aeep it.",
        "DİSCLOSE PERSONAL DATA TO THİRD PARTİES",
        "We do not use your ıNPUTS to train models.",
        "Cookies, pixels and SDKs.",
    ],
)
def test_non_ascii_letters_that_match_ascii_ones(text: str) -> None:
    assert topics_of(text, RULES) == regex_topics(text, RULES)
    assert topics_of(text, RULES) or "ı" in text


def _quantities_unguarded(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    """What ages() and periods() find when every regex runs whatever words the text holds."""
    with monkeypatch.context() as patch:
        patch.setattr(quantities, "_may_say_years_old", lambda text: True)
        patch.setattr(quantities, "_PERIOD_UNITS", ("",))
        return (quantities.ages(text), quantities.periods(text))


def test_quantities_skip_only_regexes_that_cannot_match_over_the_corpus(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ages() skips the "N years old" regex, and periods() its regex, when the words every match
    holds are not in the text: the same quantities as running them, over the corpus's clauses."""
    texts = corpus_texts(corpus_dir)[::3]
    expected = [_quantities_unguarded(t, monkeypatch) for t in texts]
    assert sum(1 for ages, _ in expected if ages) > 10, "the corpus states ages"
    assert sum(1 for _, periods in expected if periods) > 100, "and periods"
    assert [(quantities.ages(t), quantities.periods(t)) for t in texts] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Users must be 13 YEARS OLD or older.",
        "a 13 year old user",
        "a 13-year-old user",
        "thirteen year of age",
        "within a 24 hour period",
        "one day, a week, a month or a year",
        "users thirteen (13) years of age",
        "a child 16 years\u00a0old",  # no space: "years?\s*old" still matches
        "You must be 18 YEARſ OLD",  # the long s is an s to re.IGNORECASE
        "We keep logs for 2 wee\u212as.",  # the Kelvin sign is a k
        "We keep it for one year; after that, it is deleted.",
        "within thirty days",
        "Old versions are kept.",
        "",
    ],
)
def test_quantities_skip_only_regexes_that_cannot_match(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (quantities.ages(text), quantities.periods(text)) == _quantities_unguarded(
        text, monkeypatch
    )


_QUANTITY_WORDS = ["13", "thirty", "(30)", "a", "an", "years", "year", "YEAR", "old", "of age",
                   "age", "ſ", "\u212a", "wee", "hours", "days", "day", "month", "+", " ", "-",
                   "under"]  # fmt: skip


@given(st.lists(st.sampled_from(_QUANTITY_WORDS), max_size=12))
def test_quantities_skip_only_regexes_that_cannot_match_random_texts(words: list[str]) -> None:
    text = " ".join(words)
    with pytest.MonkeyPatch.context() as patch:
        expected = _quantities_unguarded(text, patch)
    assert (quantities.ages(text), quantities.periods(text)) == expected


def test_literal_scan_finds_overlapping_and_nested_strings() -> None:
    scan = LiteralScan(["data", "data transfer", "transfer", "ata t", "fer of", "x"])
    assert scan.found("the data transfer of") == {"data", "data transfer", "transfer", "ata t",
                                                  "fer of"}  # fmt: skip
    assert scan.found("no match here") == set()
    assert LiteralScan([]).found("anything") == set()


_WORDS = sorted(
    {w for t in RULES.topics for p in t.patterns for w in re.findall(r"[A-Za-z']{3,}", p)}
)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_WORDS),
            st.sampled_from(["the", "your", "we", "may", "not", "data", "to", "of"]),
            st.text(alphabet="ſıİK\u212a.,'- \u2019\u00a0", max_size=3),
        ),
        max_size=25,
    ),
    st.booleans(),
)
def test_topics_of_equals_the_regexes_on_texts_of_the_rules_own_words(
    words: list[str], upper: bool
) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    assert topics_of(text, RULES) == regex_topics(text, RULES)


def test_topic_finder_runs_each_pattern_bounded_alone() -> None:
    """The finder's per-pattern regexes are compile_words of one pattern: the same regex the
    rule file's topic regex is an alternation of."""
    finder = TopicFinder(RULES.topics)
    text = "We may sell your personal data to advertisers."
    assert finder.topics(match_form(text)) == regex_topics(text, RULES)
    assert compile_words(("sold",)).search("it was sold") is not None


@given(st.text(alphabet="()[]{}?*+|\\^$.:=!<>-Pa-z0-9,#iLux", max_size=14))
def test_the_rule_file_check_refuses_exactly_what_re_compile_refuses(pattern: str) -> None:
    """The rule file's patterns are checked by re's parser alone (compiling each one cost a
    tenth of a second on every run): it must refuse exactly what re.compile refuses."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # "possible nested set" in random classes
        try:
            re.compile(pattern, re.IGNORECASE)
            compiled = True
        except re.error:
            compiled = False
        try:
            parse_pattern(pattern)
            parsed = True
        except re.error:
            parsed = False
    assert parsed == compiled


@pytest.mark.parametrize("pattern", ["(?=cookies)", "(?<!x)(?=data)", "\\b(?:a|b)"])
def test_a_pattern_whose_shortest_match_is_empty_is_compiled_to_tell(pattern: str) -> None:
    accepted = not re.compile(pattern, re.IGNORECASE).match("")
    text = f"[[topics]]\nid = 'x'\nlabel = 'X'\nseverity = 'low'\npatterns = ['{pattern}']\n"
    if accepted:
        assert parse_rules(text).topics[0].patterns == (pattern,)
    else:
        with pytest.raises(RulesError, match="matches empty text"):
            parse_rules(text)


def claim_patterns_matching(form: str, rules: RuleSet) -> list[tuple[str, str]]:
    """(list, pattern) of every verb pattern that matches ``form``, each regex tried."""
    return [
        (name, pattern)
        for name in ("powers", "duties", "rights")
        for pattern, regex in rules.readings.each(name)
        if regex.search(form) is not None
    ]


def sieved(form: str, rules: RuleSet) -> list[tuple[str, str]]:
    names = ("powers", "duties", "rights")
    return [(name, p) for name, p, _ in rules.readings.each_possible(names, fold(form))]


def test_the_verb_sieve_never_leaves_out_a_pattern_that_matches_over_the_corpus(
    corpus_dir: Path,
) -> None:
    """The sentences of the corpus: every verb pattern that matches one is among those the
    sieve lets through, in the rule file's order; most sentences run a few patterns only; and
    the readings the classifier takes short cuts to are the full reading's."""
    forms = [s for text in corpus_texts(corpus_dir)[::3] for s in sentences(match_form(text)) if s]
    assert len(forms) > 3_000
    tried = 0
    for form in forms:
        possible = sieved(form, RULES)
        assert set(claim_patterns_matching(form, RULES)) <= set(possible), form
        order = [(n, p) for n in ("powers", "duties", "rights") for p in RULES.readings.patterns[n]]
        assert possible == [each for each in order if each in possible]
        tried += len(possible)
        reading = read_sentence(form, RULES.readings)
        assert makes_claims(form, RULES.readings) == bool(reading.claims), form
        general = not (reading.opt_in or reading.conditions or reading.exceptions)
        spreads = any(c.spreading and not c.negated for c in reading.powers)
        expected = reading.scope["recipients"] if general and spreads else frozenset()
        assert recipients_given(form, RULES.readings) == expected, form
    assert tried < len(forms) * 10, "the sieve lets through most of the 105 patterns"


@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                sorted(
                    {
                        w
                        for name in ("powers", "duties", "rights")
                        for p in RULES.readings.patterns[name]
                        for w in re.findall(r"[A-Za-z']{2,}", p)
                    }
                )
            ),
            st.sampled_from(["we", "you", "may", "not", "data", "to", "your", "-", "out"]),
            st.text(alphabet="ſıİK\u212a.,'- \u2019\u00a0", max_size=3),
        ),
        max_size=20,
    ),
    st.booleans(),
)
def test_the_verb_sieve_on_texts_of_the_rules_own_words(words: list[str], upper: bool) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    assert set(claim_patterns_matching(text, RULES)) <= set(sieved(text, RULES))

"""The classifier's rule file: the shipped one is valid and complete, and every mistake in a rule
file is one line naming the file, the line and the rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tracker.classify import checked_rules_file, load_rules, parse_rules
from tracker.classify import rules as rules_module
from tracker.errors import ConfigError, RulesError

ROOT = Path(__file__).resolve().parent.parent
RULES_FILE = ROOT / "data" / "rules.toml"

#: The topics the issue asks to ship, by id.
REQUIRED_TOPICS = {
    "ai_training",
    "retention",
    "zero_retention",
    "third_party_sharing",
    "subprocessors",
    "children",
    "international_transfer",
    "user_rights",
    "law_enforcement",
    "arbitration",
    "governing_law",
    "terms_changes",
    "content_license",
    "liability",
    "termination",
    "cookies_tracking",
}

MINIMAL = """\
[[topics]]
id = "arbitration"
label = "Arbitration"
severity = "high"
patterns = ['arbitrat\\w*']

[[topics]]
id = "cookies"
label = "Cookies"
severity = "low"
patterns = ['cookies?']

[terms]
arbitration = ['arbitrat\\w*']
binding = ['binding']

[[facts]]
id = "mandatory_arbitration"
question = "Is there mandatory arbitration?"
topics = ["arbitration"]

  [[facts.rules]]
  answer = "yes"
  when = ["arbitration", "binding"]
  why = "binding arbitration"

[severity]
untopical = "low"

[severity.signals]
negation = ["not", "never"]
"""


def test_shipped_rules_load_with_every_required_topic_and_fact() -> None:
    rules = load_rules(RULES_FILE)
    assert {t.id for t in rules.topics} >= REQUIRED_TOPICS
    assert {f.id for f in rules.facts} >= {
        "trains_by_default",
        "zero_retention_available",
        "sells_personal_data",
        "mandatory_arbitration",
    }
    assert all(t.severity in ("high", "medium", "low") for t in rules.topics)
    assert {s.name for s in rules.severity.signals} >= {"negation", "modal"}


def test_minimal_rules_parse() -> None:
    rules = parse_rules(MINIMAL, "r.toml")
    assert [t.id for t in rules.topics] == ["arbitration", "cookies"]
    (fact,) = rules.facts
    assert [t.name for t in fact.rules[0].when] == ["arbitration", "binding"]
    assert rules.severity.typo_max_edits == 2 and rules.severity.numbers is True


def _mutated(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        # a bad regular expression names the topic, the pattern and its line
        (
            _mutated("patterns = ['cookies?']", "patterns = ['cookies(']"),
            11,
            "topic 'cookies': pattern 'cookies(' is not a valid regular expression",
        ),
        (
            _mutated("binding = ['binding']", "binding = ['bind[ing']"),
            15,
            "term 'binding': pattern 'bind[ing' is not a valid regular expression",
        ),
        (
            _mutated("patterns = ['cookies?']", "patterns = ['(?:x)?']"),
            11,
            "topic 'cookies': pattern '(?:x)?' matches empty text",
        ),
        # unknown keys, at every level
        (
            _mutated('label = "Cookies"', 'lable = "Cookies"'),
            9,
            "topic 'cookies': unknown key 'lable' (allowed: id, label, severity, description, "
            "patterns)",
        ),
        (
            _mutated('why = "binding arbitration"', 'why = "binding arbitration"\n  because = "x"'),
            26,
            "fact 'mandatory_arbitration' rule 1: unknown key 'because'",
        ),
        (
            _mutated('question = "Is there', 'ask = "?"\nquestion = "Is there'),
            19,
            "fact 'mandatory_arbitration': unknown key 'ask'",
        ),
        (
            _mutated('untopical = "low"', 'untopical = "low"\ntypo_edits = 2'),
            29,
            "[severity]: unknown key 'typo_edits'",
        ),
        ("[[topicz]]\nid = 'x'\n" + MINIMAL, 1, "the rule file: unknown key 'topicz'"),
        # duplicate ids
        (_mutated('id = "cookies"', 'id = "arbitration"'), 2, "topic 'arbitration': duplicate id"),
        (
            MINIMAL.replace(
                "[severity]",
                MINIMAL[MINIMAL.index("[[facts]]") : MINIMAL.index("[severity]")] + "[severity]",
            ),
            18,
            "fact 'mandatory_arbitration': duplicate id",
        ),
        # references to things that do not exist
        (
            _mutated('when = ["arbitration", "binding"]', 'when = ["arbitration", "mandatory"]'),
            22,
            "fact 'mandatory_arbitration' rule 1: unknown term 'mandatory' in 'when'",
        ),
        (
            _mutated('topics = ["arbitration"]', 'topics = ["disputes"]'),
            18,
            "fact 'mandatory_arbitration': unknown topic 'disputes' in 'topics'",
        ),
        # values of the wrong kind
        (
            _mutated('severity = "low"', 'severity = "urgent"'),
            10,
            "topic 'cookies': 'severity' must be one of high, medium, low, none, not 'urgent'",
        ),
        (
            _mutated('answer = "yes"', 'answer = "maybe"'),
            22,
            "fact 'mandatory_arbitration' rule 1: 'answer' must be \"yes\" or \"no\"",
        ),
        (
            _mutated('id = "cookies"', 'id = "Cookies!"'),
            7,
            "topic #2: needs an 'id' of lowercase letters",
        ),
        (
            _mutated('negation = ["not", "never"]', 'negation = ["not at all"]'),
            31,
            "signal 'negation': 'not at all' is not a single word",
        ),
        (
            _mutated('untopical = "low"', 'untopical = "low"\nopposites = [["permit"]]'),
            29,
            "[severity] opposites: ['permit'] is not a pair of single words",
        ),
        (
            _mutated('untopical = "low"', 'untopical = "low"\nopposites = [["allow", "allowed"]]'),
            29,
            "[severity] opposites: ['allow', 'allowed']: one word begins the other",
        ),
        (
            _mutated('untopical = "low"', 'untopical = "low"\nopposites = "permit"'),
            29,
            "[severity] opposites: must be a list of pairs of words",
        ),
        (
            _mutated("patterns = ['cookies?']", "patterns = []"),
            11,
            "topic 'cookies': 'patterns' must be a non-empty list of strings",
        ),
        (_mutated("patterns = ['cookies?']", "patterns = ['cookies?'"), 13, "invalid TOML"),
    ],
)
def test_each_mistake_is_one_line_naming_file_line_and_rule(
    text: str, line: int | None, needle: str
) -> None:
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "r.toml")
    message = str(caught.value)
    assert "\n" not in message
    assert needle in message
    prefix = f"r.toml:{line}: " if line else "r.toml: "
    assert message.startswith(prefix), message


def test_rules_error_is_a_config_error_with_exit_code_2() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_rules("[[topics]]\n", "r.toml")
    assert caught.value.exit_code == 2


def test_missing_rule_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="rule file not found"):
        load_rules(tmp_path / "absent.toml")


def test_patterns_match_whole_words_only() -> None:
    rules = parse_rules(MINIMAL, "r.toml")
    cookies = rules.topic("cookies")
    assert cookies is not None
    assert cookies.matches("we use Cookies.")
    assert not cookies.matches("we bake cookiesandwiches")


def test_lines_are_looked_up_only_for_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every run reads the rule file: a valid one is never split into lines to find where a
    rule or key is (issue 14); a mistake still names its line."""
    looked: list[str] = []
    lines = rules_module._Locator.lines

    def counting(locator: Any) -> list[str]:
        looked.append(locator.source)
        return lines.__get__(locator)

    monkeypatch.setattr(rules_module._Locator, "lines", property(counting))
    checked = checked_rules_file(tmp_path)
    load_rules(RULES_FILE)
    load_rules(RULES_FILE, checked=checked)  # checked in full, then remembered
    load_rules(RULES_FILE, checked=checked)  # known: its patterns are not parsed
    parse_rules(MINIMAL, "r.toml")
    assert looked == []
    with pytest.raises(RulesError, match=r"^r\.toml:15: term 'binding': pattern 'bind\[ing'"):
        parse_rules(_mutated("binding = ['binding']", "binding = ['bind[ing']"), "r.toml")
    assert looked and set(looked) == {"r.toml"}


# -- the list of rule files checked before (a cold run's shortcut) ----------------------------

BROKEN = _mutated("patterns = ['cookies?']", "patterns = ['cookies(']")


def _counting_pattern_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    parse = rules_module.parse_pattern

    def counting(pattern: str) -> Any:
        seen.append(pattern)
        return parse(pattern)

    monkeypatch.setattr(rules_module, "parse_pattern", counting)
    return seen


def test_a_text_checked_before_is_not_parsed_pattern_by_pattern_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = checked_rules_file(tmp_path)
    parsed = _counting_pattern_parses(monkeypatch)
    first = parse_rules(MINIMAL, "r.toml", checked=checked)
    assert parsed and len(checked.read_text(encoding="ascii").split()) == 1
    parsed.clear()
    again = parse_rules(MINIMAL, "r.toml", checked=checked)
    assert parsed == []
    assert again.topics == first.topics and again.facts == first.facts
    # any other text is checked in full, then remembered too
    parse_rules(MINIMAL + "# a comment\n", "r.toml", checked=checked)
    assert parsed and len(checked.read_text(encoding="ascii").split()) == 2


@pytest.mark.parametrize(
    "cache",
    [
        b"",
        b"\x00\xff\xfe not a list of keys \x80",
        b"deadbeef\n",
        "{good}\n{good}\n",  # the key of the good text before the edit, twice
        "{good_prefix}\n",  # truncated
        "{good} trailing\n",
        "x" * 64 + "\n",
    ],
)
def test_a_broken_rule_file_is_refused_whatever_the_cache_holds(
    tmp_path: Path, cache: bytes | str
) -> None:
    checked = checked_rules_file(tmp_path)
    parse_rules(MINIMAL, "r.toml", checked=checked)  # the good text, remembered
    good = checked.read_text(encoding="ascii").strip()
    if isinstance(cache, str):
        cache = cache.format(good=good, good_prefix=good[:40]).encode()
    checked.write_bytes(cache)
    for _ in range(2):  # and a refused text is never remembered
        with pytest.raises(RulesError, match=r"pattern 'cookies\(' is not a valid"):
            parse_rules(BROKEN, "r.toml", checked=checked)


def test_a_cache_that_cannot_be_read_or_written_only_means_a_full_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = checked_rules_file(tmp_path)
    checked.mkdir(parents=True)  # a directory where the file should be
    parsed = _counting_pattern_parses(monkeypatch)
    for _ in range(2):
        assert [t.id for t in parse_rules(MINIMAL, "r.toml", checked=checked).topics]
        assert parsed
        parsed.clear()
    with pytest.raises(RulesError):
        parse_rules(BROKEN, "r.toml", checked=checked)
    assert list(checked.parent.iterdir()) == [checked]  # no partial file left behind


@pytest.mark.parametrize(
    ("name", "value"),
    [("CHECK_VERSION", 2), ("__version__", "99.0"), ("_CHECKER_SOURCES", ("rules.py",))],
)
def test_a_check_is_remembered_for_this_checker_and_these_versions_only(
    monkeypatch: pytest.MonkeyPatch, name: str, value: object
) -> None:
    key = rules_module._checked_key(MINIMAL)
    assert key is not None and key != rules_module._checked_key(MINIMAL + " ")
    monkeypatch.setattr(rules_module, name, value)
    assert rules_module._checked_key(MINIMAL) != key


def test_another_python_does_not_trust_a_check_made_by_this_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = rules_module._checked_key(MINIMAL)
    monkeypatch.setattr(rules_module.sys, "version", "3.99.0 (elsewhere)")
    assert rules_module._checked_key(MINIMAL) != key


def test_the_rule_file_of_a_run_is_remembered_in_the_data_directory(tmp_path: Path) -> None:
    from tracker.cli.run import run_rules
    from tracker.settings import load_settings

    settings = load_settings({"TRACKER_RULES": str(RULES_FILE)}, cwd=tmp_path)
    rules = run_rules(settings, join=False)
    assert not settings.data_dir.exists()  # not created for it: nothing remembered yet
    settings.data_dir.mkdir()
    assert run_rules(settings, join=False).topics == rules.topics
    assert run_rules(settings, join=False).topics == rules.topics
    assert len(checked_rules_file(settings.data_dir).read_text(encoding="ascii").split()) == 1

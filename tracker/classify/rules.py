"""The classifier's rule file (``data/rules.toml``): topics, terms, key facts, severity grading.

:func:`parse_rules` validates the whole file into frozen values; any problem is a
:class:`~tracker.errors.RulesError` of one line naming the file, the line and the rule. The file
format is described in the README ("Topics, severity and key facts").

Every pattern (of a topic or of a term) is a case-insensitive regular expression matched on whole
words: a match may not begin or end inside a word, so ``sell`` does not match "resell".
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from tracker import __version__
from tracker.classify.literals import PatternSieve, parse_pattern
from tracker.errors import RulesError
from tracker.vocabulary import SEVERITIES, Severity

Answer = Literal["yes", "no", "not stated"]
RuleAnswer = Literal["yes", "no"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)")
_SIGNAL_WORD = re.compile(r"^[a-z0-9]+(?:'[a-z]+)?$")

TOP_LEVEL_KEYS = ("topics", "terms", "facts", "severity", "readings")
TOPIC_KEYS = ("id", "label", "severity", "description", "patterns")
FACT_KEYS = ("id", "question", "topics", "rules", "statements")
FACT_RULE_KEYS = ("answer", "when", "unless", "why")
SEVERITY_KEYS = ("untopical", "numbers", "typo_max_edits", "signals", "opposites")


def compile_words(patterns: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` on whole words.

    The word boundaries stand once around the alternation, not around each pattern: the same
    matches (the engine still backtracks into the next pattern when one is followed by a
    letter), but a position that does not start a word is left after one test instead of one
    per pattern (about 4x faster over a corpus page's clauses)."""
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"(?<!\\w)(?:{alternatives})(?!\\w)", re.IGNORECASE)


class Words:
    """:func:`compile_words` of ``patterns``, compiled on first use: a night on which no
    page changed classifies nothing and never pays for the rule file's regexes. Each pattern
    was checked when the file was read (:func:`_patterns`: alone, as one alternative among
    others, its group names its own), so compiling them together cannot fail later."""

    __slots__ = ("_regex", "patterns")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = compile_words(self.patterns)
        return self._regex

    def __getstate__(self) -> tuple[str, ...]:  # sent to extraction processes uncompiled
        return self.patterns

    def __setstate__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        self._regex = None


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject a clause can be about, found by its patterns; ``severity`` is its base grade."""

    id: str
    label: str
    severity: Severity
    description: str
    patterns: tuple[str, ...]
    words: Words = field(compare=False, repr=False)

    @property
    def regex(self) -> re.Pattern[str]:
        return self.words.regex

    def matches(self, match_text: str) -> bool:
        return self.regex.search(match_text) is not None


@dataclass(frozen=True, slots=True)
class Term:
    """A named concept of the fact rules ("training", "opt_in"...), written as patterns."""

    name: str
    patterns: tuple[str, ...]
    words: Words = field(compare=False, repr=False)

    @property
    def regex(self) -> re.Pattern[str]:
        return self.words.regex

    def matches(self, match_text: str) -> bool:
        return self.regex.search(match_text) is not None


@dataclass(frozen=True, slots=True)
class FactRule:
    """A sentence with every term of ``when`` and none of ``unless`` gives ``answer``."""

    answer: RuleAnswer
    when: tuple[Term, ...]
    unless: tuple[Term, ...]
    why: str

    def matches(self, match_text: str) -> bool:
        return all(t.matches(match_text) for t in self.when) and not any(
            t.matches(match_text) for t in self.unless
        )


@dataclass(frozen=True, slots=True)
class Fact:
    """A key question answered from the clauses on ``topics``; ``rules`` are tried in order.

    ``statements`` recognise the fact where a third party states it as a label and a yes/no
    ("Trains on customer data by default: No"): each is a group of terms that must all occur
    in the label. They never change how documents are answered.
    """

    id: str
    question: str
    topics: tuple[str, ...]
    rules: tuple[FactRule, ...]
    statements: tuple[tuple[Term, ...], ...] = ()

    def stated_in(self, match_text: str) -> bool:
        """Whether a label (in match form) names this fact, by one of its ``statements``."""
        return any(all(t.matches(match_text) for t in group) for group in self.statements)


@dataclass(frozen=True, slots=True)
class Signal:
    """Words whose appearing or disappearing in a modified clause raises its severity."""

    name: str
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class SeverityRules:
    untopical: Severity
    signals: tuple[Signal, ...]
    numbers: bool
    typo_max_edits: int
    #: Pairs of word beginnings that say the opposite of each other ("permit", "prohibit"): one
    #: put for the other in a sentence otherwise the same turns what it says round.
    opposites: tuple[tuple[str, str], ...] = ()


#: The readings: named word lists the severity grading reads a sentence with (see
#: :mod:`tracker.classify.statements`). Every name is optional; one left out reads nothing.
READING_NAMES: dict[str, str] = {
    "company": "words that name the company as the one acting (we, us, the company)",
    "user": "words that name the user as the one acting (you, users, customers)",
    "negation": "words that deny the verb after them (not, never, no longer)",
    "not_negating": "phrases with a negation word that deny nothing (but not limited to)",
    "binding": "words that make the verb after them a commitment (will, shall, must)",
    "permissive": "words that make the verb after them a permission (may, can, reserve the right)",
    "effort": "words that turn a commitment into an effort (try to, reasonable efforts)",
    "powers": "verbs of what the company does with people's data, content or accounts",
    "spreading": "powers that put data in more hands or uses (share, sell, train, license)",
    "named_sending": "data the company sends to another company by its name (to Facebook)",
    "duties": "verbs of what the company does for people (notify, delete, ask consent)",
    "rights": "verbs of what people can do about their data or account (opt out, delete)",
    "supplies": "verbs of people giving the company their data (you provide us with ...)",
    "needs_object": "rights that count only over people's data (access your data, not a product)",
    "user_data": "words that name people's data or accounts, the object that makes a verb count",
    "sensitive": "kinds of data whose new use is serious in itself (health, location, audio)",
    "opt_in": "consent asked before (opt in, explicit consent)",
    "opt_out": "consent presumed until refused (opt out, unless you object)",
    "consent_not_enough": "data whose new collection is serious even with consent (biometrics)",
    "security_duties": "duties of keeping data safe in general (protect, safeguard)",
    "exceptions": "words that open an exception (except, unless, other than)",
    "conditions": "words that make what follows conditional (only if, provided that)",
    "limiters": "words that limit a use to what follows (only, solely)",
    "indefinite": "keeping data without a stated end (as long as we deem necessary)",
    "compelled": "a disclosure only the law compels (when required by law, a court order)",
    "beyond_compulsion": "what reaches beyond legal process (whenever they ask, upon request)",
    "safeguard_qualities": "qualities that protect data only together (aggregated, anonymous)",
    "recipients": "who data may go to (advertisers, affiliates, data brokers)",
    "purposes": "what data may be used for (advertising, profiling, training)",
    "data": "kinds of personal data (location, biometric, health, contacts)",
    "licence": "words of a licence or of rights taken in content (licence, royalty-free)",
    "licence_terms": "terms that make a licence take more (perpetual, irrevocable, exclusive)",
    "open_licence": "a licence that lets anyone use what it covers (under CC BY-SA, public domain)",
    "grant": "words that give a licence or rights (grant, assign)",
    "waiver": "words of dispute waivers (arbitration, class action, jury trial)",
    "forfeiture": "words that take away value people paid for (unused credits voided)",
    "change_verbs": "verbs of changing terms, prices or the service",
    "change_objects": "what may be changed (these terms, prices, features)",
    "at_will": "words that make a change unilateral (at any time, without notice)",
    "without_notice": "words that drop notice (without notice)",
    "own_judgment": "words that make what the company does depend on its discretion or suspicion",
    "thresholds": "words that raise the trigger of a commitment (material, significant, greatly)",
    "catch_alls": "words that leave a list open (and other services, including but not limited to)",
    "default_only": "words that make a promise a default setting (by default)",
    "closed_lists": "words that close a list to what it names (namely, i.e., limited to)",
    "example_lists": "words that only give examples of what a list holds (such as, including)",
    "not_applicable": "marks that say a listed kind of data is not taken ((not collected))",
    "no_consent_bases": "legal bases that need no one's consent (legitimate interests)",
    "bundled_consent": "consent to marketing taken by signing up or using the service",
    "pointer": "openings of sentences that only point elsewhere (see our, learn more)",
    "describes": "sentences that only say what the document covers (this policy describes how we)",
    "passing": "verbs that only pass data to others, one as good as another (share, disclose)",
    "same_promises": "verbs of rights or duties making one promise (delete, erase; notify, inform)",
    "same_recipients": "recipients of one kind (affiliates, subsidiaries; advertisers)",
    "date_line": "words of a date line (updated, effective, last revised)",
    "retention_context": "words that make a period a retention period",
    "notice_context": "words that make a period a notice period",
    "window_context": "words that make a period the time people have to act (refund, cancel)",
    "response_context": "words that make a period the time the company takes to act",
    "liability_context": "words that make an amount a cap on the company's liability",
    "fee_context": "words that make an amount a price people pay",
    "recipient_lists": "headings of sections that list recipients (subprocessors, vendors)",
    "recipient_columns": "first cells of tables whose rows are recipients (partner, vendor)",
    "transfer_safeguards": "legal safeguards a transfer relies on (standard contractual clauses)",
    "entry_locations": "labels of where a listed recipient processes data (data location)",
    "entry_attributes": "labels of the other details of a listed recipient (purpose, guarantees)",
    "collection_sections": "headings of sections whose items are data collected",
    "purpose_sections": "headings of sections whose items are uses of data",
    "sharing_sections": "headings of sections whose items are disclosures of data",
    "prohibition_sections": "headings of sections whose clauses forbid things to users",
    "retention_sections": "headings of sections whose items say how long data is kept",
    "no_liability": "words of the company denying its liability (we shall not be liable)",
    "places": "where data is kept or processed (countries, regions, outside the EU)",
    "reach": "a practice done beyond the company's own service (off it, on others' sites)",
    "company_approval": "the company's approval a right is made to wait for",
    "tracker_sections": "headings of sections whose items are cookies or other trackers in use",
}


_Kept = TypeVar("_Kept")
_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


class Memo(dict[type, object]):
    """What is worked out from a rule set on first use, by the kind of thing it is (a rule
    set is frozen). Not pickled: a process the rule set is sent to works out its own."""

    def __reduce__(self) -> tuple[type[Memo], tuple[()]]:
        return (Memo, ())

    def of(self, kind: type[_Kept]) -> _Kept:
        """The memo of ``kind`` kept here, made empty on first use."""
        found = self.get(kind)
        if not isinstance(found, kind):
            found = self[kind] = kind()
        return found


class BoundedMemo(dict[_Key, _Value]):
    """Values worked out once per key, forgotten all at once when ``limit`` are kept."""

    def remember(self, key: _Key, work_out: Callable[[], _Value], limit: int) -> _Value:
        found = self.get(key)
        if found is None:
            if len(self) >= limit:
                self.clear()
            found = self[key] = work_out()
        return found


@dataclass(frozen=True, slots=True)
class Readings:
    """The named word lists of ``[readings]``, compiled on first use (see :class:`Words`
    and :data:`READING_NAMES`)."""

    patterns: dict[str, tuple[str, ...]]
    words: dict[str, Words] = field(compare=False, repr=False)
    singles: dict[str, tuple[re.Pattern[str], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    sieves: dict[
        tuple[str, ...], tuple[PatternSieve, tuple[tuple[str, str, re.Pattern[str]], ...]]
    ] = field(default_factory=dict, compare=False, repr=False)
    #: what is worked out from these lists on first use, by kind (see :class:`Memo`)
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    def each(self, name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """Every pattern of ``name`` with its own compiled regex (to tell which one matched)."""
        patterns = self.patterns.get(name, ())
        singles = self.singles.get(name)
        if singles is None:
            singles = tuple(compile_words((one,)) for one in patterns)
            self.singles[name] = singles
        return tuple(zip(patterns, singles, strict=True))

    def each_possible(
        self, names: tuple[str, ...], folded: str
    ) -> list[tuple[str, str, re.Pattern[str]]]:
        """(name, pattern, its regex) for every pattern of ``names``, in order, that can
        match a text whose :func:`~tracker.classify.literals.fold` is ``folded`` (see
        :class:`~tracker.classify.literals.PatternSieve`: one scan of the text for all their
        literals, instead of a regex scan per pattern)."""
        sieve = self.sieves.get(names)
        if sieve is None:
            each = tuple((name, p, regex) for name in names for p, regex in self.each(name))
            sieve = self.sieves[names] = (PatternSieve(p for _, p, _ in each), each)
        found, each = sieve
        return [each[number] for number in found.possible(folded)]

    def search(self, name: str, text: str) -> re.Match[str] | None:
        words = self.words.get(name)
        return words.regex.search(text) if words is not None else None

    def finditer(self, name: str, text: str) -> list[re.Match[str]]:
        words = self.words.get(name)
        return list(words.regex.finditer(text)) if words is not None else []

    def has(self, name: str) -> bool:
        return name in self.words


NO_READINGS = Readings(patterns={}, words={})


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything the classifier knows, as read from one rule file."""

    source: str
    topics: tuple[Topic, ...]
    terms: tuple[Term, ...]
    facts: tuple[Fact, ...]
    severity: SeverityRules
    readings: Readings = NO_READINGS
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


def load_rules(path: Path, *, checked: Path | None = None) -> RuleSet:
    """Read and validate the rule file at ``path`` (``checked``: see :func:`parse_rules`)."""
    return parse_rules(read_rule_file(path), str(path), checked=checked)


def read_rule_file(path: Path) -> str:
    """The rule file's text (RulesError when it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(f"{path}: rule file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot read rule file: {exc}") from None


def parse_rules(text: str, source: str = "<rules>", *, checked: Path | None = None) -> RuleSet:
    """Validate rule-file ``text``; ``source`` names it in error messages.

    ``checked``: a file remembering the texts whose patterns passed (:class:`CheckedRules`,
    ``<data dir>/cache/checked-rules``). A text found there has its patterns' regular
    expressions not parsed again (two thirds of the check); everything else is checked as
    always. A text that passes is added to it.
    """
    cache = CheckedRules(checked, text) if checked is not None else None
    known = cache is not None and cache.known()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        position = _TOML_POSITION.search(str(exc))
        where_ = f"{source}:{position.group(1)}" if position else source
        problem = _TOML_POSITION.sub("", str(exc)).strip()
        raise RulesError(f"{where_}: invalid TOML: {problem}") from None
    where = _Locator(text, source, check_patterns=not known)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise where.error(
                where.line_of_table(key).or_else(where.line_of_key(key, None)),
                "the rule file",
                f"unknown key {key!r} (allowed: {', '.join(TOP_LEVEL_KEYS)})",
            )
    topics = _parse_topics(data.get("topics", []), where)
    terms = _parse_terms(data.get("terms", {}), where)
    facts = _parse_facts(data.get("facts", []), where, {t.id for t in topics}, terms)
    severity = _parse_severity(data.get("severity", {}), where)
    readings = _parse_readings(data.get("readings", {}), where)
    rules = RuleSet(
        source=source,
        topics=topics,
        terms=tuple(terms.values()),
        facts=facts,
        severity=severity,
        readings=readings,
    )
    if cache is not None and not known:
        cache.remember()
    return rules


#: Bump when what :func:`parse_rules` checks changes in a way the source files below miss.
CHECK_VERSION = 1
#: The modules whose source decides what a pattern check accepts (this one, and the literal
#: reading of patterns): part of the key, so an edited checker never trusts an old check.
_CHECKER_SOURCES = ("rules.py", "literals.py")
_KEY = re.compile(r"^[0-9a-f]{64}$")


def checked_rules_file(data_dir: Path) -> Path:
    """Where the rule files whose patterns passed are remembered (see :class:`CheckedRules`)."""
    return data_dir / "cache" / "checked-rules"


class CheckedRules:
    """The rule-file texts whose patterns passed the check, kept in a file, one key a line.

    A key is the SHA-256 of the text together with the checker's source (this module and
    :mod:`tracker.classify.literals`), :data:`CHECK_VERSION`, the tracker's version and
    Python's (re's parser decides what compiles): another text, an edited checker or another
    Python never matches a key written before. The file is a list of digests and nothing
    else: a line that is not one is ignored, and a file that cannot be read, has been
    truncated, rewritten or filled with garbage only makes the full check run (a forged key
    would need the SHA-256 of a broken file with this checker's source, written on purpose
    into the data directory). The last :attr:`KEEP` texts are remembered; a file that cannot
    be written is not an error (the next run checks again), and the data directory is never
    created for it (a run that stops before anything is written leaves nothing behind).
    """

    KEEP = 8

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.key = _checked_key(text)

    def known(self) -> bool:
        return self.key is not None and self.key in self._keys()

    def remember(self) -> None:
        if self.key is None:
            return
        kept = [k for k in self._keys() if k != self.key][-(self.KEEP - 1) :]
        keys = [*kept, self.key]
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(exist_ok=True)  # never the data directory itself
            partial.write_text("".join(f"{k}\n" for k in keys), encoding="ascii")
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)

    def _keys(self) -> list[str]:
        try:
            lines = self.path.read_text(encoding="ascii", errors="replace").splitlines()
        except OSError:
            return []
        return [line for line in lines if _KEY.match(line)]


def _checked_key(text: str) -> str | None:
    digest = hashlib.sha256()
    for part in (str(CHECK_VERSION), __version__, sys.version):
        digest.update(part.encode() + b"\0")
    here = Path(__file__).parent
    try:
        for name in _CHECKER_SOURCES:
            digest.update((here / name).read_bytes() + b"\0")
    except OSError:
        return None  # the checker's source cannot be read: nothing is remembered
    digest.update(text.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()


def _parse_topics(raw: Any, where: _Locator) -> tuple[Topic, ...]:
    entries = _array_of_tables(raw, "topics", where)
    if not entries:
        raise where.error(None, "the rule file", "needs at least one [[topics]] table")
    topics: list[Topic] = []
    for index, entry in enumerate(entries):
        topic_id = _identifier(entry, "topic", index, where)
        subject = f"topic {topic_id!r}"
        anchor = where.line_of_id(topic_id)
        _check_keys(entry, TOPIC_KEYS, where, subject, anchor)
        if any(t.id == topic_id for t in topics):
            raise where.error(anchor, subject, "duplicate id")
        patterns = _patterns(entry.get("patterns"), "patterns", subject, anchor, where)
        topics.append(
            Topic(
                id=topic_id,
                label=_text(entry, "label", subject, anchor, where),
                severity=_severity(entry.get("severity"), "severity", subject, anchor, where),
                description=_text(entry, "description", subject, anchor, where, required=False),
                patterns=patterns,
                words=Words(patterns),
            )
        )
    return tuple(topics)


def _parse_terms(raw: Any, where: _Locator) -> dict[str, Term]:
    if not isinstance(raw, dict):
        raise where.error(where.line_of_table("terms"), "[terms]", "must be a table of lists")
    terms: dict[str, Term] = {}
    for name, value in raw.items():
        subject = f"term {name!r}"
        anchor = where.line_of_key(name, where.line_of_table("terms"))
        if not _ID.match(name):
            raise where.error(anchor, subject, "name must be lowercase letters, digits and _")
        patterns = _patterns(value, name, subject, anchor, where)
        terms[name] = Term(name=name, patterns=patterns, words=Words(patterns))
    return terms


def _parse_facts(
    raw: Any, where: _Locator, topic_ids: set[str], terms: Mapping[str, Term]
) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    for index, entry in enumerate(_array_of_tables(raw, "facts", where)):
        fact_id = _identifier(entry, "fact", index, where)
        subject = f"fact {fact_id!r}"
        anchor = where.line_of_id(fact_id)
        _check_keys(entry, FACT_KEYS, where, subject, anchor)
        if any(f.id == fact_id for f in facts):
            raise where.error(anchor, subject, "duplicate id")
        scope = _names(entry.get("topics"), "topics", subject, anchor, where)
        for topic_id in scope:
            if topic_id not in topic_ids:
                raise where.error(anchor, subject, f"unknown topic {topic_id!r} in 'topics'")
        rules_raw = entry.get("rules")
        if (
            not isinstance(rules_raw, list)
            or not rules_raw
            or not all(isinstance(r, dict) for r in rules_raw)
        ):
            raise where.error(anchor, subject, "needs 'rules', a list of [[facts.rules]] tables")
        rules = tuple(
            _parse_fact_rule(
                rule,
                f"{subject} rule {number}",
                where.nth_table_after("[[facts.rules]]", anchor, number - 1),
                where,
                terms,
            )
            for number, rule in enumerate(rules_raw, start=1)
        )
        facts.append(
            Fact(
                id=fact_id,
                question=_text(entry, "question", subject, anchor, where),
                topics=scope,
                rules=rules,
                statements=_statements(entry, subject, anchor, where, terms),
            )
        )
    return tuple(facts)


def _statements(
    entry: dict[str, Any],
    subject: str,
    anchor: _Line | None,
    where: _Locator,
    terms: Mapping[str, Term],
) -> tuple[tuple[Term, ...], ...]:
    """The optional ``statements``: lists of term names, ``[["training", "by_default"]]``."""
    raw = entry.get("statements", [])
    line = where.line_of_key("statements", anchor)
    if not isinstance(raw, list) or not all(isinstance(group, list) for group in raw):
        raise where.error(line, subject, "'statements' must be a list of lists of term names")
    groups: list[tuple[Term, ...]] = []
    for group in raw:
        names = _names(group, "statements", subject, anchor, where)
        for name in names:
            if name not in terms:
                raise where.error(
                    line,
                    subject,
                    f"unknown term {name!r} in 'statements' (define it under [terms])",
                )
        groups.append(tuple(terms[name] for name in names))
    return tuple(groups)


def _parse_fact_rule(
    entry: dict[str, Any],
    subject: str,
    anchor: _Line | None,
    where: _Locator,
    terms: Mapping[str, Term],
) -> FactRule:
    _check_keys(entry, FACT_RULE_KEYS, where, subject, anchor)
    answer = entry.get("answer")
    if answer not in ("yes", "no"):
        raise where.error(anchor, subject, f'\'answer\' must be "yes" or "no", not {answer!r}')

    def lookup(key: str, required: bool) -> tuple[Term, ...]:
        if key not in entry and not required:
            return ()
        names = _names(entry.get(key), key, subject, anchor, where)
        for name in names:
            if name not in terms:
                raise where.error(
                    anchor, subject, f"unknown term {name!r} in {key!r} (define it under [terms])"
                )
        return tuple(terms[name] for name in names)

    return FactRule(
        answer=cast(RuleAnswer, answer),
        when=lookup("when", True),
        unless=lookup("unless", False),
        why=_text(entry, "why", subject, anchor, where),
    )


def _parse_severity(raw: Any, where: _Locator) -> SeverityRules:
    subject = "[severity]"
    anchor = where.line_of_table("severity")
    if not isinstance(raw, dict):
        raise where.error(anchor, subject, "must be a table")
    _check_keys(raw, SEVERITY_KEYS, where, subject, anchor)
    untopical = _severity(raw.get("untopical", "low"), "untopical", subject, anchor, where)
    numbers = raw.get("numbers", True)
    if not isinstance(numbers, bool):
        raise where.error(anchor, subject, "'numbers' must be true or false")
    edits = raw.get("typo_max_edits", 2)
    if not isinstance(edits, int) or isinstance(edits, bool) or not 0 <= edits <= 5:
        raise where.error(anchor, subject, "'typo_max_edits' must be a whole number from 0 to 5")
    signals_raw = raw.get("signals", {})
    if not isinstance(signals_raw, dict):
        raise where.error(anchor, subject, "'signals' must be a table of word lists")
    signals: list[Signal] = []
    for name, value in signals_raw.items():
        line = where.line_of_key(name, where.line_of_table("severity.signals").or_else(anchor))
        words = _names(value, name, f"signal {name!r}", line, where)
        for word in words:
            if not _SIGNAL_WORD.match(word.lower()):
                raise where.error(line, f"signal {name!r}", f"{word!r} is not a single word")
        signals.append(Signal(name=name, words=frozenset(w.lower() for w in words)))
    return SeverityRules(
        untopical=untopical,
        signals=tuple(signals),
        numbers=numbers,
        typo_max_edits=edits,
        opposites=_opposites(raw.get("opposites", []), where, anchor),
    )


def _opposites(raw: Any, where: _Locator, anchor: _Line | None) -> tuple[tuple[str, str], ...]:
    """``[severity] opposites``: a list of two-word lists, each word the beginning of the
    words it stands for ("permit" for "permitted", "permits")."""
    subject = "[severity] opposites"
    line = where.line_of_key("opposites", anchor)
    if not isinstance(raw, list):
        raise where.error(line, subject, "must be a list of pairs of words")
    pairs: list[tuple[str, str]] = []
    for pair in raw:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(w, str) and _SIGNAL_WORD.match(w.lower()) for w in pair)
        ):
            raise where.error(line, subject, f"{pair!r} is not a pair of single words")
        first, second = (w.lower() for w in pair)
        if first.startswith(second) or second.startswith(first):
            raise where.error(line, subject, f"{pair!r}: one word begins the other")
        pairs.append((first, second))
    return tuple(pairs)


def _parse_readings(raw: Any, where: _Locator) -> Readings:
    anchor = where.line_of_table("readings")
    if not isinstance(raw, dict):
        raise where.error(anchor, "[readings]", "must be a table of pattern lists")
    patterns: dict[str, tuple[str, ...]] = {}
    for name, value in raw.items():
        line = where.line_of_key(name, anchor)
        if name not in READING_NAMES:
            raise where.error(
                line, "[readings]", f"unknown reading {name!r} (known: {', '.join(READING_NAMES)})"
            )
        patterns[name] = _patterns(value, name, f"reading {name!r}", line, where)
    return Readings(patterns=patterns, words={name: Words(p) for name, p in patterns.items()})


# --- small validators -------------------------------------------------------------------------


def _array_of_tables(raw: Any, key: str, where: _Locator) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise where.error(
            where.line_of_table(key), f"'{key}'", f"must be an array of tables ([[{key}]])"
        )
    return raw


def _identifier(entry: dict[str, Any], kind: str, index: int, where: _Locator) -> str:
    value = entry.get("id")
    if not isinstance(value, str) or not _ID.match(value):
        raise where.error(
            where.nth_table(f"[[{kind}s]]", index),
            f"{kind} #{index + 1}",
            "needs an 'id' of lowercase letters, digits and _",
        )
    return value


def _check_keys(
    entry: dict[str, Any],
    allowed: tuple[str, ...],
    where: _Locator,
    subject: str,
    anchor: _Line | None,
) -> None:
    for key in entry:
        if key not in allowed:
            raise where.error(
                where.line_of_key(key, anchor),
                subject,
                f"unknown key {key!r} (allowed: {', '.join(allowed)})",
            )


def _text(
    entry: dict[str, Any],
    key: str,
    subject: str,
    anchor: _Line | None,
    where: _Locator,
    *,
    required: bool = True,
) -> str:
    value = entry.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise where.error(
            where.line_of_key(key, anchor), subject, f"'{key}' must be a non-empty string"
        )
    return value.strip()


def _severity(
    value: Any, key: str, subject: str, anchor: _Line | None, where: _Locator
) -> Severity:
    if value not in SEVERITIES:
        raise where.error(
            where.line_of_key(key, anchor),
            subject,
            f"'{key}' must be one of {', '.join(SEVERITIES)}, not {value!r}",
        )
    return Severity(value)


def _names(
    value: Any, key: str, subject: str, anchor: _Line | None, where: _Locator
) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise where.error(
            where.line_of_key(key, anchor), subject, f"'{key}' must be a non-empty list of strings"
        )
    return tuple(v.strip() for v in value)


def _patterns(
    value: Any, key: str, subject: str, anchor: _Line | None, where: _Locator
) -> tuple[str, ...]:
    """The list's patterns, each checked as it will be used: as one alternative of the
    list's regex (so a flag that only works at the start of a whole regex is refused here),
    matching something, with group names of its own.

    Each is parsed by re's own parser, which raises every error ``re.compile`` raises (the
    compiler after it only writes the parsed tree out); only a pattern whose shortest match
    is empty is compiled, to see whether it really matches empty text (``(?=x)`` does not).
    Every run reads the rule file: this costs a third of compiling each pattern, and is
    skipped for a text that passed before (``checked`` of :func:`parse_rules`)."""
    patterns = _names(value, key, subject, anchor, where)
    if not where.check_patterns:
        return patterns  # this text's patterns passed before (parse_rules' ``checked``)
    groups: set[str] = set()
    for pattern in patterns:
        try:
            tree = parse_pattern(pattern)
            if "(?" in pattern:  # an inline flag: valid alone, maybe not as an alternative
                parse_pattern(f"(?:{pattern})")
        except re.error as exc:
            line = where.line_of_text(pattern, anchor)
            raise where.error(
                line, subject, f"pattern {pattern!r} is not a valid regular expression ({exc})"
            ) from None
        if tree.getwidth()[0] == 0 and re.compile(pattern, re.IGNORECASE).match(""):
            line = where.line_of_text(pattern, anchor)
            raise where.error(line, subject, f"pattern {pattern!r} matches empty text")
        names = tree.state.groupdict.keys()
        if groups & names:
            line = where.line_of_text(pattern, anchor)
            raise where.error(line, subject, f"pattern {pattern!r} repeats a group name")
        groups |= names
    return patterns


class _Line:
    """A line of the rule file, looked up only when an error message asks for it: a valid
    file (every run reads one) never scans its lines for where a rule or key is."""

    __slots__ = ("_find", "_number")

    def __init__(self, find: Callable[[], int | None]) -> None:
        self._find: Callable[[], int | None] | None = find
        self._number: int | None = None

    def number(self) -> int | None:
        if self._find is not None:
            self._number = self._find()
            self._find = None
        return self._number

    def or_else(self, other: _Line | None) -> _Line:
        """This line, or ``other`` where this one is not found."""
        return _Line(lambda: self.number() or _number(other))


def _number(line: _Line | None) -> int | None:
    return line.number() if line is not None else None


class _Locator:
    """Finds the line of a rule or key in the rule file, for error messages. Each ``line_of``
    returns a :class:`_Line` that looks when :meth:`error` asks for its number."""

    _TABLE = re.compile(r"^\s*\[")

    def __init__(self, text: str, source: str, *, check_patterns: bool = True) -> None:
        self.text = text
        self.source = source
        self.check_patterns = check_patterns
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The file's lines, split on first use (only an error's line needs them)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def error(self, line: _Line | None, subject: str, problem: str) -> RulesError:
        number = _number(line)
        where = f"{self.source}:{number}" if number else self.source
        return RulesError(f"{where}: {subject}: {problem}")

    def line_of_id(self, value: str) -> _Line:
        return _Line(lambda: self._find_id(value))

    def line_of_table(self, name: str) -> _Line:
        return _Line(lambda: self._find_table(name))

    def nth_table(self, header: str, index: int) -> _Line:
        return _Line(lambda: self._find_nth_table(header, index))

    def nth_table_after(self, header: str, after: _Line | None, index: int) -> _Line:
        return _Line(lambda: self._find_nth_table_after(header, _number(after), index))

    def line_of_key(self, key: str, after: _Line | None) -> _Line:
        """The line of ``key = ...`` from line ``after`` to the next table header."""
        return _Line(lambda: self._find_key(key, _number(after)))

    def line_of_text(self, needle: str, after: _Line | None) -> _Line:
        return _Line(lambda: self._find_text(needle, _number(after)))

    def _find_id(self, value: str) -> int | None:
        pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(value)}[\"']")
        return next((i + 1 for i, line in enumerate(self.lines) if pattern.match(line)), None)

    def _find_table(self, name: str) -> int | None:
        pattern = re.compile(rf"^\s*\[+\s*{re.escape(name)}\s*\]")
        return next((i + 1 for i, line in enumerate(self.lines) if pattern.match(line)), None)

    def _find_nth_table(self, header: str, index: int) -> int | None:
        hits = [i + 1 for i, line in enumerate(self.lines) if line.strip() == header]
        return hits[index] if index < len(hits) else None

    def _find_nth_table_after(self, header: str, after: int | None, index: int) -> int | None:
        start = after or 1
        hits = [
            i + 1 for i, line in enumerate(self.lines) if i + 1 > start and line.strip() == header
        ]
        return hits[index] if index < len(hits) else after

    def _find_key(self, key: str, after: int | None) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        lines = self.lines
        start = (after or 1) - 1
        for i in range(start, len(lines)):
            if i > start and self._TABLE.match(lines[i]):
                break
            if pattern.match(lines[i]):
                return i + 1
        return after

    def _find_text(self, needle: str, after: int | None) -> int | None:
        lines = self.lines
        start = (after or 1) - 1
        for i in range(start, len(lines)):
            if needle in lines[i]:
                return i + 1
        return after

"""Which topics a text is about: every topic with a pattern that matches it."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from tracker.classify.literals import PatternSieve, fold
from tracker.classify.rules import RuleSet, Topic, compile_words
from tracker.classify.text import match_form

#: How much text (in characters) a rule set's topic finder remembers the topics of, at most:
#: past that it forgets them all and starts again (a few MB).
MEMO_CHARACTERS = 4_000_000


def topics_of(text: str, rules: RuleSet) -> tuple[str, ...]:
    """Ids of the topics whose patterns match ``text``, in rule-file order.

    Remembered per rule set by text (:class:`TopicMemo`): a clause's text comes back in every
    version of its document that keeps it (an import, a backfill, a changed page re-extracted
    whole) and boilerplate in many documents, and its topics are a function of the text and
    the rule set alone."""
    return _memo_of(rules).topics_of(text)


def remember_topics(known: Mapping[str, tuple[str, ...]], rules: RuleSet) -> None:
    """Take ``known`` (texts and their topics under ``rules``, found before: stored with a
    version under the same :func:`topics_fingerprint`) as :func:`topics_of` would find them
    again, so it does not."""
    memo = _memo_of(rules)
    for text, topics in known.items():
        memo.remember(text, topics)


def _memo_of(rules: RuleSet) -> TopicMemo:
    memo = rules.memo.get(TopicMemo)
    if not isinstance(memo, TopicMemo):
        memo = TopicMemo(TopicFinder(rules.topics))
        rules.memo[TopicMemo] = memo
    return memo


#: The modules whose code decides a text's topics besides the rule file's patterns (the match
#: form, the literal test, the finder, compiling a pattern): an edit of any changes
#: :func:`topics_fingerprint`.
TOPIC_CODE_MODULES = (
    "tracker.classify.topics",
    "tracker.classify.literals",
    "tracker.classify.text",
    "tracker.classify.rules",
)


def _code_digest() -> bytes | None:
    """SHA-256 of the source of :data:`TOPIC_CODE_MODULES`, read as this module is imported
    (after the others: the code running is the code read), None when one cannot be read."""
    digest = hashlib.sha256()
    for name in TOPIC_CODE_MODULES:
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None)
        try:
            digest.update(hashlib.sha256(Path(path or "").read_bytes()).digest())
        except OSError:
            return None
    return digest.digest()


_CODE_DIGEST = _code_digest()


class _Fingerprint:
    """The key of a rule set's memo under which its :func:`topics_fingerprint` is kept."""


def topics_fingerprint(rules: RuleSet) -> str | None:
    """SHA-256 of everything :func:`topics_of` depends on besides the text: each topic's id and
    patterns, in order, and the source of :data:`TOPIC_CODE_MODULES`. Topics stored with it can
    stand for topics found again under a rule set with the same fingerprint; None when a
    module's source could not be read (then nothing stands for them)."""
    if _CODE_DIGEST is None:
        return None
    found = rules.memo.get(_Fingerprint)
    if not isinstance(found, str):
        described = [[topic.id, list(topic.patterns)] for topic in rules.topics]
        digest = hashlib.sha256(_CODE_DIGEST)
        digest.update(json.dumps(described, ensure_ascii=False).encode("utf-8"))
        found = rules.memo[_Fingerprint] = digest.hexdigest()
    return found


class TopicMemo:
    """:meth:`TopicFinder.topics` of texts already seen, up to :data:`MEMO_CHARACTERS` of
    text (then forgotten all at once: no bookkeeping per lookup)."""

    __slots__ = ("_characters", "_finder", "_known")

    def __init__(self, finder: TopicFinder) -> None:
        self._finder = finder
        self._known: dict[str, tuple[str, ...]] = {}
        self._characters = 0

    def topics_of(self, text: str) -> tuple[str, ...]:
        known = self._known.get(text)
        if known is None:
            form = without_section_titles(without_abbreviation_dots(match_form(text)))
            known = self._finder.topics(form) if form else ()
            self.remember(text, known)
        return known

    def remember(self, text: str, topics: tuple[str, ...]) -> None:
        """Keep ``topics`` as the topics of ``text``."""
        if text in self._known:
            return
        if self._characters + len(text) > MEMO_CHARACTERS:
            self._known.clear()
            self._characters = 0
        self._known[text] = topics
        self._characters += len(text)


#: "e.g." and "i.e.": their dots end no sentence, so a pattern that stays within one ("share
#: your information (e.g., name, email address) with ...") reads across them.
_ABBREVIATION_DOTS = re.compile(r"\b(e)\.(g)\.|\b(i)\.(e)\.", re.IGNORECASE)
#: A company name's legal form ("Inc.", "Ltd.", "Corp.", "Co.") followed by what cannot begin a
#: sentence (a comma, an apostrophe, a lowercase word: "limit Acme Inc.'s or our affiliates'
#: liability", "Acme, Inc., which may perform its obligations through ..."): its dot ends no
#: sentence either. Before a capital ("... by Acme Inc. We share ...") it may, and is kept.
_COMPANY_FORM_DOTS = re.compile(
    r"\b((?:Inc|INC|Ltd|LTD|Corp|CORP|Co|CO|LLC|Pty|PTY|PLC|Plc|GmbH|Limited|LIMITED|etc|vs|approx))\."
    r"(?=[,;:')]|\s+(?:[a-z]|\())"
)


def without_abbreviation_dots(form: str) -> str:
    """``form`` with "e.g." and "i.e." written without their dots ("eg", "ie"), and a company's
    legal form without its dot where no sentence can begin after it ("Acme Inc.'s" ->
    "Acme Inc's")."""
    if "." not in form:
        return form
    form = _ABBREVIATION_DOTS.sub(lambda m: "".join(g for g in m.groups() if g), form)
    return _COMPANY_FORM_DOTS.sub(r"\1", form)


#: A section's title in brackets after its number, in a list of sections ("The following
#: sections will survive: 5 (Your Content), 13 (Limitation of Liability), 14 (Governing Law)",
#: "Section 2(e)(Termination), Section 3(Your Content)"); not a number's spelling ("18
#: (Eighteen)").
_NUMBERED_TITLE = re.compile(
    r"(\b[0-9]+(?:\.[0-9]+)*(?:\([a-z]\))*)\s*\((?=[A-Z])"
    r"(?!(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|"
    r"Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|Sixty|Ninety|"
    r"Hundred)\b)(?P<title>[^()0-9]{1,80})\)"
)
#: The small words a title in title case leaves in lower case.
_TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)


#: What a list of sections that outlive the agreement says of them ("The following sections
#: will survive any termination", "... shall continue to apply", "remain in full force").
_SURVIVAL = re.compile(
    r"\bsurviv\w*|\bcontinue to (?:apply|be operative|be in (?:full )?(?:force|effect))"
    r"|\bremain in (?:full )?(?:force|effect)",
    re.IGNORECASE,
)


def without_section_titles(form: str) -> str:
    """``form`` without the titles of the sections it lists by number, when it lists two or
    more in title case as the sections that survive the agreement: the titles say which parts
    outlive it, not what the clause says of them (a survival clause naming "Limitation of
    Liability" and "Governing Law" is about neither). Elsewhere a listed title may be what the
    clause is about ("a request under Article 15 (Right of Access) or Article 17 (Right to
    Erasure)"), and is kept."""
    if "(" not in form or _SURVIVAL.search(form) is None:
        return form
    titles = [m for m in _NUMBERED_TITLE.finditer(form) if _title_case(m.group("title"))]
    if len(titles) < 2:
        return form
    for match in reversed(titles):
        form = form[: match.end(1)] + form[match.end() :]
    return form


def _title_case(title: str) -> bool:
    """Whether ``title`` is written as a heading ("Limitation of Liability", "Things You Cannot
    Do"), not as words of a sentence ("Clause 9 (Use of subprocessors) will apply")."""
    words = title.split()
    return bool(words) and all(
        word[0].isupper() or word.lower() in _TITLE_SMALL_WORDS
        for word in words
        if word[0].isalpha()
    )


def merge_topics(groups: Iterable[Iterable[str]], rules: RuleSet) -> tuple[str, ...]:
    """The union of several topic lists, in rule-file order."""
    wanted = {topic_id for group in groups for topic_id in group}
    return tuple(topic.id for topic in rules.topics if topic.id in wanted)


class TopicFinder:
    """The topics of a text in match form: what each topic's regex finds, tried only where it
    can match.

    A topic matches where one of its patterns, bounded by word boundaries alone, matches (its
    regex puts the boundaries once around the alternation of its patterns: the same matches,
    see :func:`~tracker.classify.rules.compile_words`). Each pattern has its
    :func:`~tracker.classify.literals.required_literals`; one :class:`LiteralScan` of the text
    finds which of all those strings it holds, and only a pattern whose every set has a string
    in the text is run (in rule-file order, until one of its topic matches). A clause of a
    corpus page runs about one pattern instead of sixteen topic regexes. Each pattern's regex
    is compiled when first run: most are never needed by a night's pages (compiling all of
    them cost each extraction process about 0.3 s)."""

    __slots__ = ("_compiled", "_ids", "_patterns", "_sieve")

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._ids = tuple(topic.id for topic in topics)
        #: (topic index, the pattern), in rule-file order
        self._patterns = [
            (index, pattern) for index, topic in enumerate(topics) for pattern in topic.patterns
        ]
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._sieve = PatternSieve(pattern for _, pattern in self._patterns)

    def topics(self, form: str) -> tuple[str, ...]:
        hits: set[int] = set()
        for number in self._sieve.possible(fold(form)):
            index, pattern = self._patterns[number]
            if index in hits:
                continue
            regex = self._compiled.get(number)
            if regex is None:  # checked when the rule file was read: compiles
                regex = self._compiled[number] = compile_words((pattern,))
            if regex.search(form) is not None:
                hits.add(index)
        return tuple(self._ids[i] for i in sorted(hits))

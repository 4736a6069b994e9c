"""Facts about a text that the guards compare across versions: its length and its languages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tracker.extract.canonical import visible_text
from tracker.guard.language import compile_patterns as compile_language_patterns
from tracker.guard.language import language_facts

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@cache
def _word() -> re.Pattern[str]:
    """A word is a run of letters or digits; in Chinese and Japanese, each character counts as
    one (they are written without spaces, and a near-empty check must not fire on them).
    Compiled on first use, as :func:`_any_cjk` (see :mod:`tracker.guard.language`)."""
    return re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")


@cache
def _any_cjk() -> re.Pattern[str]:
    return re.compile(f"[{_CJK}]")


def compile_patterns() -> None:
    """Compile the guards' text patterns now (a process that forks workers), the language
    guess's among them."""
    _word()
    _any_cjk()
    compile_language_patterns()


def count_words(text: str) -> int:
    """The number of words in ``text`` (see :func:`_word`)."""
    return sum(1 for _ in _word().finditer(text))


@dataclass(frozen=True, slots=True)
class TextFacts:
    """How long a text is, in words, its language (``None`` when unsure), and the share of its
    words each language holds, stretch by stretch (see
    :func:`tracker.guard.language.language_shares`)."""

    words: int
    language: str | None
    languages: dict[str, float] = field(default_factory=dict)

    def share_not_in(self, language: str) -> float:
        """The share of the words in stretches of another language than ``language``."""
        return sum(share for name, share in self.languages.items() if name != language)

    @property
    def main_language(self) -> str | None:
        """The language of the whole text, else the one holding most of its words."""
        if self.language is not None:
            return self.language
        return next(iter(self.languages), None)


#: The definition of :func:`text_facts` (with :mod:`tracker.guard.language`) that stored facts
#: were worked out with: bump it when either changes what it returns for some text, and facts
#: stored under another one are worked out again from the text (:func:`facts_from_record`).
FACTS_VERSION = 1


def text_facts(text: str) -> TextFacts:
    """The facts of a canonical text; link targets (``<https://...>``) are not counted.
    A function of the text alone: stored with each version (:func:`facts_record`), they are
    what the next version's text is screened against."""
    shown = visible_text(text)
    language, languages, words = language_facts(shown)
    if not shown.isascii() and _any_cjk().search(shown) is not None:
        # the language's words run on through Chinese and Japanese characters; these count
        # each of them as a word. Without such characters, both are the runs of letters and
        # digits, and those of the lines are those of the text: no run crosses a line break.
        words = count_words(shown)
    return TextFacts(words=words, language=language, languages=languages)


def facts_record(facts: TextFacts) -> dict[str, Any]:
    """``facts`` as JSON values, stored with the version whose text they are about (the
    languages as pairs: their order, most words first, is part of the facts)."""
    return {
        "version": FACTS_VERSION,
        "words": facts.words,
        "language": facts.language,
        "languages": [[name, share] for name, share in facts.languages.items()],
    }


def facts_from_record(record: object) -> TextFacts | None:
    """The facts :func:`facts_record` stored, or None: none stored, or stored under another
    definition of them (:data:`FACTS_VERSION`), or not in its shape (the caller works them out
    again from the text)."""
    if not isinstance(record, dict) or record.get("version") != FACTS_VERSION:
        return None
    words, language, languages = (record.get(k) for k in ("words", "language", "languages"))
    if not isinstance(words, int) or isinstance(words, bool):
        return None
    if not (language is None or isinstance(language, str)):
        return None
    if not isinstance(languages, list) or not all(
        isinstance(pair, list)
        and len(pair) == 2
        and isinstance(pair[0], str)
        and isinstance(pair[1], int | float)
        for pair in languages
    ):
        return None
    return TextFacts(
        words=words,
        language=language,
        languages={name: float(share) for name, share in languages},
    )

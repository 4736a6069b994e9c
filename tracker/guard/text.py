"""Facts about a text that the guards compare across versions: its length and its language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract import visible_text
from tracker.guard.language import detect_language

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A word is a run of letters or digits; in Chinese and Japanese, each character counts as one
#: (they are written without spaces, and a near-empty check must not fire on them).
_WORD = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")


def count_words(text: str) -> int:
    """The number of words in ``text`` (see :data:`_WORD`)."""
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True, slots=True)
class TextFacts:
    """How long a text is, in words, and its language (``None`` when unsure)."""

    words: int
    language: str | None


def text_facts(text: str) -> TextFacts:
    """The facts of a canonical text; link targets (``<https://...>``) are not counted."""
    shown = visible_text(text)
    return TextFacts(words=count_words(shown), language=detect_language(shown))

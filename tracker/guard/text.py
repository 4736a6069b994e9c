"""Facts about a text that the guards compare across versions: its length and its languages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.extract.canonical import visible_text
from tracker.guard.language import detect_language, language_shares

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A word is a run of letters or digits; in Chinese and Japanese, each character counts as one
#: (they are written without spaces, and a near-empty check must not fire on them).
_WORD = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")


def count_words(text: str) -> int:
    """The number of words in ``text`` (see :data:`_WORD`)."""
    return sum(1 for _ in _WORD.finditer(text))


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


def text_facts(text: str) -> TextFacts:
    """The facts of a canonical text; link targets (``<https://...>``) are not counted."""
    shown = visible_text(text)
    return TextFacts(
        words=count_words(shown),
        language=detect_language(shown),
        languages=language_shares(shown.split("\n")),
    )

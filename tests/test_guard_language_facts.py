"""The guards' text facts from one reading of the text (``language_facts``) are the facts the
three readings gave: the word count, the whole text's language and each stretch's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.extract.canonical import visible_text
from tracker.guard import language
from tracker.guard.language import detect_language, language_facts, language_shares
from tracker.guard.markers import MARKERS
from tracker.guard.text import TextFacts, count_words, text_facts


def three_readings(text: str) -> TextFacts:
    """The facts as text_facts worked them out before: each from its own reading."""
    shown = visible_text(text)
    return TextFacts(
        words=count_words(shown),
        language=detect_language(shown),
        languages=language_shares(shown.split("\n")),
    )


def same_facts(text: str) -> None:
    assert text_facts(text) == three_readings(text)


def test_the_corpus_versions_have_the_same_facts(corpus_dir: Path) -> None:
    texts = [path.read_text() for path in sorted((corpus_dir / "versions").rglob("*.md"))]
    assert len(texts) > 50
    for number, text in enumerate(texts):
        if len(text) > language.SAMPLE_CHARS and number % 2:
            # a line break where the sample ends, or just after it (the sample ends in a word)
            cut = language.SAMPLE_CHARS - number % 4
            text = text[:cut] + "\n" + text[cut:]
        same_facts(text)


def test_the_word_count_comes_with_the_language() -> None:
    shown = visible_text(_ENGLISH + "\n" + _FRENCH)
    assert language_facts(shown) == (
        detect_language(shown),
        language_shares(shown.split("\n")),
        count_words(shown),
    )


_ENGLISH = "We may share your data with the partners that we choose for this service. " * 8
_FRENCH = "Nous pouvons partager vos données avec les partenaires que nous choisissons. " * 8
_GERMAN = "Wir können die Daten mit den Partnern teilen, die wir für diesen Dienst wählen. " * 8


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        _ENGLISH,
        "\n".join([_ENGLISH, _FRENCH, _GERMAN, _ENGLISH]),
        # Chinese and Japanese: each character a word, runs of letters through them are not
        "数据" * 100 + " abc数据def " + "とデータ" * 50 + "\n" + _ENGLISH,
        "\n".join(["中文" * 30, _ENGLISH, "日本語のテキスト" * 20]),
        # a Greek final sigma at the end of a line and before a space
        "ΟΔΟΣ\nΟΔΟΣ ΟΔΟΣ.\n" * 40 + _ENGLISH,
        "Ελληνικό κείμενο για τους όρους ΧΡΗΣΗΣ\n" * 60,
        # letters that lower into more than one character, digits inside words
        "İstanbul KELVIN ﬁle abc123def " * 40,
        # one line longer than the sample, and a text whose sample ends inside a word
        _ENGLISH * 120,
        "x" * (language.SAMPLE_CHARS - 2) + "\n" + _FRENCH * 3,
        "\n".join([_GERMAN] * 90) + "\nthe end",
        # link targets are not counted
        _ENGLISH + " <https://example.com/the/and/of/to/in>\n" + _ENGLISH,
    ],
)
def test_texts_made_to_reach_every_branch_have_the_same_facts(text: str) -> None:
    same_facts(text)


_PIECES = st.sampled_from(
    [
        "the", "and", "of", "to", "le", "la", "et", "der", "die", "und", "de", "que", "y",
        "och", "att", "Σ", "ΟΣ", "σ", "数据", "デ", "İ", "K", "ß", "é", "123", "a1b", "_",
        " ", "  ", "\n", "\n\n", ".", ",", "'", "’", "-", "<https://x.org/a>", "Привет",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=300), st.integers(min_value=1, max_value=120))
def test_random_texts_have_the_same_facts_wherever_the_sample_ends(
    pieces: list[str], sample_chars: int
) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(language, "SAMPLE_CHARS", sample_chars)
        patch.setattr(language, "MIN_WORDS", 4)
        patch.setattr(language, "CHUNK_WORDS", 6)
        same_facts(text)


_IMPORT_AND_ASK = """
import json
import tracker.guard
from tracker.guard import language, markers, text
caches = [language._script_patterns, language._any_script, language._word_pattern, text._word,
          text._any_cjk, markers._compiled]
print(json.dumps([c.cache_info().currsize for c in caches]))
text.compile_patterns()
markers.compile_patterns()
print(json.dumps([c.cache_info().currsize for c in caches]))
"""


def test_the_guards_compile_their_patterns_on_first_use_and_all_compile() -> None:
    """Importing the guards compiles none of their Unicode-range or marker patterns (every
    process that imports them paid about 20 ms for it; a night with nothing new reads no
    text); compile_patterns (the extraction pool's fork server) compiles each, without error."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_AND_ASK],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    before, after = (json.loads(line) for line in done.stdout.splitlines())
    assert before == [0, 0, 0, 0, 0, 0]
    assert after == [1, 1, 1, 1, 1, len({m.pattern for m in MARKERS})]

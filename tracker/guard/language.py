"""A small, pure language guess: stop words for Latin-script languages, scripts for the rest.

Good enough to notice that a page switched language (a geo-redirect to the French edition, a
locale cookie gone wrong), which is all the guard needs; it is not a general language
identifier. It abstains (``None``) on short texts and on texts where no language clearly wins,
so an unsure guess never raises a suspicion.

:func:`language_shares` guesses the language of each stretch of a text (consecutive blocks of
at least ``CHUNK_WORDS`` words) and says what share of the text's words each language holds:
a page whose first half switched to another language has no clear language as a whole, but its
stretches do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from types import MappingProxyType


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Frequent function words per language (lowercase). Overlaps between languages are fine:
#: every language counts its own hits, and the winner must clearly lead the runner-up.
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to in is that for it with as be on not this by are or from at which you "
        "we our your will may have an any us its such these their"
    ),
    "de": _words(
        "der die das und ist nicht den von zu mit sich des auf für im dem ein eine einer wir "
        "sie oder werden wird auch bei nach ihre ihrer unsere diese dieser können"
    ),
    "fr": _words(
        "le la les et des du est que qui une dans pour pas sur au aux nous vous vos votre ces "
        "sont par avec ou être cette leur notre nos peut"
    ),
    "es": _words(
        "el la los las de que y en del por con para una es su sus se no al como más o nuestro "
        "nuestros usted puede estos esta este"
    ),
    "it": _words(
        "il di che e la le per un una del della dei delle non sono con da nel nella alla gli "
        "questo questa i ai suoi nostro vostro può"
    ),
    "pt": _words(
        "o os a as de que e do da dos das em um uma para com não por no na seu sua seus ao "
        "você nós são pode este esta"
    ),
    "nl": _words(
        "de het een en van is dat op te voor niet met zijn aan ook als bij door wij u uw onze "
        "worden deze wordt kunnen"
    ),
    "pl": _words(
        "i w z na się nie do że jest to o jak przez dla od oraz lub jego ich są może który "
        "które twoje nasze"
    ),
    "sv": _words(
        "och att det som en på är av för med till den har inte om ett vi du dina våra eller "
        "kan från vid"
    ),
    "da": _words(
        "og at det som en på er af for med til den har ikke om et vi du dine vores eller kan "
        "fra ved"
    ),
}

#: Scripts told apart by their letters (Unicode ranges), for languages without spaces or
#: outside the Latin alphabet. Kana decides Japanese over Chinese.
SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ja", "\u3040-\u30ff"),
    ("zh", "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"),
    ("ko", "\uac00-\ud7af\u1100-\u11ff"),
    ("cyrillic", "\u0400-\u04ff"),
    ("greek", "\u0370-\u03ff"),
    ("arabic", "\u0600-\u06ff\u0750-\u077f"),
    ("hebrew", "\u0590-\u05ff"),
    ("thai", "\u0e00-\u0e7f"),
    ("devanagari", "\u0900-\u097f"),
)


# The patterns of whole Unicode ranges are compiled on first use (re takes about 10 ms of CPU
# to compile them, paid by every process that imports the guards; a night with nothing new
# never reads a text). The extraction pool's fork server compiles them before it forks
# (:func:`compile_patterns`).
@cache
def _script_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(f"[{chars}]")) for name, chars in SCRIPTS)


@cache
def _any_script() -> re.Pattern[str]:
    return re.compile("[" + "".join(chars for _, chars in SCRIPTS) + "]")


#: Each stop word and the languages it belongs to.
_LANGUAGES_OF: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        word: tuple(lang for lang, words in STOP_WORDS.items() if word in words)
        for word in set().union(*STOP_WORDS.values())
    }
)
_LATIN_WORD = re.compile(r"[a-zà-öø-ÿąćęłńśźżœ]+", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")

#: Fewer words than this (or letters, for scripts) and the guess abstains.
MIN_WORDS = 40
#: The winner's stop words must be at least this share of the words...
MIN_STOP_SHARE = 0.08
#: ...and this many times the runner-up's hits.
MIN_LEAD = 1.3
#: A non-Latin script decides when it holds at least this share of the letters.
MIN_SCRIPT_SHARE = 0.3
#: Japanese mixes kana with Chinese characters; this share of kana makes a text Japanese.
KANA_SHARE = 0.05
#: Only the first characters are read: a policy's language shows in its first pages.
SAMPLE_CHARS = 60_000


#: A text is read in stretches of at least this many words (blocks are never cut).
CHUNK_WORDS = 80


@cache
def _word_pattern() -> re.Pattern[str]:
    """A word of :func:`language_shares`' stretches (each Chinese or Japanese character one)."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


def compile_patterns() -> None:
    """Compile the patterns compiled on first use, now (a process that forks workers)."""
    _script_patterns()
    _any_script()
    _word_pattern()


def language_shares(blocks: Iterable[str]) -> dict[str, float]:
    """For each language guessed in the text's stretches, the share of the text's words it
    holds (stretches where the guess abstains count for no language)."""
    texts = list(blocks)
    shares, _ = _shares_of_stretches(
        texts, lambda indices: detect_language(" ".join(texts[i] for i in indices))
    )
    return shares


def language_facts(text: str) -> tuple[str | None, dict[str, float], int]:
    """``detect_language(text)``, ``language_shares(text.split("\\n"))`` and the number of
    words (:func:`_word_pattern`) of those blocks, from one reading of the text: each block's Latin
    words are found once, for its stretch's guess and for the guess of the whole text (which
    read the first :data:`SAMPLE_CHARS` characters a second time). The same words either way:
    no word runs across the line break between two blocks or the space that joins a
    stretch's blocks, and lowering a text lowers each of its lines alone (the one letter
    lowered by its context, a final sigma, looks no further than a space or a line break)."""
    blocks = text.split("\n")
    latin: list[list[str] | None] = [None] * len(blocks)

    def latin_words(index: int) -> list[str]:
        found = latin[index]
        if found is None:
            found = latin[index] = _LATIN_WORD.findall(blocks[index].lower())
        return found

    def stretch_language(indices: list[int]) -> str | None:
        joined = " ".join(blocks[i] for i in indices)
        if len(joined) > SAMPLE_CHARS:  # the guess reads a sample of it
            return detect_language(joined)
        script = _dominant_script(joined)
        if script is not None:
            return script
        words = [word for i in indices for word in latin_words(i)]
        return _stop_word_vote(words) if len(words) >= MIN_WORDS else None

    shares, total = _shares_of_stretches(blocks, stretch_language)
    return _whole_language(text, blocks, latin_words), shares, total


def _shares_of_stretches(
    blocks: Sequence[str], language_of: Callable[[list[int]], str | None]
) -> tuple[dict[str, float], int]:
    """Each language's share of the words of ``blocks``, a stretch's words going to the
    language ``language_of`` its block indices guess (none when it abstains), and the number
    of words."""
    shares: Counter[str] = Counter()
    total = 0
    for indices, words in _stretches(blocks):
        total += words
        language = language_of(indices)
        if language is not None:
            shares[language] += words
    found = {language: n / total for language, n in shares.most_common()} if total else {}
    return found, total


def _stretches(blocks: Sequence[str]) -> Iterator[tuple[list[int], int]]:
    """The text's stretches, each the indices of consecutive blocks that hold at least
    :data:`CHUNK_WORDS` words together (the last one may hold fewer; blocks are never cut, and
    blocks without words belong to no stretch), with their number of words."""
    chunk: list[int] = []
    chunk_words = 0
    for index, block in enumerate(blocks):
        words = len(_word_pattern().findall(block))
        if not words:
            continue
        chunk.append(index)
        chunk_words += words
        if chunk_words >= CHUNK_WORDS:
            yield chunk, chunk_words
            chunk, chunk_words = [], 0
    if chunk:
        yield chunk, chunk_words


def _whole_language(
    text: str, blocks: list[str], latin_words: Callable[[int], list[str]]
) -> str | None:
    """``detect_language(text)``, ``text`` being ``"\\n".join(blocks)``: the Latin words of its
    sample are those of the blocks in it, and of the start of the block it cuts."""
    sample = text[:SAMPLE_CHARS]
    script = _dominant_script(sample)
    if script is not None:
        return script
    words: list[str] = []
    start = 0
    for index, block in enumerate(blocks):
        end = start + len(block)
        if end <= SAMPLE_CHARS:
            words += latin_words(index)
        else:
            if start < SAMPLE_CHARS:
                words += _LATIN_WORD.findall(block[: SAMPLE_CHARS - start].lower())
            break
        start = end + 1
    return _stop_word_vote(words) if len(words) >= MIN_WORDS else None


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code (or a script name), or ``None`` when unsure or the text is too short."""
    sample = text[:SAMPLE_CHARS]
    script = _dominant_script(sample)
    if script is not None:
        return script
    words = _LATIN_WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    return _stop_word_vote(words)


def _dominant_script(sample: str) -> str | None:
    if sample.isascii():
        return None
    # Fewer script letters than a share of MIN_WORDS letters can never be enough (there are
    # either under MIN_WORDS letters, or a share of them is more): a Latin text with a curly
    # quote ends here without its letters being counted.
    in_scripts = len(_any_script().findall(sample))
    if in_scripts < MIN_SCRIPT_SHARE * MIN_WORDS:
        return None
    letters = len(_LETTER.findall(sample))
    if letters < MIN_WORDS or in_scripts < MIN_SCRIPT_SHARE * letters:
        return None
    counts = {name: len(pattern.findall(sample)) for name, pattern in _script_patterns()}
    han_and_kana = counts["ja"] + counts["zh"]
    if han_and_kana >= MIN_SCRIPT_SHARE * letters and counts["ja"] >= KANA_SHARE * han_and_kana:
        return "ja"
    best = max(counts, key=lambda name: counts[name])
    if counts[best] >= max(MIN_SCRIPT_SHARE * letters, MIN_WORDS):
        return best
    return None


def _stop_word_vote(words: Iterable[str]) -> str | None:
    tokens = list(words)
    hits: Counter[str] = Counter()
    for word, count in Counter(tokens).items():
        for language in _LANGUAGES_OF.get(word, ()):
            hits[language] += count
    ranked = hits.most_common(2)
    if not ranked:
        return None
    winner, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if top < MIN_STOP_SHARE * len(tokens) or top < MIN_LEAD * runner_up:
        return None
    return winner

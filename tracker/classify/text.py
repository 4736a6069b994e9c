"""Text helpers shared by the classifier: the form rules are matched against, sentences, words.

Rules are matched against a *match form* of a clause: typographic quotes made plain, Markdown
emphasis, escapes and link targets removed, invisible characters dropped and whitespace collapsed,
so that a pattern like ``don't sell`` finds "don’t sell" and ``law`` finds "_the law_". Evidence
quotes are always cut from the original text, never from the match form.
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")
#: A URL written as an autolink, brackets included ("read our Policy <https://a.b/c>."), and a
#: bare one without the punctuation that ends its sentence: a link is no word of the sentence,
#: and the period after it still ends the sentence.
_ANGLE_URL = re.compile(r"\s*<https?://[^\s<>]*>")
_BARE_URL = re.compile(
    r"https?://(?:[^\s<>()]|\([^\s<>()]*\))*(?:[^\s<>()\].,;:!?'\"]|\([^\s<>()]*\))"
)
#: Brackets left empty by a link taken out ("see our policy (https://...)").
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
#: Markdown's escapes and emphasis, and bullet glyphs written into the text ("•Create ..."): a
#: list item's marker is no word of it.
_MARKDOWN_NOISE = re.compile(r"\\(?=[^\w\s])|[*_]+|[\u2022\u2023\u25e6\u2043\u25aa\u25cf\u25a0]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_DIGITS = re.compile(r"\d")

#: Words too common to say what a text is about.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "our",
        "your",
        "their",
        "we",
        "you",
        "they",
        "us",
        "any",
        "all",
        "such",
        "which",
        "who",
        "whom",
        "will",
        "may",
        "can",
    ]
)

#: Words ending with a period that do not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "etc",
        "inc",
        "ltd",
        "llc",
        "co",
        "corp",
        "no",
        "nos",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sec",
        "art",
        "para",
        "approx",
        "u.s",
        "u.k",
        "e.u",
        "cf",
        "al",
        "fig",
        "v",
        # a legal citation's parts ("Art. 6 para. 1 lit. a) GDPR": no item opening a sentence)
        "lit",
        "par",
        "subpara",
    }
)
#: A bracket left open before a period is still open at it when it closes within this many
#: characters after it.
BRACKET_REACH = 120
_SENTENCE_END = re.compile(r"[.!?][\"')\]”’*_]*\s+")
#: An item lettered in lower case that opens a sentence ("... is not possible. c. Should the
#: account be deleted ...", "b) We share it ..."): the period before it ends a sentence.
_LETTERED_ITEM = re.compile(r"(?:[a-z]|i{1,3}|iv|vi{0,3}|ix|x)[.)]\s+[A-Z\"'“‘(]")


def match_form(text: str) -> str:
    """The text as rules see it (see the module docstring).

    Each substitution runs only on a text holding what every match of its regex holds (an
    invisible character or a bullet glyph is not ASCII, a link target holds "](", an autolink
    "<", a URL "http", empty brackets "(", Markdown's noise a backslash, "*" or "_"), checked
    on the text as the substitutions before left it: the same text, without a regex pass
    for each of them over most clauses (the classifier reads each clause this way several
    times a diff). Whitespace is collapsed by :meth:`str.split`, which splits on the
    characters ``\\s`` matches in a ``str`` pattern."""
    text = text.translate(_QUOTES)
    ascii_only = text.isascii()
    if not ascii_only:
        text = _INVISIBLE.sub("", text)
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    if "<" in text:
        text = _ANGLE_URL.sub("", text)
    if "http" in text:
        text = _BARE_URL.sub(" ", text)
    if "(" in text:
        text = _EMPTY_BRACKETS.sub(" ", text)
    if not ascii_only or "\\" in text or "*" in text or "_" in text:
        text = _MARKDOWN_NOISE.sub(" ", text)
    if "[" in text or "]" in text:
        text = text.replace("[", " ").replace("]", " ")
    return " ".join(text.split())


#: A bracketed cross-reference: it says where something is written, not what is done.
_REFERENCE = re.compile(
    r"\s*\((?:as |which is |that is )?(?:see|refer to|explained|described|set out|set forth|"
    r"detailed|defined|listed|outlined|discussed|specified)\b[^()]*?\b(?:sections?|articles?|"
    r"clauses?|paragraphs?|parts?|appendix|annex|schedule|below|above|here|policy|notice|terms|"
    r"statement|page|faqs?)\b[^()]*\)",
    re.IGNORECASE,
)


#: A section's title in brackets after its number: "Section 6 (Who do we share your data
#: with?)" names a section, it says nothing.
_SECTION_TITLE = re.compile(
    r"(\b(?:sections?|articles?|clauses?|paragraphs?|parts?|chapters?)\s+(?:[0-9]+|[ivx]+)"
    r"(?:\.[0-9]+)*\.?)\s+\((?=(?-i:[A-Z]))[^()0-9]{1,120}\)",
    re.IGNORECASE,
)


def without_references(text: str) -> str:
    """``text`` without bracketed cross-references ("(as explained in section IV. How We
    Disclose Your Data)", "(see below)") and section titles in brackets after a section's
    number ("in Section 6 (Who do we share your data with?)")."""
    if "(" not in text:
        return text
    return _SECTION_TITLE.sub(r"\1", _REFERENCE.sub("", text))


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, keeping each one verbatim (only outer whitespace trimmed).

    A period ends a sentence when the next word starts with a capital, a digit, a quote or a
    bracket, or is a lower-case item letter before one ("c. Should ..."), and the word before
    it is not a known abbreviation or a single letter ("U.S.").
    """
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end >= len(text) or not (
            _starts_sentence(text[end]) or _LETTERED_ITEM.match(text, end) is not None
        ):
            continue
        if text[match.start()] == "." and _is_abbreviation(text[start : match.start()]):
            continue
        if _inside_brackets(text[start : match.start()], text[end : end + BRACKET_REACH]):
            continue
        piece = text[start:end].strip()
        if piece:
            parts.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def _inside_brackets(before: str, after: str) -> bool:
    """Whether a period falls inside a bracket the sentence opened and closes soon after: a
    cross-reference such as "(as explained in section IV. How We Share Your Data)" is part of
    its sentence."""
    if before.count("(") <= before.count(")"):
        return False
    closing, opening = after.find(")"), after.find("(")
    return closing >= 0 and (opening < 0 or closing < opening)


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "\"'“‘([*_"


def _is_abbreviation(before: str) -> bool:
    """Whether the word before a period is an abbreviation: a known one, a single letter, or
    letters each with its period ("U.S.", "P.O."), also at the end of a compound ("EU-U.S.",
    "Swiss-U.S.")."""
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = re.split(r"[-/–]", word.lstrip("(\"'“‘[*_").lower())[-1]
    return (
        word in _ABBREVIATIONS
        or (len(word) == 1 and word.isalpha())
        or _DOTTED_LETTERS.fullmatch(word) is not None
    )


_DOTTED_LETTERS = re.compile(r"(?:[a-z]\.)+[a-z]")


def words(text: str) -> list[str]:
    """Lowercase words of ``text`` (letters and digits; a contraction like "don't" is one word)."""
    return _WORD.findall(text.translate(_QUOTES).lower())


#: Contractions whose first part is not the word before "n't".
_IRREGULAR_NOT = {"won't": "will", "can't": "can", "shan't": "shall", "ain't": "is"}


def without_contractions(found: list[str]) -> list[str]:
    """``words`` with "don't", "can't", "cannot" as "do not", "can not", "can not" (the same
    statement however it is written)."""
    spelled: list[str] = []
    for word in found:
        if word == "cannot":
            spelled += ["can", "not"]
        elif word in _IRREGULAR_NOT:
            spelled += [_IRREGULAR_NOT[word], "not"]
        elif word.endswith("n't") and len(word) > 3:
            spelled += [word[:-3], "not"]
        else:
            spelled.append(word)
    return spelled


def has_digit(word: str) -> bool:
    return bool(_DIGITS.search(word))

"""Sentence splitting and the match form: evidence quotes must be verbatim pieces of clauses."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tracker.classify import text as text_module
from tracker.classify.text import match_form, sentences, without_references
from tracker.extract import extract_bytes


def test_sentences_split_at_sentence_ends_only() -> None:
    text = (
        "Together Computer, Inc. (the “Company”) is based in the U.S. and may disclose data "
        "(e.g., to a court). We will notify you. “ZDR” applies only from the moment you "
        "enable it."
    )
    assert sentences(text) == [
        "Together Computer, Inc. (the “Company”) is based in the U.S. and may disclose data "
        "(e.g., to a court).",
        "We will notify you.",
        "“ZDR” applies only from the moment you enable it.",
    ]


def test_match_form_drops_markup_but_keeps_words() -> None:
    assert match_form("**We don’t sell** your [data](https://x.example/sell-data)\u2060.") == (
        "We don't sell your data ."
    )


def test_a_link_ends_no_sentence_and_hides_no_sentence_end() -> None:
    text = (
        "Please read our Privacy Policy <https://a.example/privacy.html>. If you would like to "
        "learn more, see https://a.example/more?x=1. Then [this](https://a.example/t). See our "
        "policy (https://a.example/privacy). Or https://a.example/Foo_(bar). Done."
    )
    assert sentences(match_form(text)) == [
        "Please read our Privacy Policy.",
        "If you would like to learn more, see .",
        "Then this .",
        "See our policy .",
        "Or .",
        "Done.",
    ]


_WORDS = st.sampled_from(
    [
        "We",
        "do",
        "not",
        "sell",
        "data.",
        "Inc.",
        "U.S.",
        "(e.g.,",
        "you",
        "“ZDR”",
        "Policy.",
        "13.",
        "It",
        "may",
    ]
)


@given(st.lists(_WORDS, min_size=1, max_size=40), st.sampled_from([" ", "  ", "\n"]))
def test_sentences_are_verbatim_and_cover_the_text(words: list[str], space: str) -> None:
    text = space.join(words)
    parts = sentences(text)
    assert all(part and part in text for part in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())


def test_a_period_inside_brackets_closed_soon_after_ends_no_sentence() -> None:
    text = "Data may go abroad (as explained in section IV. How We Share Data) for hosting. Next."
    assert sentences(text) == [
        "Data may go abroad (as explained in section IV. How We Share Data) for hosting.",
        "Next.",
    ]
    # a bracket that never closes does not swallow the rest of the text
    assert sentences("See (a list. It ends. Here.") == ["See (a list.", "It ends.", "Here."]


def test_cross_references_in_brackets_are_left_out() -> None:
    assert without_references("We share it (see Section 4) with partners.") == (
        "We share it with partners."
    )
    assert without_references("We share it (with consent) with partners.") == (
        "We share it (with consent) with partners."
    )


def test_letters_with_periods_end_no_sentence_even_in_a_compound() -> None:
    """ "the EU-U.S. DPF", "the Swiss-U.S. DPF", "P.O. Box": abbreviations, not sentence ends."""
    text = (
        "Vimeo complies with the EU-U.S. DPF and the Swiss-U.S. DPF as set forth. "
        "Write to P.O. Box 12. Done."
    )
    assert sentences(text) == [
        "Vimeo complies with the EU-U.S. DPF and the Swiss-U.S. DPF as set forth.",
        "Write to P.O. Box 12.",
        "Done.",
    ]


def every_substitution(text: str) -> str:
    """The match form as made before its substitutions were skipped on texts that cannot
    hold a match of theirs: every regex run on every text, whitespace collapsed by a regex."""
    m = text_module
    text = m._INVISIBLE.sub("", text.translate(m._QUOTES))
    text = m._LINK_TARGET.sub("]", text)
    text = m._ANGLE_URL.sub("", text)
    text = m._BARE_URL.sub(" ", text)
    text = m._EMPTY_BRACKETS.sub(" ", text)
    text = m._MARKDOWN_NOISE.sub(" ", text).replace("[", " ").replace("]", " ")
    return re.sub(r"\s+", " ", text).strip()


def test_str_split_splits_on_the_characters_a_regex_whitespace_matches() -> None:
    every = [chr(code) for code in range(sys.maxunicode + 1)]
    assert [c for c in every if c.isspace()] == [c for c in every if re.fullmatch(r"\s", c)]


def test_match_form_is_every_substitution_over_the_corpus(corpus_dir: Path) -> None:
    versions = sorted((corpus_dir / "versions").rglob("*.md"))[::3]
    snapshots = sorted((corpus_dir / "snapshots").rglob("*.html"))[::4]
    texts = [c.text for f in versions for c in extract_bytes(f.read_bytes(), name=f.name).clauses]
    for f in snapshots:
        document = extract_bytes(f.read_bytes(), content_type="text/html", name=f.name)
        texts += [c.text for c in document.clauses]
    assert len(texts) > 5_000
    assert sum(1 for t in texts if match_form(t) != t) > 100, "the corpus has markup to drop"
    for text in texts:
        assert match_form(text) == every_substitution(text), text


_MARKUP = st.sampled_from(
    [
        "We",
        "sell",
        "data",
        " ",
        "  ",
        "\t",
        "\n",
        "\u00a0",
        "\u2003",
        "\x1c",
        "\u200b",
        "\u2060",
        "\u00ad",
        "\ufeff",
        "\u2022",
        "\u25cf",
        "’",
        "“",
        "(",
        ")",
        "( )",
        "[",
        "]",
        "](",
        "](https://a.example/x)",
        "<",
        ">",
        "<https://a.example/y>",
        "<http://a.example>",
        "http",
        "https://a.example/Foo_(bar)",
        "http://b.example.",
        "\\",
        "\\*",
        "*",
        "**",
        "_",
        "__",
        ".",
        ",",
    ]
)


@given(st.lists(_MARKUP, max_size=24).map("".join))
def test_match_form_is_every_substitution_on_texts_of_markup(text: str) -> None:
    assert match_form(text) == every_substitution(text)

"""Sentence splitting and the match form: evidence quotes must be verbatim pieces of clauses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.classify.text import match_form, sentences, without_references


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

"""Word-level inline diff: exact cases and the properties every inline diff must keep."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.diff import new_text_of, old_text_of, word_diff
from tracker.diff.words import inline_diff, inline_tokens
from tracker.model import InlineOp


def _ops(ops: tuple[InlineOp, ...]) -> list[tuple[str, str]]:
    return [(op.tag, op.text) for op in ops]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "We may share your data, and sell it.",
            "We may share your data and sell it.",
            [("equal", "We may share your data"), ("delete", ","), ("equal", " and sell it.")],
        ),
        (
            "Retention lasts 30 days.",
            "Retention lasts 60 days.",
            [
                ("equal", "Retention lasts "),
                ("delete", "30"),
                ("insert", "60"),
                ("equal", " days."),
            ],
        ),
        (
            "We do not sell personal data.",
            "We sell personal data.",
            [("equal", "We "), ("delete", "do not "), ("equal", "sell personal data.")],
        ),
        (
            "we share data with partners",
            "you sell info to advertisers",
            [("delete", "we share data with partners"), ("insert", "you sell info to advertisers")],
        ),
        (
            "Use the  Services.",
            "Use the Services.",
            [("equal", "Use the "), ("delete", " "), ("equal", "Services.")],
        ),
        ("same text", "same text", [("equal", "same text")]),
        ("", "new clause", [("insert", "new clause")]),
        ("old clause", "", [("delete", "old clause")]),
    ],
)
def test_word_diff_cases(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert _ops(word_diff(old, new)) == expected


def test_changed_words_keep_their_spaces_outside_the_marks() -> None:
    ops = word_diff("You may cancel at any time.", "You can cancel at any time.")
    assert _ops(ops) == [
        ("equal", "You "),
        ("delete", "may"),
        ("insert", "can"),
        ("equal", " cancel at any time."),
    ]


def test_similarity_counts_words_and_marks() -> None:
    assert inline_diff("a b c d", "a b c d")[1] == 1.0
    assert inline_diff("a b c d", "a b x d")[1] == pytest.approx(0.75)
    assert inline_diff("", "")[1] == 1.0


_texts = st.text(alphabet=st.sampled_from(list("abc XY,.;:'\"\u201c\u201d\t\n-()12")), max_size=60)


@given(_texts, _texts)
def test_inline_ops_rebuild_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert old_text_of(ops) == old
    assert new_text_of(ops) == new


@given(_texts, _texts)
def test_inline_ops_are_merged_runs(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert all(op.text for op in ops)
    for first, second in itertools.pairwise(ops):
        assert first.tag != second.tag
        assert (first.tag, second.tag) != ("insert", "delete")  # deletions come first


@given(_texts, _texts)
def test_similarity_is_a_ratio(old: str, new: str) -> None:
    ratio = inline_diff(old, new)[1]
    assert 0.0 <= ratio <= 1.0
    if old == new:
        assert ratio == 1.0


@given(st.text(max_size=80))
def test_tokens_cover_the_text(text: str) -> None:
    assert "".join(inline_tokens(text)) == text

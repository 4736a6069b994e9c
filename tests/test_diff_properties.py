"""Properties every clause diff must have, on generated documents and on real corpus pairs.

- comparing a version with itself reports nothing;
- every clause of both versions is accounted for exactly once (unchanged, or in one change);
- applying the changes to the old clause list gives the new one;
- changes are well formed and come in the new version's reading order.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.diff import (
    JOIN,
    apply_diff,
    diff_clauses,
    fold_text,
    is_cosmetic,
    new_text_of,
    old_text_of,
)
from tracker.extract import extract_markdown
from tracker.model import Clause, ClauseDiff

WORDS = (
    "we",
    "share",
    "your",
    "data",
    "with",
    "partners",
    "may",
    "not",
    "sell",
    "30",
    "days",
    "account",
    "delete",
    "terms",
    "privacy",
    "the",
    "Fees",
    "notice",
)

_text = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=9),
    st.sampled_from(["", ".", ",", ";", "!"]),
)
Item = tuple[str, str | None, str]

_item = st.tuples(
    st.sampled_from(["heading", "paragraph", "paragraph", "list_item"]),
    st.one_of(st.none(), st.sampled_from(["1.", "2.", "(a)", "iv."])),
    _text,
)


def build(items: Sequence[Item]) -> list[Clause]:
    """Clauses with heading paths, as the segmenter would give them."""
    clauses: list[Clause] = []
    section: tuple[str, ...] = ()
    for k, (kind, label, text) in enumerate(items):
        clause = Clause(
            id=f"c{k}",
            path=section,
            label=label,
            kind=kind,  # type: ignore[arg-type]
            text=text,
            level=2 if kind == "heading" else 0,
        )
        clauses.append(clause)
        if kind == "heading":
            section = (clause.display_text,)
    return clauses


def _halves(item: Item) -> list[Item]:
    words = item[2].split()
    cut = max(1, len(words) // 2)
    return [(item[0], item[1], " ".join(words[:cut])), ("paragraph", None, " ".join(words[cut:]))]


@st.composite
def version_pairs(draw: st.DrawFn) -> tuple[list[Clause], list[Clause]]:
    """An old version, and a new one made of old items (kept, repeated, reordered, joined or
    cut in two) and new items: every kind of edit, in any mixture."""
    old_items = draw(st.lists(_item, max_size=24))
    reuse = st.sampled_from(old_items) if old_items else _item
    chunks = st.one_of(
        reuse.map(lambda item: [item]),
        reuse.map(lambda item: [item]),
        _item.map(lambda item: [item]),
        st.tuples(reuse, reuse).map(lambda ab: [(ab[0][0], ab[0][1], f"{ab[0][2]} {ab[1][2]}")]),
        reuse.map(_halves),
    )
    new_items = [item for chunk in draw(st.lists(chunks, max_size=24)) for item in chunk]
    return build(old_items), build(new_items)


def content(clauses: Sequence[Clause]) -> list[tuple[str, str, int]]:
    return [(c.display_text, c.kind, c.level) for c in clauses]


def check_diff(old: Sequence[Clause], new: Sequence[Clause], diff: ClauseDiff) -> None:
    _check_accounted(old, new, diff)
    assert content(apply_diff(old, diff)) == content(new)
    _check_well_formed(diff)
    _check_reading_order(new, diff)


def _check_accounted(old: Sequence[Clause], new: Sequence[Clause], diff: ClauseDiff) -> None:
    old_seen = [i for i, _ in diff.unchanged_pairs]
    new_seen = [j for _, j in diff.unchanged_pairs]
    old_at = {id(c): i for i, c in enumerate(old)}
    new_at = {id(c): j for j, c in enumerate(new)}
    for change in diff.changes:
        old_seen += [old_at[id(c)] for c in change.old]
        new_seen += [new_at[id(c)] for c in change.new]
    assert sorted(old_seen) == list(range(len(old)))
    assert sorted(new_seen) == list(range(len(new)))
    assert diff.unchanged == len(diff.unchanged_pairs)
    for i, j in diff.unchanged_pairs:
        assert content([old[i]]) == content([new[j]])


def _check_well_formed(diff: ClauseDiff) -> None:
    for change in diff.changes:
        if change.kind == "added":
            assert (len(change.old), len(change.new), change.similarity) == (0, 1, None)
        elif change.kind == "removed":
            assert (len(change.old), len(change.new), change.similarity) == (1, 0, None)
        else:
            assert change.old and change.new
            assert change.similarity is not None and 0.0 <= change.similarity <= 1.0
        if change.kind in ("moved", "cosmetic") and len(change.old) == len(change.new) == 1:
            assert is_cosmetic(change.old[0], change.new[0])
        if len(change.old) > 1 or len(change.new) > 1:
            assert change.detail in ("split", "merged")
            if change.kind == "cosmetic":  # the same words cut into clauses differently
                assert fold_text(JOIN.join(c.display_text for c in change.old)) == fold_text(
                    JOIN.join(c.display_text for c in change.new)
                )
            else:
                assert change.kind == "modified"
        if change.inline:
            assert old_text_of(change.inline) == JOIN.join(c.display_text for c in change.old)
            assert new_text_of(change.inline) == JOIN.join(c.display_text for c in change.new)


def _check_reading_order(new: Sequence[Clause], diff: ClauseDiff) -> None:
    new_at = {id(c): j for j, c in enumerate(new)}
    places = [new_at[id(change.new[0])] for change in diff.changes if change.new]
    assert places == sorted(places)


@given(st.lists(_item, max_size=30))
def test_a_version_compared_with_itself_has_no_changes(items: list[Item]) -> None:
    clauses = build(items)
    diff = diff_clauses(clauses, list(clauses))
    assert diff.changes == ()
    assert diff.unchanged_pairs == tuple((i, i) for i in range(len(clauses)))


@settings(max_examples=300)
@given(version_pairs())
def test_diff_accounts_for_every_clause_and_rebuilds_the_new_version(
    pair: tuple[list[Clause], list[Clause]],
) -> None:
    old, new = pair
    check_diff(old, new, diff_clauses(old, new))


def _corpus_pairs() -> list[tuple[str, Path, Path]]:
    from tests.conftest import CORPUS_DIR

    folders = sorted((CORPUS_DIR / "versions").iterdir()) if CORPUS_DIR.is_dir() else []
    return [
        (f"{folder.name}/{b.stem}", a, b)
        for folder in folders
        for a, b in itertools.pairwise(sorted(folder.glob("*.md"))[-3:])
    ]


@pytest.mark.parametrize(
    ("name", "old_path", "new_path"), _corpus_pairs(), ids=[name for name, _, _ in _corpus_pairs()]
)
def test_real_version_pairs_keep_the_properties(
    corpus_dir: Path, name: str, old_path: Path, new_path: Path
) -> None:
    old = extract_markdown(old_path.read_text(encoding="utf-8")).clauses
    new = extract_markdown(new_path.read_text(encoding="utf-8")).clauses
    check_diff(old, new, diff_clauses(old, new))
    assert diff_clauses(new, new).changes == ()

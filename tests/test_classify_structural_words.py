"""A modified clause's structural questions (no textual change, only contractions, only a
link, only a date) with each side's words found once (issue 14): the shortcuts give what the
words found again would, over the corpus's clauses and word lists made to hold contractions."""

from __future__ import annotations

import random
from pathlib import Path

from tracker.classify.severity import _may_be_contracted, _without_links
from tracker.classify.text import without_contractions, words
from tracker.extract import extract_bytes

_WORDS = ("we", "do", "don't", "not", "can", "cannot", "can't", "won't", "n't", "isn't", "data")


def test_a_list_without_a_possible_contraction_is_its_own_spelling() -> None:
    chance = random.Random(14)
    contracted = 0
    for _ in range(3000):
        found = [chance.choice(_WORDS) for _ in range(chance.randint(0, 6))]
        if not _may_be_contracted(found):
            assert without_contractions(found) == found, found
        else:
            contracted += without_contractions(found) != found
        assert _may_be_contracted([], found) == _may_be_contracted(found)
    assert contracted > 100


def test_the_words_without_links_are_those_found_again(corpus_dir: Path) -> None:
    texts = 0
    linked = 0
    for folder in sorted((corpus_dir / "versions").iterdir()):
        for file in sorted(folder.glob("*.md"))[:1]:
            for clause in extract_bytes(file.read_bytes(), name=file.name).clauses:
                for text in (clause.display_text, clause.text):
                    expected = _without_links(text)
                    assert _without_links(text, words(text)) == expected, text
                    texts += 1
                    linked += expected != words(text)
    assert texts > 1000
    assert linked > 10, "some texts have links"

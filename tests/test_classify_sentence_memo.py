"""A sentence's reading is remembered for the rest of its diff: the same reading as reading it
again, forgotten when the next diff is classified, and never more than a bounded number."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import classify_diff, load_rules, statements
from tracker.classify.statements import SentenceMemo, read_sentence
from tracker.classify.text import match_form, sentences
from tracker.diff import diff_clauses
from tracker.extract import extract_bytes

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")


def _memo() -> SentenceMemo:
    memo = RULES.readings.memo.get(SentenceMemo)
    assert isinstance(memo, SentenceMemo)
    return memo


def test_a_remembered_reading_is_the_reading(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "versions").rglob("*.md"))[::9]
    texts = [c.text for f in files for c in extract_bytes(f.read_bytes(), name=f.name).clauses]
    said = [s for text in texts[::5] for s in sentences(match_form(text))]
    assert len(said) > 500
    for sentence in said:
        first = read_sentence(sentence, RULES.readings)
        assert read_sentence(sentence, RULES.readings) is first  # remembered
        assert first == statements._read_sentence(sentence, RULES.readings)


def test_a_diff_forgets_the_readings_before_it() -> None:
    read_sentence("We sell your data.", RULES.readings)
    assert "We sell your data." in _memo()
    old = extract_bytes(b"We keep your data.\n\nWe may share it.\n", name="a.md").clauses
    new = extract_bytes(b"We keep your data.\n\nWe may sell it.\n", name="a.md").clauses
    classified = classify_diff(diff_clauses(old, new), RULES)
    assert classified.changes
    assert "We sell your data." not in _memo()
    assert "We may sell it." in _memo()


def test_the_memo_forgets_everything_once_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(statements, "MEMO_SENTENCES", 3)
    statements.forget_sentences(RULES.readings)
    for text in ("We sell data.", "We share data.", "We keep data.", "We rent data."):
        read_sentence(text, RULES.readings)
    assert list(_memo()) == ["We rent data."]

"""The severity evaluations can fail: floors under the numbers ``make eval-classify`` prints,
with a margin (regressions fail, small moves do not). Measured on ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval_classify import expected_grade
from bench.severity_eval import OUTSIDE, judge_real_changes, load_gold, run_synthetic
from tracker.classify import load_rules
from tracker.classify.evaluate import score_severity
from tracker.vocabulary import Direction, Severity

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")

pytestmark = pytest.mark.slow


def test_the_labelled_real_changes_are_many_and_reviewable() -> None:
    gold = load_gold()
    assert len(gold) >= 150
    assert sum(g.severity == Severity.HIGH for g in gold) >= 30
    assert {g.split for g in gold} == {"dev", "holdout", *OUTSIDE}
    assert all(g.note for g in gold), "every label says why"
    assert sum(g.direction != Direction.NEUTRAL for g in gold) >= 40


def test_high_severity_on_real_changes_does_not_regress() -> None:
    results = judge_real_changes(RULES)
    tuned = score_severity(r.judged for r in results if r.item.split == "dev")
    held_out = score_severity(r.judged for r in results if r.item.split == "holdout")
    assert tuned.high_precision >= 0.65 and tuned.high_recall >= 0.85
    assert held_out.high_precision >= 0.5 and held_out.high_recall >= 0.5
    assert score_severity(r.judged for r in results).within_one >= 0.95


def test_edits_of_known_meaning_are_graded_by_their_meaning() -> None:
    results = run_synthetic(RULES, rounds=1)
    by_family: dict[str, list[bool]] = {}
    for result in results:
        by_family.setdefault(result.trial.family, []).append(expected_grade(result))
    rate = {family: sum(ok) / len(ok) for family, ok in by_family.items()}
    assert rate["expanding"] >= 0.93, rate
    assert rate["narrowing"] >= 0.85, rate
    assert 1 - rate["meaning-free"] <= 0.10, rate

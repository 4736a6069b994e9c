"""Quotations exact, truncated, elided, edited and foreign on every corpus document
(bench/eval_claims.py, fewer sentences per document): the rates meet their targets."""

from __future__ import annotations

import pytest

from bench.eval_claims import TARGETS, VERSIONS, evaluate


@pytest.mark.slow
def test_quotations_are_told_apart_on_every_vendor_of_the_corpus() -> None:
    if not VERSIONS.is_dir():
        pytest.fail(f"corpus missing at {VERSIONS}: clone the project beside ../shared")
    result = evaluate(per_document=3)
    assert result.documents >= 20
    assert set(TARGETS) <= set(result.tallies)
    assert result.failures() == []

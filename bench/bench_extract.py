"""Extraction speed: a ~300 KB real page, bs4 parse alone vs the whole extraction.

The target: extraction and segmentation (decode, parse, rules or main-content detection,
walk, segmentation, ids, canonical text, hash) in under 1.5 times what beautifulsoup4 with
lxml alone takes to parse the same bytes. Each round times the three back to back (a bs4 parse,
an extraction with the expert rules, one without); the ratio is the median of the rounds' own
ratios, which holds up on a shared, busy machine better than comparing two separate minima.
Before each timed call the garbage of earlier calls is collected (``gc.collect()``), so that
neither side pays for freeing the other's parse trees; the garbage collector stays on while
timing, so each side pays for its own allocations.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from tracker.extract import extract_html
from tracker.model import ExtractionRules

SNAPSHOTS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "snapshots"
PAGES = (
    (
        "chatgpt__privacy-policy/04_2025-07-31__policies-eu-privacy-policy.html",
        ExtractionRules(select=("main",), remove=('select[name="Locale Select"]', "main .sr-only")),
    ),
    (
        "perplexity__privacy-policy/01_2025-11-11.html",
        ExtractionRules(select=("[data-framer-name=Post]",)),
    ),
    (
        "together-ai__terms-of-service/05_2026-05-20.html",
        ExtractionRules(select=(".main-wrapper",)),
    ),
)
REPEATS = 31
TARGET_RATIO = 1.5


def timed(function: Callable[[], object]) -> float:
    gc.collect()
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


@dataclass(frozen=True, slots=True)
class Measure:
    parse: float  # best bs4 parse, seconds
    rules: float  # best extraction with the expert rules
    automatic: float  # best extraction without rules
    rules_ratio: float  # median over rounds of (extraction / parse) measured back to back
    automatic_ratio: float


def measure(data: bytes, rules: ExtractionRules) -> Measure:
    """Rounds of (bs4 parse, extraction with rules, extraction without), back to back."""
    extract_html(data, rules=rules)  # warm caches (compiled selectors and patterns)
    rounds = [
        (
            timed(lambda: BeautifulSoup(data, "lxml")),
            timed(lambda: extract_html(data, rules=rules)),
            timed(lambda: extract_html(data)),
        )
        for _ in range(REPEATS)
    ]
    return Measure(
        parse=min(r[0] for r in rounds),
        rules=min(r[1] for r in rounds),
        automatic=min(r[2] for r in rounds),
        rules_ratio=statistics.median(r[1] / r[0] for r in rounds),
        automatic_ratio=statistics.median(r[2] / r[0] for r in rounds),
    )


def main() -> None:
    print(
        f"{'page':<70} {'KB':>4} {'bs4 ms':>7} {'rules ms':>9} {'ratio':>6} "
        f"{'auto ms':>8} {'ratio':>6}"
    )
    worst = 0.0
    for name, rules in PAGES:
        data = (SNAPSHOTS / name).read_bytes()
        m = measure(data, rules)
        worst = max(worst, m.rules_ratio, m.automatic_ratio)
        print(
            f"{name:<70} {len(data) // 1024:>4} {m.parse * 1000:7.1f} {m.rules * 1000:9.1f} "
            f"{m.rules_ratio:6.2f} {m.automatic * 1000:8.1f} {m.automatic_ratio:6.2f}",
            flush=True,
        )
    verdict = "PASS" if worst < TARGET_RATIO else "FAIL"
    print(
        f"{verdict}  worst ratio {worst:.2f} < {TARGET_RATIO} (extraction + segmentation vs "
        "bs4+lxml parse of the same bytes; times are the best of "
        f"{REPEATS} rounds, ratios the median of the rounds' own ratios)"
    )


if __name__ == "__main__":
    main()

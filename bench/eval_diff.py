"""Evaluate the clause diff on the real corpus (run: make eval-diff). Prints numbers and targets.

Part 1, synthetic edits with known truth: real versions from ../shared/corpus get random known
edits (see :mod:`bench.diff_synthetic`); we score how many edits the diff reports with the right
kind, and how many untouched clauses it wrongly reports.

Part 2, real consecutive versions: for every pair in ../shared/corpus/versions, the words our
changes say were inserted and deleted are compared with a plain word-level difflib diff of the
two whole texts (precision and recall of changed words; moves count as delete + insert), and
each pair is timed, beside a plain line-level difflib.unified_diff of the same pair.
"""

from __future__ import annotations

import difflib
import itertools
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.diff_synthetic import EDIT_KINDS, apply_random_edits, score_edits
from tracker.diff import diff_clauses
from tracker.diff.words import words_of
from tracker.extract import extract_markdown
from tracker.model import Clause, ClauseDiff

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SEED = 20240611
TRIALS_PER_VERSION = 6
EDITS_PER_TRIAL = 16
VERSIONS_PER_DOCUMENT = 2
TIMING_REPEATS = 3

TARGET_FOUND = 0.98
TARGET_FALSE = 0.005
TARGET_WORDS = 0.95
TARGET_MEDIAN_MS = 20.0
TARGET_MAX_MS = 500.0


def version_files(corpus: Path) -> dict[str, list[Path]]:
    """Each document's Markdown versions, oldest first."""
    return {
        folder.name: sorted(folder.glob("*.md"))
        for folder in sorted((corpus / "versions").iterdir())
        if folder.is_dir()
    }


def read_clauses(path: Path) -> tuple[Clause, ...]:
    return extract_markdown(path.read_text(encoding="utf-8")).clauses


# -- part 1: synthetic edits -------------------------------------------------------------------


def evaluate_synthetic(documents: dict[str, list[Path]]) -> bool:
    rng = random.Random(SEED)
    clauses = {
        (name, path): read_clauses(path)
        for name, paths in documents.items()
        for path in paths[-VERSIONS_PER_DOCUMENT:]
    }
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    untouched = false_reports = 0
    misses: list[str] = []
    for (name, path), old in clauses.items():
        donors = [c for (other, _), cs in clauses.items() if other != name for c in cs]
        for _ in range(TRIALS_PER_VERSION):
            new, edits = apply_random_edits(old, donors, rng, EDITS_PER_TRIAL)
            score = score_edits(old, diff_clauses(old, new), edits)
            found.update(score.found)
            total.update(score.total)
            untouched += score.untouched
            false_reports += score.false_reports
            misses.extend(f"{name}/{path.name}: {m}" for m in score.misses)
    print(
        f"Synthetic edits on {len(clauses)} real versions, {TRIALS_PER_VERSION} trials each "
        f"of {EDITS_PER_TRIAL} edits (seed {SEED}):"
    )
    print(f"  {'edit':<10} {'found':>6} {'of':>6} {'rate':>8}")
    for kind in EDIT_KINDS:
        if total[kind]:
            rate = found[kind] / total[kind]
            print(f"  {kind:<10} {found[kind]:>6} {total[kind]:>6} {rate:>8.1%}")
    all_found, all_total = sum(found.values()), sum(total.values())
    found_rate = all_found / all_total
    false_rate = false_reports / untouched
    print(
        f"  {'all':<10} {all_found:>6} {all_total:>6} {found_rate:>8.1%}"
        f"   target >= {TARGET_FOUND:.0%}  {_verdict(found_rate >= TARGET_FOUND)}"
    )
    print(
        f"  untouched clauses reported: {false_reports} of {untouched} = {false_rate:.3%}"
        f"   target < {TARGET_FALSE:.1%}  {_verdict(false_rate < TARGET_FALSE)}"
    )
    for miss in misses[:15]:
        print(f"    missed {miss}")
    if len(misses) > 15:
        print(f"    ... and {len(misses) - 15} more")
    return found_rate >= TARGET_FOUND and false_rate < TARGET_FALSE


# -- part 2: real consecutive versions --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairResult:
    name: str
    changed_ours: int
    agreed: int
    changed_reference: int
    diff_ms: float
    baseline_ms: float


def changed_words(diff: ClauseDiff) -> Counter[tuple[str, str]]:
    """(tag, word) multiset of what the diff says was deleted and inserted (moves: both)."""
    out: Counter[tuple[str, str]] = Counter()
    for change in diff.changes:
        if change.kind in ("added", "removed", "moved") or change.detail == "moved":
            out.update(("delete", w) for c in change.old for w in words_of(c.display_text))
            out.update(("insert", w) for c in change.new for w in words_of(c.display_text))
            continue
        for op in change.inline:
            if op.tag != "equal":
                out.update((op.tag, w) for w in words_of(op.text))
    return out


def reference_changed_words(
    old: Sequence[Clause], new: Sequence[Clause]
) -> Counter[tuple[str, str]]:
    """(tag, word) multiset of a plain word-level difflib diff of the two whole texts."""
    a = words_of("\n".join(c.display_text for c in old))
    b = words_of("\n".join(c.display_text for c in new))
    out: Counter[tuple[str, str]] = Counter()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.update(("delete", w) for w in a[i1:i2])
            out.update(("insert", w) for w in b[j1:j2])
    return out


def best_ms(run: Callable[[], object], repeats: int = TIMING_REPEATS) -> float:
    """The fastest of a few runs, in milliseconds (other processes only ever add time)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def evaluate_pair(name: str, old_path: Path, new_path: Path) -> PairResult:
    old, new = read_clauses(old_path), read_clauses(new_path)
    diff = diff_clauses(old, new)
    diff_ms = best_ms(lambda: diff_clauses(old, new))
    old_lines = old_path.read_text(encoding="utf-8").splitlines()
    new_lines = new_path.read_text(encoding="utf-8").splitlines()
    baseline_ms = best_ms(lambda: list(difflib.unified_diff(old_lines, new_lines, lineterm="")))
    ours, reference = changed_words(diff), reference_changed_words(old, new)
    agreed = sum((ours & reference).values())
    return PairResult(
        name, sum(ours.values()), agreed, sum(reference.values()), diff_ms, baseline_ms
    )


def evaluate_real(documents: dict[str, list[Path]]) -> bool:
    results = [
        evaluate_pair(f"{name}/{b.stem}", a, b)
        for name, paths in documents.items()
        for a, b in itertools.pairwise(paths)
    ]
    ours = sum(r.changed_ours for r in results)
    agreed = sum(r.agreed for r in results)
    reference = sum(r.changed_reference for r in results)
    pooled = (agreed / ours, agreed / reference)
    per_pair = (
        statistics.mean(r.agreed / r.changed_ours if r.changed_ours else 1.0 for r in results),
        statistics.mean(
            r.agreed / r.changed_reference if r.changed_reference else 1.0 for r in results
        ),
    )
    print(
        f"Real consecutive versions: {len(results)} pairs, "
        f"{reference} changed words by plain word-level difflib"
    )
    words_ok = True
    for label, (precision, recall) in (("all words pooled", pooled), ("mean per pair", per_pair)):
        ok = min(precision, recall) >= TARGET_WORDS
        words_ok = words_ok and ok
        print(
            f"  changed-word precision {precision:.3f}  recall {recall:.3f}  ({label})"
            f"   target >= {TARGET_WORDS}  {_verdict(ok)}"
        )
    for r in sorted(results, key=_f1)[:5]:
        print(
            f"    lowest agreement: {r.name}: ours {r.changed_ours}, reference "
            f"{r.changed_reference}, agreed {r.agreed}"
        )
    return _print_times(results) and words_ok


def _print_times(results: Sequence[PairResult]) -> bool:
    median = statistics.median(r.diff_ms for r in results)
    slowest = max(results, key=lambda r: r.diff_ms)
    biggest = max(results, key=lambda r: r.changed_reference)
    baseline = statistics.median(r.baseline_ms for r in results)
    ratio = statistics.median(r.diff_ms / r.baseline_ms for r in results if r.baseline_ms > 0)
    median_ok, slowest_ok = median < TARGET_MEDIAN_MS, slowest.diff_ms < TARGET_MAX_MS
    print(
        f"  diff time per pair, in-process, best of {TIMING_REPEATS}: median {median:.1f} ms"
        f"   target < {TARGET_MEDIAN_MS:.0f} ms  {_verdict(median_ok)}"
    )
    print(
        f"  slowest pair: {slowest.name} {slowest.diff_ms:.1f} ms"
        f"   target < {TARGET_MAX_MS:.0f} ms  {_verdict(slowest_ok)}"
    )
    print(
        f"  largest rewrite: {biggest.name} ({biggest.changed_reference} changed words) "
        f"{biggest.diff_ms:.1f} ms"
    )
    print(
        f"  baseline, line-level difflib.unified_diff of the same pair: median {baseline:.2f} ms;"
        f" clause diff / baseline: median {ratio:.1f}x"
    )
    return median_ok and slowest_ok


def _f1(r: PairResult) -> float:
    total = r.changed_ours + r.changed_reference
    return 1.0 if total == 0 else 2 * r.agreed / total


def _verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main(argv: Iterable[str] = ()) -> int:
    if not (CORPUS / "index.json").is_file():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    documents = version_files(CORPUS)
    synthetic_ok = evaluate_synthetic(documents)
    print()
    real_ok = evaluate_real(documents)
    print()
    print(f"All targets {'met' if synthetic_ok and real_ok else 'NOT met'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

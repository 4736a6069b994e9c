"""Evaluate the clause diff on the real corpus (run: make eval-diff). Prints numbers and targets.

Part 1, synthetic edits with known truth: real versions from ../shared/corpus get random known
edits (see :mod:`bench.diff_synthetic`); we score how many edits the diff reports with the right
kind, and how many untouched clauses it wrongly reports.

Part 2, structural edits with known truth (see :mod:`bench.diff_structural`): every corpus
document rendered as a page with a table of contents, navigation, tracking parameters in its
links, a table written in another form, reordered rows, a duplicated block, a new date; the
words our changes say changed against the words that did, and whether each change has the
kind and detail it should.

Part 3, real pairs: for every pair of consecutive Markdown versions in ../shared/corpus/versions,
and of consecutive HTML snapshots (extracted with the corpus's rules), the words our changes
say were inserted and deleted against a plain word-level difflib diff of the two whole texts
(moves count as delete + insert). Precision and recall are pooled over all words of all pairs
(a pair with many changed words weighs more), never averaged per pair. Words are the visible
ones: a link's address is not text a reader reads. Each Markdown pair is timed, beside a plain
line-level difflib.unified_diff of the same pair.
"""

from __future__ import annotations

import difflib
import itertools
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.diff_structural import RULES, STRUCTURAL_KINDS, structural_cases
from bench.diff_synthetic import EDIT_KINDS, apply_random_edits, score_edits
from bench.severity_eval import OUTSIDE as SEVERITY_OUTSIDE
from tracker.diff import diff_clauses
from tracker.diff.words import words_of
from tracker.errors import TrackerError
from tracker.extract import extract_html, extract_markdown, visible_text
from tracker.model import Clause, ClauseDiff

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SEED = 20240611
TRIALS_PER_VERSION = 6
EDITS_PER_TRIAL = 16
VERSIONS_PER_DOCUMENT = 2
TIMING_REPEATS = 3

TARGET_FOUND = 0.98
TARGET_FALSE = 0.005
TARGET_WORDS = 0.95
TARGET_CHECKS = 0.95
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


def visible_words(text: str) -> list[str]:
    """The words of a clause text as a reader sees them (link addresses left out)."""
    return words_of(visible_text(text))


@dataclass(frozen=True, slots=True)
class WordScore:
    """Changed words: ours, the truth's (or the reference's), and those both name."""

    ours: int
    agreed: int
    truth: int

    def __add__(self, other: WordScore) -> WordScore:
        return WordScore(
            self.ours + other.ours, self.agreed + other.agreed, self.truth + other.truth
        )

    @property
    def precision(self) -> float:
        return self.agreed / self.ours if self.ours else 1.0

    @property
    def recall(self) -> float:
        return self.agreed / self.truth if self.truth else 1.0

    @property
    def met(self) -> bool:
        return min(self.precision, self.recall) >= TARGET_WORDS


def word_score(ours: Counter[tuple[str, str]], truth: Counter[tuple[str, str]]) -> WordScore:
    return WordScore(sum(ours.values()), sum((ours & truth).values()), sum(truth.values()))


def pooled(scores: Iterable[WordScore]) -> WordScore:
    return sum(scores, WordScore(0, 0, 0))


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


# -- what a diff says changed ------------------------------------------------------------------


def changed_words(diff: ClauseDiff) -> Counter[tuple[str, str]]:
    """(tag, word) multiset of what the diff says was deleted and inserted (moves: both)."""
    out: Counter[tuple[str, str]] = Counter()
    for change in diff.changes:
        if change.kind in ("added", "removed", "moved") or change.detail == "moved":
            out.update(("delete", w) for c in change.old for w in visible_words(c.display_text))
            out.update(("insert", w) for c in change.new for w in visible_words(c.display_text))
            continue
        for op in change.inline:
            if op.tag != "equal":
                out.update((op.tag, w) for w in visible_words(op.text))
    return out


def reference_changed_words(
    old: Sequence[Clause], new: Sequence[Clause]
) -> Counter[tuple[str, str]]:
    """(tag, word) multiset of a plain word-level difflib diff of the two whole texts."""
    a = visible_words("\n".join(c.display_text for c in old))
    b = visible_words("\n".join(c.display_text for c in new))
    out: Counter[tuple[str, str]] = Counter()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.update(("delete", w) for w in a[i1:i2])
            out.update(("insert", w) for w in b[j1:j2])
    return out


def pair_score(old: Sequence[Clause], new: Sequence[Clause]) -> WordScore:
    """Our changed words against the reference's, for one pair of versions."""
    return word_score(changed_words(diff_clauses(old, new)), reference_changed_words(old, new))


# -- part 2: structural edits --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StructuralResult:
    kind: str
    document: str
    words: WordScore
    problem: str | None


def structural_results(documents: dict[str, list[Path]]) -> list[StructuralResult]:
    """Every structural case over the latest version of every document."""
    latest = {name: read_clauses(paths[-1]) for name, paths in documents.items() if paths}
    results = []
    for case in structural_cases(latest, SEED):
        old = extract_html(case.old_html, rules=RULES).clauses
        new = extract_html(case.new_html, rules=RULES).clauses
        diff = diff_clauses(old, new)
        results.append(
            StructuralResult(
                case.kind,
                case.document,
                word_score(changed_words(diff), case.truth),
                case.check(diff),
            )
        )
    return results


def evaluate_structural(documents: dict[str, list[Path]]) -> bool:
    results = structural_results(documents)
    print(f"Structural edits on the latest version of {len(documents)} documents (seed {SEED}):")
    print(
        f"  {'edit':<18} {'cases':>5} {'ours':>6} {'truth':>6} {'agreed':>6}"
        f" {'precision':>9} {'recall':>7} {'kinds right':>11}"
    )
    by_kind: dict[str, list[StructuralResult]] = defaultdict(list)
    for result in results:
        by_kind[result.kind].append(result)
    for kind in STRUCTURAL_KINDS:
        rows = by_kind.get(kind, [])
        if not rows:
            continue
        words = pooled(r.words for r in rows)
        right = sum(r.problem is None for r in rows)
        print(
            f"  {kind:<18} {len(rows):>5} {words.ours:>6} {words.truth:>6} {words.agreed:>6}"
            f" {words.precision:>9.3f} {words.recall:>7.3f} {right:>5} of {len(rows):<3}"
        )
    words = pooled(r.words for r in results)
    right = sum(r.problem is None for r in results) / len(results)
    print(
        f"  changed-word precision {words.precision:.3f}  recall {words.recall:.3f}"
        f" (pooled over all words)   target >= {TARGET_WORDS}  {_verdict(words.met)}"
    )
    print(
        f"  changes of the right kind and detail: {right:.1%} of cases"
        f"   target >= {TARGET_CHECKS:.0%}  {_verdict(right >= TARGET_CHECKS)}"
    )
    for result in [r for r in results if r.problem][:10]:
        print(f"    {result.kind} on {result.document}: {result.problem}")
    return words.met and right >= TARGET_CHECKS


# -- part 3: real pairs ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairResult:
    name: str
    words: WordScore
    diff_ms: float
    baseline_ms: float


def best_ms(run: Callable[[], object], repeats: int = TIMING_REPEATS) -> float:
    """The fastest of a few runs, in milliseconds (other processes only ever add time)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def evaluate_pair(name: str, old_path: Path, new_path: Path, timed: bool = True) -> PairResult:
    old, new = read_clauses(old_path), read_clauses(new_path)
    words = pair_score(old, new)
    if not timed:
        return PairResult(name, words, 0.0, 0.0)
    diff_ms = best_ms(lambda: diff_clauses(old, new))
    old_lines = old_path.read_text(encoding="utf-8").splitlines()
    new_lines = new_path.read_text(encoding="utf-8").splitlines()
    baseline_ms = best_ms(lambda: list(difflib.unified_diff(old_lines, new_lines, lineterm="")))
    return PairResult(name, words, diff_ms, baseline_ms)


def markdown_pairs(documents: dict[str, list[Path]], *, timed: bool = True) -> list[PairResult]:
    return [
        evaluate_pair(f"{name}/{b.stem}", a, b, timed)
        for name, paths in documents.items()
        for a, b in itertools.pairwise(paths)
    ]


def snapshot_documents(corpus: Path = CORPUS) -> Iterator[tuple[str, list[Clause]]]:
    """(name, clauses) of every HTML snapshot extracted with the corpus's rules, in order."""
    from bench.eval_extract import extract_case, load_cases

    for case in load_cases(corpus):
        if not (case.rules.select or case.rules.remove):
            continue
        try:
            document, _ = extract_case(case, case.rules)
        except TrackerError:
            continue  # the rules do not fit this snapshot
        yield f"{case.document}/{case.version}", list(document.clauses)


def snapshot_pairs(corpus: Path = CORPUS) -> list[PairResult]:
    results = []
    for (a_name, a), (b_name, b) in itertools.pairwise(snapshot_documents(corpus)):
        if a_name.split("/")[0] == b_name.split("/")[0]:
            results.append(PairResult(b_name, pair_score(a, b), 0.0, 0.0))
    return results


#: Versions of documents that are not in the corpus (the folders of the classifier's `unseen` and
#: `fresh*` splits): the same measurement on pages the diff was never looked at against.
OUTSIDE = tuple(folder for folder, _ in SEVERITY_OUTSIDE.values())


def outside_documents(folders: Sequence[Path] = OUTSIDE) -> dict[str, list[Path]]:
    """Each outside document's Markdown versions, oldest first (by their dated names)."""
    return {
        f"{folder.name}/{document.name}": sorted(document.glob("*.md"))
        for folder in folders
        if folder.is_dir()
        for document in sorted(folder.iterdir())
        if document.is_dir()
    }


def evaluate_real(documents: dict[str, list[Path]]) -> bool:
    sets = {
        "Markdown versions": markdown_pairs(documents),
        "HTML snapshots": snapshot_pairs(),
        "outside corpus": markdown_pairs(outside_documents(), timed=False),
    }
    ok = True
    print("Real consecutive versions, against a plain word-level difflib of the whole texts:")
    for label, results in sets.items():
        words = pooled(r.words for r in results)
        ok = ok and words.met
        print(
            f"  {label + ':':<19} {len(results):>3} pairs, {words.truth:>6} changed words;"
            f" precision {words.precision:.4f}  recall {words.recall:.4f}"
            f" (pooled over all words)   target >= {TARGET_WORDS}  {_verdict(words.met)}"
        )
        for r in sorted(results, key=lambda r: r.words.agreed - r.words.ours)[:3]:
            print(
                f"    most words over: {r.name}: ours {r.words.ours}, reference"
                f" {r.words.truth}, agreed {r.words.agreed}"
            )
    return _print_times(sets["Markdown versions"]) and ok


def _print_times(results: Sequence[PairResult]) -> bool:
    median = statistics.median(r.diff_ms for r in results)
    slowest = max(results, key=lambda r: r.diff_ms)
    biggest = max(results, key=lambda r: r.words.truth)
    baseline = statistics.median(r.baseline_ms for r in results)
    ratio = statistics.median(r.diff_ms / r.baseline_ms for r in results if r.baseline_ms > 0)
    median_ok, slowest_ok = median < TARGET_MEDIAN_MS, slowest.diff_ms < TARGET_MAX_MS
    print(
        f"  diff time per Markdown pair, in-process, best of {TIMING_REPEATS}: median"
        f" {median:.1f} ms   target < {TARGET_MEDIAN_MS:.0f} ms  {_verdict(median_ok)}"
    )
    print(
        f"  slowest pair: {slowest.name} {slowest.diff_ms:.1f} ms"
        f"   target < {TARGET_MAX_MS:.0f} ms  {_verdict(slowest_ok)}"
    )
    print(
        f"  largest rewrite: {biggest.name} ({biggest.words.truth} changed words) "
        f"{biggest.diff_ms:.1f} ms"
    )
    print(
        f"  baseline, line-level difflib.unified_diff of the same pair: median {baseline:.2f} ms;"
        f" clause diff / baseline: median {ratio:.1f}x"
    )
    return median_ok and slowest_ok


def _verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main(argv: Iterable[str] = ()) -> int:
    if not (CORPUS / "index.json").is_file():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    documents = version_files(CORPUS)
    synthetic_ok = evaluate_synthetic(documents)
    print()
    structural_ok = evaluate_structural(documents)
    print()
    real_ok = evaluate_real(documents)
    print()
    met = synthetic_ok and structural_ok and real_ok
    print(f"All targets {'met' if met else 'NOT met'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How quotations are told apart, on every vendor of the corpus: ``python -m bench.eval_claims``.

For each document of ../shared/corpus/versions (its latest Markdown version, 28 documents of
20-odd vendors; the checking code has never been tuned on most of them), sentences of 12 to 60
words are taken at random (fixed seed) and quoted five ways, each checked against the
document's clauses the way ``tracker check-claims`` checks a quotation:

- **exact**: must be found (match form);
- **truncated**: the sentence cut three words before its end, ended with a period: must be
  found piece by piece and marked truncated;
- **elided**: its first and last four words around an ellipsis: must be found piece by piece;
- **edited k**: k words (1 to 3) replaced or inserted: must be reported edited (at least
  :data:`~tracker.query.claims.quotations.EDITED_MIN_SIMILARITY` similar) with the stretch
  of the right clause;
- **foreign**: a sentence of another vendor's document: must *not* be reported edited
  (it is not found; a generic sentence both vendors write nearly alike may count).

``tests/test_claims_eval.py`` holds the rates to :data:`TARGETS`; this module prints them.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tracker.classify.text import sentences
from tracker.extract import extract_markdown
from tracker.model import Clause
from tracker.query.claims.quotations import EDITED_MIN_SIMILARITY, closest_passage, pieces_in
from tracker.query.model import DocumentRef, VersionInfo
from tracker.query.quote import DocumentTexts
from tracker.query.text import match_form, quote_pieces

VERSIONS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "versions"
SEED = 20
PER_DOCUMENT = 8
#: Edits a quotation can suffer (a word replaced, or inserted).
REPLACEMENTS = ("not", "never", "always", "all", "sell", "share", "third", "parties", "may")
#: Minimum share of trials passing, per way of quoting (foreign: maximum share reported edited).
TARGETS = {
    "exact": 1.0,
    "truncated": 0.98,
    "elided": 0.98,
    "edited 1": 0.98,
    "edited 2": 0.95,
    "edited 3": 0.80,
    "foreign (max)": 0.03,
}
_QUOTE_MARKS = set('"“”„«»')


@dataclass
class Tally:
    trials: int = 0
    passed: int = 0
    similarities: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.trials if self.trials else 0.0


@dataclass
class Evaluation:
    tallies: dict[str, Tally] = field(default_factory=dict)
    documents: int = 0
    seconds: float = 0.0

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def failures(self) -> list[str]:
        found = []
        for name, target in TARGETS.items():
            rate = self.tally(name).rate
            if (rate > target) if name.endswith("(max)") else (rate < target):
                found.append(f"{name}: {rate:.3f} (target {target})")
        return found


def load_documents(folder: Path = VERSIONS) -> list[tuple[DocumentTexts, list[str]]]:
    """Each corpus document's latest version as searchable texts, with its sentences."""
    loaded = []
    for number, path in enumerate(sorted(p for p in folder.iterdir() if p.is_dir()), start=1):
        files = sorted(path.glob("*.md"))
        if not files:
            continue
        document = extract_markdown(files[-1].read_text(encoding="utf-8"))
        ref = DocumentRef(number, path.name.replace("__", "/"), path.name, "document", "")
        moment = datetime(2026, 1, 1, tzinfo=UTC)
        version = VersionInfo(number, 1, moment, moment, "", None, 0, None, None, False)
        texts = DocumentTexts.of_clauses(ref, [(version, document.clauses)])
        loaded.append((texts, list(candidate_sentences(document.clauses))))
    return loaded


def candidate_sentences(clauses: tuple[Clause, ...]) -> Iterator[str]:
    for clause in clauses:
        if clause.kind == "heading" or "<http" in clause.text:
            continue
        for sentence in sentences(clause.text):
            words = sentence.split()
            if 12 <= len(words) <= 60 and not _QUOTE_MARKS & set(sentence) and "*" not in sentence:
                yield sentence


def evaluate(folder: Path = VERSIONS, per_document: int = PER_DOCUMENT) -> Evaluation:
    started = time.perf_counter()
    rng = random.Random(SEED)
    documents = load_documents(folder)
    result = Evaluation(documents=len(documents))
    for index, (texts, pool) in enumerate(documents):
        others = [s for i, (_, p) in enumerate(documents) if i != index for s in p[:40]]
        for sentence in rng.sample(pool, min(per_document, len(pool))):
            check_one(result, texts, sentence, rng)
            foreign = rng.choice(others)
            closest = closest_passage([texts], foreign)
            tally = result.tally("foreign (max)")
            tally.trials += 1
            similarity = closest.similarity if closest else 0.0
            tally.similarities.append(similarity)
            tally.passed += similarity >= EDITED_MIN_SIMILARITY
    result.seconds = time.perf_counter() - started
    return result


def check_one(result: Evaluation, texts: DocumentTexts, sentence: str, rng: random.Random) -> None:
    version = texts.versions[0]
    record(result, "exact", bool(texts.matches(match_form(sentence))))
    words = sentence.rstrip(".").split()
    truncated = " ".join(words[:-3]) + "."
    hit = pieces_in(texts, version, quote_pieces(truncated).pieces)
    record(result, "truncated", hit is not None and hit[1])
    elided = " ".join(words[:4]) + " … " + " ".join(words[-4:])
    record(result, "elided", pieces_in(texts, version, quote_pieces(elided).pieces) is not None)
    source = match_form(sentence)
    for count in (1, 2, 3):
        edited = edit(sentence, count, rng)
        closest = closest_passage([texts], edited)
        ok = (
            closest is not None
            and closest.similarity >= EDITED_MIN_SIMILARITY
            and _overlaps(match_form(closest.clause.clause.display_text), source)
        )
        record(result, f"edited {count}", ok, closest.similarity if closest else 0.0)


def edit(sentence: str, count: int, rng: random.Random) -> str:
    """``count`` edits at distinct places: a word replaced or a word inserted."""
    words = sentence.split()
    for place in rng.sample(range(1, len(words) - 1), count):
        word = rng.choice([w for w in REPLACEMENTS if w != words[place].lower()])
        if rng.random() < 0.5:
            words[place] = word
        else:
            words.insert(place, word)
    return " ".join(words)


def record(result: Evaluation, name: str, ok: bool, similarity: float | None = None) -> None:
    tally = result.tally(name)
    tally.trials += 1
    tally.passed += ok
    if similarity is not None:
        tally.similarities.append(similarity)


def _overlaps(clause: str, source: str) -> bool:
    """The closest clause is the sentence's own (it holds most of its words in order)."""
    return source in clause or bool(re.search(re.escape(source[: len(source) // 2]), clause))


def main() -> int:
    result = evaluate()
    print(
        f"quotations checked against {result.documents} corpus documents ({result.seconds:.1f} s)"
    )
    print(f"{'way of quoting':<16}{'trials':>8}{'rate':>8}{'target':>9}   similarity p10/median")
    for name, tally in result.tallies.items():
        quantiles = ""
        if tally.similarities:
            values = sorted(tally.similarities)
            quantiles = f"{values[len(values) // 10]:.2f} / {values[len(values) // 2]:.2f}"
        target = TARGETS.get(name)
        shown = (
            "-"
            if target is None
            else (f"<= {target}" if name.endswith("(max)") else f">= {target}")
        )
        print(f"{name:<16}{tally.trials:>8}{tally.rate:>8.3f}{shown:>9}   {quantiles}")
    failures = result.failures()
    print("PASS" if not failures else "FAIL: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

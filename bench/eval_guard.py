"""False positives and catches of the anomaly guards: ``python -m bench.eval_guard``.

* **Real pages** (must never be flagged): every HTML snapshot of ../shared/corpus/snapshots,
  extracted with its expert rules (selectors.json) and checked against the facts of the same
  page's previous snapshot; every Markdown version of ../shared/corpus/versions, checked
  against the previous version (so real shrinks and language drift between versions count).
* **Walls and error pages** (must all be flagged with the kind in their file name):
  tests/data/walls/<kind>__<name>.html, each checked four ways: automatic extraction and a
  ``select`` rule that misses, with no last version and with a long English last version.

``tests/test_guard_corpus.py`` asserts the results; this module prints them.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.eval_extract import CORPUS, load_cases
from tracker.errors import InputError
from tracker.extract import extract_html, extract_markdown
from tracker.guard import (
    DEFAULT_POLICY,
    GuardPolicy,
    PageInput,
    Suspicion,
    TextFacts,
    check_page,
    text_facts,
)
from tracker.model import ExtractedDocument, ExtractionRules

WALLS = Path(__file__).resolve().parent.parent / "tests" / "data" / "walls"
#: The last version a wall replaces in the "shrunk" variant: a long English policy.
LONG_ENGLISH = TextFacts(words=3000, language="en")
MISSING_SELECTOR = ExtractionRules(select=("article.policy-body",))


@dataclass(frozen=True, slots=True)
class Verdict:
    name: str
    words: int | None
    language: str | None
    suspicion: Suspicion | None


@dataclass
class Scan:
    verdicts: list[Verdict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def flagged(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.suspicion is not None]


def scan_snapshots(corpus: Path = CORPUS, policy: GuardPolicy = DEFAULT_POLICY) -> Scan:
    """Every snapshot page against the same page's previous snapshot."""
    scan = Scan()
    started = time.perf_counter()
    last: dict[tuple[str, int], TextFacts] = {}
    for case in load_cases(corpus):
        for index, (path, url) in enumerate(zip(case.pages, case.urls, strict=True)):
            body = path.read_bytes()
            page = PageInput(body=body, content_type="text/html", url=url, final_url=url)
            document: ExtractedDocument | None
            try:
                document = extract_html(body, rules=case.rules, base_url=url)
            except InputError:
                document = None
            key = (case.document, index)
            suspicion = check_page(page, document, last.get(key), policy)
            facts = text_facts(document.canonical_text) if document else None
            scan.verdicts.append(
                Verdict(
                    f"{case.document}/{path.name}",
                    facts.words if facts else None,
                    facts.language if facts else None,
                    suspicion,
                )
            )
            if facts is not None:
                last[key] = facts
    scan.seconds = time.perf_counter() - started
    return scan


def scan_versions(corpus: Path = CORPUS, policy: GuardPolicy = DEFAULT_POLICY) -> Scan:
    """Every Markdown version against the previous version of the same document."""
    scan = Scan()
    started = time.perf_counter()
    for folder in sorted(p for p in (corpus / "versions").iterdir() if p.is_dir()):
        last: TextFacts | None = None
        for path in sorted(folder.glob("*.md")):
            text = path.read_text(encoding="utf-8")
            document = extract_markdown(text)
            page = PageInput(body=text.encode("utf-8"), content_type="text/markdown")
            facts = text_facts(document.canonical_text)
            suspicion = check_page(page, document, last, policy)
            scan.verdicts.append(
                Verdict(f"{folder.name}/{path.name}", facts.words, facts.language, suspicion)
            )
            last = facts
    scan.seconds = time.perf_counter() - started
    return scan


def wall_cases(walls: Path = WALLS) -> Iterator[tuple[Path, str, str, TextFacts | None]]:
    """(file, expected kind, variant name, last version facts) for every wall fixture."""
    for path in sorted(walls.glob("*.html")):
        kind = path.name.split("__", 1)[0]
        for last in (None, LONG_ENGLISH):
            yield path, kind, "first fetch" if last is None else "after a long policy", last


def check_wall(
    path: Path, rules: ExtractionRules, last: TextFacts | None, policy: GuardPolicy = DEFAULT_POLICY
) -> tuple[Suspicion | None, bool]:
    """The guards' verdict on a wall fixture, and whether extraction found any text."""
    body = path.read_bytes()
    page = PageInput(body=body, content_type="text/html", url="https://www.example.com/privacy")
    try:
        document: ExtractedDocument | None = extract_html(body, rules=rules)
    except InputError:
        document = None
    return check_page(page, document, last, policy), document is not None


def main() -> None:
    for title, scan in (("snapshots", scan_snapshots()), ("versions", scan_versions())):
        languages = Counter(v.language for v in scan.verdicts)
        words = sorted(v.words for v in scan.verdicts if v.words is not None)
        print(
            f"real {title}: {len(scan.verdicts)} pages scanned, {len(scan.flagged)} flagged "
            f"({scan.seconds:.1f}s); words min {words[0]} median {words[len(words) // 2]}; "
            f"languages {json.dumps(dict(languages))}"
        )
        for verdict in scan.flagged:
            assert verdict.suspicion is not None
            print(
                f"  FLAGGED {verdict.name}: {verdict.suspicion.kind}: {verdict.suspicion.message}"
            )
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for path, kind, _variant, last in wall_cases():
        for rules in (ExtractionRules(), MISSING_SELECTOR):
            suspicion, extracted = check_wall(path, rules, last)
            if not extracted and suspicion is None and kind == "near-empty":
                continue  # no text at all: an extraction failure ("empty"), never a version
            total[kind] += 1
            caught[kind] += suspicion is not None and suspicion.kind == kind
    print(
        f"walls and error pages: {len(list(WALLS.glob('*.html')))} fixtures, "
        f"{sum(caught.values())}/{sum(total.values())} checks named correctly: "
        + ", ".join(f"{k} {caught[k]}/{total[k]}" for k in sorted(total))
    )


if __name__ == "__main__":
    main()

"""Whether the old version shared data with recipients: read lazily (the old version's
clauses only as far as the answer needs), the same answers as with every clause read first,
over consecutive versions of the corpus's documents, asked in any order."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

from tracker.classify import load_rules
from tracker.classify.severity import _BROAD_RECIPIENTS as _BROAD
from tracker.classify.severity import DiffContext, _restated_recipient
from tracker.diff import diff_clauses
from tracker.extract import extract_bytes

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")
#: Terms a new sentence names, some said by most policies, some by none, and the public.
_ASKED = (
    "partners",
    "business partners",
    "advertising partners",
    "affiliates",
    "service providers",
    "third parties",
    "third-party service providers",
    "advertisers",
    "data brokers",
    "law enforcement",
    "the public",
    "publicly",
    "vendors",
    "our group",
)


def eager(every: frozenset[str], terms: frozenset[str]) -> bool:
    """The answer with ``every`` recipient of the old version read first (as it was made)."""
    return all(_restated_recipient(term, every) for term in terms)


def test_shared_before_answers_as_with_every_recipient_read(corpus_dir: Path) -> None:
    chance = random.Random(14)
    asked = 0
    lazy_reads = 0
    for folder in sorted((corpus_dir / "versions").iterdir()):
        files = sorted(folder.glob("*.md"))[:4]
        texts = [extract_bytes(f.read_bytes(), name=f.name).clauses for f in files]
        for old, new in pairwise(texts):
            diff = diff_clauses(old, new)
            if not diff.changes:
                continue
            reference = DiffContext(diff.changes, diff.new_clauses, RULES)
            every = frozenset(reference._old_recipients())
            pool = [*_ASKED, *sorted(every)]
            context = DiffContext(diff.changes, diff.new_clauses, RULES)
            for _ in range(12):
                terms = frozenset(chance.sample(pool, chance.randint(0, 3)))
                assert context.shared_before(terms) == eager(every, terms), (folder, terms)
                asked += 1
            # a recipient the old version names first (not the public) answers at once
            first = next((r for r in reference._old_recipients() if r not in _BROAD), None)
            if first is not None and len(every) > 1:
                fresh = DiffContext(diff.changes, diff.new_clauses, RULES)
                assert fresh.shared_before(frozenset({first}))
                lazy_reads += len(fresh._shared) < len(every)
    assert asked > 100
    assert lazy_reads > 0, "some answers came before every recipient was read"

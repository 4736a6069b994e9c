"""Whether the old version shared data with recipients: read lazily (the old version's
clauses only as far as the answer needs, and of their sentences only those naming a recipient
that could restate the one asked read for what they give), the same answers as with every
sentence read first, over consecutive versions of the corpus's documents, asked in any order
(issue 14)."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

from tracker.classify import load_rules
from tracker.classify.severity import _ADJECTIVE_USE, _THIRD_PARTY, DiffContext, _restated_recipient
from tracker.classify.severity import _BROAD_RECIPIENTS as _BROAD
from tracker.classify.statements import recipients_given
from tracker.classify.text import sentences, without_references
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
    "our",  # no stems: restated only by a recipient without stems
    "the",
    "partners and affiliates",
    "third party partners",
)


def every_recipient(context: DiffContext) -> list[str]:
    """Every recipient the old version gives data to, each of its clauses naming recipients
    read sentence by sentence with :func:`recipients_given` (as the answer was made before
    issue 14's index), in order."""
    found: list[str] = []
    for clause in context._old_clauses():
        form = context._naming_recipients(clause)
        if form is None:
            continue
        for sentence in sentences(form):
            given = recipients_given(sentence, RULES.readings)
            if given and _ADJECTIVE_USE.search(without_references(sentence)):
                given = given - _THIRD_PARTY
            found.extend(sorted(given))
    return found


def eager(every: frozenset[str], terms: frozenset[str]) -> bool:
    """The answer with ``every`` recipient of the old version read first (as it was made)."""
    return all(_restated_recipient(term, every, RULES.readings) for term in terms)


def test_shared_before_answers_as_with_every_recipient_read(corpus_dir: Path) -> None:
    chance = random.Random(14)
    asked = 0
    lazy_reads = 0
    skipped = 0
    for folder in sorted((corpus_dir / "versions").iterdir()):
        files = sorted(folder.glob("*.md"))[:4]
        texts = [extract_bytes(f.read_bytes(), name=f.name).clauses for f in files]
        for old, new in pairwise(texts):
            diff = diff_clauses(old, new)
            if not diff.changes:
                continue
            reference = DiffContext(diff.changes, diff.new_clauses, RULES)
            in_order = every_recipient(reference)
            every = frozenset(in_order)
            pool = [*_ASKED, *sorted(every)]
            context = DiffContext(diff.changes, diff.new_clauses, RULES)
            for _ in range(12):
                terms = frozenset(chance.sample(pool, chance.randint(0, 3)))
                assert context.shared_before(terms) == eager(every, terms), (folder, terms)
                asked += 1
            # a recipient the old version names first (not the public) answers at once
            first = next((r for r in in_order if r not in _BROAD), None)
            if first is not None and len(every) > 1:
                fresh = DiffContext(diff.changes, diff.new_clauses, RULES)
                assert fresh.shared_before(frozenset({first}))
                lazy_reads += len(fresh._given) < len(every)
            # a recipient never named is answered without reading any sentence's claims
            # (unless the old version names a recipient without stems: it restates any term)
            fresh = DiffContext(diff.changes, diff.new_clauses, RULES)
            unheard = frozenset({"quux zorblats"})
            assert fresh.shared_before(unheard) == eager(every, unheard)
            skipped += len(fresh._named) - len(fresh._given)
    assert asked > 100
    assert lazy_reads > 0, "some answers came before every recipient was read"
    assert skipped > 0, "sentences naming recipients were left unread for what they give"


def test_a_recipient_without_stems_restates_any_term_asked_later(tmp_path: Path) -> None:
    """A rule file whose recipients include a word of no stem ("those"): the old version's
    sentence naming it restates every term, also one asked after it was read and indexed."""
    text = (ROOT / "data" / "rules.toml").read_text()
    assert text.count("\nrecipients = [") == 1
    path = tmp_path / "rules.toml"
    path.write_text(text.replace("\nrecipients = [", "\nrecipients = ['those', ", 1))
    rules = load_rules(path)
    old = extract_bytes(
        b"# Sharing\n\nWe share your personal data with those.\n\nWe keep logs for a year.\n",
        name="old.md",
    ).clauses
    new = extract_bytes(
        b"# Sharing\n\nWe share your personal data with those.\n\nWe keep logs for a year.\n\n"
        b"We share your personal data with business partners.\n",
        name="new.md",
    ).clauses
    diff = diff_clauses(old, new)
    context = DiffContext(diff.changes, diff.new_clauses, rules)
    assert context.shared_before(frozenset({"quux zorblats"}))  # every sentence read
    assert context.shared_before(frozenset({"business partners"}))  # from the index
    assert DiffContext(diff.changes, diff.new_clauses, rules).shared_before(
        frozenset({"business partners"})
    )

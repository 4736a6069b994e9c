"""Topics reused from the version a page follows (issue 14): a clause whose text the base version
holds takes its stored topics only when they were found under the same topics and code
(:func:`tracker.classify.topics_fingerprint`, stored with the version, migration 0019); the
extraction processes then do not match them again, and what is recorded is the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.fetched_support import fetched_page
from tracker.classify import load_rules, parse_rules, topics_fingerprint, topics_of
from tracker.classify.rules import Memo
from tracker.classify.topics import remember_topics
from tracker.fetch import FetchedPage
from tracker.model import ExtractionRules, sha256_hex
from tracker.registry import DocumentSpec
from tracker.run import extraction_pool
from tracker.store.records import ClauseRecord
from tracker.track.extraction import Base

ROOT = Path(__file__).resolve().parent.parent
RULES_TEXT = (ROOT / "data" / "rules.toml").read_text("utf-8")
SOLD = "We may sell your personal information to advertisers."
KEPT = "You can delete your account at any time."


def test_the_fingerprint_names_the_topics_and_not_the_rest_of_the_rules() -> None:
    rules = parse_rules(RULES_TEXT)
    same = parse_rules(RULES_TEXT)
    assert topics_fingerprint(rules) == topics_fingerprint(same) is not None
    first = rules.topics[0]
    edited = (replace(first, patterns=(*first.patterns, "zzqx")), *rules.topics[1:])
    # each rule set below its own memo, as one read from a file has
    assert topics_fingerprint(replace(rules, topics=edited, memo=Memo())) != topics_fingerprint(
        rules
    )
    reordered = (rules.topics[1], first, *rules.topics[2:])
    assert topics_fingerprint(replace(rules, topics=reordered, memo=Memo())) != (
        topics_fingerprint(rules)
    )
    # facts read topics; they do not make them
    assert topics_fingerprint(replace(rules, facts=(), memo=Memo())) == topics_fingerprint(rules)


def row(position: int, text: str, topics: list[str] | None) -> ClauseRecord:
    return ClauseRecord(
        id=position + 1,
        version_id=1,
        position=position,
        key=f"c{position}",
        path=[],
        label=None,
        kind="paragraph",
        level=0,
        text=text,
        sha256=sha256_hex(text),
        lineage_id=position + 1,
        topics=topics,
    )


def base(fingerprint: str | None, topics: list[str] | None = None) -> Base:
    """A version holding both clauses; SOLD's stored topics are ``topics`` (wrong on purpose,
    so that taking them shows)."""
    rows = (row(0, SOLD, ["marker"] if topics is None else topics), row(1, KEPT, None))
    return Base(1, rows, "0" * 64, text="x", topics_fingerprint=fingerprint)


def test_stored_topics_stand_for_topics_only_under_the_same_fingerprint() -> None:
    rules = parse_rules(RULES_TEXT)
    assert base(topics_fingerprint(rules)).known_topics(rules) == {SOLD: ("marker",)}
    assert base("0" * 64).known_topics(rules) == {}  # another rule file, or other code
    assert base(None).known_topics(rules) == {}  # found otherwise (an import), or before 0019


def test_a_remembered_text_is_not_matched_again() -> None:
    rules = parse_rules(RULES_TEXT)
    remember_topics({SOLD: ("marker",)}, rules)
    assert topics_of(SOLD, rules) == ("marker",)
    assert topics_of(SOLD, parse_rules(RULES_TEXT)) != ("marker",)  # per rule set


def page(*sentences: str) -> FetchedPage:
    body = "".join(f"<p>{s}</p>" for s in sentences)
    html = f"<html><body><main><h1>Privacy</h1>{body}</main></body></html>".encode()
    return fetched_page("http://example.test/p", html, content_type="text/html")


SPEC = DocumentSpec(
    slug="example/p",
    service="Example",
    type="Privacy",
    url="http://example.test/p",
    rules=ExtractionRules(select=("main",)),
)


@pytest.mark.parametrize("same_rules", [True, False])
def test_the_pool_takes_the_topics_of_kept_clauses_from_the_base(
    monkeypatch: pytest.MonkeyPatch, same_rules: bool
) -> None:
    """An extraction process (its task, run here): the clause whose text the base holds takes
    the base's topics under the same fingerprint, and is matched again under another; the
    clause the base does not hold is always matched."""
    rules = load_rules(ROOT / "data" / "rules.toml")
    monkeypatch.setattr(extraction_pool, "_rules", rules)
    monkeypatch.setattr(extraction_pool, "_classify", None)
    fingerprint = topics_fingerprint(rules) if same_rules else "f" * 64
    new = "We share your personal information with our partners."
    extraction = extraction_pool._extract(page(SOLD, new), SPEC, base(fingerprint))
    assert extraction.document is not None and extraction.topics is not None
    texts = [clause.text for clause in extraction.document.clauses]
    topics = dict(zip(texts, extraction.topics, strict=True))
    fresh = parse_rules(RULES_TEXT)
    assert topics[SOLD] == (("marker",) if same_rules else topics_of(SOLD, fresh))
    assert topics[SOLD] != topics_of(SOLD, fresh) or not same_rules
    assert topics[new] == topics_of(new, fresh) != ()

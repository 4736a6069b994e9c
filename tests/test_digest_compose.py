"""Composing a digest (pure): subject lines, ordering by severity, folding of cosmetic and
moved changes, context, and shortening of long unchanged stretches."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.digest.compose import GAP, compose_digest, elide_equal_runs, shorten_words
from tracker.digest.model import (
    DigestData,
    DocumentRef,
    FailureNote,
    NewDocument,
    ReportedChange,
    VersionChanges,
    VersionEvidence,
)
from tracker.facts import FactChange, KeyFact, VersionRef
from tracker.model import Change, ChangeKind, Clause, InlineOp
from tracker.vocabulary import Severity

NOW = datetime(2026, 5, 20, 3, 0, tzinfo=UTC)
TERMS = DocumentRef("together-ai/terms-of-service", "Together AI", "Terms of Service", "https://x")
PRIVACY = DocumentRef("together-ai/privacy-policy", "Together AI", "Privacy Policy", "https://y")
DOCS = DocumentRef("acme/docs", "Acme", "Docs", "https://z")


def evidence(number: int) -> VersionEvidence:
    return VersionEvidence(number, number, "https://x", NOW, NOW, "a" * 64, "b" * 64)


def clause(text: str, path: tuple[str, ...] = ("Terms",), kind: str = "paragraph") -> Clause:
    return Clause(id=text[:30], path=path, label=None, kind=kind, text=text)  # type: ignore[arg-type]


def change(
    kind: ChangeKind = "modified",
    severity: Severity = "none",
    text: str = "a clause",
    detail: str | None = None,
) -> ReportedChange:
    old = (clause(text),) if kind != "added" else ()
    new = (clause(text + "!"),) if kind != "removed" else ()
    return ReportedChange(1, Change(kind, old, new, severity=severity, detail=detail))


def step(document: DocumentRef, *changes: ReportedChange, number: int = 2) -> VersionChanges:
    return VersionChanges(document, evidence(number - 1), evidence(number), changes, unchanged=10)


def digest(*steps: VersionChanges, failures: int = 0, new: int = 0) -> DigestData:
    failure = FailureNote(DOCS, "failed", "http-status", "404", NOW, 3, 3, None)
    first = NewDocument(DOCS, evidence(1), 12)
    return DigestData(NOW, None, steps, (first,) * new, (failure,) * failures)


def test_subject_names_the_highest_severity_and_its_documents() -> None:
    data = digest(
        step(TERMS, change(severity="high"), change(severity="low")),
        step(PRIVACY, change(severity="medium")),
    )
    assert compose_digest(data).subject == (
        "3 changes in 2 documents, 1 high: Together AI Terms of Service"
    )


@pytest.mark.parametrize(
    ("data", "subject"),
    [
        (digest(), "No changes"),
        (digest(failures=1), "No changes; 1 document failing"),
        (digest(new=2), "Now tracking 2 new documents"),
        (
            digest(step(TERMS, change(), change("added")), failures=2),
            "2 changes in 1 document: Together AI Terms of Service; 2 documents failing",
        ),
        (
            digest(step(TERMS, change("cosmetic", detail="case"), change("moved"))),
            "2 cosmetic changes in 1 document: Together AI Terms of Service",
        ),
        (
            digest(
                step(TERMS, change(severity="medium")),
                step(PRIVACY, change(severity="medium")),
                step(DOCS, change(severity="medium"), change(severity="medium")),
            ),
            "4 changes in 3 documents, 4 medium: Acme Docs, Together AI Privacy Policy and 1 more",
        ),
    ],
)
def test_subject_lines(data: DigestData, subject: str) -> None:
    assert compose_digest(data).subject == subject


def test_documents_are_ordered_by_severity_and_steps_by_version() -> None:
    data = digest(
        step(DOCS, change(severity="low"), change(severity="low")),
        step(TERMS, change(severity="none"), number=3),
        step(TERMS, change(severity="high"), number=2),
        step(PRIVACY, change(severity="low")),
    )
    view = compose_digest(data)
    assert [s.document.slug for s in view.sections] == [
        "together-ai/terms-of-service",
        "acme/docs",
        "together-ai/privacy-policy",
    ]
    assert [s.new.number for s in view.sections[0].steps] == [2, 3]
    assert view.totals == {"high": 1, "medium": 0, "low": 3, "none": 1}
    assert view.sections[0].anchor == "doc-together-ai-terms-of-service"


def test_high_then_medium_changes_are_listed_first_with_links() -> None:
    data = digest(
        step(DOCS, change(severity="medium", text="docs medium")),
        step(PRIVACY, change(severity="low"), change(severity="high", text="sell data")),
        step(TERMS, *(change(severity="medium", text=f"terms {i}") for i in range(9))),
    )
    view = compose_digest(data)
    assert [(h.change.severity, h.change.excerpt) for h in view.highlights[:3]] == [
        ("high", "sell data!"),
        ("medium", "terms 0!"),
        ("medium", "terms 1!"),
    ]
    assert len(view.highlights) == 8 and view.more_highlights == 3
    assert all(h.change.anchor.startswith("change-") for h in view.highlights)


def test_cosmetic_and_moved_changes_fold_into_one_line_each() -> None:
    data = digest(
        step(
            TERMS,
            change("cosmetic", detail="case", text="one"),
            change("modified", severity="high", text="two"),
            change("cosmetic", detail="punctuation", text="three"),
            change("cosmetic", detail="case", text="four"),
            change("cosmetic", detail="case", text="five " * 30),
            change("moved", text="six"),
        )
    )
    view = compose_digest(data)
    (only,) = view.sections[0].steps
    assert [c.kind for c in only.changes] == ["modified"]
    cosmetic, moved = only.folded
    assert (cosmetic.kind, cosmetic.count, cosmetic.more) == ("cosmetic", 4, 1)
    assert cosmetic.details == (("case", 3), ("punctuation", 1))
    assert cosmetic.samples[:3] == ("one!", "three!", "four!")
    assert (moved.kind, moved.count, moved.samples) == ("moved", 1, ("six!",))
    assert view.folded == 5 and view.sections[0].substantive == 1


def test_context_is_dropped_when_it_is_the_heading_already_in_the_path() -> None:
    heading = clause("Fees", path=("Terms",), kind="heading")
    inside = Change("added", (), (clause("Credits clear first.", path=("Terms", "Fees")),))
    paragraph = clause("All amounts are exclusive of taxes. " * 10)
    data = digest(
        step(TERMS, ReportedChange(1, inside, heading), ReportedChange(2, inside, paragraph))
    )
    first, second = compose_digest(data).sections[0].steps[0].changes
    assert first.context is None
    assert second.context == shorten_words(paragraph.text, 30)
    assert second.context is not None and second.context.endswith(" …")


def test_a_clause_moved_to_another_section_says_where_it_was() -> None:
    moved = Change(
        "modified",
        (clause("We keep logs.", path=("Privacy", "Retention")),),
        (clause("We keep logs longer.", path=("Privacy", "Security")),),
        detail="moved",
    )
    (view,) = (
        compose_digest(digest(step(PRIVACY, ReportedChange(1, moved)))).sections[0].steps[0].changes
    )
    assert view.path == ("Privacy", "Security") and view.old_path == ("Privacy", "Retention")


def test_long_unchanged_stretches_are_cut_but_edits_never_are() -> None:
    before = " ".join(f"w{i}" for i in range(100)) + " "
    ops = (InlineOp("equal", before), InlineOp("delete", "thirty"), InlineOp("insert", "sixty"))
    out = elide_equal_runs(ops, keep=5)
    assert [op.tag for op in out] == [GAP, "equal", "delete", "insert"]
    assert out[0].text == "95" and out[1].text == "w95 w96 w97 w98 w99 "
    short = (InlineOp("equal", "a b c "), InlineOp("insert", "d"))
    assert [(op.tag, op.text) for op in elide_equal_runs(short, keep=5)] == [
        ("equal", "a b c "),
        ("insert", "d"),
    ]


words = st.lists(st.sampled_from(["data", "we", "may", "sell", "30", "days", "§"]), max_size=60)
op_lists = st.lists(
    st.tuples(st.sampled_from(["equal", "insert", "delete"]), words.map(" ".join)),
    min_size=1,
    max_size=8,
)


@given(op_lists, st.integers(min_value=1, max_value=10))
def test_elision_keeps_every_edit_and_only_cuts_unchanged_words(
    raw: list[tuple[str, str]], keep: int
) -> None:
    ops = [InlineOp(tag, text + " ") for tag, text in raw]  # type: ignore[arg-type]
    out = elide_equal_runs(ops, keep=keep)
    assert [o.text for o in out if o.tag in ("insert", "delete")] == [
        o.text for o in ops if o.tag != "equal"
    ]
    kept = sum(len(o.text.split()) for o in out if o.tag == "equal")
    cut = sum(int(o.text) for o in out if o.tag == GAP)
    assert kept + cut == sum(len(o.text.split()) for o in ops if o.tag == "equal")
    assert all(int(o.text) > keep for o in out if o.tag == GAP)


def test_key_fact_changes_and_topic_labels() -> None:
    ref = VersionRef(
        "together-ai/terms-of-service", "Together AI", "Terms of Service", 9, 3, NOW, NOW
    )
    before = replace(ref, version_id=8, number=2)
    fact = FactChange(
        "sells_personal_data",
        "Is personal data sold?",
        KeyFact("sells_personal_data", "Is personal data sold?", "no", "says it does not"),
        KeyFact("sells_personal_data", "Is personal data sold?", "yes", "says it may", "We sell."),
        before,
        ref,
    )
    labelled = ReportedChange(
        1, Change("added", (), (clause("We sell."),), topics=("third_party_sharing",))
    )
    data = replace(digest(step(TERMS, labelled)), fact_changes=(fact,))
    view = compose_digest(data, topic_labels={"third_party_sharing": "Sharing or selling"})
    assert view.subject == (
        "1 change in 1 document: Together AI Terms of Service; 1 key fact changed"
    )
    assert view.sections[0].steps[0].changes[0].topics == ("Sharing or selling",)
    assert compose_digest(data).sections[0].steps[0].changes[0].topics == ("third_party_sharing",)

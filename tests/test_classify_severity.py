"""Severity of changes on real clauses: structure is none, typo fixes are low, and a change is
graded by what it does to the meaning (see tests/test_classify_meaning.py for the meaning
findings one by one); the grade comes with a direction and a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.classify import RuleSet, classify_change, classify_diff, grade_change, load_rules
from tracker.classify.severity import is_typo_fix, word_ops
from tracker.model import Change, ChangeKind, Clause, ClauseDiff, InlineOp

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RULES


def clause(text: str, label: str | None = None, cid: str = "c") -> Clause:
    return Clause(id=cid, path=("Section",), label=label, kind="paragraph", text=text)


def modified(old: str, new: str, *, with_ops: bool = True) -> Change:
    return Change(
        kind="modified",
        old=(clause(old, cid="o"),),
        new=(clause(new, cid="n"),),
        similarity=0.9,
        inline=word_ops(old, new) if with_ops else (),
    )


# Real clauses of the corpus (Together AI, version numbers as in corpus/versions).
SHARING = (
    "We may share your Personal Data with Service Providers, Third-Party Vendors, "
    "Consultants, and other Business Partners in order to provide Services on our behalf."
)
RETENTION = (
    "The Company will retain your Personal Data only for as long as is necessary for the "
    "purposes set out in this Policy."
)
AGE_OLD = (
    "By accessing the Website or the Services, you confirm that you are at least 13 years "
    "old and meet the minimum age of digital consent in your country."
)
AGE_NEW = (
    "By accessing the Website or the Services, you confirm that you are at least thirteen "
    "(13) years old and meet the minimum age of digital consent in your country."
)
WARRANTY_OLD = (
    "These procedures are Customer’s exclusive remedies and the Companies sole "
    "liability for breach of the Performance Warranty or Professional Services "
    "Warranty."
)
WARRANTY_NEW = WARRANTY_OLD.replace("Companies", "Company's")
ZDR = (
    "When using the Services, in your Privacy & Security setting, you have the ability to "
    "control how your data is handled by choosing “No” when asked if you want to store "
    "prompts or allow your data to train models."
)
FEES = (
    "All amounts payable hereunder are exclusive of any sales, use and other taxes or duties, "
    "however designated (collectively “Taxes”)."
)


@pytest.mark.parametrize(
    ("change", "severity", "direction"),
    [
        # nothing a reader must look at
        (
            Change("cosmetic", (clause(RETENTION),), (clause(RETENTION + " "),), 1.0),
            "none",
            "neutral",
        ),
        (Change("moved", (clause(SHARING),), (clause(SHARING),), 1.0), "none", "neutral"),
        (
            Change(
                "modified",
                (clause(SHARING, "2."),),
                (clause(SHARING, "3."),),
                1.0,
                detail="renumbered",
            ),
            "none",
            "neutral",
        ),
        (modified("Updated May 13, 2023", "Updated May 06, 2025"), "none", "neutral"),
        # added: a clause granting a choice narrows; removed: a bound on retention expands
        (Change("added", (), (clause(ZDR),)), "medium", "narrows"),
        (Change("removed", (clause(RETENTION),), ()), "medium", "expands"),  # a limit removed
        (Change("removed", (clause(FEES),), ()), "low", "neutral"),
        # a negation appearing on a permission to share: narrows, medium at most
        (
            modified(SHARING, SHARING.replace("We may share", "We may not share")),
            "medium",
            "narrows",
        ),
        # and disappearing: high
        (modified(SHARING.replace("We may share", "We do not share"), SHARING), "high", "expands"),
        # "will retain" -> "may retain": signal words on a topical clause, no finding: medium
        (modified(RETENTION, RETENTION.replace("will retain", "may retain")), "medium", "neutral"),
        # a neutral rewording stays low
        (
            modified(RETENTION, RETENTION.replace("purposes set out", "purposes described")),
            "low",
            "neutral",
        ),
        (modified(SHARING, SHARING.replace("Consultants", "Advisers")), "low", "neutral"),
        # a period appearing in a retention: it bounds what is kept
        (
            modified(
                RETENTION,
                RETENTION.replace("as is necessary", "as is necessary, and at most 30 days,"),
            ),
            "medium",
            "narrows",
        ),
        # a sentence permitting training added to an unrelated clause
        (modified(FEES, FEES + " We may use your content to train our models."), "high", "expands"),
        (modified(FEES, FEES.replace("are exclusive", "may be exclusive")), "low", "neutral"),
        # typo fixes are low whatever the topic
        (modified(WARRANTY_OLD, WARRANTY_NEW), "low", "neutral"),
        (modified(SHARING, SHARING.replace("Consultants", "Consultans")), "low", "neutral"),
        # "13" becomes "thirteen (13)": the same age
        (modified(AGE_OLD, AGE_NEW), "low", "neutral"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.kind,
)
def test_severity_cases(rules: RuleSet, change: Change, severity: str, direction: str) -> None:
    classified = classify_change(change, rules)
    assert (classified.severity, classified.direction) == (severity, direction)
    assert classified.reason


def test_grade_explains_itself(rules: RuleSet) -> None:
    change = modified(SHARING.replace("We may share", "We do not share"), SHARING)
    topics = ("third_party_sharing", "subprocessors")
    grade = grade_change(change, topics, topics, rules)
    assert (grade.severity, grade.direction) == ("high", "expands")
    assert grade.reasons == ("negation removed: 'We do not share' -> 'We may share'",)
    assert grade.reason == grade.reasons[0]


def test_topics_of_a_change_come_from_old_and_new_text(rules: RuleSet) -> None:
    change = classify_change(
        modified(FEES, FEES + " We may use your content to train our models."), rules
    )
    assert change.topics == ("ai_training",)
    removed = classify_change(Change("removed", (clause(RETENTION), clause(ZDR)), ()), rules)
    assert removed.topics == ("ai_training", "retention")


def test_inline_ops_from_the_diff_are_used_when_present(rules: RuleSet) -> None:
    old, new = RETENTION, RETENTION.replace("will retain", "may retain")
    given_ops = modified(old, new)
    computed = modified(old, new, with_ops=False)
    assert classify_change(given_ops, rules).severity == "medium"
    assert classify_change(computed, rules).severity == "medium"
    # the ops are what is read: ops that show no modal change give no raise
    neutral = Change(
        "modified",
        (clause(old),),
        (clause(new),),
        0.9,
        inline=(InlineOp("equal", old), InlineOp("insert", "indeed")),
    )
    assert classify_change(neutral, rules).severity == "low"  # no signal word in the ops


def test_split_clause_is_graded_over_all_its_parts(rules: RuleSet) -> None:
    first, _ = SHARING.split(" in order to ")
    split = Change(
        "modified",
        (clause(SHARING),),
        (
            clause(first + ".", cid="a"),
            clause("We may also sell your Personal Data to advertisers.", cid="b"),
        ),
        0.8,
        detail="split",
    )
    classified = classify_change(split, rules)
    assert (classified.severity, classified.direction) == ("high", "expands")


def test_classify_diff_classifies_every_change_and_keeps_the_count(rules: RuleSet) -> None:
    diff = ClauseDiff(
        unchanged=7,
        changes=(
            Change("added", (), (clause(ZDR),)),
            Change("moved", (clause(FEES),), (clause(FEES),)),
        ),
    )
    result = classify_diff(diff, rules)
    assert result.unchanged == 7
    assert [c.severity for c in result.changes] == ["medium", "none"]
    assert result.changes[0].topics == ("ai_training", "retention")


@pytest.mark.parametrize(
    ("old", "new", "typo"),
    [
        ("exceed limitson the number", "exceed limits on the number", True),
        ("the Companies sole liability", "the Company's sole liability", True),
        ("within 30 days", "within 90 days", False),
        ("you may cancel", "you may not cancel", False),
        ("we use data", "we sell data", False),
        # a particle mending grammar beside a typo fix is still a typo fix
        ("data we use train out models", "data we use to train our models", True),
        ("we keep data", "we keep the data", True),
        ("we keep data", "we do not keep data", False),
        ("we share data", "we may share data", False),
    ],
)
def test_typo_fix(old: str, new: str, typo: bool) -> None:
    assert is_typo_fix(word_ops(old, new), RULES.severity.typo_max_edits) is typo


_KINDS: tuple[ChangeKind, ...] = ("modified", "added", "removed", "moved", "cosmetic")
_SENTENCES = st.sampled_from([SHARING, RETENTION, AGE_OLD, AGE_NEW, ZDR, FEES, WARRANTY_OLD])


@given(st.sampled_from(_KINDS), _SENTENCES, _SENTENCES)
def test_classification_keeps_the_change_and_is_idempotent(
    kind: ChangeKind, old: str, new: str
) -> None:
    change = Change(
        kind,
        () if kind == "added" else (clause(old),),
        () if kind == "removed" else (clause(new),),
        0.5,
    )
    once = classify_change(change, RULES)
    assert (once.kind, once.old, once.new, once.inline) == (kind, change.old, change.new, ())
    assert classify_change(once, RULES) == once
    if kind in ("moved", "cosmetic"):
        assert once.severity == "none"
    elif old != new or kind != "modified":
        assert once.severity in ("low", "medium", "high")

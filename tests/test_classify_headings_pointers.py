"""A heading or table-of-contents entry reworded states nothing new ("With Whom Does Acme Share
Personal Information?" -> "To Whom Does Acme Disclose Personal Data?"), unless a negation, a
modal or a number in it changed; a sentence saying what the document itself describes ("This
Privacy Policy describes how we collect, use, and protect your personal information") makes no
promise of its own, so dropping it removes none. Each case failed before the rule that reads it
(false alarms met first on documents outside every evaluation set, issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import classify_change, load_rules
from tracker.classify.severity import word_ops
from tracker.model import Change, Clause

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")


def _clause(text: str, cid: str, kind: str) -> Clause:
    return Clause(id=cid, path=("Privacy",), label=None, kind=kind, text=text)


def modified(old: str, new: str, kind: str = "heading") -> Change:
    change = Change(
        "modified", (_clause(old, "o", kind),), (_clause(new, "n", kind),), 0.8, word_ops(old, new)
    )
    return classify_change(change, RULES)


def presence(kind: str, text: str) -> Change:
    clauses = (_clause(text, "c", "paragraph"),)
    change = Change(kind, () if kind == "added" else clauses, clauses if kind == "added" else ())
    return classify_change(change, RULES)


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (
            "With Whom Does Acme Share Personal Information?",
            "To Whom Does Acme Disclose Personal Data?",
            "heading",
        ),
        # a table-of-contents entry: its link's anchor changes too (digits in it are no number)
        (
            "With Whom Does Acme Share Personal Information? <https://acme.example/privacy#s10Hz2k>",
            "To Whom Does Acme Disclose Personal Data? <https://acme.example/privacy#s3pK9aQ>",
            "list_item",
        ),
        ("How We Use Your Information", "How We Use and Process Your Personal Data", "heading"),
    ],
)
def test_a_heading_reworded_is_low(old: str, new: str, kind: str) -> None:
    change = modified(old, new, kind)
    assert (change.severity, change.direction) == ("low", "neutral"), change.reason
    assert change.reason is not None and change.reason.startswith("heading reworded")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We Do Not Sell Your Personal Data", "We Sell Your Personal Data"),
        ("Data Kept for 30 Days", "Data Kept for 3 Years"),
        ("We Will Notify You of Changes", "We May Notify You of Changes"),
    ],
)
def test_a_heading_whose_negation_number_or_modal_changed_is_read(old: str, new: str) -> None:
    change = modified(old, new)
    assert change.reason is None or not change.reason.startswith("heading reworded")
    assert change.severity in ("medium", "high"), change.reason


@pytest.mark.parametrize(
    "text",
    [
        "This Privacy Policy describes how we collect, use, and protect your personal information.",
        "This notice explains how we collect, use and share your personal data.",
        "Above we explain how we collect, use, and disclose information about you, as well as "
        "our targeted advertising practices.",
    ],
)
def test_what_the_document_describes_is_no_promise_or_power(text: str) -> None:
    for kind in ("added", "removed"):
        change = presence(kind, text)
        assert change.severity in ("none", "low"), (kind, change.reason)


def test_a_promise_after_the_description_is_still_read() -> None:
    """Only the sentence that describes the document is passed over, not the next one."""
    change = presence(
        "removed",
        "This Privacy Policy describes how we collect and use your information. "
        "We will never sell your personal information.",
    )
    assert (change.severity, change.direction) == ("high", "expands"), change.reason

"""Readings from the first measurement of fresh55 to fresh58 (issue 13): each rule general, each
case failing on the rules before it, with near misses that keep what they must.

- A defined term renamed the same way throughout a clause ("the participant" -> "the ticket
  buyer", at least twice and nothing else changed) is a rename, low: not a new recipient
  ("buyer") nor a commitment lost or gained (XING's bh067, bh077, bh085, bh093). A recipient,
  purpose, kind of data or place put for another is still read for what it adds, and a number,
  a modal, a negation or a quantifier changed is no name.
- "do-not-track" (a signal's name, joined by hyphens) denies no tracking: "We do not respond to
  browser do-not-track signals" promises nothing (Allrecipes' be189); "we do not track you"
  still does.
- Who "we" are, defined in a bracket right after them ("Acme Corporation and its subsidiaries
  and affiliates ("Acme," "we," and "us") collect ..."), is the company, not a recipient
  (Starbucks' bg005); affiliates named as those who get data still are.
- A bare introduction of a list ("We may share your information in the following
  circumstances:") is low: its items say what.
- Lines of a processors section that list no processor (a table's header row, a footnote, a key
  to abbreviations, the page's version line) are no new recipient (Donkey Republic's bi051,
  bi075-bi082, bi087, bi088, after fresh59 was measured once); a new row after the first is.
- A period with a word between its number and its unit ("36 consecutive months", "thirty (30)
  full days") is a period: an inactivity period before erasure lengthened from 36 to 48
  consecutive months is a retention period lengthened (Donkey Republic's bi014).
- A label line before each item of a split list ("2. Badge Check", an icon's name) is a
  sentence of its own, not the start of the right after it (Mailjet's bf016); a right the
  split dropped is still removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import classify_change, load_rules
from tracker.classify.severity import word_ops
from tracker.classify.statements import read_sentence
from tracker.model import Change, Clause

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules(ROOT / "data" / "rules.toml")


def _clause(cid: str, text: str) -> tuple[Clause, ...]:
    return (Clause(id=cid, path=("Terms",), label=None, kind="paragraph", text=text),)


def grade(old: str, new: str) -> tuple[str, str, str]:
    change = Change("modified", _clause("o", old), _clause("n", new), 0.9, word_ops(old, new))
    classified = classify_change(change, RULES)
    return classified.severity, classified.direction, classified.reason or ""


TICKETS = (
    "The {0} enters into a purchase agreement by clicking the order button. Valid acceptance "
    "of the offer by {1} is contingent upon completing the form. The {0} shall receive an "
    "e-mail to confirm the purchase, and we will reimburse the {0} if the event is cancelled."
)


def test_a_term_renamed_throughout_a_clause_is_a_rename() -> None:
    old = TICKETS.format("participant", "participants")
    new = TICKETS.format("ticket buyer", "ticket buyers")
    severity, _, reason = grade(old, new)
    assert severity == "low"
    assert "'participant' -> 'ticket buyer'" in reason


def test_renamed_once_is_read_as_before() -> None:
    old = "We may share your information with the participant for event logistics."
    new = "We may share your information with the buyer for event logistics."
    severity, _, reason = grade(old, new)
    assert "renamed" not in reason
    assert severity == "high"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a recipient put for another, twice: still a new recipient
        (
            "We share your data with partners. Partners may use it to show you offers.",
            "We share your data with advertisers. Advertisers may use it to show you offers.",
        ),
        # an age changed twice is an age changed
        (
            "You must be 13 to use the app. Users under 13 may not register.",
            "You must be 16 to use the app. Users under 16 may not register.",
        ),
        # a modal changed twice is a modal changed
        (
            "We will notify you of changes. We will notify you by email.",
            "We may notify you of changes. We may notify you by email.",
        ),
        # a verb put for another, twice: what is done changed
        (
            "We will delete your data when you close your account. We delete backups in 30 days.",
            "We will retain your data when you close your account. We retain backups in 30 days.",
        ),
        (
            "You can object to processing for marketing. If you object, we stop.",
            "You can consent to processing for marketing. If you consent, we stop.",
        ),
        # a name that is a recipient only on the new side: new sharing
        (
            "We may disclose your information to the organizer. The organizer will use it to "
            "manage the event.",
            "We may disclose your information to advertisers. Advertisers will use it to "
            "manage the event.",
        ),
        # consent made opt-out
        (
            "Marketing emails are opt-in. You can opt-in at any time.",
            "Marketing emails are opt-out. You can opt-out at any time.",
        ),
        # a purpose put for another
        (
            "We use your content to improve the service. We use your content only to improve "
            "the service.",
            "We use your content to train our models. We use your content only to train our "
            "models.",
        ),
        # a forum put for another
        (
            "Disputes are resolved in court. Either party may go to court.",
            "Disputes are resolved in arbitration. Either party may go to arbitration.",
        ),
        # a number in words
        (
            "We keep your data for thirty days. After thirty days it is deleted.",
            "We keep your data for ninety days. After ninety days it is deleted.",
        ),
        # a safeguard dropped
        (
            "Our partners may receive anonymized data. Anonymized data is shared weekly.",
            "Our partners may receive identifiable data. Identifiable data is shared weekly.",
        ),
        (
            "We ask for your consent before sharing. Without your consent we share nothing.",
            "We ask for your feedback before sharing. Without your feedback we share nothing.",
        ),
    ],
)
def test_what_is_no_name_is_read_for_what_it_says(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert "renamed" not in reason
    assert severity == "high", reason


def test_a_do_not_track_signal_is_a_name() -> None:
    claims = read_sentence(
        "We do not currently respond to browser do-not-track signals.", RULES.readings
    ).claims
    assert [c.verb for c in claims] == ["respond"]
    assert [
        c.verb for c in read_sentence("We do not track you across sites.", RULES.readings).claims
    ] == ["track"]


def test_removing_a_do_not_track_statement_removes_no_promise() -> None:
    change = Change(
        "removed",
        _clause("o", "We do not currently respond to browser do-not-track signals."),
        (),
        0.0,
        (),
    )
    classified = classify_change(change, RULES)
    assert classified.severity != "high", classified.reason


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        (
            "This notice describes the information that Acme Corporation and its respective "
            "subsidiaries and affiliates (\u201cAcme,\u201d \u201cwe,\u201d and "
            "\u201cus\u201d) collect.",
            set(),
        ),
        (
            'Acme and its affiliates (collectively, "we") may share data with advertisers.',
            {"advertisers"},
        ),
        ("We share your data with our affiliates (who may use it for ads).", {"affiliates"}),
        # another party defined as "we" after them: those named before are still recipients
        (
            'We share your data with advertisers and Acme Holdings ("we", "us") may combine it.',
            {"advertisers"},
        ),
        (
            'We disclose data to data brokers and to Acme Media LLC (collectively, "we").',
            {"data brokers"},
        ),
    ],
)
def test_who_we_are_is_no_recipient(text: str, recipients: set[str]) -> None:
    assert set(read_sentence(text, RULES.readings).scope["recipients"]) == recipients


def test_defining_we_with_affiliates_adds_no_recipient() -> None:
    old = "This Privacy Statement describes the types of personal information that we collect."
    new = (
        "This Privacy Notice describes the types of personal information that Acme Corporation "
        "and its respective subsidiaries and affiliates (\u201cAcme,\u201d \u201cwe,\u201d "
        "and \u201cus\u201d) collect."
    )
    severity, _, reason = grade(old, new)
    assert severity != "high", reason


def _presence(kind: str, text: str) -> tuple[str, str]:
    clauses = _clause("c", text)
    change = Change(
        kind, clauses if kind == "removed" else (), clauses if kind == "added" else (), 0.0, ()
    )
    classified = classify_change(change, RULES)
    return classified.severity, classified.reason or ""


@pytest.mark.parametrize(
    "text",
    [
        "We may share your information in the following circumstances:",
        "We collect the following types of personal data:",
        "We may use your information for various purposes, including:",
        "In the preceding twelve months we may have disclosed these categories of personal "
        "information for a business purpose:",
    ],
)
@pytest.mark.parametrize("kind", ["added", "removed"])
def test_a_bare_introduction_of_a_list_is_low(kind: str, text: str) -> None:
    severity, reason = _presence(kind, text)
    assert severity == "low", reason
    assert reason.startswith("introduction of a list")


@pytest.mark.parametrize(
    "text",
    [
        "We sell your precise location to data brokers such as:",
        "We share your health data with the following advertisers:",
        "We do not have any advertising on our site. Any data that we do have will never be "
        "shared except under the following circumstances:",
    ],
)
def test_an_introduction_that_names_what_it_does_is_read(text: str) -> None:
    severity, reason = _presence("added" if "sell" in text or "health" in text else "removed", text)
    assert not reason.startswith("introduction of a list"), reason
    assert severity in ("medium", "high")


def test_a_name_of_the_users_renamed_to_a_recipient_of_data_is_read() -> None:
    old = "We share your name with other participants. Participants can then contact you."
    new = "We share your name with partners. Partners can then contact you."
    severity, _, reason = grade(old, new)
    assert "renamed" not in reason
    assert severity == "high", reason


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("added", "We may disclose your personal data without your consent in these cases:"),
        ("added", "We may retain your data indefinitely in the following circumstances:"),
        ("added", "We may change these Terms at any time without notice for these reasons:"),
        ("added", "You agree to resolve all disputes through binding arbitration as follows:"),
        ("added", "We may combine your information with data from data brokers as follows:"),
        ("removed", "We will always ask for your consent before we do any of the following:"),
        ("removed", "We will notify you before any of the following:"),
    ],
)
def test_an_introduction_that_says_something_serious_itself_is_read(kind: str, text: str) -> None:
    severity, reason = _presence(kind, text)
    assert not reason.startswith("introduction of a list"), reason
    assert severity == "high", reason


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("added", "We are not liable for any of the following:"),
        ("removed", "We only share your information in the following circumstances:"),
        ("added", "Acme grants itself a perpetual license to use the following:"),
    ],
)
def test_an_introduction_with_a_limit_or_a_licence_of_its_own_is_read(kind: str, text: str) -> None:
    severity, reason = _presence(kind, text)
    assert not reason.startswith("introduction of a list"), reason
    assert severity == "medium", reason


PROCESSORS = """# Privacy Policy

## Our processors

These processors may receive your personal data.

{table}
{notes}
## Get in touch

Write to us at privacy@example.com.
"""

ROWS = """| Party name | Personal data disclosed | Purpose |
| --- | --- | --- |
| Stripe | Payment card data | Payment processing |
"""


def _processor_changes(old: str, new: str) -> dict[str, Change]:
    from tracker.classify.severity import classify_diff
    from tracker.diff import diff_clauses
    from tracker.extract import extract_markdown

    diff = diff_clauses(extract_markdown(old).clauses, extract_markdown(new).clauses)
    return {
        (c.new or c.old)[0].text: c for c in classify_diff(diff, RULES).changes if c.kind != "moved"
    }


def test_lines_beside_a_processors_table_list_no_recipient() -> None:
    old = PROCESSORS.format(table="Our processors are listed on our website.\n", notes="")
    notes = (
        "SCC = Standard Contractual Clauses\n\n"
        "\\* See Stripe's transfer policies here\n\n"
        "Acme, February 2024, version 1.2\n"
    )
    new = PROCESSORS.format(table=ROWS, notes="\n" + notes)
    found = _processor_changes(old, new)
    for text in (
        "Party name | Personal data disclosed | Purpose",
        "SCC = Standard Contractual Clauses",
        "* See Stripe's transfer policies here",
        "Acme, February 2024, version 1.2",
    ):
        change = next(c for t, c in found.items() if t.startswith(text[:12]))
        assert change.severity != "high", (text, change.reason)
    stripe = next(c for t, c in found.items() if t.startswith("Stripe"))
    assert stripe.severity == "high", stripe.reason


def test_a_new_processor_after_the_first_row_is_still_a_new_recipient() -> None:
    old = PROCESSORS.format(table=ROWS, notes="")
    new = PROCESSORS.format(
        table=ROWS + "| Braze | Email address, device identifiers | Marketing messages |\n",
        notes="",
    )
    found = _processor_changes(old, new)
    braze = next(c for t, c in found.items() if t.startswith("Braze"))
    assert braze.severity == "high", braze.reason


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("if you have not used the account for 36 consecutive months", 1080.0),
        ("within thirty (30) full days of your request", 30.0),
        ("after 12 successive months without a login", 360.0),
    ],
)
def test_a_period_said_with_a_word_before_its_unit_is_a_period(text: str, days: float) -> None:
    from tracker.classify.quantities import quantities

    assert [q.value for q in quantities(text) if q.kind == "period"] == [days]


def test_an_inactivity_period_before_erasure_lengthened_is_retention_lengthened() -> None:
    sentence = (
        "Your account is regarded inactive if you have not used it for {} consecutive months, "
        "after which the order data will be erased."
    )
    severity, direction, reason = grade(sentence.format(36), sentence.format(48))
    assert (severity, direction) == ("high", "expands"), reason
    assert "retention period lengthened" in reason


def test_an_icon_label_before_each_item_removes_no_right() -> None:
    """A paragraph of rights split into items, each after a label line ("2. Badge Check"):
    the label is a sentence of its own, not the start of the right after it (Mailjet's bf016)."""
    rights = [
        "Request access to your personal data.",
        "Request correction of the personal data that we hold about you.",
        "Request erasure of your personal data.",
    ]
    old = (Clause(id="o", path=("Rights",), label="1.", kind="list_item", text=" ".join(rights)),)
    new = tuple(
        clause
        for i, right in enumerate(rights)
        for clause in (
            Clause(
                id=f"b{i}",
                path=("Rights",),
                label=f"{i + 1}.",
                kind="list_item",
                text="Badge Check",
            ),
            Clause(id=f"r{i}", path=("Rights",), label=None, kind="paragraph", text=right),
        )
    )
    old_text = " ".join(c.text for c in old)
    new_text = " ".join(c.text for c in new)
    change = Change("modified", old, new, 0.9, word_ops(old_text, new_text))
    classified = classify_change(change, RULES)
    assert classified.severity != "high", classified.reason
    assert "right removed" not in (classified.reason or "")


def test_a_right_dropped_from_a_split_list_is_still_removed() -> None:
    old_text = (
        "Request access to your personal data. Request erasure of your personal data. "
        "Object to processing of your personal data."
    )
    old = (Clause(id="o", path=("Rights",), label="1.", kind="list_item", text=old_text),)
    new = (
        Clause(id="b", path=("Rights",), label="1.", kind="list_item", text="Badge Check"),
        Clause(
            id="r",
            path=("Rights",),
            label=None,
            kind="paragraph",
            text="Request access to your personal data.",
        ),
    )
    change = Change("modified", old, new, 0.5, word_ops(old_text, " ".join(c.text for c in new)))
    classified = classify_change(change, RULES)
    assert classified.severity == "high", classified.reason
    assert "right removed" in (classified.reason or "")

"""Readings from the blind sets measured once by the 48th session (issue 13): each rule general,
each case failing on the rules before it, with near misses that keep what they must.

- Where or by whom an arbitration is held ("the administration of any arbitration proceedings
  shall be conducted solely in Maricopa County", "any arbitration hearing will be held in the
  county where you live") sends no dispute to arbitration: a venue, not a waiver (Proctorio's
  bp076 and bp079, labelled medium). A sentence that sends disputes to arbitration, or waives
  class actions, beside such words still is one.
- The reader named in the third person by terms that call them "the User" or an "Authorized
  User" owns what is "Authorized User's" as they own what is "your": "An Authorized User may
  terminate Authorized User's agreement" keeps "You may terminate Your agreement" (Proctorio's
  bp031, a rename of the party); dropping the right altogether still removes it.
- A heading or a lead-in that says the company collects, in the words of a question with the
  company's name ("What Information does Substack collect?") or as a statement before the
  list ("We collect and process Personal Information about you when ... This may include:"),
  implies the collection before each item: a new item naming sensitive data ("your date of
  birth;") is data newly collected (Substack's bk005), not a short line.
- What the reader is only urged to do ("we encourage you to proactively disclose that the AI
  Content was created using artificial intelligence", "privacy policies, which we encourage you
  to review") is neither a power of the company's (no disclosure by it) nor a right given
  (Crunchbase's bq014, read as a disclosure added; after fresh66 was measured once); what
  the company itself does in the same sentence, and what the reader is allowed to do, still
  count.
- A promise held only while the reader keeps their own side ("Subject to your compliance with
  these Terms, we will refund ...", "If you have paid all fees due, we will delete ...") is a
  condition added to a commitment, as "provided that ..." already was (PubMatic's br008 made
  its warranty "Subject to Publisher's compliance with its obligations"; that sentence's
  warranty is no commitment the rules read, so it stays missed).
- Items of a list lettered as paragraphs of their own ("(j) Copies or stores any significant
  portion of the Content, including ... integrating it with a third-party tool") after a
  lead-in that forbids ("You represent, warrant, and agree that you will not ... use the
  Service in a manner that:") are rules for users, as list items there are: no recipient of
  the company's (Crunchbase's bq009, a new recipient read in a prohibition; bq011 and bq012,
  new prohibitions read as short lines). Paragraphs numbered as sections ("2.2 Warranties")
  are no such items.
"""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, added, classified, grade
from tracker.classify.severity import is_item
from tracker.classify.statements import read_sentence
from tracker.model import Change, Clause


def _only_change(old: str, new: str) -> Change:
    found = classified(old, new)
    assert len(found) == 1, found
    return found[0]


# -- where an arbitration is held ---------------------------------------------------------------

VENUE_OLD = (
    "These Terms will be governed by Delaware law. All claims, legal proceedings, or litigation "
    "arising in connection with the Services will be brought solely in the courts located in "
    "Wilmington, Delaware."
)
VENUE_NEW = (
    "These Terms will be governed by Delaware law. All claims for injunctive relief and the "
    "administration of any arbitration proceedings shall be brought and/or conducted solely in "
    "Maricopa County, Arizona."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "All claims for injunctive relief and the administration of any arbitration proceedings "
        "shall be brought and/or conducted solely in Maricopa County, Arizona.",
        "Any arbitration hearing will be held in the county where you live.",
        "Any arbitration proceedings shall be conducted in English.",
    ],
)
def test_where_an_arbitration_is_held_is_no_waiver(sentence: str) -> None:
    assert not read_sentence(sentence, RULES.readings).waiver


def test_a_venue_clause_naming_arbitration_is_not_a_waiver_added() -> None:
    severity, _, reason = grade(VENUE_OLD, VENUE_NEW)
    assert severity != "high", reason
    assert "waiver" not in reason
    severity, _, reason = added(VENUE_NEW)
    assert severity != "high", reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Any dispute shall be resolved by binding arbitration administered by the American "
        "Arbitration Association.",
        "You agree that any arbitration will be conducted only on an individual basis and not in "
        "a class action.",
        "The administration of any arbitration proceedings shall be in Maricopa County, and you "
        "waive your right to a jury trial.",
        "You and Acme agree to arbitrate all disputes.",
    ],
)
def test_a_sentence_that_sends_disputes_to_arbitration_still_waives(sentence: str) -> None:
    assert read_sentence(sentence, RULES.readings).waiver


def test_arbitration_added_beside_a_venue_is_still_high() -> None:
    severity, direction, reason = grade(
        VENUE_OLD,
        VENUE_NEW + " Any dispute shall be resolved by binding arbitration on an individual basis.",
    )
    assert (severity, direction) == ("high", "expands"), reason


# -- the reader named in the third person -------------------------------------------------------

TERMINATE_OLD = (
    "You may terminate Your agreement with Proctorio at any time for any reason, without "
    "notifying us, by discontinuing Your use of the Services."
)
TERMINATE_NEW = (
    "An Authorized User may terminate Authorized User's agreement with Proctorio at any time for "
    "any reason, without notifying us, by discontinuing Authorized User's use of the Services."
)


@pytest.mark.parametrize(
    "sentence",
    [
        TERMINATE_NEW,
        "The user may terminate the user's account at any time.",
        "A Customer may delete the Customer's content at any time.",
    ],
)
def test_a_right_over_what_is_the_users_in_the_third_person_is_read(sentence: str) -> None:
    claims = read_sentence(sentence, RULES.readings).claims
    assert any(c.kind == "right" for c in claims), claims


def test_the_reader_renamed_in_the_third_person_removes_no_right() -> None:
    severity, _, reason = grade(TERMINATE_OLD, TERMINATE_NEW)
    assert severity != "high", reason
    assert "right removed" not in reason


def test_the_right_dropped_with_the_rename_is_still_removed() -> None:
    severity, direction, reason = grade(
        "You may terminate Your agreement with Proctorio at any time for any reason.",
        "An Authorized User's agreement with Proctorio continues until Proctorio ends it.",
    )
    assert (severity, direction) == ("high", "expands"), reason


# -- a lead-in that says the company collects ---------------------------------------------------

COLLECTED = """# Privacy Policy

## {heading}

{lead}

* your first and last name;
* your email address;
{item}
"""


@pytest.mark.parametrize(
    ("heading", "lead"),
    [
        (
            "What Information does Substack collect?",
            "We process information about you when you use our services. This may include:",
        ),
        (
            "Your information",
            "We collect and process Personal Information about you when you interact with us. "
            "This may include:",
        ),
        ("What data is collected?", "This may include:"),
    ],
)
def test_a_sensitive_item_under_a_collecting_heading_or_lead_in_is_collected(
    heading: str, lead: str
) -> None:
    change = _only_change(
        COLLECTED.format(heading=heading, lead=lead, item=""),
        COLLECTED.format(heading=heading, lead=lead, item="* your date of birth;"),
    )
    assert (change.severity, change.direction) == ("high", "expands"), change.reason
    assert "date of birth" in (change.reason or "")


def test_the_same_item_under_a_list_of_what_is_not_collected_is_not_high() -> None:
    change = _only_change(
        COLLECTED.format(
            heading="Your information", lead="We will never ask you for the following:", item=""
        ),
        COLLECTED.format(
            heading="Your information",
            lead="We will never ask you for the following:",
            item="* your date of birth;",
        ),
    )
    assert change.severity != "high", change.reason


# -- what the reader is urged to do --------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In addition, if you distribute or display the AI Content to others, we encourage you to "
        "proactively disclose that the AI Content was created using artificial intelligence "
        "technologies.",
        "These Developer Applications may have their own privacy policies, which we encourage you "
        "to review.",
        "We urge you to share your feedback with other members.",
    ],
)
def test_what_the_reader_is_urged_to_do_claims_nothing(sentence: str) -> None:
    assert read_sentence(sentence, RULES.readings).claims == ()


def test_an_encouragement_added_is_not_a_disclosure_added() -> None:
    severity, _, reason = added(
        "In addition, if you distribute or display the AI Content to others, we encourage you to "
        "proactively disclose that the AI Content was created using artificial intelligence "
        "technologies."
    )
    assert severity in ("low", "none"), reason


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("We encourage you to read this policy, and we may share your data with advertisers.",
         "share"),
        ("We allow you to delete your account at any time.", "delete"),
        ("You may delete your account at any time.", "delete"),
    ],
)  # fmt: skip
def test_what_the_company_does_or_lets_the_reader_do_still_counts(sentence: str, verb: str) -> None:
    claims = read_sentence(sentence, RULES.readings).claims
    assert any(c.verb == verb for c in claims), claims


# -- a promise held only while the reader keeps their own side ------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We will refund the unused portion of your subscription.",
            "Subject to your compliance with these Terms, we will refund the unused portion of "
            "your subscription.",
        ),
        (
            "We will delete your data within 30 days of your request.",
            "If you have paid all fees due, we will delete your data within 30 days of your "
            "request.",
        ),
        (
            "We will notify you before we change these terms.",
            "Subject to the Customer's continued compliance with this Agreement, we will notify "
            "you before we change these terms.",
        ),
    ],
)
def test_a_promise_kept_only_while_the_reader_keeps_theirs_is_weakened(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == ("high", "expands"), reason
    assert "condition added" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # the reader's own compliance was already the condition
            "Subject to your compliance with these Terms, we will refund the unused portion.",
            "Subject to your compliance with these Terms, we will refund the whole unused portion.",
        ),
        (  # what the reader must do, not a promise of the company's
            "You must pay all fees due.",
            "Subject to your compliance with these Terms, you must pay all fees due.",
        ),
        (  # when the promise is kept, not whether
            "We will delete your card details.",
            "We will delete your card details after you have paid.",
        ),
    ],
)
def test_no_new_condition_on_a_promise_is_no_weakening(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert "condition added" not in reason, (severity, reason)


# -- items lettered as paragraphs ------------------------------------------------------------------

LETTERED = """# Terms of Service

## Your use of the Service is subject to the following additional restrictions:

You represent, warrant, and agree that you will not use the Service in a manner that:

(a) Infringes or violates the intellectual property rights of anyone else;

(b) Violates any law or regulation;

(c) Copies or stores any significant portion of the Content{more}

{item}
"""


def test_a_lettered_item_after_a_forbidding_lead_in_is_a_rule_for_users() -> None:
    change = _only_change(
        LETTERED.format(more="; or", item=""),
        LETTERED.format(
            more=", including but not limited to integrating any significant portion of the "
            "Content with a third-party tool (e.g. ChatGPT); or",
            item="",
        ),
    )
    assert change.severity == "medium", change.reason
    assert "rule for users" in (change.reason or "")


def test_a_lettered_item_added_after_a_forbidding_lead_in_is_a_rule_added() -> None:
    change = _only_change(
        LETTERED.format(more="; or", item=""),
        LETTERED.format(more="; or", item="(d) Involves hotlinking or sells the Content."),
    )
    assert change.severity == "medium", change.reason
    assert "rule for users added" in (change.reason or "")


@pytest.mark.parametrize(
    ("label", "item"),
    [
        ("(j)", True),
        ("b)", True),
        ("(iv)", True),
        ("(B)", True),
        ("(IV)", True),
        ("3)", True),
        ("2.2", False),
        ("1.", False),
        ("B)", False),  # a section: "B) How Do You Access ... Your Personal Information?"
        ("IV)", False),
    ],
)
def test_which_labelled_paragraphs_are_items(label: str, item: bool) -> None:
    clause = Clause(id="c", path=("Terms",), label=label, kind="paragraph", text=f"{label} Text.")
    assert is_item(clause) is item


# -- review (helper-189): a lead-in that denies, and list items under a lettered paragraph ------


@pytest.mark.parametrize(
    "lead",
    [
        "Substack does not collect the following information:",
        "Acme does not knowingly collect personal information from children. Parents may ask us "
        "to delete:",
    ],
)
def test_a_lead_in_that_says_a_name_does_not_collect_implies_no_collection(lead: str) -> None:
    change = _only_change(
        COLLECTED.format(heading="Your information", lead=lead, item=""),
        COLLECTED.format(heading="Your information", lead=lead, item="* your date of birth;"),
    )
    assert change.severity != "high", change.reason


def test_a_named_company_that_may_collect_still_implies_collection() -> None:
    lead = "Substack may collect the following information:"
    change = _only_change(
        COLLECTED.format(heading="Your information", lead=lead, item=""),
        COLLECTED.format(heading="Your information", lead=lead, item="* your date of birth;"),
    )
    assert (change.severity, change.direction) == ("high", "expands"), change.reason


NESTED = """# Terms of Service

## Using the Service

You agree that:

(a) you will comply with all applicable laws;

(b) you will not:

1. resell or sublicense the Service;
2. copy the Service;
{item}
"""


def test_list_items_under_a_lettered_paragraph_that_forbids_are_rules_for_users() -> None:
    # the lettered paragraph is the lead-in of the list nested in it, not a sibling passed over
    # on the way to "You agree that:"
    change = _only_change(
        NESTED.format(item=""),
        NESTED.format(
            item="3. share data you collect through the Service with advertisers or data brokers."
        ),
    )
    assert change.severity == "medium", change.reason
    assert "rule for users added" in (change.reason or "")

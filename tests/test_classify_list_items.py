"""Severity of list items read in their document (issue 13, from fresh9's blind misses): the
words a heading or a lead-in implies before an item, a list label that is no sentence, a verb
that is a noun before "of", contact lines, and sharing "with" named companies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import classify_change, classify_diff, load_rules
from tracker.diff import diff_clauses
from tracker.extract import extract_markdown
from tracker.model import Change, Clause, sha256_hex

RULES = load_rules(Path(__file__).resolve().parents[1] / "data" / "rules.toml")


def changes(old: str, new: str) -> list[Change]:
    old_clauses = extract_markdown(old).clauses
    new_clauses = extract_markdown(new).clauses
    return list(classify_diff(diff_clauses(old_clauses, new_clauses), RULES).changes)


def only_change(old: str, new: str) -> Change:
    found = changes(old, new)
    assert len(found) == 1, found
    return found[0]


def paragraph(text: str) -> Clause:
    return Clause(
        id="c",
        path=(),
        label=None,
        kind="paragraph",
        text=text,
        level=None,
        sha256=sha256_hex(text.encode()),
    )


def added(text: str) -> Change:
    return classify_change(Change("added", (), (paragraph(text),)), RULES)


def removed(text: str) -> Change:
    return classify_change(Change("removed", (paragraph(text),), ()), RULES)


CALIFORNIA = """# Privacy Policy

## California

The following disclosures apply to California residents:

1. **Collection.** We have identified the categories of the Personal Data we Collect:
    1. **Identifiers** like your name and email address.
{item}
"""


def test_an_item_of_a_nested_list_takes_the_verb_its_lead_in_implies() -> None:
    """The items of a list nested in an item that ends "the Personal Data we Collect:" are
    data collected: a new kind of sensitive data there is high."""
    change = only_change(
        CALIFORNIA.format(item=""),
        CALIFORNIA.format(
            item="    2. **Customer Records** like your passport number and bank account details."
        ),
    )
    assert (change.kind, change.severity, change.direction) == ("added", "high", "expands")
    assert "passport" in (change.reason or "")


def test_without_a_lead_in_that_implies_a_verb_the_item_says_nothing() -> None:
    text = CALIFORNIA.replace("the categories of the Personal Data we Collect:", "these groups:")
    change = only_change(
        text.format(item=""),
        text.format(item="    2. **Customer Records** like your passport number."),
    )
    assert change.severity in ("low", "medium") and change.direction != "expands"


LEAD_IN = """# Privacy Policy

## Details

{lead}

* Your name.
{item}
"""


@pytest.mark.parametrize(
    "lead",
    [
        # a promise not to: the items are what the company will not do
        "With respect to the personal information we collect, we will never:",
        # the user's rights or choices over the data collected
        "You have the following rights over the personal information we collect:",
        "To delete the data we collect about you, you can:",
        # definitions
        "For purposes of these Terms:",
    ],
)
def test_a_lead_in_naming_collection_or_purposes_without_listing_them_implies_nothing(
    lead: str,
) -> None:
    item = "* Use of your biometric data and precise location for advertising."
    change = only_change(LEAD_IN.format(lead=lead, item=""), LEAD_IN.format(lead=lead, item=item))
    assert change.direction != "expands", change.reason


@pytest.mark.parametrize(
    "lead",
    [
        "The personal information we collect includes, but is not limited to:",
        "You may provide the following categories of personal data:",
        # a denial in a phrase of the lead-in is no promise not to collect
        "Besides data that does not identify you, the personal information we collect includes:",
    ],
)
def test_a_lead_in_listing_the_data_collected_still_implies_collection(lead: str) -> None:
    change = only_change(
        LEAD_IN.format(lead=lead, item=""),
        LEAD_IN.format(lead=lead, item="* Your precise location and biometric data."),
    )
    assert (change.severity, change.direction) == ("high", "expands"), change.reason


NESTED = """# Privacy Policy

## Details

{lead}

* {outer}
    * Your name.
{item}
"""


@pytest.mark.parametrize(
    ("lead", "outer"),
    [
        ("We will never:", "Sell the categories of personal information we collect, such as:"),
        (
            "Depending on where you live, you may:",
            "Ask for a copy of the data we collect, such as:",
        ),
    ],
)
def test_an_outer_lead_in_that_withholds_governs_the_items_of_a_nested_list(
    lead: str, outer: str
) -> None:
    """The outer item names the data collected, but the outer lead-in denies or gives the user
    a choice: the nested items are not data collected."""
    item = "    * Your precise location and biometric data."
    change = only_change(
        NESTED.format(lead=lead, outer=outer, item=""),
        NESTED.format(lead=lead, outer=outer, item=item),
    )
    assert change.direction != "expands", change.reason


def test_an_outer_lead_in_forbidding_uses_still_governs_a_nested_list() -> None:
    """The outer paragraph ("You agree not to:") and the nested list's item lead-in both count:
    a new prohibited use in the nested list is a rule for users, not something the company does."""
    template = """# Acceptable Use

You agree you will not use the Services to:

* Violate the law or others' rights, including to:
    * Engage in fraud.
{item}
"""
    change = only_change(
        template.format(item=""),
        template.format(item="    * Share intimate imagery of a person without their consent."),
    )
    assert change.direction != "expands", change.reason
    assert "rule for users" in (change.reason or ""), change.reason


def test_a_list_label_added_beside_a_plural_fixed_is_no_change_of_meaning() -> None:
    """Numbering added ("1.") made a sentence of its own, paired against the old item's first
    sentence under the words its heading implies: "limit removed" on a one-letter fix."""
    template = """# Cookie Policy

## Cookies we use

{item}
"""
    change = only_change(
        template.format(
            item="* Strictly Necessary Cookies. We cannot provide our App without these cookies."
        ),
        template.format(
            item="1. Strictly Necessary Cookies. We cannot provide our App without this cookie."
        ),
    )
    assert change.severity in ("none", "low"), change.reason


@pytest.mark.parametrize(
    ("text", "severity", "direction"),
    [
        # "use of" is a noun: no use of data is stated, the sale is denied
        (
            "We do not sell or share Personal Data for displaying ads selected from your "
            "activities on or use of the Service.",
            "medium",
            "narrows",
        ),
        ("We use your personal data for targeted advertising.", "high", "expands"),
        # ... but "make use of" is a use
        ("We may make use of your precise location to serve ads.", "high", "expands"),
        ("We do not make use of your conversations to train our models.", "medium", "narrows"),
        # a line that sends questions to the contact section says nothing of the data
        (
            "If you have any questions about this Policy or our processing of your Personal "
            "Data, please see Section 18, Contact Us, for contact information.",
            "low",
            "neutral",
        ),
        ("We may access your contacts to suggest people to follow.", "high", "expands"),
        ("We may collect your contact lists.", "high", "expands"),
        # a question opens the sentence, but its main clause says what the company does
        ("If you have questions, we may share your data with our vendors.", "high", "expands"),
        (
            "If you have any questions, comments or concerns about how we share your "
            "information, please contact us.",
            "low",
            "neutral",
        ),
        # sharing "with" named companies shares data, even without saying "your data"
        (
            "We may share with parent or subsidiary companies to run our business.",
            "high",
            "expands",
        ),
        ("We may share with you updates about our products.", "low", "neutral"),
        # ... unless the sentence names what goes to them, and it is no one's data
        (
            "We may transfer to our affiliates our rights and obligations under these Terms.",
            "medium",
            "neutral",
        ),
        ("We will publish to the public the results of the survey.", "low", "neutral"),
        ("We may share with our partners your contact details.", "high", "expands"),
        # where data comes from is no recipient, and what others share "with us" is received
        (
            "We collect Personal Data from you, from our business partners and affiliates, from "
            "third parties you direct to share information with us, and from other providers.",
            "medium",
            "expands",
        ),
        (
            "We may disclose your information in response to requests from law enforcement.",
            "high",
            "expands",
        ),
        ("We share data we receive from partners with advertisers.", "high", "expands"),
        ("We may share your information with us and our affiliates.", "high", "expands"),
        # a denying subject or object is a promise, not a use: "None" and "No" are no names
        ("None of your content is used to train our AI models.", "medium", "narrows"),
        ("No personal data is used to train our models.", "medium", "narrows"),
        ("We use none of your content to train our AI models.", "medium", "narrows"),
        ("We sell no personal information to third parties.", "medium", "narrows"),
        ("We use your content to train our AI models.", "high", "expands"),
        # what goes to the user is no data passed on, whoever else the sentence names
        ("We may share with you news about our partners and sponsors.", "low", "neutral"),
    ],
)
def test_what_a_sentence_does_with_data(text: str, severity: str, direction: str) -> None:
    change = added(text)
    assert (change.severity, change.direction) == (severity, direction), change.reason


@pytest.mark.parametrize(
    ("text", "promise"),
    [
        # a promise of confidentiality, removed, is a protection dropped
        ("Messages you send through the app are private between you and the recipients.", True),
        ("Your health records are kept confidential by our staff.", True),
        ("We keep your support requests private.", True),
        # naming private things, or defining confidential information, promises nothing
        ("Private messages are visible to the people in the conversation.", False),
        ("Confidential Information means any information disclosed by one party.", False),
    ],
)
def test_a_promise_of_confidentiality_removed_is_high(text: str, promise: bool) -> None:
    change = removed(text)
    assert (change.severity == "high") is promise, change.reason


SHARING = """# Privacy Policy

## Sharing

We share your personal information with our service providers.
{added}
"""


@pytest.mark.parametrize(
    "lead",
    [
        "We may also share your personal information with the following:",
        "We may disclose personal data to the following types of companies, organizations, or "
        "individuals outside of Acme:",
    ],
)
def test_a_new_list_of_recipients_is_high_at_its_items(lead: str) -> None:
    """The lead-in is low (it names no recipient), so the items it introduces are recipients
    (a new one high), under whatever heading: a new list of recipients is never all low."""
    found = changes(
        SHARING.format(added=""),
        SHARING.format(added=f"\n{lead}\n\n* Data brokers.\n* Service providers.\n"),
    )
    grades = {c.new[0].text: (c.severity, c.direction) for c in found}
    assert grades[lead][0] == "low"
    assert grades["Data brokers."] == ("high", "expands"), found
    assert grades["Service providers."][0] == "low", found  # shared with before


def test_a_list_of_who_never_gets_data_is_no_sharing() -> None:
    lead = "We will never share your personal information with the following:"
    found = changes(
        SHARING.format(added=""), SHARING.format(added=f"\n{lead}\n\n* Data brokers.\n")
    )
    assert all(c.direction != "expands" for c in found), found


def test_a_new_list_of_countries_data_goes_to_is_high_at_its_lead_in() -> None:
    """Countries are no recipients: the lead-in says the transfer, its items only where."""
    lead = "We may transfer your personal data to the following countries:"
    found = changes(
        SHARING.format(added=""), SHARING.format(added=f"\n{lead}\n\n* India.\n* Brazil.\n")
    )
    grades = {c.new[0].text: (c.severity, c.direction) for c in found}
    assert grades[lead] == ("high", "expands"), found
    assert grades["India."][0] == "low", found

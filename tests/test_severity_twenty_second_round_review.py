"""Counter-examples to the twenty-second round's readings (helper-216's review of 33d9d4c),
written as policies write them: each failed on 33d9d4c.

- A bare "Company name" or "Companies" column says nothing about whose companies: a group's
  own entities ("Company name | Registered address | Role": who is the controller where) are
  no recipients, and a row added there names no new one.
- A table of sources ("Third party | Information we receive": sign-in with Google) lists where
  data comes from, not where it goes: a row added is data collected, not a new recipient.
- "Restricted uses" names a section of rules for users when it is the heading itself ("4.
  Restricted Uses", Basecamp's "Restricted purposes"), not when it says what data is restricted
  ("Restricted uses of personal information": the company's own, limited, uses) nor when it is
  what something is used for ("processed only for these restricted purposes:"): items there are
  the company's purposes, and a new one is a new use.
"""

from __future__ import annotations

import pytest

from tests.classify_support import classified
from tracker.model import Change
from tracker.vocabulary import Direction, Severity


def _table(intro: str, header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return intro + "\n".join(lines) + "\n"


def _added_row(intro: str, header: list[str], rows: list[list[str]], row: list[str]) -> Change:
    changes = classified(_table(intro, header, rows), _table(intro, header, [*rows, row]))
    found = [c for c in changes if c.kind == "added"]
    assert len(found) == 1, changes
    return found[0]


ENTITIES = (
    "# Privacy Policy\n\n## Who is responsible for your data\n\n"
    "The Acme group company that provides the service to you is the controller of your "
    "personal data.\n\n"
)


@pytest.mark.parametrize(
    ("header", "rows", "row"),
    [
        (
            ["Company name", "Registered address", "Role"],
            [
                ["Acme Inc.", "1 Main St, San Francisco, USA", "Controller for users in the US"],
                ["Acme Europe Ltd", "2 Dock Rd, Dublin, Ireland", "Controller in the EEA"],
            ],
            ["Acme Japan KK", "3-1 Chiyoda, Tokyo, Japan", "Controller for users in Japan"],
        ),
        (
            ["Companies", "Country"],
            [["Acme Inc.", "USA"], ["Acme Europe Ltd", "Ireland"]],
            ["Acme Japan KK", "Japan"],
        ),
    ],
)
def test_a_row_added_to_a_table_of_the_group_s_companies_is_no_recipient(
    header: list[str], rows: list[list[str]], row: list[str]
) -> None:
    change = _added_row(ENTITIES, header, rows, row)
    assert "new recipient listed" not in (change.reason or ""), change.reason
    assert change.severity != Severity.HIGH, change.reason


def test_a_row_added_to_a_table_of_sources_is_no_recipient() -> None:
    intro = (
        "# Privacy Policy\n\n## Information we receive from third parties\n\n"
        "We receive information about you from the third parties below.\n\n"
    )
    rows = [
        ["Facebook", "Your name and profile picture, if you log in with Facebook"],
        ["Apple", "Your email address, if you sign in with Apple"],
    ]
    row = ["Google", "Your name and email address, if you sign in with Google"]
    change = _added_row(intro, ["Third party", "Information we receive"], rows, row)
    assert "new recipient listed" not in (change.reason or ""), change.reason
    assert change.direction == Direction.EXPANDS, change.reason


@pytest.mark.parametrize("first", ["Partner companies", "Partner name", "Vendor name"])
def test_a_named_column_of_partners_names_recipients(first: str) -> None:
    """33d9d4c took the first pattern that matched the cell's start ("Partner" of "Partner
    name"), so the whole cell never matched and the new partner went unseen."""
    intro = "# Privacy Policy\n\n## Advertising\n\nOur partners may set cookies.\n\n"
    rows = [["Criteo", "https://www.criteo.com/privacy/"], ["AdMixer", "https://admixer.net/"]]
    row = ["EMX Digital", "https://enginemediaexchange.com/privacy/"]
    change = _added_row(intro, [first, "Privacy policy"], rows, row)
    assert (change.reason or "").startswith("new recipient listed"), change.reason


COMPANY_LIMITS = (
    "# Privacy Policy\n\n## {heading}\n\n"
    "We use personal information only for the purposes below.\n\n"
    "* Providing the services you request.\n* Detecting security incidents.\n"
)


def test_an_item_under_restricted_uses_of_data_is_the_company_s_use() -> None:
    old = COMPANY_LIMITS.format(heading="Restricted uses of personal information")
    (change,) = [c for c in classified(old, old + "* Targeted advertising.\n") if c.kind == "added"]
    assert (change.severity, change.direction) == (Severity.HIGH, Direction.EXPANDS), change.reason


def test_an_item_after_a_lead_of_restricted_purposes_is_the_company_s_use() -> None:
    old = (
        "# Privacy Policy\n\n## Sensitive information\n\n"
        "Sensitive personal information is processed only for these restricted purposes:\n\n"
        "* Providing the services you request.\n* Detecting security incidents.\n"
    )
    (change,) = [c for c in classified(old, old + "* Targeted advertising.\n") if c.kind == "added"]
    assert (change.severity, change.direction) == (Severity.HIGH, Direction.EXPANDS), change.reason


@pytest.mark.parametrize("heading", ["4. Restricted Uses", "Prohibited and restricted activities"])
def test_an_item_under_a_numbered_restricted_uses_heading_is_a_rule_for_users(
    heading: str,
) -> None:
    old = (
        f"# Terms of Service\n\n## {heading}\n\n"
        "* **Spam**: You may not use our products to send unsolicited messages.\n"
    )
    new = old + "* **Scraping**: Collecting data from our products by automated means.\n"
    (change,) = [c for c in classified(old, new) if c.kind == "added"]
    assert (change.reason or "").startswith("rule for users added"), change.reason


# -- a row of a table of recipients that names another ------------------------------------------

ADS = (
    "# Cookie Policy\n\n## Advertisements from third parties\n\n"
    "We show ads on some sites. Our advertising partners may set cookies.\n\n"
)
AD_PARTNERS = [
    ["33across", "https://33across.com/privacy-policy/"],
    ["AdMixer", "https://admixer.net/privacy"],
    ["Criteo", "https://www.criteo.com/privacy/"],
]


def _replaced_row(row: list[str]) -> Change:
    new_rows = [AD_PARTNERS[0], row, AD_PARTNERS[2]]
    header = ["Partner", "Cookie Info"]
    changes = classified(_table(ADS, header, AD_PARTNERS), _table(ADS, header, new_rows))
    (found,) = [c for c in changes if c.kind != "unchanged"]
    return found


def test_a_row_of_a_table_of_recipients_that_names_another_is_a_new_recipient() -> None:
    """The diff pairs "AdMixer | ..." with "EMX Digital | ..." (a modified row): on 33d9d4c
    read as a heading reworded (low), though a partner no one was told of now gets data."""
    change = _replaced_row(["EMX Digital", "https://enginemediaexchange.com/privacy/"])
    assert change.kind == "modified", change
    assert (change.severity, change.direction) == (Severity.HIGH, Direction.EXPANDS), change.reason
    assert "EMX Digital" in (change.reason or ""), change.reason


def test_a_recipient_renamed_in_its_row_is_no_new_one() -> None:
    change = _replaced_row(["AdMixer Ltd", "https://admixer.com/privacy"])
    assert change.severity != Severity.HIGH, change.reason

"""Readings from the blind sets measured once by the 52nd session (fresh85 and fresh87): each
rule general, each case failing on the rules before it, with near misses that keep what they
must.

- A row added to a table whose first column names recipients ("Partner | Cookie Info", then
  "EMX Digital | https://enginemediaexchange.com/privacy/": Automattic's cookie policy, cj037
  and cj038, each read as a heading-like line) names a new recipient: high, as an entry added
  under a heading that lists recipients. Not a table of trackers whose first column is their
  provider ("Service Provider | Cookie Name | Description | Expiration": each row a cookie, read
  as such), nor a first cell that only starts like one ("Partners we work with").
- Items under a heading of purposes users may not pursue ("Restricted purposes" in Basecamp's
  use restrictions, cl006: "Harassment: Intimidating or targeting people ...", read as "We use
  your information for Harassment ... (targeting)", high) are rules for users, as under
  "Prohibited uses": not the company's purposes of use.
- A contact or work detail newly collected ("job titles and phone numbers" added to account
  information: Grammarly's privacy policy, fresh8's n036, read as wording) is a new kind of
  data: ordinary, so medium (expands), as any kind not in the rule file's `sensitive`.
- "On an individual basis" waives something only when it is said of claims, disputes or
  proceedings: GitHub Sponsors' "matching is available on an individual basis" (fresh90's
  co018, measured once on a3690c1) was read as a class-action waiver added.
"""

from __future__ import annotations

import pytest

from tests.classify_support import added, classified, grade
from tracker.model import Change
from tracker.vocabulary import Direction, Severity

# -- a row added to a table of recipients --------------------------------------------------------

INTRO = (
    "# Cookie Policy\n\n## Advertisements from third parties\n\n"
    "We show ads on some sites. Our advertising partners may set cookies.\n\n"
)
PARTNERS = [
    ["33across", "https://33across.com/privacy-policy/"],
    ["AdMixer", "https://admixer.net/privacy"],
    ["Criteo", "https://www.criteo.com/privacy/"],
]
NEW_PARTNER = ["EMX Digital", "https://enginemediaexchange.com/privacy/"]


def _table(header: list[str], rows: list[list[str]], intro: str = INTRO) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return intro + "\n".join(lines) + "\n"


def _added_row(header: list[str], rows: list[list[str]], row: list[str]) -> Change:
    changes = classified(_table(header, rows), _table(header, [*rows, row]))
    found = [c for c in changes if c.kind == "added"]
    assert len(found) == 1, changes
    return found[0]


@pytest.mark.parametrize(
    "first", ["Partner", "Partners", "Vendor", "Advertising partners", "Third party", "Recipient"]
)
def test_a_row_added_to_a_table_of_recipients_is_a_new_recipient(first: str) -> None:
    change = _added_row([first, "Cookie Info"], PARTNERS, NEW_PARTNER)
    assert (change.severity, change.direction) == (Severity.HIGH, Direction.EXPANDS), change.reason
    assert (change.reason or "").startswith("new recipient listed: 'EMX Digital"), change.reason


def test_a_row_added_to_a_table_of_cookies_by_provider_is_no_new_recipient() -> None:
    header = ["Service Provider", "Cookie Name", "Description", "Expiration"]
    rows = [
        ["GitHub", "saml_csrf_token", "Associates a token with the client.", "session"],
        ["GitHub", "tz", "Remembers your time zone.", "session"],
    ]
    row = ["GitHub", "saml_csrf_token_legacy", "Associates a token with the client.", "session"]
    change = _added_row(header, rows, row)
    assert "new recipient listed" not in (change.reason or ""), change.reason


@pytest.mark.parametrize("first", ["Partners we work with", "Name", "Cookie"])
def test_a_first_cell_that_names_no_recipients_lists_none(first: str) -> None:
    change = _added_row([first, "Cookie Info"], PARTNERS, NEW_PARTNER)
    assert "new recipient listed" not in (change.reason or ""), change.reason


# -- purposes users may not pursue ----------------------------------------------------------------

RESTRICTIONS = (
    "# Use Restrictions\n\n## {heading}\n\n"
    "* **Violence**: You may not use our products to plan or threaten violence.\n"
    "* **Hate speech**: You cannot use our products to advocate for the oppression of people.\n"
)
HARASSMENT = (
    "* **Harassment**: Intimidating or targeting people or groups through repeated "
    "communication is not welcome here.\n"
)


@pytest.mark.parametrize(
    "heading", ["Restricted purposes", "Restricted uses", "Restricted activities"]
)
def test_an_item_under_restricted_purposes_is_a_rule_for_users(heading: str) -> None:
    old = RESTRICTIONS.format(heading=heading)
    (change,) = [c for c in classified(old, old + HARASSMENT) if c.kind == "added"]
    assert change.severity != Severity.HIGH, change.reason
    assert (change.reason or "").startswith("rule for users added"), change.reason


def test_an_item_under_the_company_s_purposes_is_still_a_use() -> None:
    old = "# Privacy Policy\n\n## Purposes\n\n* Providing the service.\n* Customer support.\n"
    (change,) = [c for c in classified(old, old + "* Targeted advertising.\n") if c.kind == "added"]
    assert (change.severity, change.direction) == (Severity.HIGH, Direction.EXPANDS), change.reason


# -- contact and work details as kinds of data ----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("phone number", "phone number"),
        ("job titles and phone numbers", "job titles"),
        ("postal address", "postal address"),
        ("mobile number", "mobile number"),
    ],
)
def test_a_new_contact_detail_collected_is_new_data_of_medium_weight(kind: str, said: str) -> None:
    """Account details gaining "job titles and phone numbers" (Grammarly's privacy policy,
    fresh8's n036, read as wording): a new kind of data collected, ordinary (medium, expands),
    not sensitive (high)."""
    old = "We collect your name and email address when you sign up."
    new = f"We collect your name, email address and {kind} when you sign up."
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason
    assert reason.startswith("new data:") and said in reason, reason


def test_one_word_for_a_contact_detail_for_another_is_no_new_data() -> None:
    severity, _, reason = grade(
        "We collect your name and phone number.", "We collect your name and telephone number."
    )
    assert severity in (Severity.LOW, Severity.NONE), reason


def test_a_sensitive_kind_added_is_still_high() -> None:
    severity, direction, reason = grade(
        "We collect your name and email address.",
        "We collect your name, email address, phone number and precise location.",
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


# -- "on an individual basis" waives something only of claims -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "As such, matching is available on an individual basis and will not be applied across "
        "multiple accounts.",
        "We review each request for an exception on an individual basis.",
    ],
)
def test_something_done_one_by_one_is_no_waiver(text: str) -> None:
    """GitHub Sponsors' matching "available on an individual basis" (fresh90's co018, read as
    a class-action waiver added): nothing about claims or disputes is waived."""
    severity, _, reason = added(text)
    assert not reason.startswith("arbitration or class-action waiver added"), reason
    assert severity != Severity.HIGH, reason


@pytest.mark.parametrize(
    "text",
    [
        "Any claims must be brought on an individual basis only, and not as a class action.",
        "You may bring claims against us only on an individual basis.",
        "Disputes will be resolved on an individual basis.",
        "Arbitration will be conducted on an individual basis, not as a consolidated proceeding.",
    ],
)
def test_claims_on_an_individual_basis_are_still_a_waiver(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert reason.startswith("arbitration or class-action waiver added"), reason

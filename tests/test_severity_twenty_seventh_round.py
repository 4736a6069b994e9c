"""Readings from the blind sets measured once by the 54th session (fresh112 to fresh115): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- Exceptions added to a promise that are not the law's: "GitHub will provide notice regarding
  our access ..., unless for legal disclosure, to comply with our legal obligations, ..., for
  automated scanning, or ..." (GitHub's Enterprise Subscription Agreement, fresh112's dk014,
  labelled high) was graded medium, as an exception for what the law compels, because one of
  the exceptions added is. An exception added to a promise is that only when every alternative
  it adds is the law's; one of the company's own ("for automated scanning") weakens the promise
  (high).
- "Prohibited from", "restricted from", "barred from" deny the verb after them as a "not" does:
  "... and certain government officials, may be restricted from accessing or using GitHub.com"
  (GitHub and Trade Controls, fresh115's dn011, labelled medium) was read as the company's use
  granted, and the officials as new recipients of data (high).
- An aside between the one acting and the verb ("We may, at our sole discretion, delete your
  content"; "We also reserve the right—after providing advance notice—to delete repositories",
  fresh111's dj051) hid the modal or took the aside's "our" for the subject: the verb was read
  as said plainly, or as a promise. Asides between commas that open with "at", "after",
  "without" ... and between dashes are left out when finding who acts and how; a name before
  the aside acts ("You understand that OpenSea, in its sole discretion, may disable ...").
- A lower-case item letter after a period starts a sentence ("... is not possible. c. Should
  the account be deleted ..."): the two were read as one.
"""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade
from tracker.classify import load_rules
from tracker.classify.statements import read_sentence
from tracker.classify.text import sentences
from tracker.resources import default_rules_path
from tracker.vocabulary import Direction, Severity

READINGS = load_rules(default_rules_path()).readings

NOTICE_BEFORE = (
    "Unless otherwise bound by requirements under law or if in response to a security threat, "
    "we will provide notice of such access."
)


def test_an_exception_of_the_companys_own_added_to_a_promise_is_high() -> None:
    new = (
        "We will provide notice of such access, unless for legal disclosure, to comply with our "
        "legal obligations, or where otherwise bound by requirements under law, for automated "
        "scanning, or if in response to a security threat."
    )
    severity, direction, reason = grade(NOTICE_BEFORE, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


def test_exceptions_added_for_the_law_alone_stay_medium() -> None:
    new = (
        "We will provide notice of such access, unless to comply with our legal obligations, or "
        "where otherwise bound by requirements under law, or if in response to a security threat."
    )
    severity, direction, reason = grade(NOTICE_BEFORE, new)
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason


@pytest.mark.parametrize(
    "text",
    [
        "Blocked parties are prohibited from accessing or using the Service.",
        "Certain government officials may be restricted from accessing or using the Service.",
        "Sanctioned parties are barred from accessing or using the Service.",
    ],
)
def test_prohibited_from_denies_the_verb(text: str) -> None:
    reading = read_sentence(text, READINGS)
    assert reading.claims, text
    assert all(claim.negated for claim in reading.claims), reading.claims


def test_a_party_added_to_those_restricted_is_no_new_recipient() -> None:
    old = "Blocked parties are prohibited from accessing or using the Service."
    new = (
        "Blocked parties, and certain government officials, may be restricted from accessing "
        "or using the Service."
    )
    severity, _, reason = grade(old, new)
    assert severity != Severity.HIGH, reason
    assert reason != "new recipients: government", reason


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("We may, at our sole discretion, delete your content.", "delete"),
        ("We may, at any time, terminate your account.", "terminate"),
        ("We reserve the right, at our discretion, to delete your content.", "delete"),
        (
            "We also reserve the right—after providing advance notice—to delete repositories "
            "that we determine to be placing undue strain on our infrastructure.",
            "delete",
        ),
        ("Acme Corp, at its discretion, may share your data with partners.", "share"),
    ],
)
def test_an_aside_does_not_hide_the_modal_or_who_acts(text: str, verb: str) -> None:
    claims = [c for c in read_sentence(text, READINGS).claims if c.verb == verb]
    assert claims, read_sentence(text, READINGS)
    assert claims[0].kind == "power", claims
    assert claims[0].modality == "permissive", claims
    assert not claims[0].negated, claims


def test_an_aside_keeps_a_denial_and_the_readers_right() -> None:
    denied = read_sentence("We will not, at any time, sell your data.", READINGS).claims
    assert [(c.verb, c.negated) for c in denied] == [("sell", True)]
    right = read_sentence("You may, at any time, delete your account.", READINGS).claims
    assert [(c.kind, c.verb) for c in right] == [("right", "delete")]


def test_deleting_content_at_the_companys_discretion_is_a_power_added() -> None:
    severity, direction, reason = added(
        "We may, at our sole discretion, delete any content you post."
    )
    assert direction == Direction.EXPANDS, reason
    assert severity in (Severity.MEDIUM, Severity.HIGH), reason


def test_an_agent_named_before_an_aside_is_not_the_one_promising() -> None:
    """ "Actions taken by OpenSea, at its sole discretion, to protect users": OpenSea is named
    as who took the actions, not as the subject of a promise to protect."""
    _, direction, reason = added(
        "Actions taken by OpenSea, at its sole discretion, to protect users are final."
    )
    assert "commitment added" not in reason, reason
    assert direction != Direction.NARROWS, reason


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "Deleting the account is not possible. c. Should the account be deleted by the "
            "user, all paid features expire.",
            2,
        ),
        ("We keep it. b) We share it with partners.", 2),
        # near misses: a single letter before the period, an abbreviation after one
        ("Doe v. Smith held it.", 1),
        ("We use tools, e.g. Google. i.e. That one.", 1),
    ],
)
def test_a_lettered_item_after_a_period_starts_a_sentence(text: str, count: int) -> None:
    assert len(sentences(text)) == count, sentences(text)

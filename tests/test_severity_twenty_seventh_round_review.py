"""Review of the twenty-seventh round: near misses of its rules that read the wrong thing.

- A name before an aside acts only when it opens its part of the sentence ("Acme, at its
  discretion, may ...", "You agree that Acme, ..."); a name that ends a phrase ("to Facebook",
  "with Google") acts in nothing, and "You", "Users", "The Customer" before an aside are the
  reader, not a company named.
- An aside left out when reading how a verb is said still says it when it is a word of how
  ("We will, at our sole discretion, delete ...": a power, not a promise to delete).
- "Prohibited from", "barred from" deny a verb in their own clause, not a main verb after a
  noun ("Members barred from the community can still request deletion ...").
- An exception is the law's item by item: "by applicable law, rule, or regulation" is all the
  law's, as is "a request from a public authority".
- A legal citation's "lit." before an item letter ends no sentence ("Art. 6 para. 1 lit. a)
  GDPR").
"""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.classify import load_rules
from tracker.classify.statements import read_sentence
from tracker.classify.text import sentences
from tracker.resources import default_rules_path
from tracker.vocabulary import Direction, Severity

READINGS = load_rules(default_rules_path()).readings


def _claims(text: str, verb: str) -> list[tuple[str, bool, str]]:
    return [
        (c.kind, c.negated, c.modality)
        for c in read_sentence(text, READINGS).claims
        if c.verb == verb
    ]


@pytest.mark.parametrize(
    "text",
    [
        "You, at any time, may delete your account.",
        "Users, at their discretion, may delete their accounts.",
        "The Customer, at any time, may delete Customer Data.",
        "Users who sign in with Google, at any time, may delete their account.",
        "You may export your data to Dropbox, at any time, and delete it from our servers.",
    ],
)
def test_the_reader_before_an_aside_keeps_the_right(text: str) -> None:
    assert [kind for kind, _, _ in _claims(text, "delete")] == ["right"], _claims(text, "delete")


def test_a_name_ending_a_phrase_before_an_aside_does_not_act() -> None:
    text = "You may link your account to Facebook, at any time, and share your activity."
    assert [kind for kind, _, _ in _claims(text, "share")] != ["power"]


def test_a_name_opening_a_clause_before_an_aside_acts() -> None:
    text = "You agree that Acme, without notice, may disclose your information to third parties."
    assert _claims(text, "disclose") == [("power", False, "permissive")]


@pytest.mark.parametrize(
    "text",
    [
        "We will, at our sole discretion, delete content that violates these Terms.",
        "We, at our sole discretion, delete content that violates these Terms.",
    ],
)
def test_discretion_in_an_aside_is_still_how_the_verb_is_said(text: str) -> None:
    assert _claims(text, "delete") == [("power", False, "permissive")]


def test_an_auxiliary_of_the_asides_own_clause_says_nothing_of_the_verb() -> None:
    text = "We will, upon any request you may make, delete your personal data."
    assert _claims(text, "delete") == [("duty", False, "binding")]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        (
            "Members who are barred from the community can still request deletion of their data.",
            "request deletion",
        ),
        (
            "Users who have been banned from the Service may request a copy of their data.",
            "request a copy",
        ),
        ("Users who are prohibited from posting may still delete their content.", "delete"),
        (
            "Content that is restricted from the public feed may be shared with your followers.",
            "shared",
        ),
    ],
)
def test_prohibited_from_a_noun_or_in_a_clause_of_its_own_denies_nothing_after(
    text: str, verb: str
) -> None:
    claims = _claims(text, verb)
    assert claims, read_sentence(text, READINGS)
    assert not any(negated for _, negated, _ in claims), claims


def test_prohibited_from_a_list_of_verbs_denies_each() -> None:
    text = "Our partners are prohibited from selling, renting, or sharing your personal data."
    assert all(negated for _, negated, _ in _claims(text, "sharing")), _claims(text, "sharing")


PROMISE = "We will not share your personal information with third parties."


@pytest.mark.parametrize(
    "exception",
    [
        "unless required by applicable law, rule, or regulation",
        "unless we are required to do so by law, legal process, or a governmental request",
        "except as required by law or to respond to a request from a public authority",
    ],
)
def test_exceptions_all_the_laws_item_by_item_stay_medium(exception: str) -> None:
    severity, direction, reason = grade(PROMISE, PROMISE[:-1] + " " + exception + ".")
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason


def test_a_bare_item_after_an_exception_of_the_companys_own_is_not_the_laws() -> None:
    new = PROMISE[:-1] + " unless required by law, for fraud prevention or security."
    severity, _, reason = grade(PROMISE, new)
    assert severity == Severity.HIGH, reason


@pytest.mark.parametrize(
    "text",
    [
        "Processing is based on Art. 6 para. 1 lit. a) GDPR.",
        "The legal basis is Art. 6 par. 1 lit. f. GDPR.",
    ],
)
def test_a_citations_item_letter_starts_no_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "verb", "kind", "modality"),
    [
        (
            "We may, in accordance with applicable law, share your information with law "
            "enforcement.",
            "share",
            "power",
            "permissive",
        ),
        (
            "We may, with your consent, share your data with partners.",
            "share",
            "power",
            "permissive",
        ),
        (
            "We may, from time to time, share your data with partners.",
            "share",
            "power",
            "permissive",
        ),
        ("We may, in some cases, share your data with partners.", "share", "power", "effort"),
        (
            "We will, in accordance with applicable law, delete your data.",
            "delete",
            "duty",
            "binding",
        ),
    ],
)
def test_asides_of_law_consent_and_cases_do_not_hide_who_acts(
    text: str, verb: str, kind: str, modality: str
) -> None:
    """The asides the modal reading leaves out ("in ...", "with ...") leave out who acts as
    well: "We may, in accordance with applicable law, share ..." was read as no one's sharing,
    said plainly."""
    assert _claims(text, verb) == [(kind, False, modality)], read_sentence(text, READINGS)

"""Issue 13, what the blind run on tests/data/fresh21 missed, as general kinds of change, each
written here in other words than that document's: a legal basis moved from consent to
legitimate interests; a closed list ("namely", "i.e.") left open ("such as"); a "(not
collected)" mark dropped from a kind of data; a promise of consent said as "only with consent"
removed; a purpose named only as what people may refuse; a pointer to a section by its quoted
title; a right taken as given ("When you delete your account, ..."); data made public; a
comparison of people's photos by facial recognition. Each case failed before its rule, and
each rule has a case it must leave alone."""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, added, grade, paragraph, removed
from tracker.classify import classify_change
from tracker.classify.restated import StatedPromises
from tracker.classify.severity import classify_diff
from tracker.classify.statements import read_sentence
from tracker.classify.text import match_form
from tracker.diff import diff_clauses
from tracker.model import Change, Clause
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Personalised recommendations | Your listening history | Legal basis: your consent",
            "Personalised recommendations | Your listening history | Legal basis: our legitimate"
            " interest in improving the service",
        ),
        (
            "We use your purchase history for marketing on the basis of your consent.",
            "We use your purchase history for marketing on the basis of your consent or our"
            " legitimate interests.",
        ),
    ],
)
def test_a_use_moved_from_consent_to_legitimate_interests_is_high(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "legal basis no longer consent alone" in reason


def test_legitimate_interests_named_where_no_consent_was_is_not_a_basis_change() -> None:
    _, _, reason = grade(
        "We use your purchase history to prevent fraud.",
        "We use your purchase history to prevent fraud, in our legitimate interests.",
    )
    assert "legal basis" not in reason


@pytest.mark.parametrize(
    ("old", "new", "severity"),
    [
        (
            "We disclose limited data to our analytics partners, namely your device type and"
            " country.",
            "We disclose limited data to our analytics partners, such as your device type and"
            " country.",
            Severity.HIGH,
        ),
        (
            "We keep the details of your last order (i.e. the items and the price) for a year.",
            "We keep the details of your last order (for example the items and the price) for a"
            " year.",
            Severity.MEDIUM,  # kept by the company itself, passed on to no one
        ),
    ],
)
def test_a_closed_list_left_open_expands(old: str, new: str, severity: Severity) -> None:
    got, direction, reason = grade(old, new)
    assert (got, direction) == (severity, Direction.EXPANDS)
    assert "closed list left open" in reason


def test_a_closed_list_still_closed_is_not_opened() -> None:
    _, _, reason = grade(
        "We disclose limited data to our analytics partners, namely your device type.",
        "We disclose limited data to our analytics partners, namely your device type, such as"
        " a phone or a laptop.",
    )
    assert "closed list" not in reason


def test_a_not_collected_mark_dropped_from_a_kind_of_data_is_high() -> None:
    severity, direction, reason = grade(
        "Precise geolocation (not collected);", "Precise geolocation;"
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "no longer marked '(not collected)'" in reason


def test_a_not_collected_mark_added_narrows() -> None:
    severity, direction, reason = grade(
        "Recordings of your calls with our support team;",
        "Recordings of your calls with our support team (not collected);",
    )
    assert (severity, direction) == (Severity.MEDIUM, Direction.NARROWS)
    assert "now marked" in reason


def test_a_kind_of_data_removed_with_its_mark_is_no_mark_dropped() -> None:
    _, _, reason = grade("Health data (not collected); Contacts;", "Contacts;")
    assert "marked" not in reason


@pytest.mark.parametrize(
    "text",
    [
        "We will only share your contacts with other apps where you have given consent.",
        "We only use your voice recordings to improve our models with your explicit consent.",
    ],
)
def test_a_promise_of_consent_said_with_only_removed_is_high(text: str) -> None:
    severity, direction, reason = removed(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "promise of consent removed" in reason


def test_a_practice_without_consent_removed_still_narrows() -> None:
    _, direction, reason = removed("We use your voice recordings to improve our models.")
    assert direction == Direction.NARROWS
    assert "consent" not in reason


def test_a_purpose_named_only_as_what_people_refuse_is_no_new_purpose() -> None:
    severity, _, reason = grade(
        "We use your email address to send you information about our promotions and offers if"
        " you have signed up for our newsletters (you can withdraw this consent at any time).",
        "We use your email address to send you information about our promotions and offers if"
        " you have signed up for our communications (you can withdraw from marketing at any"
        " time).",
    )
    assert "new purposes" not in reason
    assert severity != Severity.HIGH


def test_a_purpose_people_have_not_refused_is_still_a_new_purpose() -> None:
    _, _, reason = grade(
        "We use your messages to provide the service.",
        "We use your messages to provide the service and, where you have not opted out of"
        " training, for training.",
    )
    assert "training" in reason


def test_a_pointer_to_a_section_by_its_quoted_title_adds_no_practice() -> None:
    severity, _, reason = grade(
        "We keep your data only as long as we need it.",
        "We keep your data only as long as we need it. Please see “Health Information"
        " (Including Biometric Data)” in Section 4 to learn about our retention policy for"
        " biometric data.",
    )
    assert severity != Severity.HIGH, reason
    assert "new" not in reason


def test_a_right_taken_as_given_elsewhere_is_still_made() -> None:
    dropped = read_sentence(match_form("You can delete your profile at any time."), RULES.readings)
    right = next(c for c in dropped.promises if c.kind == "right")
    kept = StatedPromises(
        ["When you delete your profile, we hide it from other members within a day."],
        RULES.readings,
    )
    assert kept.still_made(right, dropped)
    other = StatedPromises(
        ["When you delete a support ticket, we keep it for a year."], RULES.readings
    )
    assert not other.still_made(right, dropped)


def test_data_made_public_by_the_company_is_spread() -> None:
    severity, direction, _ = added("We may make your workout history public to other members.")
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)


def test_people_making_their_own_content_public_is_no_company_practice() -> None:
    severity, _, _ = added("If you make your playlists public, other members can see them.")
    assert severity != Severity.HIGH


def test_comparing_photos_with_facial_recognition_is_high() -> None:
    severity, direction, reason = added(
        "We may use facial recognition so that we can compare your selfie with the photo on"
        " your identity document."
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "facial" in reason


@pytest.mark.parametrize("purpose", ["custom audiences", "lookalike audiences", "retargeting"])
def test_advertising_audiences_are_purposes(purpose: str) -> None:
    severity, direction, reason = added(f"We use your order history for {purpose}.")
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert purpose in reason


# What the blind run on tests/data/fresh22 read wrongly, in other words than that document's.


@pytest.mark.parametrize(
    "text",
    [
        "Under no circumstances will we sell your personal data.",
        "In no event will we share your messages with advertisers.",
        "At no time do we sell your data.",
        "Under no circumstances, however, will we sell your health data.",
        "Under no circumstances can Acme read your encrypted files and disclose their contents.",
    ],
)
def test_a_denial_before_an_inverted_subject_denies(text: str) -> None:
    severity, direction, reason = added(text)
    assert direction == Direction.NARROWS, reason
    assert severity != Severity.HIGH


def test_a_denial_in_a_clause_of_its_own_leaves_the_next_clause_alone() -> None:
    reading = read_sentence(
        match_form("In no event will we sell your data, and partners may collect your location."),
        RULES.readings,
    )
    claims = {c.verb: c.negated for c in reading.claims if c.kind == "power"}
    assert claims == {"sell": True, "collect": False}


def _processor_item(text: str) -> Change:
    path = ("Privacy", "5. Subprocessors", "Acme Hosting Ltd")
    clause = Clause(id="n", path=path, label=None, kind="list_item", text=text)
    return Change("added", (), (clause,))


@pytest.mark.parametrize(
    "text",
    [
        "Purpose: Process data in relation with customer support requests",
        "Guarantees for international transfer: Standard Contractual Clauses",
    ],
)
def test_a_detail_of_a_listed_recipient_is_no_new_recipient(text: str) -> None:
    classified = classify_change(_processor_item(text), RULES)
    assert classified.severity != Severity.HIGH, classified.reason
    assert "new recipient" not in (classified.reason or "")


def test_a_listed_recipient_is_still_a_new_recipient() -> None:
    classified = classify_change(_processor_item("Acme Analytics Inc. (usage analytics)"), RULES)
    assert classified.severity == Severity.HIGH, classified.reason


@pytest.mark.parametrize(
    "text",
    [
        "Third-party services may process your data to deliver the maps shown in the app.",
        "Our advertising partners may collect your device identifiers.",
    ],
)
def test_others_acting_on_data_themselves_have_it(text: str) -> None:
    severity, direction, _ = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)


@pytest.mark.parametrize(
    "text",
    [
        "We process, or our third-party providers may process for us, the kinds of data below:",
        "Embedding your clip on a website will allow the public to view your clip.",
    ],
)
def test_processing_for_the_company_or_a_recipient_after_the_verb_is_not_acting(
    text: str,
) -> None:
    severity, _, reason = added(text)
    assert severity != Severity.HIGH, reason


def test_a_promise_to_contact_people_before_a_disclosure_removed_is_high() -> None:
    severity, direction, reason = removed(
        "Where the law allows, we will contact the affected user before we disclose any data."
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


def test_contacting_people_about_offers_is_no_promise() -> None:
    severity, _, _ = removed("We may contact you about offers before your trial ends.")
    assert severity != Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "By creating an account, you consent to receive marketing emails from us and our partners.",
        "By using the app you also agree to receive promotional notifications.",
    ],
)
def test_marketing_agreed_to_by_signing_up_is_high(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "marketing by default" in reason


def test_signing_up_for_a_newsletter_is_a_choice() -> None:
    _, _, reason = added("By subscribing to our weekly newsletter you agree to receive offers.")
    assert "marketing by default" not in reason


def _diffed(old: list[str], new: list[str]) -> list[Change]:
    def clauses(texts: list[str], tag: str) -> list[Clause]:
        return [paragraph(t, f"{tag}{n}") for n, t in enumerate(texts)]

    return list(classify_diff(diff_clauses(clauses(old, "o"), clauses(new, "n")), RULES).changes)


_PAY_CLAUSE = (
    "Acme Pay account activity: we keep a record of each payment you make. We do not have"
    " access to the card numbers you enter, which our payment processor encrypts."
)
_KEPT = "We collect the name and email address you give us when you sign up for an account."


def test_a_products_clause_sent_to_that_products_own_document_is_no_alarm() -> None:
    changes = _diffed(
        [_KEPT, _PAY_CLAUSE],
        [_KEPT, "Each product's details are in its own policy: Acme Pay Privacy Policy."],
    )
    gone = next(c for c in changes if c.kind == "removed")
    assert gone.severity != Severity.HIGH, gone.reason
    assert "Acme Pay Privacy Policy" in (gone.reason or "")


def test_a_products_clause_removed_with_no_document_of_its_own_is_high() -> None:
    changes = _diffed(
        [_KEPT, _PAY_CLAUSE],
        [_KEPT, "Details of our processing are in Our Privacy Policy and The Cookie Notice."],
    )
    gone = next(c for c in changes if c.kind == "removed")
    assert gone.severity == Severity.HIGH, gone.reason


# What a review of the rules above (issue 13) found they read wrongly, or missed in other words.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We may share your data with partners, including but not limited to advertisers and"
            " analytics providers.",
            "We may share your data with partners, including advertisers and analytics providers.",
        ),
        (
            "We share your information with service providers, which include, but are not"
            " limited to, hosting providers.",
            "We share your information with service providers, such as hosting providers.",
        ),
    ],
)
def test_a_list_open_already_is_no_closed_list_left_open(old: str, new: str) -> None:
    _, _, reason = grade(old, new)
    assert "closed list" not in reason


def test_a_list_limited_to_what_it_names_left_open_still_expands() -> None:
    severity, _, reason = grade(
        "We share your data with advertisers, limited to your country and device type.",
        "We share your data with advertisers, including your country and device type.",
    )
    assert severity == Severity.HIGH
    assert "closed list left open: 'limited to'" in reason


@pytest.mark.parametrize(
    "text",
    [
        "Under no condition will we sell your personal data.",
        "In no instance do we sell your personal data.",
        "Not under any circumstances will we sell your personal data.",
    ],
)
def test_other_denials_before_an_inverted_subject_deny(text: str) -> None:
    severity, direction, reason = added(text)
    assert direction == Direction.NARROWS, reason
    assert severity != Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "We will only share your contacts with other apps with your permission.",
        "We only use your precise location with your prior authorization.",
        "We will only sell your data if you opt in.",
    ],
)
def test_a_promise_of_consent_in_other_words_removed_is_high(text: str) -> None:
    severity, direction, reason = removed(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "promise of consent removed" in reason


def test_a_practice_limited_otherwise_removed_still_narrows() -> None:
    _, direction, reason = removed(
        "We only share your data with our hosting provider with the approved security measures."
    )
    assert direction == Direction.NARROWS
    assert "consent" not in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You can withdraw your consent to marketing at any time.",
            "You can withdraw your consent to marketing at any time, and you can object to"
            " processing based on our legitimate interests.",
        ),
        (
            "Where we rely on your consent, you may withdraw it at any time.",
            "Where we rely on your consent, you may withdraw it at any time; where we rely on"
            " legitimate interests, you may object.",
        ),
        (
            "We send you our newsletter with your consent.",
            "We send you our newsletter with your consent, and we do not rely on legitimate"
            " interests for it.",
        ),
    ],
)
def test_legitimate_interests_objected_to_or_denied_is_no_basis_change(old: str, new: str) -> None:
    severity, _, reason = grade(old, new)
    assert "legal basis" not in reason
    assert severity != Severity.HIGH, reason


def test_legitimate_interests_with_an_objection_after_it_is_still_a_basis_change() -> None:
    _, direction, reason = grade(
        "Marketing emails | Your email address | Consent",
        "Marketing emails | Your email address | Legitimate interests (you can object at any time)",
    )
    assert direction == Direction.EXPANDS
    assert "legal basis no longer consent alone" in reason


def test_a_not_applicable_mark_dropped_from_a_right_narrows() -> None:
    severity, direction, reason = grade(
        "Right to data portability (not applicable);", "Right to data portability;"
    )
    assert direction == Direction.NARROWS, reason
    assert severity != Severity.HIGH


def test_a_not_applicable_mark_dropped_from_a_right_to_opt_out_expands() -> None:
    severity, direction, reason = grade(
        "Right to opt out of the sale of personal information (not applicable);",
        "Right to opt out of the sale of personal information;",
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


def test_a_purpose_people_may_refuse_named_with_its_kind_is_no_new_purpose() -> None:
    severity, _, reason = grade(
        "We use your email address to send you our newsletter.",
        "We use your email address to send you our newsletter; you can object to direct"
        " marketing at any time.",
    )
    assert "new purposes" not in reason
    assert severity != Severity.HIGH


def test_a_purpose_that_goes_on_until_refused_is_still_a_new_purpose() -> None:
    _, direction, reason = grade(
        "We share your data with our partners.",
        "We share your data with our partners unless you opt out of targeted advertising.",
    )
    assert direction == Direction.EXPANDS
    assert "new purposes: advertising" in reason


def test_a_labelled_line_directly_under_a_list_of_recipients_can_name_one() -> None:
    clause = Clause(
        id="n",
        path=("Privacy", "5. Subprocessors"),
        label=None,
        kind="list_item",
        text="Service: Intercom Inc. (customer support chat)",
    )
    classified = classify_change(Change("added", (), (clause,)), RULES)
    assert classified.severity == Severity.HIGH, classified.reason


def test_an_adverb_that_closes_no_list_is_no_closed_list_left_open() -> None:
    _, _, reason = grade(
        "We specifically ask for your consent before we share your location with advertisers.",
        "We ask for your consent, for example through a pop-up, before we share your location"
        " with advertisers.",
    )
    assert "closed list" not in reason


@pytest.mark.parametrize(
    "text",
    [
        "Purpose: Targeted advertising and measurement of ad campaigns",
        "Processing activities: Training of machine learning models on support conversations",
    ],
)
def test_a_listed_recipients_purpose_the_rules_name_added_is_high(text: str) -> None:
    classified = classify_change(_processor_item(text), RULES)
    assert (classified.severity, classified.direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "listed recipient's purpose added" in (classified.reason or "")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We process your data to provide the service, which is necessary for our contract,"
            " and, with your consent, to send you newsletters.",
            "We process your data to provide the service, which is necessary for our contract"
            " and our legitimate interests, and, with your consent, to send you newsletters.",
        ),
        (
            "We use analytics cookies with your consent.",
            "We use analytics cookies with your consent and security cookies based on our"
            " legitimate interests.",
        ),
    ],
)
def test_legitimate_interests_for_another_use_than_consents_is_no_basis_change(
    old: str, new: str
) -> None:
    _, _, reason = grade(old, new)
    assert "legal basis" not in reason


def test_legitimate_interests_beside_consent_for_the_same_use_is_a_basis_change() -> None:
    severity, _, reason = grade(
        "We rely on your consent to send you marketing emails.",
        "We rely on your consent, or on our legitimate interests where you are an existing"
        " customer, to send you marketing emails.",
    )
    assert severity == Severity.HIGH
    assert "legal basis no longer consent alone" in reason


@pytest.mark.parametrize(
    "refusal",
    [
        "you can withdraw your consent to marketing at any time",
        "you can object to the use of your data for marketing at any time",
    ],
)
def test_a_purpose_refused_as_consent_to_it_or_use_for_it_is_no_new_purpose(refusal: str) -> None:
    severity, _, reason = grade(
        "We use your email address to send you our newsletter.",
        f"We use your email address to send you our newsletter; {refusal}.",
    )
    assert "new purposes" not in reason
    assert severity != Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "We may make your profile visible to everyone.",
        "We may display your name and photo publicly.",
    ],
)
def test_data_shown_to_everyone_by_the_company_is_spread(text: str) -> None:
    severity, direction, _ = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)


def test_people_showing_their_own_things_to_everyone_is_no_company_practice() -> None:
    severity, _, _ = added(
        "If you make your playlists visible to everyone, other members can see them."
    )
    assert severity != Severity.HIGH


# A reviewer's counter-example (helper-106) and two patterns whose backslashes were doubled in
# the rule file, so that they never matched a word.


@pytest.mark.parametrize(
    "text",
    [
        "In no event will we be liable for your use of third-party services that may collect"
        " and share your data.",
        "In no event shall Acme Corp be liable for any indirect damages.",
        "Under no circumstances shall Acme be liable for lost profits.",
    ],
)
def test_an_inverted_denial_of_the_companys_liability_excludes_it(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.MEDIUM, Direction.EXPANDS), reason
    assert "liability excluded" in reason


def test_an_inverted_denial_of_the_users_liability_excludes_nothing_of_the_company() -> None:
    _, _, reason = added("Under no circumstances shall you be liable for our errors.")
    assert "liability excluded" not in reason


def test_using_what_people_give_without_compensation_reads_as_a_licence() -> None:
    text = "If you send us ideas, we may use such suggestions without compensation to you."
    assert RULES.readings.search("licence", match_form(text)) is not None

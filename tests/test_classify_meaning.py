"""Severity reads meaning, not words: each kind of change of issue 13 is graded with its
direction and a reason a reader can check; structure and wording are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import RuleSet, classify_change, classify_diff, load_rules
from tracker.classify.meaning import pair_sentences
from tracker.classify.quantities import ages, amounts, periods
from tracker.classify.severity import changed_signals, word_ops
from tracker.classify.statements import read_sentence
from tracker.model import Change, Clause, ClauseDiff
from tracker.vocabulary import ChangeDetail

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RULES


def clause(text: str, path: tuple[str, ...] = ("Privacy",), cid: str = "c") -> Clause:
    return Clause(id=cid, path=path, label=None, kind="paragraph", text=text)


def modified(old: str, new: str) -> Change:
    return Change(
        "modified", (clause(old, cid="o"),), (clause(new, cid="n"),), 0.9, word_ops(old, new)
    )


def grade(change: Change) -> tuple[str, str, str]:
    classified = classify_change(change, RULES)
    return classified.severity, classified.direction, classified.reason or ""


EXPANDING = [
    (
        "We do not use any data collected from you to train our models without your explicit "
        "opt-in and consent.",
        "We may use data collected from you to train our models unless you opt out.",
        "negation removed",
    ),
    (
        "We retain your chat history for 30 days.",
        "We retain your chat history for 3 years.",
        "retention period lengthened: 30 days -> 3 years",
    ),
    (
        "We retain your chat history for 30 days.",
        "We retain your chat history for as long as we deem necessary.",
        "retention period lengthened: 30 days -> as long as we deem necessary",
    ),
    (
        "If we make material changes, we will notify you by email.",
        "If we make material changes, we may notify you by email.",
        "commitment weakened",
    ),
    (
        "For material changes, we will provide you thirty (30) days advance notice by email.",
        "For material changes, we may provide you thirty (30) days advance notice by email.",
        "commitment weakened",
    ),
    (
        "We will retain your information to comply with our legal obligations, but we will "
        "delete your profile within 90 days of cancellation.",
        "We will retain your information to comply with our legal obligations, but we will "
        "try to delete your profile within 90 days of cancellation.",
        "commitment weakened: 'we will delete' -> 'we will try to delete'",
    ),
    (
        "We use your conversations to improve our models only if you opt in.",
        "We use your conversations to improve our models unless you opt out.",
        "consent changed from opt-in to opt-out",
    ),
    (
        "Our total liability will not exceed $500.",
        "Our total liability will not exceed $50.",
        "liability cap lowered: $500 -> $50",
    ),
    (
        "You must be at least 16 years old to use the Services.",
        "You must be at least 13 years old to use the Services.",
        "age changed: 16 years old -> 13 years old",
    ),
    (
        "We may share your information with our service providers.",
        "We may share your information with our service providers and advertisers.",
        "new recipients: advertisers",
    ),
    (
        "We use your information to provide the Services.",
        "We use your information to provide the Services and for targeted advertising.",
        "new purposes",
    ),
    (
        "We collect information you provide, such as your name and email address.",
        "We collect information you provide, such as your name, email and precise location.",
        "new data",
    ),
    (
        "You retain ownership of your content.",
        "You retain ownership of your content. You grant us a perpetual, irrevocable, worldwide "
        "licence to use it to train our models.",
        "licence over your content added",
    ),
    (
        "These Terms govern your use of the Services.",
        "These Terms govern your use of the Services. Any dispute will be resolved by binding "
        "arbitration and you waive any right to a class action.",
        "arbitration or class-action waiver added",
    ),
    (
        "These Terms govern your use of the Services.",
        "These Terms govern your use of the Services. We may change these Terms at any time "
        "without notice.",
        "power to change at will added",
    ),
    (
        "You can opt out of the sale of your data at any time. We delete your data on request.",
        "We delete your data on request.",
        "right removed",
    ),
    (
        "We do not sell your personal information. We keep your data secure.",
        "We keep your data secure.",
        "promise removed",
    ),
    (
        "We do not use your recordings to train our models.",
        "We do not use your recordings to train our models, except to address abuse.",
        "exception added to a promise",
    ),
]


@pytest.mark.parametrize(("old", "new", "reason"), EXPANDING, ids=lambda v: v[:30])
def test_changes_that_expand_what_the_company_may_do_are_high(
    old: str, new: str, reason: str
) -> None:
    severity, direction, why = grade(modified(old, new))
    expected = "neutral" if "age changed" in reason else "expands"  # an age: high either way
    assert (severity, direction) == ("high", expected), why
    assert reason in why


@pytest.mark.parametrize(("old", "new", "reason"), EXPANDING, ids=lambda v: v[:30])
def test_the_same_changes_made_the_other_way_narrow_and_are_medium_at_most(
    old: str, new: str, reason: str
) -> None:
    severity, direction, why = grade(modified(new, old))
    if "age changed" in reason:
        assert severity == "high"
        return
    assert severity in ("medium", "low"), why
    assert direction == "narrows", why


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We use your information, e.g. your email, to contact you.",
            "We use your information, for example your email, to contact you.",
        ),
        (
            "We use cookies in order to remember your settings.",
            "We use cookies to remember your settings.",
        ),
        (
            "We may share your data with our affiliates.",
            "We may share your data with our afiliates.",
        ),
        (
            "Visit <https://example.com/privacy?utm_source=mail> to learn more.",
            "Visit <https://example.com/privacy> to learn more.",
        ),
        ("Last updated: March 3, 2025", "Last updated: June 17, 2026"),
    ],
)
def test_wording_links_and_dates_are_low_or_none(old: str, new: str) -> None:
    severity, direction, _ = grade(modified(old, new))
    assert severity in ("low", "none")
    assert direction == "neutral"


@pytest.mark.parametrize(
    ("change", "severity"),
    [
        (
            Change(
                "removed",
                (clause("We do not sell your data."),),
                (),
                detail=ChangeDetail.DEDUPLICATED,
            ),
            "none",
        ),
        (
            Change(
                "modified",
                (clause("Updated May 1"),),
                (clause("Updated May 2"),),
                detail=ChangeDetail.DATE_ONLY,
            ),
            "none",
        ),
        (
            Change("moved", (clause("Rows"),), (clause("Rows"),), detail=ChangeDetail.REORDERED),
            "none",
        ),
        (
            Change(
                "modified",
                (clause("See <https://a.example/x?sid=1>."),),
                (clause("See <https://a.example/x?sid=2>."),),
                detail=ChangeDetail.LINK,
            ),
            "low",
        ),
    ],
    ids=["deduplicated", "date-only", "reordered", "link"],
)
def test_structural_details_from_the_diff_carry_no_meaning(change: Change, severity: str) -> None:
    assert grade(change)[0] == severity


def test_headings_and_table_of_contents_lines_are_low(rules: RuleSet) -> None:
    for text in ("How We Share Your Information With Third Parties", "What data do we collect?"):
        assert grade(Change("added", (), (clause(text),)))[0] == "low"


def test_a_removed_promise_found_again_in_another_changed_clause_was_moved(rules: RuleSet) -> None:
    promise = "We do not sell your personal information to advertisers or data brokers."
    diff = ClauseDiff(
        unchanged=3,
        changes=(
            Change("removed", (clause(promise, cid="a"),), ()),
            modified(
                "Protecting privacy is central to us.",
                "Protecting privacy is central to us. " + promise,
            ),
        ),
    )
    removed, _ = classify_diff(diff, rules).changes
    assert removed.severity == "low"
    assert "moved" in (removed.reason or "")
    alone = classify_diff(ClauseDiff(unchanged=3, changes=diff.changes[:1]), rules).changes[0]
    assert (alone.severity, alone.direction) == ("high", "expands")


def test_a_sentence_moved_and_reworded_is_read_against_its_old_version(rules: RuleSet) -> None:
    before = "We use aggregated and anonymous datasets to conduct research on our products."
    after = "We use aggregated or anonymous datasets to conduct research on our products."
    pointer = "For more information about how we use your data, please read our Privacy Policy."

    def moved(new: str) -> Change:
        diff = ClauseDiff(
            unchanged=3,
            changes=(
                Change("removed", (clause(before, cid="a"),), ()),
                Change("added", (), (clause(new, ("Research",), cid="b"),)),
            ),
        )
        removed, added = classify_diff(diff, rules).changes
        assert removed.severity == "low", removed.reason  # the added side tells the change
        return added

    reworded = moved(after)
    assert (reworded.severity, reworded.direction) == ("high", "expands"), reworded.reason
    assert "'aggregated and anonymous' -> 'aggregated or anonymous'" in (reworded.reason or "")
    same = moved(before)
    assert same.severity == "low", same.reason
    assert "moved" in (same.reason or "")
    # a pointer that reuses the words says nothing itself
    assert moved(pointer + " " + before).severity == "low"


def test_a_rewording_is_reported_once(rules: RuleSet) -> None:
    promise = "We will never sell your personal data to data brokers, advertisers or companies."
    diff = ClauseDiff(
        unchanged=3,
        changes=(
            Change("removed", (clause(promise, cid="a"),), ()),
            Change("added", (), (clause("We will sell your data to brokers.", cid="b"),)),
        ),
    )
    graded = classify_diff(diff, rules).changes
    assert [c.severity for c in graded].count("high") == 1, [c.reason for c in graded]


def test_a_new_entry_in_a_list_of_subprocessors_is_a_new_recipient(rules: RuleSet) -> None:
    path = ("Data Processing Addendum", "Schedule 4 - Subprocessors")
    row = Clause(
        id="r",
        path=path,
        label=None,
        kind="table_row",
        text="| Acme Analytics | Analytics | United States |",
    )
    assert grade(Change("added", (), (row,)))[:2] == ("high", "expands")
    assert grade(Change("removed", (row,), ()))[:2] == ("medium", "narrows")


def test_a_location_line_of_a_listed_entry_is_not_a_new_recipient(rules: RuleSet) -> None:
    path = ("Privacy Policy", "Our subprocessors")

    def line(text: str) -> Clause:
        return Clause(id="l", path=path, label=None, kind="list_item", text=text)

    location = line("Data location: United States")
    severity, direction, why = grade(Change("added", (), (location,)))
    assert (severity, direction) == ("medium", "expands"), why
    assert "location added" in why
    assert grade(Change("removed", (location,), ()))[:2] == ("medium", "narrows")
    # a name, or a label that is not a place, is still a listed recipient
    assert grade(Change("added", (), (line("Acme Analytics: United States"),)))[0] == "high"
    assert grade(Change("added", (), (line("Location and analytics: Acme Inc."),)))[0] == "high"


def test_a_sentence_of_its_own_added_to_an_entry_is_read_as_that_sentence(
    rules: RuleSet,
) -> None:
    path = ("Data Processing Addendum", "Subprocessors")
    old = "Customer authorises the engagement of the Subprocessors listed in Schedule 4."
    new = old + " You have the right to access and obtain a copy of your personal data."
    change = Change(
        "modified",
        (Clause(id="o", path=path, label=None, kind="paragraph", text=old),),
        (Clause(id="n", path=path, label=None, kind="paragraph", text=new),),
        0.9,
        word_ops(old, new),
    )
    severity, direction, why = grade(change)
    assert (severity, direction) == ("medium", "narrows"), why
    assert "right added" in why and "scope widened" not in why


def test_a_plural_subject_before_a_verb_ending_in_ss_acts(rules: RuleSet) -> None:
    for sentence, verb in (
        ("Our affiliates process your personal data.", "process"),
        ("The vendors access your data.", "access"),
    ):
        claims = read_sentence(sentence, rules.readings).claims
        assert [(c.verb, c.kind) for c in claims] == [(verb, "power")], sentence
    # a noun before the verb still makes a noun phrase
    assert read_sentence("Each data process is audited.", rules.readings).claims == ()
    severity, direction, why = grade(
        modified(
            "These entities process your personal data for us, such as storage and analytics.",
            "These entities process your personal data for us, such as storage, model training"
            " and analytics.",
        )
    )
    assert (severity, direction) == ("high", "expands"), why


def test_a_users_verb_in_a_relative_clause_is_no_right(rules: RuleSet) -> None:
    text = "Depending on the features which you access, your data may be processed abroad."
    assert [c.kind for c in read_sentence(text, rules.readings).claims] == ["power"]
    assert [c.kind for c in read_sentence("You can access your data.", rules.readings).claims] == [
        "right"
    ]


def added(text: str, path: tuple[str, ...] = ("Privacy", "International transfers")) -> Change:
    return Change("added", (), (clause(text, path),))


def test_a_transfer_described_by_its_legal_safeguard_is_not_a_new_recipient(
    rules: RuleSet,
) -> None:
    safeguard = (
        "We rely on standard contractual clauses to transfer your personal data to our group"
        " companies in countries without an adequacy decision."
    )
    severity, _, why = grade(added(safeguard))
    assert severity == "medium", why
    # without the safeguard, or with data shared for a purpose, it is still high
    assert grade(added("We transfer your personal data to our group companies abroad."))[0] == (
        "high"
    )
    sold = "We rely on standard contractual clauses to sell your personal data to data brokers."
    assert grade(added(sold))[0] == "high"


def test_a_number_label_written_into_the_text_is_no_changed_number(rules: RuleSet) -> None:
    body = "any competent law enforcement body where we believe disclosure is necessary."
    for old, new in (("5. " + body, "(e) " + body), (body.capitalize(), "7. " + body.capitalize())):
        severity, _, why = grade(modified(old, new))
        assert severity in ("none", "low"), why
        assert "numbers" not in changed_signals(word_ops(old, new), rules)
    for old, new in (
        ("Fees are 5. Then you pay.", "Fees are 6. Then you pay."),
        ("Our liability to you is capped at: 100.", "Our liability to you is capped at: 10."),
        ("Minimum age. 13.", "Minimum age. 18."),
    ):
        assert "numbers" in changed_signals(word_ops(old, new), rules), old


def test_a_section_moved_to_a_document_the_new_version_points_to_is_low(rules: RuleSet) -> None:
    path = ("Privacy", "Cookies")
    kept = "We may use cookies and similar technologies to gather information."
    pointer = kept + " For details about our use of cookies, please read our Cookies Notice."
    removed_text = (
        "We may also use cookies to track user behavior on the Services and to analyze trends."
    )
    moved = Change("removed", (clause(removed_text, path, "r"),), ())
    pointed = Change(
        "modified",
        (clause(kept, path, "k"),),
        (clause(pointer, path, "k"),),
        0.6,
        word_ops(kept, pointer),
    )
    graded = classify_diff(ClauseDiff(unchanged=2, changes=(pointed, moved)), rules).changes[1]
    assert (graded.severity, graded.direction) == ("low", "neutral"), graded.reason
    assert "moved to another document" in (graded.reason or "")
    # without the new pointer it is a removal like any other
    alone = classify_diff(ClauseDiff(unchanged=2, changes=(moved,)), rules).changes[0]
    assert alone.severity != "low", alone.reason


def test_a_new_power_over_data_in_a_sentence_is_a_medium_expansion(rules: RuleSet) -> None:
    old = "To answer you, the assistant reads any data you provide, such as prompts."
    new = (
        "To answer you, the assistant reads any data provided by you or accessed by us through"
        " services you have connected, such as prompts."
    )
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("medium", "expands"), why
    assert "new power over data" in why
    # the same powers in other words are no new power
    swapped = grade(modified("We collect your data.", "We gather your data."))
    assert swapped[1] != "expands", swapped


def test_a_safeguard_named_in_one_sentence_covers_its_clause(rules: RuleSet) -> None:
    clause_text = (
        "Adequacy decisions. The European Commission decides which countries offer an adequate"
        " level of data protection. We transfer your personal data to some of these countries."
    )
    assert grade(added(clause_text))[0] == "medium"


def test_an_example_in_ing_takes_the_standing_of_its_main_verb(rules: RuleSet) -> None:
    denied = (
        "Acme shall not use any connected content for other purposes (such as training its"
        " machine learning models)."
    )
    claims = read_sentence(denied, rules.readings).claims
    assert [(c.verb, c.negated) for c in claims] == [("use", True), ("training", True)]
    severity, direction, why = grade(added(denied, ("Privacy", "Connected apps")))
    assert (severity, direction) == ("medium", "narrows"), why
    allowed = "We use your data for purposes such as training our models."
    assert grade(added(allowed, ("Privacy", "Connected apps")))[:2] == ("high", "expands")


def test_a_disclosure_pointing_to_a_section_is_still_read_for_what_it_says(
    rules: RuleSet,
) -> None:
    sold = "We sell your personal information to data brokers, as described in Section 4."
    assert grade(added(sold))[:2] == ("high", "expands")


def test_a_safeguard_does_not_cover_a_sentence_naming_the_recipients(rules: RuleSet) -> None:
    text = (
        "We transfer your personal data, including your chat history, to our affiliates in"
        " China. For transfers from the EEA we rely on standard contractual clauses."
    )
    assert grade(added(text))[0] == "high"


def test_a_removed_promise_stays_high_when_a_new_sentence_points_to_another_document(
    rules: RuleSet,
) -> None:
    path = ("Privacy", "Sharing")
    removed = Change(
        "removed",
        (clause("We do not sell or share your personal information with data brokers.", path),),
        (),
    )
    pointer = (
        "For more information about how we share personal information, read our Privacy Notice."
    )
    added_pointer = Change("added", (), (clause(pointer, path, "p"),))
    graded = classify_diff(ClauseDiff(unchanged=2, changes=(added_pointer, removed)), rules)
    assert graded.changes[1].severity == "high", graded.changes[1].reason


def test_claims_read_who_acts_denial_and_modality(rules: RuleSet) -> None:
    reading = read_sentence(
        "We do not sell, rent, or share your data, but you can opt out of emails.", rules.readings
    )
    by_verb = {c.verb: c for c in reading.claims}
    assert by_verb["share"].kind == "power" and by_verb["share"].negated
    assert by_verb["opt out"].kind == "right" and not by_verb["opt out"].negated
    assert read_sentence("We will notify you.", rules.readings).claims[0].modality == "binding"
    used = read_sentence("Your use of the Services is free.", rules.readings)
    assert not used.claims  # "use" is a noun here


def test_a_power_to_change_at_will_is_read_within_one_part_of_a_sentence(
    rules: RuleSet,
) -> None:
    joined = (
        "You will not manipulate metrics, such as by paying people to increase a channel's "
        "subscribers; you can withdraw your consent to the Service at any time."
    )
    assert read_sentence(joined, rules.readings).unilateral is None
    granted = "We reserve the right, at any time and without notice, to modify the Services."
    assert read_sentence(granted, rules.readings).unilateral == "modify the Services at any time"


def test_quantities_are_read_by_value() -> None:
    assert [p.value for p in periods("kept for thirty (30) days, then 2 years")] == [30, 730]
    assert [a.value for a in amounts("between $5 and US$25,000")] == [5, 25000]
    assert [a.value for a in ages("at least eighteen (18) years of age; under the age of 13")] == [
        18,
        13,
    ]
    assert periods("Section 4 of the 2023 policy") == []


def test_a_rule_file_without_readings_still_grades(tmp_path: Path) -> None:
    minimal = tmp_path / "rules.toml"
    minimal.write_text(
        '[[topics]]\nid = "t"\nlabel = "T"\nseverity = "high"\npatterns = ["data"]\n',
        encoding="utf-8",
    )
    rules = load_rules(minimal)
    change = classify_change(modified("We use your data.", "We use and keep your data."), rules)
    assert change.severity in ("low", "medium") and change.reason


@pytest.mark.parametrize(
    "text",
    [
        "We keep your fine-tuning data until you delete it from the platform.",
        "When you link your account to a third party service, the third party obtains your "
        "basic account information.",
        "Account data is kept for one year after you terminate your account.",
        "Please make sure you review these terms carefully.",
    ],
)
def test_a_users_verb_in_a_condition_is_not_a_right_removed(text: str) -> None:
    severity, _, reason = grade(Change("removed", (clause(text),), ()))
    assert "right removed" not in reason
    assert severity != "high"


@pytest.mark.parametrize(
    "text",
    [
        "You can delete your data at any time.",
        "If you live in California, you can opt out of the sale of your personal information.",
    ],
)
def test_a_right_granted_is_still_read_as_one(text: str) -> None:
    severity, direction, reason = grade(Change("removed", (clause(text),), ()))
    assert (severity, direction) == ("high", "expands")
    assert reason.startswith("right removed")


def test_a_choice_over_training_is_not_a_new_power_to_train() -> None:
    text = "You can choose whether your content can be used to improve and train our models."
    severity, _, _ = grade(Change("added", (), (clause(text),)))
    assert severity != "high"
    power = "Your content can be used to improve and train our models."
    assert grade(Change("added", (), (clause(power),)))[0] == "high"


def test_a_sentence_pointing_to_where_something_is_explained_states_nothing() -> None:
    text = "To learn how information is shared with linked services, see the section below."
    assert grade(Change("added", (), (clause(text),)))[0] != "high"


@pytest.mark.parametrize(
    ("sentence", "promise"),
    [
        ("We process your data to protect the safety of our users.", None),
        ("We process the information to provide the Services and to protect their security.", None),
        ("We use encryption to protect your data.", "protect"),
        ("We use commercially reasonable efforts to de-identify such data.", "de-identify"),
        ("We will take reasonable steps to protect your personal data.", "protect"),
    ],
)
def test_a_purpose_of_processing_data_is_no_promise_but_a_means_to_protect_it_is(
    sentence: str, promise: str | None
) -> None:
    reading = read_sentence(sentence, RULES.readings)
    duties = [c.verb for c in reading.claims if c.kind == "duty" and c.protects]
    assert duties == ([] if promise is None else [promise])


@pytest.mark.parametrize(
    "text",
    [
        "Don't use our services to harm yourself or others, for example, don't use our "
        "services to promote self-harm.",
        "Do not share your password with anyone.",
    ],
)
def test_an_order_to_users_is_a_rule_for_them_not_a_promise_of_the_company(text: str) -> None:
    reading = read_sentence(text, RULES.readings)
    assert not reading.promises
    assert reading.prohibition
    assert grade(Change("removed", (clause(text),), ()))[:2] == ("medium", "narrows")
    added = grade(Change("added", (), (clause(text),)))
    assert added[:2] == ("medium", "neutral")
    assert added[2].startswith("rule for users added")


@pytest.mark.parametrize(
    "text",
    ["We do not sell, rent, or share your data.", "We do not sell your data, and never share it."],
)
def test_the_companys_own_denials_stay_promises(text: str) -> None:
    reading = read_sentence(text, RULES.readings)
    assert {c.verb for c in reading.promises} >= {"sell", "share"}
    assert grade(Change("removed", (clause(text),), ()))[:2] == ("high", "expands")


@pytest.mark.parametrize(
    ("old", "new", "term"),
    [
        (
            "Input means any data you provide to generate an Output, such as prompts.",
            "Input means any data provided by you or accessed by us through services you have"
            " connected to generate an Output, such as prompts.",
            "Input",
        ),
        (
            "\u201cContent\u201d, any files you upload to the Services.",
            "\u201cContent\u201d, any files you upload or we collect from your connected accounts.",
            "Content",
        ),
    ],
)
def test_a_definition_that_gains_a_power_over_data_widens_every_use_of_its_term(
    old: str, new: str, term: str
) -> None:
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert f"definition of '{term}' widened" in why
    assert grade(modified(new, old))[1] != "expands"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We may publish aggregated and anonymous statistics about usage.",
            "We may publish aggregated or anonymous statistics about usage.",
        ),
        (
            "We do not share your data unless it is de-identified and encrypted.",
            "We do not share your data unless it is de-identified and/or encrypted.",
        ),
    ],
)
def test_safeguards_joined_by_and_made_alternatives_expand(old: str, new: str) -> None:
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "safeguards made alternatives" in why
    back = grade(modified(new, old))
    assert back[:2] == ("medium", "narrows"), back
    # other words joined by "or" instead of "and" are not safeguards
    plain = grade(
        modified("We use names and emails to log in.", "We use names or emails to log in.")
    )
    assert "safeguards" not in plain[2]


def test_recipients_in_another_word_form_are_no_new_recipients(rules: RuleSet) -> None:
    old = (
        "We share your data with our affiliated companies in the Example Group and their"
        " service providers."
    )
    new = "We share your data with our group companies and affiliates and their service providers."
    severity, direction, why = grade(modified(old, new))
    assert direction != "expands" and severity != "high", why
    # a recipient that really is new still is
    fresh = "We share your data with our service providers and data brokers."
    assert grade(modified("We share your data with our service providers.", fresh))[0] == "high"


def test_a_cross_reference_in_brackets_states_nothing(rules: RuleSet) -> None:
    old = (
        "Your data may be processed outside your country, such as by a third party (as explained"
        " in section IV) located overseas."
    )
    new = (
        "Your data may be processed outside your country, such as by a third party (as explained"
        " in section IV. How Do We Disclose Your Personal Data) located overseas."
    )
    severity, direction, why = grade(modified(old, new))
    assert severity != "high" and direction != "expands", why
    reading = read_sentence(new, rules.readings)
    assert "Disclose" not in reading.text


def _with_unchanged(added_text: str, unchanged: list[Clause]) -> Change:
    new = clause(added_text, ("Privacy", "Transfers abroad"), cid="new")
    diff = ClauseDiff(
        unchanged=len(unchanged),
        changes=(Change("added", (), (new,)),),
        new_clauses=(*unchanged, new),
    )
    return classify_diff(diff, RULES).changes[0]


def test_a_new_sentence_naming_only_recipients_the_old_version_gave_data_to_restates_it() -> None:
    sharing = [
        clause("We disclose your personal data to our service providers.", cid="u1"),
        Clause(
            id="u2",
            path=("Privacy", "How We Share Your Data"),
            label="2.",
            kind="list_item",
            text="Business partners who help us run promotions.",
        ),
    ]
    text = (
        "We share certain of your personal data with our business partners and service"
        " providers. They can be located outside your country of residence."
    )
    restated = _with_unchanged(text, sharing)
    assert (restated.severity, restated.direction) == ("low", "neutral"), restated.reason
    assert "already named" in (restated.reason or "")
    # a recipient the old version never gave data to is new
    fresh = _with_unchanged(text.replace("business partners", "data brokers"), sharing)
    assert fresh.severity == "high", fresh.reason
    # recipients named only in a denial were never given data
    denied = [clause("We do not share your data with business partners or service providers.")]
    assert _with_unchanged(text, denied).severity == "high"
    # selling to the same recipients is serious whoever they are
    sold = "We sell your personal data to our service providers."
    assert _with_unchanged(sold, sharing).severity == "high"


def _under(text: str, heading: str, kind: str = "list_item", cid: str = "c") -> Clause:
    return Clause(id=cid, path=("Usage Policy", heading), label=None, kind=kind, text=text)


def test_items_under_a_forbidding_heading_are_rules_for_users_whatever_verbs_they_list() -> None:
    heading = "Do Not Engage in Fraudulent or Predatory Practices"
    old = _under("Create falsified documents including fake IDs", heading, cid="o")
    new = _under(
        "Create, buy, or sell falsified documents including fake IDs or financial records",
        heading,
        cid="n",
    )
    changed = classify_change(
        Change("modified", (old,), (new,), 0.6, word_ops(old.text, new.text)), RULES
    )
    assert (changed.severity, changed.direction) == ("medium", "neutral"), changed.reason
    assert "rule for users changed" in (changed.reason or "")
    added = classify_change(Change("added", (), (new,)), RULES)
    assert (added.severity, added.direction) == ("medium", "neutral"), added.reason
    # the same words where the company speaks are read for what they say
    ours = _under("We sell your financial records to data brokers.", "Prohibited uses")
    assert classify_change(Change("added", (), (ours,)), RULES).severity == "high"
    # and without a forbidding heading, a list of verbs is read as usual
    plain = _under("Sell your financial records to data brokers.", "How we use data")
    assert classify_change(Change("added", (), (plain,)), RULES).severity == "high"


@pytest.mark.parametrize(
    "text",
    [
        "You may not use the Services to generate spam.",
        "You shall not use the Products to compromise the security of any third party.",
        "Users must not share their credentials with anyone.",
        "You agree not to reverse engineer the Services.",
        "You are not permitted to resell access to the Services.",
    ],
)
def test_an_order_with_its_subject_is_a_rule_for_users_too(text: str) -> None:
    reading = read_sentence(text, RULES.readings)
    assert reading.prohibition and not reading.promises
    added = grade(Change("added", (), (clause(text),)))
    assert added[:2] == ("medium", "neutral"), added
    assert added[2].startswith("rule for users added")
    assert grade(Change("removed", (clause(text),), ()))[:2] == ("medium", "narrows")


@pytest.mark.parametrize(
    "text",
    [
        "You may not be able to use some features without an account.",
        "You will not receive marketing emails once you unsubscribe.",
        "We may not share your data without your consent.",
    ],
)
def test_what_may_happen_to_the_reader_is_no_order(text: str) -> None:
    assert not read_sentence(text, RULES.readings).prohibition


def test_items_under_a_lead_in_that_forbids_using_the_service_are_rules_for_users() -> None:
    lead_in = "Comply with the law. For example, don’t use our Service to:"
    item = _under("Scraping, harvesting or reselling any Input or Output", lead_in)
    added = classify_change(Change("added", (), (item,)), RULES)
    assert (added.severity, added.direction) == ("medium", "neutral"), added.reason
    assert "rule for users added" in (added.reason or "")
    # a heading that only mentions the service is not a prohibition
    plain = _under(
        "Scraping, harvesting or reselling any Input or Output", "How to use our Service"
    )
    assert "rule for users" not in (
        classify_change(Change("added", (), (plain,)), RULES).reason or ""
    )


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("You may not upload or attempt to generate any of the following:", "Content"),
        ("Causing harm or engaging in abusive activity, including by:", "Prohibited uses"),
    ],
)
def test_the_line_introducing_rules_for_users_is_low_its_items_say_what(
    text: str, heading: str
) -> None:
    lead = _under(text, heading, kind="paragraph")
    for change in (Change("added", (), (lead,)), Change("removed", (lead,), ())):
        graded = classify_change(change, RULES)
        assert graded.severity == "low", graded.reason
        assert "introduction of rules for users" in (graded.reason or "")


def test_a_rule_for_users_said_with_other_forms_of_its_words_is_reworded() -> None:
    heading = "Prohibited uses"
    old = _under("The sexualization or exploitation of children", heading, cid="o")
    new = _under("Sexualizing or exploiting children", heading, cid="n")
    same = classify_change(
        Change("modified", (old,), (new,), 0.6, word_ops(old.text, new.text)), RULES
    )
    assert same.severity == "low", same.reason
    assert "rule for users reworded" in (same.reason or "")
    wider = _under("Sexualizing, exploiting or grooming children or teenagers", heading, cid="w")
    changed = classify_change(
        Change("modified", (old,), (wider,), 0.5, word_ops(old.text, wider.text)), RULES
    )
    assert changed.severity == "medium", changed.reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "If a change may affect your rights, we will promptly notify you by email.",
            "If a change may greatly affect your rights, we will promptly notify you by email.",
        ),
        (
            "We will notify you of changes to these Terms.",
            "We will notify you of material changes to these Terms.",
        ),
    ],
)
def test_a_raised_trigger_of_a_commitment_expands(old: str, new: str) -> None:
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "commitment limited to" in why
    assert grade(modified(new, old))[:2] == ("medium", "narrows")


def test_what_the_company_does_left_to_its_own_judgment_expands() -> None:
    old = "If you violate these Terms, we may suspend your account."
    new = "If, in our sole discretion, you violate these Terms, we may suspend your account."
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "left to the company's judgment" in why
    # a belief that grants nothing is no judgment over users
    plain = grade(modified("Privacy matters.", "We believe privacy matters."))
    assert plain[0] != "high", plain


def test_a_duty_whose_condition_the_company_now_judges_is_weakened() -> None:
    old = "If your objection is found valid, we will promptly restore your access."
    new = "If we determine your objection is valid at our sole discretion, we will promptly "
    new += "restore your access."
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "left to the company's judgment: 'at our sole discretion'" in why
    # a suspicion after the duty's verb widens what it covers (no condition of the duty)
    breach = "We will notify you of any actual or suspected data breach."
    assert grade(modified("We will notify you of any data breach.", breach))[0] != "high"
    # so does a suspicion in the duty's condition
    condition = "If there is a{} breach of your data, we will notify you without undue delay."
    widened = modified(condition.format(""), condition.format("n actual or suspected"))
    assert grade(widened)[0] != "high"
    # and a discretion in another clause of the sentence gates nothing
    other = "If you have questions, contact us; we may offer credits{}, and we will reply."
    assert grade(modified(other.format(""), other.format(" in our sole discretion")))[0] != "high"


def test_using_feedback_without_restriction_or_compensation_is_a_licence() -> None:
    text = (
        "We appreciate your feedback, and you agree that we may use it without restriction or"
        " compensation to you."
    )
    severity, direction, why = grade(added(text, ("Terms", "Feedback")))
    assert (severity, direction) == ("high", "expands"), why
    assert "licence" in why


def test_everything_else_held_put_to_the_same_use_leaves_the_list_open() -> None:
    old = "We may use your personal information (such as your skills) to recommend jobs for you."
    new = (
        "We may use your personal information (such as your skills, in addition to the"
        " information we already collect) to recommend jobs for you."
    )
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "in addition to the information we already collect" in why
    assert grade(modified(new, old))[0] != "high"  # the list closed again


@pytest.mark.parametrize(
    "held",
    [
        "along with other information we have about you",
        "as well as any information we already collect",
        "combined with other data we hold",
    ],
)
def test_everything_else_held_in_other_words(held: str) -> None:
    old = "We may use your job history to recommend jobs for you."
    new = f"We may use your job history, {held}, to recommend jobs for you."
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "list left open" in why


def test_a_list_left_open_in_what_is_permitted_expands() -> None:
    old = "We also use data from versions of ChatGPT and DALL-E for individuals."
    new = "We also use data from versions of ChatGPT and other services for individuals."
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "list left open: 'and other services'" in why
    # the services a policy applies to are no power over data
    scope = grade(
        modified(
            "This Policy applies to your access and/or use of the Acme Chat services.",
            "This Policy applies to your access and/or use of Acme Studio and other services.",
        )
    )
    assert scope[0] != "high", scope


def test_a_promise_said_to_hold_only_by_default_expands() -> None:
    old = "We do not train our models on data from your connected apps."
    new = "By default, we do not train our models on data from your connected apps."
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "promise now only a default" in why


def test_a_licence_needs_someones_content_or_a_user_granting_it() -> None:
    high_risk = (
        "Education and credentials: admitting or ranking applicants; granting, denying, or"
        " revoking a professional license or certification."
    )
    assert "licence" not in grade(added(high_risk, ("Usage Policy", "High-risk uses")))[2]
    assigned = (
        "You hereby irrevocably assign and grant to Acme a perpetual, irrevocable license to"
        " the Translations."
    )
    assert grade(added(assigned, ("Terms", "Translations")))[:2] == ("high", "expands")


def test_a_sentence_offering_more_reading_states_nothing() -> None:
    text = (
        "If you would like to learn more about our model mechanism or training methods, please"
        " refer to the Model Mechanism and Training Methods page."
    )
    severity, _, why = grade(added(text, ("Terms", "Privacy")))
    assert severity in ("low", "none", "medium") and "training" not in why.lower(), why


def test_a_person_after_a_verb_is_its_object_not_the_one_acting(rules: RuleSet) -> None:
    text = "We may warn you or suspend or terminate your access to the services."
    claims = read_sentence(text, rules.readings).claims
    assert [(c.verb, c.kind) for c in claims] == [("suspend", "power"), ("terminate", "power")]


# -- review of issue 13's rules: what they must not swallow or raise -----------------------------


def _privacy(text: str, heading: str, cid: str = "c", kind: str = "paragraph") -> Clause:
    return Clause(id=cid, path=("Privacy", heading), label=None, kind=kind, text=text)  # type: ignore[arg-type]


def test_company_statements_under_a_forbidding_heading_keep_their_meaning() -> None:
    do_not_sell = "Do Not Sell or Share My Personal Information"
    old = _privacy("Acme does not sell your personal information.", do_not_sell, "o")
    new = _privacy("Acme may sell your personal information to advertisers.", do_not_sell, "n")
    flip = Change("modified", (old,), (new,), 0.5, word_ops(old.text, new.text))
    assert classify_change(flip, RULES).severity == "high"
    right = _privacy("You have the right to opt out of the sale of your data.", do_not_sell)
    assert classify_change(Change("removed", (right,), ()), RULES).severity == "high"
    enforcement = "Prohibited Uses and Enforcement"
    for text in (
        "Violations may result in your data being disclosed to advertisers.",
        "Acme may share your data with law enforcement.",
    ):
        added_clause = _privacy(text, enforcement)
        assert classify_change(Change("added", (), (added_clause,)), RULES).severity == "high", text


def test_restated_recipients_must_be_the_same_or_narrower_and_given_unconditionally() -> None:
    def restated(old_text: str, new_text: str) -> str:
        return _with_unchanged(new_text, [clause(old_text, cid="u")]).severity

    public = "We may share your content with the public."
    assert restated("We disclose your data to public authorities.", public) == "high"
    broader = "We share your personal data with third parties."
    assert restated("We share your data with third-party service providers.", broader) == "high"
    consented = "With your consent, we may share your information with advertisers."
    assert restated(consented, "We share your information with advertisers.") == "high"
    narrower = "We share your personal data with our business partners."
    assert restated("We share your data with our partners.", narrower) == "low"


def test_a_company_allowed_to_act_still_acts(rules: RuleSet) -> None:
    claims = read_sentence("You permit us to sell your personal data.", rules.readings).claims
    assert [(c.verb, c.kind) for c in claims] == [("sell", "power")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a duty widened by a suspicion is no judgment over users
        (
            "We will notify you of any data breach.",
            "We will notify you of any actual or suspected data breach.",
        ),
        # care is no trigger
        (
            "We will take care to protect your data.",
            "We will take great care to protect your data.",
        ),
        # protective measures left open protect more
        (
            "We use encryption to protect your data.",
            "We use encryption and other measures to protect your data.",
        ),
        # a pronoun defines nothing
        (
            "This means we may use data you provide.",
            "This means we may use data you provide or we access.",
        ),
    ],
)
def test_ordinary_rewording_raises_no_alarm(old: str, new: str) -> None:
    severity, _, why = grade(modified(old, new))
    assert severity != "high", why


def test_a_bracket_naming_recipients_is_no_cross_reference() -> None:
    from tracker.classify.text import without_references

    listed = "We share data with recipients (listed on our website, including data brokers)."
    assert without_references(listed) == listed


def test_a_sentence_cut_in_two_is_compared_whole() -> None:
    old = (
        "When you pay in the app, the transaction history is saved to your payment activity and "
        "is used in accordance with the Payments Notice, including for ads."
    )
    new = (
        "When you pay in the app, the transaction history is saved to your payment activity. "
        "This data is used in accordance with the Payments Notice, including for ads."
    )
    first_half, second_half = new.split(". ", 1)
    assert pair_sentences([old], [first_half + ".", second_half]) == [(old, new)]
    severity, _, reason = grade(modified(old, new))
    assert severity in ("low", "none"), reason


def test_a_sentence_that_starts_anew_is_read_by_itself() -> None:
    old = "Third parties may not access your messages or your contacts without your consent."
    new = (
        "Third parties may not access your messages. Your contacts may be accessed without "
        "your consent."
    )
    severity, direction, reason = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), reason


def test_a_sentence_added_after_a_changed_one_stays_added() -> None:
    old, new = "We keep logs for 30 days.", "We keep logs for 3 years."
    added = "We may sell your data to data brokers."
    assert pair_sentences([old], [new, added]) == [(old, new), (None, added)]
    assert pair_sentences([old, added], [new]) == [(old, new), (added, None)]


def test_including_but_not_limited_to_denies_nothing() -> None:
    listing = read_sentence(
        "in connection with any claims (including but not limited to drafting and reviewing "
        "documents, and obtaining legal advice), and protecting our rights;",
        RULES.readings,
    )
    assert [(c.verb, c.negated) for c in listing.claims] == [
        ("reviewing", False),
        ("obtaining", False),
    ]
    assert not listing.promises
    denied = read_sentence("We do not sell your data to advertisers.", RULES.readings)
    assert [(c.verb, c.negated) for c in denied.claims] == [("sell", True)]


def test_conversations_with_an_assistant_are_as_sensitive_as_messages() -> None:
    old = "Workspace admins can view, access and export account settings in the workspace."
    new = (
        "Workspace admins can view, access and export account settings and end user "
        "conversations in the workspace."
    )
    severity, direction, why = grade(modified(old, new))
    assert (severity, direction) == ("high", "expands"), why
    assert "conversations" in why


def test_joining_words_alone_added_to_an_entry_widen_no_recipients_scope(rules: RuleSet) -> None:
    """A list of what a recipient receives, each item its own clause: "Usage data." -> "Usage
    data; and" is the list's punctuation, "to Acme" -> "to and by Acme" joining words; a word
    that names more ("and billing data") or says how much ("all") still widens it."""
    path = ("Privacy Policy", "Service providers")

    def modified(old: str, new: str) -> Change:
        return Change(
            "modified",
            (Clause(id="o", path=path, label=None, kind="list_item", text=old),),
            (Clause(id="n", path=path, label=None, kind="list_item", text=new),),
            0.9,
            word_ops(old, new),
        )

    for old, new in (
        ("Usage data.", "Usage data; and"),
        (
            "Providing analytics services to Acme; and",
            "Providing analytics services to and by Acme; and",
        ),
    ):
        severity, _, why = grade(modified(old, new))
        assert severity in ("none", "low") and "scope widened" not in why, (new, why)
    for old, new in (
        ("Usage data.", "Usage data and billing data."),
        ("Records of usage.", "Records of all usage."),
    ):
        severity, direction, why = grade(modified(old, new))
        assert (severity, direction) == ("high", "expands") and "scope widened" in why, (new, why)

"""One verb that only passes data on for another is no new use ("With Whom Does Acme Share
Personal Information?" -> "To Whom Does Acme Disclose Personal Data?"; a sale, a new recipient or
another use still is); a sentence saying only what the document itself describes ("This Privacy
Policy describes how we collect, use, and protect your personal information") makes no promise
of its own, so dropping it removes none; a duty verb that is the purpose of another verb and is
owed to no one is no commitment; a sentence about an arbitration already imposed is no new
waiver. Each case failed before the rule that reads it
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


def assert_added_is_high(text: str) -> None:
    """``text`` added as a clause is rated high, expanding what the company may do."""
    change = presence("added", text)
    assert (change.severity, change.direction) == ("high", "expands"), change.reason


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
        (
            "We share your personal information with our service providers.",
            "We disclose your personal information to our service providers.",
            "paragraph",
        ),
        (
            "Your data may be transferred to our affiliates.",
            "Your data may be shared with our affiliates.",
            "list_item",
        ),
    ],
)
def test_one_verb_of_passing_data_on_for_another_is_no_new_use(
    old: str, new: str, kind: str
) -> None:
    change = modified(old, new, kind)
    assert change.severity in ("none", "low"), change.reason


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (
            "We share your personal information with our service providers.",
            "We sell your personal information to our service providers.",
            "new use",
        ),
        (
            "How We Share Your Information",
            "How We Sell Your Information",
            "new use",
        ),
        (
            "We share your personal information with our service providers.",
            "We disclose your personal information to our service providers and data brokers.",
            "new recipients",
        ),
        (
            "We share your personal information with our service providers.",
            "We share your personal information with our service providers and use it to train "
            "our models.",
            "",
        ),
    ],
)
def test_a_sale_new_recipients_or_another_use_are_still_high(old: str, new: str, why: str) -> None:
    change = modified(old, new, "paragraph")
    assert (change.severity, change.direction) == ("high", "expands"), change.reason
    assert why in (change.reason or ""), change.reason


@pytest.mark.parametrize(
    "text",
    [
        "This Privacy Policy describes how we collect, use, and protect your personal information.",
        "This notice explains how we collect, use and share your personal data.",
        "Our privacy notice explains how we collect, process and store your personal data.",
        "Scope: We, Acme, Inc., provide this Privacy Policy to explain how we collect, use, and "
        "disclose your personal data when you interact with us, such as when you create an "
        "account.",
        "Above we explain how we collect <https://acme.example/privacy#collect>, use, and "
        "disclose information about you, as well as our cookie practices.",
        "Below we describe how and why we collect, use and share your personal information.",
    ],
)
def test_what_the_document_describes_is_no_promise_or_power(text: str) -> None:
    for kind in ("added", "removed"):
        change = presence(kind, text)
        assert change.severity in ("none", "low"), (kind, change.reason)


@pytest.mark.parametrize(
    "text",
    [
        "For more information on sharing and retention, please see our Privacy Policy.",
        "This notice explains how we collect, use and disclose information about you.",
    ],
)
def test_a_clause_that_only_points_elsewhere_is_low_whatever_topics_it_names(text: str) -> None:
    """The topics such a clause names are stated where it points: their base severity is not
    its own."""
    change = presence("added", text)
    assert change.topics, "names a topic"
    assert change.severity == "low", change.reason


@pytest.mark.parametrize(
    "text",
    [
        "Visit the Privacy Center to download or delete your data at any time.",
        "Check the box in your settings to opt out of the sale of your personal information.",
        "Learn more about how we use your messages to train our AI models.",
        "Please see our Privacy Policy, which explains that we share your data with advertisers.",
        "This Privacy Policy explains how we collect, use and disclose your personal data to "
        "train our models.",
        "Above we explain how we collect and share your data with data brokers.",
        "This Privacy Policy describes how we collect, use and share your personal information "
        "when you use our Services, including to sell it to data brokers.",
        "We, Acme, Inc., provide this Privacy Policy to explain how we collect, use, and "
        "disclose your personal data when you interact with us and how we train our models on "
        "it.",
    ],
)
def test_a_pointer_that_states_a_right_or_a_practice_is_read_for_it(text: str) -> None:
    change = presence("added", text)
    assert change.severity != "low", change.reason


def test_a_pointer_beside_a_practice_is_graded_for_the_practice() -> None:
    change = presence(
        "added",
        "For more information, see our Cookie Policy. We sell your personal data to data brokers.",
    )
    assert change.severity == "high", change.reason


@pytest.mark.parametrize(
    "text",
    [
        "This Privacy Policy describes how we sell your personal information to third parties.",
        "This policy describes how we collect your data; we also sell it to data brokers.",
        "In short, this policy describes how we share your personal data with data brokers.",
    ],
)
def test_a_description_that_names_a_practice_is_read(text: str) -> None:
    assert_added_is_high(text)


def test_a_promise_after_the_description_is_still_read() -> None:
    """Only the sentence that describes the document is passed over, not the next one."""
    change = presence(
        "removed",
        "This Privacy Policy describes how we collect and use your information. "
        "We will never sell your personal information.",
    )
    assert (change.severity, change.direction) == ("high", "expands"), change.reason


@pytest.mark.parametrize(
    "text",
    [
        # the purpose of another verb, owed to no one and done to no one's data
        "We use service providers like Amazon Web Services to provide, protect, promote, and "
        "improve our products.",
        "We need personal information to protect Acme against fraud and abuse.",
    ],
)
def test_a_purpose_that_protects_the_company_is_no_commitment(text: str) -> None:
    change = presence("removed", text)
    assert change.severity != "high", change.reason
    assert "commitment" not in (change.reason or ""), change.reason


@pytest.mark.parametrize(
    ("text", "severity", "reason"),
    [
        (
            "We use industry-standard encryption to protect your personal data.",
            "high",
            "commitment",
        ),
        # care for the data in general, without a means of its own: shown (issue 13, session 39)
        (
            "We use service providers to store, protect, and back up your data.",
            "medium",
            "security statement",
        ),
    ],
)
def test_a_purpose_owed_to_people_or_their_data_is_still_a_commitment(
    text: str, severity: str, reason: str
) -> None:
    change = presence("removed", text)
    assert (change.severity, change.direction) == (severity, "expands"), change.reason
    assert (change.reason or "").startswith(reason), change.reason


def test_a_commitment_under_may_is_one_that_bound_nothing() -> None:
    """ "We may use that email address to provide you with notice" owes people the notice only
    as far as the "may" goes: its removal is shown, not raised as an alarm (a promise not to
    change the policy without notice is: tests/test_classify_rewrites.py)."""
    change = presence(
        "removed", "We may use that email address to provide you with notice of any updates."
    )
    assert (change.severity, change.direction) == ("medium", "expands"), change.reason
    assert "bound nothing" in (change.reason or ""), change.reason


def test_a_right_at_the_end_of_a_list_of_infinitives_is_still_a_right() -> None:
    change = presence("removed", "You have the right to access, correct, or delete your data.")
    assert (change.severity, change.direction) == ("high", "expands"), change.reason
    assert "right removed" in (change.reason or ""), change.reason


ARBITRATION = (
    "You and we each agree to resolve any claim, dispute, or controversy arising out of these "
    "Terms through binding arbitration or, for qualifying claims, in small claims court."
)


def test_a_sentence_on_an_arbitration_already_imposed_is_no_new_waiver() -> None:
    change = modified(
        ARBITRATION,
        ARBITRATION
        + " The arbitrator will have authority to issue any remedies authorized by law.",
        "paragraph",
    )
    assert change.severity != "high", change.reason
    assert "waiver" not in (change.reason or ""), change.reason


@pytest.mark.parametrize(
    "added",
    [
        "You and we each waive any right to a jury trial.",
        "Claims may be brought only on an individual basis and not as part of a class action.",
    ],
)
def test_a_new_kind_of_waiver_in_that_clause_is_still_high(added: str) -> None:
    change = modified(ARBITRATION, ARBITRATION + " " + added, "paragraph")
    assert (change.severity, change.direction) == ("high", "expands"), change.reason


def test_arbitration_added_to_a_clause_without_it_is_still_high() -> None:
    old = "Any dispute arising out of these Terms will be resolved by the courts of Delaware."
    new = old + " Any such dispute will instead be resolved by binding arbitration."
    change = modified(old, new, "paragraph")
    assert (change.severity, change.direction) == ("high", "expands"), change.reason


@pytest.mark.parametrize(
    "text",
    [
        "It also applies when you browse our websites, our mobile applications and services "
        "offered in connection with the websites or similarly interact with us, such as by "
        "subscribing to our marketing emails.",
        "If you have a question about your account, please contact us through the help center "
        "or by email.",
    ],
)
def test_a_verb_done_to_us_is_no_power_of_ours(text: str) -> None:
    """ "interact with us", "contact us": the company is what the verb is done to; whoever
    acts, it is not the company taking data."""
    change = presence("added", text)
    assert change.severity in ("none", "low"), change.reason


@pytest.mark.parametrize(
    "text",
    [
        "Data brokers may share with us information about your purchases and your precise "
        "location.",
        "Third parties may sell us information about you, including your browsing history.",
    ],
)
def test_data_passed_on_to_us_is_still_read(text: str) -> None:
    """A verb that passes data on, done to "us", still moves data (here to the company)."""
    assert_added_is_high(text)


@pytest.mark.parametrize(
    "text",
    [
        "We may collect government identifiers, such as driver's license numbers.",
        "We may collect your national identification number to verify your account.",
        "We may collect your citizenship or immigration status.",
    ],
)
def test_government_identifiers_are_sensitive_data(text: str) -> None:
    assert_added_is_high(text)


@pytest.mark.parametrize(
    "text",
    [
        "We may disclose personal data to the following types of companies, organizations, or "
        "individuals outside of Acme:",
        "We may share your personal information with the following categories of recipients:",
    ],
)
def test_a_list_introduction_that_names_no_recipient_is_low(text: str) -> None:
    """Who gets the data is in the items, each a change of its own."""
    change = presence("added", text)
    assert change.severity == "low", change.reason
    assert "introduction of a list" in (change.reason or "")


@pytest.mark.parametrize(
    "text",
    [
        "We may sell your personal information to the following:",
        "We may share and sell your personal information to the following:",
        "We may share your health data and precise location with the following partners:",
        "We may use your conversations to train our models in the following ways:",
    ],
)
def test_a_list_introduction_that_sells_or_names_what_it_takes_is_still_high(text: str) -> None:
    assert_added_is_high(text)


@pytest.mark.parametrize(
    "text",
    [
        "You can control how we use your data for personalized ads in your settings.",
        "You can choose how your information is used for marketing.",
        "Acme offers privacy controls to everyone, for example with respect to receiving "
        "marketing emails or how content is used to personalize your experience.",
        "You have controls over the types of ads and advertisers you see, and the types of "
        "information we use to show you ads.",
    ],
)
def test_what_the_user_controls_is_no_power_taken(text: str) -> None:
    """The verb after "control how" or "with respect to" is what the user decides."""
    change = presence("added", text)
    assert change.severity != "high", change.reason
    assert change.direction != "expands", change.reason


@pytest.mark.parametrize(
    "text",
    [
        "We may change how we use your data and share it with advertisers.",
        "You have choices about the emails you receive, but we share your data with advertisers.",
        "You can manage your settings over cookies, and we sell your data to data brokers.",
        "You can choose how we contact you and we may sell your personal information to data "
        "brokers.",
        "We provide settings regarding marketing emails and may share your contact information "
        "with our marketing partners.",
        "Acme may change its privacy settings regarding how we use your data for advertising at "
        "any time without notice.",
        "Your choices about marketing do not affect how we share your precise location with "
        "advertisers.",
        "If you change your settings about ads we will still use your health data to target you.",
        "You can control how we use your precise location and health data to show you ads.",
    ],
)
def test_a_practice_beside_a_control_is_still_read(text: str) -> None:
    """The company's own "change how", or a clause of its own after the control (with or
    without a comma before its conjunction)."""
    assert_added_is_high(text)


@pytest.mark.parametrize(
    "text",
    [
        "You grant us a worldwide, non-exclusive, non-sublicensable, non-transferable right to "
        "use the Outputs for the purpose of performing the Services, for the term of this "
        "Agreement.",
        "You grant us a licence to host and display your content solely for the purpose of "
        "operating the Services.",
    ],
)
def test_a_licence_only_to_provide_the_service_is_medium(text: str) -> None:
    change = presence("added", text)
    assert (change.severity, change.direction) == ("medium", "expands"), change.reason
    assert "only to provide the service" in (change.reason or "")


@pytest.mark.parametrize(
    "text",
    [
        "You grant us a worldwide, royalty-free licence to use your content solely to provide "
        "and improve the Services.",
        "You grant us a perpetual licence to use your content only to operate the Services.",
        "You grant us a worldwide, sublicensable licence to use your content solely for the "
        "purpose of providing the Services.",
        "You grant us a worldwide, royalty-free, perpetual licence to use, copy and modify the "
        "content you submit, including to train our models.",
        "You grant us a licence to use your content not only to provide the Services but also "
        "to share it with our partners.",
        "You grant us a worldwide, transferable, sub-licensable licence to use your content "
        "solely to provide the Services.",
        "You grant us a worldwide licence to use, copy and commercially exploit your content "
        "solely for the purpose of operating the Services.",
        "You grant us a licence to use your content for the purpose of providing the Services "
        "and our other products.",
        "You grant us a licence to use and share your content with third parties solely to "
        "provide the Services.",
        "You grant us a licence to your content solely to operate the Services, which includes "
        "selling aggregated insights.",
    ],
)
def test_a_licence_that_reaches_beyond_the_service_is_high(text: str) -> None:
    assert_added_is_high(text)


def test_a_licence_named_where_it_is_granted_is_no_new_grant() -> None:
    text = (
        "You have obtained all necessary intellectual property rights, or have been granted the "
        "appropriate licenses, to use and provide the Prompts for the purpose of using Our "
        "Services and to give us the license set forth in Section 7 of these Terms of Use."
    )
    change = presence("added", text)
    assert change.severity != "high", change.reason
    granted_here = "You grant us the license set forth in Section 7 over your content."
    assert presence("added", granted_here).severity == "high"


def test_a_purpose_added_to_a_practice_the_user_controls_is_still_high() -> None:
    """The practice a control takes as given is compared when it changes."""
    old = "You can control how we use this information to personalize the Services for you."
    new = (
        "You can control how we use this information to personalize the Services for you, "
        "and for targeted advertising."
    )
    change = modified(old, new, "paragraph")
    assert (change.severity, change.direction) == ("high", "expands"), change.reason


@pytest.mark.parametrize(
    "old",
    [
        "Acme may transfer all or part of this Agreement to an affiliate or, if Acme is sold, to "
        "a third party, where such a transfer does not have the effect of reducing your rights.",
        "We may share your data with our partners, so long as it does not identify you.",
    ],
)
def test_a_negative_condition_removed_from_what_is_permitted_is_high(old: str) -> None:
    new = old.split(", where")[0].split(", so long as")[0] + "."
    change = modified(old, new, "paragraph")
    assert (change.severity, change.direction) == ("high", "expands"), change.reason
    assert "limit removed" in (change.reason or "")
    back = modified(new, old, "paragraph")
    assert (back.severity, back.direction) == ("medium", "narrows"), back.reason


@pytest.mark.parametrize(
    "text",
    [
        "You have the right to know whether your Personal Information is sold or disclosed and "
        "to whom.",
        "You have the right to know what Personal Information is collected about you, including "
        "the right to request that we disclose what Personal Information of yours we collect, "
        "use, disclose, and sell.",
        "California residents are entitled to know which categories of personal information we "
        "sell and to whom.",
        "You may ask us to tell you whether we sell your personal data.",
    ],
)
def test_a_question_the_reader_has_a_right_to_ask_says_nothing_is_done(text: str) -> None:
    """The law's right to know whether data is sold is listed whether or not it is: the
    selling in the question is no practice the sentence declares."""
    change = presence("added", text)
    assert change.severity != "high", change.reason


@pytest.mark.parametrize(
    "text",
    [
        # the company's own right is no question
        "We reserve the right to disclose which of your personal data we sell to partners.",
        # a clause of its own after the question
        "You have the right to know what we collect, and we sell your personal information to "
        "data brokers.",
        "You have the right to know which categories of personal information we sell, because "
        "we sell personal information to data brokers.",
        # what the company tells in a clause of its own after a mention of rights
        "To respect your rights, we will inform you which advertisers we sell your data to.",
        "In line with your privacy rights, we will tell you which data brokers we sell your "
        "personal information to.",
        # what others ask the company to do is done all the same
        "If law enforcement asks us to disclose your personal data, we will disclose it.",
        "Your employer may ask us to share your activity data with their insurer.",
        "Other users may ask us to share your contact details with them.",
        "We may disclose your information to advertisers if they request that we share it.",
    ],
)
def test_practices_beside_a_right_to_know_are_still_read(text: str) -> None:
    assert_added_is_high(text)


@pytest.mark.parametrize(
    "text",
    [
        "You can ask us to share your data with another service.",
        "You or your authorized agent may request that we disclose what personal information we "
        "collect, use, disclose, and sell.",
        "Your authorized agent may ask us to tell you whether we sell your personal data.",
    ],
)
def test_what_the_reader_or_their_agent_asks_for_declares_no_practice(text: str) -> None:
    change = presence("added", text)
    assert change.severity != "high", change.reason

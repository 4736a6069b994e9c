"""A sentence that only lists what the one before it covers ("This includes ...", "These may
include ...", "For example, ...") and is added: after a sentence that forbids users it lists the
users' conduct, after one that denies the company it lists what is denied; only after the
company's own practice does it state one. Likewise, what a sentence about the document itself
names ("This Privacy Policy explains ...") is no permission, however open its list."""

from __future__ import annotations

import pytest

from tests.test_classify_phrasings import grade


@pytest.mark.parametrize(
    "before",
    [
        "You must not misuse our Services.",  # forbids users: the users' conduct
        "We do not sell your data.",  # denies the company: nothing permitted
    ],
)
def test_an_added_sentence_listing_what_the_one_before_forbids_permits_nothing(
    before: str,
) -> None:
    severity, _, reason = grade(
        before, f"{before} This includes selling personal data to data brokers."
    )
    assert severity != "high", reason


@pytest.mark.parametrize(
    "before",
    [
        "We collect your data to provide the Services.",  # the company's practice, listed
        "Users must not misuse the Services, but we may use your data.",  # the company speaks
    ],
)
def test_an_added_sentence_listing_what_the_company_does_is_read(before: str) -> None:
    severity, direction, reason = grade(
        before, f"{before} This includes selling personal data to data brokers."
    )
    assert (severity, direction) == ("high", "expands"), reason


SHARE = "We may share your data with third-party vendors that help us operate our services."
LISTED = "This includes payment processors, email service providers, and shipment vendors."


@pytest.mark.parametrize(
    ("new_list", "high"),
    [
        # an organisation the list did not name, whatever its words: a new recipient
        (
            "This includes payment processors, email service providers, chatbot providers, "
            "and shipment vendors.",
            True,
        ),
        # one item put for another: a rewording
        ("This includes payment processors, email providers, and shipment vendors.", False),
        # an item that names no organisation
        (
            "This includes payment processors, email service providers, and shipment vendors, "
            "and so on.",
            False,
        ),
    ],
)
def test_an_organisation_added_to_a_list_of_whom_data_is_shared_with_is_a_new_recipient(
    new_list: str, high: bool
) -> None:
    severity, direction, reason = grade(f"{SHARE} {LISTED}", f"{SHARE} {new_list}")
    assert (severity == "high") is high, reason
    if high:
        assert (direction, reason) == ("expands", "new recipients listed: chatbot providers")


def test_an_organisation_added_to_a_list_of_what_is_denied_is_no_new_recipient() -> None:
    denial = "We do not share your data with third parties."
    severity, _, reason = grade(
        f"{denial} This includes payment processors and email service providers.",
        f"{denial} This includes payment processors, email service providers and chatbot "
        "providers.",
    )
    assert severity != "high", reason


def test_a_list_left_open_in_what_the_document_covers_permits_nothing() -> None:
    """ "This Privacy Policy explains the information we collect when you use our services or
    otherwise interact with us": the document covers more, the company may do no more."""
    lead = "This Privacy Policy explains the information that Acme collects when you use"
    tail = "how that information is used, and with whom it may be shared."
    severity, _, reason = grade(
        f"{lead} its products and services, {tail}",
        f"{lead} our products and services or otherwise interact with us, {tail}",
    )
    assert severity != "high", reason
    severity, _, reason = grade(
        "We share your data with ChatGPT and DALL-E.",
        "We share your data with ChatGPT and other services.",
    )
    assert severity == "high", reason


def test_an_organisation_added_to_a_list_of_things_is_no_new_recipient() -> None:
    """A list that named no organisation before lists things, not whom data goes to: a word
    like "services" at the end of a new item does not make it a recipient."""
    cookies = "We use cookies to improve the Services."
    severity, _, reason = grade(
        f"{cookies} This includes session cookies and preference cookies.",
        f"{cookies} This includes session cookies, preference cookies and analytics services.",
    )
    assert severity != "high", reason


def test_a_sentence_about_the_document_that_goes_on_to_permit_still_opens_its_list() -> None:
    """'This Privacy Policy applies to ..., and we may share ... and other companies': the part
    after the one about the document permits, and leaves its list open."""
    severity, direction, reason = grade(
        "This Privacy Policy applies to our website. We share your data with our affiliates.",
        "This Privacy Policy applies to our website, and we may share your data with our "
        "affiliates and other companies.",
    )
    assert (severity, direction) == ("high", "expands"), reason


def test_each_copy_of_a_repeated_elaboration_follows_its_own_sentence() -> None:
    """The same "This includes ..." after a denial and after a practice: the second lists what
    the company does."""
    lists = "This includes selling personal data to data brokers."
    severity, direction, reason = grade(
        "We do not sell your data. We collect your data to provide the Services.",
        f"We do not sell your data. {lists} We collect your data to provide the Services. {lists}",
    )
    assert (severity, direction) == ("high", "expands"), reason

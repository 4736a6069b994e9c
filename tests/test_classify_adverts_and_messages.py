"""Two words read for what they name: "adverts" (British English) is advertising, so a
rewording from "relevant adverts" to "relevant advertising" adds no purpose while adverts added
to what data is used for is one; and "messages" are people's data only when they are people's:
the company's advertising, marketing or service messages are not a kind of data collected."""

from __future__ import annotations

from tests.classify_support import added, grade
from tracker.vocabulary import Direction, Severity


def test_adverts_reworded_as_advertising_adds_no_purpose() -> None:
    severity, _, reason = grade(
        "Partners use cookies to show you relevant adverts on other sites.",
        "Partners use cookies to show you relevant advertising on other sites.",
    )
    assert severity is not Severity.HIGH and "new purposes" not in reason, reason
    severity, _, reason = grade(
        "We use your data to show you relevant adverts.",
        "We use your data to show you relevant advertisements.",
    )
    assert severity is not Severity.HIGH and "new purposes" not in reason, reason


def test_adverts_added_as_a_use_of_data_is_a_new_purpose() -> None:
    severity, direction, reason = grade(
        "We use your data to provide the service.",
        "We use your data to provide the service and to show you adverts.",
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    severity, _, reason = added(
        "We may use your browsing history to show you personalised adverts."
    )
    assert severity is Severity.HIGH, reason


def test_the_companys_own_messages_are_no_data_of_people() -> None:
    for kind in ("advertising", "marketing", "promotional", "transactional", "service"):
        _, _, reason = grade(
            "These cookies may be set through our site by us.",
            f"These cookies are used to make {kind} messages more relevant to you and may be set"
            " through our site by us.",
        )
        assert "messages" not in reason, (kind, reason)


def test_peoples_messages_are_still_their_data() -> None:
    severity, _, reason = added(
        "We collect the messages you send to other users and share them with advertisers."
    )
    assert severity is Severity.HIGH and "messages" in reason, reason
    severity, _, reason = grade(
        "We collect your profile information.",
        "We collect your profile information and your messages.",
    )
    assert severity is Severity.HIGH and "messages" in reason, reason

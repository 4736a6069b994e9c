"""Other users are not the reader: "Other users can see your location" shows the reader's data to
third parties, as "your employer can view your location" does, while "you can see ..." or "users
can see their own ..." is the reader's own access; and so does data "shown" or "displayed" to other
users, to anyone or to everyone, while what is shown to the reader, or a notice shown to all,
passes nothing on. "Other users" as an object ("solicit login
credentials from other users") changes nothing in a rule for users."""

from __future__ import annotations

import pytest

from tests.classify_support import added
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "Other users can see your location.",
        "Other users may be able to see your messages.",
        "Another user may view your precise location while you share a trip.",
        "Your precise location will be shown to other users.",
        "We display your profile photo and location to anyone who visits your page.",
    ],
)
def test_sensitive_data_shown_to_other_users_is_high(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


@pytest.mark.parametrize(
    "text",
    [
        "Other users cannot see your location.",
        "You can choose whether other users can see your location.",
        "Users can see their own location history in the app.",
        "You may not solicit login credentials from other users, or buy, sell, rent or lease"
        " access to your account.",
        "Other users may report content that violates these Terms.",
        "Your location will not be shown to other users.",
        "We show you how other users rated a product.",
        "We show this notice to everyone who visits our site.",
        "We display a cookie banner to all users.",
        "We display cookie settings to everyone.",
    ],
)
def test_the_readers_own_access_a_denial_or_an_object_is_no_alarm(text: str) -> None:
    severity, _, reason = added(text)
    assert severity is not Severity.HIGH, reason

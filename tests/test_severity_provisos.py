"""A power granted with a proviso, "exploit" as a use, and what the reader is let do (issue 13:
GitHub's corporate terms, fresh77's cb295, read as a promise added; Mozilla's terms for Firefox
cloud services, fresh81's cf014, read as sharing; both measured once by the 51st session).

- "GitHub may fully exercise and exploit such Feedback for ..., provided that no data in any such
  publication will be used to identify Customer" grants a new power; its "will not be used" is
  only the proviso that limits it: the sentence expands what the company may do (medium: how
  far, the purposes it names say), not a promise that narrows it.
- "exploit" content or data is a use of it.
- "Firefox Send lets you share files", "the app allows you to share photos": the reader acts (as
  "you can share"), a feature described; "lets us share" is still the company's.
"""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, added
from tracker.classify.statements import read_sentence
from tracker.vocabulary import Direction, Severity

FEEDBACK = (
    "GitHub may fully exercise and exploit such Feedback for the purpose of improving its "
    "products, provided that no data in any such publication will be used to identify Customer."
)


def test_a_power_granted_with_a_proviso_expands() -> None:
    severity, direction, reason = added(FEEDBACK)
    assert direction == Direction.EXPANDS, reason
    assert severity in (Severity.MEDIUM, Severity.HIGH), reason


@pytest.mark.parametrize("proviso", ["provided that", "as long as", "on condition that"])
def test_each_wording_of_a_proviso_limits_the_power(proviso: str) -> None:
    text = (
        f"We may use your posts to improve our services, {proviso} we will not disclose your "
        "name to anyone."
    )
    _, direction, reason = added(text)
    assert direction == Direction.EXPANDS, reason


@pytest.mark.parametrize(
    "text",
    [
        # a promise of its own after a power, joined by "but", not in a proviso (as before)
        "We may use your posts to improve our services, but we will never disclose your name.",
        # a promise before the power
        "We will not sell your data, and we may use it to improve our services.",
    ],
)
def test_a_promise_outside_a_proviso_still_narrows(text: str) -> None:
    _, direction, reason = added(text)
    assert direction == Direction.NARROWS, reason


def test_exploit_is_a_use_of_what_it_names() -> None:
    _, direction, reason = added("We may exploit your content for any purpose.")
    assert direction == Direction.EXPANDS, reason


@pytest.mark.parametrize(
    "text",
    [
        # "as long as" of a duration, a promise of its own after it (found in review)
        "We may keep your data for as long as your account is active, and we will delete it "
        "within 30 days after you close it.",
        "We retain your information as long as needed to provide the service, after which we "
        "will delete it.",
        # a promise past the proviso's clause: joined by ", and", not limiting the power
        "We may store your content on our servers, provided that you keep your account, and we "
        "will not access it without your permission.",
    ],
)
def test_a_promise_past_the_provisos_clause_is_a_promise_of_its_own(text: str) -> None:
    _, direction, reason = added(text)
    assert direction == Direction.NARROWS, reason


# -- what the reader is let do ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Firefox Send lets you share encrypted files that automatically expire.",
        "The app allows you to share photos with your friends.",
        "Our service enables you to share your playlists with other users.",
    ],
)
def test_a_feature_that_lets_the_reader_share_is_no_sharing_of_the_companys(text: str) -> None:
    """fresh81's cf014 (Mozilla's terms for Firefox cloud services), read as new sharing: the
    reader shares, as in "you can share your files" (a feature described, low)."""
    severity, _, reason = added(text)
    assert severity == Severity.LOW, reason


@pytest.mark.parametrize(
    "text",
    [
        "We share your files with other users.",
        "You allow us to share your files with partners.",
        "This setting lets us share your data with advertisers.",
    ],
)
def test_what_the_company_is_let_do_is_still_its_own(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason


def test_a_right_the_reader_is_helped_to_use_is_read_in_a_list_of_verbs() -> None:
    """ "help you access, rectify or delete": each verb is the reader's, as after "help you to"."""
    for text in (
        "Our tools help you to access, rectify or delete information you provided.",
        "Our tools help you access, rectify or delete information you provided.",
    ):
        reading = read_sentence(text, RULES.readings)
        assert [(c.kind, c.verb) for c in reading.claims] == [
            ("right", "access"),
            ("right", "rectify"),
            ("right", "delete"),
        ], text

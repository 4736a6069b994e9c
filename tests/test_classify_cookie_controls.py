"""Controls over one's settings and cookies: changing one's own settings is a right; a cookie
control the reader's browser offers is the browser's, not the company's (its mention removed
is shown, medium); "settings" alone names no same thing when both rights say what settings."""

from __future__ import annotations

import pytest

from tests.classify_support import RULES, classified, removed
from tracker.classify.statements import read_sentence
from tracker.model import Change


@pytest.mark.parametrize(
    "text",
    [
        "You can change your cookie settings by clicking in this link.",
        "You can change your privacy settings at any time.",
        "Users may adjust their notification preferences in the app.",
    ],
)
def test_changing_ones_own_settings_is_a_right(text: str) -> None:
    severity, _, reason = removed(text)
    assert severity == "high", reason
    assert reason.startswith("right removed"), reason


def test_the_company_changing_settings_grants_nothing() -> None:
    reading = read_sentence("We may change your settings to improve the Services.", RULES.readings)
    assert not [c for c in reading.claims if c.kind == "right"]


@pytest.mark.parametrize(
    "text",
    [
        "However, you can disable cookies by changing your browser settings.",
        "If you do not want to accept our cookies, you can adjust your browser settings to "
        "refuse them.",
        "You can set your web browser to refuse cookies.",
    ],
)
def test_a_cookie_control_of_the_browser_removed_is_shown_not_raised(text: str) -> None:
    severity, direction, reason = removed(text)
    assert (severity, direction) == ("medium", "expands"), reason
    assert "browser" in reason, reason


@pytest.mark.parametrize(
    "text",
    [
        # the company's own control named too
        "You can manage cookies in your browser or in our cookie settings tool.",
        # no cookies: a right the company's service gives, in the browser
        "You can delete your personal data in your browser.",
        # no browser
        "You can opt out of advertising cookies at any time.",
    ],
)
def test_a_control_the_company_gives_removed_stays_high(text: str) -> None:
    severity, _, reason = removed(text)
    assert severity == "high", reason


def _removed_beside(dropped: str, kept: str) -> Change:
    old = f"# Privacy\n\n## Choices\n\n{dropped}\n\n## Rights\n\n{kept}\n"
    new = f"# Privacy\n\n## Rights\n\n{kept}\n"
    changes = classified(old, new)
    (change,) = [c for c in changes if c.kind == "removed" and dropped in c.old[0].text]
    return change


def test_settings_of_another_kind_do_not_keep_a_right_over_settings() -> None:
    change = _removed_beside(
        "You can change your cookie settings by clicking in this link.",
        "You can also change your permission settings for us to send you e-mail newsletters.",
    )
    assert change.severity == "high", change.reason


def test_settings_said_no_more_precisely_are_kept_by_named_ones() -> None:
    change = _removed_beside(
        "You may change these settings at any time.",
        "You may change your account and video privacy settings at any time.",
    )
    assert change.severity != "high", change.reason


@pytest.mark.parametrize(
    "text",
    [
        # the company's own control, named in other words than "our cookie settings"
        "You can opt out of interest-based advertising by clicking the opt-out link in our "
        "emails or by disabling cookies in your browser.",
        "You can manage cookies through our Cookie Preference Center or your browser settings.",
        # a right over something else, with cookies and the browser only mentioned beside it
        "You can request deletion of your personal data, including data collected through "
        "cookies in your browser.",
        "You can delete your account at any time, and cookies in your browser will expire.",
    ],
)
def test_a_right_beside_a_mention_of_the_browser_removed_stays_high(text: str) -> None:
    severity, _, reason = removed(text)
    assert severity == "high", reason
    assert reason.startswith("right removed"), reason


def test_changes_to_ones_settings_are_no_right() -> None:
    """ "Changes to your privacy settings take effect ..." says when, the noun grants nothing
    ("change your privacy settings" does)."""
    reading = read_sentence(
        "Changes to your privacy settings take effect within 24 hours.", RULES.readings
    )
    assert not [c for c in reading.claims if c.kind == "right"]

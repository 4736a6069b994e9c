"""Topic phrasings of the sixteenth round (issue 13), written after holdout31 to holdout38 were
measured, from the kinds their misses showed, in general wording: the first positive case of
each kind failed before its pattern (the others pin wordings an earlier pattern already read),
and each kind has near misses that must stay outside it. (Section titles listed by number:
tests/test_topics_section_titles.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import load_rules, topics_of

RULES = load_rules(Path(__file__).resolve().parents[1] / "data" / "rules.toml")


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # holdout31: privacy controls said as what the company allows
        (
            "Acme allows you to control the way that we use information we obtain about you.",
            "user_rights",
            True,
        ),
        ("Our app lets you control how your profile data is shown.", "user_rights", True),
        ("Our remote lets you control the volume of your television.", "user_rights", False),
        # holdout35: opting out of ads, and keeping a vendor from using one's data
        ("You can opt-out from Twitter's interest-based ads.", "user_rights", True),
        ("Opt out of Interest-Based Ads in your device settings.", "user_rights", True),
        (
            "You can prevent Mixpanel from using your information for analytics.",
            "user_rights",
            True,
        ),
        ("We use tools to prevent fraudsters from accessing accounts.", "user_rights", False),
        ("Ads help us keep the service free.", "user_rights", False),
        ("Opt out of the ad-supported plan by upgrading.", "user_rights", False),
        ("You can prevent others from using your account by logging out.", "user_rights", False),
        # holdout38: parties that act for the company
        (
            "We share personal information with third parties who assist us in providing "
            "customer service.",
            "subprocessors",
            True,
        ),
        ("We work with partners who help us provide our services.", "subprocessors", True),
        ("We help third parties who ask us for advice.", "subprocessors", False),
        ("Third parties may link to our website.", "subprocessors", False),
    ],
)
def test_phrasings_of_a_sixteenth_round(text: str, topic: str, about: bool) -> None:
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)

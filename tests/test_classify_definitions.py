"""Issue 13: a defined term for what people put into a service ("Your Content", "Input",
"Submissions", "Customer Data") widened. Whatever the document grants over the term (a
licence, display, disclosure, training) reaches the new items though no sentence about the
grant changed: high, expanding. A reworded or narrowed definition, or another term widened
("Services"), is not. Written in other words than the document the kind was seen in."""

from __future__ import annotations

import pytest

from tests.classify_support import grade
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You may submit comments, photos and reviews (collectively, “Submissions”).",
            "You may submit comments, photos, reviews and voice recordings (collectively,"
            " “Submissions”).",
        ),
        (
            "“Input” means the prompts you type into the assistant.",
            "“Input” means the prompts you type into the assistant and the files it reads from"
            " apps you connect.",
        ),
        (
            "Everything you publish through the app will be referred to as “User Content.”",
            "Everything you publish through the app, and the contact details of your friends,"
            " will be referred to as “User Content.”",
        ),
        (  # widened in the sentence the definition refers back to
            "The app lets you add posts and photos to share with friends. All material you add"
            " will be referred to as “Your Content”.",
            "The app lets you add posts, photos and other notes about your life to share with"
            " friends. All material you add will be referred to as “Your Content”.",
        ),
        (  # widened in a later sentence that says what else is the term
            "Everything you post is referred to as “User Content”. You can delete User Content"
            " at any time.",
            "Everything you post is referred to as “User Content”. You can delete User Content"
            " at any time."
            " Summaries our tools write of your activity are also your User Content.",
        ),
        (  # a hyphenated name for the same kind of term
            "“User-Generated Content” means the posts you publish.",
            "“User-Generated Content” means the posts you publish and the messages you send to"
            " other members.",
        ),
    ],
)
def test_a_definition_of_what_people_put_in_widened_is_high(old: str, new: str) -> None:
    severity, direction, reason = grade(old, new)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "definition" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # a synonym for an item: reworded, not wider
            "You may submit comments, photos and reviews (collectively, “Submissions”).",
            "You may submit comments, images and reviews (collectively, “Submissions”).",
        ),
        (  # an item taken out: narrower
            "“Input” means the prompts and files you provide.",
            "“Input” means the prompts you provide.",
        ),
        (  # not what people put in: the company's own offering
            "“Services” means our websites and apps.",
            "“Services” means our websites, apps and browser extensions.",
        ),
        (  # personal data defined more widely protects more
            "“Data” means information you type.",
            "“Data” means information you type and files you upload.",
        ),
        (  # an exclusion added: narrower
            "“User Content” means any text, photos or videos you post.",
            "“User Content” means any text, photos or videos you post, but does not include your"
            " private messages.",
        ),
        (  # a limit added: narrower
            "“Submissions” means the ideas you send us.",
            "“Submissions” means the ideas you send us only through the official feedback form.",
        ),
        (  # examples of what it already covered
            "“Your Content” means anything you upload to the service.",
            "“Your Content” means anything you upload to the service, such as photos and videos.",
        ),
        (  # words added to another sentence of the clause, not to the definition
            "All material you upload is referred to as “Your Content”. You can delete Your"
            " Content at any time.",
            "All material you upload is referred to as “Your Content”. You can delete Your"
            " Content at any time from the settings page of your account.",
        ),
    ],
)
def test_other_definition_edits_are_not_a_widened_grant(old: str, new: str) -> None:
    assert grade(old, new)[0] != Severity.HIGH

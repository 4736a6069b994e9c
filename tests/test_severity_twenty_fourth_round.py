"""Readings from the blind sets measured once by the 53rd session (fresh96 to fresh99): each rule
general, each case failing on the rules before it, with near misses that keep what they must.

- People's content put under an open licence, for anyone to use: "If you submit written
  sentences, we may also make those available ... for public consumption under CC0" (Mozilla's
  Common Voice privacy notice, fresh96's cu005) and "You must agree that Mozilla may offer all of
  your Contributions ... to the public under the CC0 public domain dedication" (its terms,
  fresh97's cv009) were read as wording and as a clause with no topic: an open licence has no
  "grant" word, and its licensee is everyone. The content must be named as people's before the
  licence ("your contributions", "the sentences you submit"); a document licensing itself, the
  company's own material, or a dataset whose makers the sentence does not name is not a licence
  over people's content.
- Content "licensed to Stack Overflow", "licensed to us": a licence given in the passive, whose
  licensee follows "to" (not "licensed to you", the company's licence to its user).
- "If the changes are substantive, we will announce the update through Mozilla's usual
  channels ... such as blog posts and forums" removed (Common Voice's terms, fresh97's cv032)
  was read as a modal change: "announce" was no duty. Notice given to all at once is notice, one
  promise with "notify" and "inform".
"""

from __future__ import annotations

import pytest

from tests.classify_support import added, grade, removed
from tracker.vocabulary import Direction, Severity


@pytest.mark.parametrize(
    "text",
    [
        "You must agree that Mozilla may offer all of your Contributions (including text, "
        "recordings, validations, and feedback) to the public under the CC0 public domain "
        "dedication.",
        "By submitting your edits, you agree to license your contributions under the Creative "
        "Commons Attribution-ShareAlike 4.0 License.",
        "We release the prompts you submit to the public domain.",
        "You agree that all Subscriber Content that You contribute to the Network is "
        "perpetually and irrevocably licensed to Stack Overflow.",
        "Content you post is licensed to us on a worldwide, royalty-free basis.",
    ],
)
def test_peoples_content_under_an_open_or_passive_licence_added_is_high(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "licence over your content" in reason, reason


def test_an_open_licence_put_on_what_people_submit_is_high() -> None:
    severity, direction, reason = grade(
        "If you submit written sentences, we may also make those available in the database for "
        "public consumption and use.",
        "If you submit written sentences, we may also make those available in the database for "
        "public consumption under CC0, in accordance with all our samples.",
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "licence over your content added" in reason, reason


def test_an_open_licence_over_peoples_content_removed_narrows() -> None:
    severity, direction, reason = removed(
        "By submitting your edits, you agree to license your contributions under the Creative "
        "Commons Attribution-ShareAlike 4.0 License."
    )
    assert direction == Direction.NARROWS, reason
    assert severity in (Severity.LOW, Severity.MEDIUM), reason


@pytest.mark.parametrize(
    "text",
    [
        # near misses: the document itself, the company's own material, a dataset whose makers
        # the sentence does not name, a licence given to the user
        "This Privacy Statement is licensed under the Creative Commons Zero license.",
        "Our documentation is available under the Creative Commons Attribution 4.0 license.",
        "You may use our logos under CC BY, crediting your source.",
        "The Common Voice dataset is made available under the CC0 public domain dedication.",
        "The Software is licensed to you, not sold.",
        "Certain components of the Service are licensed to us by third parties.",
    ],
)
def test_an_open_licence_over_no_ones_content_is_not_a_licence_over_theirs(text: str) -> None:
    severity, _, reason = added(text)
    assert "licence over your content" not in reason, reason
    assert severity != Severity.HIGH, reason


def test_a_document_relicensed_under_another_open_licence_stays_low() -> None:
    severity, direction, reason = grade(
        "This Agreement is licensed under the Creative Commons Attribution license.",
        "This Agreement is licensed under this Creative Commons Zero license. For details, see "
        "our site-policy repository.",
    )
    assert severity in (Severity.NONE, Severity.LOW), reason
    assert direction == Direction.NEUTRAL, reason


def test_a_promise_to_announce_changes_removed_is_high() -> None:
    severity, direction, reason = grade(
        "Mozilla may update these Terms from time to time. If the changes are substantive, we "
        "will announce the update through our blog posts and forums. Your continued use "
        "constitutes your acceptance of such changes.",
        "Mozilla may update these Terms from time to time. Your continued use constitutes your "
        "acceptance of such changes.",
    )
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "commitment removed" in reason, reason


def test_notice_said_as_an_announcement_is_the_same_promise() -> None:
    # near miss: the promise kept, said with another verb of notice
    severity, direction, reason = grade(
        "We will notify you of material changes.", "We will announce material changes."
    )
    assert severity != Severity.HIGH, reason
    assert direction != Direction.EXPANDS, reason


# Review 240: where the open licence and "announce" readings went wrong on realistic sentences.


@pytest.mark.parametrize(
    "text",
    [
        # the person's permission over the company's material ("you may share"), not a licence
        # taken from them: _PEOPLE_SUPPLY read "You may share" as content people supply
        "You may share and adapt our articles under CC BY-SA 4.0, provided you credit us.",
        # a licence the person may choose to give: their right (it was "right added" before)
        "You may choose to license your photos under a Creative Commons license.",
        "When you create a project, you can choose to publish it under CC BY.",
        # "your use of content": the content is not theirs; their act is about it
        "Your use of content available under Creative Commons licences is subject to those "
        "licences' terms.",
        # a promise not to open their content, not an opening
        "We will never place your content in the public domain.",
        "We will not release your contributions under CC0 without your consent.",
        # opened by others before it reached the service, not by the person
        "You may upload works that have been released into the public domain by their creators.",
        "You may upload images that are available under CC BY-SA from their authors.",
        # what is made from their content, not their content
        "Aggregate statistics derived from your activities and your data are made available "
        "under CC BY 4.0.",
        "Statistics about your edits are available under CC0.",
    ],
)
def test_an_open_licence_chosen_denied_or_given_by_others_is_not_taken(text: str) -> None:
    severity, _, reason = added(text)
    assert "licence over your content" not in reason, reason
    assert severity != Severity.HIGH, reason


@pytest.mark.parametrize(
    "text",
    [
        # near misses that keep the licence: a choice to contribute (not to license), a denial
        # in another clause, a requirement ("can only submit"), the person's own release
        "If you choose to contribute, your contributions are licensed under CC BY-SA.",
        "We don't sell your data; your edits are licensed under CC BY-SA.",
        "By uploading, you release your photos into the public domain.",
        # missed by the lead's rule: "can only submit", "may only post" put two words between
        # the person and their verb
        "You can only submit content that you are willing to license under CC BY-SA.",
        "Users may only post images they release into the public domain.",
        # missed: "under the terms of the Creative Commons ..." (Wikipedia's edit notice) put
        # three words between "under" and the licence
        "By clicking save, you agree to irrevocably release your contribution under the terms "
        "of the Creative Commons Attribution-ShareAlike 4.0 License.",
        # missed: a clause about the site before the licence's own clause read as the document
        # licensing itself
        "This website is published by the OpenStreetMap Foundation, and the map data you "
        "contribute is made available under the Open Database License.",
    ],
)
def test_an_open_licence_required_of_people_stays_high(text: str) -> None:
    severity, direction, reason = added(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "licence over your content" in reason, reason


@pytest.mark.parametrize(
    "text",
    [
        # announcing is notice only of a change: a contest's winners, third parties' terms the
        # company discloses (Replicate's terms) or new products are no promise of notice
        "We will announce the winners on our website.",
        "For clarity, Replicate is identifying below the specific Third-Party Terms that certain "
        "Third Parties require us to announce to you and which apply to your use of particular "
        "Third-Party Offerings.",
        "We may announce new features on our blog.",
    ],
)
def test_an_announcement_of_no_change_removed_is_no_commitment(text: str) -> None:
    severity, _, reason = removed(text)
    assert severity != Severity.HIGH, reason
    assert "commitment" not in reason, reason


@pytest.mark.parametrize(
    "text",
    [
        # near misses: notice of changes, named or by a pronoun after them (Basecamp's policy)
        "Whenever we make a significant change to our policies, we will also announce them on "
        "our company blog.",
        "We will announce any changes to these Terms on our blog.",
    ],
)
def test_an_announcement_of_changes_removed_is_a_commitment_removed(text: str) -> None:
    severity, direction, reason = removed(text)
    assert (severity, direction) == (Severity.HIGH, Direction.EXPANDS), reason
    assert "commitment removed" in reason, reason

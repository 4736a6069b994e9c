"""The pipeline's decision as a pure function: every branch from plain values, no database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tracker.errors import EmptyDocumentError, SelectorMissError, UnsupportedFormatError
from tracker.extract import extract_bytes
from tracker.guard import Suspicion
from tracker.model import ExtractedDocument
from tracker.track.decide import (
    Changed,
    CheckFlapping,
    Decision,
    Extract,
    ExtractionFailed,
    Failed,
    LatestVersion,
    PageFacts,
    Rederive,
    Screened,
    ScreenNewText,
    Suspect,
    Verified,
    decide,
)
from tracker.vocabulary import FetchErrorKind, Outcome

FINGERPRINT = "3/abc"
TEXT = extract_bytes(
    b"<html><body><main><h1>Privacy</h1><p>We keep your data for thirty days only.</p>"
    b"<p>You may ask us to delete it at any time.</p></main></body></html>",
    content_type="text/html",
)
LATEST = LatestVersion(number=4, text_sha256=TEXT.text_sha256, fingerprint=FINGERPRINT)
OTHER: ExtractedDocument = replace(TEXT, text_sha256="f" * 64)
WALL = Suspicion("bot-wall", "a bot wall")
FLAP = Suspicion("flapping", "flapping between two texts")


def facts(**changes: object) -> PageFacts:
    base = PageFacts(
        not_modified=False,
        fingerprint=FINGERPRINT,
        latest=LATEST,
        raw_sha256="a" * 64,
        last_raw_sha256="b" * 64,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def run_out(start: PageFacts, answers: dict[type, object]) -> tuple[list[Decision], Decision]:
    """Feed decide() the answers to its requests until it gives a verdict."""
    asked: list[Decision] = []
    current = start
    while True:
        decision = decide(current)
        if not isinstance(decision, Extract | Rederive | ScreenNewText | CheckFlapping):
            return asked, decision
        asked.append(decision)
        answer = answers[type(decision)]
        field = {
            Extract: "extraction",
            Rederive: "latest",
            ScreenNewText: "new_text",
            CheckFlapping: "flapping",
        }[type(decision)]
        current = replace(current, **{field: answer})
        if isinstance(decision, Rederive):
            current = replace(current, rederived=True)


def test_a_304_without_any_version_is_a_protocol_failure() -> None:
    verdict = decide(facts(not_modified=True, latest=None, raw_sha256=None))
    assert verdict == Failed(FetchErrorKind.PROTOCOL, "304 Not Modified with no stored version")


def test_a_304_verifies_the_latest_version_once_flapping_is_ruled_out() -> None:
    start = facts(not_modified=True, raw_sha256=None)
    assert decide(start) == CheckFlapping(Outcome.NOT_MODIFIED)
    assert decide(replace(start, flapping=Screened())) == Verified(Outcome.NOT_MODIFIED)
    assert decide(replace(start, flapping=Screened(FLAP))) == Suspect(FLAP)


def test_the_same_raw_bytes_skip_extraction() -> None:
    asked, verdict = run_out(facts(last_raw_sha256="a" * 64), {CheckFlapping: Screened()})
    assert asked == [CheckFlapping(Outcome.UNCHANGED)]
    assert verdict == Verified(Outcome.UNCHANGED)


def test_the_same_raw_bytes_under_new_rules_are_extracted_again() -> None:
    start = facts(last_raw_sha256="a" * 64, latest=replace(LATEST, fingerprint="2/old"))
    assert decide(start) == Extract()


def test_the_same_text_is_verified() -> None:
    asked, verdict = run_out(facts(), {Extract: TEXT, CheckFlapping: Screened()})
    assert asked == [Extract(), CheckFlapping(Outcome.UNCHANGED)]
    assert verdict == Verified(Outcome.UNCHANGED)


def test_a_new_text_is_screened_then_recorded() -> None:
    asked, verdict = run_out(facts(), {Extract: OTHER, ScreenNewText: Screened()})
    assert asked == [Extract(), ScreenNewText()]
    assert verdict == Changed()


def test_a_first_text_is_screened_then_recorded() -> None:
    asked, verdict = run_out(
        facts(latest=None, last_raw_sha256=None), {Extract: TEXT, ScreenNewText: Screened()}
    )
    assert asked == [Extract(), ScreenNewText()] and verdict == Changed()


def test_a_new_text_the_guards_object_to_is_suspect() -> None:
    _, verdict = run_out(facts(), {Extract: OTHER, ScreenNewText: Screened(WALL)})
    assert verdict == Suspect(WALL)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (SelectorMissError("main"), FetchErrorKind.SELECTOR_MISS),
        (EmptyDocumentError("no text"), FetchErrorKind.EMPTY),
        (UnsupportedFormatError("image/png"), FetchErrorKind.UNSUPPORTED_FORMAT),
    ],
)
def test_no_text_is_a_failure_of_its_kind(error: Exception, kind: FetchErrorKind) -> None:
    verdict = decide(facts(extraction=ExtractionFailed(error)))  # type: ignore[arg-type]
    assert verdict == Failed(kind, str(error))


def test_no_text_behind_a_wall_is_suspect() -> None:
    verdict = decide(facts(extraction=ExtractionFailed(EmptyDocumentError("no text"), WALL)))
    assert verdict == Suspect(WALL)


def test_a_changed_fingerprint_re_derives_once_then_compares_like_for_like() -> None:
    old_rules = replace(LATEST, fingerprint="2/old")
    rederived = replace(LATEST, number=5)  # a technical version with tonight's fingerprint
    asked, verdict = run_out(
        facts(latest=old_rules),
        {Extract: TEXT, Rederive: rederived, CheckFlapping: Screened()},
    )
    assert asked == [Extract(), Rederive(), CheckFlapping(Outcome.UNCHANGED)]
    assert verdict == Verified(Outcome.UNCHANGED)


def test_a_re_derivation_that_could_not_happen_is_not_asked_for_again() -> None:
    old_rules = replace(LATEST, fingerprint="2/old")
    start = facts(latest=old_rules, extraction=OTHER, rederived=True)
    assert decide(start) == ScreenNewText()

"""What becomes of a fetched page: the pipeline's decisions as one pure function.

:func:`decide` looks at what is known about tonight's page and the stored history
(:class:`PageFacts`) and answers either with a verdict or with the one thing it needs to know
next. The recorder (:mod:`tracker.track.record`) finds that out (extracts, re-derives,
screens: the work that needs the database or the CPU), adds it to the facts and asks again::

    304 Not Modified ........................ no version yet? failed (protocol)
                                              else verified (unless flapping)
    same raw bytes, same fingerprint ........ verified (unless flapping)
    -> Extract
    no text ................................. a wall or error page? suspect, else failed
    extractor or rules changed .............. -> Rederive (the latest version, once)
    same text as the latest version ......... verified (unless flapping)
    -> ScreenNewText
    guards object ........................... suspect
    otherwise ............................... changed: record a new version

"Unless flapping": during a flapping episode even the latest version's own text is held
(``CheckFlapping`` asks for that screen). Nothing here touches the database, the network or
the clock, so every branch is tested with plain values (tests/test_track_decide.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.errors import (
    EmptyDocumentError,
    InputError,
    NoTextLayerError,
    SelectorMissError,
    UnsupportedFormatError,
)
from tracker.guard import Suspicion
from tracker.model import ExtractedDocument
from tracker.vocabulary import FetchErrorKind, Outcome


@dataclass(frozen=True, slots=True)
class LatestVersion:
    """The facts of the document's latest version that decisions look at."""

    number: int
    text_sha256: str
    fingerprint: str  # extractor version + rules it was extracted with


@dataclass(frozen=True, slots=True)
class Screened:
    """The answer of a screen: ``suspicion`` None means nothing to object to."""

    suspicion: Suspicion | None = None


@dataclass(frozen=True, slots=True)
class ExtractionFailed:
    """No text could be taken from the page; ``wall`` is the wall or error page that
    explains it, if the guards recognised one."""

    error: InputError
    wall: Suspicion | None = None


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What is known so far. Fields left None are not known yet (see :func:`decide`)."""

    not_modified: bool
    fingerprint: str  # the extraction fingerprint of tonight's rules
    latest: LatestVersion | None
    raw_sha256: str | None = None
    last_raw_sha256: str | None = None  # of the last successful fetch
    extraction: ExtractedDocument | ExtractionFailed | None = None
    rederived: bool = False
    new_text: Screened | None = None
    flapping: Screened | None = None


# What decide() needs to know next ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Extract:
    """Extract the page (and look for a wall if no text comes out)."""


@dataclass(frozen=True, slots=True)
class Rederive:
    """Re-extract the latest version's raw page under tonight's fingerprint."""


@dataclass(frozen=True, slots=True)
class ScreenNewText:
    """Run the guards on the new text (walls, shrinks, language, flapping back, confirmation)."""


@dataclass(frozen=True, slots=True)
class CheckFlapping:
    """Is the latest version's own text held by a flapping episode? ``outcome`` otherwise."""

    outcome: Outcome


# Verdicts -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verified:
    """The latest version is seen again: ``unchanged`` or ``not-modified``."""

    outcome: Outcome


@dataclass(frozen=True, slots=True)
class Suspect:
    """Keep the fetch, record no version."""

    suspicion: Suspicion


@dataclass(frozen=True, slots=True)
class Failed:
    kind: FetchErrorKind
    message: str


@dataclass(frozen=True, slots=True)
class Changed:
    """Record the extracted text as a new version."""


Request = Extract | Rederive | ScreenNewText | CheckFlapping
Verdict = Verified | Suspect | Failed | Changed
Decision = Request | Verdict


def decide(facts: PageFacts) -> Decision:
    """The verdict on tonight's page, or what must be found out first (see module doc)."""
    latest = facts.latest
    if facts.not_modified:
        if latest is None:
            return Failed(FetchErrorKind.PROTOCOL, "304 Not Modified with no stored version")
        return _verified_unless_flapping(facts, Outcome.NOT_MODIFIED)
    if (
        latest is not None
        and facts.raw_sha256 is not None
        and facts.raw_sha256 == facts.last_raw_sha256
        and latest.fingerprint == facts.fingerprint
    ):
        return _verified_unless_flapping(facts, Outcome.UNCHANGED)
    extraction = facts.extraction
    if extraction is None:
        return Extract()
    if isinstance(extraction, ExtractionFailed):
        if extraction.wall is not None:
            return Suspect(extraction.wall)
        return Failed(input_error_kind(extraction.error), str(extraction.error))
    if latest is not None and latest.fingerprint != facts.fingerprint and not facts.rederived:
        return Rederive()
    if latest is not None and latest.text_sha256 == extraction.text_sha256:
        return _verified_unless_flapping(facts, Outcome.UNCHANGED)
    if facts.new_text is None:
        return ScreenNewText()
    if facts.new_text.suspicion is not None:
        return Suspect(facts.new_text.suspicion)
    return Changed()


def _verified_unless_flapping(facts: PageFacts, outcome: Outcome) -> Decision:
    if facts.flapping is None:
        return CheckFlapping(outcome)
    if facts.flapping.suspicion is not None:
        return Suspect(facts.flapping.suspicion)
    return Verified(outcome)


def input_error_kind(exc: InputError) -> FetchErrorKind:
    """The fetch-error kind stored for a page no text could be taken from."""
    if isinstance(exc, SelectorMissError):
        return FetchErrorKind.SELECTOR_MISS
    if isinstance(exc, EmptyDocumentError):
        return FetchErrorKind.EMPTY
    if isinstance(exc, NoTextLayerError):
        return FetchErrorKind.NO_TEXT_LAYER
    if isinstance(exc, UnsupportedFormatError):
        return FetchErrorKind.UNSUPPORTED_FORMAT
    return FetchErrorKind.EXTRACT

"""Decisions that need the fetch history: confirmation by repetition, and flapping. Pure.

The history is a sequence of :class:`Observation`, newest first: the earlier fetches of the
document that saw a text worth counting (recorded, verified, or held for a confirmable
suspicion). Failed fetches and walls are not observations: they say nothing about the text.

Confirmation
    A text held for a confirmable suspicion (see :data:`~tracker.guard.checks.CONFIRMABLE_KINDS`)
    becomes a version when the ``confirmations`` fetches before this one saw the same text:
    with the default 2, the third sighting in a row is recorded.

Flapping
    A page that alternates between two texts (A/B/A/B: a load balancer with two builds, an A/B
    test) is recognised when tonight's text equals an earlier version's (among the last
    :data:`FLAP_VERSIONS`) while the latest version is recent (recorded at most
    :data:`FLAP_WINDOW` fetches ago). From then on, every fetch is held as ``flapping`` (the
    latest version's text too: while the page flaps, neither text is known to be current),
    so it is reported as one ongoing episode, never as a change every night. The episode ends
    when one text is seen on ``confirmations + 1`` fetches in a row: the latest version's text
    is verified again, or the other text becomes a new version (a real revert).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.guard.checks import FLAPPING, Suspicion

#: How many versions before the latest one a returning text is compared with.
FLAP_VERSIONS = 3
#: A latest version recorded at most this many fetches ago is recent enough to flap.
FLAP_WINDOW = 10


@dataclass(frozen=True, slots=True)
class Observation:
    """An earlier fetch that saw a text: its text hash, and whether it was held as flapping."""

    text_sha256: str
    flapping: bool = False


@dataclass(frozen=True, slots=True)
class VersionText:
    """A recorded version's number and text hash."""

    number: int
    text_sha256: str


def repeats(text_sha256: str, history: Sequence[Observation]) -> int:
    """How many of the newest observations, in a row, saw ``text_sha256``."""
    count = 0
    for observation in history:
        if observation.text_sha256 != text_sha256:
            break
        count += 1
    return count


def confirmed(text_sha256: str, history: Sequence[Observation], confirmations: int) -> bool:
    """Whether the text was seen on the ``confirmations`` fetches before this one."""
    return repeats(text_sha256, history) >= confirmations


def in_flapping_episode(history: Sequence[Observation]) -> bool:
    return bool(history) and history[0].flapping


def returning_version(
    text_sha256: str,
    latest: VersionText,
    earlier: Sequence[VersionText],
    *,
    fetches_since_latest: int,
    history: Sequence[Observation],
) -> VersionText | None:
    """The earlier version whose text is back, if that makes the page flap (else ``None``)."""
    if text_sha256 == latest.text_sha256:
        return None
    if fetches_since_latest > FLAP_WINDOW and not in_flapping_episode(history):
        return None
    candidates = sorted(earlier, key=lambda v: v.number, reverse=True)[:FLAP_VERSIONS]
    return next((v for v in candidates if v.text_sha256 == text_sha256), None)


def flapping_to_earlier(returning: VersionText, latest: VersionText, needed: int) -> Suspicion:
    return Suspicion(
        FLAPPING,
        f"the page went back to the text of version {returning.number} after version "
        f"{latest.number}: held until one text is seen on {needed} fetches in a row",
        confirmable=True,
    )


def flapping_hold_on_latest(
    latest: VersionText, history: Sequence[Observation], confirmations: int
) -> Suspicion | None:
    """During a flapping episode, the latest version's text is held too, until it settles."""
    if not in_flapping_episode(history) or confirmed(latest.text_sha256, history, confirmations):
        return None
    seen = repeats(latest.text_sha256, history) + 1
    return Suspicion(
        FLAPPING,
        f"the page alternates between version {latest.number}'s text and another: held until "
        f"one text is seen on {confirmations + 1} fetches in a row ({seen} so far)",
        confirmable=True,
    )

"""Confirmation by repetition and flapping as pure decisions over a fetch history."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.guard.history import (
    FLAP_WINDOW,
    Observation,
    VersionText,
    confirmed,
    flapping_hold_on_latest,
    repeats,
    returning_version,
)

A, B, C = "a" * 64, "b" * 64, "c" * 64
V1, V2, V3 = VersionText(1, A), VersionText(2, B), VersionText(3, C)

histories = st.lists(st.builds(Observation, st.sampled_from([A, B, C]), st.booleans()), max_size=12)


@given(histories, st.sampled_from([A, B, C]), st.integers(min_value=1, max_value=5))
def test_confirmed_means_the_newest_fetches_all_saw_the_text(
    history: list[Observation], text: str, needed: int
) -> None:
    expected = len(history) >= needed and all(o.text_sha256 == text for o in history[:needed])
    assert confirmed(text, history, needed) == expected
    assert repeats(text, history) <= len(history)


@given(histories)
def test_the_latest_text_is_held_only_during_an_episode(history: list[Observation]) -> None:
    held = flapping_hold_on_latest(V2, history, 2)
    if not history or not history[0].flapping:
        assert held is None
    elif repeats(B, history) >= 2:
        assert held is None  # settled: seen on 3 fetches in a row with tonight
    else:
        assert held is not None and held.kind == "flapping" and held.confirmable


def test_a_returning_text_flaps_only_while_the_latest_version_is_recent() -> None:
    recent = returning_version(A, V2, [V1], fetches_since_latest=1, history=[])
    assert recent == V1
    old = returning_version(A, V2, [V1], fetches_since_latest=FLAP_WINDOW + 1, history=[])
    assert old is None
    # ...unless the page is already flapping: an episode outlives the window.
    episode = [Observation(B, flapping=True)]
    assert returning_version(A, V2, [V1], fetches_since_latest=99, history=episode) == V1
    # A new text, or the latest one, is never "returning".
    assert returning_version(C, V2, [V1], fetches_since_latest=1, history=[]) is None
    assert returning_version(B, V2, [V1], fetches_since_latest=1, history=[]) is None


def test_only_the_last_few_versions_can_return() -> None:
    earlier = [VersionText(n, f"{n:064d}") for n in range(1, 9)]
    latest = VersionText(9, "9" * 64)
    assert (
        returning_version(
            earlier[-1].text_sha256, latest, earlier, fetches_since_latest=1, history=[]
        )
        == earlier[-1]
    )
    assert (
        returning_version(
            earlier[0].text_sha256, latest, earlier, fetches_since_latest=1, history=[]
        )
        is None
    )

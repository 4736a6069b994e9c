"""Time as a value passed in: the pipeline never reads the system clock itself.

The demo and the tests pass a clock set to each snapshot's date; production passes
:func:`system_clock`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class FixedClock:
    """A clock that stays where it is set (for the demo and tests)."""

    def __init__(self, now: datetime) -> None:
        self.set(now)

    def set(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._now = now

    def __call__(self) -> datetime:
        return self._now

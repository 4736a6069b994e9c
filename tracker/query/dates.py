"""Dates and times given on the command line, as a span of time (pure).

``2025-05-06`` is the whole UTC day: it *starts* at 00:00:00 and *ends* at 23:59:59.999999 UTC.
An ISO 8601 date-time (``2025-05-06T03:00``, ``2025-05-06 03:00:00+02:00``, ``...Z``) is one
instant, so its start and end are the same; without an offset it is UTC.

Queries pick the end they need: ``show --at DATE`` uses the end (the document as it stood at
the end of that day), ``log --since DATE`` the start (changes from that day on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from tracker.errors import UsageError

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class When:
    """A span of time named by the user: a whole day, or one instant (start == end)."""

    text: str
    start: datetime
    end: datetime

    @property
    def is_day(self) -> bool:
        return self.start != self.end


def parse_when(text: str) -> When:
    """Parse ``YYYY-MM-DD`` or an ISO 8601 date-time; a clear :class:`UsageError` otherwise."""
    value = text.strip()
    try:
        if _DAY.match(value):
            day = date.fromisoformat(value)
            start = datetime.combine(day, time.min, tzinfo=UTC)
            return When(text, start, datetime.combine(day, time.max, tzinfo=UTC))
        if "T" not in value and " " not in value:
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"invalid date {text!r}: expected YYYY-MM-DD or an ISO 8601 date-time "
            "such as 2025-05-06T03:00:00Z"
        ) from None
    try:
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError:
        raise UsageError(f"date {text!r} is out of range (years 1 to 9999, UTC)") from None
    return When(text, moment, moment)

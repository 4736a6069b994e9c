"""When a subscription's message is due (pure): its schedule, and its weekly heartbeat.

- ``immediate``: at every run (a message goes out when the run found something wanted);
- ``daily``: at most one message a calendar day: due when nothing was sent (or skipped) for
  the destination since the day began, in ``TRACKER_TIMEZONE``;
- ``weekly``: the same per calendar week, weeks starting on Monday.

A daily or weekly subscription's changes wait, pending, until the first run of the next day or
week; a message that could not be delivered leaves the slot open, so the next run tries again.
A new destination's baseline counts as its first slot.

The heartbeat ("still watching: N documents verified, M failing") is due for a subscription
that asked for it when its destination has heard nothing for a week (less an hour, so that a
nightly schedule's jitter never pushes it to the next night).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from tracker.vocabulary import Schedule

#: How long a destination may hear nothing before its heartbeat (if asked for) goes out.
HEARTBEAT_AFTER = timedelta(days=7) - timedelta(hours=1)


def zone(name: str | None) -> tzinfo | None:
    """The time zone of ``TRACKER_TIMEZONE``; None for the machine's own."""
    return ZoneInfo(name) if name else None


def period_start(schedule: Schedule, now: datetime, tz: tzinfo | None) -> datetime | None:
    """When the current day or week began (local midnight, as an aware time); None for
    ``immediate``, which has no period."""
    if schedule == Schedule.IMMEDIATE:
        return None
    local = now.astimezone(tz)
    day = local.date()
    if schedule == Schedule.WEEKLY:
        day -= timedelta(days=day.weekday())
    midnight = datetime.combine(day, time(0, 0))
    return midnight.replace(tzinfo=local.tzinfo) if tz is None else midnight.replace(tzinfo=tz)


def is_due(
    schedule: Schedule, last_slot: datetime | None, now: datetime, tz: tzinfo | None
) -> bool:
    """Whether a message may go out now, given when the last one went (or was skipped)."""
    start = period_start(schedule, now, tz)
    return start is None or last_slot is None or last_slot < start


def heartbeat_due(last_contact: datetime | None, now: datetime) -> bool:
    """Whether a destination that last heard from us at ``last_contact`` gets a heartbeat."""
    return last_contact is None or now - last_contact >= HEARTBEAT_AFTER

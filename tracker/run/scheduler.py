"""``tracker schedule``: a long-running process that runs the tracker on a cron schedule.

APScheduler 3 only *decides when*: its cron trigger (``TRACKER_SCHEDULE`` in
``TRACKER_TIMEZONE``, with up to ``TRACKER_SCHEDULE_JITTER`` seconds of random delay) calls
:meth:`Scheduler.request`, which asks the main thread for a run. The main thread does the
runs, one at a time, exactly like ``tracker run``: the documents that are due
(:mod:`tracker.run.due`), under the run lock, then the digest. So:

- never two runs at once: a firing while a run is going is skipped (and logged), and the
  run lock keeps a ``tracker run`` started by hand, or another machine, out of the way;
- missed firings (the machine slept, the clock jumped) are coalesced into one run, which
  happens as soon as the scheduler notices, however late (``misfire_grace_time=None``);
- SIGTERM or SIGINT stops cleanly: the run in progress finishes the documents in flight and
  is marked interrupted, then the process exits 0. A second signal aborts (the document
  being recorded is rolled back).

APScheduler numbers weekdays from Monday = 0, cron from Sunday = 0: :func:`crontab_fields`
translates, so ``TRACKER_SCHEDULE`` means what it means in a crontab. Cron also fires when
*either* day field matches once both are restricted (``0 3 1 * 1``: the 1st and every
Monday), where APScheduler needs both: :func:`cron_trigger` then combines two triggers.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

import tzlocal
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger

from tracker.errors import ConfigError
from tracker.settings import Settings

log = logging.getLogger(__name__)

JOB_ID = "tracker-run"
_CRON_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NUMERIC_PART = re.compile(r"^(\*|\d+(?:-\d+)?)(?:/(\d+))?$")


def schedule_timezone(settings: Settings) -> tzinfo:
    """``TRACKER_TIMEZONE``, or the machine's local time zone."""
    return ZoneInfo(settings.timezone) if settings.timezone else tzlocal.get_localzone()


def crontab_fields(expression: str) -> dict[str, str]:
    """The five fields of a crontab expression as APScheduler CronTrigger arguments."""
    values = expression.split()
    if len(values) != 5:
        raise ConfigError(
            f"TRACKER_SCHEDULE={expression!r} must have 5 fields: "
            "minute hour day-of-month month day-of-week"
        )
    minute, hour, day, month, day_of_week = values
    return {
        "minute": minute,
        "hour": hour,
        "day": day,
        "month": month,
        "day_of_week": cron_day_of_week(day_of_week, expression),
    }


def cron_day_of_week(field: str, expression: str) -> str:
    """Translate cron's numeric weekdays (0 or 7 = Sunday) to names, which APScheduler reads
    the same way cron does; names pass through."""
    if field == "*":
        return field
    parts = []
    for part in field.split(","):
        match = _NUMERIC_PART.match(part)
        if match is None:
            parts.append(part)  # names (mon-fri), checked by APScheduler
            continue
        span, step = match.group(1), int(match.group(2) or 1)
        first, last = (0, 6) if span == "*" else _day_range(span)
        if last > 7 or first > last or step == 0:
            raise ConfigError(f"TRACKER_SCHEDULE={expression!r}: bad day of week {part!r}")
        parts.extend(_CRON_DAY_NAMES[day] for day in range(first, last + 1, step))
    return ",".join(dict.fromkeys(parts))


def _day_range(span: str) -> tuple[int, int]:
    first, _, last = span.partition("-")
    return int(first), int(last or first)


def cron_trigger(settings: Settings) -> BaseTrigger:
    """The trigger of ``TRACKER_SCHEDULE`` in the schedule's time zone, with jitter.

    As in cron, when day-of-month and day-of-week are both restricted (neither starts with
    ``*``), a day matches when either does: the union of a trigger on each.
    """
    fields = crontab_fields(settings.schedule)
    zone = schedule_timezone(settings)
    jitter = int(settings.schedule_jitter) or None
    try:
        if not days_are_either(settings.schedule):
            return CronTrigger(**fields, timezone=zone, jitter=jitter)
        by_day = CronTrigger(**{**fields, "day_of_week": "*"}, timezone=zone)
        by_weekday = CronTrigger(**{**fields, "day": "*"}, timezone=zone)
        return OrTrigger([by_day, by_weekday], jitter=jitter)
    except ValueError as exc:
        raise ConfigError(f"TRACKER_SCHEDULE={settings.schedule!r}: {exc}") from None


def days_are_either(expression: str) -> bool:
    """Cron's rule: both day fields restricted (not starting with ``*``) means either."""
    day, day_of_week = expression.split()[2], expression.split()[4]
    return not day.startswith("*") and not day_of_week.startswith("*")


class Scheduler:
    """The cron trigger and the main-thread loop that performs the runs it asks for."""

    def __init__(self, settings: Settings, run: Callable[[], None], stop: threading.Event):
        self.settings = settings
        self.run = run
        self.stop = stop
        self.trigger = cron_trigger(settings)
        self._requested = threading.Event()
        self._running = threading.Event()
        self._wake = threading.Event()
        self.apscheduler = BackgroundScheduler(
            timezone=schedule_timezone(settings),
            executors={"default": ThreadPoolExecutor(1)},
        )
        self.apscheduler.add_job(
            self.request,
            self.trigger,
            id=JOB_ID,
            name="tracker run",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )

    def request(self) -> None:
        """Ask for a run (the APScheduler job). Skipped while a run is going."""
        if self._running.is_set():
            log.warning("scheduled run skipped: the previous run is still going")
            return
        self._requested.set()
        self._wake.set()

    def shutdown(self) -> None:
        """Ask the loop to end (signal handlers call this after setting ``stop``)."""
        self.stop.set()
        self._wake.set()

    def run_if_requested(self) -> bool:
        """Perform the requested run, if any, on the calling thread. True if one ran."""
        if not self._requested.is_set() or self.stop.is_set():
            return False
        self._requested.clear()
        self._running.set()
        try:
            self.run()
        finally:
            self._running.clear()
        return True

    def next_run_time(self) -> datetime | None:
        job = self.apscheduler.get_job(JOB_ID)
        return getattr(job, "next_run_time", None)

    def serve(self) -> None:
        """Run until :meth:`shutdown`: wait for a request, perform it, and again."""
        self.apscheduler.start()
        try:
            log.info(
                "schedule %r (%s); next run at %s",
                self.settings.schedule,
                schedule_timezone(self.settings),
                _iso(self.next_run_time()),
            )
            while not self.stop.is_set():
                self._wake.wait()
                self._wake.clear()
                if self.run_if_requested():
                    log.info("next run at %s", _iso(self.next_run_time()))
        finally:
            self.apscheduler.shutdown(wait=False)


def fire_times(settings: Settings, now: datetime, count: int) -> list[datetime]:
    """The next ``count`` times the schedule fires after ``now``, before jitter."""
    trigger = cron_trigger(replace(settings, schedule_jitter=0.0))
    times: list[datetime] = []
    previous: datetime | None = None
    while len(times) < count:
        following = trigger.get_next_fire_time(previous, previous or now)
        if following is None:
            break
        times.append(following)
        previous = following
    return times


def _iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else "never"

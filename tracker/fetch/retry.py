"""When to fetch again after a failed attempt, and after how long: a small pure policy.

Retried: timeouts, connection errors (refused, reset), broken responses, HTTP 429 and
HTTP 5xx. Never retried: other 4xx answers, host names that do not resolve, TLS failures,
bodies over the size cap, redirect loops, non-http(s) URLs; trying again would get the same
answer.

The wait before retry *n* is exponential backoff with jitter: a random time between half and
all of ``min(max_delay, base_delay * 2**(n-1))``, so that many documents failing at once do
not come back at once. A ``Retry-After`` header (seconds, or an HTTP date) replaces the
backoff; when it asks for longer than ``max_delay`` the document is given up for this run
rather than waited for. :class:`RetryPolicy` neither sleeps nor reads a clock: it is given
``now`` and a random generator. :func:`fetch_with_retries` does the waiting, through an
injectable pause so that tests never sleep.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from tracker.clock import Clock
from tracker.errors import FetchError
from tracker.fetch import FetchedPage
from tracker.settings import Settings
from tracker.vocabulary import FetchErrorKind

#: FetchError kinds worth another attempt .
RETRYABLE_KINDS = frozenset(
    {FetchErrorKind.TIMEOUT, FetchErrorKind.CONNECT, FetchErrorKind.PROTOCOL}
)
_SECONDS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``retries`` extra attempts at most, backoff from ``base_delay`` up to ``max_delay``."""

    retries: int = 3
    base_delay: float = 2.0
    max_delay: float = 120.0

    def retryable(self, error: FetchError) -> bool:
        if error.kind in RETRYABLE_KINDS:
            return True
        status = error.status or 0
        return error.kind == FetchErrorKind.HTTP_STATUS and (status == 429 or status >= 500)

    def backoff(self, retry: int, rng: random.Random) -> float:
        """The jittered exponential wait before retry number ``retry`` (1 for the first)."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (retry - 1))
        return rng.uniform(ceiling / 2, ceiling)

    def delay(
        self, error: FetchError, retry: int, *, now: datetime, rng: random.Random
    ) -> float | None:
        """Seconds to wait before retry number ``retry``, or None to give up."""
        if retry > self.retries or not self.retryable(error):
            return None
        if error.retry_after is not None:
            asked = parse_retry_after(error.retry_after, now)
            if asked is not None:
                return asked if asked <= self.max_delay else None
        return self.backoff(retry, rng)


def parse_retry_after(value: str, now: datetime) -> float | None:
    """A ``Retry-After`` value in seconds from ``now``; None when it is not valid.

    Both forms of RFC 9110 are accepted: delay-seconds (``120``) and an HTTP date
    (``Wed, 21 Oct 2026 07:28:00 GMT``); a date in the past means "now" (0).
    """
    text = value.strip()
    if _SECONDS.fullmatch(text):
        return float(int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are always GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


#: Waits up to the given seconds; returns False when the wait was interrupted (shutdown).
Pause = Callable[[float], bool]
#: Told about each retry: the error, the retry number (1, 2...) and the wait in seconds.
RetryListener = Callable[[FetchError, int, float], None]


def sleep_fully(seconds: float) -> bool:
    """The default :data:`Pause`: really sleep, never interrupted."""
    time.sleep(seconds)
    return True


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        retries=settings.retries,
        base_delay=settings.retry_delay,
        max_delay=settings.retry_max_delay,
    )


def fetch_with_retries(
    attempt: Callable[[], FetchedPage],
    policy: RetryPolicy,
    *,
    clock: Clock,
    pause: Pause = sleep_fully,
    rng: random.Random | None = None,
    on_retry: RetryListener | None = None,
) -> FetchedPage:
    """Call ``attempt`` until it returns a page or ``policy`` gives up; then raise its last
    FetchError (its message says how many attempts were made when there was more than one)."""
    jitter = rng  # made on the first failure: seeding one reads os.urandom, for each fetch
    attempts = 0
    while True:
        attempts += 1
        try:
            return attempt()
        except FetchError as error:
            jitter = jitter or random.Random()  # noqa: S311 - jitter, not cryptography
            wait = policy.delay(error, attempts, now=clock(), rng=jitter)
            if wait is not None and on_retry is not None:
                on_retry(error, attempts, wait)
            if wait is None or not pause(wait):
                if attempts == 1:
                    raise
                raise _after_attempts(error, attempts) from None


def _after_attempts(error: FetchError, attempts: int) -> FetchError:
    return FetchError(
        error.kind,
        f"{error.message} (after {attempts} attempts)",
        status=error.status,
        retry_after=error.retry_after,
        body=error.body,
        content_type=error.content_type,
        fetcher=error.fetcher,
        escalation=error.escalation,
    )

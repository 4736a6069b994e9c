"""Politeness towards the sites we fetch from: per-host limits shared by the fetch threads.

A :class:`HostLimiter` lets at most ``per_host`` requests be in flight to one host, starts
two requests to the same host at least ``delay`` seconds apart, and can hold a host back for
a while (a ``Retry-After`` or a backoff applies to the whole host, not only to the document
that got it). The global limit is the size of the fetch thread pool (see tracker.run.runner).

The limiter's state changes in :meth:`HostLimiter.try_acquire`, :meth:`release` and
:meth:`defer`, which take the time from an injectable monotonic clock and never block, so
the rules are tested with a fake clock; :meth:`slot` is the blocking form the threads use.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from urllib.parse import urlsplit


@lru_cache(maxsize=8192)
def host_of(url: str) -> str:
    """The politeness key of a URL: its host name and port, lower-cased (remembered: a run
    asks for each document's several times, at its start and as each is claimed)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def round_robin_turns(hosts: Sequence[str]) -> list[int]:
    """For each item, how many items of the same host come before it.

    Ordering work by (turn, position) interleaves the hosts: every host's first document,
    then every host's second document... so that the documents in flight at any moment are
    spread over as many hosts as possible.
    """
    seen: dict[str, int] = {}
    turns = []
    for host in hosts:
        turns.append(seen.get(host, 0))
        seen[host] = turns[-1] + 1
    return turns


class HostLimiter:
    """Per-host concurrency limit, per-host delay between request starts, per-host pauses."""

    def __init__(
        self, per_host: int, delay: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self.delay = delay
        self._clock = clock
        self._changed = threading.Condition()
        self._active: dict[str, int] = {}
        self._next_start: dict[str, float] = {}

    def wait_time(self, host: str) -> float:
        """Seconds until a request to ``host`` may start: 0 now, ``inf`` while all its slots
        are busy (a slot frees only when a request ends)."""
        with self._changed:
            return self._wait_time(host, self._clock())

    def try_acquire(self, host: str) -> float:
        """Take a slot if one is free now (returns 0); otherwise return :meth:`wait_time`."""
        with self._changed:
            now = self._clock()
            wait = self._wait_time(host, now)
            if wait == 0:
                self._active[host] = self._active.get(host, 0) + 1
                self._next_start[host] = now + self.delay
            return wait

    def release(self, host: str) -> None:
        with self._changed:
            self._active[host] -= 1
            self._changed.notify_all()

    def defer(self, host: str, seconds: float) -> None:
        """Start nothing more on ``host`` for ``seconds`` (Retry-After, backoff)."""
        with self._changed:
            until = self._clock() + seconds
            self._next_start[host] = max(self._next_start.get(host, until), until)
            self._changed.notify_all()

    def in_flight(self, host: str) -> int:
        with self._changed:
            return self._active.get(host, 0)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for a slot on ``host``, hold it for the body of the ``with``, release it."""
        with self._changed:
            while (wait := self.try_acquire(host)) > 0:
                self._changed.wait(timeout=None if math.isinf(wait) else wait)
        try:
            yield
        finally:
            self.release(host)

    def _wait_time(self, host: str, now: float) -> float:
        if self._active.get(host, 0) >= self.per_host:
            return math.inf
        return max(0.0, self._next_start.get(host, now) - now)

"""What ``tracker run`` and ``tracker schedule`` share to run without a human.

- ``--log-format`` / ``--log-level`` (defaults from ``TRACKER_LOG_FORMAT`` /
  ``TRACKER_LOG_LEVEL``): log lines on stderr, see :mod:`tracker.logs`;
- :func:`stop_on_signals`: the first SIGTERM or SIGINT asks for a clean stop (an event the
  runner watches); a second one raises KeyboardInterrupt to abort;
- :func:`is_interactive`: a person at a terminal gets a progress bar and a summary on
  stdout; cron gets nothing unless something is wrong.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar

import click

from tracker.settings import LOG_FORMATS, LOG_LEVELS

log = logging.getLogger("tracker.cli")

F = TypeVar("F", bound=Callable[..., Any])
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def log_options(function: F) -> F:
    """Add ``--log-format`` and ``--log-level`` to a command."""
    function = click.option(
        "--log-level",
        type=click.Choice(LOG_LEVELS, case_sensitive=False),
        help="Least severe log lines shown on stderr (env TRACKER_LOG_LEVEL; default warning).",
    )(function)
    return click.option(
        "--log-format",
        type=click.Choice(LOG_FORMATS, case_sensitive=False),
        help="key=value lines (text) or one JSON object per line (env TRACKER_LOG_FORMAT; "
        "default: plain sentences at a terminal, else text).",
    )(function)


def is_interactive() -> bool:
    """A person is watching: stderr is a terminal (not cron, not systemd, not a pipe)."""
    return sys.stderr.isatty()


@contextmanager
def stop_on_signals(
    on_stop: Callable[[], None] | None = None, stop: threading.Event | None = None
) -> Iterator[threading.Event]:
    """An event set by the first SIGTERM/SIGINT (then ``on_stop`` is called); the second
    signal raises KeyboardInterrupt."""
    stop = stop or threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers can only be installed by the main thread
        return

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        log.warning(
            "%s received: finishing the documents in flight, then stopping "
            "(send it again to abort)",
            signal.Signals(signum).name,
        )
        if on_stop is not None:
            on_stop()

    previous = {sig: signal.signal(sig, handle) for sig in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

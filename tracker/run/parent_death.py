"""Processes that must not outlive the tracker: die with the parent, even a SIGKILLed one.

:func:`die_with_parent` asks Linux to SIGKILL the calling process when its parent dies
(``PR_SET_PDEATHSIG``). The extraction pool's fork server calls it first of all, on importing
:mod:`tracker.run.forkserver_guard` (which imports nothing heavy, so that the request is made
at once), and each pool process as it starts.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


#: Set by the process that starts a fork server: the parent it must die with.
PARENT_VARIABLE = "POLICY_TRACKER_PARENT_PID"


def die_with_parent(expected_parent: int | None = None) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux; elsewhere a no-op),
    and exit at once if the parent is gone already: it is not ``expected_parent`` (when
    given) or the process was handed to init."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    parent = os.getppid()
    if parent == 1 or (expected_parent is not None and parent != expected_parent):
        os._exit(1)  # orphaned before the request took effect


def expected_parent() -> int | None:
    """The pid in :data:`PARENT_VARIABLE`, if set."""
    value = os.environ.get(PARENT_VARIABLE, "")
    return int(value) if value.isdigit() else None

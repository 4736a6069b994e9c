"""The C allocator's settings of the tracker's process, applied once when it starts.

Python's small objects have their own allocator; the bytes of pages, screenshot strips and
the joined PNG go to glibc's ``malloc``, which by default keeps memory a night does not need:

- **arenas**: a thread that allocates while another holds an arena's lock gets an arena of
  its own, up to eight per core, and a freed block goes back to the arena it came from: the
  fetch threads, the browser fetcher's thread and its worker threads each keep their own
  free pages. Capped at :data:`ARENAS` (``M_ARENA_MAX``).
- **the mmap threshold**: a block of at least 128 kB is mapped on its own and given back to
  the system when freed, but freeing one raises the threshold to its size (up to 32 MB), so
  after the first screenshot every page body and strip of a few megabytes comes from the
  arenas and stays there. Fixed at :data:`MMAP_THRESHOLD` (``M_MMAP_THRESHOLD``: setting it
  also stops the raising).

Measured in the browser bench (docs/PERFORMANCE.md, the browser benchmark's fourth round):
the tracker's RSS at the peak 189 -> 141 MB on a night of 20 browser documents.

The arena cap only holds for arenas made after it is set (and glibc stops reading it once it
has made nine), so :func:`tune_malloc` is called before the tracker starts any thread: first
thing in the command line's entry point. It is glibc's and Linux's only: elsewhere nothing is
changed, and so is a setting the environment already chose (``MALLOC_ARENA_MAX``,
``MALLOC_MMAP_THRESHOLD_``, or the same in ``GLIBC_TUNABLES``: glibc read those at the start).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

#: Arenas at most: the main one and one shared by every other thread.
ARENAS = 2
#: Blocks of this many bytes or more are mapped on their own, and unmapped when freed.
MMAP_THRESHOLD = 256 * 1024


@dataclass(frozen=True, slots=True)
class MallocOption:
    """One ``mallopt`` parameter, with the environment variable and tunable that also set it."""

    number: int  # malloc.h
    value: int
    variable: str
    tunable: str

    def chosen_by(self, environ: Mapping[str, str]) -> bool:
        return self.variable in environ or self.tunable in environ.get("GLIBC_TUNABLES", "")


OPTIONS = (
    MallocOption(-8, ARENAS, "MALLOC_ARENA_MAX", "glibc.malloc.arena_max"),
    MallocOption(-3, MMAP_THRESHOLD, "MALLOC_MMAP_THRESHOLD_", "glibc.malloc.mmap_threshold"),
)


def tune_malloc(environ: Mapping[str, str] | None = None) -> list[str]:
    """Apply :data:`OPTIONS` to this process's glibc malloc (those the environment did not set
    already); return the environment variable names of those applied."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return []
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018 - glibc's alone (musl's mallopt does nothing)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return []
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return [
        option.variable
        for option in OPTIONS
        if not option.chosen_by(environ) and mallopt(option.number, option.value) == 1
    ]

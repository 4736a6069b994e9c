"""The tracker's process tunes glibc's malloc (tracker.allocator) from its entry point."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tracker.allocator import ARENAS, MMAP_THRESHOLD, tune_malloc

glibc_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.confstr("CS_GNU_LIBC_VERSION") is None,
    reason="glibc's malloc",
)

TUNED = "from tracker.allocator import tune_malloc\nassert tune_malloc()"
#: What ``tracker`` runs (``python -m tracker`` and the console script call the same main).
THE_COMMAND = """
import contextlib, sys
from tracker.cli.app import main
sys.argv = ["tracker", "--version"]
with contextlib.suppress(SystemExit):
    main()
"""

#: Eight threads alive at once, each allocating blocks that Python hands to malloc (over its
#: own allocator's 512 bytes, under malloc's mmap threshold), then glibc's count of arenas.
_ARENAS = """
import ctypes, threading
barrier = threading.Barrier(9)
def work():
    kept = [bytes(20_000) for _ in range(20)]
    barrier.wait()
    barrier.wait()
threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads:
    thread.start()
barrier.wait()
ctypes.CDLL(None).malloc_stats()  # one "Arena N:" paragraph per arena, on stderr
barrier.wait()
for thread in threads:
    thread.join()
"""

#: A freed 4 MB block (a screenshot), then a 512 kB one (a page): is it mapped on its own?
_MAPPED = """
import ctypes
class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks",
                "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
mallinfo2 = ctypes.CDLL(None).mallinfo2
mallinfo2.restype = MallInfo2
shot = bytes(4_000_000)
del shot
before = mallinfo2().hblkhd
page = bytes(512 * 1024)
print(mallinfo2().hblkhd - before >= len(page))
"""


def run(setup: str, probe: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_TUN"))}
    return subprocess.run(
        [sys.executable, "-c", f"{setup}\n{probe}"],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


def arenas_used(setup: str) -> int:
    return sum(1 for line in run(setup, _ARENAS).stderr.splitlines() if line.startswith("Arena "))


def maps_a_page_after_a_screenshot(setup: str) -> bool:
    return run(setup, _MAPPED).stdout.splitlines()[-1] == "True"


@glibc_only
def test_the_arena_cap_holds_for_threads_started_after_it() -> None:
    assert arenas_used("") > ARENAS  # without it, each thread gets an arena of its own
    assert arenas_used(TUNED) == ARENAS


@glibc_only
def test_a_big_block_is_still_mapped_on_its_own_after_a_bigger_one_was_freed() -> None:
    assert MMAP_THRESHOLD < 512 * 1024
    assert not maps_a_page_after_a_screenshot("")  # glibc raised its threshold to 4 MB
    assert maps_a_page_after_a_screenshot(TUNED)


@glibc_only
def test_the_tracker_command_tunes_malloc_before_it_runs_a_command() -> None:
    assert arenas_used(THE_COMMAND) == ARENAS
    assert maps_a_page_after_a_screenshot(THE_COMMAND)


def test_what_the_environment_chose_is_left_alone() -> None:
    assert tune_malloc(environ={"MALLOC_ARENA_MAX": "4", "MALLOC_MMAP_THRESHOLD_": "1"}) == []
    tunables = "glibc.malloc.arena_max=4:glibc.malloc.mmap_threshold=65536"
    assert tune_malloc(environ={"GLIBC_TUNABLES": tunables}) == []

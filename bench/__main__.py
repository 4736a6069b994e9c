"""Run every benchmark module ``bench/bench_*.py`` (each exposes ``main() -> None``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench
from tracker.allocator import tune_malloc


def main(argv: list[str]) -> None:
    # the benches run the tracker in this process: tuned as the ``tracker`` command tunes its
    # own, before any thread starts
    tune_malloc()
    wanted = set(argv)
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    for name in names:
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"bench.{name}").main()
        print(f"== {name} done in {time.perf_counter() - started:.1f}s\n", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

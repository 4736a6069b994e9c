"""How fast the command line starts: ``python -m bench startup``.

Runs, as real processes, ``tracker --version``, ``tracker --help`` and ``tracker history SLUG``
on the demo's database (made first with ``tracker demo`` into a temporary folder), 10 times
each, and prints the median and the spread of the wall time. Bytecode caches are warmed first
(one untimed run each), as they are on any installed system. Targets (issue: rooms):
``--version`` and ``--help`` <= 150 ms, ``history`` <= 400 ms. Nothing is asserted.

It also prints which heavy libraries each command imported, from ``-X importtime``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 10
HEAVY = ("sqlalchemy", "alembic", "httpx", "bs4", "lxml", "jinja2", "pypdf", "apscheduler")
SLUG = "together-ai/terms-of-service"


def tracker(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args]


def wall_times(command: list[str], env: dict[str, str]) -> list[float]:
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm the caches
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


def heavy_imports(command: list[str], env: dict[str, str]) -> list[str]:
    result = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], env=env, capture_output=True, text=True
    )
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    return sorted(lib for lib in HEAVY if lib in loaded)


def main() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed tracker has its bytecode cached
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "demo"
        subprocess.run(
            tracker("demo", "--work-dir", str(work)), env=env, cwd=ROOT, capture_output=True,
            check=True,
        )  # fmt: skip
        url = f"sqlite:///{work / 'tracker.db'}"
        cases = {
            "tracker --version": (tracker("--version"), 0.150),
            "tracker --help": (tracker("--help"), 0.150),
            f"tracker history {SLUG}": (tracker("--database-url", url, "history", SLUG), 0.400),
        }
        print(f"{'command':<48} {'median':>8} {'min':>8} {'max':>8} {'target':>8}  imports")
        for label, (command, target) in cases.items():
            times = wall_times(command, env)
            print(
                f"{label:<48} {statistics.median(times) * 1000:>6.0f}ms "
                f"{min(times) * 1000:>6.0f}ms {max(times) * 1000:>6.0f}ms "
                f"{target * 1000:>6.0f}ms  {', '.join(heavy_imports(command, env)) or '-'}"
            )
        bare = wall_times([sys.executable, "-c", "pass"], env)
        print(f"{'python -c pass (for scale)':<48} {statistics.median(bare) * 1000:>6.0f}ms")


if __name__ == "__main__":
    main()

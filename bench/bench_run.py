"""Tracking 1,000 documents on 50 local "sites": sequential against concurrent fetching.

Each site is a listener on its own loopback address (127.0.0.1 to 127.0.0.50) that answers
after LATENCY seconds, like a remote server would; it measures the peak number of requests
it was answering at once. Printed per configuration: wall time, documents per second, the
peak concurrent requests seen by the busiest site and by all sites together. The second
night of each configuration is an unchanged night (same bytes: no extraction).
With PostgreSQL installed, the same 1,000 documents are also run by 4 worker processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.multihost import RULES_FILE, MultiHostServer, registry_text
from tests.postgres import find_pg_bin, running_postgres
from tracker.clock import FixedClock
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import load_settings, sqlite_url
from tracker.store.database import open_database

DOCUMENTS = 1000
HOSTS = 50
LATENCY = 0.05
NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Config:
    name: str
    concurrency: int
    per_host: int
    host_delay: float


CONFIGS = (
    Config("sequential", concurrency=1, per_host=1, host_delay=0.0),
    Config("concurrent 16, 2/host", concurrency=16, per_host=2, host_delay=0.0),
    Config("concurrent 16, 2/host, 0.2 s delay", concurrency=16, per_host=2, host_delay=0.2),
)


@contextmanager
def sites() -> Iterator[tuple[MultiHostServer, list[str]]]:
    with MultiHostServer(hosts=HOSTS, latency=LATENCY).running() as server:
        yield server, [server.url(n % HOSTS, f"/policy/{n}") for n in range(DOCUMENTS)]


def line(name: str, night: str, seconds: float, server: MultiHostServer) -> str:
    busiest = max(server.peak_per_host.values(), default=0)
    return (
        f"{name:<38} {night:<10} {seconds:7.1f} s {DOCUMENTS / seconds:8.1f} docs/s "
        f"  peak/host {busiest:>2}   peak total {server.peak_total:>3}"
    )


def bench_in_process(config: Config) -> None:
    with tempfile.TemporaryDirectory() as folder, sites() as (server, urls):
        settings = load_settings(
            {
                "TRACKER_CONCURRENCY": str(config.concurrency),
                "TRACKER_PER_HOST": str(config.per_host),
                "TRACKER_HOST_DELAY": str(config.host_delay),
                "TRACKER_RETRIES": "0",
            },
            cwd=Path(folder),
        )
        db = open_database(sqlite_url(Path(folder) / "tracker.db"), create=True)
        specs = [
            DocumentSpec(slug=f"site/doc-{n}", service="Site", type=f"Doc {n}", url=url)
            for n, url in enumerate(urls)
        ]
        try:
            for night, label in ((0, "new"), (1, "unchanged")):
                server.peak_per_host.clear()
                server.peak_total = 0
                started = time.perf_counter()
                report = run_tracking(
                    db, specs, settings=settings, clock=FixedClock(NIGHT + timedelta(days=night))
                )
                elapsed = time.perf_counter() - started
                assert not report.failed, report.failed[:3]
                print(line(config.name, label, elapsed, server), flush=True)
        finally:
            db.dispose()


def bench_postgres_workers(workers: int) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        running_postgres() as pg,
        sites() as (
            server,
            urls,
        ),
    ):
        pg.admin('CREATE DATABASE "bench"')
        registry = Path(folder) / "documents.toml"
        registry.write_text(registry_text(urls), encoding="utf-8")
        env = {
            **os.environ,
            "TRACKER_DATABASE_URL": pg.url("bench"),
            "TRACKER_REGISTRY": str(registry),
            "TRACKER_DATA_DIR": folder,
            "TRACKER_RULES": RULES_FILE,
            "TRACKER_CONCURRENCY": "16",
            "TRACKER_HOST_DELAY": "0",
            "TRACKER_RETRIES": "0",
        }
        subprocess.run(  # migrate first, outside the timing
            [sys.executable, "-m", "tracker", "db", "upgrade"],
            env=env,
            check=True,
            capture_output=True,
        )
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tracker", "run", "--workers", str(workers), "--no-digest"],
            env=env,
            check=True,
        )
        elapsed = time.perf_counter() - started
        print(line(f"PostgreSQL, {workers} workers x 16", "new", elapsed, server), flush=True)


def main() -> None:
    print(
        f"{DOCUMENTS} documents on {HOSTS} hosts, {LATENCY * 1000:.0f} ms per answer, "
        f"SQLite unless said; {os.cpu_count()} CPUs"
    )
    for config in CONFIGS:
        bench_in_process(config)
    if find_pg_bin() is not None:
        bench_postgres_workers(1)
        bench_postgres_workers(4)
    else:
        print("PostgreSQL not installed: worker processes not measured")


if __name__ == "__main__":
    main()

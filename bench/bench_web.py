"""Speed of ``tracker serve``: ``python -m bench web``.

1. The 100,000-version SQLite database of :mod:`bench.bench_query` (100 documents x 1,000
   versions, built by its builder), served read-only by the real app on a real uvicorn server
   on loopback; every page and API call is requested :data:`REPEATS` times over one
   keep-alive connection (httpx) and its median and 95th percentile printed, against the
   target of 100 ms (median).
2. The demo's database (the bundled Together AI snapshots tracked by the real pipeline): the
   redline of the privacy policy's December 2025 full rewrite (version 2) against its
   predecessor, inline and side by side, against the target of 500 ms.

Times are wall-clock times of whole HTTP requests as a client sees them. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import text

from bench.bench_query import DOCUMENTS, VERSIONS_PER_DOCUMENT, build
from tracker.classify import load_rules
from tracker.cli.serve import listen
from tracker.demo import run_demo
from tracker.registry import load_registry
from tracker.settings import Settings, load_settings
from tracker.store.database import open_database
from tracker.web import create_app

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 30
PAGE_TARGET_MS = 100.0
REDLINE_TARGET_MS = 500.0


def settings_for(url: str) -> Settings:
    return load_settings(
        {"TRACKER_DATABASE_URL": url, "TRACKER_RULES": str(ROOT / "data" / "rules.toml")}, cwd=ROOT
    )


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    app = create_app(settings)
    sock = listen("127.0.0.1", 0)  # the socket tracker serve listens on
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
        app.state.web.db.dispose()


def timed(client: httpx.Client, path: str, repeats: int) -> tuple[float, float, float, int, int]:
    """Median and p95 wall time and median CPU time (ms), the status and size of the answer.

    The server runs in this process, so the CPU time is the server's work plus the client's
    (small): a figure that other processes on a busy machine do not inflate.
    """
    response = client.get(path)  # warm the caches once
    samples, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    return (
        statistics.median(samples),
        p95,
        statistics.median(cpu),
        response.status_code,
        len(response.content),
    )


def report(client: httpx.Client, paths: list[str], repeats: int, target: float) -> None:
    print(f"  {'wall median':>11} {'wall p95':>9} {'cpu median':>10} {'size':>9}")
    worst = worst_cpu = 0.0
    for path in paths:
        median, p95, cpu, status, size = timed(client, path, repeats)
        worst, worst_cpu = max(worst, median), max(worst_cpu, cpu)
        flag = "ok" if median <= target and status == 200 else "OVER" if status == 200 else status
        print(
            f"  {median:8.1f} ms {p95:6.1f} ms {cpu:7.1f} ms {size / 1024:6.1f} KB"
            f"  {flag:4}  {path}",
            flush=True,
        )
    print(
        f"  slowest median {worst:.1f} ms wall, {worst_cpu:.1f} ms cpu (target <= {target:.0f} ms;"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


def large_history_paths(documents: int, versions: int) -> list[str]:
    doc = f"/documents/bench/doc-{documents // 2:03d}"
    last, middle = versions, versions // 2
    return [
        "/",
        doc,
        f"{doc}?offset={versions - 50}",
        f"{doc}/versions/{middle}",
        f"{doc}/as-of?date=2021-03-01",
        f"{doc}/redline?from={last - 1}&to={last}",
        f"{doc}/redline?from=1&to={last}&view=side",
        "/clauses/1501",
        "/services/bench",
        "/search?q=data+for+999+days",
        f"/search?q=keep+your+data&document=bench/doc-{documents // 2:03d}",
        f"/quote?text=We+keep+your+data+for+ever.&document=bench/doc-{documents // 2:03d}",
        f"{doc}/versions/{middle}/evidence.zip",
        f"{doc}/feed.atom",
        "/services/bench/feed.atom",
        "/feed.atom",
        "/api/documents",
        f"/api{doc}/versions",
        f"/api{doc}/versions/{middle}",
        f"/api{doc}/as-of?date=2021-03-01",
        f"/api{doc}/diff?from={last - 1}&to={last}",
        f"/api{doc}/versions/{middle}/verify",
        "/api/changes?severity=medium&limit=100",
        "/api/facts?service=bench",
        "/api/search?q=data+for+999+days",
        f"/api/quote?text=We+keep+your+data+for+ever.&document=bench/doc-{documents // 2:03d}",
        "/api/clauses/1501",
        "/api/openapi.json",
    ]


def main(
    documents: int = DOCUMENTS, versions: int = VERSIONS_PER_DOCUMENT, repeats: int = REPEATS
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        db = open_database(url, create=True)
        started = time.perf_counter()
        build(db, documents, versions)
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
        db.dispose()
        print(
            f"built {documents} documents x {versions} versions = {documents * versions} "
            f"versions in {time.perf_counter() - started:.1f}s; {repeats} requests per address"
        )
        with serving(settings_for(url)) as base, httpx.Client(base_url=base, timeout=60) as client:
            report(client, large_history_paths(documents, versions), repeats, PAGE_TARGET_MS)

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        demo = run_demo(
            ROOT / "data" / "demo",
            load_registry(ROOT / "data" / "documents.toml"),
            load_settings({}, cwd=work),
            work,
            rules=load_rules(ROOT / "data" / "rules.toml"),
        )
        print("the Together AI privacy policy's full rewrite (v1 -> v2, December 2025):")
        redline = "/documents/together-ai/privacy-policy/redline?from=1&to=2"
        with (
            serving(settings_for(demo.database_url)) as base,
            httpx.Client(base_url=base, timeout=60) as client,
        ):
            report(
                client,
                [redline, redline + "&view=side", "/api/documents/together-ai/privacy-policy/diff"],
                repeats,
                REDLINE_TARGET_MS,
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--versions", type=int, default=VERSIONS_PER_DOCUMENT)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    options = parser.parse_args()
    main(options.documents, options.versions, options.repeats)

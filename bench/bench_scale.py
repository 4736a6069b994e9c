"""The nightly cost at scale, against the floors it cannot beat: ``python -m bench scale``.

2,000 pages made from the real snapshots in ../shared/corpus/snapshots (each page a corpus
snapshot with its own variation, so no two pages share bytes or text), served by nginx from
Debian (started here, on 50 loopback addresses 127.0.0.1-50, static files with ETag and
Last-Modified), tracked by real ``tracker run`` processes (SQLite, TRACKER_CONCURRENCY=8, no
politeness delay, no digest), night after night:

1. first night: every page new;
2. unchanged night with ETags: nginx answers 304 to the conditional GETs;
3. unchanged night without ETags: nginx reloaded with ``etag off`` and ``if_modified_since
   off``, so every page comes back 200 with the same bytes (a server that dropped its ETags);
4. 5% changed: 100 pages get a real text edit (ETags back on);
5. the unchanged nights again (304, then 200) as ``tracker schedule`` runs them: in one
   long-running process that has already run a night (here a 304 night), through the
   scheduler's own run (:func:`tracker.cli.schedule.scheduler_for`: a firing asks for a run,
   the main thread performs it), so the imports and whatever else a process pays once are
   not paid again. Measured in that process: the run's wall and CPU, no process start.

Floors measured in the same run: a threaded httpx download of the same pages at the same
concurrency (plain and with conditional GETs), and a bs4+lxml parse of the pages (the changed
ones; all of them spread over both cores for the first night). Printed as a table, written as
JSON to bench/out/scale.json: documents/s, wall and CPU seconds, peak RSS, database bytes,
bytes per unchanged check, and the ratios the targets are stated in. Nothing is asserted.

``BENCH_SCALE_PAGES=200 python -m bench scale`` runs a smaller version (same shape);
``BENCH_SCALE_KEEP=DIR`` keeps a copy of the database after each night in DIR (for dbstat).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "snapshots"
OUT = ROOT / "bench" / "out" / "scale.json"
PAGES = int(os.environ.get("BENCH_SCALE_PAGES", "2000"))
HOSTS = 50
CONCURRENCY = 8
CHANGED_SHARE = 0.05
PORT = 18080
#: A folder to keep a copy of the database in after each night (for dbstat), when set.
KEEP = os.environ.get("BENCH_SCALE_KEEP")


# -- the pages ---------------------------------------------------------------------------------


def corpus_snapshots() -> list[Path]:
    files = sorted(CORPUS.rglob("*.html"))
    if not files:
        raise SystemExit(f"no snapshots under {CORPUS} (../shared beside the repository?)")
    return files


_PARAGRAPH_END = re.compile(rb"</p>", re.IGNORECASE)


def vary(html: bytes, page: int, edit: int = 0) -> bytes:
    """The snapshot made page ``page``'s own: a sentence naming the page closes its first
    paragraphs (so its bytes and its text are its own); ``edit`` > 0 rewrites a few more
    paragraphs (a real text change, as a night with changes brings)."""
    count = 0

    def close(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        if count <= 2:
            return f" This copy is page {page} of the benchmark.</p>".encode()
        if edit and count % 7 == 0 and count <= 60:
            return f" Amended in revision {edit}: we may share it with partners.</p>".encode()
        return match.group(0)

    return _PARAGRAPH_END.sub(close, html)


def host_of(page: int) -> str:
    return f"127.0.0.{page % HOSTS + 1}"


def url_of(page: int) -> str:
    return f"http://{host_of(page)}:{PORT}/p/{page}.html"


def write_pages(folder: Path, edits: dict[int, int] | None = None) -> int:
    """Write every page (``edits``: page -> revision for the changed ones); total bytes."""
    snapshots = [p.read_bytes() for p in corpus_snapshots()]
    (folder / "p").mkdir(parents=True, exist_ok=True)
    total = 0
    for page in range(PAGES):
        edit = (edits or {}).get(page, 0)
        if edits is not None and not edit:
            continue
        body = vary(snapshots[page % len(snapshots)], page, edit)
        (folder / "p" / f"{page}.html").write_bytes(body)
        total += len(body)
    return total


def registry_toml() -> str:
    lines = []
    for page in range(PAGES):
        lines += [
            "[[documents]]",
            f'slug = "site-{page % HOSTS}/doc-{page}"',
            f'service = "Site {page % HOSTS}"',
            f'type = "Document {page}"',
            f'url = "{url_of(page)}"',
            "",
        ]
    return "\n".join(lines)


# -- nginx -------------------------------------------------------------------------------------


def nginx_conf(folder: Path, pages: Path, *, etags: bool) -> str:
    servers = "\n".join(
        f"    server {{ listen 127.0.0.{h + 1}:{PORT}; root {pages}; "
        f"etag {'on' if etags else 'off'}; "
        f"if_modified_since {'exact' if etags else 'off'}; }}"
        for h in range(HOSTS)
    )
    return f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    keepalive_requests 100000;
    client_body_temp_path {folder}/tmp;
    proxy_temp_path {folder}/tmp;
    fastcgi_temp_path {folder}/tmp;
    uwsgi_temp_path {folder}/tmp;
    scgi_temp_path {folder}/tmp;
{servers}
}}
"""


@contextmanager
def nginx(folder: Path, pages: Path) -> Iterator[Callable[[bool], None]]:
    """nginx serving ``pages``; yields a function that reloads it with ETags on or off."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise SystemExit("nginx is not installed (apt-get install nginx-light)")
    (folder / "tmp").mkdir(exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(nginx_conf(folder, pages, etags=True))
    subprocess.run([binary, "-c", str(conf), "-p", str(folder)], check=True)
    wait_until_serving(url_of(0))

    def reload(etags: bool) -> None:
        conf.write_text(nginx_conf(folder, pages, etags=etags))
        subprocess.run([binary, "-c", str(conf), "-p", str(folder), "-s", "reload"], check=True)
        time.sleep(1.0)  # the old worker finishes; the new one serves the new configuration

    try:
        yield reload
    finally:
        pid = int((folder / "nginx.pid").read_text())
        os.kill(pid, signal.SIGQUIT)


def wait_until_serving(url: str) -> None:
    for _ in range(100):
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise SystemExit(f"nginx does not answer {url}")


# -- floors ------------------------------------------------------------------------------------


@dataclass
class Measure:
    name: str
    documents: int
    wall: float
    cpu: float
    peak_rss_mb: float = 0.0
    database_bytes: int = 0

    @property
    def per_second(self) -> float:
        return self.documents / self.wall if self.wall else 0.0


def threaded_download(
    urls: Sequence[str], *, validators: dict[str, str] | None = None
) -> tuple[Measure, dict[str, str]]:
    """GET every URL with CONCURRENCY threads over one pooled client (the tracker's model);
    with ``validators`` (url -> ETag) the GETs are conditional. Returns the ETags seen."""
    etags: dict[str, str] = {}
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    started, cpu = time.perf_counter(), time.process_time()
    with httpx.Client(limits=limits, timeout=30.0) as client:

        def get(url: str) -> None:
            headers = {"If-None-Match": validators[url]} if validators else {}
            response = client.get(url, headers=headers)
            if "etag" in response.headers:
                etags[url] = response.headers["etag"]

        with ThreadPoolExecutor(CONCURRENCY) as pool:
            list(pool.map(get, urls))
    name = "httpx threads, conditional" if validators else "httpx threads"
    wall = time.perf_counter() - started
    return Measure(name, len(urls), wall, time.process_time() - cpu), etags


def _parse(path: str) -> int:
    from bs4 import BeautifulSoup

    return len(BeautifulSoup(Path(path).read_bytes(), "lxml").get_text())


def parse_floor(paths: Sequence[Path], *, processes: int = 1) -> Measure:
    """bs4 + lxml parse of ``paths`` (wall seconds; over ``processes`` processes)."""
    started = time.perf_counter()
    if processes == 1:
        cpu = time.process_time()
        for path in paths:
            _parse(str(path))
        return Measure("bs4+lxml parse", len(paths), time.perf_counter() - started,
                       time.process_time() - cpu)  # fmt: skip
    before = os.times()
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_parse, [str(p) for p in paths], chunksize=8))
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Measure(f"bs4+lxml parse, {processes} processes", len(paths),
                   time.perf_counter() - started, cpu)  # fmt: skip


# -- the tracker -------------------------------------------------------------------------------


def tracker_night(name: str, env: dict[str, str], database: Path) -> Measure:
    """One ``tracker run`` as a process: wall, CPU (user + system) of the process and all its
    descendants (the extraction pool included), peak RSS of the tracker process alone
    (wait4), and the database's size afterwards."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "run", "--no-digest"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    descendants = DescendantCpu(process.pid)
    descendants.start()
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    descendants.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode not in (0, 1):
        print(errors.decode(errors="replace")[-2000:])
        raise SystemExit(f"tracker run failed ({process.returncode})")
    size = database_bytes(database)
    print(f"  {name}: outcomes {night_outcomes(database)}", flush=True)
    if KEEP:
        Path(KEEP).mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        shutil.copyfile(database, Path(KEEP) / f"{slug}.db")
    cpu = usage.ru_utime + usage.ru_stime + descendants.seconds()
    return Measure(name, PAGES, wall, cpu, usage.ru_maxrss / 1024, size)


class WarmProcess:
    """A process that runs nights as ``tracker schedule`` does (:func:`warm_child`), one per
    :meth:`night`: the measures come back from it over a pipe."""

    def __init__(self, env: dict[str, str], database: Path) -> None:
        self.database = database
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.bench_scale", "--warm"],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def night(self, name: str) -> Measure:
        assert self.process.stdin is not None and self.process.stdout is not None
        before = last_run_id(self.database)
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the warm process ended ({self.process.wait()})")
        measured = json.loads(line)
        if last_run_id(self.database) == before:
            raise SystemExit(f"{name}: the scheduled run did not run (see its log above)")
        print(f"  {name}: outcomes {night_outcomes(self.database)}", flush=True)
        return Measure(
            name,
            PAGES,
            measured["wall"],
            measured["cpu"],
            measured["peak_rss_mb"],
            database_bytes(self.database),
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        if self.process.wait(timeout=60) != 0:
            raise SystemExit(f"the warm process failed ({self.process.returncode})")


def warm_child() -> None:
    """``python -m bench.bench_scale --warm``: one ``tracker schedule`` process's scheduler
    (the command's own, from :func:`tracker.cli.schedule.scheduler_for`, with the command's
    logging), asked for a run for each line read on stdin, as a firing of its schedule asks;
    each run's wall, CPU (all threads) and the process's peak RSS so far go to stdout as
    one JSON line (the tracker's own output goes to stderr)."""
    from tracker.allocator import tune_malloc

    tune_malloc()  # as the ``tracker`` command does
    from tracker.cli.schedule import scheduler_for
    from tracker.logs import logging_to_stderr
    from tracker.settings import load_settings

    settings = load_settings()
    stop = threading.Event()
    scheduler = scheduler_for(settings, stop)
    results = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    with logging_to_stderr(settings.log_format, settings.log_level):
        for _ in sys.stdin:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            scheduler.request()
            ran = scheduler.run_if_requested()
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
            measured = {"ran": ran, "wall": wall, "cpu": cpu, "peak_rss_mb": after.ru_maxrss / 1024}
            results.write(json.dumps(measured) + "\n")
            results.flush()


def last_run_id(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return int(connection.execute("SELECT coalesce(max(id), 0) FROM runs").fetchone()[0])


class DescendantCpu(threading.Thread):
    """CPU seconds of a process's descendants that it does not wait for itself (the
    extraction pool's processes are children of its fork server): /proc read every 0.1 s,
    each process's last reading kept."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.last: dict[int, float] = {}
        self._done = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK")

    def run(self) -> None:
        while not self._done.wait(0.1):
            self._sample()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def seconds(self) -> float:
        return sum(self.last.values())

    def _sample(self) -> None:
        parents: dict[int, int] = {}
        times: dict[int, float] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            times[pid] = (int(fields[11]) + int(fields[12])) / self._tick
        for pid, cpu in times.items():
            if pid != self.root and self._descends(pid, parents):
                self.last[pid] = cpu

    def _descends(self, pid: int, parents: dict[int, int]) -> bool:
        seen = 0
        while pid in parents and seen < 64:
            pid, seen = parents[pid], seen + 1
            if pid == self.root:
                return True
        return False


def database_bytes(database: Path) -> int:
    """Bytes the database holds: its pages in use, after the write-ahead log is folded in."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    return int((pages - free) * size)


def night_outcomes(database: Path) -> dict[str, int]:
    """What the last run's fetches came to (a bench of failures would measure nothing)."""
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute(
            "SELECT outcome, count(*) FROM fetches WHERE run_id = (SELECT max(id) FROM runs) "
            "GROUP BY outcome"
        ).fetchall()
    outcomes = dict(rows)
    if outcomes.get("failed") or outcomes.get("suspect"):
        raise SystemExit(f"the night had failures: {outcomes}")
    return outcomes


def tracker_env(folder: Path, database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    registry = folder / "documents.toml"
    registry.write_text(registry_toml())
    env |= {
        "TRACKER_DATABASE_URL": f"sqlite:///{database}",
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_DATA_DIR": str(folder / "data"),
        "TRACKER_CONCURRENCY": str(CONCURRENCY),
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_RETRIES": "0",
        "TRACKER_LOG_LEVEL": "error",
    }
    rules = ROOT / "data" / "rules.toml"
    if rules.exists():
        env["TRACKER_RULES"] = str(rules)
    return env


# -- the run -----------------------------------------------------------------------------------


def main() -> None:
    results: dict[str, object] = {"pages": PAGES, "hosts": HOSTS, "concurrency": CONCURRENCY}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # nginx's workers run as an unprivileged user
        pages = folder / "site"
        raw_bytes = write_pages(pages)
        urls = [url_of(page) for page in range(PAGES)]
        database = folder / "tracker.db"
        env = tracker_env(folder, database)
        changed = sorted(range(0, PAGES, round(1 / CHANGED_SHARE)))
        with nginx(folder, pages) as reload:
            download, etags = threaded_download(urls)
            conditional, _ = threaded_download(urls, validators=etags)
            files = [pages / "p" / f"{page}.html" for page in range(PAGES)]
            parse_all = parse_floor(files, processes=2)
            first = tracker_night("first night", env, database)
            unchanged_etag = tracker_night("unchanged, ETags (304)", env, database)
            reload(False)
            unchanged_plain = tracker_night("unchanged, no ETags (200)", env, database)
            reload(True)
            write_pages(pages, {page: 1 for page in changed})
            parse_changed = parse_floor([files[page] for page in changed])
            changed_night = tracker_night("5% changed", env, database)
            warm = WarmProcess(env, database)
            warm.night("warm-up: a scheduled 304 night")  # the process's first night
            warm_etag = warm.night("warm: unchanged, ETags (304)")
            reload(False)
            warm_plain = warm.night("warm: unchanged, no ETags (200)")
            warm.close()
        nights = [first, unchanged_etag, unchanged_plain, changed_night, warm_etag, warm_plain]
        floors = [download, conditional, parse_all, parse_changed]
        results["raw_bytes_fetched_first_night"] = raw_bytes
        results["nights"] = [asdict(m) | {"docs_per_s": m.per_second} for m in nights]
        results["floors"] = [asdict(m) | {"docs_per_s": m.per_second} for m in floors]
        ratios = {
            "unchanged_etag_vs_conditional_download": unchanged_etag.wall / conditional.wall,
            "unchanged_plain_vs_download": unchanged_plain.wall / download.wall,
            "warm_unchanged_etag_vs_conditional_download": warm_etag.wall / conditional.wall,
            "warm_unchanged_plain_vs_download": warm_plain.wall / download.wall,
            "changed_vs_unchanged_plus_parse": changed_night.wall
            / (unchanged_etag.wall + parse_changed.wall),
            "first_vs_download_plus_parallel_parse": first.wall / (download.wall + parse_all.wall),
            # each unchanged night's own growth (the no-ETag night comes after the 304 one)
            "bytes_per_unchanged_check": (
                unchanged_plain.database_bytes - unchanged_etag.database_bytes
            )
            / PAGES,
            "bytes_per_304_check": (unchanged_etag.database_bytes - first.database_bytes) / PAGES,
            "database_vs_raw_after_first_night": first.database_bytes / raw_bytes,
        }
        results["ratios"] = ratios
    print_table(nights, floors, ratios)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written: {OUT.relative_to(ROOT)}")


def print_table(nights: list[Measure], floors: list[Measure], ratios: dict[str, float]) -> None:
    header = f"{'':34} {'docs/s':>9} {'wall s':>8} {'CPU s':>8} {'peak RSS':>9} {'DB bytes':>13}"
    print(header)
    for m in nights:
        print(
            f"{m.name:34} {m.per_second:9.1f} {m.wall:8.1f} {m.cpu:8.1f} "
            f"{m.peak_rss_mb:7.0f}MB {m.database_bytes:13,d}"
        )
    for m in floors:
        print(f"{'floor: ' + m.name:34} {m.per_second:9.1f} {m.wall:8.1f} {m.cpu:8.1f}")
    print()
    targets = {
        "unchanged_etag_vs_conditional_download": "<= 1.25 (>= 0.8x the floor's speed)",
        "unchanged_plain_vs_download": "<= 1.25 (>= 0.8x the floor's speed)",
        "warm_unchanged_etag_vs_conditional_download": "<= 1.25 (>= 0.8x the floor's speed)",
        "warm_unchanged_plain_vs_download": "<= 1.25 (>= 0.8x the floor's speed)",
        "changed_vs_unchanged_plus_parse": "<= 1.3",
        "first_vs_download_plus_parallel_parse": "<= 2",
        "bytes_per_unchanged_check": "<= 300",
        "bytes_per_304_check": "<= 300",
        "database_vs_raw_after_first_night": "<= 0.3",
    }
    for key, value in ratios.items():
        print(f"{key:44} {value:10.2f}   target {targets[key]}")


if __name__ == "__main__":
    warm_child() if "--warm" in sys.argv[1:] else main()

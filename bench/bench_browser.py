"""The browser fetcher: ``python -m bench browser``.

A real corpus page of about 385 kB (the snapshot of ``../shared/corpus`` closest to that size)
is served by a local server, and the system's Chromium renders it (offline: its third-party
scripts and images fail at once, as in the demo):

1. **render**: the median (and spread) of :data:`RENDERS` renders by one browser, without the
   screenshot (as on a night the text did not change), then the screenshot alone; target
   median <= 1.5 s;
2. **a night of 100 browser documents** (``run_tracking``, SQLite, TRACKER_BROWSER_PAGES=2,
   TRACKER_CONCURRENCY=8): the first night (100 new versions: a render and a screenshot each)
   and the second (unchanged: renders only), against the target 2 x (100 x median render /
   pages at once);
3. **memory**: the peak, over those nights, of the resident memory of this process and all its
   descendants (Chromium's processes, Playwright's driver), sampled every 0.2 s: the sum of RSS
   (counts shared pages once per process, an overestimate) and of PSS (shared pages divided
   among their processes, read near the RSS peaks only: see :class:`MemoryPeak`); target RSS
   <= 800 MB with 2 pages at once. Beside them, where the kernel's memory controller can be
   used (a cgroup of this process's own, cgroup v1 or v2), what the kernel counts for the
   nights (:class:`MemoryCgroup`): every page once, whichever process maps it.

Prints numbers, asserts nothing. Without Chromium it says so and returns.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tracker.clock import FixedClock
from tracker.errors import FetchError
from tracker.fetch import FetchRequest
from tracker.fetch.browser import BrowserFetcher
from tracker.fetch.chromium import DEFAULT_CHROMIUM, find_chromium
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings, sqlite_url
from tracker.store.database import open_database
from tracker.vocabulary import FetchMode

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "snapshots"
TARGET_BYTES = 385_000
RENDERS = 15
SCREENSHOTS = 5
DOCUMENTS = 100
PAGES_AT_ONCE = 2
NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


#: The paths the bench's pages are served at; every other request (a subresource the
#: snapshot links to) is answered 404, as a static copy of a page without its assets would.
PAGE_PATHS = ("/page", "/doc/")


def corpus_page() -> Path:
    pages = sorted(CORPUS.rglob("*.html"), key=lambda p: abs(p.stat().st_size - TARGET_BYTES))
    if not pages:
        raise SystemExit(f"no corpus snapshots in {CORPUS}")
    return pages[0]


@contextmanager
def serving(body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not self.path.startswith(PAGE_PATHS):
                # the snapshot's stylesheets, scripts and images are not part of it: answering
                # each with the 385 kB page (about 40 per page) weighed every render down
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def settings_in(folder: Path) -> Settings:
    env = {
        "TRACKER_BROWSER_PAGES": str(PAGES_AT_ONCE),
        "TRACKER_CONCURRENCY": "8",
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_RETRIES": "0",
        "TRACKER_PER_HOST": "8",
    }
    return load_settings(env, cwd=folder).with_overrides(browser_offline=True)


#: A sample's PSS is read when its RSS sum is at least this share of the highest so far.
PSS_NEAR_PEAK = 0.95


class MemoryPeak:
    """Samples the RSS and PSS of this process and its descendants until stopped; keeps the
    split by kind of process (Chromium's by ``--type``) of the sample with the highest PSS.

    The sampler runs in this process (the tracker's), so what it costs is counted as the
    tracker's and competes with the night for the cores. Each sample reads every process's
    RSS from ``/proc/PID/statm`` (a counter: a few microseconds); the PSS needs
    ``/proc/PID/smaps_rollup``, which walks the process's page tables (2-3.4 ms of CPU for a
    Chromium process: for ten processes at 5 samples a second, an eighth of a core for as
    long as the night runs), so it is read only for a sample whose RSS sum is within
    :data:`PSS_NEAR_PEAK` of the highest so far, which is where the PSS peaks too (the PSS of
    a process is its RSS less the shares of its pages that other processes map)."""

    def __init__(self, cgroup: MemoryCgroup | None = None) -> None:
        self.cgroup = cgroup
        self.rss = self.pss = 0
        self.by_kind: dict[str, tuple[int, int, int]] = {}
        #: samples taken, and those whose PSS was read
        self.samples = self.pss_samples = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(0.2):
            self.sample()

    def sample(self) -> None:
        if self.cgroup is not None:
            self.cgroup.sample()
        tree = process_tree(os.getpid())
        rss = sum(resident_bytes(pid) for pid in tree)
        self.samples += 1
        if rss < PSS_NEAR_PEAK * self.rss:
            return
        self.pss_samples += 1
        kinds = tree_memory_by_kind(os.getpid(), tree)
        rss = max(rss, sum(r for r, _, _ in kinds.values()))
        pss = sum(p for _, p, _ in kinds.values())
        if pss > self.pss:
            self.by_kind = kinds
        self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)

    def split(self) -> str:
        """The peak's PSS by kind of process, largest first."""
        kinds = sorted(self.by_kind.items(), key=lambda item: -item[1][1])
        return ", ".join(f"{kind} {pss / 2**20:.0f}" + (f" ({n})" if n > 1 else "")
                         for kind, (_, pss, n) in kinds)  # fmt: skip


class MemoryCgroup:
    """A memory cgroup of its own for this process (the tracker) and every process it starts
    while inside (Chromium's, Playwright's driver): the kernel's count of their memory, each
    page once, whichever process maps it, beside the sums over processes of
    :class:`MemoryPeak`.

    Made under this process's memory cgroup (``/proc/self/cgroup``): cgroup v2 where the
    unified hierarchy has the memory controller (``memory.peak``, ``memory.stat``'s ``anon``
    and ``file_mapped``), else cgroup v1's memory controller (``memory.max_usage_in_bytes``,
    ``memory.stat``'s ``total_rss`` and ``total_mapped_file``). Two measures:

    - **peak**: the kernel's high-water mark of everything charged to the cgroup, page cache
      included (the database, the blobs and Chromium's profile written meanwhile; pages of a
      file first read by a process outside it are charged there, not here);
    - **mapped**: the highest sample (taken with :class:`MemoryPeak`'s) of anonymous memory
      plus file pages mapped by the processes, those charged to this cgroup.

    Only what is charged after this process enters counts: the pages the tracker held before
    (its interpreter, its modules: :attr:`outside`) stay charged where they were (cgroup v2
    never moves charges; v1's ``move_charge_at_immigrate`` is gone from this machine's
    kernel). Not usable (no controller, no permission to make a cgroup or to move this
    process into it): :attr:`reason` says why and nothing is measured. Leaving moves the
    process back to the cgroup it came from and removes the new one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.folder: Path | None = None
        self.parent: Path | None = None
        self.reason = ""
        self.version = 0
        self.mapped = 0
        #: the tracker's RSS when it entered (charged elsewhere: not in these counts)
        self.outside = 0
        self._peak = 0

    @staticmethod
    def _own() -> tuple[int, Path] | None:
        """(version, folder) of this process's memory cgroup, None without one."""
        lines = Path("/proc/self/cgroup").read_text().splitlines()
        unified = Path("/sys/fs/cgroup")
        if not (unified / "cgroup.controllers").exists():
            unified = unified / "unified"
        for line in lines:
            number, controllers, path = line.split(":", 2)
            if number == "0" and controllers == "":
                folder = unified / path.lstrip("/")
                enabled = (folder / "cgroup.controllers").read_text().split()
                if "memory" in enabled:
                    return 2, folder
        for line in lines:
            _, controllers, path = line.split(":", 2)
            if "memory" in controllers.split(","):
                return 1, Path("/sys/fs/cgroup/memory") / path.lstrip("/")
        return None

    def __enter__(self) -> MemoryCgroup:
        try:
            own = self._own()
            if own is None:
                self.reason = "no memory cgroup controller"
                return self
            self.version, self.parent = own
            folder = self.parent / f"{self.name}-{os.getpid()}"
            folder.mkdir()
            self.folder = folder
            self.outside = resident_bytes(os.getpid())
            (folder / "cgroup.procs").write_text(str(os.getpid()))
            if self.version == 2 and not (folder / "memory.peak").exists():
                (self.parent / "cgroup.subtree_control").write_text("+memory")
            if self.version == 2 and not (folder / "memory.peak").exists():
                raise OSError("the memory controller is not enabled for its cgroups")
        except OSError as exc:
            self.reason = f"cannot use a memory cgroup: {exc.strerror or exc}"
            self._remove()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.folder is not None:
            self._peak = self.peak()
        self._remove()

    def _remove(self) -> None:
        folder, self.folder = self.folder, None
        if folder is None or self.parent is None:
            return
        try:
            (self.parent / "cgroup.procs").write_text(str(os.getpid()))
        except OSError as exc:
            self.reason = f"cannot leave the memory cgroup: {exc.strerror or exc}"
        for _ in range(50):  # its last processes may take a moment to be reaped
            try:
                folder.rmdir()
                return
            except OSError:
                time.sleep(0.1)

    def peak(self) -> int:
        """The kernel's high-water mark, in bytes (after leaving: as it was then)."""
        if self.folder is None:
            return self._peak
        name = "memory.peak" if self.version == 2 else "memory.max_usage_in_bytes"
        try:
            return int((self.folder / name).read_text())
        except (OSError, ValueError):
            return 0

    def sample(self) -> None:
        """Keep the highest anonymous + mapped memory charged to the cgroup."""
        if self.folder is None:
            return
        keys = ("anon", "file_mapped") if self.version == 2 else ("total_rss", "total_mapped_file")
        try:
            stat = (self.folder / "memory.stat").read_text().splitlines()
        except OSError:
            return
        values = dict(line.split(" ", 1) for line in stat)
        self.mapped = max(self.mapped, sum(int(values.get(key, 0)) for key in keys))


def process_kind(pid: int) -> str:
    """What a process is: Chromium's by its ``--type`` (the browser has none), Playwright's
    driver, the tracker (this process), Chromium's watchdog (a shell), or another Python
    process of the tracker's."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().split()
    except OSError:
        return "gone"
    if pid == os.getpid():
        return "tracker"
    if words and "chrom" in Path(words[0]).name:
        kind = next((w[7:] for w in words if w.startswith("--type=")), "browser")
        service = next((w.rsplit(".", 1)[-1] for w in words if w.startswith("--utility-sub")), "")
        return f"chromium {kind}" + (f" {service}" if service else "")
    if any("playwright" in word for word in words[:2]):
        return "playwright driver"
    if "tracker-watchdog" in words:
        return "watchdog"
    return "python (pool, watchdog)"


def tree_memory(root: int) -> tuple[int, int]:
    """Bytes of RSS and PSS of ``root`` and all its descendants."""
    kinds = tree_memory_by_kind(root)
    return sum(r for r, _, _ in kinds.values()), sum(p for _, p, _ in kinds.values())


PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def resident_bytes(pid: int) -> int:
    """A process's RSS from ``/proc/PID/statm`` (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def process_tree(root: int) -> set[int]:
    """``root`` and all its descendants."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return tree


def tree_memory_by_kind(root: int, tree: set[int] | None = None) -> dict[str, tuple[int, int, int]]:
    """Bytes of RSS and PSS, and how many processes, of ``root`` and all its descendants
    (``tree``, when known already), by :func:`process_kind`."""
    kinds: dict[str, tuple[int, int, int]] = {}
    for pid in process_tree(root) if tree is None else tree:
        # its kind first: a process that exits between the two reads is then not counted,
        # rather than counted as "gone" or, a zombie's empty command line, as Python
        kind = process_kind(pid)
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        values = {}
        for line in rollup.splitlines():
            name, _, value = line.partition(":")
            if name in ("Rss", "Pss"):
                values[name] = int(value.split()[0]) * 1024
        rss, pss, count = kinds.get(kind, (0, 0, 0))
        kinds[kind] = (rss + values.get("Rss", 0), pss + values.get("Pss", 0), count + 1)
    return kinds


def bench_render(url: str, folder: Path) -> float:
    fetcher = BrowserFetcher(settings_in(folder))
    try:
        plain = FetchRequest(url=url, mode=FetchMode.BROWSER, screenshot_if=lambda page: False)
        fetcher.fetch(plain)  # the browser's start, outside the timing
        times = []
        for _ in range(RENDERS):
            started = time.perf_counter()
            fetcher.fetch(plain)
            times.append(time.perf_counter() - started)
        with_shot = FetchRequest(url=url, mode=FetchMode.BROWSER)
        shots = []
        for _ in range(SCREENSHOTS):
            started = time.perf_counter()
            page = fetcher.fetch(with_shot)
            shots.append(time.perf_counter() - started)
        size = len(page.screenshot or b"")
    finally:
        fetcher.close()
    median = statistics.median(times)
    print(
        f"render (no screenshot)  median {median:5.2f} s  min {min(times):5.2f}  "
        f"max {max(times):5.2f}  over {RENDERS}   target <= 1.50 s",
        flush=True,
    )
    shot_median = statistics.median(shots)
    print(
        f"render + screenshot     median {shot_median:5.2f} s  "
        f"(screenshot ~{shot_median - median:4.2f} s, {size / 1e6:.1f} MB PNG; new versions only)",
        flush=True,
    )
    return median


def bench_night(url: str, folder: Path, median: float) -> None:
    settings = settings_in(folder)
    db = open_database(sqlite_url(folder / "tracker.db"), create=True)
    specs = [
        DocumentSpec(
            slug=f"site/doc-{n}",
            service="Site",
            type=f"Doc {n}",
            url=f"{url}/doc/{n}",
            fetch=FetchMode.BROWSER,
        )
        for n in range(DOCUMENTS)
    ]
    target = 2 * DOCUMENTS * median / PAGES_AT_ONCE
    try:
        with MemoryCgroup("bench-browser") as cgroup, MemoryPeak(cgroup) as memory:
            for night, label in ((0, "first night (new versions)"), (1, "second (unchanged)")):
                started = time.perf_counter()
                report = run_tracking(
                    db, specs, settings=settings, clock=FixedClock(NIGHT + timedelta(days=night))
                )
                elapsed = time.perf_counter() - started
                failed = len(report.failed)
                print(
                    f"{DOCUMENTS} browser documents, {label:<27} {elapsed:6.1f} s  "
                    f"({elapsed / DOCUMENTS:4.2f} s each, {failed} failed)   "
                    f"target <= {target:5.1f} s",
                    flush=True,
                )
    finally:
        db.dispose()
    print(
        f"peak memory, tracker + browser, {PAGES_AT_ONCE} pages at once: "
        f"RSS {memory.rss / 2**20:5.0f} MB, PSS {memory.pss / 2**20:5.0f} MB   "
        f"target RSS <= 800 MB",
        flush=True,
    )
    print(f"  PSS at the peak, MB: {memory.split()}", flush=True)
    if cgroup.reason:
        print(f"  kernel's count (cgroup): not measured ({cgroup.reason})", flush=True)
    else:
        print(
            f"  kernel's count (cgroup v{cgroup.version}, each page once): peak "
            f"{cgroup.peak() / 2**20:5.0f} MB with page cache, anonymous + mapped "
            f"{cgroup.mapped / 2**20:5.0f} MB (sampled); not counted: the tracker's "
            f"{cgroup.outside / 2**20:.0f} MB of RSS from before",
            flush=True,
        )


def main() -> None:
    try:
        program = find_chromium(DEFAULT_CHROMIUM)
    except FetchError:
        print("Chromium is not installed (apt-get install chromium): browser bench skipped")
        return
    page = corpus_page()
    body = page.read_bytes()
    load = os.getloadavg()
    print(
        f"page {page.relative_to(CORPUS)} ({len(body) / 1000:.0f} kB); {os.cpu_count()} CPUs, "
        f"load average {load[0]:.1f} at the start; {program}",
        flush=True,
    )
    with serving(body) as base, tempfile.TemporaryDirectory() as folder:
        median = bench_render(f"{base}/page", Path(folder))
        bench_night(base, Path(folder), median)

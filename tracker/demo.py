"""The offline demo: replay real archived snapshots through the real pipeline, night by night.

``data/demo/<service>__<type>/NN_<YYYY-MM-DD>.html`` holds the archived pages. A local HTTP
server on 127.0.0.1 serves, for each document, the newest snapshot not later than the night
being replayed; the pipeline fetches them over HTTP with the clock set to that night, exactly
as the nightly job would have. The extraction rules come from the real registry, so the demo
also proves that the shipped rules work on the real pages.

The documents are recorded under their registered URLs (the addresses a reader can visit,
against which relative links resolve), not the local server's: :class:`ReplayFetcher` fetches
from the local server and reports the page under the registered URL. The runs' trigger is
``demo``, which is how the history tells that these bytes were replayed from the archive.

With ``fetch=FetchMode.BROWSER`` (``tracker demo --browser``) every page goes through the
browser fetcher instead (headless Chromium renders what the local server serves), and the
replay must end with the same versions as over HTTP.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tracker.classify import RuleSet
from tracker.clock import FixedClock
from tracker.digest import DigestOutcome
from tracker.errors import ConfigError
from tracker.facts import RuleClassifier
from tracker.fetch import FetchedPage, Fetchers, FetchRequest
from tracker.nightly import LoggingListener, NightlyOptions, deliver_digest, run_nightly, write_feed
from tracker.registry import DocumentSpec, Registry
from tracker.run.runner import RunReport
from tracker.settings import Settings, sqlite_url
from tracker.store.database import Database, open_database
from tracker.vocabulary import FetchMode, Trigger

SNAPSHOT_NAME = re.compile(r"^(\d+)_(\d{4}-\d{2}-\d{2})\.html$")
NIGHTLY_RUN_TIME = time(3, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Snapshot:
    slug: str
    day: date
    path: Path


def discover_snapshots(demo_dir: Path) -> dict[str, list[Snapshot]]:
    """Snapshots per document slug, oldest first. Folder ``a__b`` is slug ``a/b``."""
    found: dict[str, list[Snapshot]] = {}
    for folder in sorted(p for p in demo_dir.iterdir() if p.is_dir() and "__" in p.name):
        slug = folder.name.replace("__", "/", 1)
        for file in sorted(folder.iterdir()):
            match = SNAPSHOT_NAME.match(file.name)
            if match:
                day = date.fromisoformat(match.group(2))
                found.setdefault(slug, []).append(Snapshot(slug, day, file))
    if not found:
        raise ConfigError(f"{demo_dir}: no snapshots (expected <service>__<type>/NN_DATE.html)")
    return found


class SnapshotServer:
    """A local HTTP server whose pages can be swapped between nights."""

    def __init__(self) -> None:
        self._pages: dict[str, bytes] = {}
        self._lock = threading.Lock()
        pages, lock = self._pages, self._lock

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with lock:
                    body = pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def publish(self, pages: Mapping[str, bytes]) -> None:
        with self._lock:
            self._pages.clear()
            self._pages.update(pages)

    @contextmanager
    def running(self) -> Iterator[SnapshotServer]:
        self._thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()


@dataclass(frozen=True, slots=True)
class NightResult:
    night: datetime
    published: dict[str, date]
    report: RunReport


@dataclass(frozen=True, slots=True)
class DemoResult:
    database_url: str
    nights: tuple[NightResult, ...]
    digest: DigestOutcome
    feed: Path


def demo_specs(
    snapshots: Mapping[str, list[Snapshot]], registry: Registry, fetch: FetchMode | None = None
) -> list[DocumentSpec]:
    """The registry entries of the demo documents, with their registered URLs (and fetched
    the ``fetch`` way, if given, instead of as registered)."""
    specs = []
    for slug in snapshots:
        spec = registry.get(slug)
        if spec is None:
            raise ConfigError(f"demo document {slug!r} is not in the registry {registry.path}")
        specs.append(spec if fetch is None else replace(spec, fetch=fetch))
    return specs


#: The fetchers whose requests the demo answers from the local server.
REPLAYED = ("http", "browser")


class ReplayFetcher:
    """The demo's stand-in for the fetcher ``name``: a request for a registered URL goes to
    the real fetcher of that name (from ``inner``) with the local snapshot server's URL
    instead (``routes``: registered URL -> local URL), and the page comes back under the
    registered URL."""

    def __init__(self, name: str, inner: Fetchers, routes: Mapping[str, str]) -> None:
        self.name = name
        self._inner = inner
        self._routes = dict(routes)

    def fetch(self, request: FetchRequest) -> FetchedPage:
        local = replace(request, url=self._routes[request.url])
        page = self._inner.get(self.name).fetch(local)
        return replace(page, url=request.url, final_url=request.url)

    def close(self) -> None:
        return None  # ``inner`` is closed by its owner


def run_demo(
    demo_dir: Path,
    registry: Registry,
    settings: Settings,
    work_dir: Path,
    *,
    rules: RuleSet,
    on_night: Callable[[NightResult], None] | None = None,
    fetch: FetchMode | None = None,
) -> DemoResult:
    """Replay every snapshot in ``demo_dir`` night by night into a fresh database, each night
    the nightly job (without its digest), then one digest of the whole replay and the feed.
    ``fetch``: fetch every document that way (the browser) instead of as registered."""
    classifier = RuleClassifier(rules)
    snapshots = discover_snapshots(demo_dir)
    nights = sorted({s.day for items in snapshots.values() for s in items})
    work_dir.mkdir(parents=True, exist_ok=True)
    database = work_dir / "tracker.db"
    for stale in work_dir.glob("tracker.db*"):
        stale.unlink()
    db = open_database(sqlite_url(database), create=True)
    # our own local server: no need to wait; and the browser reaches nothing else
    settings = settings.with_overrides(host_delay=0.0, browser_offline=True)
    clock = FixedClock(datetime.combine(nights[0], NIGHTLY_RUN_TIME))
    results: list[NightResult] = []
    try:
        with SnapshotServer().running() as server:
            specs = demo_specs(snapshots, registry, fetch)
            routes = {spec.url: f"{server.base_url}/{spec.slug}" for spec in specs}
            with Fetchers(settings) as inner:
                replay = {name: ReplayFetcher(name, inner, routes) for name in REPLAYED}
                for night in nights:
                    clock.set(datetime.combine(night, NIGHTLY_RUN_TIME))
                    published = publish_night(server, snapshots, night)
                    nightly = run_nightly(
                        db,
                        settings,
                        [spec for spec in specs if spec.slug in published],
                        classifier,
                        options=NightlyOptions(
                            trigger=Trigger.DEMO, digest=False, feed=False, fetchers=replay
                        ),
                        clock=clock,
                    )
                    results.append(NightResult(clock(), published, nightly.run))
                    if on_night is not None:
                        on_night(results[-1])
        digest = write_demo_digest(db, settings, work_dir, clock, classifier)
        feed = write_feed(
            db, work_dir / "feed.atom", classifier, clock, public_url=settings.public_url
        )
    finally:
        db.dispose()
    return DemoResult(
        database_url=sqlite_url(database), nights=tuple(results), digest=digest, feed=feed
    )


def write_demo_digest(
    db: Database,
    settings: Settings,
    work_dir: Path,
    clock: FixedClock,
    classifier: RuleClassifier,
) -> DigestOutcome:
    """The example digest of the whole replay, as files in ``work_dir/outbox`` (never sent)."""
    outbox = work_dir / "outbox"
    for stale in outbox.glob("digest-*"):
        stale.unlink()
    demo_settings = replace(settings, outbox_dir=outbox, smtp=None, subscriptions_path=None)
    report, error = deliver_digest(
        db, demo_settings, classifier, clock, LoggingListener(), dry_run=True
    )
    if error is not None:
        raise error
    assert report is not None
    (outcome,) = report.outcomes
    return outcome


def publish_night(
    server: SnapshotServer, snapshots: Mapping[str, list[Snapshot]], night: date
) -> dict[str, date]:
    """Serve each document's newest snapshot not later than ``night``; their days by slug."""
    current = {slug: _latest_until(items, night) for slug, items in snapshots.items()}
    published = {slug: s for slug, s in current.items() if s is not None}
    server.publish({f"/{slug}": s.path.read_bytes() for slug, s in published.items()})
    return {slug: s.day for slug, s in published.items()}


def _latest_until(items: list[Snapshot], night: date) -> Snapshot | None:
    eligible = [s for s in items if s.day <= night]
    return eligible[-1] if eligible else None


def open_demo_database(result: DemoResult) -> Database:
    return open_database(result.database_url)

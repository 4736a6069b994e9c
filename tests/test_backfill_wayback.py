"""``tracker backfill --wayback``: the Wayback Machine's captures through the real pipeline,
against a local server replaying recorded answers (tests/wayback_server.py): duplicates,
a capture that is gone (404), a redirect to the nearest capture, a 429 with Retry-After, a
capture that is a bot wall, pages of the listing with resume keys.

The captures' bytes are the real Together AI terms of service snapshots of the corpus (and a
recorded bot wall from tests/data/walls); expected texts come from extracting those files.
Pacing is checked on a simulated clock: the pause the fetcher asks for advances it, so no
test sleeps and none measures wall-clock time.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tests.digest_support import track_page
from tests.wayback_server import Recorded, WaybackReplay, resume_key
from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.digest.bookkeeping import pending_version_ids
from tracker.errors import FetchError
from tracker.extract import extract_bytes
from tracker.fetch import FetchRequest, open_fetcher
from tracker.fetch.wayback import (
    MAX_THROTTLED,
    ArchiveThrottledError,
    WaybackFetcher,
    parse_capture_url,
)
from tracker.importers import ImportReport, history_context
from tracker.importers.wayback import backfill_wayback
from tracker.model import ExtractionRules
from tracker.query.verify import verify_history
from tracker.registry import DocumentSpec
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import BackfillCursor, Fetch, Version
from tracker.vocabulary import FetchErrorKind, ImportOutcome, Source

ROOT = Path(__file__).resolve().parent.parent
LISTING = ROOT / "tests" / "data" / "wayback" / "together-terms.cdx.json"
WALL = ROOT / "tests" / "data" / "walls" / "bot-wall__cloudflare-managed-challenge.html"
URL = "https://www.together.ai/terms-of-service"
SPEC = DocumentSpec(
    slug="together-ai/terms-of-service",
    service="Together AI",
    type="Terms of Service",
    url=URL,
    rules=ExtractionRules(select=(".main-wrapper",)),
)
#: what became of each listed capture, in order
EXPECTED = [
    ("20250218003426", ImportOutcome.NEW_VERSION),
    ("20250301120000", ImportOutcome.SAME_TEXT),  # other bytes, same text
    ("20250415000000", ImportOutcome.FAILED),  # gone: 404
    ("20250506123541", ImportOutcome.NEW_VERSION),  # after a 429 with Retry-After: 7
    ("20250601000000", ImportOutcome.HELD),  # an archived bot wall
    ("20251221000000", ImportOutcome.NEW_VERSION),  # listed 20251220070744, redirected
    ("20260302190555", ImportOutcome.NEW_VERSION),
    ("20260520070920", ImportOutcome.NEW_VERSION),
]


class SimulatedTime:
    """A monotonic clock that only moves when the fetcher pauses; the pauses are kept."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.pauses: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def pause(self, seconds: float) -> bool:
        self.pauses.append(seconds)
        self.now += seconds
        return True


@pytest.fixture(scope="module")
def snapshots(corpus_dir: Path) -> list[bytes]:
    folder = corpus_dir / "snapshots" / "together-ai__terms-of-service"
    return [path.read_bytes() for path in sorted(folder.glob("*.html"))]


@pytest.fixture
def replay(httpserver: HTTPServer, snapshots: list[bytes]) -> WaybackReplay:
    captures = {
        "20250218003426": Recorded(snapshots[0]),
        "20250301120000": Recorded(snapshots[0] + b"\n<!-- served by another edge -->\n"),
        "20250506123541": Recorded(snapshots[1]),
        "20250601000000": Recorded(WALL.read_bytes()),
        "20251221000000": Recorded(snapshots[2]),
        "20260302190555": Recorded(snapshots[3]),
        "20260520070920": Recorded(snapshots[4]),
    }
    replay = WaybackReplay.recorded(LISTING, URL, captures)
    replay.gone = {"20250415000000"}
    replay.redirects = {"20251220070744": "20251221000000"}
    replay.throttled = {"20250506123541": 1}
    return replay


def settings_for(tmp_path: Path, base: str, **env: str) -> Settings:
    values = {
        "TRACKER_WAYBACK_URL": base,
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
        "TRACKER_RETRY_DELAY": "0.01",
        **env,
    }
    return load_settings(values, cwd=tmp_path)


def backfill(
    db: Database,
    settings: Settings,
    time: SimulatedTime,
    **options: date,
) -> ImportReport:
    fetcher = WaybackFetcher(settings, pause=time.pause, monotonic=time.monotonic)
    try:
        context = history_context(db, settings, FixedClock(datetime(2026, 12, 1, tzinfo=UTC)))
        return backfill_wayback(context, SPEC, fetcher, page_size=3, **options)  # type: ignore[arg-type]
    finally:
        fetcher.close()


def expected_texts(snapshots: list[bytes]) -> list[str]:
    return [
        extract_bytes(body, content_type="text/html", rules=SPEC.rules, base_url=URL).text_sha256
        for body in snapshots
    ]


def test_a_backfill_records_the_archived_history_in_time_order(
    httpserver: HTTPServer,
    replay: WaybackReplay,
    db: Database,
    tmp_path: Path,
    snapshots: list[bytes],
) -> None:
    base = replay.install(httpserver)
    time = SimulatedTime()
    replay.clock = time.monotonic
    report = backfill(db, settings_for(tmp_path, base), time)
    assert report.stopped is None
    assert [(i.observed_at.strftime("%Y%m%d%H%M%S"), i.result.outcome) for i in report.items] == [
        (datetime.strptime(stamp, "%Y%m%d%H%M%S").strftime("%Y%m%d%H%M%S"), outcome)
        for stamp, outcome in EXPECTED
    ]
    held = report.items[4].result
    assert (held.kind, report.items[2].result.kind) == ("bot-wall", FetchErrorKind.HTTP_STATUS)
    with db.reader() as session:
        stored = list(session.scalars(select(Version).order_by(Version.number)))
        assert [v.text_sha256 for v in stored] == expected_texts(snapshots)
        assert [v.first_seen.strftime("%Y%m%d%H%M%S") for v in stored] == [
            stamp for stamp, outcome in EXPECTED if outcome == ImportOutcome.NEW_VERSION
        ]
        assert {v.source for v in stored} == {Source.ARCHIVED}
        assert stored[0].last_verified == datetime(2025, 3, 1, 12, tzinfo=UTC)
        fetches = list(session.scalars(select(Fetch).order_by(Fetch.started_at)))
        assert [(f.outcome, f.error_kind) for f in fetches] == [
            ("changed", None),
            ("unchanged", None),
            ("changed", None),
            ("suspect", "bot-wall"),
            ("changed", None),
            ("changed", None),
            ("changed", None),
        ]
        redirected = fetches[4].provenance
        assert redirected["listed"] == "20251220070744"
        assert redirected["capture"] == f"{base}/web/20251221000000/{URL}"
        # the page's own URL, never the archive's (a NULL final URL: the URL itself)
        assert {(f.source, f.url, f.final_url or f.url, f.etag) for f in fetches} == {
            ("archived", URL, URL, None)
        }
        assert pending_version_ids(session) == []  # never news
        assert verify_history(session).ok
    # the listing: every page asked with the protocol's parameters, pages by resume key
    assert "resumeKey" not in replay.listings[0]
    assert [q.get("resumeKey") for q in replay.listings[1:]] == [
        unquote_plus(resume_key("20250415000000")),  # as sent, once decoded by the server
        unquote_plus(resume_key("20250601000000")),
        unquote_plus(resume_key("20260302190555")),
    ]
    # each capture asked once (the 429 twice), never the duplicate rows of page boundaries
    assert replay.capture_requests == [
        "20250218003426",
        "20250301120000",
        "20250415000000",
        "20250506123541",
        "20250506123541",
        "20250601000000",
        "20251220070744",
        "20251221000000",  # where the archive redirected
        "20260302190555",
        "20260520070920",
    ]
    # polite: 2 s between request starts at least, and the Retry-After of 7 s waited out
    starts = replay.request_times
    assert all(b - a >= 2.0 for a, b in itertools.pairwise(starts))
    assert 7.0 in time.pauses


def test_a_backfill_stopped_by_429s_continues_where_it_stopped(
    httpserver: HTTPServer,
    replay: WaybackReplay,
    db: Database,
    tmp_path: Path,
    snapshots: list[bytes],
) -> None:
    base = replay.install(httpserver)
    settings = settings_for(tmp_path, base)
    replay.throttled = {"20251220070744": MAX_THROTTLED}
    first = backfill(db, settings, SimulatedTime())
    assert first.stopped is not None and "429" in first.stopped
    assert [i.observed_at.date() for i in first.items][-1] == date(2025, 6, 1)
    with db.reader() as session:
        cursor = session.scalars(select(BackfillCursor)).one()
        assert (cursor.last_capture, cursor.complete) == ("20250601000000", False)
        assert cursor.page_key == resume_key("20250601000000")  # the page in progress
    asked_before, listed_before = len(replay.capture_requests), len(replay.listings)
    second = backfill(db, settings, SimulatedTime())
    assert second.stopped is None
    assert [i.result.outcome for i in second.items] == [o for _, o in EXPECTED[5:]]
    # continued from the page in progress: no capture before the cursor asked again
    resumed = replay.listings[listed_before]
    assert (resumed["resumeKey"], resumed["from"]) == (
        unquote_plus(cursor.page_key),
        "20250601000000",
    )
    assert replay.capture_requests[asked_before:] == [
        "20251220070744",
        "20251221000000",
        "20260302190555",
        "20260520070920",
    ]
    with db.reader() as session:
        stored = list(session.scalars(select(Version).order_by(Version.number)))
        assert [v.text_sha256 for v in stored] == expected_texts(snapshots)
        cursor = session.scalars(select(BackfillCursor)).one()
        assert (cursor.complete, cursor.page_key, cursor.captures_done) == (True, None, 8)
        versions_then = [(v.id, v.number) for v in stored]
        fetches_then = session.scalars(select(Fetch.id)).all()
    # a third run asks only for captures after the last one, and adds nothing
    asked_before = len(replay.capture_requests)
    third = backfill(db, settings, SimulatedTime())
    assert (third.stopped, third.items) == (None, [])
    assert replay.listings[-1]["from"] == "20260520070920"
    assert replay.capture_requests[asked_before:] == []
    with db.reader() as session:
        assert [
            (v.id, v.number) for v in session.scalars(select(Version).order_by(Version.number))
        ] == versions_then
        assert session.scalars(select(Fetch.id)).all() == fetches_then


def test_captures_already_recorded_are_not_downloaded_again(
    httpserver: HTTPServer, replay: WaybackReplay, db: Database, tmp_path: Path
) -> None:
    base = replay.install(httpserver)
    settings = settings_for(tmp_path, base)
    backfill(db, settings, SimulatedTime(), until=date(2025, 12, 31))
    asked = len(replay.capture_requests)
    wider = backfill(db, settings, SimulatedTime())  # another range: another cursor
    assert [i.result.outcome for i in wider.items] == [
        ImportOutcome.KNOWN,  # recorded at that capture time: not downloaded again
        ImportOutcome.KNOWN,
        ImportOutcome.FAILED,  # gone: nothing was recorded, so asked again
        ImportOutcome.KNOWN,
        ImportOutcome.KNOWN,  # the wall is recorded (held) too
        ImportOutcome.KNOWN,  # recorded at the capture it redirects to: downloaded, known
        ImportOutcome.NEW_VERSION,
        ImportOutcome.NEW_VERSION,
    ]
    assert replay.capture_requests[asked:] == [
        "20250415000000",
        "20251220070744",
        "20251221000000",
        "20260302190555",
        "20260520070920",
    ]


def test_a_backfill_around_observed_versions_never_reports_them_again(
    httpserver: HTTPServer,
    replay: WaybackReplay,
    db: Database,
    tmp_path: Path,
    snapshots: list[bytes],
) -> None:
    base = replay.install(httpserver)
    settings = settings_for(tmp_path, base)
    observed_at = datetime(2026, 6, 1, 3, tzinfo=UTC)
    track_page(db, settings, SPEC, snapshots[4], observed_at)
    report = backfill(db, settings, SimulatedTime(), since=date(2025, 12, 1))
    assert [i.result.outcome for i in report.items] == [
        ImportOutcome.NEW_VERSION,
        ImportOutcome.NEW_VERSION,
        ImportOutcome.EARLIER,
    ]
    assert replay.listings[0]["from"] == "20251201"
    with db.reader() as session:
        stored = list(session.scalars(select(Version).order_by(Version.number)))
        assert [v.source for v in stored] == ["archived", "archived", "observed"]
        assert stored[2].first_seen == datetime(2026, 5, 20, 7, 9, 20, tzinfo=UTC)
        assert stored[2].last_verified == observed_at
        assert pending_version_ids(session) == [stored[2].id]


def test_the_fetcher_takes_capture_urls_only(tmp_path: Path, httpserver: HTTPServer) -> None:
    base = httpserver.url_for("/").rstrip("/")
    httpserver.expect_request("/web/20250101000000id_/https://example.com/terms").respond_with_data(
        "", status=302, headers={"Location": "/elsewhere/terms"}
    )
    httpserver.expect_request("/elsewhere/terms").respond_with_data("<p>not an archive</p>")
    fetcher = open_fetcher("wayback", settings_for(tmp_path, base, TRACKER_ARCHIVE_DELAY="0"))
    try:
        with pytest.raises(FetchError, match="not a capture URL") as refused:
            fetcher.fetch(FetchRequest(url="https://example.com/terms"))
        assert refused.value.kind == FetchErrorKind.SCHEME
        with pytest.raises(FetchError) as outside:
            fetcher.fetch(
                FetchRequest(url=f"{base}/web/20250101000000id_/https://example.com/terms")
            )
        assert outside.value.kind == FetchErrorKind.REDIRECT
        assert "redirected out of the archive" in str(outside.value)
    finally:
        fetcher.close()
    assert parse_capture_url(f"{base}/web/20250101000000/https://a.example/x?y=1", base) == (
        "20250101000000",
        "https://a.example/x?y=1",
    )
    assert parse_capture_url(f"{base}/web/2025/https://a.example/", base) is None


def test_a_retry_after_longer_than_allowed_stops_at_once(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/cdx/search/cdx").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"}
    )
    base = httpserver.url_for("/").rstrip("/")
    time = SimulatedTime()
    fetcher = WaybackFetcher(
        settings_for(tmp_path, base), pause=time.pause, monotonic=time.monotonic
    )
    try:
        with pytest.raises(ArchiveThrottledError, match="asks to wait 3600s"):
            fetcher.list_captures(URL)
    finally:
        fetcher.close()
    assert 3600 not in time.pauses


def test_the_backfill_command(
    httpserver: HTTPServer, replay: WaybackReplay, tmp_path: Path
) -> None:
    base = replay.install(httpserver)
    registry = tmp_path / "documents.toml"
    registry.write_text(
        '[[documents]]\nslug = "together-ai/terms-of-service"\nservice = "Together AI"\n'
        f'type = "Terms of Service"\nurl = "{URL}"\nselect = [".main-wrapper"]\n'
    )
    env = {
        "TRACKER_DATA_DIR": str(tmp_path),
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
        "TRACKER_WAYBACK_URL": base,
        "TRACKER_ARCHIVE_DELAY": "0",
    }
    replay.retry_after = "0"
    runner = CliRunner()
    slug = "together-ai/terms-of-service"
    assert runner.invoke(cli, ["backfill", slug], env=env).exit_code == 2  # which archive?
    replay.throttled = {"20250506123541": MAX_THROTTLED}
    stopped = runner.invoke(cli, ["backfill", slug, "--wayback"], env=env)
    assert stopped.exit_code == 1
    assert "stopped:" in stopped.output and "run the same command later" in stopped.output
    done = runner.invoke(cli, ["backfill", slug, "--wayback", "--to", "2026-12-31"], env=env)
    assert done.exit_code == 0, done.output
    history = runner.invoke(cli, ["history", slug], env=env)
    assert history.output.count(" archived ") == 5
    show = runner.invoke(cli, ["show", slug, "--at", "2025-06-01"], env=env)
    assert f"an archive's capture (Wayback Machine capture {base}/web/20250506123541/{URL})" in (
        show.output
    )
    bad = runner.invoke(
        cli, ["backfill", slug, "--wayback", "--from", "2026-01-01", "--to", "2025-01-01"], env=env
    )
    assert bad.exit_code == 2 and "--from is after --to" in bad.output

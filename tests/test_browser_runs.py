"""Browser documents through the whole tracker, in a real Chromium against a real local site.

The pipeline after the fetch is the same: the rendered HTML is the raw snapshot, its
screenshot is stored with each new version and goes into the evidence zip, and the fetch row
says which fetcher produced it and why ``auto`` escalated. Then the processes: after a normal
end, a SIGTERM and a SIGKILL of ``tracker run``, no Chromium process is left (counted in
/proc by Chromium's session id, which is its main process id).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from tests.browser_support import (
    Site,
    browser_settings,
    children_of,
    html,
    policy_paragraphs,
    require_chromium,
    serving,
    session_processes,
    wait_until,
)
from tracker.classify import load_rules
from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.demo import DemoResult, open_demo_database, run_demo
from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec, load_registry
from tracker.run.extraction_pool import MIN_DOCUMENTS
from tracker.run.runner import run_tracking
from tracker.settings import load_settings
from tracker.store.blobs import read_text_blob
from tracker.store.database import Database
from tracker.store.schema import Blob, Document, Fetch, Version
from tracker.vocabulary import Escalation, FetchMode, Outcome

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


def scripted_policy(version: str) -> str:
    """A policy whose text only a browser sees: the HTML holds it in a script."""
    text = json.dumps(f"<h1>Privacy Policy</h1>{policy_paragraphs(version)}")
    return (
        '<main id="policy"></main><script>setTimeout(() => {'
        f'document.getElementById("policy").innerHTML = {text};'
        "}, 200);</script>"
    )


@pytest.fixture
def site() -> Iterator[Site]:
    with serving(Site()) as running:
        yield running


def spec(site: Site, path: str, fetch: FetchMode) -> DocumentSpec:
    return DocumentSpec(
        slug=f"example{path.replace('/', '-')}/privacy-policy",
        service="Example",
        type="Privacy Policy",
        url=site.url(path),
        rules=ExtractionRules(select=("main",)),
        fetch=fetch,
    )


def test_a_browser_document_is_tracked_with_screenshots_and_evidence(
    site: Site, db: Database, tmp_path: Path, database_url: str
) -> None:
    require_chromium()
    settings = browser_settings(tmp_path)
    document = spec(site, "/policy", FetchMode.BROWSER)
    site.pages["/policy"] = html(scripted_policy("First"))
    nights = [NIGHT + timedelta(days=n) for n in range(3)]
    first = run_tracking(db, [document], settings=settings, clock=FixedClock(nights[0]))
    assert [r.outcome for r in first.results] == [Outcome.CHANGED]
    with db.reader() as session:
        blobs_after_first = session.scalar(select(func.count()).select_from(Blob))
    second = run_tracking(db, [document], settings=settings, clock=FixedClock(nights[1]))
    assert [r.outcome for r in second.results] == [Outcome.UNCHANGED]
    with db.reader() as session:  # an unchanged night stores no screenshot
        assert session.scalar(select(func.count()).select_from(Blob)) == blobs_after_first
    site.pages["/policy"] = html(scripted_policy("Second"))
    third = run_tracking(db, [document], settings=settings, clock=FixedClock(nights[2]))
    assert [(r.outcome, r.version_number) for r in third.results] == [(Outcome.CHANGED, 2)]
    with db.reader() as session:
        fetches = session.scalars(select(Fetch).order_by(Fetch.id)).all()
        assert {f.fetcher for f in fetches} == {"browser"}
        assert all(f.escalation is None and f.etag is None for f in fetches)
        versions = session.scalars(select(Version).order_by(Version.number)).all()
        shots = [v.screenshot_sha256 for v in versions]
        assert None not in shots and len(set(shots)) == 2
    runner = CliRunner()
    zip_path = tmp_path / "evidence.zip"
    result = runner.invoke(
        cli,
        [
            "--database-url",
            database_url,
            "export-evidence",
            document.slug,
            "2",
            "-o",
            str(zip_path),
        ],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(zip_path) as archive:
        png = archive.read("screenshot.png")
        sums = archive.read("SHA256SUMS").decode()
        meta = json.loads(archive.read("fetch.json"))
        raw = archive.read("raw.html").decode()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert hashlib.sha256(png).hexdigest() == shots[1]
    assert f"{shots[1]}  screenshot.png" in sums
    assert meta["files"]["screenshot"] == "screenshot.png"
    assert meta["version"]["screenshot_sha256"] == shots[1]
    assert meta["first_fetch"]["fetcher"] == "browser"
    assert "Second clause 8" in raw  # the rendered page is the raw snapshot


def test_a_run_of_browser_documents_starts_no_extraction_pool(
    site: Site, db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A run big enough for the extraction pool, all of it rendered by the browser: its pages
    are extracted by the tracker itself, and no pool process is started."""
    require_chromium()
    settings = browser_settings(tmp_path, TRACKER_EXTRACT_PROCESSES="2")
    documents = []
    for n in range(MIN_DOCUMENTS):
        site.pages[f"/policy-{n}"] = html(scripted_policy(f"Page {n}"))
        documents.append(spec(site, f"/policy-{n}", FetchMode.BROWSER))
    caplog.set_level(logging.INFO, logger="tracker.run.worker")
    report = run_tracking(db, documents, settings=settings, clock=FixedClock(NIGHT))
    assert [r.outcome for r in report.results] == [Outcome.CHANGED] * MIN_DOCUMENTS
    assert "extracting in" not in caplog.text
    with db.reader() as session:
        versions = session.scalars(select(Version)).all()
        assert len(versions) == MIN_DOCUMENTS and all(v.screenshot_sha256 for v in versions)


def test_auto_records_why_it_escalated(site: Site, db: Database, tmp_path: Path) -> None:
    require_chromium()
    settings = browser_settings(tmp_path)
    shell = spec(site, "/app", FetchMode.AUTO)
    plain = spec(site, "/plain", FetchMode.AUTO)
    site.pages["/app"] = html(
        "<noscript>Please enable JavaScript.</noscript>" + scripted_policy("App")
    )
    site.pages["/plain"] = html(f"<main><h1>Privacy</h1>{policy_paragraphs('Plain')}</main>")
    report = run_tracking(db, [shell, plain], settings=settings, clock=FixedClock(NIGHT))
    assert [r.outcome for r in report.results] == [Outcome.CHANGED, Outcome.CHANGED]
    with db.reader() as session:
        rows = {f.url: f for f in session.scalars(select(Fetch))}
    assert rows[shell.url].fetcher == "browser"
    assert (rows[shell.url].escalation or "").startswith(f"{Escalation.SCRIPT_SHELL}: ")
    assert (rows[plain.url].fetcher, rows[plain.url].escalation) == ("http", None)


def test_a_browser_failure_is_a_failed_fetch_naming_the_fetcher(
    site: Site, db: Database, tmp_path: Path
) -> None:
    require_chromium()
    settings = browser_settings(tmp_path, TRACKER_BROWSER_DEADLINE="3")
    site.pages["/slow"] = html('<main><p>An image that never comes.</p><img src="/hang"></main>')
    report = run_tracking(
        db, [spec(site, "/slow", FetchMode.BROWSER)], settings=settings, clock=FixedClock(NIGHT)
    )
    assert [(r.outcome, r.error_kind) for r in report.results] == [(Outcome.FAILED, "timeout")]
    with db.reader() as session:
        (row,) = session.scalars(select(Fetch)).all()
    assert row.fetcher == "browser" and "render deadline" in (row.error_message or "")


# -- processes ---------------------------------------------------------------------------------


def start_tracker(tmp_path: Path, site: Site, path: str, deadline: str) -> subprocess.Popen[bytes]:
    registry = tmp_path / "documents.toml"
    registry.write_text(
        "[[documents]]\n"
        'slug = "example/privacy-policy"\nservice = "Example"\ntype = "Privacy Policy"\n'
        f'url = "{site.url(path)}"\nfetch = "browser"\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_OUTBOX": str(tmp_path / "outbox"),
        "TRACKER_BROWSER_DEADLINE": deadline,
        "TRACKER_RETRIES": "0",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "run", "--no-digest"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def chromium_of(tracker: subprocess.Popen[bytes]) -> tuple[int, list[int]]:
    """Chromium's main process id (its session id) and the tracker's other children."""
    found: list[tuple[int, str]] = []

    def started() -> bool:
        found[:] = children_of(tracker.pid)
        return tracker.poll() is not None or any("--remote-debugging-port" in c for _, c in found)

    assert wait_until(started, 60) and tracker.poll() is None, "Chromium was not started"
    chromium = next(pid for pid, cmd in found if "--remote-debugging-port" in cmd)
    return chromium, [pid for pid, _ in found if pid != chromium]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def profile_folders() -> set[Path]:
    return set(Path(os.environ.get("TMPDIR", "/tmp")).glob("tracker-chromium-*"))


#: How long a stopped run's Chromium may take to be gone (a bound, not a speed: on a loaded
#: machine the processes take seconds to be reaped; one that stays is still found).
GONE_WITHIN = 60


def assert_nothing_left(chromium: int, others: list[int], folders_before: set[Path]) -> None:
    assert wait_until(lambda: not session_processes(chromium), GONE_WITHIN), (
        f"Chromium processes left: {session_processes(chromium)}"
    )
    assert wait_until(lambda: not any(alive(pid) for pid in others), GONE_WITHIN), (
        "a helper process is left"
    )
    assert wait_until(lambda: profile_folders() <= folders_before, GONE_WITHIN), (
        "a profile folder is left"
    )


def test_no_chromium_process_outlives_a_normal_run(site: Site, tmp_path: Path) -> None:
    require_chromium()
    site.pages["/policy"] = html(scripted_policy("Run"))
    before = profile_folders()
    tracker = start_tracker(tmp_path, site, "/policy", deadline="30")
    chromium, others = chromium_of(tracker)
    counted = 0
    while tracker.poll() is None:  # the most Chromium processes seen at once during the run
        counted = max(counted, len(session_processes(chromium)))
        time.sleep(0.05)
    _, stderr = tracker.communicate(timeout=120)
    assert tracker.returncode == 0, stderr.decode()
    assert counted >= 2  # the browser and at least one of its helpers were running
    assert_nothing_left(chromium, others, before)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_no_chromium_process_outlives_a_stopped_run(
    site: Site, tmp_path: Path, stop: signal.Signals
) -> None:
    require_chromium()
    site.pages["/slow"] = html('<main><p>An image that never comes.</p><img src="/hang"></main>')
    before = profile_folders()
    tracker = start_tracker(tmp_path, site, "/slow", deadline="10")
    chromium, others = chromium_of(tracker)
    mid_render = wait_until(lambda: site.hits.get("/hang", 0) > 0 or tracker.poll() is not None, 90)
    if not mid_render or tracker.poll() is not None:  # say why, then clean up
        tracker.kill()
        _, stderr = tracker.communicate(timeout=60)
        pytest.fail(f"the page was not rendering: {stderr.decode()[-2000:]}")
    assert len(session_processes(chromium)) >= 2
    tracker.send_signal(stop)
    _, stderr = tracker.communicate(timeout=60)
    # SIGTERM: a clean stop once the page in flight is recorded (failed: cut at the deadline)
    expected = {1, 130} if stop == signal.SIGTERM else {-signal.SIGKILL}
    assert tracker.returncode in expected, stderr.decode()
    assert_nothing_left(chromium, others, before)


# -- the demo through the browser --------------------------------------------------------------


def demo_versions(result: DemoResult) -> list[tuple[str, int, str, bool]]:
    """(document, version, text with the local server's address blanked, has a screenshot)."""
    db = open_demo_database(result)
    try:
        with db.reader() as session:
            columns = (Version.number, Version.text_sha256, Version.screenshot_sha256)
            rows = session.execute(
                select(Document.slug, *columns)
                .join(Version, Version.document_id == Document.id)
                .order_by(Document.slug, Version.number)
            ).all()
            return [
                (slug, number, LOCAL.sub("<demo>", read_text_blob(session, text)), shot is not None)
                for slug, number, text, shot in rows
            ]
    finally:
        db.dispose()


LOCAL = re.compile(r"http://127\.0\.0\.1:\d+")


def test_the_demo_through_the_browser_ends_with_the_same_versions(tmp_path: Path) -> None:
    """``tracker demo --browser``: every archived page rendered by Chromium gives the versions
    the HTTP replay gives (the same texts, the local server's port aside), each with its
    screenshot."""
    require_chromium()
    registry = load_registry(ROOT / "data" / "documents.toml")
    rules = load_rules(ROOT / "data" / "rules.toml")
    settings = load_settings({"TRACKER_RETRIES": "0"}, cwd=tmp_path)
    over_http = run_demo(ROOT / "data" / "demo", registry, settings, tmp_path / "http", rules=rules)
    rendered = run_demo(
        ROOT / "data" / "demo",
        registry,
        settings,
        tmp_path / "browser",
        rules=rules,
        fetch=FetchMode.BROWSER,
    )
    http_versions, browser_versions = demo_versions(over_http), demo_versions(rendered)
    assert len(http_versions) == 8
    assert [v[:3] for v in browser_versions] == [v[:3] for v in http_versions]
    assert all(v[3] for v in browser_versions) and not any(v[3] for v in http_versions)
    for night in rendered.nights:
        assert not night.report.failed

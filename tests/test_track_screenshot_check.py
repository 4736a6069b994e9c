"""The browser's screenshot check (is the rendered page's text new?) and the recorder share one
extraction: the check keeps what it extracted, the recorder takes it instead of extracting
the same bytes again, and records exactly what it would have recorded on its own. A page the
prepared state shows to be the latest version again is not extracted by the check at all.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

import tracker.extract
from tests.fetched_support import fetched_page
from tests.multihost import PROSE, policy_html
from tracker.clock import FixedClock
from tracker.fetch import FetchedPage
from tracker.model import ExtractionRules, sha256_hex
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.blobs import PACKED_ZSTD_LEVEL, compress, read_blob
from tracker.store.database import Database
from tracker.store.schema import Blob, Document, Version
from tracker.track.context import TrackContext
from tracker.track.extraction import extract_page
from tracker.track.prepare import PreparedFetch, prepare_batch
from tracker.track.record import record_page

NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
TOMORROW = NIGHT + timedelta(days=1)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"TRACKER_HOST_DELAY": "0", "TRACKER_RETRIES": "0"}, cwd=tmp_path)


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The final URL of every page extracted from here on (the real extractor, counted)."""
    seen: list[str] = []
    real = tracker.extract.extract_bytes

    def counted(body: bytes, **options: Any) -> Any:
        seen.append(str(options.get("name")))
        return real(body, **options)

    monkeypatch.setattr(tracker.extract, "extract_bytes", counted)
    return seen


def html(sentence: str) -> bytes:
    return policy_html("Policy", f"{sentence} {PROSE}").encode()


def rendered(document: DocumentSpec, body: bytes) -> FetchedPage:
    return fetched_page(document.url, body, fetcher="browser")


def tracked_then_prepared(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> tuple[DocumentSpec, PreparedFetch, TrackContext]:
    """A document tracked once (version 1), then prepared for the next day."""
    document = DocumentSpec(
        slug="example/terms",
        service="Example",
        type="terms",
        url=httpserver.url_for("/terms"),
        rules=ExtractionRules(select=("main",)),
    )
    httpserver.expect_request("/terms").respond_with_data(
        html("We keep your data for thirty days."), content_type="text/html"
    )
    run_tracking(db, [document], settings=settings, clock=FixedClock(NIGHT))
    context = TrackContext(db=db, settings=settings, clock=FixedClock(TOMORROW))
    with db.reader() as session:
        document_id = session.scalars(select(Document.id)).one()
    (prepared,) = prepare_batch(context, [(document_id, document)])
    return document, prepared, context


def check(prepared: PreparedFetch) -> Callable[[FetchedPage], bool]:
    decide = prepared.request.screenshot_if
    assert decide is not None
    return decide


def versions(db: Database) -> list[tuple[int, str]]:
    with db.reader() as session:
        rows = session.execute(select(Version.number, Version.text_sha256).order_by(Version.id))
        return [(number, text) for number, text in rows]


def test_a_new_text_is_extracted_once_for_the_check_and_the_recorder(
    httpserver: HTTPServer, db: Database, settings: Settings, extractions: list[str]
) -> None:
    document, prepared, context = tracked_then_prepared(httpserver, db, settings)
    page = rendered(document, html("We keep your data for three years."))
    extractions.clear()
    assert check(prepared)(page) is True
    result = record_page(context, prepared, page, run_id=None)
    assert result is not None and (result.outcome, result.version_number) == ("changed", 2)
    assert extractions == [document.url]
    alone = extract_page(page, document, None, facts=False).document
    assert alone is not None and versions(db)[-1] == (2, alone.text_sha256)


@pytest.mark.parametrize("given", ["other bytes", "another final URL"])
def test_a_kept_extraction_of_another_page_is_not_used(
    httpserver: HTTPServer, db: Database, settings: Settings, extractions: list[str], given: str
) -> None:
    """The recorder extracts what it is given: other bytes, or the same bytes at another
    address (a wrapping fetcher, like the demo's, reports the registered URL in the end)."""
    document, prepared, context = tracked_then_prepared(httpserver, db, settings)
    checked = rendered(document, html("We keep your data for three years."))
    if given == "other bytes":
        recorded = rendered(document, html("We keep your data for ten years."))
    else:
        recorded = replace(checked, final_url=httpserver.url_for("/elsewhere/terms"))
    assert check(prepared)(checked) is True
    extractions.clear()
    result = record_page(context, prepared, recorded, run_id=None)
    assert result is not None and result.version_number == 2
    assert extractions == [recorded.final_url]
    assert prepared.kept.take(checked) is None  # and the kept one is gone


def test_the_same_bytes_again_are_not_extracted_by_the_check(
    httpserver: HTTPServer, db: Database, settings: Settings, extractions: list[str]
) -> None:
    document, prepared, context = tracked_then_prepared(httpserver, db, settings)
    page = rendered(document, html("We keep your data for thirty days."))
    assert prepared.state is not None
    assert prepared.state.last_raw_sha256 == sha256_hex(page.body)
    extractions.clear()
    assert check(prepared)(page) is False
    result = record_page(context, prepared, page, run_id=None)
    assert result is not None and (result.outcome, result.version_number) == ("unchanged", 1)
    assert extractions == []


def test_the_same_text_in_other_bytes_gets_no_screenshot(
    httpserver: HTTPServer, db: Database, settings: Settings, extractions: list[str]
) -> None:
    document, prepared, context = tracked_then_prepared(httpserver, db, settings)
    body = html("We keep your data for thirty days.").replace(b"<main", b"<!-- x --><main", 1)
    page = rendered(document, body)
    extractions.clear()
    assert check(prepared)(page) is False
    result = record_page(context, prepared, page, run_id=None)
    assert result is not None and (result.outcome, result.version_number) == ("unchanged", 1)
    assert extractions == [document.url]


def test_a_new_versions_screenshot_is_stored_at_the_level_for_packed_bytes(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    """A screenshot is a PNG, deflated already: its blob is zstd at PACKED_ZSTD_LEVEL (a few
    times cheaper than the pages' level), and reads back as the same bytes."""
    document, prepared, context = tracked_then_prepared(httpserver, db, settings)
    words = PROSE.encode().split()
    pick = random.Random(15).choice
    shot = b"\x89PNG\r\n\x1a\n" + b" ".join(pick(words) for _ in range(50_000))
    assert compress(shot, PACKED_ZSTD_LEVEL) != compress(shot)  # the levels tell apart
    page = replace(rendered(document, html("We keep your data for three years.")), screenshot=shot)
    assert check(prepared)(page) is True
    result = record_page(context, prepared, page, run_id=None)
    assert result is not None and result.version_number == 2
    with db.reader() as session:
        digest = session.scalars(select(Version.screenshot_sha256).where(Version.number == 2)).one()
        assert digest == sha256_hex(shot)
        blob = session.get(Blob, digest)
        assert blob is not None and blob.data == compress(shot, PACKED_ZSTD_LEVEL)
        assert read_blob(session, digest) == shot

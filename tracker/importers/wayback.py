"""``tracker backfill SLUG --wayback``: a document's past from the Wayback Machine's captures.

The capture list (CDX API, one page at a time, oldest first, resume key to the next page) is
walked; each capture's original bytes (``id_``) go through the pipeline at the capture's time
(:mod:`tracker.track.history`), source ``archived``, guards included: an archived bot wall,
error page or truncated page is held, never a version. Captures come in time order; the
archive's redirect to the nearest capture gives that capture's time.

Resumable: a cursor in the database (``backfill_cursors``, per document and date range) keeps
the listing page in progress and the last capture dealt with, moved in the same transaction
as the capture's record. A run stopped anywhere (a crash, :data:`MAX_THROTTLED` 429 answers in
a row) is continued by the next; a capture already recorded is not downloaded again; a
finished range listed again asks only for captures after its last one.

Links in an archived page resolve against the registered URL (the same document), so its text
compares with our own fetches' like for like; the capture's own address is its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select

from tracker.errors import FetchError
from tracker.fetch import FetchedPage, FetchRequest
from tracker.fetch.wayback import (
    ArchiveThrottledError,
    Capture,
    WaybackFetcher,
    capture_moment,
    parse_capture_url,
)
from tracker.importers import ImportedItem, ImportListener, ImportReport
from tracker.registry import DocumentSpec
from tracker.store.clause_search import index_new_clauses
from tracker.store.cursors import capture_done, open_cursor, page_done, reopen
from tracker.store.records import sync_document
from tracker.store.schema import Document, Fetch
from tracker.track.context import TrackContext
from tracker.track.history import Sighting, SightingResult, place_sighting
from tracker.vocabulary import ImportOutcome, Source

ARCHIVE = "wayback"
ARCHIVE_NAME = "Wayback Machine"
PAGE_SIZE = 200


@dataclass(frozen=True, slots=True)
class _Cursor:
    id: int
    document_id: int
    last_capture: str | None
    page_key: str | None


def backfill_wayback(
    context: TrackContext,
    spec: DocumentSpec,
    fetcher: WaybackFetcher,
    *,
    since: date | None = None,
    until: date | None = None,
    listener: ImportListener | None = None,
    page_size: int = PAGE_SIZE,
) -> ImportReport:
    """Place the Wayback Machine's captures of ``spec`` (captured between ``since`` and
    ``until``, inclusive) in its history. A stop for repeated 429 answers is reported in
    ``report.stopped``; the next call continues from there."""
    report = _backfill(context, spec, fetcher, since, until, listener, page_size)
    index_new_clauses(context.db)  # the search index, once for the captures recorded
    return report


def _backfill(
    context: TrackContext,
    spec: DocumentSpec,
    fetcher: WaybackFetcher,
    since: date | None,
    until: date | None,
    listener: ImportListener | None,
    page_size: int,
) -> ImportReport:
    range_from = since.strftime("%Y%m%d") if since else ""
    range_to = until.strftime("%Y%m%d") if until else ""
    cursor = _open(context, spec, range_from, range_to)
    report = ImportReport()
    last, key = cursor.last_capture, cursor.page_key
    listing_from = max(range_from, last) if last else range_from
    try:
        while True:
            page = fetcher.list_captures(
                spec.url,
                range_from=listing_from,
                range_to=range_to,
                resume_key=key,
                limit=page_size,
            )
            for capture in sorted(page.captures, key=lambda c: c.timestamp):
                if last is not None and capture.timestamp <= last:
                    continue  # listed twice, or dealt with by the run that stopped
                report.add(_backfill_capture(context, spec, fetcher, cursor, capture), listener)
                last = capture.timestamp
            with context.db.transaction() as session:
                page_done(session, cursor.id, page.resume_key, context.clock())
            if page.resume_key is None:
                return report
            key = page.resume_key
    except ArchiveThrottledError as error:  # the cursor is where the archive stopped us
        report.stopped = str(error)
        return report


def _open(context: TrackContext, spec: DocumentSpec, range_from: str, range_to: str) -> _Cursor:
    now = context.clock()
    with context.db.transaction() as session:
        document = sync_document(session, spec, now)
        row = open_cursor(
            session,
            document.id,
            archive=ARCHIVE,
            url=spec.url,
            range_from=range_from,
            range_to=range_to,
            now=now,
        )
        if row.complete:  # listed to the end before: only captures after the last one now
            reopen(session, row.id, now)
        return _Cursor(row.id, document.id, row.last_capture, row.page_key)


def _backfill_capture(
    context: TrackContext,
    spec: DocumentSpec,
    fetcher: WaybackFetcher,
    cursor: _Cursor,
    capture: Capture,
) -> ImportedItem:
    """Record one capture and move the cursor past it (ArchiveThrottledError: not moved)."""
    name = fetcher.replay_url(capture.timestamp, capture.original)
    if _archived_at(context, cursor.document_id, capture.moment):
        result = SightingResult(ImportOutcome.KNOWN)
        _move_past(context, cursor, capture)
        return ImportedItem(spec.slug, name, capture.moment, result)
    try:
        page = fetcher.fetch(FetchRequest(url=fetcher.capture_url(capture)))
    except ArchiveThrottledError:
        raise
    except FetchError as error:
        result = SightingResult(ImportOutcome.FAILED, kind=error.kind, message=str(error))
        _move_past(context, cursor, capture)
        return ImportedItem(spec.slug, name, capture.moment, result)
    stamp, original = parse_capture_url(page.final_url, fetcher.base) or (
        capture.timestamp,
        capture.original,
    )
    sighting = Sighting(
        page=_as_the_document(page, spec),
        observed_at=capture_moment(stamp),
        source=Source.ARCHIVED,
        provenance=_provenance(fetcher, capture, stamp, original),
    )
    with context.db.transaction() as session:
        document = session.get_one(Document, cursor.document_id)
        result = place_sighting(session, document, spec, sighting, context)
        capture_done(session, cursor.id, capture.timestamp, context.clock())
    return ImportedItem(
        spec.slug, fetcher.replay_url(stamp, original), sighting.observed_at, result
    )


def _as_the_document(page: FetchedPage, spec: DocumentSpec) -> FetchedPage:
    """The capture as the registered page: links resolve against the registered URL."""
    return replace(page, url=spec.url, final_url=spec.url, etag=None, last_modified=None)


def _provenance(
    fetcher: WaybackFetcher, capture: Capture, stamp: str, original: str
) -> dict[str, object]:
    replay = fetcher.replay_url(stamp, original)
    provenance: dict[str, object] = {
        "importer": "wayback",
        "archive": ARCHIVE_NAME,
        "timestamp": stamp,
        "original": original,
        "capture": replay,
        "digest": capture.digest,
        "description": f"{ARCHIVE_NAME} capture {replay}",
    }
    if stamp != capture.timestamp:  # the archive redirected to the nearest capture
        provenance["listed"] = capture.timestamp
    return provenance


def _archived_at(context: TrackContext, document_id: int, moment: datetime) -> bool:
    with context.db.reader() as session:
        found = session.scalars(
            select(Fetch.id)
            .where(
                Fetch.document_id == document_id,
                Fetch.source == Source.ARCHIVED,
                Fetch.started_at == moment,
            )
            .limit(1)
        ).first()
    return found is not None


def _move_past(context: TrackContext, cursor: _Cursor, capture: Capture) -> None:
    with context.db.transaction() as session:
        capture_done(session, cursor.id, capture.timestamp, context.clock())

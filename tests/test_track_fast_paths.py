"""The scale paths record exactly what the full pipeline records.

- a page seen again is verified from the state read with its claim batch (two statements);
  when that state went stale (a version recorded meanwhile), nothing is written from it and
  the full pipeline decides instead;
- a 304's fetch row carries the last good raw hash, so a 200 with the same bytes the next
  night is recognised without extraction;
- pages extracted in worker processes (a run of 16 documents or more) give the same versions,
  clauses, topics, key facts and changes as pages extracted in the recording thread; the
  classified diff made there against the version the page should follow is used only if that
  version is still the latest when the page is recorded.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select, update
from werkzeug import Request, Response

from tests.fetched_support import fetched_page
from tests.multihost import PROSE, RULES_FILE, policy_html
from tracker.classify import load_rules, topics_fingerprint
from tracker.clock import FixedClock
from tracker.facts import RuleClassifier
from tracker.fetch import FetchedPage
from tracker.fetch.http import HttpFetcher
from tracker.guard.text import (
    FACTS_VERSION,
    TextFacts,
    facts_from_record,
    facts_record,
    text_facts,
)
from tracker.model import ClauseDiff, ExtractionRules, sha256_hex
from tracker.nightly import NightlyOptions, run_nightly
from tracker.registry import DocumentSpec
from tracker.run.claims import Claim, claim_items
from tracker.run.extraction_pool import MIN_DOCUMENTS, ExtractionPool, portable
from tracker.run.parent_death import PARENT_VARIABLE
from tracker.run.runner import create_run, run_tracking
from tracker.run.worker import Worker, _Item
from tracker.settings import Settings, load_settings
from tracker.store.blobs import decode_blob, read_text_blob
from tracker.store.database import Database, open_database
from tracker.store.records import (
    fetch_raw_sha256,
    fetch_text_sha256,
    sync_document,
    version_clause_records,
)
from tracker.store.schema import (
    Blob,
    ChangeRow,
    ClauseRow,
    Document,
    FactRow,
    Fetch,
    Version,
)
from tracker.track.context import DocumentResult, TrackContext
from tracker.track.extraction import Base, compare_with_base, extract_page
from tracker.track.history import Sighting, record_sighting
from tracker.track.prepare import PreparedFetch, prepare_batch
from tracker.track.record import needs_extraction, record_page, record_seen_again
from tracker.vocabulary import Source

NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"TRACKER_HOST_DELAY": "0", "TRACKER_RETRIES": "0"}, cwd=tmp_path)


def spec(server: HTTPServer, name: str) -> DocumentSpec:
    return DocumentSpec(
        slug=f"example/{name}",
        service="Example",
        type=name,
        url=server.url_for(f"/{name}"),
        rules=ExtractionRules(select=("main",)),
    )


def html(name: str, sentence: str = "We keep your data for thirty days.") -> bytes:
    return policy_html(f"Policy {name}", f"{sentence} {PROSE}").encode()


def served(server: HTTPServer, count: int) -> list[DocumentSpec]:
    """``count`` documents ``doc0``, ``doc1`` ... registered, each page served by ``server``."""
    for n in range(count):
        server.expect_request(f"/doc{n}").respond_with_data(
            html(f"doc{n}"), content_type="text/html"
        )
    return [spec(server, f"doc{n}") for n in range(count)]


def eight_per_host(tmp_path: Path) -> Settings:
    """No delay between a host's requests, no extraction processes, eight requests a host."""
    return load_settings(
        {"TRACKER_HOST_DELAY": "0", "TRACKER_EXTRACT_PROCESSES": "0", "TRACKER_PER_HOST": "8"},
        cwd=tmp_path,
    )


def fetched(document: DocumentSpec, body: bytes, *, not_modified: bool = False) -> FetchedPage:
    return fetched_page(document.url, body, etag='"v1"', not_modified=not_modified)


def context(db: Database, settings: Settings, when: datetime) -> TrackContext:
    return TrackContext(db=db, settings=settings, clock=FixedClock(when))


def document_id(db: Database, document: DocumentSpec) -> int:
    with db.reader() as session:
        return session.scalars(select(Document.id).where(Document.slug == document.slug)).one()


def fetch_rows(db: Database) -> list[tuple[object, ...]]:
    with db.reader() as session:
        columns = (Fetch.outcome, fetch_raw_sha256(), fetch_text_sha256(), Fetch.version_id)
        return [
            tuple(row) for row in session.execute(select(*columns, Fetch.etag).order_by(Fetch.id))
        ]


def tracked_then_prepared_next_day(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> tuple[DocumentSpec, PreparedFetch, datetime]:
    """A document tracked once on NIGHT, then prepared for the next day's run."""
    document = spec(httpserver, "terms")
    httpserver.expect_request("/terms").respond_with_data(html("terms"), content_type="text/html")
    run_tracking(db, [document], settings=settings, clock=FixedClock(NIGHT))
    tomorrow = NIGHT + timedelta(days=1)
    (prepared,) = prepare_batch(
        context(db, settings, tomorrow), [(document_id(db, document), document)]
    )
    return document, prepared, tomorrow


def test_a_page_seen_again_is_verified_from_the_prepared_state(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    page = fetched(document, html("terms"))
    assert prepared.state is not None and not needs_extraction(prepared, page)
    with db.transaction() as session:
        result = record_seen_again(session, prepared, page, context(db, settings, tomorrow), None)
    assert result is not None and result.outcome == "unchanged" and result.version_number == 1
    first, second = fetch_rows(db)
    assert second[:4] == ("unchanged", first[1], first[2], first[3])
    with db.reader() as session:
        assert session.scalars(select(Version)).one().last_verified == tomorrow


def test_a_stale_state_writes_nothing_and_the_full_pipeline_decides(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    # meanwhile another process records version 2 (an import, `tracker accept`)
    httpserver.clear()
    httpserver.expect_request("/terms").respond_with_data(
        html("terms", "We keep your data for three years."), content_type="text/html"
    )
    run_tracking(db, [document], settings=settings, clock=FixedClock(NIGHT + timedelta(hours=1)))
    before = fetch_rows(db)
    page = fetched(document, html("terms"))  # tonight: version 1's bytes again
    with db.transaction() as session:
        assert (
            record_seen_again(session, prepared, page, context(db, settings, tomorrow), None)
            is None
        )
    assert fetch_rows(db) == before
    result = record_page(context(db, settings, tomorrow), prepared, page, run_id=None)
    # decided on the real history: version 1's text came back after version 2, which is
    # held as flapping (the stale state alone would have verified version 1)
    assert result is not None and (result.outcome, result.error_kind) == ("suspect", "flapping")


def test_after_a_304_the_same_bytes_are_not_extracted_again(
    httpserver: HTTPServer,
    db: Database,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    document = spec(httpserver, "terms")
    body = html("terms")
    httpserver.expect_request("/terms").respond_with_data(body, content_type="text/html")
    run_tracking(db, [document], settings=settings, clock=FixedClock(NIGHT))
    ctx = context(db, settings, NIGHT + timedelta(days=1))
    (prepared,) = prepare_batch(ctx, [(document_id(db, document), document)])
    record_page(ctx, prepared, fetched(document, body, not_modified=True), run_id=None)
    rows = fetch_rows(db)
    assert rows[1][0] == "not-modified" and rows[1][1] == sha256_hex(body) == rows[0][1]
    ctx = context(db, settings, NIGHT + timedelta(days=2))
    (prepared,) = prepare_batch(ctx, [(document_id(db, document), document)])
    caplog.set_level(logging.DEBUG, logger="tracker.track.record")
    assert not needs_extraction(prepared, fetched(document, body))
    result = record_page(ctx, prepared, fetched(document, body), run_id=None)
    assert result is not None and result.outcome == "unchanged"
    assert "raw snapshot unchanged" in caplog.text and "extracting" not in caplog.text


def marked(diff: ClauseDiff) -> ClauseDiff:
    """A classifier whose mark shows which diff was recorded."""
    return replace(
        diff, changes=tuple(replace(c, reason="diffed with the extraction") for c in diff.changes)
    )


def recorded_reasons(db: Database) -> list[str | None]:
    with db.reader() as session:
        return list(session.scalars(select(ChangeRow.reason).order_by(ChangeRow.id)))


@pytest.mark.parametrize("base_is_latest", [True, False])
def test_a_diff_made_with_the_extraction_is_used_only_against_its_base(
    httpserver: HTTPServer, db: Database, settings: Settings, base_is_latest: bool
) -> None:
    """The extraction process diffs a page against the version the prepared state says is the
    latest; the recorder takes that diff only if it still is (here, if not: another process
    recorded a version meanwhile, and the page is diffed against that one)."""
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    assert prepared.state is not None and prepared.state.latest_id is not None
    with db.reader() as session:
        latest = session.get_one(Version, prepared.state.latest_id)
        text = read_text_blob(session, latest.text_sha256)
        base = Base(
            latest.id, version_clause_records(session, latest.id), latest.text_sha256, text=text
        )
    if not base_is_latest:
        httpserver.clear()
        httpserver.expect_request("/terms").respond_with_data(
            html("terms", "We keep your data for one year."), content_type="text/html"
        )
        run_tracking(
            db, [document], settings=settings, clock=FixedClock(NIGHT + timedelta(hours=1))
        )
    page = fetched(document, html("terms", "We may keep your data for three years."))
    extraction = compare_with_base(extract_page(page, document, None), base, marked)
    assert extraction.comparison is not None and extraction.comparison.diff.changes
    result = record_page(
        context(db, settings, tomorrow), prepared, page, run_id=None, extraction=extraction
    )
    assert result is not None and result.outcome == "changed" and result.changes == 1
    reasons = recorded_reasons(db)
    if base_is_latest:
        assert reasons == ["diffed with the extraction"]
    else:  # version 2 (from version 1, by the run) then tonight's, both diffed here
        assert len(reasons) == 2 and "diffed with the extraction" not in reasons
        with db.reader() as session:
            change = session.scalars(select(ChangeRow).order_by(ChangeRow.id.desc())).first()
            assert change is not None and "one year" in " ".join(
                c.text
                for c in session.scalars(
                    select(ClauseRow).where(ClauseRow.id.in_(change.old_clause_ids))
                )
            )


FRENCH = (
    "Nous conservons vos données pendant trente jours. Vous pouvez demander leur suppression à "
    "tout moment. Nous ne vendons pas vos données et nous ne les partageons qu'avec nos "
    "prestataires, qui sont tenus de les protéger. Pour toute question, écrivez-nous."
)


def test_the_text_a_page_is_screened_against_can_come_with_the_extraction(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    """The facts about the latest version's text (its words and languages) worked out with
    the extraction are the ones the new text is screened against: here, made from a French
    text, they make the English page a switch of language."""
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    assert prepared.state is not None and prepared.state.latest_id is not None
    with db.reader() as session:
        rows = version_clause_records(session, prepared.state.latest_id)
    base = Base(prepared.state.latest_id, rows, "0" * 64, text=" ".join([FRENCH] * 4))
    page = fetched(document, html("terms", "We may keep your data for three years."))
    extraction = compare_with_base(extract_page(page, document, None), base, marked)
    result = record_page(
        context(db, settings, tomorrow), prepared, page, run_id=None, extraction=extraction
    )
    assert result is not None and result.outcome == "suspect", result
    assert result.error_kind is not None and "language" in result.error_kind, result


def lineages_of(db: Database, version_id: int) -> list[int | None]:
    with db.reader() as session:
        return list(
            session.scalars(
                select(ClauseRow.lineage_id)
                .where(ClauseRow.version_id == version_id)
                .order_by(ClauseRow.position)
            )
        )


@pytest.mark.parametrize(
    ("compared_in_pool", "with_base"), [(True, True), (True, False), (False, False)]
)
def test_lineages_relinked_after_the_comparison_are_the_ones_continued(
    httpserver: HTTPServer,
    db: Database,
    settings: Settings,
    compared_in_pool: bool,
    with_base: bool,
) -> None:
    """An import placed before the latest version relinks that version's lineages in place
    (same version, same id) after the pool's comparison was made: tonight's clauses continue
    the lineages as they are when the page is recorded, as without a pool; also when the
    extraction comes back with the base's rows as read before the import (``with_base``: the
    worker's, whose lineages alone are read again)."""
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    assert prepared.state is not None and prepared.state.latest_id is not None
    latest_id = prepared.state.latest_id
    with db.reader() as session:
        latest = session.get_one(Version, latest_id)
        text = read_text_blob(session, latest.text_sha256)
        base = Base(
            latest_id, version_clause_records(session, latest_id), latest.text_sha256, text=text
        )
    page = fetched(document, html("terms", "We may keep your data for three years."))
    extraction = compare_with_base(extract_page(page, document, None), base, marked)
    if with_base:
        extraction = replace(extraction, base=base)
    before = lineages_of(db, latest_id)
    past = fetched(document, html("terms", "We kept your data for a week."))
    imported = record_sighting(
        context(db, settings, NIGHT),
        document,
        Sighting(page=past, observed_at=NIGHT - timedelta(days=30), source=Source.IMPORTED),
    )
    assert imported.outcome == "new-version"
    relinked = lineages_of(db, latest_id)
    assert relinked != before  # the latest version's clauses now continue the imported ones
    result = record_page(
        context(db, settings, tomorrow),
        prepared,
        page,
        run_id=None,
        extraction=extraction if compared_in_pool else None,
    )
    assert result is not None and result.outcome == "changed"
    with db.reader() as session:
        newest = session.scalars(select(Version).order_by(Version.id.desc())).first()
        assert newest is not None
    tonight = lineages_of(db, newest.id)
    continued = [lineage for lineage in tonight if lineage in set(relinked)]
    assert len(continued) >= len(tonight) - 2, (tonight, relinked)
    assert not set(tonight) & (set(before) - set(relinked)), "a lineage from before the import"
    reasons = recorded_reasons(db)
    assert ("diffed with the extraction" in reasons) == compared_in_pool


def worker_with_claim(
    db: Database,
    settings: Settings,
    document: DocumentSpec,
    when: datetime,
    on_result: Callable[[DocumentResult], None],
) -> tuple[Worker, Claim]:
    """A worker of a new run of ``document`` at ``when``, and the claim of its one item."""
    run_id = create_run(db, [document], trigger="test", now=when)
    (claim,) = claim_items(db, run_id, "w", limit=1, now=when, ttl=timedelta(minutes=5))
    worker = Worker(
        context(db, settings, when),
        fetcher=HttpFetcher(settings),
        run_id=run_id,
        name="w",
        lease=None,
        stop=threading.Event(),
        on_result=on_result,
    )
    return worker, claim


class _BrokenPool:
    """A pool that can no longer take work (a process killed, a start that failed)."""

    compares = True
    closed = False

    def submit(self, page: FetchedPage, spec: DocumentSpec, base: Base | None = None) -> None:
        raise BrokenProcessPool("a child process terminated abruptly")

    def close(self) -> None:
        self.closed = True


def test_a_page_whose_base_cannot_be_read_or_pool_is_broken_is_recorded_here(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    """The base's text blob is unreadable (a version stored without its facts, so they are
    worked out from it: the recorder meets it too and records this one document's error) and
    the pool is broken: the page is recorded in this process, the run goes on, and no later
    page is sent to that pool."""
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    with db.transaction() as session:
        session.execute(update(Version).values(text_facts=None))
        latest = session.scalars(select(Version)).one()
        session.execute(
            update(Blob).where(Blob.sha256 == latest.text_sha256).values(data=b"garbage")
        )
    results: list[DocumentResult] = []
    worker, claim = worker_with_claim(db, settings, document, tomorrow, results.append)
    pool = _BrokenPool()
    worker.pool, worker._pool_wanted = pool, True  # type: ignore[assignment]
    fetch: Future[FetchedPage] = Future()
    fetch.set_result(fetched(document, html("terms", "We may keep your data for three years.")))
    worker._fetched(_Item(claim, prepared), fetch)
    assert pool.closed and worker.pool is None and worker._pool_wanted is False
    assert len(results) == 1 and results[0].outcome == "failed", results


def test_the_pool_diffs_only_with_a_classifier_it_can_be_sent() -> None:
    classifier = RuleClassifier(load_rules(Path(RULES_FILE)))
    assert portable(classifier.classify_diff) is not None
    assert portable(marked) is marked
    assert portable(lambda diff: diff) is None

    class Unpicklable:
        def __reduce__(self) -> str:
            raise ValueError("ctypes pointers cannot be pickled")

        def __call__(self, diff: ClauseDiff) -> ClauseDiff:
            return diff

    assert portable(Unpicklable()) is None


def stored(db: Database) -> list[tuple[object, ...]]:
    """Everything recorded that depends neither on row ids, nor on the time, nor on the order
    in which documents finished."""
    with db.reader() as session:
        number = {v.id: (v.document_id, v.number) for v in session.scalars(select(Version))}
        versions = sorted(
            (number[v.id], v.text_sha256, v.clause_count, repr(v.text_facts))
            for v in session.scalars(select(Version))
        )
        rows = list(session.scalars(select(ClauseRow)))
        place = {c.id: (number[c.version_id], c.position) for c in rows}
        clauses = sorted(
            (
                number[c.version_id],
                c.position,
                c.key,
                c.sha256,
                c.text,
                tuple(c.path),
                c.label or "",
                c.kind,
                c.level,
                repr(c.topics),  # None (not classified) is not an empty list
                place[c.lineage_id] if c.lineage_id is not None else (),
            )
            for c in rows
        )
        # blobs (raw pages, texts) the same, however compressed and wherever
        blobs = sorted(
            (b.sha256, b.size, b.compression, sha256_hex(decode_blob(b)))
            for b in session.scalars(select(Blob))
        )
        facts = sorted(
            (number[f.version_id], f.fact_id, f.answer) for f in session.scalars(select(FactRow))
        )
        changes = sorted(
            (number[c.to_version_id], c.position, c.kind, c.severity, tuple(c.topics))
            for c in session.scalars(select(ChangeRow))
        )
        fetches = sorted(
            (f.document_id, f.started_at.date(), f.outcome, f.error_kind or "")
            for f in session.scalars(select(Fetch))
        )
    return [*versions, *clauses, *facts, *changes, *fetches, *blobs]


@pytest.mark.slow
def test_extraction_processes_record_what_the_recording_thread_records(
    httpserver: HTTPServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Two nights (all new, then a third changed and one emptied) of MIN_DOCUMENTS documents,
    once with two extraction processes and once without: the same history, topics, facts and
    guard verdicts (the guards' text facts come from the extraction process)."""
    documents = [spec(httpserver, f"doc{n}") for n in range(MIN_DOCUMENTS)]
    classifier = RuleClassifier(load_rules(Path(RULES_FILE)))
    results = []
    caplog.set_level(logging.INFO, logger="tracker.run.worker")
    caplog.set_level(logging.DEBUG, logger="tracker.track.record")
    for processes in ("2", "0"):
        caplog.clear()
        settings = load_settings(
            {"TRACKER_HOST_DELAY": "0", "TRACKER_EXTRACT_PROCESSES": processes},
            cwd=tmp_path / processes,
        )
        db = open_database(f"sqlite:///{tmp_path}/{processes}.db", create=True)
        try:
            for night, sentence in enumerate(
                ("We keep your data for thirty days.", "We may keep your data for three years.")
            ):
                httpserver.clear()
                for n, document in enumerate(documents):
                    changed = night == 1 and n % 3 == 0
                    body = html(document.type, sentence if changed else "We keep it thirty days.")
                    if night == 1 and n == 1:
                        body = (
                            b"<html><body><main><h1>Policy</h1><p>Moved.</p></main></body></html>"
                        )
                    httpserver.expect_request(f"/doc{n}").respond_with_data(
                        body, content_type="text/html"
                    )
                report = run_nightly(
                    db,
                    settings,
                    documents,
                    classifier,
                    options=NightlyOptions(digest=False),
                    clock=FixedClock(NIGHT + timedelta(days=night)),
                ).run
                assert [r.slug for r in report.failed] == (["example/doc1"] if night else [])
                pooled = "extracting in 2 processes" in caplog.text
                assert pooled == (processes == "2"), caplog.text[-500:]
                # the changed pages were diffed and classified in the pool too
                diffed_there = caplog.text.count("diffed with the extraction")
                changed = len(range(0, MIN_DOCUMENTS, 3))
                assert diffed_there == (changed if pooled and night else 0), caplog.text[-500:]
            results.append(stored(db))
            # the pool's topics are stored with what they were found under (the second
            # night's kept clauses took theirs from the first night's versions); the
            # recording thread's are not (they are found again next time)
            with db.reader() as session:
                fingerprints = set(session.scalars(select(Version.topics_fingerprint)))
            expected = topics_fingerprint(classifier.rules) if processes == "2" else None
            assert fingerprints == {expected}
        finally:
            db.dispose()
    assert results[0] == results[1]
    assert any(row[-2:] == ("suspect", "near-empty") for row in results[0]), results[0][-20:]


def tagged_processes(tag: str) -> list[int]:
    """The live processes whose environment carries ``tag`` (this test's children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if f"POLICY_TRACKER_TEST_TAG={tag}".encode() in environ and "State:\tZ" not in status:
            found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_no_extraction_process_outlives_a_killed_tracker(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex
    registry = tmp_path / "documents.toml"
    entries = []
    for n in range(MIN_DOCUMENTS * 2):
        httpserver.expect_request(f"/doc{n}").respond_with_data(
            html(f"doc{n}"), content_type="text/html"
        )
        entries.append(
            f'[[documents]]\nslug = "example/doc{n}"\nservice = "Example"\n'
            f'type = "Doc {n}"\nurl = "{httpserver.url_for(f"/doc{n}")}"\n'
        )
    registry.write_text("\n".join(entries))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")} | {
        "POLICY_TRACKER_TEST_TAG": tag,
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_RULES": RULES_FILE,
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_EXTRACT_PROCESSES": "2",
        "TRACKER_CONCURRENCY": "2",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "run", "--no-digest", "--log-level", "info"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "extracting in 2 processes" in line:
                break
        else:
            pytest.fail("the run never started its extraction processes")
        # the tracker, the fork server and its pool processes (started on the first page)
        wait_for(lambda: len(tagged_processes(tag)) >= 4)
    finally:
        process.kill()
        process.wait()
    wait_for(lambda: not tagged_processes(tag))
    left = tagged_processes(tag)
    assert left == [], subprocess.run(
        ["ps", "-o", "pid,ppid,stat,etime,args", "-p", ",".join(map(str, left))],
        capture_output=True,
        text=True,
    ).stdout


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.slow
def test_the_fork_server_is_told_its_parent_without_telling_other_children() -> None:
    """The fork server learns from its environment which process to die with; the variable
    is not left in the tracker's own environment (a later child, Chromium's watchdog or a
    tracker started by this one, would inherit a parent that is not its own)."""
    assert PARENT_VARIABLE not in os.environ
    pool = ExtractionPool(1, None)
    try:
        assert PARENT_VARIABLE not in os.environ
    finally:
        pool.close()


def test_more_pages_seen_again_than_one_recording_round_are_all_recorded(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """A night where more pages come back unchanged than one recording round takes (the worker
    records pages seen again once SEEN_AGAIN_ROUND wait, up to SEEN_AGAIN_BATCH a
    transaction): every page gets its fetch row, its version is verified that night, and
    no run item is left claimed."""
    from tracker.run.worker import SEEN_AGAIN_ROUND
    from tracker.store.schema import RunItem

    count = SEEN_AGAIN_ROUND + 9
    documents = served(httpserver, count)
    settings = eight_per_host(tmp_path)
    classifier = RuleClassifier(load_rules(Path(RULES_FILE)))
    db = open_database(f"sqlite:///{tmp_path}/seen.db", create=True)
    try:
        for night in range(2):
            report = run_nightly(
                db,
                settings,
                documents,
                classifier,
                options=NightlyOptions(digest=False),
                clock=FixedClock(NIGHT + timedelta(days=night)),
            ).run
            assert not report.failed
        with db.reader() as session:
            second = NIGHT + timedelta(days=1)
            outcomes = session.execute(
                select(Fetch.outcome).where(Fetch.started_at >= second)
            ).scalars()
            assert sorted(outcomes) == ["unchanged"] * count
            verified = session.scalars(select(Version.last_verified)).all()
            assert len(verified) == count
            assert all(v is not None and v.replace(tzinfo=UTC) >= second for v in verified)
            left = session.scalars(select(RunItem.status).where(RunItem.status != "done")).all()
            assert left == []
    finally:
        db.dispose()


def test_a_page_seen_again_is_decided_once_and_its_rules_fingerprinted_once(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a night of pages seen again, the verdict the worker reaches as each fetch comes
    back is the one the batch records (it decided every page twice, on the serial recording
    thread), and a document's rules are fingerprinted once, not for each question asked of
    each page (issue 14)."""
    from tracker.track import context as context_module
    from tracker.track import record as record_module

    count = 5
    documents = served(httpserver, count)
    settings = eight_per_host(tmp_path)
    db = open_database(f"sqlite:///{tmp_path}/seen.db", create=True)
    decided: list[object] = []
    hashed: list[str] = []
    real_decide, real_hash = record_module.decide, context_module.sha256_hex

    def decide_spy(facts: Any) -> Any:
        decided.append(facts)
        return real_decide(facts)

    def hash_spy(data: str | bytes) -> str:
        hashed.append(str(data))
        return real_hash(data)

    try:
        run_tracking(db, documents, settings=settings, clock=FixedClock(NIGHT))
        monkeypatch.setattr(record_module, "decide", decide_spy)
        monkeypatch.setattr(context_module, "sha256_hex", hash_spy)
        context_module.extraction_fingerprint.cache_clear()
        report = run_tracking(
            db, documents, settings=settings, clock=FixedClock(NIGHT + timedelta(days=1))
        )
    finally:
        db.dispose()
    assert sorted(r.outcome for r in report.results) == ["unchanged"] * count
    assert len(decided) == count
    assert len(hashed) == 1  # the documents share their rules (select main)


def test_the_oldest_page_seen_again_waits_no_longer_than_its_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While pages seen again wait to be recorded, the loop waits for a fetch at most until the
    oldest of them has waited SEEN_AGAIN_WAIT, counted from when it came back: a fetch that
    ends meanwhile without making them due does not start the count again (it did, and the
    oldest could wait twice the bound). The worker's clock is a fake that moves a tenth of a
    second each time it is read (so time passes between a page's return and each wait); a
    slow page keeps a fetch in flight while the others wait: it answers only once the other two
    have been answered (the server is threaded; a single-threaded one served the slow page first
    on a loaded machine, and all three came back together)."""
    from tracker.run import worker as worker_module

    class Clock:
        now = 0.0

        def monotonic(self) -> float:
            self.now += 0.1
            return self.now

    clock = Clock()
    workers: list[Worker] = []
    waits: list[tuple[float, float]] = []  # (timeout, the time left to the oldest's bound)
    real_wait, real_fetched = worker_module.wait, Worker._fetched

    def fetched_spy(self: Worker, item: _Item, future: Future[FetchedPage]) -> None:
        workers.append(self)
        real_fetched(self, item, future)

    def wait_spy(pending: Any, timeout: float, return_when: str) -> Any:
        worker = workers[-1] if workers else None
        if worker is not None and worker.seen:
            left = worker.seen_since + worker_module.SEEN_AGAIN_WAIT - clock.now
            waits.append((timeout, max(0.0, left)))
        return real_wait(pending, timeout=timeout, return_when=return_when)

    httpserver = HTTPServer(host="127.0.0.1", threaded=True)
    httpserver.start()
    documents = [spec(httpserver, name) for name in ("fast", "slow", "other")]
    answered = {"fast": threading.Event(), "other": threading.Event()}

    def quick(name: str) -> Callable[[Request], Response]:
        def answer(request: Request) -> Response:
            answered[name].set()
            return Response(html(name), content_type="text/html")

        return answer

    def slow(request: Request) -> Response:
        for event in answered.values():
            event.wait(timeout=10)
        time.sleep(0.3)  # the other two pages are back in the worker's hands meanwhile
        return Response(html("slow"), content_type="text/html")

    for name in answered:
        httpserver.expect_request(f"/{name}").respond_with_handler(quick(name))
    httpserver.expect_request("/slow").respond_with_handler(slow)
    settings = eight_per_host(tmp_path)
    db = open_database(f"sqlite:///{tmp_path}/seen.db", create=True)
    try:
        run_tracking(db, documents, settings=settings, clock=FixedClock(NIGHT))
        for event in answered.values():
            event.clear()
        monkeypatch.setattr(worker_module, "time", clock)
        monkeypatch.setattr(worker_module, "wait", wait_spy)
        monkeypatch.setattr(Worker, "_fetched", fetched_spy)
        report = run_tracking(
            db, documents, settings=settings, clock=FixedClock(NIGHT + timedelta(days=1))
        )
        assert sorted(r.outcome for r in report.results) == ["unchanged"] * 3
    finally:
        db.dispose()
        httpserver.clear()
        httpserver.stop()
    assert waits, "the loop never waited with pages seen again in hand"
    assert all(timeout <= left + 1e-9 for timeout, left in waits), waits


def stored_facts_of_latest(db: Database, document: DocumentSpec) -> tuple[object, TextFacts]:
    """The latest version's stored facts record, and the facts worked out from its text."""
    with db.reader() as session:
        version = session.scalars(
            select(Version)
            .where(Version.document_id == document_id(db, document))
            .order_by(Version.number.desc())
        ).first()
        assert version is not None
        return version.text_facts, text_facts(read_text_blob(session, version.text_sha256))


def store_facts(db: Database, record: dict[str, object]) -> None:
    with db.transaction() as session:
        session.execute(update(Version).values(text_facts=record))


def test_facts_records_read_back_only_in_their_own_shape() -> None:
    facts = text_facts(" ".join([FRENCH] * 4) + "\n" + " ".join([PROSE] * 3))
    record = facts_record(facts)
    assert facts_from_record(record) == facts
    assert list(facts_from_record(record).languages) == list(facts.languages)  # type: ignore[union-attr]
    for bad in (
        None,
        [],
        {**record, "version": FACTS_VERSION + 1},  # another definition: worked out again
        {**record, "words": "12"},
        {**record, "words": True},
        {**record, "languages": [["fr", "half"]]},
        {**record, "languages": {"fr": 1.0}},
    ):
        assert facts_from_record(bad) is None, bad


def test_the_facts_of_a_text_are_what_they_were_when_stored() -> None:
    """Stored facts are trusted while FACTS_VERSION stays: when this fails, the facts' code
    (tracker.guard.text, tracker.guard.language, the canonical text's visible part) changed what
    it returns; bump FACTS_VERSION (stored facts are then worked out again) and this value."""
    text = (
        "We keep your data for thirty days. You may ask us to delete it at any time.\n" * 12
        + " ".join(
            [
                "Nous conservons vos données pendant trente jours et vous pouvez demander leur "
                "suppression."
            ]
            * 12
        )
    )
    assert FACTS_VERSION == 1
    assert facts_record(text_facts(text)) == {
        "version": 1,
        "words": 360,
        "language": "en",
        "languages": [["fr", 0.5277777777777778], ["en", 0.4722222222222222]],
    }


@pytest.mark.parametrize("processes", ["0", "2"])
def test_a_version_keeps_the_facts_of_its_text(
    httpserver: HTTPServer, tmp_path: Path, processes: str
) -> None:
    """Recorded with the version, whether worked out in an extraction process or here: the
    facts its text has."""
    documents = served(httpserver, MIN_DOCUMENTS)
    settings = load_settings(
        {"TRACKER_HOST_DELAY": "0", "TRACKER_EXTRACT_PROCESSES": processes}, cwd=tmp_path
    )
    db = open_database(f"sqlite:///{tmp_path}/t.db", create=True)
    try:
        run_tracking(db, documents, settings=settings, clock=FixedClock(NIGHT))
        for document in (documents[0], documents[-1]):
            record, worked_out = stored_facts_of_latest(db, document)
            assert facts_from_record(record) == worked_out and worked_out.words > 50
    finally:
        db.dispose()


@pytest.mark.parametrize("definition", ["same", "other"])
def test_the_next_text_is_screened_against_the_stored_facts(
    httpserver: HTTPServer, db: Database, settings: Settings, definition: str
) -> None:
    """The facts stored with the latest version are what the next text is screened against
    (here made French: the English page becomes a switch of language); stored under another
    definition of the facts, they are worked out from the text again (an ordinary change)."""
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    record = facts_record(text_facts(" ".join([FRENCH] * 4)))
    if definition == "other":
        record["version"] = FACTS_VERSION + 1
    store_facts(db, record)
    page = fetched(document, html("terms", "We may keep your data for three years."))
    result = record_page(context(db, settings, tomorrow), prepared, page, run_id=None)
    assert result is not None
    if definition == "same":
        assert result.outcome == "suspect" and "language" in (result.error_kind or ""), result
    else:
        assert result.outcome == "changed", result


@pytest.mark.slow
def test_the_extraction_processes_screen_against_the_stored_facts(
    httpserver: HTTPServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A pool process gets the latest version's stored facts with its clauses (not its text,
    to work them out from): made French here, every changed English page is held (by the
    comparison made in the pool, or the recorder's own reading of them)."""
    caplog.set_level(logging.INFO, logger="tracker.run.worker")
    documents = [spec(httpserver, f"doc{n}") for n in range(MIN_DOCUMENTS)]
    settings = load_settings(
        {"TRACKER_HOST_DELAY": "0", "TRACKER_EXTRACT_PROCESSES": "2"}, cwd=tmp_path
    )
    classifier = RuleClassifier(load_rules(Path(RULES_FILE)))
    db = open_database(f"sqlite:///{tmp_path}/t.db", create=True)
    try:
        for night, sentence in enumerate(
            ("We keep your data for thirty days.", "We may keep your data for three years.")
        ):
            httpserver.clear()
            for n in range(MIN_DOCUMENTS):
                httpserver.expect_request(f"/doc{n}").respond_with_data(
                    html(f"doc{n}", sentence), content_type="text/html"
                )
            if night == 1:
                store_facts(db, facts_record(text_facts(" ".join([FRENCH] * 4))))
            report = run_nightly(
                db,
                settings,
                documents,
                classifier,
                options=NightlyOptions(digest=False),
                clock=FixedClock(NIGHT + timedelta(days=night)),
            ).run
        held = [r for r in report.results if r.outcome == "suspect"]
        assert len(held) == MIN_DOCUMENTS, report.results
        assert all("language" in (r.error_kind or "") for r in held)
        assert "extracting in 2 processes" in caplog.text
    finally:
        db.dispose()


@pytest.mark.parametrize("facts_stored", [True, False])
def test_the_base_sent_to_the_pool_carries_the_stored_facts_not_the_text(
    httpserver: HTTPServer, db: Database, settings: Settings, facts_stored: bool
) -> None:
    """The version a page goes to the pool with: its stored facts (its text is not read); a
    version stored without them goes with its text, to work them out from."""
    document, prepared, tomorrow = tracked_then_prepared_next_day(httpserver, db, settings)
    record, worked_out = stored_facts_of_latest(db, document)
    assert record is not None
    if not facts_stored:
        with db.transaction() as session:
            session.execute(update(Version).values(text_facts=None))
    worker, claim = worker_with_claim(db, settings, document, tomorrow, lambda result: None)
    worker.pool = _BrokenPool()  # type: ignore[assignment]
    base = worker._base_of(_Item(claim, prepared))
    assert base is not None and base.text_facts() == worked_out
    assert (base.facts, base.text is None) == (
        (worked_out, True) if facts_stored else (None, False)
    )


def new_document_prepared(
    db: Database, settings: Settings, document: DocumentSpec
) -> tuple[PreparedFetch, TrackContext]:
    """A document registered but never fetched, prepared for tonight's run."""
    ctx = context(db, settings, NIGHT)
    with db.transaction() as session:
        row = sync_document(session, document, NIGHT)
        session.flush()
        new_id = row.id
    (prepared,) = prepare_batch(ctx, [(new_id, document)])
    return prepared, ctx


def test_a_document_never_fetched_is_recorded_without_reading_a_history(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    """The state says it: no version, no fetch row. Its first version is what the full
    pipeline records (number 1, its clauses, a fetch row with both hashes)."""
    document = spec(httpserver, "privacy")
    prepared, ctx = new_document_prepared(db, settings, document)
    assert prepared.state is not None and not prepared.state.seen_before
    result = record_page(ctx, prepared, fetched(document, html("privacy")), run_id=None)
    assert result is not None and (result.outcome, result.version_number) == ("changed", 1)
    ((outcome, raw, text, version_id, _),) = fetch_rows(db)
    assert outcome == "changed" and raw == sha256_hex(html("privacy")) and version_id is not None
    with db.reader() as session:
        assert session.scalars(select(Version.number)).all() == [1]
        assert session.scalars(select(Version.text_sha256)).one() == text
    # once fetched, the next state knows it has a history
    (again,) = prepare_batch(ctx, [(prepared.document_id, document)])
    assert again.state is not None and again.state.seen_before


def test_a_failed_or_held_fetch_is_history_the_next_state_knows(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    document = spec(httpserver, "privacy")
    httpserver.expect_request("/privacy").respond_with_data("gone", status=500)
    run_tracking(db, [document], settings=settings, clock=FixedClock(NIGHT))
    (prepared,) = prepare_batch(
        context(db, settings, NIGHT + timedelta(days=1)), [(document_id(db, document), document)]
    )
    assert prepared.state is not None and prepared.state.latest is None
    assert prepared.state.seen_before


def test_a_history_written_after_the_state_was_read_is_read_after_all(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    """The state said "never fetched", then another process recorded a version: the recorder
    checks, reads the real history, and the page becomes version 2 with its changes."""
    document = spec(httpserver, "privacy")
    prepared, ctx = new_document_prepared(db, settings, document)
    httpserver.expect_request("/privacy").respond_with_data(
        html("privacy", "We keep your data for three years."), content_type="text/html"
    )
    run_tracking(db, [document], settings=settings, clock=FixedClock(NIGHT - timedelta(hours=1)))
    result = record_page(ctx, prepared, fetched(document, html("privacy")), run_id=None)
    assert result is not None and (result.outcome, result.version_number) == ("changed", 2)
    assert result.changes >= 1
    with db.reader() as session:
        assert sorted(session.scalars(select(Version.number))) == [1, 2]

"""The nightly pipeline: fetch each document, keep the snapshot, record a version only on change.

For one document::

    fetch (no transaction held)  ->  one transaction:
        store raw blob -> same raw as last time? verified
        -> extract + segment -> same text hash? verified
        -> guards (tracker.screening): wall, error page, near-empty, shrunk, language, flapping?
           suspect: fetch row kept with raw + text hash, no version
        -> new version + clauses -> annotate (clause topics, key facts)
        -> diff against previous -> classify (topics, severity) -> changes

A failed or suspect fetch is recorded as a fetch row and never creates a version. One
document's failure never stops the others; the run's exit code says whether any failed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.clock import Clock
from tracker.diff import diff_clauses
from tracker.errors import (
    EmptyDocumentError,
    ExitCode,
    FetchError,
    InputError,
    NoTextLayerError,
    SelectorMissError,
    UnsupportedFormatError,
)
from tracker.extract import EXTRACTOR_VERSION, extract_bytes
from tracker.fetch import FetchedPage, fetch_page
from tracker.guard import Suspicion
from tracker.logs import phase_fields
from tracker.model import ClauseDiff, ExtractedDocument, ExtractionRules, sha256_hex
from tracker.registry import DocumentSpec
from tracker.screening import (
    guard_policy,
    screen_latest_text,
    screen_new_text,
    screen_unextracted,
)
from tracker.settings import Settings
from tracker.store.blobs import put_blob, read_blob
from tracker.store.database import Database
from tracker.store.records import (
    NewVersion,
    assign_lineage,
    clause_from_row,
    last_successful_fetch,
    latest_version,
    record_changes,
    record_version,
    sync_document,
    version_clause_rows,
)
from tracker.store.schema import (
    OUTCOME_CHANGED,
    OUTCOME_FAILED,
    OUTCOME_NOT_MODIFIED,
    OUTCOME_SUSPECT,
    OUTCOME_UNCHANGED,
    Document,
    Fetch,
    Version,
)

log = logging.getLogger(__name__)

ChangeClassifier = Callable[[ClauseDiff], ClauseDiff]
#: Called in the transaction that records a version (technical ones too), before its diff.
VersionAnnotator = Callable[[Session, NewVersion], None]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What happened to one document in one run."""

    slug: str
    outcome: str
    version_number: int | None = None
    changes: int = 0
    error_kind: str | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.outcome not in (OUTCOME_CHANGED, OUTCOME_UNCHANGED, OUTCOME_NOT_MODIFIED)


@dataclass(frozen=True, slots=True)
class RunReport:
    run_id: int
    started_at: datetime
    finished_at: datetime
    results: tuple[DocumentResult, ...]
    interrupted: bool = False  # stopped (SIGTERM, SIGINT) before every document was done

    @property
    def failed(self) -> tuple[DocumentResult, ...]:
        return tuple(r for r in self.results if r.failed)

    @property
    def changed(self) -> tuple[DocumentResult, ...]:
        return tuple(r for r in self.results if r.outcome == OUTCOME_CHANGED)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.FAILED if self.failed or self.interrupted else ExitCode.OK


@dataclass(frozen=True)
class PipelineContext:
    """Everything one run needs, passed explicitly."""

    db: Database
    settings: Settings
    clock: Clock
    client: httpx.Client
    classify: ChangeClassifier = field(default=lambda diff: diff)
    annotate: VersionAnnotator | None = None


def extraction_fingerprint(rules: ExtractionRules) -> str:
    """Extractor version plus a hash of the rules: when it changes, texts are re-derived."""
    rules_hash = sha256_hex(json.dumps([list(rules.select), list(rules.remove)]))[:10]
    return f"{EXTRACTOR_VERSION}/{rules_hash}"


def run_tracking(
    db: Database,
    documents: Sequence[DocumentSpec],
    *,
    settings: Settings,
    clock: Clock,
    classify: ChangeClassifier | None = None,
    client: httpx.Client | None = None,
    trigger: str = "cli",
    on_result: Callable[[DocumentResult], None] | None = None,
    annotate: VersionAnnotator | None = None,
) -> RunReport:
    """Track ``documents`` once under the run lock, fetching concurrently, and record the run.

    The run loop (lock, work list, concurrent fetching, workers) is :mod:`tracker.runner`;
    this module is what happens to one document.
    """
    from tracker.runner import RunOptions, start_run  # the runner is built on this module

    options = RunOptions(
        trigger=trigger, classify=classify, annotate=annotate, client=client, on_result=on_result
    )
    return start_run(db, documents, settings=settings, clock=clock, options=options)


#: Called first inside the transaction that records a document. It returns False when the
#: document is no longer this worker's to record (its claim was taken over): nothing is
#: recorded then. The runner uses it to mark the document done in that same transaction.
RecordGuard = Callable[[Session], bool]


@dataclass(frozen=True, slots=True)
class PreparedFetch:
    """A document about to be fetched: its row, and the validators of its last good fetch."""

    spec: DocumentSpec
    document_id: int
    started_at: datetime
    etag: str | None
    last_modified: str | None


def prepare_fetch(context: PipelineContext, spec: DocumentSpec) -> PreparedFetch:
    """Sync the document's row with the registry and read what a conditional GET needs."""
    started_at = context.clock()
    with context.db.transaction() as session:
        document = sync_document(session, spec, started_at)
        previous = last_successful_fetch(session, document.id)
        return PreparedFetch(
            spec=spec,
            document_id=document.id,
            started_at=started_at,
            etag=previous.etag if previous else None,
            last_modified=previous.last_modified if previous else None,
        )


def fetch_prepared(context: PipelineContext, prepared: PreparedFetch) -> FetchedPage:
    """One conditional GET of a prepared document (no retries; see fetch_with_retries).

    A 304 answer need not repeat the validators; the ones we sent stay valid and are kept, so
    that the next run's GET is conditional too.
    """
    slug = prepared.spec.slug
    log.debug(
        "%s: fetching %s",
        slug,
        prepared.spec.url,
        extra=phase_fields("fetch", "start", document=slug),
    )
    try:
        page = fetch_page(
            context.client,
            prepared.spec.url,
            max_bytes=context.settings.max_body_bytes,
            etag=prepared.etag,
            last_modified=prepared.last_modified,
            deadline=context.settings.fetch_deadline,
        )
    except FetchError as error:
        log.debug(
            "%s: fetch failed: %s", slug, error, extra=phase_fields("fetch", "end", document=slug)
        )
        raise
    log.debug(
        "%s: fetched, HTTP %d, %d bytes",
        slug,
        page.status,
        len(page.body),
        extra=phase_fields("fetch", "end", document=slug),
    )
    if page.not_modified:
        page = replace(
            page,
            etag=page.etag or prepared.etag,
            last_modified=page.last_modified or prepared.last_modified,
        )
    return page


def record_page(
    context: PipelineContext,
    prepared: PreparedFetch,
    page: FetchedPage,
    *,
    run_id: int | None,
    guard: RecordGuard | None = None,
) -> DocumentResult | None:
    """Record a fetched page in one transaction (see :func:`process_page`)."""
    with context.db.transaction() as session:
        if guard is not None and not guard(session):
            return None
        document = session.get_one(Document, prepared.document_id)
        result = process_page(
            session, document, prepared.spec, page, context, prepared.started_at, run_id
        )
    log.debug(
        "%s: committed (%s)",
        result.slug,
        result.outcome,
        extra=phase_fields("store", "end", document=result.slug),
    )
    return result


def record_fetch_error(
    context: PipelineContext,
    prepared: PreparedFetch,
    error: FetchError,
    *,
    run_id: int | None,
    guard: RecordGuard | None = None,
) -> DocumentResult | None:
    return _record_failure(
        context,
        prepared.document_id,
        prepared.spec,
        prepared.started_at,
        run_id,
        kind=error.kind,
        message=str(error),
        status=error.status,
        guard=guard,
    )


def record_internal_error(
    context: PipelineContext,
    spec: DocumentSpec,
    started_at: datetime,
    exc: Exception,
    *,
    run_id: int | None,
    guard: RecordGuard | None = None,
) -> DocumentResult | None:
    """A bug must not stop the other documents: it is logged and stored as a failed fetch."""
    log.error("internal error while tracking %s", spec.slug, exc_info=exc)
    return _record_failure(
        context,
        None,
        spec,
        started_at,
        run_id,
        kind="internal",
        message=f"{type(exc).__name__}: {exc}",
        guard=guard,
    )


def process_page(
    session: Session,
    document: Document,
    spec: DocumentSpec,
    page: FetchedPage,
    context: PipelineContext,
    now: datetime,
    run_id: int | None,
) -> DocumentResult:
    """Record one fetched page inside the caller's transaction."""
    fetch = _fetch_row(document.id, spec, page, now, run_id)
    session.add(fetch)
    latest = latest_version(session, document.id)
    fingerprint = extraction_fingerprint(spec.rules)
    if page.not_modified:
        if latest is None:
            return _fail_fetch(fetch, spec, "protocol", "304 Not Modified with no stored version")
        return _verified_unless_flapping(
            session, fetch, latest, now, spec, OUTCOME_NOT_MODIFIED, context
        )
    fetch.raw_sha256 = put_blob(session, page.body, now)
    last = last_successful_fetch(session, document.id)
    same_raw = last is not None and last.raw_sha256 == fetch.raw_sha256
    if latest is not None and same_raw and latest.extractor_version == fingerprint:
        log.debug("%s: raw snapshot unchanged, extraction skipped", spec.slug)
        return _verified_unless_flapping(
            session, fetch, latest, now, spec, OUTCOME_UNCHANGED, context
        )
    policy = guard_policy(context.settings)
    log.debug(
        "%s: extracting", spec.slug, extra=phase_fields("extract", "start", document=spec.slug)
    )
    try:
        extracted = extract_bytes(
            page.body,
            content_type=page.content_type,
            name=page.final_url,
            rules=spec.rules,
            base_url=page_address(spec.url, page.final_url),
        )
    except InputError as exc:
        log.debug(
            "%s: no text: %s",
            spec.slug,
            exc,
            extra=phase_fields("extract", "end", document=spec.slug),
        )
        wall = screen_unextracted(page, policy)
        if wall is not None:
            return _suspect(fetch, spec, wall)
        return _fail_fetch(fetch, spec, input_error_kind(exc), str(exc))
    log.debug(
        "%s: extracted %d clauses",
        spec.slug,
        len(extracted.clauses),
        extra=phase_fields("extract", "end", document=spec.slug),
    )
    fetch.text_sha256 = extracted.text_sha256
    if latest is not None and latest.extractor_version != fingerprint:
        latest = rederive_version(session, document, spec, latest, context, now)
    if latest is not None and latest.text_sha256 == extracted.text_sha256:
        return _verified_unless_flapping(
            session, fetch, latest, now, spec, OUTCOME_UNCHANGED, context
        )
    suspicion = screen_new_text(session, fetch, latest, extracted, page, policy)
    if suspicion is not None:
        return _suspect(fetch, spec, suspicion)
    log.debug(
        "%s: storing a new version",
        spec.slug,
        extra=phase_fields("store", "start", document=spec.slug),
    )
    new, diff = store_new_version(
        session,
        document,
        latest,
        extracted,
        fetch.raw_sha256,
        fingerprint,
        context,
        now,
        technical=False,
    )
    fetch.outcome = OUTCOME_CHANGED
    fetch.version_id = new.version.id
    log.info(
        "%s: new version %d (%d changes)",
        spec.slug,
        new.version.number,
        len(diff.changes) if diff else 0,
    )
    return DocumentResult(
        slug=spec.slug,
        outcome=OUTCOME_CHANGED,
        version_number=new.version.number,
        changes=len(diff.changes) if diff else 0,
    )


def store_new_version(
    session: Session,
    document: Document,
    previous: Version | None,
    extracted: ExtractedDocument,
    raw_sha256: str | None,
    fingerprint: str,
    context: PipelineContext,
    now: datetime,
    *,
    technical: bool,
) -> tuple[NewVersion, ClauseDiff | None]:
    """Record ``extracted`` as the next version, with its lineage and its diff to ``previous``."""
    new = record_version(
        session,
        document,
        extracted,
        raw_sha256=raw_sha256,
        extractor_version=fingerprint,
        now=now,
        technical=technical,
    )
    if context.annotate is not None:
        context.annotate(session, new)
    if previous is None:
        assign_lineage((), new.clause_rows, None)
        return new, None
    old_rows = version_clause_rows(session, previous.id)
    diff = context.classify(diff_clauses([clause_from_row(r) for r in old_rows], extracted.clauses))
    assign_lineage(old_rows, new.clause_rows, diff)
    record_changes(session, document, (previous, old_rows), new, diff, now)
    return new, diff


def rederive_version(
    session: Session,
    document: Document,
    spec: DocumentSpec,
    latest: Version,
    context: PipelineContext,
    now: datetime,
) -> Version:
    """Re-extract the latest version's raw snapshot after the extractor or the rules changed.

    If the text comes out different, the re-derivation is stored as a *technical* version, so
    the comparison with tonight's page is like for like and the extractor's change is never
    reported as a change of the document.
    """
    fingerprint = extraction_fingerprint(spec.rules)
    if latest.raw_sha256 is None:
        return latest
    creating = session.scalars(
        select(Fetch).where(Fetch.version_id == latest.id).order_by(Fetch.id).limit(1)
    ).first()
    try:
        extracted = extract_stored_page(session, spec, latest.raw_sha256, creating)
    except InputError:
        return latest
    if extracted.text_sha256 == latest.text_sha256:
        latest.extractor_version = fingerprint
        return latest
    new, _ = store_new_version(
        session,
        document,
        latest,
        extracted,
        latest.raw_sha256,
        fingerprint,
        context,
        now,
        technical=True,
    )
    log.info(
        "%s: re-derived version %d as technical version %d",
        spec.slug,
        latest.number,
        new.version.number,
    )
    return new.version


def extract_stored_page(
    session: Session, spec: DocumentSpec, raw_sha256: str, fetch: Fetch | None
) -> ExtractedDocument:
    """Extract a stored raw page again, as it was fetched (``fetch``: its content type and
    final URL), with the document's current rules. Raises InputError like extraction does."""
    final_url = (fetch.final_url or fetch.url) if fetch is not None else spec.url
    return extract_bytes(
        read_blob(session, raw_sha256),
        content_type=fetch.content_type if fetch is not None else None,
        name=final_url,
        rules=spec.rules,
        base_url=page_address(spec.url, final_url),
    )


def page_address(registered_url: str, final_url: str) -> str:
    """The address to resolve links and fragments against: the final URL after redirects,
    keeping the registered URL's ``#fragment`` (never sent to the server), which tells the
    extractor which part of a many-document page is the one registered."""
    fragment = urlsplit(registered_url).fragment
    if not fragment or urlsplit(final_url).fragment:
        return final_url
    return f"{final_url}#{fragment}"


def input_error_kind(exc: InputError) -> str:
    if isinstance(exc, SelectorMissError):
        return "selector-miss"
    if isinstance(exc, EmptyDocumentError):
        return "empty"
    if isinstance(exc, NoTextLayerError):
        return "no-text-layer"
    if isinstance(exc, UnsupportedFormatError):
        return "unsupported-format"
    return "extract"


def _fetch_row(
    document_id: int, spec: DocumentSpec, page: FetchedPage, now: datetime, run_id: int | None
) -> Fetch:
    return Fetch(
        document_id=document_id,
        run_id=run_id,
        started_at=now,
        duration_ms=page.duration_ms,
        outcome=OUTCOME_FAILED,
        url=spec.url,
        http_status=page.status,
        final_url=page.final_url,
        content_type=page.content_type,
        etag=page.etag,
        last_modified=page.last_modified,
    )


def _verified(
    fetch: Fetch, version: Version, now: datetime, spec: DocumentSpec, outcome: str
) -> DocumentResult:
    version.last_verified = max(version.last_verified, now)
    fetch.outcome = outcome
    fetch.version_id = version.id
    fetch.text_sha256 = version.text_sha256
    log.info("%s: %s, version %d verified", spec.slug, outcome, version.number)
    return DocumentResult(slug=spec.slug, outcome=outcome, version_number=version.number)


def _verified_unless_flapping(
    session: Session,
    fetch: Fetch,
    latest: Version,
    now: datetime,
    spec: DocumentSpec,
    outcome: str,
    context: PipelineContext,
) -> DocumentResult:
    """The latest version is seen again: verified, unless the page is in a flapping episode."""
    held = screen_latest_text(session, fetch, latest, guard_policy(context.settings))
    if held is not None:
        fetch.text_sha256 = latest.text_sha256
        return _suspect(fetch, spec, held)
    return _verified(fetch, latest, now, spec, outcome)


def _suspect(fetch: Fetch, spec: DocumentSpec, suspicion: Suspicion) -> DocumentResult:
    """Keep the fetch (raw blob, text hash) as suspect: no version is recorded."""
    fetch.outcome = OUTCOME_SUSPECT
    fetch.error_kind = suspicion.kind
    fetch.error_message = suspicion.message
    log.warning("%s: suspect (%s): %s", spec.slug, suspicion.kind, suspicion.message)
    return DocumentResult(
        slug=spec.slug, outcome=OUTCOME_SUSPECT, error_kind=suspicion.kind, error=suspicion.message
    )


def _fail_fetch(fetch: Fetch, spec: DocumentSpec, kind: str, message: str) -> DocumentResult:
    fetch.outcome = OUTCOME_FAILED
    fetch.error_kind = kind
    fetch.error_message = message
    log.warning("%s: failed (%s): %s", spec.slug, kind, message)
    return DocumentResult(slug=spec.slug, outcome=OUTCOME_FAILED, error_kind=kind, error=message)


def _record_failure(
    context: PipelineContext,
    document_id: int | None,
    spec: DocumentSpec,
    started_at: datetime,
    run_id: int | None,
    *,
    kind: str,
    message: str,
    status: int | None = None,
    guard: RecordGuard | None = None,
) -> DocumentResult | None:
    with context.db.transaction() as session:
        if guard is not None and not guard(session):
            return None
        if document_id is None:
            document_id = sync_document(session, spec, started_at).id
        elapsed = context.clock() - started_at
        session.add(
            Fetch(
                document_id=document_id,
                run_id=run_id,
                started_at=started_at,
                duration_ms=max(0, int(elapsed.total_seconds() * 1000)),
                outcome=OUTCOME_FAILED,
                url=spec.url,
                http_status=status,
                error_kind=kind,
                error_message=message,
            )
        )
    log.warning("%s: failed (%s): %s", spec.slug, kind, message)
    return DocumentResult(slug=spec.slug, outcome=OUTCOME_FAILED, error_kind=kind, error=message)

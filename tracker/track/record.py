"""Recording a fetched page: one transaction per document, carrying out :func:`decide`.

::

    fetch row -> raw blob -> decide(facts) -+-> Extract        extract_bytes (pure)
                                            +-> Rederive       the latest version, re-extracted
                                            +-> ScreenNewText  guards fed from the database
                                            +-> CheckFlapping  is the latest text held?
                                            +-> verdict: verified / suspect / failed / changed
    changed: new version + clauses -> annotate (clause topics, key facts)
             -> diff against the previous version -> classify (topics, severity) -> changes

A failed or suspect fetch is recorded as a fetch row and never creates a version. One
document's failure never stops the others; the run's exit code says whether any failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker.classify import FactAnswer, topics_fingerprint
from tracker.errors import FetchError, InputError
from tracker.fetch import FetchedPage
from tracker.guard import Suspicion
from tracker.guard.text import TextFacts, facts_record, text_facts
from tracker.logs import phase_fields
from tracker.model import ClauseDiff, ExtractedDocument, ExtractionRules, sha256_hex
from tracker.registry import DocumentSpec
from tracker.store.blobs import PACKED_ZSTD_LEVEL, put_blob, read_blob
from tracker.store.records import (
    ClauseRecord,
    NewVersion,
    clause_from_row,
    continued_lineages,
    current_clause_records,
    has_history,
    last_successful_raw_sha256,
    latest_version,
    record_changes,
    record_version,
    sync_document,
    verify_if_latest,
    verify_latest_versions,
    verifying_raw_sha256,
    version_clause_records,
)
from tracker.store.schema import Document, Fetch, Version, core_table
from tracker.track.context import (
    DocumentResult,
    RecordGuard,
    TrackContext,
    extraction_fingerprint,
    page_address,
)
from tracker.track.decide import (
    Changed,
    CheckFlapping,
    Decision,
    Extract,
    ExtractionFailed,
    Failed,
    LatestVersion,
    PageFacts,
    Rederive,
    Screened,
    ScreenNewText,
    Suspect,
    Verdict,
    Verified,
    decide,
)
from tracker.track.extraction import Comparison, Extraction, extract_page
from tracker.track.prepare import PreparedFetch
from tracker.track.screening import (
    guard_policy,
    screen_latest_text,
    screen_new_text,
    screen_unextracted,
)
from tracker.vocabulary import FetchErrorKind, Outcome, Source

log = logging.getLogger(__name__)


def record_page(
    context: TrackContext,
    prepared: PreparedFetch,
    page: FetchedPage,
    *,
    run_id: int | None,
    guard: RecordGuard | None = None,
    extraction: Extraction | None = None,
) -> DocumentResult | None:
    """Record a fetched page in one transaction: a page seen again from the prepared state
    (:func:`record_seen_again`), anything else through :func:`process_page` (with the page's
    ``extraction`` when it was extracted already: in a worker process, or by the browser's
    screenshot check, kept in ``prepared.kept``)."""
    kept = prepared.kept.take(page)
    extraction = extraction or kept
    with context.db.transaction() as session:
        if guard is not None and not guard(session):
            return None
        result = record_seen_again(session, prepared, page, context, run_id)
        if result is None:
            document = session.get_one(Document, prepared.document_id)
            result = process_page(
                session,
                document,
                prepared.spec,
                page,
                context,
                prepared.started_at,
                run_id,
                extraction=extraction,
                first_sight=prepared.state is not None and not prepared.state.seen_before,
            )
    log.debug(
        "%s: committed (%s)",
        result.slug,
        result.outcome,
        extra=phase_fields("store", "end", document=result.slug),
    )
    return result


def record_fetch_error(
    context: TrackContext,
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
        fetcher=error.fetcher,
        escalation=error.escalation,
    )


def record_internal_error(
    context: TrackContext,
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
        kind=FetchErrorKind.INTERNAL,
        message=f"{type(exc).__name__}: {exc}",
        guard=guard,
    )


def seen_again(prepared: PreparedFetch, page: FetchedPage) -> Verified | None:
    """The verdict when the prepared state alone shows that tonight's page is the latest
    version again (a 304, or the same raw bytes under the same rules, no flapping episode);
    None when the page needs the full pipeline."""
    state = prepared.state
    if state is None or state.latest is None or state.latest_id is None or state.flapping:
        return None
    verdict = decide(facts_from_state(prepared, page))
    return verdict if isinstance(verdict, Verified) else None


def record_seen_again(
    session: Session,
    prepared: PreparedFetch,
    page: FetchedPage,
    context: TrackContext,
    run_id: int | None,
) -> DocumentResult | None:
    """The fast path: when the prepared state shows tonight's page is the latest version
    again (:func:`seen_again`), verify that version and add the fetch row with two
    statements. None when the page needs the full pipeline (or the state went stale: nothing
    is written then)."""
    verdict = seen_again(prepared, page)
    state = prepared.state
    if verdict is None or state is None or state.latest is None or state.latest_id is None:
        return None
    if not verify_if_latest(session, prepared.document_id, state.latest_id, prepared.started_at):
        return None
    session.execute(
        insert(core_table(Fetch)).values(_seen_again_row(prepared, page, verdict, run_id))
    )
    return _seen_again_result(prepared, page, verdict)


@dataclass(frozen=True, slots=True)
class SeenAgainPage:
    """A page :func:`seen_again` verifies, waiting to be recorded with others."""

    prepared: PreparedFetch
    page: FetchedPage
    key: int  # the caller's name for it (a run item's id), given to the guard
    #: :func:`seen_again`'s verdict on this very page and state, when the caller has it
    #: already (the worker asks it as the fetch comes back): not worked out a second time
    verdict: Verified | None = None


#: Given the keys of a batch, the keys whose documents may be recorded (a run's claims that
#: are still this worker's, marked done in the same transaction).
BatchGuard = Callable[[Session, Sequence[int]], Collection[int]]


class _StaleState(Exception):
    """A prepared state no longer matches the history: the batch is rolled back."""


def record_seen_again_batch(
    context: TrackContext,
    pages: Sequence[SeenAgainPage],
    *,
    run_id: int | None,
    guard: BatchGuard | None = None,
) -> list[DocumentResult | None] | None:
    """Record pages seen again (each verified by :func:`seen_again`) in one transaction:
    one statement for the guard, one per claim batch to verify the versions, one insert of
    every fetch row. Each result is None where the guard refused that page (nothing written
    for it). The whole batch is None when a state went stale (a version recorded meanwhile
    by something else): nothing is written then, and each page goes through
    :func:`record_page` alone. Each document's outcome stands on its own: a crash before
    the commit leaves every one of them unrecorded, their run items still claimed."""
    verdicts = [
        p.verdict if p.verdict is not None else seen_again(p.prepared, p.page) for p in pages
    ]
    try:
        with context.db.transaction() as session:
            keys = [p.key for p in pages]
            kept = set(guard(session, keys)) if guard is not None else set(keys)
            rows = []
            to_verify: dict[datetime, list[int]] = {}
            for page, verdict in zip(pages, verdicts, strict=True):
                if page.key not in kept:
                    continue
                state = page.prepared.state
                if verdict is None or state is None or state.latest_id is None:
                    raise _StaleState  # not a page seen again after all: caller's error
                to_verify.setdefault(page.prepared.started_at, []).append(state.latest_id)
                rows.append(_seen_again_row(page.prepared, page.page, verdict, run_id))
            for now, version_ids in to_verify.items():
                if len(verify_latest_versions(session, version_ids, now)) != len(version_ids):
                    raise _StaleState
            if rows:
                session.execute(insert(core_table(Fetch)), rows)
    except _StaleState:
        return None
    results: list[DocumentResult | None] = []
    for page, verdict in zip(pages, verdicts, strict=True):
        if page.key not in kept or verdict is None:
            results.append(None)
            continue
        result = _seen_again_result(page.prepared, page.page, verdict)
        log.debug(
            "%s: committed (%s)",
            result.slug,
            result.outcome,
            extra=phase_fields("store", "end", document=result.slug),
        )
        results.append(result)
    return results


def _seen_again_row(
    prepared: PreparedFetch, page: FetchedPage, verdict: Verified, run_id: int | None
) -> dict[str, Any]:
    """The fetch row of a page seen again: it verifies the latest version (whose text hash it
    saw: none of its own), and carries the raw hash of the bytes it stands for (a 304's are
    the last good fetch's) unless they are the version's (none then: see Fetch.raw_sha256)."""
    state = prepared.state
    assert state is not None and state.latest is not None
    raw_sha256 = None if page.not_modified else (page.sha256 or sha256_hex(page.body))
    raw_sha256 = verifying_raw_sha256(raw_sha256 or state.last_raw_sha256, state.latest_raw_sha256)
    return {
        # a prepared document's row is in sync with its spec: its URL is the spec's
        **_fetch_values(
            prepared.document_id,
            prepared.spec,
            page,
            prepared.started_at,
            run_id,
            prepared.spec.url,
        ),
        "outcome": verdict.outcome,
        "raw_sha256": raw_sha256,
        "text_sha256": None,  # the version's, which it verifies (see Fetch.text_sha256)
        "version_id": state.latest_id,
    }


def _seen_again_result(
    prepared: PreparedFetch, page: FetchedPage, verdict: Verified
) -> DocumentResult:
    state = prepared.state
    assert state is not None and state.latest is not None
    slug, number = prepared.spec.slug, state.latest.number
    if not page.not_modified:
        log.debug("%s: raw snapshot unchanged, extraction skipped", slug)
    log.info("%s: %s, version %d verified", slug, verdict.outcome, number)
    return DocumentResult(slug=slug, outcome=verdict.outcome, version_number=number)


def facts_from_state(prepared: PreparedFetch, page: FetchedPage) -> PageFacts:
    """The decision's facts as the prepared state tells them (no flapping hold assumed)."""
    state = prepared.state
    assert state is not None
    return PageFacts(
        not_modified=page.not_modified,
        fingerprint=extraction_fingerprint(prepared.spec.rules),
        latest=state.latest,
        raw_sha256=None if page.not_modified else (page.sha256 or sha256_hex(page.body)),
        last_raw_sha256=state.last_raw_sha256,
        flapping=Screened(),
    )


def needs_extraction(prepared: PreparedFetch, page: FetchedPage) -> bool:
    """Whether recording ``page`` will extract it (known from the prepared state alone: then
    the extraction can happen elsewhere first); False when there is no state to tell."""
    if prepared.state is None:
        return False
    return isinstance(decide(facts_from_state(prepared, page)), Extract)


class _PageRecorder:
    """Carries out :func:`decide`'s requests for one page inside the caller's transaction."""

    def __init__(
        self,
        session: Session,
        document: Document,
        spec: DocumentSpec,
        page: FetchedPage,
        context: TrackContext,
        now: datetime,
        fetch: Fetch,
        extraction: Extraction | None = None,
        *,
        first_sight: bool = False,
    ) -> None:
        self.session, self.document, self.spec, self.page = session, document, spec, page
        self.context, self.now, self.fetch = context, now, fetch
        self.preextracted = extraction
        self.topics: Sequence[tuple[str, ...]] | None = None
        self.text_facts: TextFacts | None = None
        self.answers: tuple[FactAnswer, ...] | None = None
        #: No version and no fetch before this one (checked): nothing to read back.
        self.first_sight = first_sight
        self.latest = None if first_sight else latest_version(session, document.id)
        self.fingerprint = extraction_fingerprint(spec.rules)
        self.policy = guard_policy(context.settings)
        self.extracted: ExtractedDocument | None = None

    def verdict(self) -> Verdict:
        facts = self._initial_facts()
        while True:
            decision: Decision = decide(facts)
            match decision:
                case Extract():
                    facts = replace(facts, extraction=self._extract())
                case Rederive():
                    facts = replace(facts, latest=self._rederive(), rederived=True)
                case ScreenNewText():
                    facts = replace(facts, new_text=Screened(self._screen_new_text(facts)))
                case CheckFlapping():
                    if facts.extraction is None and not facts.not_modified:
                        log.debug("%s: raw snapshot unchanged, extraction skipped", self.spec.slug)
                    facts = replace(facts, flapping=Screened(self._flapping_hold()))
                case _:
                    return decision

    def _initial_facts(self) -> PageFacts:
        facts = PageFacts(
            not_modified=self.page.not_modified,
            fingerprint=self.fingerprint,
            latest=_latest_facts(self.latest),
        )
        last_raw = (
            None if self.first_sight else last_successful_raw_sha256(self.session, self.document.id)
        )
        if self.page.not_modified:
            self.fetch.raw_sha256 = last_raw  # the bytes are the last good fetch's
            return facts
        digest = self.page.sha256 or sha256_hex(self.page.body)
        if digest != last_raw:  # the same bytes as last time are stored already
            frame = self.preextracted.frame(digest) if self.preextracted else None
            put_blob(self.session, self.page.body, self.now, digest=digest, frame=frame)
        self.fetch.raw_sha256 = digest
        return replace(facts, raw_sha256=digest, last_raw_sha256=last_raw)

    def _extract(self) -> ExtractedDocument | ExtractionFailed:
        slug = self.spec.slug
        log.debug("%s: extracting", slug, extra=phase_fields("extract", "start", document=slug))
        result = self.preextracted or extract_page(
            self.page, self._spec_to_extract(), None, facts=False
        )
        extracted = result.document
        if extracted is None:
            assert result.error is not None
            log.debug(
                "%s: no text: %s",
                slug,
                result.error,
                extra=phase_fields("extract", "end", document=slug),
            )
            return ExtractionFailed(result.error, screen_unextracted(self.page, self.policy))
        self.topics = result.topics
        self.text_facts = result.facts
        self.answers = result.answers
        log.debug(
            "%s: extracted %d clauses",
            slug,
            len(extracted.clauses),
            extra=phase_fields("extract", "end", document=slug),
        )
        self.fetch.text_sha256 = extracted.text_sha256
        self.extracted = extracted
        return extracted

    def _spec_to_extract(self) -> DocumentSpec:
        rules = self._rules()
        return self.spec if rules is self.spec.rules else replace(self.spec, rules=rules)

    def _rules(self) -> ExtractionRules:
        """The extraction rules for this page: the document's."""
        return self.spec.rules

    def _rederive(self) -> LatestVersion | None:
        assert self.latest is not None  # decide() asks only when there is one
        self.latest = rederive_version(
            self.session, self.document, self.spec, self.latest, self.context, self.now
        )
        return _latest_facts(self.latest)

    def _screen_new_text(self, facts: PageFacts) -> Suspicion | None:
        assert isinstance(facts.extraction, ExtractedDocument)
        if self.text_facts is None:  # the guards need them; the version keeps them
            self.text_facts = text_facts(facts.extraction.canonical_text)
        comparison = self._comparison()
        return screen_new_text(
            self.session,
            self.fetch,
            self.latest,
            facts.extraction,
            self.page,
            self.policy,
            self.text_facts,
            comparison.base_facts if comparison else None,
            history=[] if self.first_sight else None,
        )

    def _comparison(self) -> Comparison | None:
        """The diff and facts made with the extraction, if made against the latest version."""
        comparison = self.preextracted.comparison if self.preextracted else None
        if comparison is None or self.latest is None:
            return None
        return comparison if comparison.base_version_id == self.latest.id else None

    def _base_rows(self) -> Sequence[ClauseRecord] | None:
        """The clause rows of the version the comparison was made against, as read before the
        page was sent off (with the extraction), when the comparison is used."""
        comparison = self._comparison()
        base = self.preextracted.base if self.preextracted else None
        if comparison is None or base is None or base.version_id != comparison.base_version_id:
            return None
        return base.rows

    def _flapping_hold(self) -> Suspicion | None:
        assert self.latest is not None  # only a seen-again latest version is checked
        held = screen_latest_text(self.session, self.fetch, self.latest, self.policy)
        if held is not None:
            self.fetch.text_sha256 = self.latest.text_sha256
        return held

    def apply(self, verdict: Verdict) -> DocumentResult:
        """Write the verdict on the fetch row (and record the new version if changed)."""
        match verdict:
            case Verified(outcome):
                assert self.latest is not None
                return _verified(self.fetch, self.latest, self.now, self.spec, outcome)
            case Suspect(suspicion):
                return _suspect(self.fetch, self.spec, suspicion)
            case Failed(kind, message):
                return _fail_fetch(self.fetch, self.spec, kind, message)
            case Changed():
                return self._record_new_version()
        raise AssertionError(f"unknown verdict {verdict!r}")

    def _record_new_version(self) -> DocumentResult:
        slug = self.spec.slug
        assert self.extracted is not None  # decide() says "changed" only after extraction
        log.debug(
            "%s: storing a new version", slug, extra=phase_fields("store", "start", document=slug)
        )
        new, diff = store_new_version(
            self.session,
            self.document,
            self.latest,
            self.extracted,
            self.fetch.raw_sha256,
            self.fingerprint,
            self.context,
            self.now,
            technical=False,
            clause_topics=self.topics,
            fact_answers=self.answers,
            text_frame=self.preextracted.frame(self.extracted.text_sha256)
            if self.preextracted
            else None,
            comparison=self._comparison(),
            text_facts=self.text_facts,
            base_rows=self._base_rows(),
        )
        if self.page.screenshot is not None:
            new.version.screenshot_sha256 = put_blob(
                self.session, self.page.screenshot, self.now, level=PACKED_ZSTD_LEVEL
            )
        changes = len(diff.changes) if diff else 0
        self.fetch.outcome = Outcome.CHANGED
        self.fetch.version_id = new.version.id
        date_only = " (only its date changed)" if new.version.date_only else ""
        log.info("%s: new version %d (%d changes)%s", slug, new.version.number, changes, date_only)
        return DocumentResult(
            slug=slug, outcome=Outcome.CHANGED, version_number=new.version.number, changes=changes
        )


def process_page(
    session: Session,
    document: Document,
    spec: DocumentSpec,
    page: FetchedPage,
    context: TrackContext,
    now: datetime,
    run_id: int | None,
    *,
    extraction: Extraction | None = None,
    first_sight: bool = False,
) -> DocumentResult:
    """Record one fetched page inside the caller's transaction: decide, then record
    (``first_sight``: the state read ahead says the document was never fetched; checked here
    with one query, then its history is not read: it has none)."""
    fetch = new_fetch_row(document, spec, page, now, run_id)
    recorder = _PageRecorder(
        session,
        document,
        spec,
        page,
        context,
        now,
        fetch,
        extraction,
        first_sight=first_sight and not has_history(session, document.id),
    )
    result = recorder.apply(recorder.verdict())
    # added once complete, so it is written with one INSERT (the decision's reads of the
    # document's fetches leave this one out anyway)
    session.add(fetch)
    return result


def _latest_facts(version: Version | None) -> LatestVersion | None:
    if version is None:
        return None
    return LatestVersion(
        number=version.number,
        text_sha256=version.text_sha256,
        fingerprint=version.extractor_version,
    )


def store_new_version(
    session: Session,
    document: Document,
    previous: Version | None,
    extracted: ExtractedDocument,
    raw_sha256: str | None,
    fingerprint: str,
    context: TrackContext,
    now: datetime,
    *,
    technical: bool,
    number: int | None = None,
    source: Source = Source.OBSERVED,
    clause_topics: Sequence[tuple[str, ...]] | None = None,
    fact_answers: tuple[FactAnswer, ...] | None = None,
    text_frame: bytes | None = None,
    comparison: Comparison | None = None,
    text_facts: TextFacts | None = None,
    base_rows: Sequence[ClauseRecord] | None = None,
) -> tuple[NewVersion, ClauseDiff | None]:
    """Record ``extracted`` as the version after ``previous``, the document's latest (None: it
    has none), numbered ``number``, by default the one after ``previous``'s, with its lineage
    and its diff to ``previous`` (``clause_topics`` and ``fact_answers``: the clauses' topics
    and the key-fact answers when computed already, with the extraction; ``text_frame``: the
    canonical text's blob, compressed already; ``comparison``: ``extracted``'s classified diff,
    made with the extraction against the version expected to be ``previous``, used if it is;
    ``text_facts``: the guards' facts about its text, stored with it when given; ``base_rows``:
    ``previous``'s clause rows as read when the comparison was made, whose lineages alone are
    read again). The diff comes first, so each clause row is written once, with its topics and
    its lineage (from ``previous``'s rows as they are now: an import may have relinked them
    since the comparison was made)."""
    from tracker.diff import diff_clauses, only_dates_changed  # not for a night with none new

    old_rows: list[ClauseRecord] = []
    diff = None
    if previous is not None:
        if comparison is not None and comparison.base_version_id == previous.id:
            current = None
            if base_rows is not None:
                current = current_clause_records(session, previous.id, base_rows)
            old_rows = (
                current if current is not None else version_clause_records(session, previous.id)
            )
            diff = comparison.diff
            log.debug("%s: diffed with the extraction", document.slug)
        else:
            old_rows = version_clause_records(session, previous.id)
            old = [clause_from_row(row) for row in old_rows]
            diff = context.classify(diff_clauses(old, extracted.clauses))
    new = record_version(
        session,
        document,
        extracted,
        raw_sha256=raw_sha256,
        extractor_version=fingerprint,
        now=now,
        technical=technical,
        number=number if number is not None else (previous.number + 1 if previous else 1),
        source=source,
        topics=clause_topics,
        lineages=continued_lineages(old_rows, [c.id for c in extracted.clauses], diff),
        text_frame=text_frame,
        text_facts=facts_record(text_facts) if text_facts is not None else None,
        known=old_rows,
        # the topics came with the extraction, found under the pipeline's rule set
        topics_fingerprint=topics_fingerprint(context.rules) if context.rules else None,
    )
    if clause_topics is not None:
        new = replace(new, clause_topics=clause_topics, fact_answers=fact_answers)
    if context.annotate is not None:
        context.annotate(session, new)
    if previous is None or diff is None:
        return new, None
    new.version.date_only = only_dates_changed(diff)
    record_changes(session, document, (previous, old_rows), new, diff, now)
    return new, diff


def rederive_version(
    session: Session,
    document: Document,
    spec: DocumentSpec,
    latest: Version,
    context: TrackContext,
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
    new.version.screenshot_sha256 = latest.screenshot_sha256  # the same raw page
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
    from tracker.extract import extract_bytes  # the parsers load on first use

    final_url = (fetch.final_url or fetch.url) if fetch is not None else spec.url
    return extract_bytes(
        read_blob(session, raw_sha256),
        content_type=fetch.content_type if fetch is not None else None,
        name=final_url,
        rules=spec.rules,
        base_url=page_address(spec.url, final_url),
    )


def new_fetch_row(
    document: Document, spec: DocumentSpec, page: FetchedPage, now: datetime, run_id: int | None
) -> Fetch:
    values = _fetch_values(document.id, spec, page, now, run_id, document.url)
    return Fetch(**values, outcome=Outcome.FAILED)


def _fetch_values(
    document_id: int,
    spec: DocumentSpec,
    page: FetchedPage,
    now: datetime,
    run_id: int | None,
    document_url: str,
) -> dict[str, Any]:
    """The HTTP facts of a fetch row (its outcome and hashes are added by the caller);
    ``document_url``: the document row's URL (the row's URL is NULL when it is that one)."""
    return {
        "document_id": document_id,
        "run_id": run_id,
        "started_at": now,
        "duration_ms": page.duration_ms,
        "url": None if spec.url == document_url else spec.url,  # NULL: the document's
        "http_status": page.status,
        "final_url": page.final_url if page.final_url != spec.url else None,  # NULL: the URL
        "content_type": page.content_type,
        "etag": page.etag,
        "last_modified": page.last_modified,
        "fetcher": page.fetcher,
        "escalation": page.escalation,
    }


def _verified(
    fetch: Fetch, version: Version, now: datetime, spec: DocumentSpec, outcome: Outcome
) -> DocumentResult:
    version.last_verified = max(version.last_verified, now)
    fetch.outcome = outcome
    fetch.version_id = version.id
    fetch.text_sha256 = None  # the version's, which it verifies (see Fetch.text_sha256)
    # none when its bytes are the version's (see Fetch.raw_sha256)
    fetch.raw_sha256 = verifying_raw_sha256(fetch.raw_sha256, version.raw_sha256)
    log.info("%s: %s, version %d verified", spec.slug, outcome, version.number)
    return DocumentResult(slug=spec.slug, outcome=outcome, version_number=version.number)


def _suspect(fetch: Fetch, spec: DocumentSpec, suspicion: Suspicion) -> DocumentResult:
    """Keep the fetch (raw blob, text hash) as suspect: no version is recorded."""
    fetch.outcome = Outcome.SUSPECT
    fetch.error_kind = suspicion.kind
    fetch.error_message = suspicion.message
    log.warning("%s: suspect (%s): %s", spec.slug, suspicion.kind, suspicion.message)
    return DocumentResult(
        slug=spec.slug, outcome=Outcome.SUSPECT, error_kind=suspicion.kind, error=suspicion.message
    )


def _fail_fetch(
    fetch: Fetch, spec: DocumentSpec, kind: FetchErrorKind, message: str
) -> DocumentResult:
    fetch.outcome = Outcome.FAILED
    fetch.error_kind = kind
    fetch.error_message = message
    log.warning("%s: failed (%s): %s", spec.slug, kind, message)
    return DocumentResult(slug=spec.slug, outcome=Outcome.FAILED, error_kind=kind, error=message)


def _record_failure(
    context: TrackContext,
    document_id: int | None,
    spec: DocumentSpec,
    started_at: datetime,
    run_id: int | None,
    *,
    kind: FetchErrorKind,
    message: str,
    status: int | None = None,
    guard: RecordGuard | None = None,
    fetcher: str | None = None,
    escalation: str | None = None,
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
                outcome=Outcome.FAILED,
                url=spec.url,
                http_status=status,
                error_kind=kind,
                error_message=message,
                fetcher=fetcher,
                escalation=escalation,
            )
        )
    log.warning("%s: failed (%s): %s", spec.slug, kind, message)
    return DocumentResult(slug=spec.slug, outcome=Outcome.FAILED, error_kind=kind, error=message)

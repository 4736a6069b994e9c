"""Placing a page seen in the past in a document's history: the pipeline of a live fetch,
run at the time the page was seen.

A :class:`Sighting` is a page from before (an archive's capture, an imported file or commit)
with the time it was seen and where it came from. :func:`record_sighting` records it in one
transaction, like :func:`tracker.track.record.record_page` does a live fetch, through the same
:func:`~tracker.track.decide.decide`, extraction, guards and :func:`store_new_version`, with
the *version in force at that time* in the place of the latest version::

    already recorded (same source, time and bytes) ............ known: nothing done
    same bytes or same text as the version in force then ...... that version verified then
    the text of the version after it .......................... that version was in force
                                                                earlier: its first_seen moves back
    a version seen before *and after* that time differs ....... held (contradicted)
    the guards object (see screening.screen_past_text) ........ held
    otherwise ................................................. a new version between the two:
        numbered after the one in force (the later ones move up by one), diffed against it,
        and the version after it diffed again against the new one (its stored changes are
        replaced, its clauses' lineages re-linked through the new version)

An archive's record of its own re-extraction (Open Terms Archive's "technical or declaration
upgrade" commits) is a ``technical`` sighting: a technical version, never reported, unless its
bytes are those of the version in force.

Nothing here is reported by digests or feeds: only versions whose source is ``observed`` are.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracker.diff import diff_clauses
from tracker.errors import InputError, UnsupportedFormatError
from tracker.extract import detect_format
from tracker.fetch import FetchedPage
from tracker.guard import CONTRADICTED, Suspicion
from tracker.model import ExtractedDocument, ExtractionRules, sha256_hex
from tracker.registry import DocumentSpec
from tracker.store.records import (
    NewVersion,
    clause_from_row,
    continued_lineages,
    fetch_raw_sha256,
    record_changes,
    sync_document,
    version_clause_rows,
)
from tracker.store.schema import ChangeRow, Document, Fetch, Version
from tracker.store.timeline import make_room, relink_lineages, version_after, version_in_force
from tracker.track.context import DocumentResult, TrackContext
from tracker.track.decide import (
    Changed,
    ExtractionFailed,
    Failed,
    LatestVersion,
    PageFacts,
    Verdict,
    Verified,
    input_error_kind,
)
from tracker.track.record import (
    _PageRecorder,
    extract_stored_page,
    new_fetch_row,
    store_new_version,
)
from tracker.track.screening import screen_past_text
from tracker.vocabulary import ImportOutcome, Outcome, Source

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sighting:
    """A page seen in the past, to be placed in a document's history.

    ``observed_at`` is when it was seen (an archive's capture time, a commit's date, the date
    in a file's name); ``provenance`` says where it came from (stored on its fetch row, shown
    with every version it proves). ``technical``: the archive re-extracted its own record.
    """

    page: FetchedPage
    observed_at: datetime
    source: Source
    provenance: Mapping[str, Any] = field(default_factory=dict)
    technical: bool = False


@dataclass(frozen=True, slots=True)
class SightingResult:
    """What became of one sighting."""

    outcome: ImportOutcome
    version_number: int | None = None
    changes: int = 0
    #: why it was held or failed (the suspicion's or the error's kind, and the explanation)
    kind: str | None = None
    message: str | None = None


def record_sighting(
    context: TrackContext, spec: DocumentSpec, sighting: Sighting
) -> SightingResult:
    """Place ``sighting`` in the history of ``spec``'s document, in one transaction."""
    with context.db.transaction() as session:
        document = sync_document(session, spec, context.clock())
        return place_sighting(session, document, spec, sighting, context)


def place_sighting(
    session: Session,
    document: Document,
    spec: DocumentSpec,
    sighting: Sighting,
    context: TrackContext,
) -> SightingResult:
    """Place ``sighting`` inside the caller's transaction (see the module docstring)."""
    if already_recorded(session, document.id, sighting):
        return SightingResult(ImportOutcome.KNOWN)
    fetch = new_fetch_row(document, spec, sighting.page, sighting.observed_at, None)
    fetch.source = sighting.source
    fetch.provenance = dict(sighting.provenance) or None
    if sighting.source == Source.IMPORTED:  # files and repositories: no HTTP answer to state
        fetch.http_status = None
    session.add(fetch)
    recorder = _SightingRecorder(session, document, spec, sighting, context, fetch)
    result = recorder.apply(recorder.verdict())
    return recorder.result_of(result)


def format_moment(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def already_recorded(session: Session, document_id: int, sighting: Sighting) -> bool:
    """Whether the same page was recorded from the same source at the same time before."""
    raw_sha256 = sha256_hex(sighting.page.body)
    found = session.scalars(
        select(Fetch.id)
        .where(
            Fetch.document_id == document_id,
            Fetch.source == sighting.source,
            Fetch.started_at == sighting.observed_at,
            fetch_raw_sha256() == raw_sha256,
        )
        .limit(1)
    ).first()
    return found is not None


class _SightingRecorder(_PageRecorder):
    """The live recorder, with the version in force at the sighting's time as its "latest"."""

    def __init__(
        self,
        session: Session,
        document: Document,
        spec: DocumentSpec,
        sighting: Sighting,
        context: TrackContext,
        fetch: Fetch,
    ) -> None:
        super().__init__(
            session, document, spec, sighting.page, context, sighting.observed_at, fetch
        )
        self.sighting = sighting
        self.latest = version_in_force(session, document.id, sighting.observed_at)
        self.successor = version_after(session, document.id, self.latest)
        self.seen_earlier = False
        self.placement = ImportOutcome.NEW_VERSION

    # -- deciding ---------------------------------------------------------------------------

    def verdict(self) -> Verdict:
        if self.sighting.technical:
            return self._technical_verdict()
        return super().verdict()

    def _technical_verdict(self) -> Verdict:
        """The archive re-extracted its record: a technical version, unless the bytes are
        those of the version in force (then nothing changed at all)."""
        facts = self._initial_facts()
        if self.latest is not None and facts.raw_sha256 == self.latest.raw_sha256:
            return Verified(Outcome.UNCHANGED)
        extraction = self._extract()
        if isinstance(extraction, ExtractionFailed):
            return Failed(input_error_kind(extraction.error), str(extraction.error))
        return Changed()

    def _initial_facts(self) -> PageFacts:
        facts = super()._initial_facts()
        # "the same bytes as last time" means: as the version in force at that time
        return replace(
            facts, last_raw_sha256=self.latest.raw_sha256 if self.latest is not None else None
        )

    def _rules(self) -> ExtractionRules:
        """The document's CSS rules are for its HTML page: a Markdown, text or PDF page from
        the past (an archive's extracted version, already the document's text) is read
        without them, as ``tracker extract`` reads such a file."""
        page = self.page
        try:
            found = detect_format(page.body, content_type=page.content_type, name=page.final_url)
        except UnsupportedFormatError:
            return self.spec.rules  # extraction will say what is wrong with it
        return self.spec.rules if found == "html" else ExtractionRules()

    def _rederive(self) -> LatestVersion | None:
        """The version in force was extracted under other rules: compare with its raw page
        re-extracted now, in memory (history in the middle is never rewritten)."""
        assert self.latest is not None
        text_sha256 = self.latest.text_sha256
        if self.latest.raw_sha256 is not None:
            creating = self.session.scalars(
                select(Fetch).where(Fetch.version_id == self.latest.id).order_by(Fetch.id).limit(1)
            ).first()
            with contextlib.suppress(InputError):  # no text now: compare with the stored one
                text_sha256 = extract_stored_page(
                    self.session, self.spec, self.latest.raw_sha256, creating
                ).text_sha256
        return LatestVersion(
            number=self.latest.number, text_sha256=text_sha256, fingerprint=self.fingerprint
        )

    def _screen_new_text(self, facts: PageFacts) -> Suspicion | None:
        extracted = facts.extraction
        assert isinstance(extracted, ExtractedDocument)
        before = self.latest
        if before is not None and before.last_verified > self.now:
            return Suspicion(
                CONTRADICTED,
                f"differs from v{before.number}, which was seen before and after it "
                f"(first {format_moment(before.first_seen)}, "
                f"last {format_moment(before.last_verified)})",
            )
        if self.successor is not None and self.successor.text_sha256 == extracted.text_sha256:
            self.seen_earlier = True  # the next version's own text: nothing new to screen
            return None
        return screen_past_text(
            self.session,
            self.fetch,
            before,
            extracted,
            self.page,
            self.policy,
            self.sighting.source,
        )

    def _flapping_hold(self) -> Suspicion | None:
        return None  # flapping episodes are a matter of live fetches, night after night

    # -- recording --------------------------------------------------------------------------

    def _record_new_version(self) -> DocumentResult:
        if self.seen_earlier:
            return self._successor_seen_earlier()
        assert self.extracted is not None
        number = self.latest.number + 1 if self.latest is not None else 1
        successor = self.successor
        if successor is not None:
            make_room(self.session, self.document.id, number)
        new, diff = store_new_version(
            self.session,
            self.document,
            self.latest,
            self.extracted,
            self.fetch.raw_sha256,
            self.fingerprint,
            self.context,
            self.now,
            technical=self.sighting.technical,
            number=number,
            source=self.sighting.source,
        )
        if successor is not None:
            relink_successor(self.session, self.document, new, successor, self.context)
        self.fetch.outcome = Outcome.CHANGED
        self.fetch.version_id = new.version.id
        self.placement = (
            ImportOutcome.TECHNICAL if self.sighting.technical else ImportOutcome.NEW_VERSION
        )
        changes = len(diff.changes) if diff else 0
        log.info(
            "%s: version %d placed at %s (%s, %d changes)",
            self.spec.slug,
            number,
            format_moment(self.now),
            self.sighting.source,
            changes,
        )
        return DocumentResult(
            slug=self.spec.slug, outcome=Outcome.CHANGED, version_number=number, changes=changes
        )

    def _successor_seen_earlier(self) -> DocumentResult:
        successor = self.successor
        assert successor is not None
        successor.first_seen = self.now
        self.fetch.outcome = Outcome.CHANGED
        self.fetch.version_id = successor.id
        self.placement = ImportOutcome.EARLIER
        log.info(
            "%s: version %d seen earlier, at %s (%s)",
            self.spec.slug,
            successor.number,
            format_moment(self.now),
            self.sighting.source,
        )
        return DocumentResult(
            slug=self.spec.slug, outcome=Outcome.CHANGED, version_number=successor.number
        )

    def result_of(self, result: DocumentResult) -> SightingResult:
        if result.outcome == Outcome.CHANGED:
            return SightingResult(self.placement, result.version_number, result.changes)
        if result.outcome == Outcome.SUSPECT:
            return SightingResult(ImportOutcome.HELD, kind=result.error_kind, message=result.error)
        if result.outcome == Outcome.FAILED:
            return SightingResult(
                ImportOutcome.FAILED, kind=result.error_kind, message=result.error
            )
        return SightingResult(ImportOutcome.SAME_TEXT, result.version_number)


def relink_successor(
    session: Session,
    document: Document,
    new: NewVersion,
    successor: Version,
    context: TrackContext,
) -> None:
    """``new`` was placed just before ``successor``: diff ``successor`` against it again (its
    stored changes came from the version before ``new``) and re-link its lineages."""
    replaced = list(
        session.scalars(select(ChangeRow.created_at).where(ChangeRow.to_version_id == successor.id))
    )
    recorded_at = min(replaced, default=successor.first_seen)
    session.execute(
        delete(ChangeRow)
        .where(ChangeRow.to_version_id == successor.id)
        .execution_options(synchronize_session=False)
    )
    rows = version_clause_rows(session, successor.id)
    diff = context.classify(
        diff_clauses(
            [clause_from_row(r) for r in new.clause_rows], [clause_from_row(r) for r in rows]
        )
    )
    continued = continued_lineages(new.clause_rows, [row.key for row in rows], diff)
    renamed: dict[int, int] = {}
    for position, row in enumerate(rows):
        wanted = continued.get(position) or row.id
        if row.lineage_id is not None and row.lineage_id != wanted:
            renamed[row.lineage_id] = wanted
    relink_lineages(session, document.id, successor.number, renamed)
    record_changes(
        session,
        document,
        new,
        NewVersion(version=successor, clause_rows=version_clause_rows(session, successor.id)),
        diff,
        recorded_at,
    )

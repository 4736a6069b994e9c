"""``tracker accept``: an operator records a suspect fetch's text as a version.

The guards hold back texts they do not trust (see :mod:`tracker.track.screening`); when a person has
looked and the page really is the document now (a policy that was cut short on purpose, a site
that moved to another language), the latest suspect fetch is accepted: its stored raw page is
extracted again under the document's current rules and recorded as the next version, diffed
against the previous one like any other (classified and annotated by the same hooks as
``tracker run``).

The decision is recorded as such: a run row with ``trigger = "accept"`` holding one fetch row
(outcome ``changed``) that carries the suspect fetch's URL, HTTP facts, raw and text hashes, and
points at the new version. The suspect fetch itself is left as it was: history is not edited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.clock import Clock
from tracker.errors import InputError, NotFoundError, UsageError
from tracker.registry import DocumentSpec
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.store.records import latest_version, sync_document
from tracker.store.schema import Fetch, Run
from tracker.track.context import (
    ChangeClassifier,
    TrackContext,
    VersionAnnotator,
    extraction_fingerprint,
)
from tracker.track.record import extract_stored_page, rederive_version, store_new_version
from tracker.vocabulary import Outcome, RunStatus, Source

log = logging.getLogger(__name__)

ACCEPT_TRIGGER = "accept"


@dataclass(frozen=True, slots=True)
class Accepted:
    """What ``tracker accept`` recorded."""

    slug: str
    suspect_fetch_id: int
    suspect_kind: str | None
    suspect_seen_at: datetime
    version_number: int
    #: False when the suspect text was the latest version's own (a flapping page settled).
    new_version: bool
    changes: int
    run_id: int


def accept_suspect(
    db: Database,
    spec: DocumentSpec,
    *,
    settings: Settings,
    clock: Clock,
    classify: ChangeClassifier | None = None,
    annotate: VersionAnnotator | None = None,
) -> Accepted:
    """Record the latest suspect fetch of ``spec`` as its next version (see module docstring).

    Raises :class:`UsageError` when there is nothing to accept (the latest fetch that saw the
    page is not suspect) and :class:`InputError` when the stored page has no text to record.
    """
    now = clock()
    with db.transaction() as session:
        context = TrackContext(
            db=db,
            settings=settings,
            clock=clock,
            classify=classify or (lambda diff: diff),
            annotate=annotate,
        )
        document = sync_document(session, spec, now)
        suspect = latest_suspect(session, document.id, spec.slug)
        assert suspect.raw_sha256 is not None  # checked by latest_suspect
        try:
            extracted = extract_stored_page(session, spec, suspect.raw_sha256, suspect)
        except InputError as exc:
            raise InputError(
                f"{spec.slug}: the suspect page has no text to record: {exc}"
            ) from None
        latest = latest_version(session, document.id)
        fingerprint = extraction_fingerprint(spec.rules)
        if latest is not None and latest.extractor_version != fingerprint:
            latest = rederive_version(session, document, spec, latest, context, now)
        same_text = latest is not None and latest.text_sha256 == extracted.text_sha256
        run = Run(
            started_at=now,
            finished_at=now,
            status=RunStatus.OK,
            trigger=ACCEPT_TRIGGER,
            documents_total=1,
            documents_changed=0 if same_text else 1,
        )
        session.add(run)
        session.flush()
        fetch = _accepting_fetch(suspect, run.id, now, extracted.text_sha256)
        session.add(fetch)
        if same_text and latest is not None:
            # A page held as flapping on the latest version's own text: accepting it settles
            # the page on that text (the version is verified as of the suspect fetch).
            fetch.outcome = Outcome.UNCHANGED
            fetch.version_id = latest.id
            fetch.text_sha256 = None  # the version's, which it verifies (see Fetch.text_sha256)
            latest.last_verified = max(latest.last_verified, suspect.started_at)
            log.info(
                "%s: suspect fetch %d accepted as version %d", spec.slug, suspect.id, latest.number
            )
            return _accepted(spec, suspect, run, latest.number, changes=0, new_version=False)
        new, diff = store_new_version(
            session,
            document,
            latest,
            extracted,
            suspect.raw_sha256,
            fingerprint,
            context,
            now,
            technical=False,
        )
        fetch.version_id = new.version.id
        log.info(
            "%s: suspect fetch %d (%s) accepted as version %d",
            spec.slug,
            suspect.id,
            suspect.error_kind,
            new.version.number,
        )
        changes = len(diff.changes) if diff else 0
        return _accepted(spec, suspect, run, new.version.number, changes=changes, new_version=True)


def _accepted(
    spec: DocumentSpec, suspect: Fetch, run: Run, number: int, *, changes: int, new_version: bool
) -> Accepted:
    return Accepted(
        slug=spec.slug,
        suspect_fetch_id=suspect.id,
        suspect_kind=suspect.error_kind,
        suspect_seen_at=suspect.started_at,
        version_number=number,
        new_version=new_version,
        changes=changes,
        run_id=run.id,
    )


def latest_suspect(session: Session, document_id: int, slug: str) -> Fetch:
    """The newest fetch that saw the page, which must be suspect and have its raw page."""
    fetch = session.scalars(
        select(Fetch)
        .where(
            Fetch.document_id == document_id,
            Fetch.outcome != Outcome.FAILED,
            Fetch.source == Source.OBSERVED,  # a page from the past is not today's page
        )
        .order_by(Fetch.started_at.desc(), Fetch.id.desc())
        .limit(1)
    ).first()
    if fetch is None:
        raise NotFoundError(f"{slug}: never fetched successfully: nothing to accept")
    if fetch.outcome != Outcome.SUSPECT:
        raise UsageError(f"{slug}: nothing to accept: the latest fetch is {fetch.outcome!r}")
    if fetch.raw_sha256 is None:
        raise UsageError(f"{slug}: the suspect fetch {fetch.id} kept no page to accept")
    return fetch


def _accepting_fetch(suspect: Fetch, run_id: int, now: datetime, text_sha256: str) -> Fetch:
    return Fetch(
        document_id=suspect.document_id,
        run_id=run_id,
        started_at=now,
        duration_ms=0,
        outcome=Outcome.CHANGED,
        url=suspect.url,
        http_status=suspect.http_status,
        final_url=suspect.final_url,
        content_type=suspect.content_type,
        etag=suspect.etag,
        last_modified=suspect.last_modified,
        raw_sha256=suspect.raw_sha256,
        text_sha256=text_sha256,
    )

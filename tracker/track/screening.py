"""Screening a fetched page before it becomes a version: the guards fed from the database.

The pure guards (:mod:`tracker.guard`) decide; this module reads what they need inside the
pipeline's transaction: the last version's text facts, the document's recent fetches (for
confirmation by repetition and flapping) and its recent versions.

A suspect fetch is stored by the pipeline with ``outcome = "suspect"``, the suspicion's kind in
``error_kind`` and its explanation in ``error_message``, the raw page and the text hash, and no
version. Those rows are the history read back here:

- the same text held for a confirmable suspicion on the ``confirmations`` fetches before this
  one: it is recorded now (the third sighting in a row, with the default 2);
- a flapping episode goes on until one text is seen ``confirmations + 1`` times in a row.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import Session

from tracker.fetch import FetchedPage
from tracker.guard import CONFIRMABLE_KINDS, FLAPPING, GuardPolicy, PageInput, Suspicion
from tracker.guard import check_page as check_page_facts
from tracker.guard.history import (
    FLAP_VERSIONS,
    Observation,
    VersionText,
    confirmed,
    flapping_hold_on_latest,
    flapping_to_earlier,
    returning_version,
)
from tracker.guard.text import TextFacts, facts_from_record, text_facts
from tracker.model import ExtractedDocument
from tracker.settings import Settings
from tracker.store.blobs import read_text_blob
from tracker.store.records import fetch_saw_text, fetch_text_sha256
from tracker.store.schema import Fetch, Version
from tracker.vocabulary import Outcome, Source

log = logging.getLogger(__name__)


def guard_policy(settings: Settings) -> GuardPolicy:
    return GuardPolicy(
        shrink_threshold=settings.shrink_threshold, confirmations=settings.suspect_confirmations
    )


def page_input(page: FetchedPage) -> PageInput:
    return PageInput(
        body=page.body,
        status=page.status,
        content_type=page.content_type,
        url=page.url,
        final_url=page.final_url,
    )


def screen_unextracted(page: FetchedPage, policy: GuardPolicy) -> Suspicion | None:
    """A wall or error page that explains why no text could be extracted, if there is one."""
    return check_page_facts(page_input(page), None, None, policy)


def screen_new_text(
    session: Session,
    fetch: Fetch,
    latest: Version | None,
    extracted: ExtractedDocument,
    page: FetchedPage,
    policy: GuardPolicy,
    facts: TextFacts | None = None,
    latest_facts: TextFacts | None = None,
    *,
    history: list[Observation] | None = None,
) -> Suspicion | None:
    """Why ``extracted`` (a text other than the latest version's) must not be recorded, if so.

    ``None`` means: record it, either because nothing is suspect or because the same text was
    held on enough fetches in a row to be confirmed. ``facts``: those of ``extracted``'s text,
    when computed already (with the extraction); ``latest_facts``: those of ``latest``'s text,
    when computed already (with the extraction, from that version's stored text);
    ``history``: the document's observations when known already (none, for a document never
    fetched before), else read here.
    """
    if history is None:
        history = observations(session, fetch, policy)
    suspicion = None
    if latest is not None:
        returning = returning_version(
            extracted.text_sha256,
            version_text(latest),
            earlier_versions(session, latest),
            fetches_since_latest=fetches_since(session, fetch, latest),
            history=history,
        )
        if returning is not None:
            suspicion = flapping_to_earlier(
                returning, version_text(latest), policy.confirmations + 1
            )
    if suspicion is None:
        last = latest_facts
        if last is None and latest is not None:
            last = last_version_facts(session, latest)
        suspicion = check_page_facts(page_input(page), extracted, last, policy, facts)
    if suspicion is None:
        return None
    if suspicion.confirmable and confirmed(extracted.text_sha256, history, policy.confirmations):
        log.info(
            "document %d: %s text seen on %d fetches in a row, recorded",
            fetch.document_id,
            suspicion.kind,
            policy.confirmations + 1,
        )
        return None
    return suspicion


def screen_latest_text(
    session: Session, fetch: Fetch, latest: Version, policy: GuardPolicy
) -> Suspicion | None:
    """During a flapping episode, the latest version's own text is held too (see guard.history)."""
    return flapping_hold_on_latest(
        version_text(latest), observations(session, fetch, policy), policy.confirmations
    )


def screen_past_text(
    session: Session,
    fetch: Fetch,
    previous: Version | None,
    extracted: ExtractedDocument,
    page: FetchedPage,
    policy: GuardPolicy,
    source: Source,
) -> Suspicion | None:
    """Why a page seen in the past (``fetch.started_at``) must not become a version, if so.

    ``previous`` is the version in force at that time. An archive's capture passes every
    guard against it, and a confirmable suspicion is cleared by the same text on the archive's
    captures just before (in time, not in the order they were imported). Imported files were
    chosen by a person: only walls, error pages and near-empty pages are held, never a text
    for being shorter than or in another language than the one before.
    """
    last = last_version_facts(session, previous) if previous is not None else None
    suspicion = check_page_facts(page_input(page), extracted, last, policy)
    if suspicion is None:
        return None
    if source == Source.IMPORTED and suspicion.kind in CONFIRMABLE_KINDS:
        return None
    history = observations(session, fetch, policy, before=fetch.started_at)
    if suspicion.confirmable and confirmed(extracted.text_sha256, history, policy.confirmations):
        return None
    return suspicion


def observations(
    session: Session, fetch: Fetch, policy: GuardPolicy, *, before: datetime | None = None
) -> list[Observation]:
    """The document's fetches before ``fetch`` that saw a text worth counting, newest first
    (``before``: only those started before that time).

    Recorded or verified texts and texts held for a confirmable suspicion count; failures,
    walls and error pages say nothing about the document's text and are skipped.
    """
    session.flush()
    rows = session.execute(
        select(fetch_text_sha256(), Fetch.error_kind, Fetch.outcome)
        .where(
            Fetch.document_id == fetch.document_id,
            Fetch.id != fetch.id,
            true() if before is None else Fetch.started_at < before,
            fetch_saw_text(),
            or_(
                Fetch.outcome.in_((Outcome.CHANGED, Outcome.UNCHANGED, Outcome.NOT_MODIFIED)),
                and_(
                    Fetch.outcome == Outcome.SUSPECT,
                    Fetch.error_kind.in_(sorted(CONFIRMABLE_KINDS)),
                ),
            ),
        )
        .order_by(Fetch.started_at.desc(), Fetch.id.desc())
        .limit(policy.confirmations + 1)
    )
    return [
        Observation(
            text_sha256=text_sha256,
            flapping=outcome == Outcome.SUSPECT and kind == FLAPPING,
        )
        for text_sha256, kind, outcome in rows
        if text_sha256 is not None
    ]


def fetches_since(session: Session, fetch: Fetch, version: Version) -> int:
    """How many fetches of the document, before ``fetch``, were made since ``version``."""
    session.flush()
    return (
        session.scalar(
            select(func.count())
            .select_from(Fetch)
            .where(
                Fetch.document_id == version.document_id,
                Fetch.id != fetch.id,
                Fetch.started_at >= version.first_seen,
            )
        )
        or 0
    )


def earlier_versions(session: Session, latest: Version) -> list[VersionText]:
    """The versions just before ``latest`` (the ones a flapping page can return to)."""
    rows = session.execute(
        select(Version.number, Version.text_sha256)
        .where(Version.document_id == latest.document_id, Version.number < latest.number)
        .order_by(Version.number.desc())
        .limit(FLAP_VERSIONS)
    )
    return [VersionText(number=number, text_sha256=text) for number, text in rows]


def version_text(version: Version) -> VersionText:
    return VersionText(number=version.number, text_sha256=version.text_sha256)


def stored_text_facts(session: Session, version_id: int) -> TextFacts | None:
    """The facts stored with a version (None: recorded without them, before they were stored
    or by an import, or under another definition of them)."""
    record = session.scalar(select(Version.text_facts).where(Version.id == version_id))
    return facts_from_record(record)


def last_version_facts(session: Session, version: Version) -> TextFacts:
    """Words and language of a recorded version: stored with it, else worked out from its
    stored canonical text."""
    stored = stored_text_facts(session, version.id)
    if stored is not None:
        return stored
    return text_facts(read_text_blob(session, version.text_sha256))

"""What the history says about a batch of documents, read in one go before they are fetched.

Most nights most pages are the same as last time. What the decision needs for them is small
and known before the fetch: the latest version (number, text hash, fingerprint), the last good
fetch (validators for the conditional GET, the raw hash to compare with), and whether the
newest observation is a flapping hold. :func:`load_states` reads it for a whole claim batch in
three queries, so a page seen again is recorded with two short statements
(:func:`tracker.track.record.record_page`) instead of the full pipeline's dozen.

The state can only go stale if something else records a version of the document between the
claim and the record (``tracker accept``, an import): the recorder checks that the version is
still the latest in the same statement that verifies it, and falls back to the full pipeline
when it is not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tracker.guard import CONFIRMABLE_KINDS, FLAPPING
from tracker.store.records import fetch_raw_sha256, fetch_saw_text
from tracker.store.schema import Document, Fetch, Version
from tracker.track.decide import LatestVersion
from tracker.vocabulary import Outcome

_SEEN_OUTCOMES = (Outcome.CHANGED, Outcome.UNCHANGED, Outcome.NOT_MODIFIED)


@dataclass(frozen=True, slots=True)
class DocumentState:
    """A document's history as far as tonight's decision is concerned."""

    document_id: int
    latest: LatestVersion | None = None
    latest_id: int | None = None
    latest_raw_sha256: str | None = None  # the latest version's
    last_raw_sha256: str | None = None  # of the newest fetch that produced or verified a version
    etag: str | None = None
    last_modified: str | None = None
    flapping: bool = False  # the newest observation is a flapping hold
    #: Whether the document has any history: False only for one never fetched (no version,
    #: no fetch row), recorded without reading a history it does not have (checked again in
    #: the recording transaction, see tracker.track.record)
    seen_before: bool = True


def load_states(session: Session, document_ids: Collection[int]) -> dict[int, DocumentState]:
    """The :class:`DocumentState` of each document in ``document_ids``."""
    ids = sorted(set(document_ids))
    if not ids:
        return {}
    latest = _latest_versions(session, ids)
    validators = _last_good_fetches(session, ids)
    flapping = _flapping_now(session, ids)
    never_fetched = _never_fetched(session, [i for i in ids if i not in latest])
    states = {}
    for document_id in ids:
        version_id, version, version_raw = latest.get(document_id, (None, None, None))
        raw, etag, last_modified = validators.get(document_id, (None, None, None))
        states[document_id] = DocumentState(
            document_id=document_id,
            latest=version,
            latest_id=version_id,
            latest_raw_sha256=version_raw,
            last_raw_sha256=raw,
            etag=etag,
            last_modified=last_modified,
            flapping=document_id in flapping,
            seen_before=document_id not in never_fetched,
        )
    return states


def _never_fetched(session: Session, ids: list[int]) -> set[int]:
    """Those of ``ids`` (documents without a version) that no fetch row names: new ones."""
    if not ids:
        return set()
    fetched = session.scalars(
        select(Fetch.document_id).where(Fetch.document_id.in_(ids)).distinct()
    )
    return set(ids) - set(fetched)


def _latest_versions(
    session: Session, ids: list[int]
) -> dict[int, tuple[int, LatestVersion, str | None]]:
    """Per document, its latest version's id, what the decision needs of it and its raw hash
    (columns only: no ORM objects are loaded)."""
    newest = (
        select(Version.document_id, func.max(Version.number).label("number"))
        .where(Version.document_id.in_(ids))
        .group_by(Version.document_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Version.document_id,
            Version.id,
            Version.number,
            Version.text_sha256,
            Version.extractor_version,
            Version.raw_sha256,
        ).join(
            newest,
            and_(Version.document_id == newest.c.document_id, Version.number == newest.c.number),
        )
    )
    return {
        document_id: (version_id, LatestVersion(number, text_sha256, fingerprint), raw)
        for document_id, version_id, number, text_sha256, fingerprint, raw in rows
    }


def _newest_fetch_ids(session: Session, ids: list[int], *condition: object) -> list[int]:
    """Per document, the id of its newest fetch (by start time, then id) meeting ``condition``.

    One correlated ``LIMIT 1`` per document, read backwards along the (document, start time)
    index: it stops at the first fetch that qualifies (most often the newest), so its cost
    does not grow with the length of the history (a window over every fetch would)."""
    newest = (
        select(Fetch.id)
        .where(Fetch.document_id == Document.id, *condition)  # type: ignore[arg-type]
        .order_by(Fetch.started_at.desc(), Fetch.id.desc())
        .limit(1)
        .correlate(Document)
        .scalar_subquery()
    )
    found = session.scalars(select(newest).where(Document.id.in_(ids)))
    return [fetch_id for fetch_id in found if fetch_id is not None]


def _last_good_fetches(
    session: Session, ids: list[int]
) -> dict[int, tuple[str | None, str | None, str | None]]:
    fetch_ids = _newest_fetch_ids(session, ids, Fetch.version_id.is_not(None))
    if not fetch_ids:
        return {}
    rows = session.execute(
        select(Fetch.document_id, fetch_raw_sha256(), Fetch.etag, Fetch.last_modified).where(
            Fetch.id.in_(fetch_ids)
        )
    )
    return {document_id: (raw, etag, modified) for document_id, raw, etag, modified in rows}


def _flapping_now(session: Session, ids: list[int]) -> set[int]:
    """The documents whose newest observation (see tracker.track.screening.observations) is
    a flapping hold."""
    observation = and_(
        fetch_saw_text(),
        or_(
            Fetch.outcome.in_(_SEEN_OUTCOMES),
            and_(Fetch.outcome == Outcome.SUSPECT, Fetch.error_kind.in_(sorted(CONFIRMABLE_KINDS))),
        ),
    )
    fetch_ids = _newest_fetch_ids(session, ids, observation)
    if not fetch_ids:
        return set()
    return set(
        session.scalars(
            select(Fetch.document_id).where(
                Fetch.id.in_(fetch_ids),
                Fetch.outcome == Outcome.SUSPECT,
                Fetch.error_kind == FLAPPING,
            )
        )
    )

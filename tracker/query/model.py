"""Value objects shared by the history queries: a document, a version, and the fetches behind it.

They are frozen and carry no database session, so renderers and callers can use them freely.
Query-specific results (a history page, a quote check...) live next to their query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.model import Clause
from tracker.store.records import clause_from_row
from tracker.store.schema import ClauseRow, Document, Fetch, Version


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A stored document: its slug (``service/type``), names and registered URL."""

    id: int
    slug: str
    service: str
    type: str
    url: str

    @property
    def title(self) -> str:
        """``"Together AI Terms of Service"``."""
        return f"{self.service} {self.type}"

    @classmethod
    def of(cls, row: Document) -> DocumentRef:
        return cls(id=row.id, slug=row.slug, service=row.service, type=row.type, url=row.url)


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One stored version: number within its document, database id, times and hashes."""

    id: int
    number: int
    first_seen: datetime
    last_verified: datetime
    text_sha256: str
    raw_sha256: str | None
    clause_count: int
    effective_date: date | None
    title: str | None
    technical: bool
    date_only: bool = False  # only an updated / effective date changed: never in digests
    #: observed, imported or archived: what the sighting that created it was (a Source)
    source: str = "observed"
    screenshot_sha256: str | None = None  # the browser's PNG of the page, if it rendered it

    @classmethod
    def of(cls, row: Version) -> VersionInfo:
        return cls(
            id=row.id,
            number=row.number,
            first_seen=row.first_seen,
            last_verified=row.last_verified,
            text_sha256=row.text_sha256,
            raw_sha256=row.raw_sha256,
            clause_count=row.clause_count,
            effective_date=row.effective_date,
            title=row.title,
            technical=row.technical,
            date_only=row.date_only,
            source=row.source,
            screenshot_sha256=row.screenshot_sha256,
        )


@dataclass(frozen=True, slots=True)
class StoredClause:
    """A clause as stored: its row id, lineage id and position, and the clause itself.

    ``clause.id`` is the extractor's key (``p-3f9a0c1b2d4e``), stable within a document;
    ``row_id`` is the clause's database id, which ``tracker clause ID`` accepts. ``topics``
    are the classifier's topics of the clause (None when it was stored unclassified).
    """

    row_id: int
    lineage_id: int | None
    position: int
    clause: Clause
    topics: tuple[str, ...] | None = None

    @classmethod
    def of(cls, row: ClauseRow) -> StoredClause:
        return cls(
            row_id=row.id,
            lineage_id=row.lineage_id,
            position=row.position,
            clause=clause_from_row(row),
            topics=tuple(row.topics) if row.topics is not None else None,
        )


@dataclass(frozen=True, slots=True)
class FetchProof:
    """One fetch that created or verified a version: what was asked, what came back.

    ``replayed``: the bytes came from an archived snapshot replayed by ``tracker demo``
    (under the document's registered URL), not from the live site.
    """

    id: int
    started_at: datetime
    outcome: str
    url: str
    final_url: str | None
    http_status: int | None
    content_type: str | None
    raw_sha256: str | None
    text_sha256: str | None
    etag: str | None
    last_modified: str | None
    #: observed (our own fetch), imported or archived; then ``provenance`` says from where
    source: str = "observed"
    provenance: Mapping[str, Any] | None = None
    fetcher: str | None = None  # http, browser
    escalation: str | None = None  # why an `auto` fetch went on to the browser
    replayed: bool = False

    @property
    def source_url(self) -> str:
        """The URL the page finally came from (after redirects)."""
        return self.final_url or self.url

    @property
    def observed(self) -> bool:
        return self.source == "observed"

    @property
    def origin(self) -> str:
        """Where the page came from, in words: ``our own fetch``, ``an imported page (...)``
        or ``an archive's capture (...)`` with the importer's description of it."""
        if self.observed:
            return "our own fetch"
        kind = "an archive's capture" if self.source == "archived" else "an imported page"
        described = (self.provenance or {}).get("description")
        return f"{kind} ({described})" if described else kind

    @classmethod
    def of(cls, row: Fetch, version: Version | None, *, replayed: bool = False) -> FetchProof:
        """The proof of fetch ``row`` (``version``: the version it points at, whose text and
        raw hashes it saw when it stores none of its own)."""
        seen, raw = row.text_sha256, row.raw_sha256
        if version is not None and row.version_id == version.id:
            seen = version.text_sha256 if seen is None else seen
            raw = version.raw_sha256 if raw is None else raw  # see Fetch.raw_sha256
        return cls(
            id=row.id,
            started_at=row.started_at,
            outcome=row.outcome,
            url=row.url,
            final_url=row.final_url or row.url,  # NULL: no redirect
            http_status=row.http_status,
            content_type=row.content_type,
            raw_sha256=raw,
            text_sha256=seen,
            etag=row.etag,
            last_modified=row.last_modified,
            source=row.source,
            provenance=row.provenance,
            fetcher=row.fetcher,
            escalation=row.escalation,
            replayed=replayed,
        )


@dataclass(frozen=True, slots=True)
class Provenance:
    """Why a version is what a document said: the version and the fetches that saw it.

    ``first_fetch`` created the version; ``last_fetch`` is the newest fetch that saw it (at or
    before the date asked about, for an as-of query); ``fetch_count`` counts every fetch that
    saw it. ``next_version`` is the version that replaced it, if any.
    """

    document: DocumentRef
    version: VersionInfo
    first_fetch: FetchProof | None
    last_fetch: FetchProof | None
    fetch_count: int
    next_version: VersionInfo | None = None
    #: the newest of our own fetches that saw it (by the date asked about), if any
    last_own_fetch: FetchProof | None = None

    @property
    def rests_on(self) -> FetchProof | None:
        """What an answer about this version rests on: our own newest sighting of it when
        there is one, else the newest sighting (an imported page, an archive's capture)."""
        return self.last_own_fetch or self.last_fetch or self.first_fetch

    @property
    def source_url(self) -> str:
        fetch = self.first_fetch or self.last_fetch
        return fetch.source_url if fetch else self.document.url

    @property
    def replayed(self) -> bool:
        """The version's bytes were replayed from an archive by the demo."""
        fetch = self.first_fetch or self.last_fetch
        return fetch is not None and fetch.replayed

    @property
    def citation(self) -> str:
        """One line to cite this version (saying so when it rests on an archive or a file)."""
        version = self.version
        fetch = self.first_fetch or self.last_fetch
        via = f" ({fetch.origin})" if fetch is not None and not fetch.observed else ""
        via += f" ({REPLAYED_NOTE})" if self.replayed else ""
        return (
            f"{self.document.title}, version {version.number}, "
            f"first seen {format_instant(version.first_seen)}, "
            f"last verified {format_instant(version.last_verified)}, "
            f"SHA-256 {version.text_sha256}, retrieved from {self.source_url}{via}, "
            "archived by Policy Tracker"
        )


#: How a replayed fetch is marked wherever its URL is shown.
REPLAYED_NOTE = "bytes replayed from an archived snapshot by tracker demo"


def format_instant(moment: datetime) -> str:
    """``2025-05-06 03:00 UTC`` (seconds shown only when not zero)."""
    pattern = "%Y-%m-%d %H:%M:%S UTC" if moment.second else "%Y-%m-%d %H:%M UTC"
    return moment.strftime(pattern)

"""Value types of a digest: what changed, in which document, with the evidence to cite it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.model import Change


@dataclass(frozen=True, slots=True)
class VersionEvidence:
    """Provenance of one stored version: enough to cite it and to verify it later."""

    version_id: int
    number: int
    url: str
    fetched_at: datetime
    raw_sha256: str | None
    text_sha256: str


@dataclass(frozen=True, slots=True)
class DocumentChanges:
    """The changes between two successive versions of one document."""

    slug: str
    service: str
    type: str
    old: VersionEvidence
    new: VersionEvidence
    changes: tuple[Change, ...]
    unchanged: int


@dataclass(frozen=True, slots=True)
class FailureNote:
    """A document whose latest fetch failed, and for how many consecutive fetches."""

    slug: str
    url: str
    error_kind: str
    error_message: str
    since: datetime
    consecutive: int


@dataclass(frozen=True, slots=True)
class DigestData:
    generated_at: datetime
    period_start: datetime | None
    period_end: datetime
    documents: tuple[DocumentChanges, ...]
    failures: tuple[FailureNote, ...]
    first_change_id: int | None
    last_change_id: int | None

    @property
    def change_count(self) -> int:
        return sum(len(d.changes) for d in self.documents)

"""Value types of a digest: what changed, in which document, with the evidence to cite it.

:func:`tracker.digest.collect.collect_digest` builds a :class:`DigestData` from the database;
everything after that (composing, rendering, building the message) is pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.facts import FactChange
from tracker.model import Change, Clause


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """Which document: its registry slug and display names, and the registered URL."""

    slug: str
    service: str
    type: str
    url: str

    @property
    def name(self) -> str:
        return f"{self.service} {self.type}"


@dataclass(frozen=True, slots=True)
class VersionEvidence:
    """Provenance of one stored version: enough to cite it and to verify it later.

    ``fetched_at`` is when the fetch that created the version started; ``raw_sha256`` is the
    SHA-256 of the page as fetched, ``text_sha256`` that of the canonical text.
    """

    version_id: int
    number: int
    url: str
    fetched_at: datetime
    last_verified: datetime
    raw_sha256: str | None
    text_sha256: str
    title: str | None = None
    effective_date: date | None = None


@dataclass(frozen=True, slots=True)
class ReportedChange:
    """One stored change and the unchanged clause just before it (context for a reader).

    ``context`` is the clause preceding the change in the version it is read in (the new one,
    or the old one for a removal), when that clause is itself unchanged; ``None`` otherwise.
    """

    change_id: int
    change: Change
    context: Clause | None = None


@dataclass(frozen=True, slots=True)
class VersionChanges:
    """The changes from one version of a document to the next one."""

    document: DocumentRef
    old: VersionEvidence
    new: VersionEvidence
    changes: tuple[ReportedChange, ...]
    unchanged: int


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document whose first version was recorded: nothing to compare yet."""

    document: DocumentRef
    version: VersionEvidence
    clause_count: int


@dataclass(frozen=True, slots=True)
class FailureNote:
    """A document whose latest fetches failed or look suspect, and for how long."""

    document: DocumentRef
    outcome: str
    error_kind: str
    error_message: str
    since: datetime
    consecutive: int
    nights: int
    last_good: datetime | None


@dataclass(frozen=True, slots=True)
class DigestData:
    """Everything one digest reports. ``since`` is the ``--since`` override, if any.

    ``fact_changes`` are the key facts whose stored answer changed in one of the reported
    versions ("Is data sold? changed from no to yes on ...").
    """

    generated_at: datetime
    since: datetime | None
    transitions: tuple[VersionChanges, ...]
    new_documents: tuple[NewDocument, ...]
    failures: tuple[FailureNote, ...]
    fact_changes: tuple[FactChange, ...] = ()

    @property
    def version_ids(self) -> tuple[int, ...]:
        """The versions this digest reports (what a delivered digest marks as covered)."""
        ids = [t.new.version_id for t in self.transitions]
        ids += [n.version.version_id for n in self.new_documents]
        return tuple(sorted(ids))

    @property
    def change_ids(self) -> tuple[int, ...]:
        return tuple(sorted(c.change_id for t in self.transitions for c in t.changes))

    @property
    def change_count(self) -> int:
        return sum(len(t.changes) for t in self.transitions)

    @property
    def is_empty(self) -> bool:
        """Nothing changed and nothing new is tracked (failures may still be reported)."""
        return not self.transitions and not self.new_documents

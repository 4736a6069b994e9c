"""The database schema: SQLAlchemy 2 typed ORM models. Alembic migrations must agree with it.

Tables (see docs/ARCHITECTURE.md for the picture):

- ``documents``  one row per registered document (mirrors the registry).
- ``blobs``      content-addressed bytes (raw pages and canonical texts), compressed (zstd;
                 zlib for blobs stored before it: each row says which), keyed by the SHA-256
                 of the uncompressed bytes; the same bytes stored once.
- ``runs``       one row per ``tracker run``.
- ``fetches``    one row per fetch attempt, whatever its outcome; "last verified" comes from here.
- ``versions``   one row per distinct canonical text of a document, in order.
- ``clauses``    the clauses of each version; ``lineage_id`` follows a clause across versions.
- ``clause_texts`` each distinct clause wording (label and text) once; clauses refer to it.
- ``clause_paths`` each distinct heading path once; clauses refer to it.
- ``changes``    the clause diff between a version and its predecessor, computed once.
- ``facts``      the key-fact answers of each version (per rule set), with their evidence.
- ``digests``    one row per digest attempt: status, channel, recipients, Message-ID.
- ``digest_versions`` the versions each digest reported (what "delivered" covers).
- ``run_items``  one row per document per run: the work list that workers claim.
- ``run_locks``  the lease that keeps two runs from overlapping (see :mod:`tracker.run.lock`).
- ``backfill_cursors`` how far a backfill from a web archive got (see :mod:`tracker.importers`).

Outside the models, made and kept by migrations 0012 and 0018 and triggers on ``clause_texts``:
the search index ``clause_search`` (FTS5 on SQLite, a table with a pg_trgm index on PostgreSQL;
see :mod:`tracker.store.clause_search`). :func:`is_modelled` tells schema comparisons to leave
it alone.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    select,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql import ColumnElement
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: The search index's objects (SQLite's FTS5 shadow tables included) start with this name.
SEARCH_INDEX = "clause_search"


def is_modelled(
    item: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """False for the search index's objects, which the models leave to migrations (Alembic's
    ``include_object`` hook: autogenerate and the models-versus-migrations checks use it)."""
    del item, type_, compare_to
    return not (reflected and name is not None and name.startswith(SEARCH_INDEX))


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored as naive UTC and always returned timezone-aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


SHA256 = String(64)


def core_table(model: type[Base]) -> Table:
    """The Core table of ``model``: statements on it skip the ORM's per-statement work
    (for the nightly hot path, where no ORM object is loaded or changed)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    service: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text)
    select_rules: Mapped[list[Any]] = mapped_column(default=list)
    remove_rules: Mapped[list[Any]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    fetch: Mapped[str] = mapped_column(String(10), default="http", server_default="http")
    # the browser's wait_for / wait_ms / scroll ({} for the defaults)
    render_options: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")


class Blob(Base):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(SHA256, primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    compression: Mapped[str] = mapped_column(String(16))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class Run(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20))  # running, ok, failed, interrupted
    trigger: Mapped[str] = mapped_column(String(20))  # cli, schedule, demo
    documents_total: Mapped[int] = mapped_column(Integer, default=0)
    documents_failed: Mapped[int] = mapped_column(Integer, default=0)
    documents_changed: Mapped[int] = mapped_column(Integer, default=0)


class Fetch(Base):
    __tablename__ = "fetches"
    __table_args__ = (
        Index("ix_fetches_document_started", "document_id", "started_at"),
        # the fetches that created / last verified a version (history queries' proof)
        Index("ix_fetches_version_started", "version_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), index=True)
    started_at: Mapped[datetime]
    duration_ms: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))
    # the URL asked for, read as ``url``; NULL: the document's (documents.url): most rows, a
    # night's checks, would repeat it. A registry change of a document's URL first writes the
    # old one into its NULL rows (records.sync_documents). Migration 0014.
    stored_url: Mapped[str | None] = mapped_column("url", Text)
    http_status: Mapped[int | None] = mapped_column(Integer)
    final_url: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(200))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    # the bytes the fetch stands for (a 304's: the last good fetch's); NULL on a fetch that
    # verified a version when they are that version's (migration 0015). Read it with
    # tracker.store.records.fetch_raw_sha256.
    raw_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    # the text the fetch saw; NULL on a fetch that verified a version (unchanged, not-modified:
    # it saw that version's text; migration 0013). The fetch that created a version keeps it,
    # a witness `tracker verify` checks the version against. Read it with
    # tracker.store.records.fetch_text_sha256.
    text_sha256: Mapped[str | None] = mapped_column(SHA256)
    # looked up by ix_fetches_version_started (its first column): no index of its own
    version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))
    error_kind: Mapped[str | None] = mapped_column(String(40))
    error_message: Mapped[str | None] = mapped_column(Text)
    # observed (our own fetch), imported or archived (a Source); started_at is then the time
    # the page was seen by the archive or dated by the import, not the time of the import
    source: Mapped[str] = mapped_column(String(20), default="observed", server_default="observed")
    # where an imported or archived page came from: file, commit and snapshot, capture URL...
    provenance: Mapped[dict[str, Any] | None]
    fetcher: Mapped[str | None] = mapped_column(String(20))  # http, browser (None: internal error)
    escalation: Mapped[str | None] = mapped_column(Text)  # why `auto` went on to the browser
    document: Mapped[Document] = relationship(viewonly=True)

    @hybrid_property
    def url(self) -> str:
        """The URL asked for: the row's own, or its document's (see ``stored_url``)."""
        return self.stored_url if self.stored_url is not None else self.document.url

    @url.inplace.setter
    def _url_setter(self, value: str | None) -> None:
        self.stored_url = value

    @url.inplace.expression
    @classmethod
    def _url_expression(cls) -> ColumnElement[str]:
        documents_url = select(Document.url).where(Document.id == cls.document_id)
        return func.coalesce(cls.stored_url, documents_url.scalar_subquery())


class Version(Base):
    __tablename__ = "versions"
    __table_args__ = (
        UniqueConstraint("document_id", "number", name="uq_versions_document_number"),
        Index("ix_versions_document_first_seen", "document_id", "first_seen"),
        # as-of lookups: newest first_seen <= date, ties (a technical re-derivation and a new
        # version of the same run) broken by number, read from the index alone
        Index("ix_versions_document_first_seen_number", "document_id", "first_seen", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3... per document
    text_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    raw_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    first_seen: Mapped[datetime]
    last_verified: Mapped[datetime]
    extractor_version: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(Text)
    effective_date: Mapped[date | None] = mapped_column(Date)
    clause_count: Mapped[int] = mapped_column(Integer)
    technical: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The text changed, but only in an updated / effective / last-modified date: recorded,
    #: never reported by digests or feeds.
    date_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # the Source of the sighting that created it: only observed versions are ever reported
    source: Mapped[str] = mapped_column(String(20), default="observed", server_default="observed")
    # the full-page PNG the browser took of the page (browser-rendered versions only)
    screenshot_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    # the guards' facts about its text (tracker.guard.text.facts_record): what the next text is
    # screened against, kept so that they are not worked out again from the stored text; read
    # only by the screening (deferred: loading a version does not load them)
    text_facts: Mapped[dict[str, Any] | None] = mapped_column(deferred=True)
    # what its clauses' topics were found under (tracker.classify.topics_fingerprint), when the
    # pipeline's rule set found them as it was recorded: the next version takes the topics of
    # the clauses it keeps from it under the same fingerprint (NULL: matched again; 0019)
    topics_fingerprint: Mapped[str | None] = mapped_column(String(64), deferred=True)


class ClauseText(Base):
    """One wording of a clause (label and text), stored once however many clause rows, of
    however many versions, hold it: most clauses of a new version are worded as in the one
    before. ``sha256`` hashes the label and text as a reader sees them
    (:attr:`tracker.model.Clause.display_text`): the clause hash users see. Two wordings can
    share it (a label split off the text or not, an empty label or none), so it is not unique:
    a wording is found by its hash, then its label and text (migration 0018)."""

    __tablename__ = "clause_texts"
    __table_args__ = (Index("ix_clause_texts_sha256", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(SHA256)
    label: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)


class ClausePath(Base):
    """One heading path (the section headings above a clause, as JSON), stored once however
    many clauses sit under it (migration 0018). Looked up by its text (a hash index on
    PostgreSQL, whose B-tree entries cannot hold a very long heading).

    The index's method is the migration's (``postgresql_using="hash"`` in 0018), not declared
    here: a PostgreSQL option named in a model makes SQLAlchemy import its PostgreSQL dialect
    with every driver module of it as this module is imported, about 45 ms of every command's
    start on SQLite too (issue 14). Alembic's comparison of models and migrations does not
    compare an index's method."""

    __tablename__ = "clause_paths"
    __table_args__ = (Index("ix_clause_paths_path", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)  # json.dumps of the list of headings

    @cached_property
    def headings(self) -> list[Any]:
        """The path as a list (decoded once per loaded row; each caller gets its own copy)."""
        return list(json.loads(self.path))


class ClauseRow(Base):
    """A clause of a version: where it stands (position, key, lineage, kind, level) and, by
    reference, its wording (:class:`ClauseText`) and heading path (:class:`ClausePath`).

    A loaded row reads ``label``, ``text``, ``sha256`` and ``path`` as before, from the rows it
    refers to (loaded with it); a query of these columns joins ``clause_texts`` /
    ``clause_paths`` (as :mod:`tracker.store.clause_search`, the search and the quote checks do).
    Rows are written by :func:`tracker.store.records.insert_clause_rows` only.
    """

    __tablename__ = "clauses"
    __table_args__ = (
        UniqueConstraint("version_id", "position", name="uq_clauses_version_position"),
        Index("ix_clauses_lineage", "lineage_id"),
        Index("ix_clauses_text_id", "text_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(300))  # the extractor's stable clause id
    lineage_id: Mapped[int | None] = mapped_column(Integer)  # id of the lineage's first clause
    kind: Mapped[str] = mapped_column(String(20))
    level: Mapped[int] = mapped_column(Integer, default=0)
    topics: Mapped[list[Any] | None]  # topic ids from the rule file; NULL: not classified
    text_id: Mapped[int] = mapped_column(ForeignKey("clause_texts.id"))
    path_id: Mapped[int] = mapped_column(ForeignKey("clause_paths.id"))

    # each read with the row (joined eager loads: one query, as when the row held them)
    wording: Mapped[ClauseText] = relationship(lazy="joined", innerjoin=True, viewonly=True)
    heading_path: Mapped[ClausePath] = relationship(lazy="joined", innerjoin=True, viewonly=True)

    @property
    def label(self) -> str | None:
        return self.wording.label

    @property
    def text(self) -> str:
        return self.wording.text

    @property
    def sha256(self) -> str:
        """The SHA-256 of the label and text (hex): :attr:`tracker.model.Clause.sha256`."""
        return self.wording.sha256

    @property
    def path(self) -> list[Any]:
        return self.heading_path.headings


class ChangeRow(Base):
    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_document_to_version", "document_id", "to_version_id"),
        Index("ix_changes_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    from_version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    to_version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(String(40))
    old_clause_ids: Mapped[list[Any]] = mapped_column(default=list)
    new_clause_ids: Mapped[list[Any]] = mapped_column(default=list)
    similarity: Mapped[float | None] = mapped_column(Float)
    inline: Mapped[list[Any]] = mapped_column(default=list)
    topics: Mapped[list[Any]] = mapped_column(default=list)
    severity: Mapped[str] = mapped_column(String(10), default="none")
    direction: Mapped[str] = mapped_column(String(10), default="neutral", server_default="neutral")
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class FactRow(Base):
    """One key fact answered for one version under one rule set (``rules_fingerprint``).

    A version is answered when it is recorded, and again when the fact rules change, so two
    versions can always be compared under the same rules (see :mod:`tracker.facts`).
    """

    __tablename__ = "facts"
    __table_args__ = (
        UniqueConstraint(
            "version_id", "rules_fingerprint", "fact_id", name="uq_facts_version_rules_fact"
        ),
        Index("ix_facts_fact_id", "fact_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    rules_fingerprint: Mapped[str] = mapped_column(SHA256)
    fact_id: Mapped[str] = mapped_column(String(100))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(String(20))  # yes, no, not stated
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("clauses.id"))  # the evidence
    quote: Mapped[str | None] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[datetime]


class Digest(Base):
    """One message attempt for one destination of one subscription: what it covered
    (``digest_versions``), how and whether it went out (see tracker.digest.bookkeeping)."""

    __tablename__ = "digests"
    __table_args__ = (
        Index("ix_digests_subscription_destination", "subscription", "destination", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]
    period_start: Mapped[datetime | None]  # the --since override, NULL for "not yet delivered"
    period_end: Mapped[datetime]
    first_change_id: Mapped[int | None] = mapped_column(Integer)
    last_change_id: Mapped[int | None] = mapped_column(Integer)
    change_count: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # a DigestStatus
    channel: Mapped[str | None] = mapped_column(String(20))  # smtp, outbox
    recipients: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(300))
    delivered_at: Mapped[datetime | None]
    location: Mapped[str | None] = mapped_column(Text)
    error_message: Mapped[str | None] = mapped_column(Text)
    # whose books: the subscription's name and the destination's key (see Target.key)
    subscription: Mapped[str] = mapped_column(
        String(100), default="default", server_default="default"
    )
    destination: Mapped[str] = mapped_column(String(64), default="email", server_default="email")
    kind: Mapped[str] = mapped_column(String(20), default="digest", server_default="digest")
    idempotency_key: Mapped[str | None] = mapped_column(String(64))


class DigestVersion(Base):
    """A version reported by a digest: "covered" is a set of versions, not a time window, so
    changes committed late or with equal timestamps are never skipped or repeated."""

    __tablename__ = "digest_versions"
    __table_args__ = (Index("ix_digest_versions_version", "version_id"),)

    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id"), primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), primary_key=True)


class RunItem(Base):
    """One document to process in one run. Workers claim items; a claim is a lease."""

    __tablename__ = "run_items"
    __table_args__ = (
        UniqueConstraint("run_id", "document_id", name="uq_run_items_run_document"),
        Index("ix_run_items_run_status", "run_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    position: Mapped[int] = mapped_column(Integer)  # order in the registry, for reports
    turn: Mapped[int] = mapped_column(Integer)  # claim order: hosts interleaved round-robin
    status: Mapped[str] = mapped_column(String(10))  # pending, claimed, done
    worker: Mapped[str | None] = mapped_column(String(100))
    claims: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None]
    lease_expires: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class RunLock(Base):
    """A named lease held by one run at a time; it expires unless heartbeats renew it."""

    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(100))  # token shared by the run's workers
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    run_id: Mapped[int | None] = mapped_column(Integer)
    acquired_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]


class BackfillCursor(Base):
    """How far the backfill of one document from one archive, over one date range, got.

    ``page_key`` is the archive's resume key of the listing page being worked through (NULL:
    the first page); ``last_capture`` the timestamp of the last capture dealt with. A run that
    stops (a crash, repeated 429 answers) is continued from there by the next one.
    """

    __tablename__ = "backfill_cursors"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "archive", "range_from", "range_to", name="uq_backfill_cursors_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    archive: Mapped[str] = mapped_column(String(20))  # wayback
    url: Mapped[str] = mapped_column(Text)  # the URL whose captures are listed
    range_from: Mapped[str] = mapped_column(String(14))  # yyyyMMddhhmmss prefix, "" = open
    range_to: Mapped[str] = mapped_column(String(14))
    page_key: Mapped[str | None] = mapped_column(Text)
    last_capture: Mapped[str | None] = mapped_column(String(14))
    captures_done: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]

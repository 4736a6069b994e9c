"""Reading and writing the tracker's records: documents, fetches, versions, clauses, changes.

These functions take an open session and never commit: the caller owns the transaction, so a
document's whole processing is one transaction (see :mod:`tracker.track.record`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Text,
    Update,
    bindparam,
    case,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from tracker.model import Change, Clause, ClauseDiff, ExtractedDocument, InlineOp, RenderOptions
from tracker.store.blobs import put_blob
from tracker.store.clause_records import ClauseRecord as ClauseRecord
from tracker.store.clause_records import clause_from_row as clause_from_row
from tracker.store.schema import (
    ChangeRow,
    ClausePath,
    ClauseRow,
    ClauseText,
    Document,
    Fetch,
    Version,
    core_table,
)
from tracker.vocabulary import Direction, Severity, Source

_T = TypeVar("_T")

if TYPE_CHECKING:
    from tracker.classify import FactAnswer
    from tracker.registry import DocumentSpec


def fetch_text_sha256() -> ColumnElement[str | None]:
    """The text hash a fetch saw, as a column: its own, or its version's (a fetch that
    verified a version stores none: it saw that version's text)."""
    versions_text = (
        select(Version.text_sha256).where(Version.id == Fetch.version_id).scalar_subquery()
    )
    return func.coalesce(Fetch.text_sha256, versions_text)


def fetch_raw_sha256() -> ColumnElement[str | None]:
    """The raw hash of the bytes a fetch stands for, as a column: its own, or its version's (a
    fetch that verified a version stores none when its bytes are the version's: migration
    0015)."""
    versions_raw = (
        select(Version.raw_sha256).where(Version.id == Fetch.version_id).scalar_subquery()
    )
    return func.coalesce(Fetch.raw_sha256, versions_raw)


def verifying_raw_sha256(raw_sha256: str | None, version_raw_sha256: str | None) -> str | None:
    """What a fetch that verified a version stores as its raw hash: none when its bytes are
    the version's (read back through :func:`fetch_raw_sha256`)."""
    return None if raw_sha256 == version_raw_sha256 else raw_sha256


def fetch_saw_text() -> ColumnElement[bool]:
    """The fetch saw a text (its own hash, or its version's)."""
    return or_(Fetch.text_sha256.is_not(None), Fetch.version_id.is_not(None))


def sync_document(session: Session, spec: DocumentSpec, now: datetime) -> Document:
    """The document row for ``spec``, created or updated to match the registry."""
    return sync_documents(session, [spec], now)[spec.slug]


def sync_documents(
    session: Session, specs: Sequence[DocumentSpec], now: datetime
) -> dict[str, Document]:
    """The document rows for ``specs`` by slug, created or updated to match the registry (one
    query for all of them; a row is written only where something differs)."""
    slugs = [spec.slug for spec in specs]
    rows = {
        document.slug: document
        for chunk in _chunks(slugs, 500)
        for document in session.scalars(select(Document).where(Document.slug.in_(chunk)))
    }
    for spec in specs:
        document = rows.get(spec.slug)
        if document is None:
            document = rows[spec.slug] = Document(slug=spec.slug, created_at=now)
            session.add(document)
        elif document.url != spec.url:
            _keep_fetch_urls(session, document)
        _mirror(document, spec)
    session.flush()
    return rows


def sync_document_ids(
    session: Session, specs: Sequence[DocumentSpec], now: datetime
) -> dict[str, int]:
    """The ids of the document rows for ``specs`` by slug, created or updated to match the
    registry as :func:`sync_documents` does. The rows are read as columns; only those that
    are missing or differ from their spec go through :func:`sync_documents` (a night after
    which the registry did not change loads no ORM object: 2,000 of them cost a run about
    20 ms). The JSON columns are read as their text and each distinct text is decoded once
    (nearly all are ``[]`` or ``{}``: 6,000 decodes of 2,000 rows were a fifth of a run's
    work list, issue 14); the values compared are the decoded ones, as before."""
    documents = core_table(Document)
    columns = [
        documents.c.id,
        documents.c.slug,
        *(
            documents.c[name].cast(Text) if name in _MIRRORED_JSON else documents.c[name]
            for name in _MIRRORED
        ),
    ]
    slugs = [spec.slug for spec in specs]
    found = {
        row[1]: row
        for chunk in _chunks(slugs, 500)
        for row in session.execute(select(*columns).where(documents.c.slug.in_(chunk)))
    }
    decoded: dict[str, Any] = {}

    def stored(value: Any, name: str) -> Any:
        if value is None or name not in _MIRRORED_JSON:
            return value
        if value not in decoded:
            decoded[value] = json.loads(value)
        return decoded[value]

    ids: dict[str, int] = {}
    stale: list[DocumentSpec] = []
    for spec in specs:
        row = found.get(spec.slug)
        wanted = _mirrored(spec)
        # every value the ORM path writes is compared: a column missing from _MIRRORED
        # fails here (KeyError) instead of leaving a changed setting stale
        if row is not None and all(
            stored(row[_MIRRORED_AT[name]], name) == value for name, value in wanted.items()
        ):
            ids[spec.slug] = row[0]
        else:
            stale.append(spec)
    if stale:
        ids.update((slug, row.id) for slug, row in sync_documents(session, stale, now).items())
    return ids


def _keep_fetch_urls(session: Session, document: Document) -> None:
    """The document's URL is about to change: its fetch rows that stand for it (NULL, see
    Fetch.stored_url) get it written in, so they keep the URL they asked for."""
    fetches = core_table(Fetch)
    session.execute(
        update(fetches)
        .where(fetches.c.document_id == document.id, fetches.c.url.is_(None))
        .values(url=document.url)
    )


#: The columns of a document row that mirror its registry entry: the keys of
#: :func:`_mirrored` (read by :func:`sync_document_ids`; a test keeps the two equal).
_MIRRORED = (
    "service",
    "type",
    "url",
    "select_rules",
    "remove_rules",
    "active",
    "fetch",
    "render_options",
)
#: Where each of them is in the rows sync_document_ids reads (after the id and the slug).
_MIRRORED_AT = {name: index for index, name in enumerate(_MIRRORED, start=2)}
#: Those of them that are JSON: read as text, compared decoded (see sync_document_ids).
_MIRRORED_JSON = frozenset({"select_rules", "remove_rules", "render_options"})


def _mirrored(spec: DocumentSpec) -> dict[str, Any]:
    """The values of the :data:`_MIRRORED` columns for ``spec``."""
    return {
        "service": spec.service,
        "type": spec.type,
        "url": spec.url,
        "select_rules": list(spec.rules.select),
        "remove_rules": list(spec.rules.remove),
        "active": spec.active,
        "fetch": spec.fetch.value,
        "render_options": render_options_row(spec.render),
    }


def _mirror(document: Document, spec: DocumentSpec) -> None:
    for name, value in _mirrored(spec).items():
        if getattr(document, name, None) != value:
            setattr(document, name, value)


def _chunks(items: Sequence[_T], size: int) -> Iterable[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def render_options_row(options: RenderOptions) -> dict[str, Any]:
    """The browser's options as stored on the document row: only what differs from the
    defaults."""
    default = RenderOptions()
    return {
        name: getattr(options, name)
        for name in ("wait_for", "wait_ms", "scroll")
        if getattr(options, name) != getattr(default, name)
    }


def render_options_of(row: dict[str, Any] | None) -> RenderOptions:
    stored = row or {}
    return RenderOptions(
        wait_for=stored.get("wait_for"),
        wait_ms=int(stored.get("wait_ms", 0)),
        scroll=bool(stored.get("scroll", False)),
    )


def has_history(session: Session, document_id: int) -> bool:
    """Whether the document has a version or a fetch row in the database (rows pending in the
    session are not flushed to answer: a new fetch row being recorded does not count)."""
    fetched = select(Fetch.id).where(Fetch.document_id == document_id).limit(1).exists()
    versioned = select(Version.id).where(Version.document_id == document_id).limit(1).exists()
    with session.no_autoflush:
        return bool(session.scalar(select(or_(fetched, versioned))))


def latest_version(session: Session, document_id: int) -> Version | None:
    return session.scalars(
        select(Version)
        .where(Version.document_id == document_id)
        .order_by(Version.number.desc())
        .limit(1)
    ).first()


def verify_if_latest(session: Session, document_id: int, version_id: int, now: datetime) -> bool:
    """Move version ``version_id``'s last-verified time to ``now`` (never backwards) if it is
    still the document's latest version; False (and nothing written) if it is not."""
    newest = (
        select(func.max(Version.number)).where(Version.document_id == document_id).scalar_subquery()
    )
    result = session.execute(
        update(Version)
        .where(Version.id == version_id, Version.number == newest)
        .values(last_verified=case((Version.last_verified < now, now), else_=Version.last_verified))
        .execution_options(synchronize_session=False)
    )
    return cast("CursorResult[Any]", result).rowcount == 1


@cache
def _verify_latest_statement() -> Update:
    """UPDATE versions SET last_verified = max(last_verified, :now) WHERE id IN :ids AND
    number = (its document's highest) RETURNING id: built once (the hot path of a night)."""
    versions = core_table(Version)
    newer = versions.alias("newer")
    newest = (
        select(func.max(newer.c.number))
        .where(newer.c.document_id == versions.c.document_id)
        .scalar_subquery()
    )
    now = bindparam("now", type_=versions.c.last_verified.type)
    return (
        update(versions)
        .where(versions.c.id.in_(bindparam("ids", expanding=True)), versions.c.number == newest)
        .values(
            last_verified=case(
                (versions.c.last_verified < now, now), else_=versions.c.last_verified
            )
        )
        .returning(versions.c.id)
    )


def verify_latest_versions(session: Session, version_ids: Sequence[int], now: datetime) -> set[int]:
    """:func:`verify_if_latest` for several versions (of different documents) in one
    statement: the ids of those still their document's latest (their last-verified time
    moved to ``now``, never backwards); the others are left as they were."""
    if not version_ids:
        return set()
    verified = session.execute(_verify_latest_statement(), {"ids": list(version_ids), "now": now})
    return set(verified.scalars())


def last_successful_raw_sha256(session: Session, document_id: int) -> str | None:
    """The raw hash of the newest fetch that produced or verified a version (its own or, when
    it stores none, its version's)."""
    return session.scalars(
        select(fetch_raw_sha256())
        .where(Fetch.document_id == document_id, Fetch.version_id.is_not(None))
        .order_by(Fetch.started_at.desc(), Fetch.id.desc())
        .limit(1)
    ).first()


def last_successful_fetch(session: Session, document_id: int) -> Fetch | None:
    """The newest fetch that produced or verified a version."""
    return session.scalars(
        select(Fetch)
        .where(Fetch.document_id == document_id, Fetch.version_id.is_not(None))
        .order_by(Fetch.started_at.desc(), Fetch.id.desc())
        .limit(1)
    ).first()


def version_clause_rows(session: Session, version_id: int) -> list[ClauseRow]:
    return list(
        session.scalars(
            select(ClauseRow).where(ClauseRow.version_id == version_id).order_by(ClauseRow.position)
        )
    )


def version_clause_records(session: Session, version_id: int) -> list[ClauseRecord]:
    """:func:`version_clause_rows` without ORM objects (read-only, for the diff of a new
    version: loading ~160 ORM rows cost the recording thread more than the query)."""
    clauses, texts, paths = core_table(ClauseRow), core_table(ClauseText), core_table(ClausePath)
    rows = session.execute(
        select(
            clauses.c.id,
            clauses.c.version_id,
            clauses.c.position,
            clauses.c.key,
            paths.c.path,
            texts.c.label,
            clauses.c.kind,
            clauses.c.level,
            texts.c.text,
            texts.c.sha256,
            clauses.c.lineage_id,
            clauses.c.topics,
            clauses.c.text_id,
        )
        .join(texts, texts.c.id == clauses.c.text_id)
        .join(paths, paths.c.id == clauses.c.path_id)
        .where(clauses.c.version_id == version_id)
        .order_by(clauses.c.position)
    )
    records = []
    decoded: dict[str, list[Any]] = {}
    for row_id, version, position, key, path, *rest in rows:
        found = decoded.get(path)
        if found is None:
            found = decoded[path] = list(json.loads(path))
        records.append(ClauseRecord(row_id, version, position, key, list(found), *rest))
    return records


def current_clause_records(
    session: Session, version_id: int, rows: Sequence[ClauseRecord]
) -> list[ClauseRecord] | None:
    """``rows``, the clause rows of ``version_id`` as :func:`version_clause_records` read them
    earlier (in another transaction), as they are now, or None when that version's rows are
    no longer those (not the same ids in the same order).

    Only the ids and lineages are read again: a clause row's wording, key, place, path and
    kind never change once written, its lineage may (a history import placed before the
    version relinks it, :func:`tracker.store.timeline.relink_lineages`). Their topics are as
    read then (a version's missing topics may be filled in since; nothing that reads these
    rows for a new version's diff, lineages and wordings looks at them). Reading ~160 rows
    whole (their wordings, paths and topics decoded) a second time for a changed page was a
    tenth of the recording thread's work on it."""
    table = core_table(ClauseRow)
    current = session.execute(
        select(table.c.id, table.c.lineage_id)
        .where(table.c.version_id == version_id)
        .order_by(table.c.position)
    ).all()
    if len(current) != len(rows):
        return None
    records = []
    for row, (row_id, lineage_id) in zip(rows, current, strict=True):
        if row.id != row_id or row.version_id != version_id:
            return None
        records.append(row if row.lineage_id == lineage_id else replace(row, lineage_id=lineage_id))
    return records


@dataclass(frozen=True, slots=True)
class NewVersion:
    version: Version
    clause_rows: Sequence[ClauseRowLike]
    #: The clauses' topics under the rule file, when computed with the extraction already.
    clause_topics: Sequence[tuple[str, ...]] | None = None
    #: The key-fact answers from those clauses and topics, when computed with them.
    fact_answers: tuple[FactAnswer, ...] | None = None


def record_version(
    session: Session,
    document: Document,
    extracted: ExtractedDocument,
    *,
    raw_sha256: str | None,
    extractor_version: str,
    now: datetime,
    technical: bool = False,
    number: int | None = None,
    source: Source = Source.OBSERVED,
    topics: Sequence[Sequence[str]] | None = None,
    lineages: Mapping[int, int | None] | None = None,
    text_frame: bytes | None = None,
    text_facts: Mapping[str, Any] | None = None,
    known: Sequence[ClauseRecord] = (),
    topics_fingerprint: str | None = None,
) -> NewVersion:
    """Store a new version of ``document``: its canonical text (as a blob; ``text_frame``:
    that blob compressed already), the guards' facts about it when known (``text_facts``, as
    :func:`tracker.guard.text.facts_record` makes them) and its clauses (see
    :func:`insert_clause_rows`; ``known``: clause rows read in this transaction, whose
    wordings need not be looked up again, such as the previous version's;
    ``topics_fingerprint``: what ``topics`` were found under, see
    :func:`tracker.classify.topics_fingerprint`).

    It is numbered after the latest version unless ``number`` is given (a version placed in
    the past: :func:`tracker.store.timeline.make_room` has freed that number first).
    """
    if number is None:
        previous = latest_version(session, document.id)
        number = (previous.number + 1) if previous else 1
    text_sha = put_blob(session, extracted.canonical_text.encode("utf-8"), now, frame=text_frame)
    assert text_sha == extracted.text_sha256, "canonical text and its hash disagree"
    version = Version(
        document_id=document.id,
        number=number,
        text_sha256=text_sha,
        raw_sha256=raw_sha256,
        first_seen=now,
        last_verified=now,
        extractor_version=extractor_version,
        title=extracted.title,
        effective_date=extracted.effective_date,
        clause_count=len(extracted.clauses),
        technical=technical,
        source=source,
    )
    if text_facts is not None:  # else left out of the INSERT (NULL)
        version.text_facts = dict(text_facts)
    if topics is not None and topics_fingerprint is not None:
        version.topics_fingerprint = topics_fingerprint
    session.add(version)
    session.flush()
    rows = insert_clause_rows(
        session, version.id, extracted.clauses, topics, lineages or {}, known=known
    )
    return NewVersion(version=version, clause_rows=rows)


#: A clause row, loaded (ORM) or just written.
ClauseRowLike = ClauseRow | ClauseRecord


def insert_clause_rows(
    session: Session,
    version_id: int,
    clauses: Sequence[Clause],
    topics: Sequence[Sequence[str]] | None,
    lineages: Mapping[int, int | None],
    *,
    known: Sequence[ClauseRecord] = (),
) -> list[ClauseRecord]:
    """Store a version's clauses, with their ``topics`` when known (else NULL: not classified
    yet) and the lineage each continues, by position (``lineages``; the others start their
    own: the row's id). One multi-row INSERT (and on PostgreSQL at most one UPDATE), instead
    of the ORM's flush of every row (then of every row again for its topics and its lineage):
    that flush was a third of a first night's recording thread. ``known``: clause rows read
    in this transaction (see :func:`clause_text_ids`)."""
    if not clauses:
        return []
    text_ids = clause_text_ids(session, clauses, known)
    path_ids = clause_path_ids(session, [c.path for c in clauses])
    values: list[dict[str, Any]] = [
        {
            "version_id": version_id,
            "position": position,
            "key": clause.id,
            "kind": clause.kind,
            "level": clause.level,
            "lineage_id": lineages.get(position),
            "text_id": text_id,
            "path_id": path_id,
        }
        for position, (clause, text_id, path_id) in enumerate(
            zip(clauses, text_ids, path_ids, strict=True)
        )
    ]
    if topics is not None:  # else no key at all: SQL NULL (a None would be stored as JSON null)
        for value, found in zip(values, topics, strict=True):
            value["topics"] = list(found)
    if session.get_bind().dialect.name == "sqlite":
        ids = _insert_numbered(session, values)
    else:
        ids = _insert_returning(session, version_id, values)
    records = []
    for clause, value, row_id in zip(clauses, values, ids, strict=True):
        records.append(
            ClauseRecord(
                id=row_id,
                version_id=version_id,
                position=value["position"],
                key=clause.id,
                path=list(clause.path),
                label=clause.label,
                kind=clause.kind,
                level=clause.level,
                text=clause.text,
                sha256=clause.sha256,
                lineage_id=value["lineage_id"] or row_id,
                topics=value.get("topics"),
                text_id=value["text_id"],
            )
        )
    return records


#: How many keys one ``IN`` list of :func:`clause_text_ids` and :func:`clause_path_ids` holds.
_KEYS_PER_STATEMENT = 500


def clause_text_ids(
    session: Session, clauses: Sequence[Clause], rows: Sequence[ClauseRecord] = ()
) -> list[int]:
    """The id of each clause's wording in ``clause_texts`` (label, text and hash), in order;
    the wordings not stored yet are stored now. Found by hash, then label and text: two
    wordings with one hash (see :class:`tracker.store.schema.ClauseText`) stay two. On
    PostgreSQL two workers storing the same new wording at once may store it twice: each of
    its rows reads the same, and searches and quote checks go by the hash.

    ``rows``: clause rows read in this transaction with their wordings' ids (a new version's
    previous one, whose clauses it mostly keeps): those wordings are not looked up again,
    only the others are (a changed page's new version looked up all its ~160 wordings, each
    read back with its text, to find the few new ones)."""
    table = core_table(ClauseText)
    wanted = {(c.sha256, c.label, c.text) for c in clauses}
    known: dict[tuple[str, str | None, str], int] = {
        (row.sha256, row.label, row.text): row.text_id for row in rows if row.text_id is not None
    }
    hashes = sorted({sha for sha, label, body in wanted if (sha, label, body) not in known})
    for start in range(0, len(hashes), _KEYS_PER_STATEMENT):
        chunk = hashes[start : start + _KEYS_PER_STATEMENT]
        for row_id, sha, label, body in session.execute(
            select(table.c.id, table.c.sha256, table.c.label, table.c.text).where(
                table.c.sha256.in_(chunk)
            )
        ):
            known.setdefault((sha, label, body), row_id)
    missing = sorted((w for w in wanted if w not in known), key=lambda w: (w[0], w[1] or "", w[2]))
    if missing:
        inserted = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [{"sha256": sha, "label": label, "text": body} for sha, label, body in missing],
        )
        known.update(zip(missing, inserted.scalars(), strict=True))
    return [known[(c.sha256, c.label, c.text)] for c in clauses]


def clause_path_ids(session: Session, paths: Sequence[Sequence[str]]) -> list[int]:
    """The id of each heading path in ``clause_paths``, in order; the paths not stored yet are
    stored now (as the JSON text ``json.dumps`` makes of the list)."""
    table = core_table(ClausePath)
    encoded = [_json_of_strings(path) for path in paths]
    wanted = sorted(set(encoded))
    known: dict[str, int] = {}
    for start in range(0, len(wanted), _KEYS_PER_STATEMENT):
        chunk = wanted[start : start + _KEYS_PER_STATEMENT]
        for row_id, path in session.execute(
            select(table.c.id, table.c.path).where(table.c.path.in_(chunk))
        ):
            known.setdefault(path, row_id)
    missing = [path for path in wanted if path not in known]
    if missing:
        inserted = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [{"path": path} for path in missing],
        )
        known.update(zip(missing, inserted.scalars(), strict=True))
    return [known[path] for path in encoded]


#: :func:`_insert_numbered`'s statement.
_NUMBERED_INSERT = (
    'INSERT INTO clauses ("id", "version_id", "position", "key", "kind", "level", '
    '"lineage_id", "topics", "text_id", "path_id") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
)


def _insert_numbered(session: Session, values: list[dict[str, Any]]) -> list[int]:
    """SQLite: the rows numbered here, after the highest id, and written by the driver's own
    loop (no parameter processing per row; each starts its own lineage at once, no UPDATE).
    Safe because a SQLite database has one writer: this transaction has written already (the
    version row), so no other connection can add a clause before it commits. The ids are those
    SQLite would have given (the largest rowid plus one, row after row)."""
    connection = session.connection()
    highest = connection.exec_driver_sql("SELECT max(id) FROM clauses").scalar()
    first = (highest or 0) + 1
    ids = list(range(first, first + len(values)))
    rows = [
        (
            row_id,
            value["version_id"],
            value["position"],
            value["key"],
            value["kind"],
            value["level"],
            value["lineage_id"] or row_id,
            _json_of_strings(value["topics"]) if "topics" in value else None,
            value["text_id"],
            value["path_id"],
        )
        for row_id, value in zip(ids, values, strict=True)
    ]
    connection.exec_driver_sql(_NUMBERED_INSERT, rows)
    return ids


def _json_column(value: list[Any]) -> str:
    """A JSON column's value as SQLAlchemy's JSON type stores it (``json.dumps``)."""
    return json.dumps(value)


#: :func:`_json_of_strings`'s texts, by the strings they list (cleared when this full).
_JSON_MEMO_SIZE = 4096
_json_memo: dict[tuple[str, ...], str] = {}


def _json_of_strings(strings: Sequence[str]) -> str:
    """:func:`_json_column` of a list of ``strings``, remembered: a version's clauses repeat a
    few heading paths and topic lists, and each ``json.dumps`` took more of the recording
    thread than looking the same list up (about 0.5 ms a corpus page's version)."""
    key = tuple(strings)
    text = _json_memo.get(key)
    if text is None:
        if len(_json_memo) >= _JSON_MEMO_SIZE:
            _json_memo.clear()
        text = _json_memo[key] = _json_column(list(key))
    return text


def _insert_returning(session: Session, version_id: int, values: list[dict[str, Any]]) -> list[int]:
    """PostgreSQL (several writers): ids from the sequence, by INSERT ... RETURNING; the rows
    that start a lineage get their own id by one UPDATE of the version's rows."""
    table = core_table(ClauseRow)
    inserted = session.execute(insert(table).returning(table.c.position, table.c.id), values)
    ids: dict[int, int] = {position: row_id for position, row_id in inserted}
    if any(value["lineage_id"] is None for value in values):
        session.execute(
            update(table)
            .where(table.c.version_id == version_id, table.c.lineage_id.is_(None))
            .values(lineage_id=table.c.id)
        )
    return [ids[value["position"]] for value in values]


def store_clause_topics(
    session: Session, records: Sequence[ClauseRecord], topics: Sequence[Sequence[str]]
) -> None:
    """Set the topics of clauses just written (those that differ: one UPDATE for them all)."""
    changed = []
    for record, found in zip(records, topics, strict=True):
        if record.topics != list(found):
            record.topics = list(found)
            changed.append({"row_id": record.id, "topics": record.topics})
    if changed:
        table = core_table(ClauseRow)
        session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(topics=bindparam("topics")),
            changed,
        )


def continued_lineages(
    old_rows: Sequence[ClauseRowLike], new_keys: Sequence[str], diff: ClauseDiff | None
) -> dict[int, int | None]:
    """The lineage each new clause (given by its key, in order) continues, by its position;
    positions missing from the answer start a lineage of their own.

    Unchanged clauses continue their old clause (the diff's ``unchanged_pairs``); modified,
    moved and cosmetic changes pass the lineage from the first old to the first new clause.
    Added clauses, and the extra parts of a split, start a lineage of their own.
    """
    continued: dict[int, int | None] = {}
    if diff is None:
        return continued
    for old_position, new_position in diff.unchanged_pairs:
        continued[new_position] = old_rows[old_position].lineage_id
    old_by_key = {row.key: row for row in old_rows}
    new_position_by_key = {key: position for position, key in enumerate(new_keys)}
    for change in diff.changes:
        if change.old and change.new:
            position = new_position_by_key[change.new[0].id]
            continued[position] = old_by_key[change.old[0].id].lineage_id
    return continued


def record_changes(
    session: Session,
    document: Document,
    old: NewVersion | tuple[Version, Sequence[ClauseRowLike]],
    new: NewVersion,
    diff: ClauseDiff,
    now: datetime,
) -> int:
    """Store the clause diff between ``old`` and ``new`` (computed once, read many times), in
    one INSERT of its rows (no ORM objects: the unit of work's flush of a changed page's half
    dozen rows cost the recording thread more than the statement). Returns how many."""
    old_version, old_rows = (old.version, old.clause_rows) if isinstance(old, NewVersion) else old
    old_ids = {row.key: row.id for row in old_rows}
    new_ids = {row.key: row.id for row in new.clause_rows}
    rows = [
        {
            "document_id": document.id,
            "from_version_id": old_version.id,
            "to_version_id": new.version.id,
            "position": position,
            "kind": change.kind,
            "detail": change.detail,
            "old_clause_ids": [old_ids[c.id] for c in change.old],
            "new_clause_ids": [new_ids[c.id] for c in change.new],
            "similarity": change.similarity,
            "inline": [[op.tag, op.text] for op in change.inline],
            "topics": list(change.topics),
            "severity": change.severity,
            "direction": change.direction,
            "reason": change.reason,
            "created_at": now,
        }
        for position, change in enumerate(diff.changes)
    ]
    if rows:
        session.execute(insert(core_table(ChangeRow)), rows)
    return len(rows)


def change_from_row(row: ChangeRow, clauses_by_id: dict[int, ClauseRow]) -> Change:
    """Rebuild a :class:`Change` from its row and the clause rows it refers to."""
    return Change(
        kind=row.kind,  # type: ignore[arg-type]
        old=tuple(clause_from_row(clauses_by_id[i]) for i in row.old_clause_ids),
        new=tuple(clause_from_row(clauses_by_id[i]) for i in row.new_clause_ids),
        similarity=row.similarity,
        inline=tuple(InlineOp(tag=tag, text=text) for tag, text in row.inline),
        topics=tuple(row.topics),
        severity=Severity(row.severity),
        detail=row.detail,
        direction=Direction(row.direction),
        reason=row.reason,
    )


def clause_rows_by_id(session: Session, ids: Iterable[int]) -> dict[int, ClauseRow]:
    """The clause rows of ``ids`` (read 500 at a time: a feed's may be thousands)."""
    wanted = sorted(set(ids))
    return {
        row.id: row
        for chunk in _chunks(wanted, 500)
        for row in session.scalars(select(ClauseRow).where(ClauseRow.id.in_(chunk)))
    }

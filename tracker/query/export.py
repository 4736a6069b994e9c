"""Exporting the whole history (or one document's) as JSON Lines, CSV or a folder.

Versions are streamed document by document (slug order), oldest first, in batches of
:data:`BATCH` versions: memory stays flat whatever the history's size. Each version's text
is read from its blob and checked against its hash on the way out.

- **jsonl**: one JSON object per version: document, version facts and hashes, source URL, the
  canonical text, its clauses, and the changes from the previous version.
- **csv**: one row per clause per version (:data:`CSV_COLUMNS`), so a spreadsheet can filter
  on any clause; version facts repeat on each of its rows. Cells are written as stored:
  fetched text is not rewritten, so a spreadsheet should open the file as text.
- **dir**: ``documents/<slug>/<YYYY-MM-DD>_v<N>.md`` holding each version's canonical text
  byte for byte (so its SHA-256 is the version hash), ``manifest.json`` with every document,
  version, file and hash, and ``SHA256SUMS`` for ``sha256sum -c``. Same history, same bytes.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.model import Change
from tracker.query.lookup import find_document
from tracker.query.model import DocumentRef, StoredClause, VersionInfo
from tracker.query.render_json import change_dict, clause_dict, version_dict
from tracker.store.blobs import read_text_blob
from tracker.store.records import change_from_row, clause_rows_by_id
from tracker.store.schema import ChangeRow, ClauseRow, Document, Fetch, Version

BATCH = 200
EXPORT_FORMAT = "policy-tracker-export/1"
CSV_COLUMNS = (
    "document",
    "service",
    "type",
    "version",
    "version_id",
    "first_seen",
    "last_verified",
    "effective_date",
    "technical",
    "date_only",
    "source",
    "text_sha256",
    "raw_sha256",
    "source_url",
    "position",
    "clause_id",
    "key",
    "lineage_id",
    "kind",
    "level",
    "label",
    "path",
    "text",
    "clause_sha256",
    "topics",
)
_SAFE_PART = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """Everything stored about one version, as exported."""

    document: DocumentRef
    version: VersionInfo
    source_url: str
    text: str
    clauses: tuple[StoredClause, ...]
    changes: tuple[Change, ...]


def iter_history(session: Session, *, document: str | None = None) -> Iterator[VersionRecord]:
    """Every version (of ``document`` if given), document by document, oldest first."""
    if document is not None:
        documents = [find_document(session, document)]
    else:
        documents = list(session.scalars(select(Document).order_by(Document.slug)))
    for row in documents:
        ref = DocumentRef.of(row)
        after = 0
        while True:
            batch = list(
                session.scalars(
                    select(Version)
                    .where(Version.document_id == row.id, Version.number > after)
                    .order_by(Version.number)
                    .limit(BATCH)
                )
            )
            if not batch:
                break
            after = batch[-1].number
            yield from _records(session, ref, batch)
            session.expunge_all()


def write_jsonl(records: Iterator[VersionRecord], out: TextIO) -> int:
    """One JSON object per line and version; returns the number of versions written."""
    count = 0
    for record in records:
        out.write(json.dumps(record_dict(record), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def write_csv(records: Iterator[VersionRecord], out: TextIO) -> int:
    """One row per clause per version (:data:`CSV_COLUMNS`); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        version = record.version
        facts = [
            record.document.slug,
            record.document.service,
            record.document.type,
            version.number,
            version.id,
            version.first_seen.isoformat(),
            version.last_verified.isoformat(),
            version.effective_date.isoformat() if version.effective_date else "",
            "true" if version.technical else "false",
            "true" if version.date_only else "false",
            version.source,
            version.text_sha256,
            version.raw_sha256 or "",
            record.source_url,
        ]
        for stored in record.clauses:
            clause = stored.clause
            writer.writerow(
                [
                    *facts,
                    stored.position,
                    stored.row_id,
                    clause.id,
                    stored.lineage_id if stored.lineage_id is not None else "",
                    clause.kind,
                    clause.level,
                    clause.label or "",
                    " > ".join(clause.path),
                    clause.text,
                    clause.sha256,
                    " ".join(stored.topics or ()),
                ]
            )
            count += 1
    return count


def write_dir(records: Iterator[VersionRecord], folder: Path) -> int:
    """The folder layout of the module docstring; returns the number of versions written."""
    documents: dict[str, dict[str, Any]] = {}
    sums: list[str] = []
    for record in records:
        relative = version_file(record)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(record.text.encode("utf-8"))
        entry = documents.setdefault(
            record.document.slug,
            {**_document_dict(record.document), "versions": []},
        )
        entry["versions"].append(
            {**version_dict(record.version), "file": relative, "source_url": record.source_url}
        )
        sums.append(f"{record.version.text_sha256}  {relative}\n")
    manifest = {"format": EXPORT_FORMAT, "documents": [documents[s] for s in sorted(documents)]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (folder / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")
    return sum(len(d["versions"]) for d in documents.values())


def version_file(record: VersionRecord) -> str:
    """``documents/<slug>/<YYYY-MM-DD>_v<N>.md``, with each slug part made path-safe."""
    parts = [
        _SAFE_PART.sub("-", p.lower()).strip("-") or "_" for p in record.document.slug.split("/")
    ]
    day = record.version.first_seen.date().isoformat()
    return "/".join(["documents", *parts, f"{day}_v{record.version.number}.md"])


def record_dict(record: VersionRecord) -> dict[str, Any]:
    return {
        "document": _document_dict(record.document),
        "version": version_dict(record.version),
        "source_url": record.source_url,
        "text": record.text,
        "clauses": [clause_dict(c) for c in record.clauses],
        "changes": [change_dict(c) for c in record.changes],
    }


def _document_dict(document: DocumentRef) -> dict[str, Any]:
    return {
        "slug": document.slug,
        "service": document.service,
        "type": document.type,
        "url": document.url,
    }


def _records(
    session: Session, document: DocumentRef, batch: list[Version]
) -> Iterator[VersionRecord]:
    ids = [v.id for v in batch]
    clauses: dict[int, list[StoredClause]] = {}
    for row in session.scalars(
        select(ClauseRow)
        .where(ClauseRow.version_id.in_(ids))
        .order_by(ClauseRow.version_id, ClauseRow.position)
    ):
        clauses.setdefault(row.version_id, []).append(StoredClause.of(row))
    change_rows: dict[int, list[ChangeRow]] = {}
    for change in session.scalars(
        select(ChangeRow)
        .where(ChangeRow.document_id == document.id, ChangeRow.to_version_id.in_(ids))
        .order_by(ChangeRow.to_version_id, ChangeRow.position)
    ):
        change_rows.setdefault(change.to_version_id, []).append(change)
    referenced = clause_rows_by_id(
        session,
        [
            i
            for rows in change_rows.values()
            for r in rows
            for i in (*r.old_clause_ids, *r.new_clause_ids)
        ],
    )
    urls = _source_urls(session, ids)
    for version in batch:
        yield VersionRecord(
            document=document,
            version=VersionInfo.of(version),
            source_url=urls.get(version.id, document.url),
            text=read_text_blob(session, version.text_sha256),
            clauses=tuple(clauses.get(version.id, ())),
            changes=tuple(change_from_row(r, referenced) for r in change_rows.get(version.id, ())),
        )


def _source_urls(session: Session, version_ids: list[int]) -> dict[int, str]:
    """The final URL of the fetch that created each version."""
    first_fetch = (
        select(func.min(Fetch.id))
        .where(Fetch.version_id.in_(version_ids))
        .group_by(Fetch.version_id)
    )
    rows = session.execute(
        select(Fetch.version_id, Fetch.final_url, Fetch.url).where(Fetch.id.in_(first_fetch))
    )
    return {version_id: final or url for version_id, final, url in rows if version_id is not None}

"""Recompute every stored hash and report each one that does not match.

Checks, streamed in small batches (keyset pagination, identity map cleared after each batch) so
a large database is never loaded at once:

- ``blobs``: every blob (raw pages and canonical texts) is decompressed and re-hashed; the
  SHA-256 must equal its key and the length its recorded size;
- ``clauses``: each clause's SHA-256 is recomputed from its label and text (its wording, stored
  once in ``clause_texts`` however many rows hold it: a changed wording is reported for every
  row, and every version, that holds it);
- ``versions``: the canonical text rebuilt from the version's clause rows
  (:func:`tracker.extract.canonical_text` over :func:`tracker.store.records.clause_from_row`)
  must hash to the version's ``text_sha256``, whose blob must exist (and so, by the blob check,
  hold exactly that text); the raw snapshot's blob must exist; the clause count must match;
- ``fetches``: a fetch that created or verified a version must carry that version's text hash.

The result is a :class:`VerifyReport`; ``tracker verify`` prints it and exits with
:class:`~tracker.errors.IntegrityMismatchError`'s code (4) when anything does not match.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.errors import StorageError
from tracker.extract import canonical_text
from tracker.model import sha256_hex
from tracker.query.lookup import find_document, resolve_version
from tracker.store.blobs import decode_blob
from tracker.store.records import clause_from_row
from tracker.store.schema import Blob, ClauseRow, Document, Fetch, Version

BLOB_BATCH = 32
VERSION_BATCH = 200


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One stored hash (or count) that does not match what its bytes give."""

    table: str
    row: str
    field: str
    stored: str
    computed: str

    @property
    def message(self) -> str:
        return f"{self.table} {self.row}: {self.field} is {self.stored}, recomputed {self.computed}"


@dataclass(frozen=True, slots=True)
class VerifyReport:
    blobs: int
    versions: int
    clauses: int
    fetches: int
    mismatches: tuple[Mismatch, ...]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def verify_history(session: Session) -> VerifyReport:
    """Check every blob, version, clause and version-bearing fetch (module docstring)."""
    mismatches: list[Mismatch] = []
    blobs = 0
    for blob_batch in _blob_batches(session):
        blobs += len(blob_batch)
        mismatches.extend(m for blob in blob_batch if (m := check_blob(blob)) is not None)
        session.expunge_all()
    versions = clauses = 0
    for batch in _version_batches(session):
        rows = _clause_rows(session, [v.id for v in batch])
        present = _existing_blobs(
            session, {v.text_sha256 for v in batch} | {v.raw_sha256 for v in batch if v.raw_sha256}
        )
        slugs = _slugs(session, {v.document_id for v in batch})
        for version in batch:
            own = rows.get(version.id, [])
            versions += 1
            clauses += len(own)
            mismatches.extend(check_clauses(own))
            mismatches.extend(check_version(version, own, present, slugs[version.document_id]))
        session.expunge_all()
    fetch_mismatches, fetches = check_fetches(session)
    mismatches.extend(fetch_mismatches)
    return VerifyReport(blobs, versions, clauses, fetches, tuple(mismatches))


def verify_version(session: Session, slug: str, ref: str) -> VerifyReport:
    """The checks of :func:`verify_history` for one version of ``slug`` (``3``, ``v3``,
    ``latest`` or a date): its blobs, its clauses, its canonical text, and its fetches."""
    document = find_document(session, slug)
    version = resolve_version(session, document, ref)
    digests = {version.text_sha256} | ({version.raw_sha256} if version.raw_sha256 else set())
    blobs = list(session.scalars(select(Blob).where(Blob.sha256.in_(sorted(digests)))))
    mismatches = [m for blob in blobs if (m := check_blob(blob)) is not None]
    rows = _clause_rows(session, [version.id]).get(version.id, [])
    mismatches += check_clauses(rows)
    mismatches += check_version(version, rows, {b.sha256 for b in blobs}, document.slug)
    fetches = list(
        session.execute(select(Fetch.id, Fetch.text_sha256).where(Fetch.version_id == version.id))
    )
    mismatches += [
        Mismatch(
            "fetches", str(fetch_id), "text_sha256", seen, f"{version.text_sha256} (its version's)"
        )
        for fetch_id, seen in fetches
        if seen is not None and seen != version.text_sha256
    ]
    return VerifyReport(len(blobs), 1, len(rows), len(fetches), tuple(mismatches))


def check_blob(blob: Blob) -> Mismatch | None:
    row = blob.sha256[:12]
    try:
        data = decode_blob(blob)
    except StorageError as exc:
        return Mismatch("blobs", row, "data", f"{blob.compression} bytes", f"unreadable ({exc})")
    digest = sha256_hex(data)
    if digest != blob.sha256:
        return Mismatch("blobs", row, "sha256", blob.sha256, digest)
    if len(data) != blob.size:
        return Mismatch("blobs", row, "size", str(blob.size), str(len(data)))
    return None


def check_clauses(rows: Sequence[ClauseRow]) -> list[Mismatch]:
    found = []
    for row in rows:
        digest = sha256_hex(clause_from_row(row).display_text)
        if digest != row.sha256:
            where = f"{row.id} (version id {row.version_id}, position {row.position})"
            found.append(Mismatch("clauses", where, "sha256", row.sha256, digest))
    return found


def check_version(
    version: Version, rows: Sequence[ClauseRow], present: set[str], slug: str
) -> list[Mismatch]:
    where = f"{version.id} ({slug} v{version.number})"
    found = []
    if version.clause_count != len(rows):
        found.append(
            Mismatch(
                "versions",
                where,
                "clause_count",
                str(version.clause_count),
                f"{len(rows)} clause rows",
            )
        )
    rebuilt = sha256_hex(canonical_text([clause_from_row(r) for r in rows]))
    if rebuilt != version.text_sha256:
        found.append(
            Mismatch(
                "versions",
                where,
                "text_sha256",
                version.text_sha256,
                f"{rebuilt} (canonical text rebuilt from its clauses)",
            )
        )
    for field, digest in (("text_sha256", version.text_sha256), ("raw_sha256", version.raw_sha256)):
        if digest is not None and digest not in present:
            found.append(Mismatch("versions", where, field, digest, "no such blob"))
    return found


def check_fetches(session: Session) -> tuple[list[Mismatch], int]:
    """Fetches that created or verified a version but record another text hash."""
    count = session.scalar(select(func.count()).where(Fetch.version_id.is_not(None))) or 0
    rows = session.execute(
        select(Fetch.id, Fetch.text_sha256, Version.text_sha256)
        .join(Version, Fetch.version_id == Version.id)
        .where(Fetch.text_sha256.is_not(None), Fetch.text_sha256 != Version.text_sha256)
        .order_by(Fetch.id)
    )
    return [
        Mismatch(
            "fetches", str(fetch_id), "text_sha256", fetched or "", f"{expected} (its version's)"
        )
        for fetch_id, fetched, expected in rows
    ], count


def _blob_batches(session: Session) -> Iterator[list[Blob]]:
    after = ""
    while True:
        batch = list(
            session.scalars(
                select(Blob).where(Blob.sha256 > after).order_by(Blob.sha256).limit(BLOB_BATCH)
            )
        )
        if not batch:
            return
        after = batch[-1].sha256
        yield batch


def _version_batches(session: Session) -> Iterator[list[Version]]:
    after = 0
    while True:
        batch = list(
            session.scalars(
                select(Version).where(Version.id > after).order_by(Version.id).limit(VERSION_BATCH)
            )
        )
        if not batch:
            return
        after = batch[-1].id
        yield batch


def _clause_rows(session: Session, version_ids: list[int]) -> dict[int, list[ClauseRow]]:
    rows: dict[int, list[ClauseRow]] = {}
    for row in session.scalars(
        select(ClauseRow)
        .where(ClauseRow.version_id.in_(version_ids))
        .order_by(ClauseRow.version_id, ClauseRow.position)
    ):
        rows.setdefault(row.version_id, []).append(row)
    return rows


def _existing_blobs(session: Session, digests: set[str]) -> set[str]:
    return set(session.scalars(select(Blob.sha256).where(Blob.sha256.in_(sorted(digests)))))


def _slugs(session: Session, document_ids: set[int]) -> dict[int, str]:
    rows = session.execute(select(Document.id, Document.slug).where(Document.id.in_(document_ids)))
    return {document_id: slug for document_id, slug in rows}

"""Content-addressed blob storage: bytes stored once, compressed, keyed by SHA-256.

New blobs are Zstandard frames at level :data:`ZSTD_LEVEL`: on the raw HTML pages of the
scale benchmark, 6.1x smaller than the pages against zlib's 5.2x (level 6, what blobs used
to be), and much faster to make (about 1 against 5.7 ms for a 385 kB page) and to read;
bytes compressed already (screenshots' PNGs) at :data:`PACKED_ZSTD_LEVEL`. Each blob
says its compression, so blobs stored as ``zlib`` (or ``none``) are read as they are.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from typing import Any

import zstandard
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.errors import IntegrityMismatchError, StorageError
from tracker.model import sha256_hex
from tracker.store.compression import COMPRESSION as COMPRESSION
from tracker.store.compression import PACKED_ZSTD_LEVEL as PACKED_ZSTD_LEVEL
from tracker.store.compression import ZSTD_LEVEL as ZSTD_LEVEL
from tracker.store.compression import compress as compress
from tracker.store.schema import Blob


def put_blob(
    session: Session,
    data: bytes,
    now: datetime,
    *,
    digest: str | None = None,
    frame: bytes | None = None,
    level: int = ZSTD_LEVEL,
) -> str:
    """Store ``data`` unless a blob with the same SHA-256 exists; return the hash (pass it as
    ``digest`` when known already, and ``frame``: ``compress(data)``, when it was made
    already, in an extraction process); ``level``: zstd's (:data:`PACKED_ZSTD_LEVEL` for
    bytes compressed already).

    The existence check reads the key only, never the stored bytes (it is skipped when the
    frame is given: it only saves compressing). The insert is ``ON CONFLICT DO NOTHING``: two
    workers storing the same bytes at the same moment (two documents serving the same page)
    both succeed, and the bytes are stored once.
    """
    digest = digest or sha256_hex(data)
    if frame is None and blob_exists(session, digest):
        return digest
    insert = upsert_for(session.get_bind().dialect.name)
    session.execute(
        insert(Blob)
        .values(
            sha256=digest,
            size=len(data),
            compression=COMPRESSION,
            data=compress(data, level) if frame is None else frame,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    return digest


def blob_exists(session: Session, digest: str) -> bool:
    return session.scalar(select(Blob.sha256).where(Blob.sha256 == digest)) is not None


def upsert_for(dialect: str) -> Any:
    """The dialect's ``insert`` (with ``on_conflict_do_nothing``), imported when first needed:
    a SQLite user never loads the PostgreSQL dialect (and its asyncio machinery)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def decode_blob(blob: Blob) -> bytes:
    """The stored bytes of ``blob``, decompressed (not checked against the hash); unreadable
    bytes are a StorageError."""
    try:
        if blob.compression == "zstd":
            return zstandard.decompress(blob.data)
        if blob.compression == "zlib":
            return zlib.decompress(blob.data)
    except (zstandard.ZstdError, zlib.error) as exc:
        message = f"blob {blob.sha256[:12]} is unreadable {blob.compression}: {exc}"
        raise StorageError(message) from exc
    if blob.compression == "none":
        return blob.data
    raise StorageError(f"blob {blob.sha256[:12]} uses unknown compression {blob.compression!r}")


def read_blob(session: Session, digest: str) -> bytes:
    """The bytes stored under ``digest``, verified against it."""
    blob = session.get(Blob, digest)
    if blob is None:
        raise StorageError(f"blob {digest[:12]} is missing")
    data = decode_blob(blob)
    if sha256_hex(data) != digest:
        raise IntegrityMismatchError(f"blob {digest[:12]} does not match its SHA-256")
    return data


def read_text_blob(session: Session, digest: str) -> str:
    return read_blob(session, digest).decode("utf-8")

"""Content-addressed blob storage: bytes stored once, zlib-compressed, keyed by SHA-256."""

from __future__ import annotations

import zlib
from datetime import datetime

from sqlalchemy.orm import Session

from tracker.errors import IntegrityMismatchError, StorageError
from tracker.model import sha256_hex
from tracker.store.schema import Blob

COMPRESSION = "zlib"


def put_blob(session: Session, data: bytes, now: datetime) -> str:
    """Store ``data`` unless a blob with the same SHA-256 exists; return the hash."""
    digest = sha256_hex(data)
    if session.get(Blob, digest) is None:
        session.add(
            Blob(
                sha256=digest,
                size=len(data),
                compression=COMPRESSION,
                data=zlib.compress(data, 6),
                created_at=now,
            )
        )
        session.flush()
    return digest


def decode_blob(blob: Blob) -> bytes:
    """The stored bytes of ``blob``, decompressed (not checked against the hash)."""
    if blob.compression == COMPRESSION:
        return zlib.decompress(blob.data)
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

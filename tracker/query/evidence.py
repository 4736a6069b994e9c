"""An evidence package for one version: a zip anyone can check without the tracker.

Contents (in this order):

- ``raw.<ext>``: the snapshot exactly as fetched (``.html``, ``.pdf``, ``.md``, ``.txt`` or
  ``.bin`` from its content type); absent when the version has no raw snapshot;
- ``text.md``: the canonical text, whose SHA-256 is the version hash;
- ``screenshot.png``: what the page looked like, for a version the browser rendered (the
  full-page PNG taken with the snapshot); absent otherwise;
- ``fetch.json``: document, version, the fetch that created it and the last that verified it
  (times, HTTP status, URLs, ETag / Last-Modified, hashes), and the number of fetches;
- ``SHA256SUMS``: the SHA-256 of each file above, for ``sha256sum -c``;
- ``CITATION.txt``: one line to cite the version.

Every stored blob is checked against its hash as it is read. The zip is deterministic:
fixed entry order, timestamps (1980-01-01), permissions and creator system, and entries stored
uncompressed so the bytes do not depend on the zlib build: the same evidence gives the same zip.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tracker.model import sha256_hex
from tracker.query.lookup import find_document, provenance, resolve_version
from tracker.query.model import Provenance
from tracker.query.render_json import provenance_dict
from tracker.store.blobs import read_blob, read_text_blob

ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
SCREENSHOT_NAME = "screenshot.png"
_EXTENSIONS = (
    ("html", "html"),
    ("pdf", "pdf"),
    ("markdown", "md"),
    ("text/plain", "txt"),
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The stored facts and bytes behind one version."""

    provenance: Provenance
    raw: bytes | None
    text: str
    screenshot: bytes | None = None

    @property
    def raw_name(self) -> str:
        fetch = self.provenance.first_fetch or self.provenance.last_fetch
        content_type = (fetch.content_type or "") if fetch else ""
        extension = next((ext for key, ext in _EXTENSIONS if key in content_type.lower()), "bin")
        return f"raw.{extension}"

    @property
    def file_name(self) -> str:
        """``together-ai__terms-of-service_v3_evidence.zip``."""
        slug = self.provenance.document.slug.replace("/", "__")
        return f"{slug}_v{self.provenance.version.number}_evidence.zip"


def collect_evidence(session: Session, slug: str, version: str) -> Evidence:
    """The evidence for version ``version`` (``3``, ``v3``, ``latest`` or a date) of ``slug``."""
    document = find_document(session, slug)
    row = resolve_version(session, document, version)
    return Evidence(
        provenance=provenance(session, document, row),
        raw=read_blob(session, row.raw_sha256) if row.raw_sha256 else None,
        text=read_text_blob(session, row.text_sha256),
        screenshot=read_blob(session, row.screenshot_sha256) if row.screenshot_sha256 else None,
    )


def evidence_files(evidence: Evidence) -> list[tuple[str, bytes]]:
    """The zip's files, in order (see the module docstring)."""
    files: list[tuple[str, bytes]] = []
    if evidence.raw is not None:
        files.append((evidence.raw_name, evidence.raw))
    files.append(("text.md", evidence.text.encode("utf-8")))
    if evidence.screenshot is not None:
        files.append((SCREENSHOT_NAME, evidence.screenshot))
    files.append(("fetch.json", _json_bytes(fetch_metadata(evidence))))
    sums = "".join(f"{sha256_hex(data)}  {name}\n" for name, data in files)
    files.append(("SHA256SUMS", sums.encode("ascii")))
    files.append(("CITATION.txt", (evidence.provenance.citation + "\n").encode("utf-8")))
    return files


def evidence_zip(evidence: Evidence) -> bytes:
    """The deterministic zip of :func:`evidence_files`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in evidence_files(evidence):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def fetch_metadata(evidence: Evidence) -> dict[str, Any]:
    return {
        **provenance_dict(evidence.provenance),
        "files": {
            "raw": evidence.raw_name if evidence.raw is not None else None,
            "text": "text.md",
            "screenshot": SCREENSHOT_NAME if evidence.screenshot is not None else None,
        },
    }


def _json_bytes(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")

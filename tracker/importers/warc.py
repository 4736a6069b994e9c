"""WARC, the web archives' file format (ISO 28500), in and out, with warcio.

**In** (``tracker import-warc FILE``): the ``response`` records of a crawl made by another
tool (wget ``--warc-file``, Heritrix, Browsertrix, webrecorder...) whose target URI is a
registered document's URL (scheme and host case, default port, fragment and a trailing slash
aside) and whose HTTP status is 200 become sightings of that document at the record's
``WARC-Date``, source ``archived``, oldest first, through the pipeline (guards included).
A ``revisit`` record of identical payload (the crawler saw the same bytes again) is a sighting
of the bytes it refers to, when the file holds them. Everything else is counted and skipped.

**Out** (``tracker export-evidence SLUG VERSION --warc``): the fetches that created and
verified a version, each as a ``request`` record and a ``response`` record with its HTTP
status and headers as stored and the raw bytes; a fetch that saw bytes already written is a
``revisit`` (identical payload), a ``304 Not Modified`` a ``revisit`` (server not modified),
as crawlers write them, so replay tools open the file. A ``warcinfo`` record comes first.
Record ids and dates come from the stored data: the same version always gives the same file.
Reading it back with ``import-warc`` gives the same raw and text hashes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tracker import __version__
from tracker.errors import InputError
from tracker.fetch import FetchedPage
from tracker.importers import ImportedItem, ImportListener, ImportReport
from tracker.query.lookup import find_document, resolve_version
from tracker.registry import DocumentSpec
from tracker.store.blobs import read_blob
from tracker.store.clause_search import index_new_clauses
from tracker.store.schema import Fetch
from tracker.track.context import TrackContext
from tracker.track.history import Sighting, record_sighting
from tracker.vocabulary import Source

WARC_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/policy-tracker/warc")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_REASONS = {200: "OK", 203: "Non-Authoritative Information", 304: "Not Modified"}


# -- in ----------------------------------------------------------------------------------------


@dataclass
class _Found:
    """The sightings a WARC file holds, per document, and what it skipped."""

    sightings: dict[str, list[Sighting]] = field(default_factory=dict)
    other_urls: int = 0
    not_ok: int = 0
    unresolved_revisits: int = 0


def normalized_url(url: str) -> str:
    """A URL as registered and as crawled compare equal: scheme and host lower case, no
    default port, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path.rstrip("/") or "", parts.query, ""))


def import_warc(
    context: TrackContext,
    documents: Sequence[DocumentSpec],
    path: Path,
    *,
    listener: ImportListener | None = None,
) -> ImportReport:
    """Place the responses of ``path`` for registered URLs in their documents' histories."""
    registered = {normalized_url(spec.url): spec for spec in documents}
    found = read_warc(path, registered, context.settings.max_body_bytes)
    report = ImportReport()
    by_slug = {spec.slug: spec for spec in documents}
    for slug in sorted(found.sightings):
        spec = by_slug[slug]
        for sighting in sorted(found.sightings[slug], key=lambda s: s.observed_at):
            result = record_sighting(context, spec, sighting)
            name = str(sighting.provenance["record_id"])
            report.add(ImportedItem(slug, name, sighting.observed_at, result), listener)
    if found.other_urls:
        report.skipped.append(f"{found.other_urls} records of URLs not registered")
    if found.not_ok:
        report.skipped.append(f"{found.not_ok} responses other than 200 OK")
    if found.unresolved_revisits:
        report.skipped.append(f"{found.unresolved_revisits} revisits of bytes not in the file")
    index_new_clauses(context.db)
    return report


def read_warc(path: Path, registered: dict[str, DocumentSpec], max_bytes: int) -> _Found:
    """The sightings of registered documents in the WARC file at ``path`` (gzipped or not)."""
    found = _Found()
    payloads: dict[str, tuple[bytes, str | None]] = {}  # payload digest -> bytes, type
    warc_records = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if not str(record.format).startswith("warc"):
                    break  # an ARC file, or text warcio reads as one
                warc_records += 1
                _read_record(record, path, registered, max_bytes, payloads, found)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except ArchiveLoadFailed as exc:
        raise InputError(f"{path}: not a WARC file ({exc})") from None
    if not warc_records:
        raise InputError(f"{path}: not a WARC file (no WARC record in it)")
    return found


def _read_record(
    record: Any,
    path: Path,
    registered: dict[str, DocumentSpec],
    max_bytes: int,
    payloads: dict[str, tuple[bytes, str | None]],
    found: _Found,
) -> None:
    if record.rec_type not in ("response", "revisit") or record.http_headers is None:
        return
    target = record.rec_headers.get_header("WARC-Target-URI") or ""
    spec = registered.get(normalized_url(target))
    if spec is None:
        found.other_urls += 1
        return
    status = int(record.http_headers.get_statuscode() or 0)
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    if record.rec_type == "response":
        if status != 200:
            found.not_ok += 1
            return
        body = record.content_stream().read(max_bytes + 1)
        if len(body) > max_bytes:
            raise InputError(f"{path}: the response for {target} is over the {max_bytes}-byte cap")
        content_type = record.http_headers.get_header("Content-Type")
        if digest:
            payloads[digest] = (body, content_type)
    else:
        profile = record.rec_headers.get_header("WARC-Profile") or ""
        if "identical-payload-digest" not in profile:
            return  # a 304 or another kind of revisit: no bytes of its own
        if digest not in payloads:
            found.unresolved_revisits += 1
            return
        body, content_type = payloads[digest]
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    sighting = Sighting(
        page=FetchedPage(
            url=spec.url,
            final_url=spec.url,
            status=200,
            content_type=content_type,
            etag=None,
            last_modified=None,
            body=body,
            duration_ms=0,
            fetcher="warc",
        ),
        observed_at=_warc_date(record.rec_headers.get_header("WARC-Date"), path),
        source=Source.ARCHIVED,
        provenance={
            "importer": "warc",
            "file": path.name,
            "record_id": record_id,
            "record_type": record.rec_type,
            "target": target,
            "description": f"WARC {record.rec_type} record {record_id} of {target} in {path.name}",
        },
    )
    found.sightings.setdefault(spec.slug, []).append(sighting)


def _warc_date(value: str | None, path: Path) -> datetime:
    try:
        moment = datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{path}: a record has no valid WARC-Date ({value!r})") from None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- out ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WarcExport:
    file_name: str
    data: bytes
    records: int
    fetches: int


def version_warc(session: Session, slug: str, version_ref: str) -> WarcExport:
    """The WARC file of the fetches behind version ``version_ref`` of ``slug``."""
    document = find_document(session, slug)
    version = resolve_version(session, document, version_ref)
    fetches = list(
        session.scalars(
            select(Fetch).where(Fetch.version_id == version.id).order_by(Fetch.started_at, Fetch.id)
        )
    )
    file_name = f"{slug.replace('/', '__')}_v{version.number}.warc.gz"
    buffer = io.BytesIO()
    writer = _Writer(buffer, slug)
    writer.info(
        file_name,
        {
            "software": f"Policy Tracker {__version__}",
            "format": "WARC File Format 1.1",
            "description": f"the fetches that created and verified {slug} version "
            f"{version.number} (text SHA-256 {version.text_sha256})",
        },
        _iso(version.first_seen),
    )
    written: dict[str, tuple[str, str]] = {}  # raw sha256 -> (target, date) of its response
    for fetch in fetches:
        # a fetch that verified the version stores no raw hash when its bytes are the version's
        raw = fetch.raw_sha256 if fetch.raw_sha256 is not None else version.raw_sha256
        writer.fetch(session, fetch, raw, written)
    return WarcExport(file_name, buffer.getvalue(), writer.records, len(fetches))


class _Writer:
    """warcio's writer with record ids and dates taken from the stored fetches."""

    def __init__(self, stream: IO[bytes], slug: str) -> None:
        self.writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        self.slug = slug
        self.records = 0

    def _headers(self, kind: str, key: object, date: str, **extra: str) -> dict[str, str]:
        record_id = uuid.uuid5(WARC_NAMESPACE, f"{self.slug}:{key}:{kind}")
        return {"WARC-Record-ID": f"<urn:uuid:{record_id}>", "WARC-Date": date, **extra}

    def _write(self, record: Any) -> None:
        self.writer.write_record(record)
        self.records += 1

    def info(self, file_name: str, fields: dict[str, str], date: str) -> None:
        payload = "".join(f"{k}: {v}\r\n" for k, v in fields.items()).encode("utf-8")
        record = self.writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict=self._headers(
                "warcinfo", file_name, date, **{"WARC-Filename": file_name}
            ),
        )
        self._write(record)

    def fetch(
        self, session: Session, fetch: Fetch, raw: str | None, written: dict[str, tuple[str, str]]
    ) -> None:
        """The request and response records of ``fetch``, whose bytes hash to ``raw``."""
        target = fetch.final_url or fetch.url
        date = _iso(fetch.started_at)
        extra = {"WARC-Source": fetch.source}  # observed, imported or archived
        response_id = self._headers("response", fetch.id, date)["WARC-Record-ID"]
        request = self.writer.create_warc_record(
            target,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=_request_headers(target),
            warc_headers_dict=self._headers(
                "request", fetch.id, date, **{"WARC-Concurrent-To": response_id}
            ),
        )
        if fetch.http_status == 304 or raw is None:  # nothing new came back
            response = self._not_modified(fetch, target, date, written, extra)
        elif raw in written:
            first_target, first_date = written[raw]
            body = read_blob(session, raw)
            response = self.writer.create_revisit_record(
                target,
                digest=_payload_digest(body),
                refers_to_uri=first_target,
                refers_to_date=first_date,
                http_headers=_response_headers(fetch, len(body)),
                warc_headers_dict=self._headers("response", fetch.id, date, **extra),
            )
        else:
            body = read_blob(session, raw)
            written[raw] = (target, date)
            response = self.writer.create_warc_record(
                target,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=_response_headers(fetch, len(body)),
                warc_headers_dict=self._headers("response", fetch.id, date, **extra),
            )
        if response is None:
            return
        self._write(response)
        self._write(request)

    def _not_modified(
        self,
        fetch: Fetch,
        target: str,
        date: str,
        written: dict[str, tuple[str, str]],
        extra: dict[str, str],
    ) -> Any:
        if not written:
            return None  # nothing it could refer to in this file
        first_target, first_date = next(reversed(written.values()))
        record = self.writer.create_warc_record(
            target,
            "revisit",
            http_headers=_response_headers(fetch, 0, status=304),
            warc_headers_dict=self._headers(
                "response",
                fetch.id,
                date,
                **{
                    "WARC-Profile": "http://netpreserve.org/warc/1.1/revisit/server-not-modified",
                    "WARC-Refers-To-Target-URI": first_target,
                    "WARC-Refers-To-Date": first_date,
                },
                **extra,
            ),
        )
        return record


def _request_headers(target: str) -> StatusAndHeaders:
    parts = urlsplit(target)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", parts.netloc), ("User-Agent", f"PolicyTracker/{__version__}")],
        protocol="",
        is_http_request=True,
    )


def _response_headers(fetch: Fetch, length: int, *, status: int | None = None) -> StatusAndHeaders:
    code = status or fetch.http_status or 200
    headers = [("Content-Type", fetch.content_type or "application/octet-stream")]
    headers += [("Content-Length", str(length))]
    if fetch.etag:
        headers.append(("ETag", fetch.etag))
    if fetch.last_modified:
        headers.append(("Last-Modified", fetch.last_modified))
    return StatusAndHeaders(f"{code} {_REASONS.get(code, 'OK')}", headers, protocol="HTTP/1.1")


def _payload_digest(body: bytes) -> str:
    """The payload digest warcio writes on responses (SHA-1, base 32), for revisits."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")  # noqa: S324


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

"""The webhook payload (pure): a digest or a heartbeat as a documented JSON document.

Version 1 of the payload (README, Alerts, has an example and how to verify the signature)::

    {"event": "digest", "payload_version": 1, "id": <idempotency key>,
     "subscription": str, "generated_at": time, "title": str,
     "counts": {"high": n, "medium": n, "low": n, "none": n},
     "documents": [{"slug", "service", "type", "url", "link",
                    "versions": [{"from": version, "to": version, "redline",
                                  "changes": [change, ...]}]}],
     "new_documents": [{"slug", "service", "type", "url", "version": version, "clauses"}],
     "failures": [{"slug", "service", "type", "url", "outcome", "error_kind", "message",
                   "since", "fetches", "nights", "last_good"}],
     "key_facts": [{"slug", "fact", "question", "from": answer, "to": answer,
                    "from_version", "to_version", "quote"}]}

    version = {"number", "id", "fetched_at", "last_verified", "url", "effective_date",
               "text_sha256", "raw_sha256"}
    change  = {"id", "kind", "detail", "severity", "direction", "reason",
               "topics": [{"id", "label"}], "section": [heading, ...],
               "old": text | null, "new": text | null, "link"}

Times are ISO 8601 in UTC (``2026-03-02T03:00:00Z``). ``link`` and ``redline`` point into the
web UI when ``TRACKER_PUBLIC_URL`` is set, and are null otherwise. Fetched text is data here:
it is never interpreted, and JSON encoding escapes what it must.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tracker.digest.model import (
    DigestData,
    DocumentRef,
    FailureNote,
    NewDocument,
    ReportedChange,
    VersionChanges,
    VersionEvidence,
)
from tracker.facts import FactChange
from tracker.render.links import absolute, change_anchor, document_path, redline_path
from tracker.vocabulary import SEVERITIES

PAYLOAD_VERSION = 1


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def digest_payload(
    data: DigestData,
    *,
    key: str,
    subscription: str,
    title: str,
    topic_labels: Mapping[str, str] | None = None,
    public_url: str | None = None,
) -> dict[str, Any]:
    """The ``digest`` event of ``data`` (already narrowed to the subscription)."""
    labels = topic_labels or {}
    counts = {str(severity): 0 for severity in SEVERITIES}
    for transition in data.transitions:
        for reported in transition.changes:
            counts[str(reported.change.severity)] += 1
    documents: dict[str, dict[str, Any]] = {}
    for transition in data.transitions:
        entry = documents.setdefault(
            transition.document.slug, {**_document(transition.document, public_url), "versions": []}
        )
        entry["versions"].append(_step(transition, labels, public_url))
    return {
        "event": "digest",
        "payload_version": PAYLOAD_VERSION,
        "id": key,
        "subscription": subscription,
        "generated_at": iso(data.generated_at),
        "title": title,
        "counts": counts,
        "documents": list(documents.values()),
        "new_documents": [_new_document(n, public_url) for n in data.new_documents],
        "failures": [_failure(f) for f in data.failures],
        "key_facts": [_fact(c) for c in data.fact_changes],
    }


def heartbeat_payload(
    *,
    key: str,
    subscription: str,
    title: str,
    generated_at: datetime,
    verified: int,
    failures: tuple[FailureNote, ...],
    last_message: datetime | None,
) -> dict[str, Any]:
    """The ``heartbeat`` event: still watching, how many documents verified, which failing."""
    return {
        "event": "heartbeat",
        "payload_version": PAYLOAD_VERSION,
        "id": key,
        "subscription": subscription,
        "generated_at": iso(generated_at),
        "title": title,
        "verified": verified,
        "failing": len(failures),
        "last_message": iso(last_message),
        "failures": [_failure(f) for f in failures],
    }


def _document(document: DocumentRef, public_url: str | None) -> dict[str, Any]:
    return {
        "slug": document.slug,
        "service": document.service,
        "type": document.type,
        "url": document.url,
        "link": absolute(public_url, document_path(document.slug)) if public_url else None,
    }


def _version(evidence: VersionEvidence) -> dict[str, Any]:
    return {
        "number": evidence.number,
        "id": evidence.version_id,
        "fetched_at": iso(evidence.fetched_at),
        "last_verified": iso(evidence.last_verified),
        "url": evidence.url,
        "effective_date": evidence.effective_date.isoformat() if evidence.effective_date else None,
        "text_sha256": evidence.text_sha256,
        "raw_sha256": evidence.raw_sha256,
    }


def _step(
    transition: VersionChanges, labels: Mapping[str, str], public_url: str | None
) -> dict[str, Any]:
    slug, old, new = transition.document.slug, transition.old.number, transition.new.number

    def redline(anchor: str | None = None) -> str | None:
        if not public_url:
            return None
        return absolute(public_url, redline_path(slug, old, new, anchor=anchor))

    return {
        "from": _version(transition.old),
        "to": _version(transition.new),
        "redline": redline(),
        "changes": [
            _change(r, labels, redline(change_anchor(r.change))) for r in transition.changes
        ],
    }


def _change(
    reported: ReportedChange, labels: Mapping[str, str], link: str | None
) -> dict[str, Any]:
    change = reported.change
    clause = (change.new or change.old)[0]
    return {
        "id": reported.change_id,
        "kind": change.kind,
        "detail": change.detail,
        "severity": str(change.severity),
        "direction": str(change.direction),
        "reason": change.reason,
        "topics": [{"id": t, "label": labels.get(t, t)} for t in change.topics],
        "section": list(clause.path),
        "old": "\n".join(c.display_text for c in change.old) or None,
        "new": "\n".join(c.display_text for c in change.new) or None,
        "link": link,
    }


def _new_document(item: NewDocument, public_url: str | None) -> dict[str, Any]:
    return {
        **_document(item.document, public_url),
        "version": _version(item.version),
        "clauses": item.clause_count,
    }


def _failure(note: FailureNote) -> dict[str, Any]:
    return {
        "slug": note.document.slug,
        "service": note.document.service,
        "type": note.document.type,
        "url": note.document.url,
        "outcome": note.outcome,
        "error_kind": note.error_kind,
        "message": note.error_message,
        "since": iso(note.since),
        "fetches": note.consecutive,
        "nights": note.nights,
        "last_good": iso(note.last_good),
    }


def _fact(change: FactChange) -> dict[str, Any]:
    return {
        "slug": change.new_version.slug,
        "fact": change.fact_id,
        "question": change.question,
        "from": str(change.old.answer),
        "to": str(change.new.answer),
        "from_version": change.old_version.number,
        "to_version": change.new_version.number,
        "quote": change.new.quote,
    }

"""JSON forms of the history queries' results (pure): plain dicts, and safe serialisation.

Conventions: times are ISO 8601 in UTC with a ``Z``; versions are named by their ``number``
within the document (as ``tracker history`` shows them) with the database ``id`` beside it;
clauses carry ``clause_id`` (database id, what ``tracker clause`` takes), ``key`` (the
extractor's stable id) and ``lineage_id``.

:func:`to_json` escapes, besides what JSON always escapes, the C1 control characters, DEL,
bidirectional controls and line/paragraph separators, so stored text printed as JSON cannot
drive a terminal either.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tracker.model import Change, InlineOp
from tracker.query.model import DocumentRef, FetchProof, Provenance, StoredClause, VersionInfo
from tracker.render.compare import change_to_json_dict, diff_to_json_dict

if TYPE_CHECKING:
    from tracker.facts import FactChange, FactStatement, KeyFact, VersionRef
    from tracker.query.asof import DocumentView
    from tracker.query.changelog import LogEntry
    from tracker.query.history import History
    from tracker.query.keyfacts import KeyFacts, ServiceFacts
    from tracker.query.lineage import ClauseLineage
    from tracker.query.overview import DocumentStatus
    from tracker.query.quote import QuoteCheck
    from tracker.query.search import PresenceRange, SearchResult
    from tracker.query.verify import VerifyReport
    from tracker.query.versiondiff import VersionDiff


_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def to_json(value: Any) -> str:
    """``value`` as indented JSON, non-ASCII kept readable, terminal-unsafe characters escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def instant(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat().replace("+00:00", "Z")


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def document_dict(document: DocumentRef) -> dict[str, Any]:
    return {
        "slug": document.slug,
        "service": document.service,
        "type": document.type,
        "url": document.url,
    }


def version_dict(version: VersionInfo) -> dict[str, Any]:
    return {
        "number": version.number,
        "id": version.id,
        "first_seen": instant(version.first_seen),
        "last_verified": instant(version.last_verified),
        "text_sha256": version.text_sha256,
        "raw_sha256": version.raw_sha256,
        "clause_count": version.clause_count,
        "effective_date": day(version.effective_date),
        "title": version.title,
        "technical": version.technical,
        "date_only": version.date_only,
        "source": version.source,
        "screenshot_sha256": version.screenshot_sha256,
    }


def fetch_dict(fetch: FetchProof | None) -> dict[str, Any] | None:
    if fetch is None:
        return None
    return {
        "id": fetch.id,
        "started_at": instant(fetch.started_at),
        "outcome": fetch.outcome,
        "url": fetch.url,
        "final_url": fetch.final_url,
        "http_status": fetch.http_status,
        "content_type": fetch.content_type,
        "raw_sha256": fetch.raw_sha256,
        "text_sha256": fetch.text_sha256,
        "etag": fetch.etag,
        "last_modified": fetch.last_modified,
        "source": fetch.source,
        "provenance": dict(fetch.provenance) if fetch.provenance else None,
        "fetcher": fetch.fetcher,
        "escalation": fetch.escalation,
        "replayed": fetch.replayed,
    }


def provenance_dict(proof: Provenance) -> dict[str, Any]:
    following = proof.next_version
    return {
        "document": document_dict(proof.document),
        "version": version_dict(proof.version),
        "source_url": proof.source_url,
        "first_fetch": fetch_dict(proof.first_fetch),
        "last_fetch": fetch_dict(proof.last_fetch),
        "fetch_count": proof.fetch_count,
        "replaced_by": (
            {"number": following.number, "first_seen": instant(following.first_seen)}
            if following
            else None
        ),
        "citation": proof.citation,
    }


def clause_dict(stored: StoredClause) -> dict[str, Any]:
    clause = stored.clause
    return {
        "clause_id": stored.row_id,
        "key": clause.id,
        "lineage_id": stored.lineage_id,
        "position": stored.position,
        "path": list(clause.path),
        "label": clause.label,
        "kind": clause.kind,
        "level": clause.level,
        "text": clause.text,
        "sha256": clause.sha256,
        "topics": list(stored.topics) if stored.topics is not None else None,
    }


def inline_list(ops: tuple[InlineOp, ...]) -> list[list[str]]:
    return [[op.tag, op.text] for op in ops]


def change_dict(change: Change) -> dict[str, Any]:
    """A change as ``tracker compare --format json`` writes it, plus its ``detail``."""
    return {**change_to_json_dict(change), "detail": change.detail}


def history_dict(history: History) -> dict[str, Any]:
    return {
        "document": document_dict(history.document),
        "total": history.total,
        "offset": history.offset,
        "versions": [
            {
                **version_dict(entry.version),
                "changes": dict(entry.changes.kinds),
                "severities": dict(entry.changes.severities),
                "highest_severity": entry.changes.highest_severity,
                "summary": entry.summary,
            }
            for entry in history.entries
        ],
    }


def view_dict(view: DocumentView) -> dict[str, Any]:
    return {
        "asked_at": view.asked_at.text if view.asked_at else None,
        "as_of": instant(view.asked_at.end) if view.asked_at else None,
        **provenance_dict(view.provenance),
        "rests_on": rests_on_dict(view.provenance) if view.asked_at else None,
        "text": view.text,
        "clauses": [clause_dict(c) for c in view.clauses],
        "changes_from": view.previous,
        "changes": [change_dict(c) for c in view.changes],
    }


def rests_on_dict(proof: Provenance) -> dict[str, Any] | None:
    """What an as-of answer rests on (see :attr:`Provenance.rests_on`)."""
    fetch = proof.rests_on
    if fetch is None:
        return None
    return {
        "fetch_id": fetch.id,
        "source": fetch.source,
        "seen_at": instant(fetch.started_at),
        "replayed": fetch.replayed,
    }


def version_diff_dict(result: VersionDiff) -> dict[str, Any]:
    return {
        "document": document_dict(result.new.document),
        "from": provenance_dict(result.old),
        "to": provenance_dict(result.new),
        "source": "stored" if result.stored else "computed",
        **diff_to_json_dict(result.diff),
    }


def log_dict(entries: tuple[LogEntry, ...]) -> list[dict[str, Any]]:
    return [
        {
            "change_id": e.change_id,
            "document": e.document.slug,
            "service": e.document.service,
            "from_version": e.from_version,
            "to_version": e.to_version,
            "recorded_at": instant(e.recorded_at),
            "source": e.source,
            **change_dict(e.change),
        }
        for e in entries
    ]


def range_dict(presence: PresenceRange) -> dict[str, Any]:
    return {
        "from_version": presence.first.number,
        "to_version": presence.last.number,
        "first_appeared": instant(presence.first.first_seen),
        "last_verified": instant(presence.last.last_verified),
        "disappeared_in": presence.gone_in.number if presence.gone_in else None,
        "disappeared": instant(presence.gone_in.first_seen) if presence.gone_in else None,
    }


def search_dict(result: SearchResult) -> dict[str, Any]:
    return {
        "phrase": result.phrase,
        "documents": [
            {
                "document": document_dict(d.document),
                "first_appeared": instant(d.first_appeared.first_seen),
                "disappeared": instant(d.disappeared.first_seen) if d.disappeared else None,
                "ranges": [range_dict(r) for r in d.ranges],
                "clauses": [
                    {
                        "lineage_id": lineage.lineage_id,
                        "key": lineage.key,
                        "text": lineage.text,
                        "clause_ids": list(lineage.clause_ids),
                        "ranges": [range_dict(r) for r in lineage.ranges],
                    }
                    for lineage in d.lineages
                ],
            }
            for d in result.documents
        ],
    }


def quote_dict(check: QuoteCheck) -> dict[str, Any]:
    matches = check.matches
    closest = check.closest
    return {
        "quote": check.quote,
        "document": document_dict(check.document),
        "at": check.asked_at.text if check.asked_at else None,
        "at_version": check.at_version.number if check.at_version else None,
        "found": check.found,
        "verbatim": check.verbatim,
        "versions": list(check.versions),
        "first_seen": instant(matches[0].version.first_seen) if matches else None,
        "last_seen": instant(matches[-1].version.last_verified) if matches else None,
        "matches": [
            {
                "version": m.version.number,
                "version_id": m.version.id,
                "clauses": [clause_dict(c) for c in m.clauses],
            }
            for m in matches
        ],
        "closest": (
            {
                "clause_id": closest.clause.row_id,
                "key": closest.clause.clause.id,
                "version": closest.version.number,
                "version_id": closest.version.id,
                "text": closest.clause.clause.display_text,
                "passage": closest.passage,
                "similarity": closest.similarity,
                "inline": inline_list(closest.inline),
            }
            if closest
            else None
        ),
        "evidence": [provenance_dict(p) for p in check.evidence],
    }


def lineage_dict(lineage: ClauseLineage) -> dict[str, Any]:
    return {
        "document": document_dict(lineage.document),
        "lineage_id": lineage.lineage_id,
        "first_tracked": instant(lineage.first_tracked),
        "last_verified": instant(lineage.last_verified),
        "removed_in": lineage.removed_in.number if lineage.removed_in else None,
        "removed": instant(lineage.removed_in.first_seen) if lineage.removed_in else None,
        "wordings": [
            {
                "from_version": w.first.number,
                "to_version": w.last.number,
                "first_seen": instant(w.first.first_seen),
                "last_verified": instant(w.last.last_verified),
                **clause_dict(w.clause),
                "inline": inline_list(w.inline),
            }
            for w in lineage.wordings
        ],
    }


def verify_dict(report: VerifyReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "checked": {
            "blobs": report.blobs,
            "versions": report.versions,
            "clauses": report.clauses,
            "fetches": report.fetches,
        },
        "mismatches": [
            {
                "table": m.table,
                "row": m.row,
                "field": m.field,
                "stored": m.stored,
                "computed": m.computed,
            }
            for m in report.mismatches
        ],
    }


def facts_json(found: KeyFacts) -> dict[str, Any]:
    """The JSON document printed by ``tracker facts --format json`` (see the README)."""
    return {
        "documents": [
            {
                "slug": entry.slug,
                "service": entry.service,
                "type": entry.type,
                "version": fact_version_dict(entry.version) if entry.version else None,
                "facts": [fact_dict(fact) for fact in entry.facts],
            }
            for entry in found.documents
        ],
        "contradictions": [
            {
                "service": c.service,
                "fact": c.fact_id,
                "question": c.question,
                "documents": [statement_dict(c.first), statement_dict(c.second)],
            }
            for c in found.contradictions
        ],
    }


def service_facts_dict(found: ServiceFacts) -> dict[str, Any]:
    """``facts_json`` of a service, and every answer that changed over time."""
    return {
        "service": found.service,
        **facts_json(found.now),
        "changes": [fact_change_dict(c) for c in found.changes],
    }


def fact_change_dict(change: FactChange) -> dict[str, Any]:
    return {
        "slug": change.new_version.slug,
        "fact": change.fact_id,
        "question": change.question,
        "changed_on": change.changed_on.isoformat(),
        "from_version": change.old_version.number,
        "to_version": change.new_version.number,
        "old": {k: v for k, v in fact_dict(change.old).items() if k not in ("id", "question")},
        "new": {k: v for k, v in fact_dict(change.new).items() if k not in ("id", "question")},
    }


def fact_version_dict(version: VersionRef) -> dict[str, Any]:
    return {
        "number": version.number,
        "id": version.version_id,
        "technical": version.technical,
        "first_seen": version.first_seen.isoformat(),
        "last_verified": version.last_verified.isoformat(),
    }


def fact_dict(fact: KeyFact) -> dict[str, Any]:
    return {
        "id": fact.fact_id,
        "question": fact.question,
        "answer": fact.answer,
        "quote": fact.quote,
        "clause_id": fact.clause_id,
        "clause_row_id": fact.clause_row_id,
        "why": fact.why,
    }


def statement_dict(statement: FactStatement) -> dict[str, Any]:
    return {
        "slug": statement.version.slug,
        "version": statement.version.number,
        "last_verified": statement.version.last_verified.isoformat(),
        **{k: v for k, v in fact_dict(statement.fact).items() if k not in ("id", "question")},
    }


def document_status_dict(status: DocumentStatus) -> dict[str, Any]:
    """One document of the overview: latest version, last change, health."""
    change, health = status.last_change, status.health
    return {
        **document_dict(status.document),
        "active": status.active,
        "versions": status.versions,
        "latest": version_dict(status.latest) if status.latest else None,
        "last_change": (
            {
                "version": change.version.number,
                "first_seen": instant(change.version.first_seen),
                "changes": change.changes,
                "highest_severity": change.highest_severity,
            }
            if change
            else None
        ),
        "health": (
            {
                "outcome": health.outcome,
                "kind": health.kind,
                "message": health.message,
                "since": instant(health.since),
                "fetches": health.fetches,
                "last_good": instant(health.last_good),
            }
            if health
            else None
        ),
    }

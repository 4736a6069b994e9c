"""The OpenAPI 3.1 description of the JSON API, made from :data:`tracker.web.api.ENDPOINTS`.

The component schemas below describe the command line's JSON (README, *Querying the
history*); the test suite validates real answers against them, so they stay true.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker import __version__

if TYPE_CHECKING:
    from tracker.web.api import Endpoint

STRING: dict[str, Any] = {"type": "string"}
INTEGER: dict[str, Any] = {"type": "integer"}
BOOLEAN: dict[str, Any] = {"type": "boolean"}
INSTANT: dict[str, Any] = {"type": "string", "format": "date-time"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def obj(properties: dict[str, Any], *, extra: bool = True) -> dict[str, Any]:
    """An object with every listed property required."""
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": extra,
    }


SEVERITY = {"type": "string", "enum": ["high", "medium", "low", "none"]}
INLINE = array({"type": "array", "prefixItems": [STRING, STRING], "minItems": 2, "maxItems": 2})

VERSION = {
    "number": INTEGER,
    "id": INTEGER,
    "first_seen": INSTANT,
    "last_verified": INSTANT,
    "text_sha256": STRING,
    "raw_sha256": nullable(STRING),
    "clause_count": INTEGER,
    "effective_date": nullable(STRING),
    "title": nullable(STRING),
    "technical": BOOLEAN,
}
PROVENANCE = {
    "document": ref("Document"),
    "version": ref("Version"),
    "source_url": STRING,
    "first_fetch": nullable(ref("Fetch")),
    "last_fetch": nullable(ref("Fetch")),
    "fetch_count": INTEGER,
    "replaced_by": nullable(obj({"number": INTEGER, "first_seen": INSTANT})),
    "citation": STRING,
}
CLAUSE = {
    "clause_id": INTEGER,
    "key": STRING,
    "lineage_id": nullable(INTEGER),
    "position": INTEGER,
    "path": array(STRING),
    "label": nullable(STRING),
    "kind": STRING,
    "level": INTEGER,
    "text": STRING,
    "sha256": STRING,
    "topics": nullable(array(STRING)),
}
SIDE = nullable(obj({"id": STRING, "path": array(STRING), "text": STRING}))
CHANGE = {
    "kind": {"type": "string", "enum": ["modified", "added", "removed", "moved", "cosmetic"]},
    "old": SIDE,
    "new": SIDE,
    "similarity": nullable({"type": "number"}),
    "inline": INLINE,
    "topics": array(STRING),
    "severity": SEVERITY,
}
RANGE = obj(
    {
        "from_version": INTEGER,
        "to_version": INTEGER,
        "first_appeared": INSTANT,
        "last_verified": INSTANT,
        "disappeared_in": nullable(INTEGER),
        "disappeared": nullable(INSTANT),
    }
)
FACT = {
    "answer": {"type": "string", "enum": ["yes", "no", "not stated"]},
    "quote": nullable(STRING),
    "clause_id": nullable(STRING),
    "clause_row_id": nullable(INTEGER),
    "why": STRING,
}
FACTS = {
    "documents": array(
        obj(
            {
                "slug": STRING,
                "service": STRING,
                "type": STRING,
                "version": nullable(
                    obj(
                        {
                            "number": INTEGER,
                            "id": INTEGER,
                            "technical": BOOLEAN,
                            "first_seen": STRING,
                            "last_verified": STRING,
                        }
                    )
                ),
                "facts": array(obj({"id": STRING, "question": STRING, **FACT})),
            }
        )
    ),
    "contradictions": array(
        obj(
            {
                "service": STRING,
                "fact": STRING,
                "question": STRING,
                "documents": array(
                    obj({"slug": STRING, "version": INTEGER, "last_verified": STRING, **FACT})
                ),
            }
        )
    ),
}

VERDICT = {
    "type": "string",
    "enum": ["supported", "stale", "altered", "contradicted", "not found", "not checked"],
}
CLAIM_BASE = {
    "kind": {"type": "string", "enum": ["quotation", "citation", "fact"]},
    "verdict": VERDICT,
    "reason": STRING,
    "sentence": STRING,
}
CLAIM = obj(CLAIM_BASE)
DAY = obj({"date": STRING, "stated_as": nullable(STRING)})
QUOTATION_CLAIM = obj(
    {
        **CLAIM_BASE,
        "quote": STRING,
        "marked_by": STRING,
        "found": {
            "type": "string",
            "enum": ["verbatim", "normalised", "shortened", "edited", "not found"],
        },
        "differences": array(STRING),
        "similarity": nullable({"type": "number"}),
        "passage": nullable(STRING),
        "inline": INLINE,
        "documents": array(
            obj(
                {
                    "document": ref("Document"),
                    "versions": array(INTEGER),
                    "first_seen": INSTANT,
                    "last_seen": INSTANT,
                    "in_force_at_access": nullable(INTEGER),
                    "clauses": array(ref("Clause")),
                    "evidence": array(ref("Provenance")),
                }
            )
        ),
        "closest": nullable(
            obj(
                {
                    "document": ref("Document"),
                    "version": ref("Version"),
                    "clause": ref("Clause"),
                    "passage": STRING,
                    "similarity": {"type": "number"},
                    "inline": INLINE,
                }
            )
        ),
    }
)
CITATION_CLAIM = obj(
    {
        **CLAIM_BASE,
        "document": ref("Document"),
        "named_as": STRING,
        "cited": nullable(DAY),
        "accessed": DAY,
        "page_level": BOOLEAN,
        "cited_version": nullable(ref("Version")),
        "resolved_by": nullable(STRING),
        "access_version": nullable(ref("Version")),
        "changes_between": nullable(
            obj({"versions": INTEGER, "count": INTEGER, "highest_severity": SEVERITY})
        ),
    }
)
FACT_CLAIM = obj(
    {
        **CLAIM_BASE,
        "fact": STRING,
        "question": STRING,
        "label": STRING,
        "value": STRING,
        "stated": {"type": "string", "enum": ["yes", "no"]},
        "agreement": nullable(
            {"type": "string", "enum": ["agrees", "disagrees", "divided", "not stated"]}
        ),
        "evidence": array(
            obj(
                {
                    "document": ref("Document"),
                    "version": ref("Version"),
                    "answer": {"type": "string", "enum": ["yes", "no", "not stated"]},
                    "quote": nullable(STRING),
                    "clause_id": nullable(INTEGER),
                    "key": nullable(STRING),
                    "why": STRING,
                }
            )
        ),
    }
)

SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": obj({"error": STRING, "status": INTEGER}),
    "Document": obj({"slug": STRING, "service": STRING, "type": STRING, "url": STRING}),
    "Version": obj(VERSION),
    "Fetch": obj(
        {
            "id": INTEGER,
            "started_at": INSTANT,
            "outcome": STRING,
            "url": STRING,
            "final_url": nullable(STRING),
            "http_status": nullable(INTEGER),
            "content_type": nullable(STRING),
            "raw_sha256": nullable(STRING),
            "text_sha256": nullable(STRING),
            "etag": nullable(STRING),
            "last_modified": nullable(STRING),
        }
    ),
    "Provenance": obj(PROVENANCE),
    "Clause": obj(CLAUSE),
    "Change": obj(CHANGE),
    "Documents": obj(
        {
            "documents": array(
                obj(
                    {
                        "slug": STRING,
                        "service": STRING,
                        "type": STRING,
                        "url": STRING,
                        "active": BOOLEAN,
                        "versions": INTEGER,
                        "latest": nullable(ref("Version")),
                        "last_change": nullable(
                            obj(
                                {
                                    "version": INTEGER,
                                    "first_seen": INSTANT,
                                    "changes": INTEGER,
                                    "highest_severity": SEVERITY,
                                }
                            )
                        ),
                        "health": nullable(
                            obj(
                                {
                                    "outcome": STRING,
                                    "kind": STRING,
                                    "message": STRING,
                                    "since": INSTANT,
                                    "fetches": INTEGER,
                                    "last_good": nullable(INSTANT),
                                }
                            )
                        ),
                    }
                )
            )
        }
    ),
    "History": obj(
        {
            "document": ref("Document"),
            "total": INTEGER,
            "offset": INTEGER,
            "versions": array(
                obj(
                    {
                        **VERSION,
                        "changes": {"type": "object", "additionalProperties": INTEGER},
                        "severities": {"type": "object", "additionalProperties": INTEGER},
                        "highest_severity": SEVERITY,
                        "summary": STRING,
                    }
                )
            ),
        }
    ),
    "DocumentView": obj(
        {
            "asked_at": nullable(STRING),
            "as_of": nullable(INSTANT),
            **PROVENANCE,
            "text": STRING,
            "clauses": array(ref("Clause")),
        }
    ),
    "VersionDiff": obj(
        {
            "document": ref("Document"),
            "from": ref("Provenance"),
            "to": ref("Provenance"),
            "source": {"type": "string", "enum": ["stored", "computed"]},
            "summary": {"type": "object", "additionalProperties": INTEGER},
            "changes": array(ref("Change")),
        }
    ),
    "VerifyReport": obj(
        {
            "ok": BOOLEAN,
            "checked": obj(
                {"blobs": INTEGER, "versions": INTEGER, "clauses": INTEGER, "fetches": INTEGER}
            ),
            "mismatches": array(
                obj(
                    {
                        "table": STRING,
                        "row": STRING,
                        "field": STRING,
                        "stored": STRING,
                        "computed": STRING,
                    }
                )
            ),
        }
    ),
    "Changes": array(
        obj(
            {
                "change_id": INTEGER,
                "document": STRING,
                "service": STRING,
                "from_version": INTEGER,
                "to_version": INTEGER,
                "recorded_at": INSTANT,
                **CHANGE,
                "detail": nullable(STRING),
            }
        )
    ),
    "Facts": obj(FACTS),
    "ServiceFacts": obj(
        {
            "service": STRING,
            **FACTS,
            "changes": array(
                obj(
                    {
                        "slug": STRING,
                        "fact": STRING,
                        "question": STRING,
                        "changed_on": STRING,
                        "from_version": INTEGER,
                        "to_version": INTEGER,
                        "old": obj(FACT),
                        "new": obj(FACT),
                    }
                )
            ),
        }
    ),
    "Search": obj(
        {
            "phrase": STRING,
            "documents": array(
                obj(
                    {
                        "document": ref("Document"),
                        "first_appeared": INSTANT,
                        "disappeared": nullable(INSTANT),
                        "ranges": array(RANGE),
                        "clauses": array(
                            obj(
                                {
                                    "lineage_id": INTEGER,
                                    "key": STRING,
                                    "text": STRING,
                                    "clause_ids": array(INTEGER),
                                    "ranges": array(RANGE),
                                }
                            )
                        ),
                    }
                )
            ),
        }
    ),
    "Quote": obj(
        {
            "quote": STRING,
            "document": ref("Document"),
            "at": nullable(STRING),
            "at_version": nullable(INTEGER),
            "found": BOOLEAN,
            "verbatim": BOOLEAN,
            "versions": array(INTEGER),
            "first_seen": nullable(INSTANT),
            "last_seen": nullable(INSTANT),
            "matches": array(
                obj({"version": INTEGER, "version_id": INTEGER, "clauses": array(ref("Clause"))})
            ),
            "closest": nullable(
                obj(
                    {
                        "clause_id": INTEGER,
                        "key": STRING,
                        "version": INTEGER,
                        "version_id": INTEGER,
                        "text": STRING,
                        "passage": STRING,
                        "similarity": {"type": "number"},
                        "inline": INLINE,
                    }
                )
            ),
            "evidence": array(ref("Provenance")),
        }
    ),
    "Claims": obj(
        {
            "source": STRING,
            "title": nullable(STRING),
            "services": array(STRING),
            "documents": array(STRING),
            "as_of": obj({"date": STRING, "stated_as": nullable(STRING)}),
            "verdict": nullable(VERDICT),
            "counts": {"type": "object", "additionalProperties": INTEGER},
            "claims": array({"anyOf": [QUOTATION_CLAIM, CITATION_CLAIM, FACT_CLAIM, CLAIM]}),
        }
    ),
    "Lineage": obj(
        {
            "document": ref("Document"),
            "lineage_id": INTEGER,
            "first_tracked": INSTANT,
            "last_verified": INSTANT,
            "removed_in": nullable(INTEGER),
            "removed": nullable(INSTANT),
            "wordings": array(
                obj(
                    {
                        "from_version": INTEGER,
                        "to_version": INTEGER,
                        "first_seen": INSTANT,
                        "last_verified": INSTANT,
                        **CLAUSE,
                        "inline": INLINE,
                    }
                )
            ),
        }
    ),
}

ERRORS = {
    "400": "a bad parameter (one line says which)",
    "404": "no such document, version, clause or service",
}


def openapi_document(endpoints: Sequence[Endpoint], public_url: str | None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``endpoints``."""
    paths: dict[str, Any] = {}
    for endpoint in endpoints:
        responses: dict[str, Any] = {
            "200": {
                "description": "the answer",
                "content": {"application/json": {"schema": ref(endpoint.schema)}},
            }
        }
        for code, why in ERRORS.items():
            responses[code] = {
                "description": why,
                "content": {"application/json": {"schema": ref("Error")}},
            }
        paths[endpoint.path] = {
            "get": {
                "operationId": endpoint.name,
                "summary": endpoint.summary,
                "parameters": [
                    {
                        "name": p.name,
                        "in": p.where,
                        "required": p.required or p.where == "path",
                        "description": p.description,
                        "schema": dict(p.schema),
                    }
                    for p in endpoint.parameters
                ],
                "responses": responses,
            }
        }
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "Policy Tracker",
            "version": __version__,
            "description": "Read-only access to the stored history of policy documents: "
            "versions, clause diffs, key facts, search, quote and claims checks. The shapes are "
            "those of the command line's `--format json`. When the server has a token "
            "(TRACKER_UI_TOKEN), send it as `Authorization: Bearer TOKEN`.",
        },
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }
    if public_url:
        document["servers"] = [{"url": public_url}]
    return document

"""The JSON API under ``/api/``: the command line's JSON, over HTTP.

Each endpoint answers with the very dictionaries ``tracker ... --format json`` prints
(:mod:`tracker.query.render_json`), so a script can move between the two. :data:`ENDPOINTS`
is the one table of the API: the routes and the OpenAPI description
(:mod:`tracker.web.openapi`, served at ``/api/openapi.json``) are both made from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tracker.claims import page_from_text
from tracker.errors import UsageError
from tracker.query.asof import show_document
from tracker.query.changelog import LogFilters, change_log
from tracker.query.claims import check_claims
from tracker.query.dates import parse_when
from tracker.query.history import DEFAULT_LIMIT, document_history
from tracker.query.keyfacts import key_facts, service_facts
from tracker.query.lineage import clause_lineage
from tracker.query.overview import documents_overview
from tracker.query.quote import check_quote
from tracker.query.render_claims import claims_dict
from tracker.query.render_json import (
    document_status_dict,
    facts_json,
    history_dict,
    lineage_dict,
    log_dict,
    quote_dict,
    search_dict,
    service_facts_dict,
    verify_dict,
    version_diff_dict,
    view_dict,
)
from tracker.query.search import search_phrase
from tracker.query.verify import verify_version
from tracker.query.versiondiff import diff_versions
from tracker.web import params
from tracker.web.app import JSONResponse, WebContext, context_of

MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter as the OpenAPI description names it (``where``: path or query)."""

    name: str
    where: str
    description: str
    required: bool = False
    schema: tuple[tuple[str, Any], ...] = (("type", "string"),)


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str
    name: str
    summary: str
    answer: Callable[[Request, WebContext, Session], Any]
    parameters: tuple[Param, ...] = ()
    schema: str = ""  # the component schema of the answer (tracker.web.openapi)


def _slug(request: Request) -> str:
    return params.slug(request.path_params)


def _limit(request: Request, default: int) -> int | None:
    raw = params.offset(request.query_params, "limit")
    if raw > MAX_LIMIT:
        raise UsageError(f"parameter 'limit' must be at most {MAX_LIMIT}")
    return raw or default


def documents(request: Request, context: WebContext, session: Session) -> Any:
    return {"documents": [document_status_dict(d) for d in documents_overview(session)]}


def versions(request: Request, context: WebContext, session: Session) -> Any:
    found = document_history(
        session,
        _slug(request),
        limit=_limit(request, DEFAULT_LIMIT),
        offset=params.offset(request.query_params),
    )
    return history_dict(found)


def version(request: Request, context: WebContext, session: Session) -> Any:
    ref = request.path_params["ref"]
    number = "latest" if ref == "latest" else str(params.version_number(ref))
    return view_dict(show_document(session, _slug(request), version=number))


def as_of(request: Request, context: WebContext, session: Session) -> Any:
    day = params.required_text(request.query_params, "date", limit=40)
    return view_dict(show_document(session, _slug(request), at=day))


def diff(request: Request, context: WebContext, session: Session) -> Any:
    query = request.query_params
    found = diff_versions(
        session,
        _slug(request),
        params.version_ref(query, "from"),
        params.version_ref(query, "to"),
        classify=context.classify,
    )
    return version_diff_dict(found)


def verify(request: Request, context: WebContext, session: Session) -> Any:
    ref = request.path_params["ref"]
    number = "latest" if ref == "latest" else str(params.version_number(ref))
    return verify_dict(verify_version(session, _slug(request), number))


def changes(request: Request, context: WebContext, session: Session) -> Any:
    query = request.query_params
    since = params.text(query, "since", limit=40)
    filters = LogFilters(
        since=parse_when(since).start if since else None,
        severity=params.severity(query),
        topic=params.choice(query, "topic", context.topic_labels),
        service=params.text(query, "service", limit=200),
        document=params.text(query, "document", limit=200),
        limit=_limit(request, 100),
    )
    return log_dict(change_log(session, filters))


def facts(request: Request, context: WebContext, session: Session) -> Any:
    query = request.query_params
    return facts_json(
        key_facts(session, params.text(query, "service", limit=200), params.text(query, "document"))
    )


def service(request: Request, context: WebContext, session: Session) -> Any:
    key = params.path_part(request.path_params, "service")
    return service_facts_dict(service_facts(session, key))


def search(request: Request, context: WebContext, session: Session) -> Any:
    query = request.query_params
    phrase = params.required_text(query, "q", limit=params.MAX_PHRASE)
    return search_dict(search_phrase(session, phrase, document=params.text(query, "document")))


def quote(request: Request, context: WebContext, session: Session) -> Any:
    query = request.query_params
    check = check_quote(
        session,
        params.required_text(query, "text"),
        params.required_text(query, "document", limit=200),
        at=params.text(query, "at", limit=40),
    )
    return quote_dict(check)


def claims(request: Request, context: WebContext, session: Session) -> Any:
    query = request.query_params
    report = check_claims(
        session,
        page_from_text(
            params.required_text(query, "text", limit=params.MAX_PAGE_TEXT), name="text"
        ),
        context.rules,
        today=datetime.now(UTC).date(),
        service=params.text(query, "service", limit=200),
        documents=[d for d in query.getlist("document") if d.strip()],
    )
    return claims_dict(report)


def clause(request: Request, context: WebContext, session: Session) -> Any:
    return lineage_dict(clause_lineage(session, params.clause_id(request.path_params["clause"])))


_DOC = "/api/documents/{service}/{type}"
_SERVICE_P = Param("service", "path", "first part of the document's slug (`together-ai`)", True)
_TYPE_P = Param("type", "path", "second part of the document's slug (`privacy-policy`)", True)
_REF_P = Param("ref", "path", "version number (`3` or `v3`) or `latest`", True)
_INT = (("type", "integer"), ("minimum", 0))
_SEVERITY = (("type", "string"), ("enum", ["high", "medium", "low", "none"]))

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/documents", "documents", "Every document: latest version, last change, "
             "health (the web UI's overview)", documents, schema="Documents"),
    Endpoint(_DOC + "/versions", "versions", "A document's versions, newest first "
             "(`tracker history --format json`)", versions,
             (_SERVICE_P, _TYPE_P,
              Param("limit", "query", "versions per page (default 50, at most 1000)",
                    schema=_INT),
              Param("offset", "query", "versions skipped from the newest", schema=_INT)),
             schema="History"),
    Endpoint(_DOC + "/versions/{ref}", "version", "One version with its clauses and proof "
             "(`tracker show --format json`)", version, (_SERVICE_P, _TYPE_P, _REF_P),
             schema="DocumentView"),
    Endpoint(_DOC + "/versions/{ref}/verify", "verify", "Recompute the hashes of one version: "
             "blobs, clauses, canonical text, fetches (`tracker verify --format json`)",
             verify, (_SERVICE_P, _TYPE_P, _REF_P), schema="VerifyReport"),
    Endpoint(_DOC + "/as-of", "as_of", "The version in force at a date "
             "(`tracker show --at DATE --format json`)", as_of,
             (_SERVICE_P, _TYPE_P,
              Param("date", "query", "`YYYY-MM-DD` (end of that day, UTC) or an ISO 8601 "
                    "date-time", True)),
             schema="DocumentView"),
    Endpoint(_DOC + "/diff", "diff", "The clause diff between two versions "
             "(`tracker diff --format json`; computed pairs are graded with the rule file)",
             diff,
             (_SERVICE_P, _TYPE_P,
              Param("from", "query", "older version (number or `latest`; default: the one "
                    "before `to`)"),
              Param("to", "query", "newer version (default: the latest)")),
             schema="VersionDiff"),
    Endpoint("/api/changes", "changes", "Changes across documents, newest first "
             "(`tracker log --format json`)", changes,
             (Param("since", "query", "`YYYY-MM-DD` or an ISO 8601 date-time"),
              Param("severity", "query", "this severity or higher", schema=_SEVERITY),
              Param("topic", "query", "a topic id of the rule file"),
              Param("service", "query", "service name or the first part of its slugs"),
              Param("document", "query", "one document slug"),
              Param("limit", "query", "at most this many (default 100, at most 1000)",
                    schema=_INT)),
             schema="Changes"),
    Endpoint("/api/facts", "facts", "Current key facts with evidence, and contradictions "
             "(`tracker facts --format json`)", facts,
             (Param("service", "query", "service name or the first part of its slugs"),
              Param("document", "query", "one document slug")),
             schema="Facts"),
    Endpoint("/api/services/{service}/facts", "service_facts", "A service's key facts now and "
             "every answer that changed over time", service,
             (Param("service", "path", "service name or the first part of its slugs", True),),
             schema="ServiceFacts"),
    Endpoint("/api/search", "search", "Versions and clauses containing a phrase "
             "(`tracker search --format json`)", search,
             (Param("q", "query", "the phrase (case, spacing, quote and dash styles ignored)",
                    True),
              Param("document", "query", "only this document slug")),
             schema="Search"),
    Endpoint("/api/quote", "quote", "Is a quotation in a document, since when "
             "(`tracker quote --format json`)", quote,
             (Param("text", "query", "the quotation", True),
              Param("document", "query", "document slug", True),
              Param("at", "query", "answer for the version in force at this date")),
             schema="Quote"),
    Endpoint("/api/claims", "claims", "A third party's quotations, citations and key-fact "
             "statements checked against the history (`tracker check-claims --format json` "
             "on text)", claims,
             (Param("text", "query", "the page's text (at most 20,000 characters)", True),
              Param("service", "query", "check against this service's documents only"),
              Param("document", "query", "check against this document only (repeatable)")),
             schema="Claims"),
    Endpoint("/api/clauses/{clause}", "clause", "One clause's lineage "
             "(`tracker clause --format json`)", clause,
             (Param("clause", "path", "a clause database id of the lineage", True,
                    (("type", "integer"),)),),
             schema="Lineage"),
)  # fmt: skip


def endpoint_handler(endpoint: Endpoint) -> Callable[[Request], Response]:
    def handle(request: Request) -> Response:
        context = context_of(request)
        with context.reading() as session:
            return JSONResponse(endpoint.answer(request, context, session))

    handle.__name__ = f"api_{endpoint.name}"
    return handle


def openapi(request: Request) -> Response:
    from tracker.web.openapi import openapi_document

    return JSONResponse(openapi_document(ENDPOINTS, context_of(request).settings.public_url))


API_ROUTES: list[BaseRoute] = [
    *(Route(e.path, endpoint_handler(e), name=f"api_{e.name}") for e in ENDPOINTS),
    Route("/api/openapi.json", openapi, name="openapi"),
]

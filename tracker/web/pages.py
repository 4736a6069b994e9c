"""The HTML pages of ``tracker serve``: each a few lines over a query of :mod:`tracker.query`.

Addresses are made by :mod:`tracker.render.links`; every page is a template of
``templates/web/`` rendered by :func:`tracker.web.app.render` (autoescaped).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tracker.claims import page_from_text
from tracker.digest.feed import build_atom_feed, collect_feed_items, feed_id
from tracker.errors import UsageError
from tracker.facts import fact_changes_of
from tracker.query.asof import show_document
from tracker.query.claims import check_claims
from tracker.query.evidence import collect_evidence, evidence_zip
from tracker.query.history import DEFAULT_LIMIT, document_history
from tracker.query.keyfacts import service_facts
from tracker.query.lineage import clause_lineage
from tracker.query.lookup import document_refs, find_document
from tracker.query.overview import documents_overview
from tracker.query.quote import check_quote
from tracker.query.redline import RedlineFilters, redline
from tracker.query.render_claims import as_of_text, shape, summary_line
from tracker.query.search import search_phrase
from tracker.render.links import absolute, document_feed_path, service_feed_path
from tracker.resources import resource_dir
from tracker.web import params
from tracker.web.app import context_of, render

STYLESHEET = "web/tracker.css"


def slug_of(request: Request) -> str:
    return params.slug(request.path_params)


def overview(request: Request) -> Response:
    with context_of(request).reading() as session:
        documents = documents_overview(session)
    return render(request, "overview.html.j2", documents=documents)


def document(request: Request) -> Response:
    skip = params.offset(request.query_params)
    slug = slug_of(request)
    with context_of(request).reading() as session:
        history = document_history(session, slug, limit=DEFAULT_LIMIT, offset=skip)
        numbers = [e.version.number for e in history.entries]
        fact_changes = (
            fact_changes_of(session, [find_document(session, slug)], (min(numbers), max(numbers)))
            if numbers
            else []
        )
    by_version: dict[int, list[object]] = {}
    for change in fact_changes:
        by_version.setdefault(change.new_version.number, []).append(change)
    return render(
        request,
        "document.html.j2",
        history=history,
        fact_changes=by_version,
        page_size=DEFAULT_LIMIT,
    )


def version(request: Request) -> Response:
    number = params.version_number(request.path_params["number"])
    with context_of(request).reading() as session:
        view = show_document(session, slug_of(request), version=str(number))
    return render(request, "version.html.j2", view=view)


def as_of(request: Request) -> Response:
    day = params.required_text(request.query_params, "date", limit=40)
    with context_of(request).reading() as session:
        view = show_document(session, slug_of(request), at=day)
    return render(request, "version.html.j2", view=view)


def redline_page(request: Request) -> Response:
    query = request.query_params
    context = context_of(request)
    filters = RedlineFilters(
        severity=params.severity(query),
        topic=params.choice(query, "topic", context.topic_labels),
    )
    with context.reading() as session:
        result = redline(
            session,
            slug_of(request),
            params.version_ref(query, "from"),
            params.version_ref(query, "to"),
            filters=filters,
            classify=context.classify,
        )
    return render(request, "redline.html.j2", redline=result, view=params.view(query))


def evidence(request: Request) -> Response:
    number = params.version_number(request.path_params["number"])
    with context_of(request).reading() as session:
        found = collect_evidence(session, slug_of(request), str(number))
    return Response(
        evidence_zip(found),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{found.file_name}"'},
    )


def lineage(request: Request) -> Response:
    clause = params.clause_id(request.path_params["clause"])
    with context_of(request).reading() as session:
        found = clause_lineage(session, clause)
    return render(request, "lineage.html.j2", lineage=found)


def service(request: Request) -> Response:
    key = params.path_part(request.path_params, "service")
    with context_of(request).reading() as session:
        found = service_facts(session, key)
    return render(request, "service.html.j2", facts=found, service_key=key)


def search(request: Request) -> Response:
    query = request.query_params
    phrase = params.text(query, "q", limit=params.MAX_PHRASE)
    scope = params.text(query, "document", limit=200)
    with context_of(request).reading() as session:
        documents = document_refs(session)
        result = search_phrase(session, phrase, document=scope) if phrase else None
    return render(
        request, "search.html.j2", phrase=phrase or "", scope=scope, documents=documents,
        result=result,
    )  # fmt: skip


def quote(request: Request) -> Response:
    query = request.query_params
    wanted = params.text(query, "text")
    scope = params.text(query, "document", limit=200)
    at = params.text(query, "at", limit=40)
    with context_of(request).reading() as session:
        documents = document_refs(session)
        check = None
        if wanted:
            if scope is None:
                raise UsageError("choose the document to check the quotation against")
            check = check_quote(session, wanted, scope, at=at)
    return render(
        request, "quote.html.j2", wanted=wanted or "", scope=scope, at=at or "",
        documents=documents, check=check,
    )  # fmt: skip


def claims(request: Request) -> Response:
    """What a third party says about a policy, pasted as text, checked against the history
    (``tracker check-claims`` on text; nothing is fetched from the web server)."""
    query = request.query_params
    pasted = params.text(query, "text", limit=params.MAX_PAGE_TEXT)
    service = params.text(query, "service", limit=200)
    context = context_of(request)
    with context.reading() as session:
        documents = documents_overview(session)
        report = (
            check_claims(
                session,
                page_from_text(pasted, name="pasted text"),
                context.rules,
                today=datetime.now(UTC).date(),
                service=service,
            )
            if pasted
            else None
        )
    services = sorted({d.document.service for d in documents})
    return render(
        request, "claims.html.j2", pasted=pasted or "", service=service, services=services,
        report=report, summary=summary_line(report) if report else "",
        as_of=as_of_text(report) if report else "", shape=shape,
    )  # fmt: skip


def document_feed(request: Request) -> Response:
    slug = slug_of(request)
    return _feed(request, slug=slug, path=document_feed_path(slug))


def service_feed(request: Request) -> Response:
    key = params.path_part(request.path_params, "service")
    return _feed(request, service=key, path=service_feed_path(key))


def all_feed(request: Request) -> Response:
    return _feed(request, path="/feed.atom")


def _feed(
    request: Request, *, path: str, slug: str | None = None, service: str | None = None
) -> Response:
    context = context_of(request)
    with context.reading() as session:
        if slug is not None:
            document = find_document(session, slug)
            title = f"{document.service} {document.type}"
        items = collect_feed_items(session, slug=slug, service=service)
    if service is not None:
        title = items[0].document.service if items else service
    if slug is None and service is None:
        title = "all documents"
    public = context.settings.public_url
    xml = build_atom_feed(
        items,
        title=f"Policy Tracker: {title}",
        identifier=feed_id(slug or (f"service:{service}" if service else None)),
        now=datetime.now(UTC),
        self_url=absolute(public, path) if public else None,
        topic_labels=context.topic_labels,
        public_url=public,
    )
    return Response(xml, media_type="application/atom+xml")


@cache
def stylesheet_bytes() -> bytes:
    return (resource_dir("templates") / STYLESHEET).read_bytes()


def stylesheet(request: Request) -> Response:
    return Response(
        stylesheet_bytes(), media_type="text/css", headers={"Cache-Control": "max-age=3600"}
    )


DOCUMENT = "/documents/{service}/{type}"
PAGE_ROUTES: list[BaseRoute] = [
    Route("/", overview, name="overview"),
    Route(DOCUMENT, document, name="document"),
    Route(DOCUMENT + "/versions/{number}", version, name="version"),
    Route(DOCUMENT + "/versions/{number}/evidence.zip", evidence, name="evidence"),
    Route(DOCUMENT + "/as-of", as_of, name="as_of"),
    Route(DOCUMENT + "/redline", redline_page, name="redline"),
    Route(DOCUMENT + "/feed.atom", document_feed, name="document_feed"),
    Route("/clauses/{clause}", lineage, name="lineage"),
    Route("/services/{service}", service, name="service"),
    Route("/services/{service}/feed.atom", service_feed, name="service_feed"),
    Route("/feed.atom", all_feed, name="feed"),
    Route("/search", search, name="search"),
    Route("/quote", quote, name="quote"),
    Route("/claims", claims, name="claims"),
    Route("/static/tracker.css", stylesheet, name="stylesheet"),
]

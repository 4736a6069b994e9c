"""The ASGI application of ``tracker serve``: routes, the read-only database, error pages.

:func:`create_app` opens the database read-only (never migrated, never written), loads the
rule file once (topic names, and the classifier that grades a redline between versions that
are not successive), and assembles the pages (:mod:`tracker.web.pages`) and the JSON API
(:mod:`tracker.web.api`) behind the guard (:mod:`tracker.web.security`).

Errors: a bad parameter is a 400 page, an unknown document, version or clause a 404, both
with one line saying why; anything else is a 500 page saying that much and no more (the
traceback goes to the server's log, never to the client). Under ``/api/`` errors are JSON
``{"error": message, "status": code}``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import jinja2
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tracker import __version__
from tracker.classify import RuleSet, classify_diff, load_rules
from tracker.errors import NotFoundError, StorageError, TrackerError, UsageError
from tracker.model import ClauseDiff
from tracker.query.render_json import to_json
from tracker.render.environment import web_environment
from tracker.settings import Settings
from tracker.store.database import Database, open_read_only
from tracker.web.security import Guard, allowed_hosts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebContext:
    """What every request handler reads: the database, the rules, the settings, templates."""

    db: Database
    rules: RuleSet
    settings: Settings
    templates: jinja2.Environment

    @property
    def topic_labels(self) -> dict[str, str]:
        return {topic.id: topic.label for topic in self.rules.topics}

    def classify(self, diff: ClauseDiff) -> ClauseDiff:
        return classify_diff(diff, self.rules)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.reader() as session:
            yield session


def context_of(request: Request) -> WebContext:
    context: WebContext = request.app.state.web
    return context


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> Response:
    """An HTML page from ``templates/web/<template>`` (autoescaped)."""
    context = context_of(request)
    page = context.templates.get_template(f"web/{template}")
    html = page.render(
        request_path=request.url.path,
        version=__version__,
        labels=context.topic_labels,
        **values,
    )
    return HTMLResponse(html, status_code=status_code)


class JSONResponse(Response):
    """JSON as the command line writes it (:func:`tracker.query.render_json.to_json`)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return (to_json(content) + "\n").encode("utf-8")


def create_app(
    settings: Settings, *, bind_host: str = "127.0.0.1", db: Database | None = None
) -> Starlette:
    """The web application over ``settings.database_url`` (or ``db``), read-only."""
    from tracker.web.api import API_ROUTES
    from tracker.web.pages import PAGE_ROUTES

    rules = load_rules(settings.rules_path)
    database = db or open_read_only(settings.database_url)
    token = settings.ui_token.reveal() if settings.ui_token else None
    app = Starlette(
        routes=[*PAGE_ROUTES, *API_ROUTES],
        middleware=[
            Middleware(Guard, token=token, hosts=allowed_hosts(bind_host, settings.public_url))
        ],
        exception_handlers={
            TrackerError: tracker_error,
            HTTPException: http_error,
            Exception: internal_error,
        },
    )
    app.router.redirect_slashes = False  # no redirect of any kind: none can be open
    app.state.web = WebContext(
        db=database, rules=rules, settings=settings, templates=web_environment()
    )
    return app


def error_response(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(request, "error.html.j2", status_code=status, status=status, message=message)


async def tracker_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NotFoundError):
        status = 404
    elif isinstance(exc, UsageError):
        status = 400
    else:
        status = 500
        log.error("%s %s: %s", request.method, request.url.path, exc)
    message = str(exc) if not isinstance(exc, StorageError) else f"stored data: {exc}"
    return error_response(request, status, message)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    response = error_response(request, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path)
    return error_response(request, 500, "internal error (the server's log has the details)")

"""What the fetch-row migration tests share: a small real policy page, nights of tracking it
from a local server, and Alembic moves of a test database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.clock import FixedClock
from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.migrate import alembic_config

NIGHT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
POLICY = (
    "<html><head><title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1>"
    "<h2>1. Data we collect</h2><p>We collect your name and e-mail address when you sign up "
    "for the service, and the content you submit to it.</p><p>We do not use your content to "
    "train our models without your consent, and you can withdraw it at any time.</p>"
    "<h2>2. Contact</h2><p>Write to privacy@example.com with any question.</p></main>"
    "</body></html>"
)


def quick_settings(tmp_path: Path) -> Settings:
    fast = {"TRACKER_HOST_DELAY": "0", "TRACKER_RETRY_DELAY": "0.01"}
    return load_settings({"TRACKER_FETCH_TIMEOUT": "5", **fast}, cwd=tmp_path)


def track_night(
    db: Database,
    settings: Settings,
    server: HTTPServer,
    *,
    html: str,
    path: str,
    day: int,
    etag: str | None = None,
) -> str:
    """One night of tracking ``html`` served at ``path``: the document's outcome. With
    ``etag``, the page carries it and a GET sending it back is answered 304."""
    server.clear()
    headers = {"ETag": etag} if etag else {}

    def answer(request: Request) -> Response:
        if etag and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers=headers)
        return Response(html, content_type="text/html", headers=headers)

    server.expect_request(path).respond_with_handler(answer)
    document = DocumentSpec(
        slug="example/policy",
        service="Example",
        type="Privacy Policy",
        url=server.url_for(path),
        rules=ExtractionRules(select=("main",)),
    )
    when = FixedClock(NIGHT + timedelta(days=day))
    return run_tracking(db, [document], settings=settings, clock=when).results[0].outcome


def migrate(db: Database, revision: str, *, down: bool = False) -> None:
    config = alembic_config(db.engine)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)

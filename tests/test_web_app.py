"""``tracker serve`` over HTTP: every page and API call on the demo's real history, the API
against the command line's JSON and its own OpenAPI description, the safety rules (read-only,
token, Host check, headers, no redirect, 4xx for bad parameters), and the public-URL links of
digests and feeds. A real uvicorn server on loopback; the database is the demo's.
"""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from tests.web_support import demo_database, running_app, web_settings
from tracker.cli import cli
from tracker.cli.serve import listen
from tracker.errors import ConfigError, StorageError
from tracker.store.database import open_database, open_read_only
from tracker.web.api import ENDPOINTS
from tracker.web.security import CONTENT_SECURITY_POLICY, check_binding

PRIVACY = "together-ai/privacy-policy"
TERMS = "together-ai/terms-of-service"
TOKEN = "correct-horse-battery-staple-42"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("web-demo"))


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[str]:
    with running_app(web_settings(demo_url)) as base:
        yield base


def get(site: str, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.get(site + path, timeout=30, follow_redirects=False, **kwargs)


def cli_json(demo_url: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--database-url", demo_url, *args], catch_exceptions=False)
    assert result.exit_code in (0, 4), result.output
    return json.loads(result.output)


PAGES = [
    "/",
    f"/documents/{PRIVACY}",
    f"/documents/{PRIVACY}?offset=1",
    f"/documents/{PRIVACY}/versions/2",
    f"/documents/{PRIVACY}/as-of?date=2025-06-01",
    f"/documents/{PRIVACY}/redline?from=1&to=2",
    f"/documents/{PRIVACY}/redline?from=1&to=2&view=side",
    f"/documents/{TERMS}/redline?from=1&to=5&severity=medium",
    f"/documents/{TERMS}/redline?from=5&to=2&topic=ai_training",
    "/clauses/5",
    "/services/together-ai",
    "/search?q=royalty-free+license",
    "/search",
    "/quote",
    f"/quote?text=royalty-free+license&document={TERMS}",
    "/claims",
    "/claims?text=Together+AI%0A%0ASells+personal+data%3A+No",
    f"/quote?text=we+sell+your+soul&document={TERMS}&at=2025-06-01",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_html_with_the_safety_headers_and_no_script(site: str, path: str) -> None:
    response = get(site, path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY and "default-src 'none'" in (
        CONTENT_SECURITY_POLICY
    )
    assert response.headers["x-frame-options"] == "DENY"
    assert "<script" not in response.text.lower()
    assert " style=" not in response.text  # the CSP allows only the stylesheet


def test_a_quotation_not_found_shows_the_closest_passage_marked_where_its_clause_goes_on(
    site: str,
) -> None:
    # a sentence of the terms' long warranty disclaimer, edited: its stretch of the clause
    edited = (
        "Together Computer is not responsible for any third party platforms and does not "
        "guarantee their continued availability."
    )
    page = get(site, "/quote", params={"text": edited, "document": TERMS}).text
    assert "<h2>Closest passage</h2>" in page
    shown = page.split("<h2>Closest passage</h2>", 1)[1].split("</p>", 2)[1]
    assert '<p class="text stored">… ' in shown and shown.endswith(" …")


def test_the_redline_marks_insertions_deletions_and_folds_unchanged_clauses(site: str) -> None:
    page = get(site, f"/documents/{TERMS}/redline?from=2&to=3").text
    assert "<ins>" in page and "<del>" in page
    assert '<details class="collapsed">' in page and "unchanged clause" in page
    for label in ("high", "medium", "low"):
        assert f'class="badge sev-{label}"' in page
    assert "Why:" in page and 'class="badge dir-' in page
    # the full rewrite of the privacy policy: every change carries its place and severity
    rewrite = get(site, f"/documents/{PRIVACY}/redline?from=1&to=2").text
    changes = get(site, f"/api/documents/{PRIVACY}/diff?from=1&to=2").json()["changes"]
    assert len(changes) > 50 and rewrite.count('<div class="change sev-') == len(changes)


def test_a_moved_clause_is_marked_at_both_places(site: str) -> None:
    page = get(site, f"/documents/{TERMS}/redline?from=1&to=5").text
    assert 'class="moved-away"' in page
    marker = page.index('class="moved-away" id="was-')
    anchor = page[marker:].split('id="was-', 1)[1].split('"', 1)[0]
    assert f'id="{anchor}"' in page  # the change at its new place
    assert f'href="#was-{anchor}"' in page and f'href="#{anchor}"' in page


def test_filters_keep_only_matching_changes(site: str) -> None:
    everything = get(site, f"/documents/{TERMS}/redline?from=2&to=3").text
    high = get(site, f"/documents/{TERMS}/redline?from=2&to=3&severity=high").text
    shown = high.count('<div class="change sev-high"')
    assert 0 < shown < everything.count('<div class="change sev-')
    assert "outside the filter" in high


def test_the_timeline_counts_changes_by_severity_and_lists_key_fact_changes(site: str) -> None:
    page = get(site, f"/documents/{PRIVACY}").text
    assert page.count('href="/documents/together-ai/privacy-policy/versions/') >= 3
    assert 'class="badge sev-' in page
    api = get(site, f"/api/documents/{PRIVACY}/versions").json()
    changed = [v for v in api["versions"] if v["number"] > 1]
    assert all(sum(v["severities"].values()) == sum(v["changes"].values()) for v in changed)


def test_the_version_page_gives_each_clause_a_permalink_and_its_lineage(site: str) -> None:
    page = get(site, f"/documents/{PRIVACY}/versions/3").text
    data = get(site, f"/api/documents/{PRIVACY}/versions/3").json()
    for clause in data["clauses"][:20]:
        anchor = "c-" + "".join(
            ch if ch.isascii() and (ch.isalnum() or ch in "_-") else f".{ord(ch):x}."
            for ch in clause["key"]
        )
        assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page
        assert f'href="/clauses/{clause["clause_id"]}"' in page


def test_evidence_and_feeds_are_served(site: str) -> None:
    bundle = get(site, f"/documents/{TERMS}/versions/3/evidence.zip")
    assert bundle.headers["content-type"] == "application/zip"
    assert "together-ai__terms-of-service_v3_evidence.zip" in bundle.headers["content-disposition"]
    assert bundle.content[:2] == b"PK"
    for path in ("/feed.atom", "/services/together-ai/feed.atom", f"/documents/{TERMS}/feed.atom"):
        feed = get(site, path)
        assert feed.headers["content-type"].startswith("application/atom+xml")
        assert feed.text.count("<entry>") >= 3


# -- the API: the command line's JSON, described by the OpenAPI document ---------------------


@pytest.mark.parametrize(
    ("path", "command"),
    [
        (f"/api/documents/{TERMS}/versions", ["history", TERMS, "--format", "json"]),
        (
            f"/api/documents/{TERMS}/versions/3",
            ["show", TERMS, "--version", "3", "--format", "json"],
        ),
        (
            f"/api/documents/{TERMS}/as-of?date=2025-06-01",
            ["show", TERMS, "--at", "2025-06-01", "--format", "json"],
        ),
        (f"/api/documents/{TERMS}/diff?from=2&to=3", ["diff", TERMS, "2", "3", "--format", "json"]),
        ("/api/changes?severity=medium", ["log", "--severity", "medium", "--format", "json"]),
        ("/api/facts?service=together-ai", ["facts", "together-ai", "--format", "json"]),
        ("/api/search?q=royalty-free", ["search", "royalty-free", "--format", "json"]),
        (
            f"/api/quote?text=royalty-free+license&document={TERMS}",
            ["quote", "royalty-free license", "--document", TERMS, "--format", "json"],
        ),
        ("/api/clauses/5", ["clause", "5", "--format", "json"]),
    ],
)
def test_the_api_answers_what_the_command_line_prints(
    site: str, demo_url: str, path: str, command: list[str]
) -> None:
    assert get(site, path).json() == cli_json(demo_url, *command)


def test_verify_has_the_command_lines_shape_for_one_version(site: str, demo_url: str) -> None:
    one = get(site, f"/api/documents/{TERMS}/versions/latest/verify").json()
    whole = cli_json(demo_url, "verify", "--format", "json")
    assert one.keys() == whole.keys() and one["checked"].keys() == whole["checked"].keys()
    assert one["ok"] is True and one["checked"]["versions"] == 1 and one["checked"]["blobs"] == 2


def test_the_openapi_document_describes_every_endpoint_and_every_answer(site: str) -> None:
    document = get(site, "/api/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {e.path for e in ENDPOINTS}
    examples = {
        "/api/documents": "/api/documents",
        "/api/documents/{service}/{type}/versions": f"/api/documents/{TERMS}/versions?limit=2",
        "/api/documents/{service}/{type}/versions/{ref}": f"/api/documents/{TERMS}/versions/v2",
        "/api/documents/{service}/{type}/versions/{ref}/verify": (
            f"/api/documents/{PRIVACY}/versions/1/verify"
        ),
        "/api/documents/{service}/{type}/as-of": f"/api/documents/{PRIVACY}/as-of?date=2026-01-01",
        "/api/documents/{service}/{type}/diff": f"/api/documents/{TERMS}/diff?from=1&to=5",
        "/api/changes": "/api/changes?limit=5",
        "/api/facts": "/api/facts",
        "/api/services/{service}/facts": "/api/services/together-ai/facts",
        "/api/search": "/api/search?q=personal+data",
        "/api/quote": f"/api/quote?text=we+never+sell+data&document={PRIVACY}",
        "/api/claims": "/api/claims?text=Together+AI%0A%0ASells+personal+data%3A+No",
        "/api/clauses/{clause}": "/api/clauses/7",
    }
    assert set(examples) == set(document["paths"])
    for template, path in examples.items():
        schema = document["paths"][template]["get"]["responses"]["200"]["content"]
        root = {**schema["application/json"]["schema"], "components": document["components"]}
        answer = get(site, path)
        assert answer.status_code == 200, (path, answer.text[:300])
        jsonschema.validate(answer.json(), root, cls=jsonschema.Draft202012Validator)
    error = get(site, "/api/documents/nope/nothing/versions")
    error_schema = {"$ref": "#/components/schemas/Error", "components": document["components"]}
    jsonschema.validate(error.json(), error_schema, cls=jsonschema.Draft202012Validator)


# -- bad parameters: 4xx, one line, never a traceback -----------------------------------------

BAD = [
    ("/documents/nobody/nothing", 404),
    (f"/documents/{PRIVACY}/versions/0", 400),
    (f"/documents/{PRIVACY}/versions/abc", 400),
    (f"/documents/{PRIVACY}/versions/99", 404),
    (f"/documents/{PRIVACY}/versions/99999999999999999999", 400),
    (f"/documents/{PRIVACY}/as-of?date=2025-13-45", 400),
    (f"/documents/{PRIVACY}/as-of?date=1999-01-01", 404),
    (f"/documents/{PRIVACY}/as-of", 400),
    (f"/documents/{PRIVACY}?offset=-1", 400),
    (f"/documents/{PRIVACY}?offset=1e9", 400),
    (f"/documents/{PRIVACY}/redline?from=1&to=1", 400),
    (f"/documents/{PRIVACY}/redline?from=zero&to=2", 400),
    (f"/documents/{PRIVACY}/redline?from=1&to=2&severity=urgent", 400),
    (f"/documents/{PRIVACY}/redline?from=1&to=2&topic=%3Cscript%3E", 400),
    (f"/documents/{PRIVACY}/redline?from=1&to=2&view=3d", 400),
    (f"/documents/{PRIVACY}/versions/9/evidence.zip", 404),
    ("/clauses/999999999", 404),
    ("/clauses/p-nothing", 400),
    ("/services/nobody", 404),
    ("/search?q=%00", 400),
    ("/search?q=" + "x" * 600, 400),
    ("/quote?text=hello", 400),
    (f"/quote?text=hello&document={PRIVACY}&at=yesterday", 400),
    ("/no/such/page", 404),
    ("/api/search", 400),
    ("/api/changes?since=soon", 400),
    ("/api/changes?topic=no_such_topic", 400),
    ("/api/changes?limit=100000", 400),
    ("/api/documents/nobody/nothing/diff", 404),
]


@pytest.mark.parametrize(("path", "status"), BAD)
def test_bad_parameters_get_a_4xx_page_never_a_traceback(site: str, path: str, status: int) -> None:
    response = get(site, path)
    assert response.status_code == status, response.text[:300]
    assert "Traceback" not in response.text and 'File "' not in response.text
    if path.startswith("/api/"):
        assert response.json()["status"] == status and response.json()["error"]
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


# -- safety -------------------------------------------------------------------------------------


def table_digests(database_url: str) -> dict[str, str]:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"  # read through its shadow tables
            )
        ]
        return {
            t: hashlib.sha256(
                # sorted here: the FTS5 shadow tables of the search index have no rowid
                repr(sorted(map(repr, connection.execute(f'SELECT * FROM "{t}"')))).encode()
            ).hexdigest()
            for t in tables
        }


def test_no_request_changes_the_database(site: str, demo_url: str) -> None:
    before = table_digests(demo_url)
    for path, _ in BAD:
        get(site, path)
    for path in PAGES:
        get(site, path)
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        response = httpx.request(method, site + "/api/documents", timeout=30, content=b"{}")
        assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
    assert table_digests(demo_url) == before


def test_the_servers_connections_refuse_writes(demo_url: str) -> None:
    db = open_read_only(demo_url)
    try:
        with pytest.raises(OperationalError, match="readonly"), db.transaction() as session:
            session.execute(text("UPDATE documents SET service = 'changed'"))
    finally:
        db.dispose()


def test_any_backend_is_served_read_only(database_url: str) -> None:
    """SQLite or PostgreSQL (``make test`` runs this again on a real PostgreSQL server)."""
    open_database(database_url, create=True).dispose()  # an empty history at the current schema
    db = open_read_only(database_url)
    try:
        with pytest.raises(DBAPIError, match=r"(?i)read.?only"), db.transaction() as session:
            session.execute(text("DELETE FROM documents"))
    finally:
        db.dispose()
    with running_app(web_settings(database_url)) as base:
        assert httpx.get(base + "/", timeout=30).status_code == 200
        assert httpx.get(base + "/api/documents", timeout=30).json() == {"documents": []}
        assert httpx.get(base + "/documents/a/b", timeout=30).status_code == 404


def test_a_control_character_in_an_address_is_a_400_on_any_backend(database_url: str) -> None:
    """PostgreSQL refuses NUL in a query's text: the address is checked before any query."""
    open_database(database_url, create=True).dispose()
    with running_app(web_settings(database_url)) as base:
        for path in (
            "/documents/%00/b",
            "/documents/a/b%01/versions/1",
            "/services/%00",
            "/services/a%00/feed.atom",
            "/api/documents/a%00/b/versions",
            "/api/services/%00/facts",
        ):
            response = httpx.get(base + path, timeout=30)
            assert response.status_code == 400, (path, response.text[:300])
            assert "control characters" in response.text


def test_the_database_is_never_created_nor_migrated(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StorageError, match="no database"):
        open_read_only(f"sqlite:///{missing}")
    assert not missing.exists()
    old = f"sqlite:///{tmp_path / 'old.db'}"
    open_database(old, create=True).dispose()
    with sqlite3.connect(tmp_path / "old.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    with pytest.raises(StorageError, match="tracker db upgrade"):
        open_read_only(old)
    with sqlite3.connect(tmp_path / "old.db") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)


def test_no_address_redirects_anywhere(site: str) -> None:
    for path in (
        "//evil.example/",
        "/documents/together-ai/privacy-policy/",
        "/search/",
        "/%2F%2Fevil.example",
    ):
        response = get(site, path)
        assert not 300 <= response.status_code < 400 and "location" not in response.headers


def test_a_foreign_host_header_is_refused_without_a_token(site: str) -> None:
    assert get(site, "/", headers={"Host": "evil.example"}).status_code == 421
    assert get(site, "/", headers={"Host": "localhost:8000"}).status_code == 200


def test_with_a_token_every_request_needs_it(demo_url: str) -> None:
    with running_app(web_settings(demo_url, TRACKER_UI_TOKEN=TOKEN)) as base:
        refused = httpx.get(base + "/api/documents")
        assert refused.status_code == 401 and "Basic" in refused.headers["www-authenticate"]
        assert TOKEN not in refused.text
        assert httpx.get(base + "/", auth=("anyone", "wrong-token-wrong-token")).status_code == 401
        assert httpx.get(base + "/", auth=("anyone", TOKEN)).status_code == 200
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(base + "/api/documents", headers=bearer).status_code == 200
        foreign = {**bearer, "Host": "tracker.example.org"}
        assert httpx.get(base + "/api/documents", headers=foreign).status_code == 200


def test_serving_beyond_loopback_needs_a_token(demo_url: str) -> None:
    check_binding("127.0.0.1", token_set=False)
    check_binding("::1", token_set=False)
    check_binding("0.0.0.0", token_set=True)
    with pytest.raises(ConfigError, match="TRACKER_UI_TOKEN"):
        check_binding("0.0.0.0", token_set=False)
    result = CliRunner().invoke(cli, ["--database-url", demo_url, "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("tracker: error: serving on 0.0.0.0")


def test_a_port_in_use_is_one_line(demo_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli, ["--database-url", demo_url, "serve", "--port", port])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("tracker: error: cannot listen on")


def test_the_servers_connections_send_small_answers_at_once() -> None:
    """Each accepted connection has TCP_NODELAY (set on the listener, inherited): with Nagle's
    algorithm a small answer's body waited for the client's delayed ACK of its headers, 40 ms
    on every small page and API call."""
    with listen("127.0.0.1", 0) as listener:
        listener.listen()
        with socket.create_connection(listener.getsockname()[:2]) as client:
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
                client.sendall(b"ping")
                assert accepted.recv(4) == b"ping"


def test_a_short_token_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="at least 16"):
        web_settings("sqlite:///x.db", TRACKER_UI_TOKEN="short")


# -- TRACKER_PUBLIC_URL: digests and feeds link to the redline ---------------------------------


def test_digest_items_and_feed_entries_link_to_their_redline(tmp_path: Path) -> None:
    public = "https://policies.example.com/tracker"
    env = {"TRACKER_PUBLIC_URL": public + "/"}
    url = demo_database(tmp_path, env)
    digest = next((tmp_path / "outbox").glob("*.html")).read_text("utf-8")
    text_part = next((tmp_path / "outbox").glob("*.txt")).read_text("utf-8")
    feed = (tmp_path / "feed.atom").read_text("utf-8")
    step = f"{public}/documents/together-ai/privacy-policy/redline?from=1&amp;to=2"
    assert step in digest and step + "#c-" in digest
    assert step.replace("&amp;", "&") in text_part
    assert f'href="{step}" rel="alternate"' in feed or f'href="{step}"' in feed
    links = {
        line.split("href=")[1].split('"')[1].replace("&amp;", "&")
        for line in (digest + feed).split("<")
        if f'href="{public}' in line
    }
    assert links
    with running_app(web_settings(url, TRACKER_PUBLIC_URL=public)) as base:
        for link in sorted(links):
            local = base + link.removeprefix(public).split("#")[0]
            assert httpx.get(local, timeout=30).status_code == 200, link
        document = httpx.get(base + "/api/openapi.json").json()
        assert document["servers"] == [{"url": public}]

"""Hostile content: pages, redirects and inputs that try to reach outside the tracker.

Fetched text is untrusted everywhere: parsers never resolve external entities or fetch
anything, redirects only lead to http(s), the terminal never receives escape sequences, and
secrets (database passwords) never appear in errors or logs.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from sqlalchemy.engine import make_url

from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.errors import StorageError
from tracker.extract import extract_html
from tracker.guard import PageInput, check_page
from tracker.logs import logging_to_stderr
from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import load_settings
from tracker.store.database import Database, open_database
from tracker.store.schema import Fetch, Version

NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
SECRET = "s3cr3t-Pa55word"
PROSE = (
    "We collect the information you give us when you create an account, use our services or "
    "contact us. We use it to provide and improve the services and never sell it. "
)


def entity_page(dtd_url: str) -> str:
    """A page whose DOCTYPE declares external entities (XXE) and uses them in its text."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!DOCTYPE html [\n"
        '  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        f'  <!ENTITY remote SYSTEM "{dtd_url}">\n'
        f'  <!ENTITY % dtd SYSTEM "{dtd_url}"> %dtd;\n'
        "]>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:xi="http://www.w3.org/2001/XInclude">'
        "<head><title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1>"
        f"<p>{PROSE * 2}</p><p>Users: &passwd;</p><p>Remote: &remote;</p>"
        '<xi:include href="file:///etc/hostname" parse="text"/>'
        f'<img src="{dtd_url}?img"/><iframe src="{dtd_url}?frame"></iframe>'
        "</main></body></html>"
    )


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_parsers_never_resolve_entities_or_fetch_anything(
    httpserver: HTTPServer, db: Database, tmp_path: Path
) -> None:
    dtd_url = httpserver.url_for("/evil.dtd")
    httpserver.expect_request("/evil.dtd").respond_with_data(
        '<!ENTITY leak "LEAKED-FROM-DTD">', content_type="application/xml-dtd"
    )
    httpserver.expect_request("/privacy").respond_with_data(
        entity_page(dtd_url), content_type="application/xhtml+xml"
    )
    spec = DocumentSpec(
        slug="example/privacy-policy",
        service="Example",
        type="Privacy Policy",
        url=httpserver.url_for("/privacy"),
        rules=ExtractionRules(select=("main",)),
    )
    settings = load_settings({}, cwd=tmp_path)
    report = run_tracking(db, [spec], settings=settings, clock=FixedClock(NIGHT))
    assert report.results[0].outcome == "changed"
    with db.reader() as session:
        version = session.scalars(select(Version)).one()
        text = session.get_one(Fetch, 1).text_sha256
    assert text == version.text_sha256
    body = entity_page(dtd_url).encode()
    document = extract_html(body, rules=ExtractionRules(select=("main",)))
    assert "root:" not in document.canonical_text
    assert "LEAKED" not in document.canonical_text
    # The guards parse the page too (title, visible text): they must not fetch either.
    check_page(PageInput(body=body), None, None)
    requested = [request.path for request, _ in httpserver.log]
    assert requested == ["/privacy"], requested


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "ftp://example.com/policy", "data:text/html,<p>x</p>", "gopher://x/"],
)
def test_redirects_lead_only_to_http(
    httpserver: HTTPServer, db: Database, tmp_path: Path, target: str
) -> None:
    httpserver.expect_request("/privacy").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    spec = DocumentSpec(
        slug="example/privacy-policy",
        service="Example",
        type="Privacy Policy",
        url=httpserver.url_for("/privacy"),
    )
    report = run_tracking(
        db, [spec], settings=load_settings({}, cwd=tmp_path), clock=FixedClock(NIGHT)
    )
    (result,) = report.results
    assert (result.outcome, result.error_kind, report.exit_code) == ("failed", "redirect", 1)
    with db.reader() as session:
        assert session.scalars(select(Version)).all() == []
        assert session.scalars(select(Fetch.raw_sha256)).all() == [None]


# -- terminal --------------------------------------------------------------------------------
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[31mred\x9b1m\x07\x08\u202e"


def test_run_log_lines_escape_control_sequences(capsys: pytest.CaptureFixture[str]) -> None:
    # `tracker run` reports each failed document as a log line on stderr
    with logging_to_stderr("text", "warning"):
        logging.getLogger("tracker.track.record").warning(
            "%s: failed (%s): %s",
            "example/privacy-policy",
            "redirect",
            f"redirected to a non-http(s) URL: javascript:{ESCAPES}alert(1)",
        )
    err = capsys.readouterr().err
    assert "red" in err and "alert(1)" in err
    assert not any(ch in err for ch in "\x1b\x07\x08\x9b\u202e")


def test_error_lines_strip_escape_sequences(tmp_path: Path) -> None:
    registry = tmp_path / f"registry{ESCAPES}.toml"
    result = CliRunner().invoke(cli, ["--registry", str(registry), "documents"])
    assert result.exit_code == 2
    assert "registry file not found" in result.output
    assert not any(ch in result.output for ch in "\x1b\x07\x08\x9b\u202e")


# -- secrets ---------------------------------------------------------------------------------
def hostile_urls(database_url: str) -> list[str]:
    """Database URLs carrying a password that must never be shown: each fails to open."""
    urls = [
        f"postgresql+psycopg://tracker:{SECRET}@127.0.0.1:1/tracker",  # nothing listens
        f"postgresql+psycopg://tracker:{SECRET}@127.0.0.1:notaport/tracker",  # unparseable
        f"nosuchdialect://tracker:{SECRET}@127.0.0.1/tracker",  # unknown dialect
    ]
    if database_url.startswith("postgresql"):  # the real server under test, no such database
        real = make_url(database_url).set(password=SECRET, database="no_such_database")
        urls.append(real.render_as_string(hide_password=False))
    return urls


def test_database_passwords_never_appear_in_errors_or_logs(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for url in hostile_urls(database_url):
        with pytest.raises(StorageError) as error:
            open_database(url)
        assert SECRET not in str(error.value), url
        result = CliRunner().invoke(cli, ["--debug", "--database-url", url, "db", "current"])
        assert result.exit_code == 4, result.output
        assert "tracker: error:" in result.output
        assert SECRET not in result.output
    assert SECRET not in caplog.text


def test_settings_never_show_their_secrets(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "TRACKER_DATABASE_URL": f"postgresql+psycopg://tracker:{SECRET}@db.example/tracker",
            "TRACKER_SMTP_HOST": "smtp.example.com",
            "TRACKER_SMTP_USER": "tracker",
            "TRACKER_SMTP_PASSWORD": SECRET,
        },
        cwd=tmp_path,
    )
    assert SECRET not in repr(settings) and SECRET not in str(settings)
    assert SECRET in settings.database_url  # still there for whoever needs it

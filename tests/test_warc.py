"""WARC in and out: ``export-evidence --warc`` writes a version's fetches as records that
warcio's own checker and indexer accept, and ``import-warc`` reads them back to the same raw
and text hashes; a crawl written by another tool is imported for its registered URLs only.

Versions are recorded by the real pipeline fetching from a real local HTTP server (ETags and
a 304 answer included); WARC files are read and written by warcio, as replay tools do.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from werkzeug import Request, Response

from tests.digest_support import spec_for
from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.errors import InputError
from tracker.importers import history_context
from tracker.importers.warc import import_warc, normalized_url, version_warc
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database, open_database
from tracker.store.records import fetch_raw_sha256
from tracker.store.schema import Fetch, Version
from tracker.vocabulary import ImportOutcome

ROOT = Path(__file__).resolve().parent.parent
NIGHT = datetime(2026, 3, 1, 3, tzinfo=UTC)
FILLER = (
    "These terms govern your use of the services we offer to you and to the organisation you "
    "represent, from the day you accept them until you close your account."
)


def page(sentence: str) -> bytes:
    return (
        f"<html><head><title>Terms</title></head><body><main><h1>Terms</h1><p>{FILLER}</p>"
        f"<p>{sentence}</p></main></body></html>"
    ).encode()


V1, V2 = page("We keep data for 30 days."), page("We keep data for 90 days.")


class Site:
    """The page, its ETag, and whether a matching If-None-Match gets a 304."""

    def __init__(self) -> None:
        self.body, self.etag, self.honour_etag = V1, '"a"', True

    def __call__(self, request: Request) -> Response:
        if self.honour_etag and request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(
            self.body, content_type="text/html; charset=utf-8", headers={"ETag": self.etag}
        )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    env = {"TRACKER_HOST_DELAY": "0", "TRACKER_RULES": str(ROOT / "data" / "rules.toml")}
    return load_settings(env, cwd=tmp_path)


@pytest.fixture
def tracked(httpserver: HTTPServer, db: Database, settings: Settings) -> DocumentSpec:
    """Four nights: v1 fetched, a 304, the same bytes again (new ETag), then v2."""
    site = Site()
    httpserver.expect_request("/terms").respond_with_handler(site)
    spec = spec_for("acme/terms", httpserver.url_for("/terms"))
    run_tracking(db, [spec], settings=settings, clock=FixedClock(NIGHT))
    run_tracking(db, [spec], settings=settings, clock=FixedClock(NIGHT + timedelta(days=1)))
    site.etag, site.honour_etag = '"b"', False
    run_tracking(db, [spec], settings=settings, clock=FixedClock(NIGHT + timedelta(days=2)))
    site.body = V2
    run_tracking(db, [spec], settings=settings, clock=FixedClock(NIGHT + timedelta(days=3)))
    return spec


def records(data: bytes) -> list[tuple[str, str | None, str | None]]:
    """(type, HTTP status, WARC-Profile) of each record, digests checked by warcio."""
    found = []
    for record in ArchiveIterator(io.BytesIO(data), check_digests="raise"):
        record.content_stream().read()
        answer = record.http_headers is not None and record.rec_type != "request"
        status = record.http_headers.get_statuscode() if answer else None
        found.append((record.rec_type, status, record.rec_headers.get_header("WARC-Profile")))
    return found


def test_a_version_exported_as_warc_reads_back_to_the_same_hashes(
    tracked: DocumentSpec, db: Database, settings: Settings, tmp_path: Path
) -> None:
    with db.reader() as session:
        exported = version_warc(session, tracked.slug, "1")
        again = version_warc(session, tracked.slug, "v1")
        original = session.scalars(select(Version).where(Version.number == 1)).one()
        outcomes = [f.outcome for f in session.scalars(select(Fetch).order_by(Fetch.id))]
    assert outcomes == ["changed", "not-modified", "unchanged", "changed"]
    assert exported.data == again.data  # deterministic
    assert exported.file_name == "acme__terms_v1.warc.gz" and exported.fetches == 3
    assert records(exported.data) == [
        ("warcinfo", None, None),
        ("response", "200", None),
        ("request", None, None),
        ("revisit", "304", "http://netpreserve.org/warc/1.1/revisit/server-not-modified"),
        ("request", None, None),
        ("revisit", "200", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
        ("request", None, None),
    ]
    warc = tmp_path / exported.file_name
    warc.write_bytes(exported.data)
    checked = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", str(warc)], capture_output=True
    )
    assert checked.returncode == 0, checked.stdout
    # into an empty database: the same version, the same hashes, seen on both nights
    fresh = open_database(f"sqlite:///{tmp_path}/fresh.db", create=True)
    try:
        context = history_context(fresh, settings, FixedClock(NIGHT + timedelta(days=30)))
        report = import_warc(context, [tracked], warc)
        assert [i.result.outcome for i in report.items] == [
            ImportOutcome.NEW_VERSION,
            ImportOutcome.SAME_TEXT,  # the revisit of identical payload
        ]
        with fresh.reader() as session:
            (copy,) = session.scalars(select(Version)).all()
            assert (copy.text_sha256, copy.raw_sha256) == (
                original.text_sha256,
                original.raw_sha256,
            )
            assert (copy.first_seen, copy.last_verified) == (NIGHT, NIGHT + timedelta(days=2))
            assert copy.source == "archived"
            raws = set(session.scalars(select(fetch_raw_sha256())))  # what each stands for
            assert raws == {original.raw_sha256}
        assert import_warc(context, [tracked], warc).counts == {ImportOutcome.KNOWN: 2}
    finally:
        fresh.dispose()


def write_crawl(path: Path, entries: list[tuple[str, str, int, bytes, dict[str, str]]]) -> None:
    """A crawl as another tool writes it: (type, URL, status, body, extra HTTP headers)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for day, (kind, url, status, body, headers) in enumerate(entries, start=1):
            http = StatusAndHeaders(
                f"{status} X",
                [("Content-Type", "text/html"), *headers.items()],
                protocol="HTTP/1.0",
            )
            date = f"2025-0{day}-01T12:00:00Z"
            if kind == "revisit":
                record = writer.create_revisit_record(
                    url,
                    digest=body.decode(),
                    refers_to_uri=url,
                    refers_to_date=date,
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": date},
                )
            else:
                record = writer.create_warc_record(
                    url,
                    kind,
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": date},
                )
            writer.write_record(record)


def payload_digest(body: bytes) -> bytes:
    return ("sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()).encode()


def test_a_crawl_by_another_tool_gives_its_registered_pages(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    spec = spec_for("acme/terms", "https://acme.example/terms")
    wall = ROOT / "tests" / "data" / "walls" / "bot-wall__cloudflare-managed-challenge.html"
    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(
        crawl,
        [
            ("response", "https://acme.example/", 200, page("Home page."), {}),
            ("response", "https://ACME.example:443/terms/", 200, V1, {}),
            ("response", "https://acme.example/terms", 404, b"not found", {}),
            ("revisit", "https://acme.example/terms", 200, payload_digest(V1), {}),
            ("response", "https://acme.example/terms", 200, wall.read_bytes(), {}),
            ("response", "https://acme.example/terms#top", 200, V2, {}),
            ("request", "https://acme.example/terms", 200, b"", {}),
        ],
    )
    context = history_context(db, settings, FixedClock(NIGHT))
    report = import_warc(context, [spec], crawl)
    assert [(i.observed_at.month, i.result.outcome) for i in report.items] == [
        (2, ImportOutcome.NEW_VERSION),
        (4, ImportOutcome.SAME_TEXT),
        (5, ImportOutcome.HELD),
        (6, ImportOutcome.NEW_VERSION),
    ]
    assert report.skipped == ["1 records of URLs not registered", "1 responses other than 200 OK"]
    with db.reader() as session:
        stored = session.scalars(select(Version).order_by(Version.number)).all()
        assert [v.source for v in stored] == ["archived", "archived"]
        fetch = session.scalars(select(Fetch).order_by(Fetch.started_at)).first()
        assert fetch is not None and fetch.provenance["target"] == "https://ACME.example:443/terms/"


def test_a_crawl_by_gnu_wget_gives_its_registered_page(
    db: Database, settings: Settings, httpserver: HTTPServer, tmp_path: Path
) -> None:
    """GNU Wget's own WARC (``--warc-file``: target URIs in angle brackets, its manifest,
    arguments and log as metadata and resource records) of a local site: the registered page
    is a version seen at the crawl's WARC-Date, the other page and records are left aside."""
    wget = shutil.which("wget")
    if wget is None:
        pytest.fail("wget is not installed: apt-get install wget (.ci/run installs it)")
    httpserver.expect_request("/terms").respond_with_data(V1, content_type="text/html")
    httpserver.expect_request("/about").respond_with_data(
        page("About us."), content_type="text/html"
    )
    spec = spec_for("acme/terms", httpserver.url_for("/terms"))
    crawl = tmp_path / "crawl"
    urls = [httpserver.url_for("/about"), httpserver.url_for("/terms")]
    subprocess.run(
        [wget, "--quiet", "--no-config", f"--warc-file={crawl}", "-O", "/dev/null", *urls],
        check=True,
        timeout=60,
    )
    warc = tmp_path / "crawl.warc.gz"
    with warc.open("rb") as stream:
        dates = [
            r.rec_headers.get_header("WARC-Date")
            for r in ArchiveIterator(stream)
            if r.rec_type == "response" and r.rec_headers.get_header("WARC-Target-URI") == spec.url
        ]
    report = import_warc(history_context(db, settings, FixedClock(NIGHT)), [spec], warc)
    assert [i.result.outcome for i in report.items] == [ImportOutcome.NEW_VERSION]
    assert report.items[0].observed_at == datetime.fromisoformat(dates[0].replace("Z", "+00:00"))
    assert "1 records of URLs not registered" in report.skipped
    with db.reader() as session:
        version = session.scalars(select(Version)).one()
        assert version.raw_sha256 == hashlib.sha256(V1).hexdigest()
        assert version.source == "archived"


def test_urls_compare_as_registered_and_bad_files_are_one_line_errors(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    assert normalized_url("HTTPS://Acme.Example:443/terms/#x") == "https://acme.example/terms"
    assert normalized_url("http://acme.example:8080/t?a=1") == "http://acme.example:8080/t?a=1"
    context = history_context(db, settings, FixedClock(NIGHT))
    spec = spec_for("acme/terms", "https://acme.example/terms")
    with pytest.raises(InputError, match="no such file"):
        import_warc(context, [spec], tmp_path / "missing.warc.gz")
    (tmp_path / "junk.warc").write_bytes(b"this is not a WARC file at all\n")
    with pytest.raises(InputError, match="not a WARC file"):
        import_warc(context, [spec], tmp_path / "junk.warc")


def test_the_warc_commands_round_trip(tmp_path: Path, corpus_dir: Path) -> None:
    base = {
        "TRACKER_REGISTRY": str(ROOT / "data" / "documents.toml"),
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
    }
    first, second = (
        {**base, "TRACKER_DATA_DIR": str(tmp_path / "a")},
        {
            **base,
            "TRACKER_DATA_DIR": str(tmp_path / "b"),
        },
    )
    runner = CliRunner()
    slug = "together-ai/privacy-policy"
    folder = corpus_dir / "snapshots" / "together-ai__privacy-policy"
    assert runner.invoke(cli, ["import", str(folder), "--document", slug], env=first).exit_code == 0
    warc = tmp_path / "v2.warc.gz"
    written = runner.invoke(
        cli, ["export-evidence", slug, "2", "--warc", "-o", str(warc)], env=first
    )
    assert written.exit_code == 0, written.output
    assert "(1 fetch, 3 records)" in written.output
    back = runner.invoke(cli, ["import-warc", str(warc)], env=second)
    assert back.exit_code == 0, back.output
    hashes = []
    for env in (first, second):
        shown = runner.invoke(
            cli, ["show", slug, "--at", "2025-12-20", "--format", "json"], env=env
        )
        answer = json.loads(shown.output)
        version = answer["version"]
        hashes.append((version["text_sha256"], version["raw_sha256"], version["source"]))
        assert answer["rests_on"]["source"] == version["source"]
    assert hashes[0][:2] == hashes[1][:2]
    assert (hashes[0][2], hashes[1][2]) == ("imported", "archived")
    missing = runner.invoke(cli, ["import-warc", str(tmp_path / "none.warc")], env=second)
    assert missing.exit_code == 1 and "no such file" in missing.output

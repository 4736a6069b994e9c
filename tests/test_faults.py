"""The fault matrix (tests/fault_matrix.py), each row against a real local server in a real
``tracker run``: the faulty document between two good ones, two nights (see the matrix's
module docstring). docs/RELIABILITY.md is generated from the same rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from tests import fault_servers as raw
from tests.fault_matrix import (
    FAULT_CASES,
    MATRIX_SETTINGS,
    FaultCase,
    FaultPage,
    HttpFault,
    RawFault,
    Unreachable,
    UntrustedCertificate,
    fault_page,
)
from tests.multihost import RULES_FILE, policy_page
from tracker.cli import cli
from tracker.store.database import open_database
from tracker.store.schema import Document, Fetch, Run, Version
from tracker.vocabulary import Outcome

FAULTY = "faulty/terms"
NEIGHBOURS = ("good/before", "good/after")


class Site(Protocol):
    """The faulty document's server: good on night 1, faulty on night 2."""

    url: str

    def night(self, number: int) -> None: ...

    def attempts(self) -> int | None:
        """Requests (or connections) that reached the document on night 2, if countable."""


class HttpSite:
    def __init__(self, server: HTTPServer, fault: HttpFault, page: FaultPage) -> None:
        self.fault, self.page = fault, page
        self.number, self.seen = 1, 0
        server.expect_request("/terms").respond_with_handler(self._respond)
        server.expect_request("/loop").respond_with_handler(self._respond)  # redirect loop
        self.url = server.url_for("/terms")

    def _respond(self, request: Request) -> Response:
        if self.number == 1:
            return Response(self.page.utf8(), content_type="text/html; charset=utf-8")
        if request.path == "/loop":
            return Response("", status=302, headers={"Location": "/loop"})
        self.seen += 1
        return self.fault.respond(request, self.seen, self.page)

    def night(self, number: int) -> None:
        self.number = number

    def attempts(self) -> int | None:
        return self.seen


class RawSite:
    def __init__(self, server: raw.RawServer, case: FaultCase, page: FaultPage, tls: Any) -> None:
        self.server, self.case, self.page, self.tls = server, case, page, tls
        self.url = server.url("/terms")
        self.before = 0

    def night(self, number: int) -> None:
        if number != 2:
            return
        self.before = self.server.connections
        fault = self.case.fault
        if isinstance(fault, RawFault):
            self.server.behaviour = fault.behaviour(self.page)
        elif isinstance(fault, Unreachable):
            self.server.stop_accepting()
        elif isinstance(fault, UntrustedCertificate):
            self.server.tls = self.tls.context(self.tls.untrusted)

    def attempts(self) -> int | None:
        if isinstance(self.case.fault, Unreachable):
            return None  # nothing is ever accepted
        return self.server.connections - self.before


@contextmanager
def fault_site(case: FaultCase, page: FaultPage, certificates: raw.Certificates) -> Iterator[Site]:
    if isinstance(case.fault, HttpFault):
        server = HTTPServer(host="127.0.0.1", threaded=True)
        server.start()
        try:
            yield HttpSite(server, case.fault, page)
        finally:
            server.clear()
            server.stop()
        return
    tls = None
    if isinstance(case.fault, UntrustedCertificate):
        tls = certificates.context(certificates.trusted)
    with raw.RawServer(raw.serve(page.utf8()), tls=tls).running() as server:
        yield RawSite(server, case, page, certificates)


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> raw.Certificates:
    return raw.make_certificates(tmp_path_factory.mktemp("certificates"))


def registry_text(neighbour_urls: tuple[str, str], faulty_url: str, select: tuple[str, ...]) -> str:
    def entry(slug: str, url: str, rules: tuple[str, ...] = ()) -> str:
        service, kind = slug.split("/")
        lines = [
            "[[documents]]",
            f'slug = "{slug}"',
            f'service = "{service}"',
            f'type = "{kind}"',
            f'url = "{url}"',
        ]
        if rules:
            lines.append("select = [" + ", ".join(f'"{r}"' for r in rules) + "]")
        return "\n".join(lines) + "\n"

    return "\n".join(
        [
            entry(NEIGHBOURS[0], neighbour_urls[0]),
            entry(FAULTY, faulty_url, select),
            entry(NEIGHBOURS[1], neighbour_urls[1]),
        ]
    )


def serve_neighbours(httpserver: HTTPServer, revision: int) -> None:
    httpserver.clear()
    for slug in NEIGHBOURS:
        httpserver.expect_request(f"/{slug}").respond_with_data(
            policy_page(slug, revision), content_type="text/html; charset=utf-8"
        )


def run_night(env: dict[str, str]) -> Result:
    return CliRunner().invoke(
        cli, ["run", "--no-digest", "--log-format", "json", "--log-level", "info"], env=env
    )


def retry_lines(result: Result, slug: str) -> list[dict[str, Any]]:
    """The JSON log lines announcing a retry of ``slug``."""
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("document") == slug and "retry" in line]


@pytest.mark.parametrize("case", FAULT_CASES, ids=[case.slug for case in FAULT_CASES])
def test_fault(
    case: FaultCase,
    database_url: str,
    tmp_path: Path,
    httpserver: HTTPServer,
    certificates: raw.Certificates,
    corpus_dir: Path,
) -> None:
    page = fault_page(corpus_dir)
    with fault_site(case, page, certificates) as site:
        registry = tmp_path / "documents.toml"
        urls = (httpserver.url_for(f"/{NEIGHBOURS[0]}"), httpserver.url_for(f"/{NEIGHBOURS[1]}"))
        registry.write_text(registry_text(urls, site.url, case.select), encoding="utf-8")
        env = {
            **MATRIX_SETTINGS,
            "TRACKER_DATABASE_URL": database_url,
            "TRACKER_REGISTRY": str(registry),
            "TRACKER_DATA_DIR": str(tmp_path / "data"),
            "TRACKER_RULES": RULES_FILE,
            "SSL_CERT_FILE": str(certificates.ca),  # trusts the test CA (UntrustedCertificate)
        }
        serve_neighbours(httpserver, 1)
        first = run_night(env)
        assert first.exit_code == 0, first.output

        serve_neighbours(httpserver, 2)
        site.night(2)
        second = run_night(env)
        attempts_seen = site.attempts()

    assert second.exit_code == case.exit_code, second.output
    assert "Traceback" not in second.stderr  # every fault is foreseen: no internal error
    fetches, versions = night_two(database_url)
    faulty = fetches[FAULTY]
    stored = (faulty.outcome, faulty.error_kind, faulty.http_status)
    assert stored == (case.outcome, case.kind, case.status), faulty.error_message
    # no version recorded: the faulty document keeps the one from night 1
    assert [v.number for v in versions[FAULTY]] == [1]
    if case.outcome == Outcome.UNCHANGED:
        assert faulty.version_id == versions[FAULTY][0].id  # verified
    else:
        assert faulty.version_id is None
        assert faulty.error_message and case.kind in second.stderr  # the warning line
    # retried exactly as the row says: announced retries, attempts counted in the message
    # and, where the server can count them, requests that reached it
    assert len(retry_lines(second, FAULTY)) == case.attempts - 1
    if case.outcome == Outcome.FAILED:
        suffix = f"(after {case.attempts} attempts)"
        assert faulty.error_message.endswith(suffix) == case.retried, faulty.error_message
    if attempts_seen is not None:
        assert attempts_seen == case.attempts
    if case.retry_wait is not None:
        assert {line["wait"] for line in retry_lines(second, FAULTY)} == {case.retry_wait}
    # the other documents of the run recorded their new revision
    for slug in NEIGHBOURS:
        assert fetches[slug].outcome == Outcome.CHANGED
        assert [v.number for v in versions[slug]] == [1, 2]


def night_two(database_url: str) -> tuple[dict[str, Fetch], dict[str, list[Version]]]:
    """The fetch of each document in the second run, and every document's versions."""
    db = open_database(database_url)
    try:
        with db.reader() as session:
            second_run = session.scalars(select(Run.id).order_by(Run.id.desc())).first()
            fetches = {
                slug: fetch
                for slug, fetch in session.execute(
                    select(Document.slug, Fetch)
                    .join(Fetch, Fetch.document_id == Document.id)
                    .where(Fetch.run_id == second_run)
                )
            }
            versions: dict[str, list[Version]] = {}
            for slug, version in session.execute(
                select(Document.slug, Version)
                .join(Version, Version.document_id == Document.id)
                .order_by(Version.number)
            ):
                versions.setdefault(slug, []).append(version)
            return fetches, versions
    finally:
        db.dispose()

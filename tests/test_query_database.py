"""History queries on SQLite and PostgreSQL (the ``db`` fixture): a history made by the real
pipeline from a real local HTTP server, then searched, filtered, exported, tampered with."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select, update

from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.errors import UsageError
from tracker.model import ClauseDiff, ExtractionRules, sha256_hex
from tracker.query.asof import show_document
from tracker.query.changelog import LogFilters, change_log
from tracker.query.export import iter_history, write_csv, write_dir, write_jsonl
from tracker.query.history import document_history
from tracker.query.quote import check_quote
from tracker.query.search import search_phrase
from tracker.query.text import like_pattern
from tracker.query.verify import verify_history
from tracker.query.versiondiff import diff_versions
from tracker.registry import DocumentSpec
from tracker.run.runner import run_tracking
from tracker.settings import load_settings
from tracker.store.blobs import compress
from tracker.store.database import Database
from tracker.store.schema import Blob, ClauseRow, ClauseText, Version

NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
BASE = [
    "Refunds cover 100% of fees.",
    "Refunds cover 1000 of fees in rare cases.",
    "Each user_id is kept for 30 days.",
    "Each userXid is kept for 30 days too.",
    "We do not use your content to train our models.",
]
NIGHTS = [
    BASE,
    [
        *BASE[:2],
        "Each user_id is kept for 90 days.",
        BASE[3],
        "We may use your content to train our models.",
    ],
    [
        *BASE[:2],
        "Each user_id is kept for 90 days.",
        BASE[3],
        "Disputes go to binding arbitration.",
    ],
]


INTRODUCTION = (
    "These terms govern your use of the service and explain what we collect, how long we keep "
    "it, who we share it with and how you can reach us. Please read them carefully before you "
    "create an account, because by using the service you agree to them."
)


def page(paragraphs: list[str]) -> str:
    """A page long enough to pass the pipeline's near-empty guard."""
    body = "".join(f"<p>{p}</p>" for p in [INTRODUCTION, *paragraphs])
    return f"<html><body><main><h1>Terms</h1><h2>1. Rules</h2>{body}</main></body></html>"


def classify(diff: ClauseDiff) -> ClauseDiff:
    """A tiny keyword rule, so changes carry topics and severities to filter on."""
    changes = []
    for change in diff.changes:
        text = " ".join(c.text for c in (*change.old, *change.new))
        if "train" in text:
            change = replace(change, topics=("ai_training",), severity="high")
        elif "days" in text:
            change = replace(change, topics=("retention",), severity="medium")
        else:
            change = replace(change, topics=("disputes",), severity="low")
        changes.append(change)
    return replace(diff, changes=tuple(changes))


def spec(server: HTTPServer, slug: str) -> DocumentSpec:
    return DocumentSpec(
        slug=slug,
        service="Example" if slug.startswith("example/") else "Other Co",
        type="Terms of Service",
        url=server.url_for(f"/{slug}"),
        rules=ExtractionRules(select=("main",)),
    )


@pytest.fixture
def tracked(db: Database, httpserver: HTTPServer, tmp_path: Path) -> Database:
    """Three nights of example/terms, one night of other-co/terms."""
    settings = load_settings({}, cwd=tmp_path)
    for number, paragraphs in enumerate(NIGHTS):
        httpserver.clear()
        httpserver.expect_request("/example/terms").respond_with_data(
            page(paragraphs), content_type="text/html"
        )
        httpserver.expect_request("/other-co/terms").respond_with_data(
            page(["Other terms mention 100% refunds too."]), content_type="text/html"
        )
        specs = [spec(httpserver, "example/terms"), spec(httpserver, "other-co/terms")]
        when = NIGHT + timedelta(days=number)
        report = run_tracking(
            db, specs, settings=settings, clock=FixedClock(when), classify=classify
        )
        assert not report.failed
    return db


def test_like_patterns_escape_wildcards_on_this_engine(tracked: Database) -> None:
    with tracked.reader() as session:

        def matching(fragment: str) -> list[str]:
            return sorted(
                session.scalars(
                    select(ClauseText.text)
                    .where(ClauseText.text.ilike(like_pattern(fragment), escape="\\"))
                    .distinct()
                )
            )

        assert matching("100%") == sorted([BASE[0], "Other terms mention 100% refunds too."])
        assert all("user_id" in t for t in matching("user_id"))
        assert matching("user_id")


def test_search_finds_phrases_with_their_version_ranges(tracked: Database) -> None:
    with tracked.reader() as session:
        result = search_phrase(session, "100% of FEES")
        (doc,) = result.documents
        assert doc.document.slug == "example/terms"
        assert [(r.first.number, r.last.number, r.gone_in) for r in doc.ranges] == [(1, 3, None)]
        training = search_phrase(session, "use your content to train", document="example/terms")
        (doc,) = training.documents
        (presence,) = doc.ranges
        assert (presence.first.number, presence.last.number) == (1, 2)
        assert presence.gone_in is not None and presence.gone_in.number == 3
        assert doc.disappeared is not None and doc.disappeared.first_seen == NIGHT + timedelta(2)
        (lineage,) = doc.lineages  # the clause was modified, not replaced: one lineage
        assert len(lineage.clause_ids) == 2
        assert (
            search_phrase(session, "user_id is kept for 30").documents[0].ranges[0].last.number == 1
        )


def test_log_filters_by_date_severity_topic_service_and_document(tracked: Database) -> None:
    with tracked.reader() as session:
        everything = change_log(session, LogFilters(limit=None))
        assert [e.recorded_at for e in everything] == sorted(
            (e.recorded_at for e in everything), reverse=True
        )
        assert {e.document.slug for e in everything} == {"example/terms"}
        high = change_log(session, LogFilters(severity="high"))
        assert high and all(e.change.severity == "high" for e in high)
        medium_up = change_log(session, LogFilters(severity="medium"))
        assert {e.change.severity for e in medium_up} == {"high", "medium"}
        topic = change_log(session, LogFilters(topic="ai_training"))
        assert topic and all("ai_training" in e.change.topics for e in topic)
        assert change_log(session, LogFilters(topic="ai%training")) == ()
        assert change_log(session, LogFilters(topic="aiXtraining")) == ()
        late = change_log(session, LogFilters(since=NIGHT + timedelta(days=2)))
        assert late and all(e.to_version == 3 for e in late)
        assert change_log(session, LogFilters(service="example")) == everything[:100]
        assert change_log(session, LogFilters(service="EXAMPLE", limit=2)) == everything[:2]
        assert change_log(session, LogFilters(document="other-co/terms")) == ()
        with pytest.raises(UsageError):
            change_log(session, LogFilters(severity="urgent"))


def test_history_show_diff_and_quote_on_this_engine(tracked: Database) -> None:
    with tracked.reader() as session:
        history = document_history(session, "example/terms")
        assert [e.version.number for e in history.entries] == [3, 2, 1]
        assert "high" in history.entries[1].summary
        view = show_document(session, "example/terms", at="2026-03-02")
        assert view.provenance.version.number == 2
        assert view.provenance.first_fetch is not None
        assert view.provenance.first_fetch.started_at == NIGHT + timedelta(days=1)
        stored = diff_versions(session, "example/terms", "1", "2")
        assert stored.stored and {c.severity for c in stored.diff.changes} == {"high", "medium"}
        computed = diff_versions(session, "example/terms", "1", "3")
        assert not computed.stored and computed.diff.changes
        check = check_quote(session, "we MAY use your content to train our models", "example/terms")
        assert check.found and check.versions == (2,)
        missing = check_quote(session, "We sell your content to train models.", "example/terms")
        assert not missing.found and missing.closest is not None
        assert "train" in missing.closest.clause.clause.text


def test_verify_passes_on_an_untouched_history(tracked: Database) -> None:
    with tracked.reader() as session:
        report = verify_history(session)
    assert report.ok, report.mismatches
    assert report.versions == 4 and report.blobs >= 8 and report.clauses > 0


def _tamper(db: Database, statement: object) -> None:
    with db.transaction() as session:
        session.execute(statement)  # type: ignore[call-overload]


def test_verify_reports_a_tampered_blob(tracked: Database) -> None:
    with tracked.reader() as session:
        version = session.scalars(select(Version).order_by(Version.id)).first()
        assert version is not None
        target = version.text_sha256
    _tamper(tracked, update(Blob).where(Blob.sha256 == target).values(data=compress(b"forged")))
    with tracked.reader() as session:
        report = verify_history(session)
    assert [(m.table, m.field) for m in report.mismatches] == [("blobs", "sha256")]
    assert report.mismatches[0].row == target[:12]
    assert report.mismatches[0].computed == sha256_hex(b"forged")


def test_verify_reports_a_tampered_clause_text(tracked: Database) -> None:
    """A wording is stored once (migration 0018): changed, every clause row holding it and
    every version holding one of those rows are reported, and nothing else."""
    with tracked.reader() as session:
        wording = session.scalars(select(ClauseText).where(ClauseText.text == BASE[0])).one()
        holders = session.execute(
            select(ClauseRow.id, ClauseRow.version_id).where(ClauseRow.text_id == wording.id)
        ).all()
        assert holders
    _tamper(
        tracked,
        update(ClauseText).where(ClauseText.id == wording.id).values(text="Refunds cover 0%."),
    )
    with tracked.reader() as session:
        report = verify_history(session)
    found = {(m.table, m.field, m.row.split()[0]) for m in report.mismatches}
    assert found == {("clauses", "sha256", str(clause_id)) for clause_id, _ in holders} | {
        ("versions", "text_sha256", str(version_id)) for version_id in {v for _, v in holders}
    }
    assert len(report.mismatches) == len(found)


def test_verify_reports_a_clause_pointed_at_another_wording(tracked: Database) -> None:
    """A clause row made to hold another (intact) wording: its version's text no longer hashes
    to the version's hash."""
    with tracked.reader() as session:
        clause = session.scalars(
            select(ClauseRow).join(ClauseText).where(ClauseText.text == BASE[0])
        ).first()
        other = session.scalars(select(ClauseText.id).where(ClauseText.text == BASE[1])).first()
        assert clause is not None and other is not None
        clause_id, version_id = clause.id, clause.version_id
    _tamper(tracked, update(ClauseRow).where(ClauseRow.id == clause_id).values(text_id=other))
    with tracked.reader() as session:
        report = verify_history(session)
    assert [(m.table, m.field, m.row.split()[0]) for m in report.mismatches] == [
        ("versions", "text_sha256", str(version_id))
    ]


def test_verify_reports_a_tampered_version_hash(tracked: Database) -> None:
    with tracked.reader() as session:
        first, second = session.scalars(
            select(Version).where(Version.number <= 2).order_by(Version.document_id, Version.number)
        ).all()[:2]
        first_id, other_text = first.id, second.text_sha256
    _tamper(tracked, update(Version).where(Version.id == first_id).values(text_sha256=other_text))
    with tracked.reader() as session:
        report = verify_history(session)
    tables = {(m.table, m.field) for m in report.mismatches}
    assert ("versions", "text_sha256") in tables
    assert ("fetches", "text_sha256") in tables  # the fetch that created it disagrees


def test_verify_command_exits_4_on_mismatch(tracked: Database, database_url: str) -> None:
    _tamper(tracked, update(ClauseText).where(ClauseText.text == BASE[2]).values(text="changed"))
    result = CliRunner().invoke(cli, ["--database-url", database_url, "verify", "--format", "json"])
    assert result.exit_code == 4
    payload = json.loads(result.output[: result.output.rindex("}") + 1])
    assert payload["ok"] is False and payload["mismatches"]
    assert "tracker: error:" in result.output


def test_exports_hold_every_version_and_clause(tracked: Database, tmp_path: Path) -> None:
    with tracked.reader() as session:
        total_clauses = session.scalar(select(func.count()).select_from(ClauseRow))
        lines = io.StringIO()
        assert write_jsonl(iter_history(session), lines) == 4
        rows = io.StringIO()
        assert write_csv(iter_history(session), rows) == total_clauses
        assert write_dir(iter_history(session), tmp_path / "a") == 4
        write_dir(iter_history(session), tmp_path / "b")
    records = [json.loads(line) for line in lines.getvalue().splitlines()]
    assert [(r["document"]["slug"], r["version"]["number"]) for r in records] == [
        ("example/terms", 1),
        ("example/terms", 2),
        ("example/terms", 3),
        ("other-co/terms", 1),
    ]
    assert all(sha256_hex(r["text"]) == r["version"]["text_sha256"] for r in records)
    assert records[1]["changes"] and records[0]["changes"] == []
    parsed = list(csv.DictReader(io.StringIO(rows.getvalue())))
    assert {row["text"] for row in parsed} >= set(BASE)
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    files = [v["file"] for d in manifest["documents"] for v in d["versions"]]
    assert files[0] == "documents/example/terms/2026-03-01_v1.md"
    for document in manifest["documents"]:
        for version in document["versions"]:
            data = (tmp_path / "a" / version["file"]).read_bytes()
            assert sha256_hex(data) == version["text_sha256"]
    for name in ["manifest.json", "SHA256SUMS", *files]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_export_command_writes_files(tracked: Database, database_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "history.jsonl"
    result = runner.invoke(
        cli, ["--database-url", database_url, "export", "--format", "jsonl", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    result = runner.invoke(cli, ["--database-url", database_url, "export", "--format", "dir"])
    assert result.exit_code == 2 and "needs --output" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "jsonl", "-o"],
        ["export", "--format", "csv", "-o"],
        ["export", "--format", "dir", "-o"],
        ["export-evidence", "example/terms", "2", "-o"],
        ["export-evidence", "example/terms", "2", "--warc", "-o"],
    ],
)
def test_every_export_creates_the_missing_folders_of_its_output(
    tracked: Database, database_url: str, tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "not" / "there" / "yet" / "out"
    result = CliRunner().invoke(cli, ["--database-url", database_url, *args, str(target)])
    assert result.exit_code == 0, result.output
    assert target.is_dir() if "dir" in args else target.is_file() and target.stat().st_size

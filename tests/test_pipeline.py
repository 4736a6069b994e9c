"""The nightly pipeline end to end: a real local HTTP server and a real SQLite file per test."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select, text

from tracker.clock import FixedClock
from tracker.digest import NOTHING_TO_SEND, send_digest
from tracker.digest.collect import document_ref, version_changes
from tracker.model import ExtractionRules
from tracker.query.history import document_history
from tracker.query.render_json import history_dict
from tracker.registry import DocumentSpec
from tracker.run.runner import RunReport, run_tracking
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.records import fetch_text_sha256
from tracker.store.schema import ChangeRow, ClauseRow, Document, Fetch, Version
from tracker.track.context import page_address

NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


def page(*paragraphs: str, script: str = "var a = 1;") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Privacy Policy</title>"
        f"<script>{script}</script></head><body>"
        '<nav><a href="/">Home</a><a href="/about">About us</a></nav>'
        f'<main class="policy"><h1>Privacy Policy</h1><h2>1. Data we collect</h2>{body}'
        "<h2>2. Contact</h2><p>Write to privacy@example.com with any question.</p></main>"
        "<footer>© Example Inc.</footer></body></html>"
    )


V1 = page(
    "We collect your name and e-mail address when you sign up for the service.",
    "We do not use your content to train our models without your consent.",
)
V2 = page(
    "We collect your name and e-mail address when you sign up for the service.",
    "We may use your content to train our models.",
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    fast = {"TRACKER_HOST_DELAY": "0", "TRACKER_RETRY_DELAY": "0.01"}  # a local server
    return load_settings({"TRACKER_FETCH_TIMEOUT": "5", **fast}, cwd=tmp_path)


def spec(server: HTTPServer, name: str = "policy", **kwargs: object) -> DocumentSpec:
    base = DocumentSpec(
        slug=f"example/{name}",
        service="Example",
        type="Privacy Policy",
        url=server.url_for(f"/{name}"),
        rules=ExtractionRules(select=("main",)),
    )
    return replace(base, **kwargs)  # type: ignore[arg-type]


def serve(server: HTTPServer, name: str, html: str, **headers: str) -> None:
    server.clear()
    server.expect_request(f"/{name}").respond_with_data(
        html, content_type="text/html; charset=utf-8", headers=headers
    )


def night(db: Database, settings: Settings, docs: list[DocumentSpec], when: datetime) -> RunReport:
    return run_tracking(db, docs, settings=settings, clock=FixedClock(when))


def count(db: Database, model: type) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_first_fetch_records_version_one(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    serve(httpserver, "policy", V1)
    report = night(db, settings, [spec(httpserver)], NIGHT)
    (result,) = report.results
    assert (result.outcome, result.version_number, report.exit_code) == ("changed", 1, 0)
    with db.reader() as session:
        version = session.scalars(select(Version)).one()
        assert version.first_seen == version.last_verified == NIGHT
        clauses = session.scalars(select(ClauseRow).order_by(ClauseRow.position)).all()
        assert [c.text for c in clauses if c.kind == "heading"] == [
            "Privacy Policy",
            "Data we collect",
            "Contact",
        ]
        assert all(c.lineage_id == c.id for c in clauses)
        # no rule file: not classified, SQL NULL (not a JSON null)
        unclassified = select(func.count()).select_from(ClauseRow).where(text("topics IS NULL"))
        assert session.scalar(unclassified) == len(clauses)
        texts = " ".join(c.text for c in clauses)
        assert "Home" not in texts and "var a" not in texts and "Example Inc" not in texts
        fetch = session.scalars(select(Fetch)).one()
        assert (fetch.outcome, fetch.http_status, fetch.version_id) == ("changed", 200, version.id)
        assert fetch.raw_sha256 is not None and fetch.text_sha256 == version.text_sha256
    assert count(db, ChangeRow) == 0


def test_unchanged_night_only_updates_last_verified(
    httpserver: HTTPServer, db: Database, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    serve(httpserver, "policy", V1)
    night(db, settings, [spec(httpserver)], NIGHT)
    caplog.set_level(logging.DEBUG, logger="tracker.track.record")
    report = night(db, settings, [spec(httpserver)], NIGHT + timedelta(days=1))
    assert report.results[0].outcome == "unchanged"
    assert "raw snapshot unchanged" in caplog.text
    with db.reader() as session:
        version = session.scalars(select(Version)).one()
        assert version.first_seen == NIGHT
        assert version.last_verified == NIGHT + timedelta(days=1)
        assert [f.outcome for f in session.scalars(select(Fetch).order_by(Fetch.id))] == [
            "changed",
            "unchanged",
        ]


def test_rerunning_the_same_night_changes_nothing(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    serve(httpserver, "policy", V1)
    night(db, settings, [spec(httpserver)], NIGHT)
    night(db, settings, [spec(httpserver)], NIGHT)
    assert count(db, Version) == 1
    with db.reader() as session:
        assert session.scalars(select(Version)).one().last_verified == NIGHT


def test_changed_night_records_version_and_clause_changes(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    serve(httpserver, "policy", V1)
    night(db, settings, [spec(httpserver)], NIGHT)
    serve(httpserver, "policy", V2)
    report = night(db, settings, [spec(httpserver)], NIGHT + timedelta(days=1))
    (result,) = report.results
    assert (result.outcome, result.version_number) == ("changed", 2)
    with db.reader() as session:
        changes = session.scalars(select(ChangeRow)).all()
        assert [c.kind for c in changes] == ["modified"]
        change = changes[0]
        deleted = "".join(text for tag, text in change.inline if tag == "delete")
        inserted = "".join(text for tag, text in change.inline if tag == "insert")
        assert "not" in deleted and "may" in inserted
        old_clause = session.get_one(ClauseRow, change.old_clause_ids[0])
        new_clause = session.get_one(ClauseRow, change.new_clause_ids[0])
        assert new_clause.lineage_id == old_clause.lineage_id
        v1, v2 = session.scalars(select(Version).order_by(Version.number)).all()
        unchanged_v1 = {
            c.sha256: c.lineage_id
            for c in session.scalars(select(ClauseRow).where(ClauseRow.version_id == v1.id))
        }
        for clause in session.scalars(select(ClauseRow).where(ClauseRow.version_id == v2.id)):
            if clause.sha256 in unchanged_v1:
                assert clause.lineage_id == unchanged_v1[clause.sha256]


def test_raw_changed_but_text_unchanged_is_not_a_version(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    serve(httpserver, "policy", V1)
    night(db, settings, [spec(httpserver)], NIGHT)
    noisy = page(
        "We collect your name and e-mail address when you sign up for the service.",
        "We do not use your content to train our models without your consent.",
        script="var nonce = 'a81f9c'; track();",
    )
    serve(httpserver, "policy", noisy)
    report = night(db, settings, [spec(httpserver)], NIGHT + timedelta(days=1))
    assert report.results[0].outcome == "unchanged"
    assert count(db, Version) == 1
    with db.reader() as session:
        fetches = session.scalars(select(Fetch).order_by(Fetch.id)).all()
        assert fetches[0].raw_sha256 != fetches[1].raw_sha256
        seen = session.scalars(select(fetch_text_sha256()).order_by(Fetch.id)).all()
        assert seen[0] == seen[1] is not None


def test_failing_document_does_not_stop_the_others(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    httpserver.expect_request("/a").respond_with_data(V1, content_type="text/html")
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    httpserver.expect_request("/c").respond_with_data(V2, content_type="text/html")
    docs = [spec(httpserver, "a"), spec(httpserver, "broken"), spec(httpserver, "c")]
    report = night(db, settings, docs, NIGHT)
    assert [r.outcome for r in report.results] == ["changed", "failed", "changed"]
    assert report.results[1].error_kind == "http-status"
    assert report.exit_code == 1
    assert count(db, Version) == 2
    with db.reader() as session:
        failed = session.scalars(select(Fetch).where(Fetch.outcome == "failed")).one()
        assert (failed.http_status, failed.version_id) == (500, None)


def test_selector_miss_is_a_failure_not_a_version(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    serve(httpserver, "policy", V1)
    doc = spec(httpserver, rules=ExtractionRules(select=("#does-not-exist",)))
    report = night(db, settings, [doc], NIGHT)
    assert report.results[0].error_kind == "selector-miss"
    assert "#does-not-exist" in (report.results[0].error or "")
    assert count(db, Version) == 0


def test_not_modified_answer_verifies_the_version(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    serve(httpserver, "policy", V1, ETag='"abc"')
    night(db, settings, [spec(httpserver)], NIGHT)
    httpserver.clear()
    httpserver.expect_request("/policy", headers={"If-None-Match": '"abc"'}).respond_with_data(
        "", status=304
    )
    report = night(db, settings, [spec(httpserver)], NIGHT + timedelta(days=1))
    assert report.results[0].outcome == "not-modified"
    with db.reader() as session:
        assert session.scalars(select(Version)).one().last_verified == NIGHT + timedelta(days=1)


def test_rule_change_is_a_technical_version_never_reported(
    httpserver: HTTPServer, db: Database, settings: Settings, tmp_path: Path
) -> None:
    serve(httpserver, "policy", V1)
    night(db, settings, [spec(httpserver)], NIGHT)
    narrower = spec(httpserver, rules=ExtractionRules(select=("main",), remove=("h1",)))
    report = night(db, settings, [narrower], NIGHT + timedelta(days=1))
    assert report.results[0].outcome == "unchanged"
    with db.reader() as session:
        versions = session.scalars(select(Version).order_by(Version.number)).all()
        assert [v.technical for v in versions] == [False, True]
    digest = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=2)))
    assert digest.data.change_count == 0
    assert [n.version.number for n in digest.data.new_documents] == [1]


def test_a_last_updated_line_showing_today_makes_date_only_versions_never_reported(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    docs = [spec(httpserver)]
    for day in range(3):
        when = NIGHT + timedelta(days=day)
        serve(
            httpserver,
            "policy",
            V1.replace("<h2>", f"<p>Last updated: {when:%B %-d, %Y}</p><h2>", 1),
        )
        night(db, settings, docs, when)
    with db.reader() as session:
        versions = session.scalars(select(Version).order_by(Version.number)).all()
        assert [(v.number, v.date_only) for v in versions] == [(1, False), (2, True), (3, True)]
        details = session.scalars(select(ChangeRow.detail)).all()
        assert details == ["date-only", "date-only"]
    with db.reader() as session:
        shown = history_dict(document_history(session, "example/policy"))["versions"]
    assert [(v["number"], v["date_only"]) for v in shown] == [(3, True), (2, True), (1, False)]
    assert shown[0]["summary"].startswith("date only")
    digest = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=3)))
    assert digest.data.change_count == 0
    assert [n.version.number for n in digest.data.new_documents] == [1]
    # a real change after date-only nights is reported against the version before it
    serve(httpserver, "policy", V2)
    night(db, settings, docs, NIGHT + timedelta(days=4))
    digest = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=4)))
    assert digest.data.change_count > 0
    with db.reader() as session:
        assert session.scalars(select(Version.date_only).where(Version.number == 4)).one() is False


def test_digest_reports_changes_with_provenance_and_escapes_text(
    httpserver: HTTPServer, db: Database, settings: Settings, tmp_path: Path
) -> None:
    serve(httpserver, "policy", V1)
    night(db, settings, [spec(httpserver)], NIGHT)
    # text that *reads* as markup once extracted: it must be shown, never executed
    hostile = V2.replace("We may use", "We may use &lt;script&gt;alert(1)&lt;/script&gt;")
    serve(httpserver, "policy", hostile)
    night(db, settings, [spec(httpserver)], NIGHT + timedelta(days=1))
    digest = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=1)))
    assert digest.files is not None
    html = digest.files.html.read_text(encoding="utf-8")
    assert digest.files.html.parent == settings.outbox_dir
    assert digest.subject == (
        "1 change in 1 document: Example Privacy Policy; now tracking 1 new document"
    )
    with db.reader() as session:
        v2 = session.scalars(select(Version).where(Version.number == 2)).one()
        assert v2.text_sha256 in html and (v2.raw_sha256 or "") in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html
    # the next digest starts where this one ended: nothing is repeated
    again = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=2)))
    assert again.status == NOTHING_TO_SEND and again.data.change_count == 0


def test_plain_text_and_markdown_pages_are_tracked_by_content_type(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    httpserver.expect_request("/terms.txt").respond_with_data(
        "TERMS OF USE\n\n1. You agree to these terms by creating an account or by using the "
        "service in any other way.\n\n2. We may end your account if you break these terms, "
        "and we will tell you why by e-mail.\n",
        content_type="text/plain; charset=utf-8",
    )
    httpserver.expect_request("/policy.md").respond_with_data(
        "# Policy\n\n## Retention\n\nWe keep logs for 30 days.\n\n## Contact\n\n"
        "Questions about this policy can be sent to privacy@example.com; we answer within a "
        "few working days, and within one month at the latest.\n",
        content_type="text/markdown; charset=utf-8",
    )
    docs = [
        spec(httpserver, "terms.txt", rules=ExtractionRules()),
        spec(httpserver, "policy.md", rules=ExtractionRules()),
    ]
    report = night(db, settings, docs, NIGHT)
    assert [r.outcome for r in report.results] == ["changed", "changed"]
    with db.reader() as session:
        texts = {c.text for c in session.scalars(select(ClauseRow))}
    assert "We keep logs for 30 days." in texts
    assert any("We may end your account if you break these terms" in t for t in texts)


@pytest.mark.parametrize(
    ("registered", "final", "expected"),
    [
        (
            "https://a.example/terms#privacy",
            "https://a.example/terms",
            "https://a.example/terms#privacy",
        ),
        (
            "https://a.example/terms#privacy",
            "https://b.example/legal",
            "https://b.example/legal#privacy",
        ),
        ("https://a.example/terms", "https://a.example/terms", "https://a.example/terms"),
        ("https://a.example/t#x", "https://a.example/t#y", "https://a.example/t#y"),
    ],
)
def test_page_address_keeps_the_registered_fragment(
    registered: str, final: str, expected: str
) -> None:
    assert page_address(registered, final) == expected


def test_each_reported_change_shows_the_unchanged_clause_before_it(
    httpserver: HTTPServer, db: Database, settings: Settings
) -> None:
    """A removal's context is the old clause before it, an addition's or a modification's the
    new clause before it, and none when that clause changed too (the digest and the feed read
    only the clauses they show)."""
    kept = [f"Paragraph {n} says something different about topic number {n}." for n in range(6)]
    serve(httpserver, "policy", page(*kept))
    night(db, settings, [spec(httpserver)], NIGHT)
    edited = [
        kept[0],
        kept[1] + " Now longer.",
        kept[2],
        kept[4],
        "A brand new paragraph.",
        kept[5],
    ]
    serve(httpserver, "policy", page(*edited))  # 1 modified, 3 removed, a new one after 4
    night(db, settings, [spec(httpserver)], NIGHT + timedelta(days=1))
    with db.reader() as session:
        v1, v2 = session.scalars(select(Version).order_by(Version.number)).all()
        document = session.get_one(Document, v2.document_id)
        reported = version_changes(session, document_ref(document), v2)
        rows = {
            version.id: list(
                session.scalars(
                    select(ClauseRow)
                    .where(ClauseRow.version_id == version.id)
                    .order_by(ClauseRow.position)
                )
            )
            for version in (v1, v2)
        }
        changes = session.scalars(
            select(ChangeRow).where(ChangeRow.to_version_id == v2.id).order_by(ChangeRow.position)
        ).all()
        changed = {i for c in changes for i in (*c.old_clause_ids, *c.new_clause_ids)}
        expected = []
        for change in changes:
            side = rows[v2.id] if change.new_clause_ids else rows[v1.id]
            ids = [r.id for r in side]
            first = min(ids.index(i) for i in (change.new_clause_ids or change.old_clause_ids))
            before = side[first - 1] if first else None
            expected.append(None if before is None or before.id in changed else before.text)
    assert {c.kind for c in changes} >= {"modified", "removed", "added"}, [c.kind for c in changes]
    assert [r.context.text if r.context else None for r in reported.changes] == expected
    assert any(text is not None for text in expected)

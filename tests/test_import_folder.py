"""History from dated files (``tracker import``), and versions placed in the past.

The Together AI folders of the real corpus (../shared/corpus) are imported as they are; the
expectations come from the corpus itself (its file names and manifests, each file's own
extraction), never from the code under test. Live versions are recorded by the real pipeline
(``track_page``: process_page on given bytes) before older history is imported around them.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.digest_support import spec_for, track_page
from tests.test_extract_formats import _pdf as handwritten_pdf
from tracker.classify import load_rules
from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.diff import diff_clauses
from tracker.digest.bookkeeping import pending_version_ids
from tracker.digest.collect import collect_digest
from tracker.digest.feed import collect_feed_items
from tracker.errors import UsageError
from tracker.extract import extract_bytes
from tracker.facts import RuleClassifier
from tracker.importers import ImportReport, history_context
from tracker.importers.folder import dated_files, import_folder
from tracker.model import ExtractionRules
from tracker.query.asof import show_document
from tracker.query.render_text import view_header
from tracker.query.verify import verify_history
from tracker.registry import DocumentSpec
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.records import clause_from_row, version_clause_rows
from tracker.store.schema import ChangeRow, ClauseRow, FactRow, Fetch, Version
from tracker.vocabulary import ImportOutcome, Source

ROOT = Path(__file__).resolve().parent.parent
A_YEAR = datetime(2025, 1, 1, tzinfo=UTC)
RULES = load_rules(ROOT / "data" / "rules.toml")
CLASSIFIER = RuleClassifier(RULES)
TERMS_URL = "https://www.together.ai/terms-of-service"
PRIVACY_URL = "https://www.together.ai/privacy"
TOGETHER = {
    "together-ai__terms-of-service": spec_for("together-ai/terms-of-service", TERMS_URL),
    "together-ai__privacy-policy": spec_for("together-ai/privacy-policy", PRIVACY_URL),
}


def together(name: str) -> DocumentSpec:
    base = TOGETHER[name]
    return DocumentSpec(
        slug=base.slug,
        service="Together AI",
        type=base.type,
        url=base.url,
        rules=ExtractionRules(select=(".main-wrapper",)),
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"TRACKER_RULES": str(ROOT / "data" / "rules.toml")}, cwd=tmp_path)


def imported(db: Database, settings: Settings, spec: DocumentSpec, folder: Path) -> ImportReport:
    clock = FixedClock(datetime(2026, 12, 1, tzinfo=UTC))
    return import_folder(history_context(db, settings, clock), spec, folder)


def versions(session: Session, slug_id: int | None = None) -> list[Version]:
    query = select(Version).order_by(Version.document_id, Version.number)
    if slug_id is not None:
        query = query.where(Version.document_id == slug_id)
    return list(session.scalars(query))


def expected_texts(folder: Path, spec: DocumentSpec) -> list[tuple[str, str]]:
    """(date, text hash) of each file of the corpus folder, oldest first, as extracted alone."""
    expected = []
    for path in sorted(folder.glob("*_*.*")):
        if path.suffix not in (".md", ".html"):
            continue
        date = path.stem.split("_", 1)[1]
        rules = spec.rules if path.suffix == ".html" else ExtractionRules()  # CSS: HTML only
        extracted = extract_bytes(path.read_bytes(), name=path.name, rules=rules, base_url=spec.url)
        expected.append((date, extracted.text_sha256))
    return expected


def assert_history_is_consistent(session: Session, document_id: int) -> None:
    """Numbers follow time; every version's changes come from the one just before it (once);
    every clause continues a lineage of the version before or starts its own."""
    rows = versions(session, document_id)
    assert [v.number for v in rows] == list(range(1, len(rows) + 1))
    assert [v.first_seen for v in rows] == sorted(v.first_seen for v in rows)
    previous_lineages: set[int] = set()
    for before, version in zip([None, *rows], rows, strict=False):
        changes = session.scalars(select(ChangeRow).where(ChangeRow.to_version_id == version.id))
        sources = {c.from_version_id for c in changes}
        assert sources <= ({before.id} if before is not None else set())
        clauses = version_clause_rows(session, version.id)
        for clause in clauses:
            assert clause.lineage_id == clause.id or clause.lineage_id in previous_lineages
        previous_lineages = {c.lineage_id for c in clauses if c.lineage_id is not None}


@pytest.mark.parametrize("kind", ["versions", "snapshots"])
@pytest.mark.parametrize("name", sorted(TOGETHER))
def test_a_corpus_folder_gives_exactly_its_versions_in_order(
    db: Database, settings: Settings, corpus_dir: Path, kind: str, name: str
) -> None:
    folder = corpus_dir / kind / name
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    spec = together(name)
    report = imported(db, settings, spec, folder)
    expected = expected_texts(folder, spec)
    held = manifest.get("versions") or manifest["snapshots"]  # what the corpus holds
    files = [v.get("file") or v["files"][0]["file"] for v in held]
    assert [name.split("_", 1)[1][:10] for name in files] == [date for date, _ in expected]
    assert report.counts[ImportOutcome.NEW_VERSION] == len(expected)
    assert report.skipped == ["manifest.json: not named <anything>_<YYYY-MM-DD>.<md|html|txt|pdf>"]
    with db.reader() as session:
        stored = versions(session)
        assert [(v.first_seen.date().isoformat(), v.text_sha256) for v in stored] == expected
        assert {v.source for v in stored} == {Source.IMPORTED}
        assert not any(v.technical for v in stored)
        # clauses, diffs, topics, severity and facts as for a live fetch
        for before, after in itertools.pairwise(stored):
            changes = list(
                session.scalars(select(ChangeRow).where(ChangeRow.to_version_id == after.id))
            )
            old = [clause_from_row(r) for r in version_clause_rows(session, before.id)]
            new = [clause_from_row(r) for r in version_clause_rows(session, after.id)]
            assert len(changes) == len(diff_clauses(old, new).changes) > 0
            assert {c.severity for c in changes} - {"none"}
        assert session.scalars(select(ClauseRow.topics).limit(1)).one() is not None
        answered = {f.version_id for f in session.scalars(select(FactRow))}
        assert answered == {v.id for v in stored}
        fetches = list(session.scalars(select(Fetch).order_by(Fetch.started_at)))
        assert [f.provenance["file"] for f in fetches if f.provenance] == files
        assert {(f.source, f.http_status, f.run_id) for f in fetches} == {("imported", None, None)}
        assert_history_is_consistent(session, stored[0].document_id)
        # imported history is never news
        assert pending_version_ids(session) == []
        assert collect_feed_items(session) == []


def test_importing_the_same_folder_again_adds_nothing(
    db: Database, settings: Settings, corpus_dir: Path
) -> None:
    folder = corpus_dir / "versions" / "together-ai__privacy-policy"
    spec = together("together-ai__privacy-policy")
    imported(db, settings, spec, folder)
    with db.reader() as session:
        before = [(v.id, v.number, v.text_sha256) for v in versions(session)]
        fetches = len(session.scalars(select(Fetch.id)).all())
    again = imported(db, settings, spec, folder)
    assert again.counts == {ImportOutcome.KNOWN: len(before)}
    with db.reader() as session:
        assert [(v.id, v.number, v.text_sha256) for v in versions(session)] == before
        assert len(session.scalars(select(Fetch.id)).all()) == fetches


def test_the_same_text_in_html_and_markdown_is_one_version(
    db: Database, settings: Settings, corpus_dir: Path
) -> None:
    """The Markdown versions and the HTML snapshots of the terms extract to the same texts:
    importing both folders keeps one version per text, each verified twice."""
    spec = together("together-ai__terms-of-service")
    first = imported(db, settings, spec, corpus_dir / "versions" / "together-ai__terms-of-service")
    second = imported(
        db, settings, spec, corpus_dir / "snapshots" / "together-ai__terms-of-service"
    )
    assert first.counts == {ImportOutcome.NEW_VERSION: 5}
    assert second.counts == {ImportOutcome.SAME_TEXT: 5}
    with db.reader() as session:
        assert len(versions(session)) == 5


def test_older_history_is_placed_before_observed_versions(
    db: Database, settings: Settings, corpus_dir: Path
) -> None:
    """Tracking began in March 2026 (two observed versions); the archive's five versions from
    2025 on are imported afterwards: three go before, two are the observed texts seen earlier."""
    name = "together-ai__terms-of-service"
    spec = together(name)
    snapshots = sorted((corpus_dir / "snapshots" / name).glob("*.html"))
    march, may = datetime(2026, 3, 10, 3, tzinfo=UTC), datetime(2026, 5, 25, 3, tzinfo=UTC)
    hooks = {"classify": CLASSIFIER.classify_diff, "annotate": CLASSIFIER.annotate_version}
    track_page(db, settings, spec, snapshots[3].read_bytes(), march, **hooks)
    track_page(db, settings, spec, snapshots[4].read_bytes(), may, **hooks)
    with db.reader() as session:
        observed = {v.id: v.text_sha256 for v in versions(session)}
        (late,) = session.scalars(select(ChangeRow.created_at).distinct()).all()
    report = imported(db, settings, spec, corpus_dir / "versions" / name)
    assert [item.result.outcome for item in report.items] == [
        ImportOutcome.NEW_VERSION,
        ImportOutcome.NEW_VERSION,
        ImportOutcome.NEW_VERSION,
        ImportOutcome.EARLIER,
        ImportOutcome.EARLIER,
    ]
    with db.reader() as session:
        stored = versions(session)
        assert [v.source for v in stored] == ["imported"] * 3 + ["observed"] * 2
        assert [v.id for v in stored[3:]] == list(observed)  # the same rows, renumbered
        assert [v.text_sha256 for v in stored] == [
            h for _, h in expected_texts(corpus_dir / "versions" / name, spec)
        ]
        # the observed versions were in force from the archive's dates on
        assert [v.first_seen for v in stored[3:]] == [
            datetime(2026, 3, 2, tzinfo=UTC),
            datetime(2026, 5, 20, tzinfo=UTC),
        ]
        assert stored[3].last_verified == march and stored[4].last_verified == may
        assert_history_is_consistent(session, stored[0].document_id)
        assert verify_history(session).ok  # every hash still recomputes from stored bytes
        # v4's changes now come from the imported v3, computed once, kept at their old time
        into_v4 = list(
            session.scalars(select(ChangeRow).where(ChangeRow.to_version_id == stored[3].id))
        )
        assert into_v4 and {c.from_version_id for c in into_v4} == {stored[2].id}
        assert {c.created_at for c in into_v4} == {march}
        assert late == may
        # the digest still reports the two observed versions, nothing imported
        assert pending_version_ids(session) == [stored[3].id, stored[4].id]
        data = collect_digest(session, pending_version_ids(session), now=may)
        assert [(t.old.number, t.new.number) for t in data.transitions] == [(3, 4), (4, 5)]
        assert data.new_documents == ()
        # an as-of answer says what it rests on
        view = show_document(session, spec.slug, at="2025-06-01")
        assert view.provenance.version.number == 2
        rests = "rests on:      an imported page (file 02_2025-05-06.md) of 2025-05-06 00:00 UTC"
        assert rests in view_header(view)
        now = show_document(session, spec.slug, at="2026-05-30")
        assert "rests on:      our own fetch of 2026-05-25 03:00 UTC" in view_header(now)


FILLER = (
    "<p>These terms govern your use of the services we offer to you and to the organisation "
    "you represent, from the day you accept them until you close your account.</p>"
)


def terms(*paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<main><h1>Terms</h1>{FILLER}{body}</main>".encode()


def test_a_version_inserted_between_two_observed_ones_relinks_the_later_one(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    spec = spec_for("acme/terms", "https://acme.example/terms")
    track_page(
        db, settings, spec, terms("We keep data for 30 days.", "We never sell data."), A_YEAR
    )
    track_page(
        db,
        settings,
        spec,
        terms("We keep data for 90 days.", "We may sell data to partners."),
        A_YEAR.replace(year=2026),
    )
    folder = tmp_path / "past"
    folder.mkdir()
    (folder / "terms_2025-06-01.html").write_bytes(
        terms("We keep data for 90 days.", "We never sell data.")
    )
    report = imported(db, settings, spec, folder)
    assert [i.result.outcome for i in report.items] == [ImportOutcome.NEW_VERSION]
    assert report.items[0].result.version_number == 2
    with db.reader() as session:
        stored = versions(session)
        assert [v.source for v in stored] == ["observed", "imported", "observed"]
        assert_history_is_consistent(session, stored[0].document_id)
        assert verify_history(session).ok
        first, middle, last = (version_clause_rows(session, v.id) for v in stored)
        # "90 days" continues unchanged from the middle version into the last one, and the
        # retention clause keeps the lineage it had from the first version on
        assert last[2].text == middle[2].text == "We keep data for 90 days."
        assert last[2].lineage_id == middle[2].lineage_id == first[2].lineage_id
        into_last = session.scalars(
            select(ChangeRow).where(ChangeRow.to_version_id == stored[2].id)
        ).all()
        assert [c.kind for c in into_last] == ["modified"]  # only the sale clause now


def test_a_page_from_the_past_that_contradicts_our_own_fetches_is_held(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    spec = spec_for("acme/terms", "https://acme.example/terms")
    text = terms("We keep data for 30 days.")
    track_page(db, settings, spec, text, datetime(2025, 3, 1, tzinfo=UTC))
    track_page(db, settings, spec, text, datetime(2025, 3, 20, tzinfo=UTC))
    folder = tmp_path / "past"
    folder.mkdir()
    (folder / "a_2025-03-10.html").write_bytes(terms("We keep data for 45 days."))
    (folder / "b_2025-03-25.html").write_bytes(terms("We keep data for 60 days."))
    report = imported(db, settings, spec, folder)
    held, added = report.items
    assert (held.result.outcome, held.result.kind) == (ImportOutcome.HELD, "contradicted")
    assert added.result.outcome == ImportOutcome.NEW_VERSION
    with db.reader() as session:
        assert [v.source for v in versions(session)] == ["observed", "imported"]


def test_imported_walls_are_held_and_short_rewrites_are_not(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    spec = spec_for("acme/terms", "https://acme.example/terms")
    long_text = " ".join(f"We keep record {i} of your data for thirty days." for i in range(200))
    folder = tmp_path / "past"
    folder.mkdir()
    (folder / "a_2025-01-01.html").write_text(f"<main><h1>Terms</h1><p>{long_text}</p></main>")
    wall = ROOT / "tests" / "data" / "walls" / "bot-wall__cloudflare-managed-challenge.html"
    (folder / "b_2025-02-01.html").write_bytes(wall.read_bytes())
    short = (
        "<main><h1>Terms</h1>" + "<p>We keep your data for thirty days and then delete it.</p>" * 8
    )
    (folder / "c_2025-03-01.html").write_text(short + "</main>")
    (folder / "notes.txt").write_text("not dated")
    report = imported(db, settings, spec, folder)
    outcomes = [(i.name, i.result.outcome, i.result.kind) for i in report.items]
    assert outcomes == [
        ("a_2025-01-01.html", ImportOutcome.NEW_VERSION, None),
        ("b_2025-02-01.html", ImportOutcome.HELD, "bot-wall"),
        ("c_2025-03-01.html", ImportOutcome.NEW_VERSION, None),  # shrank: a person chose it
    ]
    assert report.skipped == ["notes.txt: not named <anything>_<YYYY-MM-DD>.<md|html|txt|pdf>"]
    with db.reader() as session:
        held = session.scalars(select(Fetch).where(Fetch.outcome == "suspect")).one()
        assert (held.source, held.version_id, held.error_kind) == ("imported", None, "bot-wall")


def test_pdf_and_text_files_become_versions_like_any_page(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    """A PDF and plain text files go through the pipeline too, read without the document's CSS
    rules (its ``select`` matches nothing in them); the same text in two formats is one
    version."""
    spec = spec_for("acme/terms", "https://acme.example/terms", select=(".main-wrapper",))
    retention = [f"Clause {i}. We keep record {i} of your data for thirty days." for i in range(40)]
    folder = tmp_path / "past"
    folder.mkdir()
    (folder / "a_2025-01-10.pdf").write_bytes(
        handwritten_pdf([["Terms of Use", *retention[:20]], retention[20:]])
    )
    text = "Terms of Use\n\n" + "\n\n".join(r.replace("thirty", "ninety") for r in retention)
    (folder / "b_2025-03-01.txt").write_text(text)
    (folder / "c_2025-04-01.txt").write_text(text + "\n")
    report = imported(db, settings, spec, folder)
    assert [(i.name, i.result.outcome) for i in report.items] == [
        ("a_2025-01-10.pdf", ImportOutcome.NEW_VERSION),
        ("b_2025-03-01.txt", ImportOutcome.NEW_VERSION),
        ("c_2025-04-01.txt", ImportOutcome.SAME_TEXT),
    ]
    expected = [
        extract_bytes((folder / name).read_bytes(), name=name, base_url=spec.url).text_sha256
        for name in ("a_2025-01-10.pdf", "b_2025-03-01.txt")
    ]
    with db.reader() as session:
        stored = versions(session)
        assert [v.text_sha256 for v in stored] == expected
        assert [v.first_seen.date().isoformat() for v in stored] == ["2025-01-10", "2025-03-01"]
        assert stored[1].last_verified == datetime(2025, 4, 1, tzinfo=UTC)
        assert {v.source for v in stored} == {Source.IMPORTED}
        changes = session.scalars(select(ChangeRow).where(ChangeRow.to_version_id == stored[1].id))
        assert len(list(changes)) == 40  # every retention clause, thirty days to ninety
        assert_history_is_consistent(session, stored[0].document_id)


def test_dated_files_are_read_by_date_then_name(tmp_path: Path) -> None:
    for name in ("b_2025-02-01.md", "a_2025-02-01.txt", "z_2024-12-31.pdf", "x_2025-13-01.md"):
        (tmp_path / name).write_text("text")
    files, skipped = dated_files(tmp_path)
    assert [f.path.name for f in files] == [
        "z_2024-12-31.pdf",
        "a_2025-02-01.txt",
        "b_2025-02-01.md",
    ]
    assert [f.content_type for f in files] == ["application/pdf", "text/plain", "text/markdown"]
    assert files[0].observed_at == datetime(2024, 12, 31, tzinfo=UTC)
    assert skipped == ["x_2025-13-01.md: not named <anything>_<YYYY-MM-DD>.<md|html|txt|pdf>"]
    with pytest.raises(UsageError, match="not a folder"):
        dated_files(tmp_path / "missing")


def test_the_import_command(tmp_path: Path, corpus_dir: Path) -> None:
    env = {
        "TRACKER_DATA_DIR": str(tmp_path),
        "TRACKER_REGISTRY": str(ROOT / "data" / "documents.toml"),
    }
    env["TRACKER_RULES"] = str(ROOT / "data" / "rules.toml")
    folder = corpus_dir / "versions" / "together-ai__privacy-policy"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["import", str(folder), "--document", "together-ai/privacy-policy"], env=env
    )
    assert result.exit_code == 0, result.output
    history = runner.invoke(cli, ["history", "together-ai/privacy-policy"], env=env)
    lines = [line.split() for line in history.output.splitlines()[2:5]]
    assert [(words[0], words[10]) for words in lines] == [
        ("v3", "imported"),
        ("v2", "imported"),
        ("v1", "imported"),
    ]
    table = tmp_path / "history.csv"
    exported = runner.invoke(cli, ["export", "--format", "csv", "-o", str(table)], env=env)
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8"))))
    assert {(row["version"], row["source"]) for row in rows} == {
        ("1", "imported"),
        ("2", "imported"),
        ("3", "imported"),
    }
    unknown = runner.invoke(cli, ["import", str(folder), "--document", "acme/nothing"], env=env)
    assert unknown.exit_code == 2 and "unknown document 'acme/nothing'" in unknown.output
    empty = runner.invoke(
        cli, ["import", str(tmp_path), "--document", "together-ai/privacy-policy"], env=env
    )
    assert empty.exit_code == 2 and "no file named" in empty.output

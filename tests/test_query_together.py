"""History queries on the real Together AI pages, tracked night by night by the real pipeline.

The bundled snapshots (data/demo, Open Terms Archive) go through ``tracker.demo.run_demo`` into
a test database once per module. Expectations come from the snapshots themselves (their visible
text, their manifest hashes), not from the code under test.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from sqlalchemy.orm import Session

from tracker.classify import load_rules
from tracker.cli import cli
from tracker.demo import discover_snapshots, run_demo
from tracker.diff import new_text_of, old_text_of
from tracker.errors import NotFoundError
from tracker.model import sha256_hex
from tracker.query.asof import show_document
from tracker.query.evidence import collect_evidence, evidence_files, evidence_zip
from tracker.query.history import document_history
from tracker.query.lineage import clause_lineage
from tracker.query.quote import check_quote
from tracker.query.render_json import quote_dict
from tracker.query.render_text import quote_text
from tracker.query.search import search_phrase
from tracker.query.text import match_form
from tracker.query.versiondiff import diff_versions
from tracker.registry import load_registry
from tracker.settings import load_settings
from tracker.store.database import Database, open_database

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
SEEDS = ROOT.parent / "shared" / "seeds"
TERMS = "together-ai/terms-of-service"
SNAPSHOTS = discover_snapshots(DEMO)[TERMS]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    work = tmp_path_factory.mktemp("together")
    settings = load_settings({}, cwd=work)
    registry = load_registry(ROOT / "data" / "documents.toml")
    rules = load_rules(ROOT / "data" / "rules.toml")  # the shipped classifier, as `tracker demo`
    result = run_demo(DEMO, registry, settings, work, rules=rules)
    return result.database_url


@pytest.fixture
def session(demo_url: str) -> Iterator[Session]:
    db: Database = open_database(demo_url)
    try:
        with db.reader() as reader:
            yield reader
    finally:
        db.dispose()


def snapshot_text(path: Path) -> str:
    """The visible text of an archived page, as a reader would copy it."""
    soup = BeautifulSoup(path.read_bytes(), "lxml")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    return match_form(soup.get_text(" "))


def seed_quote() -> str:
    """The clause the policy-tracking site attributes to Together AI's terms."""
    seed = SEEDS / "003_473eb7f9ba3c526a.txt"
    if not seed.is_file():
        pytest.fail(f"seed page missing at {seed}: clone the project beside ../shared")
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    return lines[lines.index("View original clause language") + 1]


def test_history_lists_every_snapshot_newest_first(session: Session) -> None:
    history = document_history(session, TERMS)
    assert history.total == len(SNAPSHOTS) == 5
    numbers = [e.version.number for e in history.entries]
    assert numbers == [5, 4, 3, 2, 1]
    days = [e.version.first_seen.date() for e in reversed(history.entries)]
    assert days == [s.day for s in SNAPSHOTS]
    assert history.entries[-1].summary == "first version"
    assert all(e.changes.total > 0 for e in history.entries[:-1])
    page = document_history(session, TERMS, limit=2, offset=1)
    assert [e.version.number for e in page.entries] == [4, 3] and not page.complete


def test_show_at_a_date_gives_the_version_then_and_its_proof(session: Session) -> None:
    between = SNAPSHOTS[1].day.replace(day=SNAPSHOTS[1].day.day + 1)
    view = show_document(session, TERMS, at=between.isoformat())
    proof = view.provenance
    assert proof.version.number == 2
    assert proof.next_version is not None and proof.next_version.number == 3
    assert proof.first_fetch is not None and proof.first_fetch.http_status == 200
    assert proof.first_fetch.raw_sha256 == proof.version.raw_sha256
    assert proof.version.raw_sha256 == sha256_hex(SNAPSHOTS[1].path.read_bytes())
    assert sha256_hex(view.text) == proof.version.text_sha256
    on_the_day = show_document(session, TERMS, at=SNAPSHOTS[2].day.isoformat())
    assert on_the_day.provenance.version.number == 3  # first seen that day: end-of-day rule
    instant = datetime.combine(SNAPSHOTS[2].day, datetime.min.time(), tzinfo=UTC)
    assert show_document(session, TERMS, at=instant.isoformat()).provenance.version.number == 2


def test_show_before_the_first_version_is_a_clear_error(session: Session) -> None:
    with pytest.raises(NotFoundError, match="first version was first seen 2025-02-18"):
        show_document(session, TERMS, at="2024-12-31")


def test_seed_quote_is_in_no_version_and_the_closest_clause_is_reported(
    session: Session,
) -> None:
    quote = seed_quote()
    assert quote.startswith("By submitting, posting, or displaying content")
    assert not any(match_form(quote) in snapshot_text(s.path) for s in SNAPSHOTS)
    check = check_quote(session, quote, TERMS)
    assert not check.found and check.versions == () and check.evidence == ()
    closest = check.closest
    assert closest is not None
    assert 0.0 < closest.similarity < 0.8
    latest_texts = {c.clause.text for c in show_document(session, TERMS).clauses}
    all_texts = {
        c.clause.text
        for n in range(1, 6)
        for c in show_document(session, TERMS, version=str(n)).clauses
    }
    assert closest.clause.clause.text in all_texts
    # the terms' one royalty-free licence clause (for feedback, not content) is the closest
    assert "royalty-free license" in closest.clause.clause.text
    assert closest.passage in closest.clause.clause.display_text
    assert old_text_of(closest.inline) == closest.passage
    assert new_text_of(closest.inline) == quote
    assert latest_texts  # the document is not empty


#: One sentence of the terms' long warranty disclaimer (v1-v2), lightly edited.
EDITED_SENTENCE = (
    "Together Computer is not responsible for any third party platforms and does not "
    "guarantee their continued availability."
)


def test_the_closest_passage_of_an_edited_sentence_is_its_stretch_of_a_long_clause(
    session: Session,
) -> None:
    # Compared whole, the 1,400-character disclaimer lost to a short clause (0.23 similar);
    # compared by stretches, as check-claims compares, the edited sentence is found in it.
    check = check_quote(session, EDITED_SENTENCE, TERMS)
    closest = check.closest
    assert not check.found and closest is not None
    assert closest.clause.clause.text.startswith("EXCEPT AS EXPRESSLY SET FORTH HEREIN")
    assert closest.similarity >= 0.8
    assert closest.passage.startswith("TOGETHER COMPUTER IS NOT RESPONSIBLE OR LIABLE")
    assert closest.passage in closest.clause.clause.display_text
    assert len(closest.passage) < len(closest.clause.clause.display_text) // 4
    assert old_text_of(closest.inline) == closest.passage
    assert new_text_of(closest.inline) == EDITED_SENTENCE
    shown = quote_text(check)
    assert f"  document: … {closest.passage} …\n" in shown
    assert f"in v{closest.version.number}, similarity {closest.similarity:.2f}" in shown
    closest_json = quote_dict(check)["closest"]
    assert closest_json["passage"] == closest.passage
    assert closest_json["text"] == closest.clause.clause.display_text


def test_of_equally_close_passages_the_newest_version_s_is_reported(session: Session) -> None:
    # The privacy policy's sentence on training, without its "any": v1 has it inside the long
    # 'Applicability' clause, v3 in a clause of its own, both 0.96 similar. The tie went to
    # whichever clause's SHA-256 sorted first (v1's, a superseded version); the newest is
    # what a reader checking a quotation wants.
    quote = "We do not use data collected from you to train our models"
    check = check_quote(session, quote, "together-ai/privacy-policy")
    closest = check.closest
    assert not check.found and closest is not None
    assert closest.passage == "We do not use any data collected from you to train our models"
    assert closest.version.number == document_history(session, "together-ai/privacy-policy").total


REAL_SENTENCE = (
    "If you share feedback with the Company, you grant us a perpetual, worldwide, irrevocable, "
    "royalty-free license to use it without restriction."
)


def test_a_real_sentence_is_found_in_exactly_the_versions_whose_pages_have_it(
    session: Session,
) -> None:
    expected = [
        n for n, s in enumerate(SNAPSHOTS, 1) if match_form(REAL_SENTENCE) in snapshot_text(s.path)
    ]
    assert expected  # the oracle must find it somewhere
    check = check_quote(session, REAL_SENTENCE, TERMS)
    assert check.found and check.verbatim and check.closest is None
    assert list(check.versions) == expected
    first, last = check.evidence[0], check.evidence[-1]
    assert first.version.number == expected[0] and last.version.number == expected[-1]
    assert first.version.raw_sha256 == sha256_hex(SNAPSHOTS[expected[0] - 1].path.read_bytes())
    assert "archived by Policy Tracker" in first.citation
    shouted = check_quote(session, REAL_SENTENCE.upper().replace("'", "\u2019"), TERMS)
    assert shouted.found and not shouted.verbatim and shouted.versions == check.versions


def test_quote_at_a_date_answers_for_that_version_only(session: Session) -> None:
    check = check_quote(session, REAL_SENTENCE, TERMS, at=SNAPSHOTS[0].day.isoformat())
    assert check.at_version is not None and check.at_version.number == 1
    assert not check.found and check.versions  # in later versions, not then
    assert check.closest is not None and check.closest.version.number == 1


def test_quote_spanning_two_clauses_is_found(session: Session) -> None:
    view = show_document(session, TERMS)
    paragraphs = [c.clause for c in view.clauses if c.clause.kind != "heading"]
    a, b = paragraphs[3], paragraphs[4]
    quote = " ".join(a.text.split()[-6:]) + "\n" + " ".join(b.text.split()[:6])
    check = check_quote(session, quote, TERMS)
    assert check.found
    assert [c.clause.id for c in check.matches[-1].clauses] == [a.id, b.id]


def test_search_reports_when_a_phrase_appeared_and_disappeared(session: Session) -> None:
    present = [
        n for n, s in enumerate(SNAPSHOTS, 1) if "together computer" in snapshot_text(s.path)
    ]
    result = search_phrase(session, "Together Computer", document=TERMS)
    (doc,) = result.documents
    numbers = sorted({n for r in doc.ranges for n in range(r.first.number, r.last.number + 1)})
    assert numbers == present
    assert doc.first_appeared.number == present[0]
    assert search_phrase(session, "no such phrase anywhere 12345").documents == ()


def test_clause_lineage_has_each_wording(session: Session) -> None:
    result = diff_versions(session, TERMS, "2", "3")
    modified = next(c for c in result.diff.changes if c.kind == "modified")
    view = show_document(session, TERMS, version="3")
    row = next(c for c in view.clauses if c.clause.id == modified.new[0].id)
    lineage = clause_lineage(session, str(row.row_id))
    texts = [w.clause.clause.display_text for w in lineage.wordings]
    assert modified.old[0].display_text in texts and modified.new[0].display_text in texts
    assert lineage.wordings[0].inline == ()
    assert all(w.inline for w in lineage.wordings[1:])
    newest = show_document(session, TERMS).clauses[10]  # a key means its newest clause
    by_key = clause_lineage(session, newest.clause.id, document=TERMS)
    assert by_key.lineage_id == clause_lineage(session, str(newest.row_id)).lineage_id
    assert by_key.current.clause.id == newest.clause.id


def test_diff_of_successive_versions_is_stored_and_of_others_computed(session: Session) -> None:
    latest = diff_versions(session, TERMS)
    assert (latest.old.version.number, latest.new.version.number, latest.stored) == (4, 5, True)
    wide = diff_versions(session, TERMS, "v1", "v5")
    assert not wide.stored and wide.diff.changes
    assert wide.diff.unchanged + sum(1 for c in wide.diff.changes if c.new) <= 88


def test_evidence_zip_is_deterministic_and_holds_the_fetched_bytes(session: Session) -> None:
    evidence = collect_evidence(session, TERMS, "3")
    first, second = evidence_zip(evidence), evidence_zip(collect_evidence(session, TERMS, "v3"))
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist() == ["raw.html", "text.md", "fetch.json", "SHA256SUMS", "CITATION.txt"]
    assert archive.read("raw.html") == SNAPSHOTS[2].path.read_bytes()
    sums = dict(
        reversed(line.split("  ")) for line in archive.read("SHA256SUMS").decode().splitlines()
    )
    for name, data in evidence_files(evidence)[:3]:
        assert sums[name] == sha256_hex(data)
    assert sums["text.md"] == evidence.provenance.version.text_sha256
    meta = json.loads(archive.read("fetch.json"))
    assert meta["first_fetch"]["http_status"] == 200
    citation = archive.read("CITATION.txt").decode()
    assert re.match(r"Together AI Terms of Service, version 3, first seen 2025-12-20", citation)


def test_commands_on_the_demo_database(demo_url: str, tmp_path: Path) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--database-url", demo_url, *args])
        assert result.exit_code == 0, result.output
        return result.output

    assert "first version" in run("history", TERMS)
    assert json.loads(run("history", TERMS, "--format", "json"))["total"] == 5
    assert "Terms of Service" in run("show", TERMS, "--at", "2025-06-01", "--format", "html")
    assert (
        json.loads(run("show", TERMS, "--version", "2", "--format", "json"))["version"]["number"]
        == 2
    )
    assert run("show", TERMS, "--format", "markdown").startswith("> document:")
    clauses = json.loads(run("show", TERMS, "--format", "json"))["clauses"]
    assert all(isinstance(c["topics"], list) for c in clauses)  # classified when stored
    text = run("diff", TERMS, "--no-color")
    assert text.startswith(f"--- {TERMS} v4 (first seen 2026-03-02")
    assert "diff stored when v5 was recorded" in text and "\x1b[" not in text
    assert "<!DOCTYPE html>" in run("diff", TERMS, "v1", "v2", "--format", "html")
    computed_text = run("diff", TERMS, "1", "3", "--no-color")
    assert "stored clauses (graded with the current rule file)" in computed_text.splitlines()[2]
    computed = json.loads(run("diff", TERMS, "1", "3", "--format", "json"))
    assert computed["source"] == "computed"
    judged = computed["changes"]  # classified even though no version step stored them
    assert judged and all(c["reason"] and c["direction"] for c in judged)
    assert any(c["severity"] == "high" for c in judged)
    shown = json.loads(run("show", TERMS, "--version", "3", "--format", "json"))
    assert shown["changes_from"] == 2
    assert any(c["severity"] == "high" and c["reason"] for c in shown["changes"])
    assert "changes from v2:" in run("show", TERMS, "--version", "3")
    assert "Changes from version 2" in run("show", TERMS, "--version", "3", "--format", "html")
    assert "changes" in run("log", "--service", "Together AI", "--limit", "3")
    training = json.loads(run("log", "--topic", "ai_training", "--format", "json"))
    assert training and all("ai_training" in entry["topics"] for entry in training)
    high = json.loads(run("log", "--severity", "high", "--format", "json"))  # as documented
    assert high and all(entry["severity"] == "high" for entry in high)
    assert "ai_training, retention" in " ".join(run("log", "--help").split())  # the topics
    assert json.loads(run("search", "royalty-free", "--format", "json"))["documents"]
    verdict = json.loads(run("quote", seed_quote(), "--document", TERMS, "--format", "json"))
    assert verdict["found"] is False and verdict["closest"]["similarity"] > 0
    assert set(verdict) >= {"found", "versions", "first_seen", "last_seen", "closest"}
    assert set(verdict["closest"]) >= {"clause_id", "version", "text", "similarity", "inline"}
    clause_id = verdict["closest"]["clause_id"]
    assert json.loads(run("clause", str(clause_id), "--format", "json"))["wordings"]
    assert "every stored hash matches" in run("verify")
    zip_path = tmp_path / "evidence.zip"
    assert "archived by Policy Tracker" in run("export-evidence", TERMS, "2", "-o", str(zip_path))
    assert zipfile.ZipFile(zip_path).namelist()[0] == "raw.html"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["history", "nope/nothing"], "unknown document 'nope/nothing'"),
        (["show", TERMS, "--at", "2025-02-30"], "invalid date '2025-02-30'"),
        (["show", TERMS, "--version", "9"], "has no version 9"),
        (["show", TERMS, "--at", "2000-01-01"], "no version as of 2000-01-01"),
        (["diff", TERMS, "v2", "banana"], "invalid version 'banana'"),
        (["log", "--since", "yesterday"], "invalid date 'yesterday'"),
        (["log", "--service", "Nobody"], "no stored document of service 'Nobody'"),
        (["log", "--topic", "training"], "unknown topic 'training' (the topics of"),
        (["quote", "x y", "--document", TERMS, "--at", "1999-01-01"], "no version as of"),
        (["clause", "999999"], "no clause with id 999999"),
        (["history", TERMS, "--limit", "-1"], "--limit must be 0 (every version) or more"),
        (["history", TERMS, "--offset", "-1"], "--offset must be 0 or more"),
        (["log", "--limit", "-1"], "--limit must be 0 (every change) or more"),
        (
            ["accept", "nope/nothing", "--registry", str(ROOT / "data" / "documents.toml")],
            "unknown document 'nope/nothing'",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(demo_url: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["--database-url", demo_url, *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.output


def test_text_labels_and_values_stay_apart_and_aligned(demo_url: str) -> None:
    """A label longer than the column (``changes from v2:``) still has a space before its
    value; the labels of a found quotation put their values in one column."""
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--database-url", demo_url, *args], env={"COLUMNS": ""})
        assert result.exit_code == 0, result.output
        return result.stdout

    assert re.search(r"^changes from v2: \d+ high", run("show", TERMS, "--version", "3"), re.M)
    found = run("quote", "you grant us a perpetual, worldwide, irrevocable", "--document", TERMS)
    header = found.split("\n\n")[0].splitlines()[1:]  # after the verdict line
    assert [line.split(":")[0] for line in header] == [
        "in versions",
        "first seen",
        "last seen",
        "clause",
    ]
    assert {len(line) - len(line[line.index(":") + 1 :].lstrip()) for line in header} == {15}


def test_a_history_page_past_the_last_version_says_so(demo_url: str) -> None:
    result = CliRunner().invoke(
        cli, ["--database-url", demo_url, "history", TERMS, "--offset", "7"]
    )
    assert result.exit_code == 0, result.output
    past = result.stdout.strip().splitlines()[-1]
    assert past == f"no versions past the newest 7: {TERMS} has 5 versions"


def test_quote_json_gives_the_stored_topics_of_its_clauses(demo_url: str, session: Session) -> None:
    args = ["quote", "royalty-free license", "--document", TERMS, "--format", "json"]
    result = CliRunner().invoke(cli, ["--database-url", demo_url, *args])
    assert result.exit_code == 0, result.output
    clauses = [c for m in json.loads(result.stdout)["matches"] for c in m["clauses"]]
    assert clauses and all(c["topics"] == ["content_license"] for c in clauses), clauses
    shown = show_document(session, TERMS, version="5")  # the same clause as `show` gives it
    (stored,) = [c for c in shown.clauses if c.row_id == clauses[-1]["clause_id"]]
    assert stored.topics == ("content_license",)


@pytest.mark.parametrize(
    "args", [["log"], ["history", TERMS], ["search", "data"]], ids=["log", "history", "search"]
)
def test_tables_fit_the_terminal(demo_url: str, args: list[str]) -> None:
    """At 80 columns every line fits, free text cut with an ellipsis; to a pipe (no COLUMNS)
    the lines stay whole."""
    narrow = CliRunner().invoke(cli, ["--database-url", demo_url, *args], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0, narrow.output
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, narrow.stdout
    assert "…" in narrow.stdout
    piped = CliRunner().invoke(cli, ["--database-url", demo_url, *args], env={"COLUMNS": ""})
    assert max(len(line) for line in piped.stdout.splitlines()) > 80
    assert len(piped.stdout.splitlines()) == len(lines)  # shortened, never dropped


def test_diff_wraps_to_the_terminal_at_word_boundaries(demo_url: str) -> None:
    args = ["--database-url", demo_url, "diff", TERMS, "--no-color"]
    whole = CliRunner().invoke(cli, args, env={"COLUMNS": ""}).stdout
    narrow = CliRunner().invoke(cli, args, env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in whole.splitlines()) > 80
    too_long = [
        line
        for line in narrow.splitlines()[2:]  # after the versions' names (--- and +++)
        if len(line) > 80 and " " in line.strip()[:80]
    ]  # a word longer than a line (a URL) stays whole on its own line
    assert too_long == [], too_long
    assert " ".join(narrow.split()) == " ".join(whole.split())  # the same words, none cut

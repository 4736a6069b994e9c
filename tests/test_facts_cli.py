"""`tracker facts` (table, JSON, errors, terminal safety) and the rule file at the start of
`tracker run` / `tracker demo`: a bad one is one line and exit 2 before anything is fetched."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from tracker.classify import load_rules
from tracker.cli import cli
from tracker.cli.facts import facts_table
from tracker.clock import FixedClock
from tracker.facts import DocumentFacts, KeyFact, RuleClassifier, VersionRef
from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec
from tracker.render.terminal import single_line
from tracker.run.runner import run_tracking
from tracker.settings import load_settings
from tracker.store.database import Database, open_database

ROOT = Path(__file__).resolve().parent.parent
RULES_PATH = ROOT / "data" / "rules.toml"
NIGHT = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
DENIAL = "We do not sell your personal information."
SALE = "We sell your personal information to advertising partners."


#: Real policies are more than one sentence (a near-empty page is held as suspect, not recorded).
ABOUT = (
    "<h2>About this document</h2><p>This document applies to the websites, apps and services "
    "it is published with. It is meant to be read in full; the headings only help you find your "
    "way through it.</p>"
)


def html(*paragraphs: str) -> str:
    return "<main><h1>Policy</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + ABOUT + "</main>"


def document(server: HTTPServer, slug: str, service: str) -> DocumentSpec:
    name = slug.split("/")[1]
    server.expect_request(f"/{name}").respond_with_data(html(), content_type="text/html")
    return DocumentSpec(
        slug=slug,
        service=service,
        type=name.replace("-", " ").title(),
        url=server.url_for(f"/{name}"),
        rules=ExtractionRules(select=("main",)),
    )


@pytest.fixture
def tracked(httpserver: HTTPServer, db: Database, tmp_path: Path) -> Database:
    """Acme's policy (denies selling) and terms (sells), and Beta's policy, tracked once."""
    pages = {
        "privacy-policy": html(DENIAL),
        "terms-of-service": html(SALE),
        "beta-policy": html(SALE),
    }
    for name, body in pages.items():
        httpserver.expect_request(f"/{name}").respond_with_data(body, content_type="text/html")
    docs = [
        DocumentSpec(
            slug=f"{'beta' if name.startswith('beta') else 'acme'}/{name}",
            service="Beta" if name.startswith("beta") else "Acme Corp",
            type=name.replace("-", " ").title(),
            url=httpserver.url_for(f"/{name}"),
            rules=ExtractionRules(select=("main",)),
        )
        for name in pages
    ]
    classifier = RuleClassifier(load_rules(RULES_PATH))
    run_tracking(
        db,
        docs,
        settings=load_settings({}, cwd=tmp_path),
        clock=FixedClock(NIGHT),
        classify=classifier.classify_diff,
        annotate=classifier.annotate_version,
    )
    return db


def facts(database_url: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database-url", database_url, "facts", *args])


def test_table_lists_each_fact_with_evidence_then_contradictions(
    tracked: Database, database_url: str
) -> None:
    result = facts(database_url, "acme-corp")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "acme/privacy-policy  Privacy Policy v1, last verified 2026-03-02 03:00 UTC"
    )
    sold = lines.index("  Is personal data sold?  no")
    assert lines[sold + 1].startswith(f'      "{DENIAL}"  (clause p-')
    assert "  Is there mandatory arbitration?  not stated" in lines
    assert "beta/beta-policy" not in result.output  # another service
    assert facts(database_url, "acme").output == facts(database_url, "Acme corp").output
    contradiction = lines.index("Contradiction (Acme Corp): Is personal data sold?")
    assert lines[contradiction + 1].startswith(f'  no   acme/privacy-policy v1: "{DENIAL}"')
    assert lines[contradiction + 2].startswith(f'  yes  acme/terms-of-service v1: "{SALE}"')


def test_json_output(tracked: Database, database_url: str) -> None:
    result = facts(database_url, "--document", "acme/terms-of-service", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (entry,) = data["documents"]
    assert (entry["slug"], entry["service"], entry["type"]) == (
        "acme/terms-of-service",
        "Acme Corp",
        "Terms Of Service",
    )
    assert entry["version"]["number"] == 1 and entry["version"]["technical"] is False
    assert entry["version"]["last_verified"] == "2026-03-02T03:00:00+00:00"
    sold = next(f for f in entry["facts"] if f["id"] == "sells_personal_data")
    assert sold["answer"] == "yes" and sold["quote"] == SALE
    assert sold["clause_id"].startswith("p-") and isinstance(sold["clause_row_id"], int)
    assert sold["why"] and sold["question"] == "Is personal data sold?"
    (contradiction,) = data["contradictions"]  # the other document of the service takes part
    assert (contradiction["service"], contradiction["fact"]) == ("Acme Corp", "sells_personal_data")
    assert [(d["slug"], d["answer"], d["quote"]) for d in contradiction["documents"]] == [
        ("acme/privacy-policy", "no", DENIAL),
        ("acme/terms-of-service", "yes", SALE),
    ]


def test_every_document_without_a_filter(tracked: Database, database_url: str) -> None:
    data = json.loads(facts(database_url, "--format", "json").output)
    assert [d["slug"] for d in data["documents"]] == [
        "acme/privacy-policy",
        "acme/terms-of-service",
        "beta/beta-policy",
    ]
    assert len(data["contradictions"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody"], "unknown service 'nobody'"),
        (["--document", "acme/nope"], "unknown document 'acme/nope'"),
        (["beta", "--document", "acme/privacy-policy"], "unknown document 'acme/privacy-policy'"),
    ],
)
def test_unknown_service_or_document_is_one_line_and_exit_2(
    tracked: Database, database_url: str, args: list[str], message: str
) -> None:
    result = facts(database_url, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_terminal_output_strips_control_and_format_characters() -> None:
    hostile = "We sell\x1b[2J your data\u202e.\x07\nReally."
    assert single_line(hostile) == "We sell your data. Really."
    version = VersionRef("x/y", "X", "Terms", 1, 1, NIGHT, NIGHT + timedelta(days=1))
    fact = KeyFact("sold", "Sold?\x1b]0;pwned\x07", "yes", "why", hostile, "p-1", 7)
    lines = facts_table([DocumentFacts("x/y\x1b[31m", "X", "Terms", version, (fact,))], [])
    assert not any(ch in line for line in lines for ch in "\x1b\x07\u202e")
    assert lines[0].startswith("x/y  Terms v1, last verified 2026-03-03")


def test_bad_rule_file_stops_run_before_fetching(httpserver: HTTPServer, tmp_path: Path) -> None:
    spec = document(httpserver, "a/terms", "A")
    registry = tmp_path / "documents.toml"
    registry.write_text(
        f'[[documents]]\nslug = "{spec.slug}"\nservice = "A"\ntype = "Terms"\nurl = "{spec.url}"\n',
        encoding="utf-8",
    )
    rules = tmp_path / "rules.toml"
    rules.write_text(
        RULES_PATH.read_text("utf-8").replace("'model training'", "'model training('", 1),
        encoding="utf-8",
    )
    env = {"TRACKER_DATA_DIR": str(tmp_path / "data"), "TRACKER_RULES": str(rules)}
    result = CliRunner().invoke(cli, ["--registry", str(registry), "run"], env=env)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"tracker: error: {rules}:")
    assert "is not a valid regular expression" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert httpserver.log == []
    assert not (tmp_path / "data").exists()


def test_missing_rule_file_stops_the_demo(tmp_path: Path) -> None:
    env = {"TRACKER_RULES": str(tmp_path / "missing.toml")}
    result = CliRunner().invoke(
        cli,
        [
            "--registry",
            str(ROOT / "data" / "documents.toml"),
            "demo",
            "--work-dir",
            str(tmp_path / "demo"),
        ],
        env=env,
    )
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.toml'}: rule file not found" in result.output
    assert not (tmp_path / "demo").exists()


def test_empty_database_says_so(database_url: str) -> None:
    missing = facts(database_url)  # no schema yet: reading never creates one
    assert missing.exit_code == 4 and "nothing has been tracked there yet" in missing.output
    open_database(database_url, create=True).dispose()  # as `tracker db upgrade` does
    result = facts(database_url)
    assert result.exit_code == 0, result.output
    assert result.output == "No documents tracked yet (`tracker run` tracks them).\n"

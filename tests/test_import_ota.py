"""``tracker import-ota``: the real sample of an Open Terms Archive versions repository.

../shared/ota-sample/together-ai-versions.bundle holds 14 real commits of Together AI's
Privacy Policy and Terms of Service: 12 records of the documents and 2 "technical or
declaration upgrade" commits. Expectations are read from the repository with git itself.
"""

from __future__ import annotations

import itertools
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.digest.bookkeeping import pending_version_ids
from tracker.errors import UsageError
from tracker.importers import history_context
from tracker.importers.ota import import_ota, service_documents
from tracker.registry import load_registry
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import ChangeRow, Document, Fetch, Version
from tracker.vocabulary import ImportOutcome

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT.parent / "shared" / "ota-sample" / "together-ai-versions.bundle"
REGISTRY = load_registry(ROOT / "data" / "documents.toml")
FILES = {
    "Together AI/Privacy Policy.md": "together-ai/privacy-policy",
    "Together AI/Terms of Service.md": "together-ai/terms-of-service",
}


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BUNDLE.is_file():
        pytest.fail(f"OTA sample missing at {BUNDLE}: clone the project beside ../shared")
    target = tmp_path_factory.mktemp("ota") / "versions"
    subprocess.run(["git", "clone", "--quiet", str(BUNDLE), str(target)], check=True)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"TRACKER_RULES": str(ROOT / "data" / "rules.toml")}, cwd=tmp_path)


def git_history(clone: Path, path: str) -> list[tuple[str, datetime, str, str]]:
    """(commit, date, subject, snapshot URL) of each commit touching ``path``, oldest first."""
    out = subprocess.run(
        ["git", "-C", str(clone), "log", "--reverse", "--format=%H|%aI|%s|%b%x00", "--", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    history = []
    for record in filter(None, (r.strip() for r in out.split("\x00"))):
        sha, date, subject, body = record.split("|", 3)
        snapshot = next(w for w in body.split() if "/commit/" in w)
        history.append((sha, datetime.fromisoformat(date).astimezone(UTC), subject, snapshot))
    return history


def run_import(db: Database, settings: Settings, repository: Path):  # type: ignore[no-untyped-def]
    context = history_context(db, settings, FixedClock(datetime(2026, 12, 1, tzinfo=UTC)))
    return import_ota(context, REGISTRY.documents, repository, "Together AI")


def test_the_sample_gives_its_12_changes_and_2_technical_versions(
    db: Database, settings: Settings, clone: Path
) -> None:
    report = run_import(db, settings, BUNDLE)  # straight from the bundle file
    assert report.counts == {ImportOutcome.NEW_VERSION: 12, ImportOutcome.TECHNICAL: 2}
    with db.reader() as session:
        for path, slug in FILES.items():
            expected = git_history(clone, path)
            document = session.scalars(select(Document).where(Document.slug == slug)).one()
            stored = list(
                session.scalars(
                    select(Version)
                    .where(Version.document_id == document.id)
                    .order_by(Version.number)
                )
            )
            assert [(v.first_seen, v.technical) for v in stored] == [
                (date, subject.startswith("Apply technical")) for _, date, subject, _ in expected
            ]
            assert {v.source for v in stored} == {"imported"}
            creating = [
                session.scalars(select(Fetch).where(Fetch.version_id == v.id)).one() for v in stored
            ]
            assert [(f.provenance["commit"], f.provenance["snapshots"]) for f in creating] == [
                (sha, [snapshot]) for sha, _, _, snapshot in expected
            ]
            assert all(f.content_type.startswith("text/markdown") for f in creating)
            # each version is diffed against the one before it: after a technical version,
            # against that technical version (the baseline, like a live re-derivation)
            for before, after in itertools.pairwise(stored):
                sources = session.scalars(
                    select(ChangeRow.from_version_id).where(ChangeRow.to_version_id == after.id)
                ).all()
                assert set(sources) <= {before.id}
        assert pending_version_ids(session) == []


def test_importing_the_repository_again_adds_nothing(
    db: Database, settings: Settings, clone: Path
) -> None:
    run_import(db, settings, clone)
    with db.reader() as session:
        before = session.scalars(select(Version.id).order_by(Version.id)).all()
        fetches = session.scalars(select(Fetch.id)).all()
    again = run_import(db, settings, BUNDLE)
    assert again.counts == {ImportOutcome.KNOWN: 14}
    with db.reader() as session:
        assert session.scalars(select(Version.id).order_by(Version.id)).all() == before
        assert session.scalars(select(Fetch.id)).all() == fetches


def test_documents_of_the_service_are_matched_by_name_and_type() -> None:
    found = service_documents(REGISTRY.documents, "together ai")
    assert {name: spec.slug for name, spec in found.items()} == {
        "privacy policy.md": "together-ai/privacy-policy",
        "terms of service.md": "together-ai/terms-of-service",
        "privacy and security docs.md": "together-ai/privacy-and-security-docs",
    }
    assert service_documents(REGISTRY.documents, "Acme") == {}


def test_bad_repositories_and_services_are_one_line_errors(
    db: Database, settings: Settings, clone: Path, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="no registered document of the service 'Acme'"):
        import_ota(
            history_context(db, settings, FixedClock(datetime.now(UTC))),
            REGISTRY.documents,
            clone,
            "Acme",
        )
    env = {
        "TRACKER_DATA_DIR": str(tmp_path),
        "TRACKER_REGISTRY": str(ROOT / "data" / "documents.toml"),
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
    }
    runner = CliRunner()
    missing = runner.invoke(
        cli, ["import-ota", str(tmp_path / "nothing"), "--service", "Together AI"], env=env
    )
    assert missing.exit_code == 2 and "no such repository or bundle" in missing.output
    (tmp_path / "not-git").mkdir()
    broken = runner.invoke(
        cli, ["import-ota", str(tmp_path / "not-git"), "--service", "Together AI"], env=env
    )
    assert broken.exit_code == 1 and "git log failed" in broken.output
    good = runner.invoke(cli, ["import-ota", str(clone), "--service", "Together AI"], env=env)
    assert good.exit_code == 0, good.output
    history = runner.invoke(cli, ["history", "together-ai/terms-of-service"], env=env)
    assert "technical (the archive re-extracted its own record)" in history.output
    assert history.output.count("imported") == 8

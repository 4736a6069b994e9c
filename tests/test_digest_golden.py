"""Golden files: the rendered digest of a real Together AI version pair.

The five archived snapshots of Together AI's terms of service (data/demo/) go through the real
pipeline with their real URL, the shipped rule file (data/rules.toml: topics, severity, key
facts) and a fixed clock at 03:00 UTC on each snapshot's date, as ``tracker run`` would have
recorded them. Two digests are rendered and compared byte for byte with tests/golden/: version
4 to 5 (the latest night), and version 2 to 3 (the night a key fact changed). Nothing is
normalised: rendering is deterministic (fixed clock, stable order, ids of a fresh database).

Regenerate after a deliberate change of the digest, the diff or the extractor with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_digest_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.digest_support import track_page
from tracker.classify import load_rules
from tracker.digest import render_digest, topic_labels
from tracker.digest.collect import collect_digest
from tracker.facts import RuleClassifier
from tracker.registry import load_registry
from tracker.settings import load_settings
from tracker.store.database import Database
from tracker.store.schema import Version

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "data" / "demo" / "together-ai__terms-of-service"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
CLASSIFIER = RuleClassifier(load_rules(ROOT / "data" / "rules.toml"))


def night_of(snapshot: Path) -> datetime:
    return datetime.combine(date.fromisoformat(snapshot.stem.split("_")[1]), time(3), UTC)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.is_file(), f"{path} missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept)"


@pytest.fixture
def together_terms(db: Database, tmp_path: Path) -> Database:
    """Every archived version of Together AI's terms of service, tracked night by night."""
    settings = load_settings({}, cwd=tmp_path)
    spec = load_registry(ROOT / "data" / "documents.toml").get("together-ai/terms-of-service")
    assert spec is not None
    snapshots = sorted(SNAPSHOTS.glob("*.html"))
    assert len(snapshots) == 5
    for snapshot in snapshots:
        when = night_of(snapshot)
        result = track_page(
            db, settings, spec, snapshot.read_bytes(), when, CLASSIFIER.classify_diff,
            CLASSIFIER.annotate_version,
        )  # fmt: skip
        assert result.outcome == "changed", result
    return db


@pytest.mark.parametrize(
    ("number", "subject"),
    [
        (5, "3 changes in 1 document, 1 medium: Together AI Terms of Service"),
        (
            3,
            "35 changes in 1 document, 3 high: Together AI Terms of Service; 1 key fact changed",
        ),
    ],
)
def test_digest_of_a_terms_version_matches_golden_files(
    together_terms: Database, number: int, subject: str
) -> None:
    with together_terms.reader() as session:
        version = session.scalars(select(Version).where(Version.number == number)).one()
        now = version.first_seen + timedelta(minutes=30)
        data = collect_digest(session, [version.id], now=now)
    rendered = render_digest(
        data,
        list_unsubscribe=["mailto:unsubscribe@example.com"],
        topic_labels=topic_labels(CLASSIFIER.rules),
    )
    assert [(t.old.number, t.new.number) for t in data.transitions] == [(number - 1, number)]
    assert rendered.view.subject == subject
    name = f"digest_together_terms_v{number - 1}_v{number}"
    check_golden(f"{name}.html", rendered.html)
    check_golden(f"{name}.txt", rendered.text)
    # the provenance a reader needs to cite the change is in both parts
    for part in (rendered.html, rendered.text):
        transition = data.transitions[0]
        for evidence in (transition.old, transition.new):
            assert evidence.text_sha256 in part and (evidence.raw_sha256 or "-") in part
        assert "https://www.together.ai/terms-of-service" in part

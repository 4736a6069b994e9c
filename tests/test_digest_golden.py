"""Golden files: the rendered digest of a real Together AI version pair.

The five archived snapshots of Together AI's terms of service (data/demo/) go through the real
pipeline with their real URL and a fixed clock at 03:00 UTC on each snapshot's date; the
digest of version 5 (its changes from version 4) is then rendered and compared byte for byte
with tests/golden/. Nothing is normalised: rendering is deterministic (fixed clock, stable
order, ids of a fresh database).

Regenerate after a deliberate change of the digest, the diff or the extractor with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_digest_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.digest_support import track_page
from tracker.digest import render_digest
from tracker.digest.collect import collect_digest
from tracker.registry import load_registry
from tracker.settings import load_settings
from tracker.store.database import Database
from tracker.store.schema import Version

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "data" / "demo" / "together-ai__terms-of-service"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


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
        result = track_page(db, settings, spec, snapshot.read_bytes(), night_of(snapshot))
        assert result.outcome == "changed", result
    return db


def test_digest_of_terms_version_4_to_5_matches_golden_files(together_terms: Database) -> None:
    now = datetime(2026, 5, 20, 3, 30, tzinfo=UTC)
    with together_terms.reader() as session:
        v5 = session.scalars(select(Version.id).where(Version.number == 5)).one()
        data = collect_digest(session, [v5], now=now)
    rendered = render_digest(data, list_unsubscribe=["mailto:unsubscribe@example.com"])
    assert [(t.old.number, t.new.number) for t in data.transitions] == [(4, 5)]
    assert rendered.view.subject.endswith(": Together AI Terms of Service")
    check_golden("digest_together_terms_v4_v5.html", rendered.html)
    check_golden("digest_together_terms_v4_v5.txt", rendered.text)
    # the provenance a reader needs to cite the change is in both parts
    for part in (rendered.html, rendered.text):
        transition = data.transitions[0]
        for evidence in (transition.old, transition.new):
            assert evidence.text_sha256 in part and (evidence.raw_sha256 or "-") in part
        assert "https://www.together.ai/terms-of-service" in part

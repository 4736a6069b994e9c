"""The web UI shows where each version comes from: the demo's own fetches (observed) with the
Open Terms Archive sample imported around them, served by a real uvicorn server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from tests.web_support import demo_database, running_app, web_settings
from tracker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT.parent / "shared" / "ota-sample" / "together-ai-versions.bundle"
TERMS = "together-ai/terms-of-service"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("web-import")
    url = demo_database(work)
    env = {
        "TRACKER_REGISTRY": str(ROOT / "data" / "documents.toml"),
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
    }
    imported = CliRunner().invoke(
        cli, ["--database-url", url, "import-ota", str(BUNDLE), "--service", "Together AI"], env=env
    )
    assert imported.exit_code == 0, imported.output
    with running_app(web_settings(url)) as base:
        yield base


def test_the_timeline_shows_each_versions_source(site: str) -> None:
    page = httpx.get(f"{site}/documents/{TERMS}", timeout=30).text
    sources = re.findall(r'<td data-label="Source">(\w+)</td>', page)
    assert {"observed", "imported"} <= set(sources)
    assert "technical</span>" in page or "(technical)" in page


def test_an_as_of_page_says_what_it_rests_on(site: str) -> None:
    # 2025-10-22: only Open Terms Archive recorded that version; the demo never fetched it
    archived = httpx.get(f"{site}/documents/{TERMS}/as-of?date=2025-11-01", timeout=30)
    assert archived.status_code == 200, archived.text
    assert 'It rests on <span class="stored">an imported page (Open Terms Archive commit' in (
        archived.text
    )
    ours = httpx.get(f"{site}/documents/{TERMS}/as-of?date=2026-06-01", timeout=30).text
    assert 'It rests on <span class="stored">our own fetch</span>' in ours
    assert "<dt>Recorded from</dt><dd>observed</dd>" in ours

"""Data-driven extraction tests on real pages of the corpus (tests/data/extract_corpus_cases.json).

Each case gives a snapshot (or several pages, joined in order), its rules, and what must come
out: title, effective date, clause count by kind and the first headings. Every case also checks
that each heading of the archived Markdown version (the expert's extraction) is one of ours.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tracker.extract import combine_documents, extract_html, extract_markdown
from tracker.extract.normalize import normalize_text
from tracker.model import ExtractedDocument, ExtractionRules

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "extract_corpus_cases.json").read_text(encoding="utf-8")
)


def _extract(corpus_dir: Path, case: dict[str, Any]) -> ExtractedDocument:
    rules = ExtractionRules(select=tuple(case["select"]), remove=tuple(case["remove"]))
    folder = corpus_dir / "snapshots" / case["document"]
    pages = [extract_html((folder / page).read_bytes(), rules=rules) for page in case["pages"]]
    return pages[0] if len(pages) == 1 else combine_documents(pages)


def _archive_headings(markdown: str) -> list[str]:
    """The archive's headings as a reader sees them (escapes and emphasis resolved)."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    headings = []
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open":
            text = "".join(
                child.content
                for child in inline.children or []
                if child.type in ("text", "code_inline")
            )
            if normalize_text(text):
                headings.append(normalize_text(text))
    return headings


@pytest.fixture(params=CASES, ids=[f"{c['document']}/{c['version']}" for c in CASES])
def case(request: pytest.FixtureRequest) -> dict[str, Any]:
    return request.param  # type: ignore[no-any-return]


def test_page_gives_the_expected_clauses(corpus_dir: Path, case: dict[str, Any]) -> None:
    document = _extract(corpus_dir, case)
    assert document.title == case["title"]
    expected_date = case["effective_date"]
    assert document.effective_date == (date.fromisoformat(expected_date) if expected_date else None)
    assert len(document.clauses) == case["clauses"]
    assert dict(Counter(c.kind for c in document.clauses)) == case["kinds"]
    headings = [c.display_text for c in document.clauses if c.kind == "heading"]
    assert headings[: len(case["first_headings"])] == case["first_headings"]


def test_every_archived_heading_is_found(corpus_dir: Path, case: dict[str, Any]) -> None:
    document = _extract(corpus_dir, case)
    ours = {c.display_text for c in document.clauses if c.kind == "heading"}
    ours |= {c.text for c in document.clauses if c.kind == "heading"}
    archive = corpus_dir / "versions" / case["document"] / f"{case['version']}.md"
    missing = [h for h in _archive_headings(archive.read_text(encoding="utf-8")) if h not in ours]
    assert missing == []


def test_archived_markdown_and_its_snapshot_segment_alike(corpus_dir: Path) -> None:
    """Replicate's page and its archived Markdown version give the very same version hash."""
    snapshot = corpus_dir / "snapshots" / "replicate__terms-of-service" / "04_2025-08-20.html"
    archive = corpus_dir / "versions" / "replicate__terms-of-service" / "04_2025-08-20.md"
    from_html = extract_html(snapshot.read_bytes(), rules=ExtractionRules(select=("article",)))
    from_markdown = extract_markdown(archive.read_text(encoding="utf-8"))
    assert from_markdown.text_sha256 == from_html.text_sha256


def test_archived_versions_extract(corpus_dir: Path) -> None:
    """The latest Markdown version of every corpus document imports: clauses, unique ids."""
    latest = [
        sorted(folder.glob("*.md"))[-1]
        for folder in sorted((corpus_dir / "versions").iterdir())
        if folder.is_dir()
    ]
    assert len(latest) >= 20
    for path in latest:
        document = extract_markdown(path.read_text(encoding="utf-8"), source=str(path))
        assert document.clauses, path
        assert any(c.kind == "heading" for c in document.clauses), path
        ids = [c.id for c in document.clauses]
        assert len(set(ids)) == len(ids), path

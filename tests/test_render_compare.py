"""Rendering a diff: the JSON contract, safe terminal text, escaped HTML, and golden files of
real corpus pairs (regenerate with UPDATE_GOLDEN=1 after a deliberate change, then review)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tracker.diff import diff_clauses
from tracker.extract import extract_markdown
from tracker.model import Change, Clause, ClauseDiff, InlineOp
from tracker.render.compare import diff_to_json_dict, render_diff_html, render_diff_text

GOLDEN = Path(__file__).parent / "data" / "golden_compare"
#: Real pairs with something to show: a date edit and an added clause; a split; a move and a
#: case change; renumbering; a clause moved and edited.
GOLDEN_PAIRS = [
    ("together-ai__terms-of-service", "01_2025-02-18", "02_2025-05-06"),
    ("midjourney__terms-of-service", "03_2023-12-23", "04_2024-03-08"),
    ("hugging-face__privacy-policy", "03_2023-05-24", "04_2024-04-16"),
    ("llama-api__terms-of-service", "03_2026-02-24", "04_2026-03-20"),
    ("claude-ai__data-processor-agreement", "03_2025-09-18", "04_2025-09-19"),
]
HTML_GOLDEN = "hugging-face__privacy-policy"

HOSTILE = "Pay \x1b[2J\x1b]0;pwned\x07now\u202e <script>alert(1)</script> & more\x07"


def _clause(text: str, path: tuple[str, ...] = ("Terms",), cid: str = "c1") -> Clause:
    return Clause(id=cid, path=path, label=None, kind="paragraph", text=text)


def _hostile_diff() -> ClauseDiff:
    old, new = _clause("Pay later & more"), _clause(HOSTILE)
    return ClauseDiff(
        unchanged=3,
        changes=(
            Change(
                "modified",
                (old,),
                (new,),
                0.5,
                (
                    InlineOp("equal", "Pay "),
                    InlineOp("delete", "later & more"),
                    InlineOp("insert", HOSTILE[4:]),
                ),
            ),
            Change("added", (), (_clause(HOSTILE, path=("Te\x1b[8mrms",), cid="c2"),)),
        ),
    )


def test_json_has_exactly_the_documented_shape() -> None:
    data = diff_to_json_dict(_hostile_diff())
    assert list(data) == ["summary", "changes"]
    assert data["summary"] == {
        "unchanged": 3,
        "modified": 1,
        "added": 1,
        "removed": 0,
        "moved": 0,
        "cosmetic": 0,
    }
    first, second = data["changes"]
    assert set(first) == {
        "kind",
        "old",
        "new",
        "similarity",
        "inline",
        "topics",
        "severity",
        "direction",
        "reason",
    }
    assert first["old"] == {"id": "c1", "path": ["Terms"], "text": "Pay later & more"}
    assert first["inline"][1] == ["delete", "later & more"]
    assert (first["similarity"], first["topics"], first["severity"]) == (0.5, [], "none")
    assert (second["kind"], second["old"], second["similarity"]) == ("added", None, None)
    json.dumps(data)  # serialisable as is


def test_split_side_is_one_object() -> None:
    a, b = _clause("First part.", cid="a"), _clause("Second part.", cid="b")
    old = _clause("First part. Second part.", cid="o")
    change = Change("modified", (old,), (a, b), 0.9, (), detail="split")
    side = diff_to_json_dict(ClauseDiff(0, (change,)))["changes"][0]["new"]
    assert side == {"id": "a+b", "path": ["Terms"], "text": "First part.\nSecond part."}


def test_terminal_text_has_no_escape_sequences_from_the_page() -> None:
    plain = render_diff_text(_hostile_diff(), color=False)
    assert "\x1b" not in plain and "\x07" not in plain and "\u202e" not in plain
    assert "[-later & more-]" in plain
    assert "{+now <script>alert(1)</script> & more+}" in plain
    coloured = render_diff_text(_hostile_diff(), color=True)
    assert set(re.findall(r"\x1b\[[0-9;]*m", coloured)) <= {
        "\x1b[0m",
        "\x1b[1m",
        "\x1b[2m",
        "\x1b[31;9m",
        "\x1b[32;4m",
        "\x1b[32m",
        "\x1b[31m",
    }
    assert "\x1b]" not in coloured and "\x1b[2J" not in coloured and "\x1b[8m" not in coloured


def test_html_escapes_page_text_and_marks_words() -> None:
    html = render_diff_html(_hostile_diff(), "old <v1>.md", "new.md")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "old &lt;v1&gt;.md" in html
    assert re.search(r"<del[^>]*>later &amp; more</del>", html)
    assert re.search(r"<ins[^>]*>[^<]*&lt;script&gt;alert", html)
    assert "line-through" in html and "underline" in html


def _read_version(corpus_dir: Path, document: str, stem: str) -> tuple[Clause, ...]:
    path = corpus_dir / "versions" / document / f"{stem}.md"
    return extract_markdown(path.read_text(encoding="utf-8")).clauses


def _golden_json(diff: ClauseDiff) -> str:
    """The JSON output, one change per line (so a golden file's diff shows changes)."""
    data = diff_to_json_dict(diff)
    changes = ",\n".join(json.dumps(c, ensure_ascii=False) for c in data["changes"])
    return f'{{"summary": {json.dumps(data["summary"])},\n"changes": [\n{changes}\n]}}\n'


def _check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path} (run with UPDATE_GOLDEN=1)"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("document", "old", "new"), GOLDEN_PAIRS, ids=[d for d, _, _ in GOLDEN_PAIRS]
)
def test_real_pairs_match_golden_files(corpus_dir: Path, document: str, old: str, new: str) -> None:
    diff = diff_clauses(
        _read_version(corpus_dir, document, old), _read_version(corpus_dir, document, new)
    )
    stem = f"{document}__{old[:2]}-{new[:2]}"
    _check_golden(f"{stem}.json", _golden_json(diff))
    _check_golden(f"{stem}.txt", render_diff_text(diff, color=False, old_name=old, new_name=new))
    if document == HTML_GOLDEN:
        _check_golden(f"{stem}.html", render_diff_html(diff, old, new))

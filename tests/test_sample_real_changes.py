"""The sampler of blind sets (bench.sample_real_changes --unseen): every change is listed for
labelling, and what its length cap leaves out is said, not dropped in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.sample_real_changes import draw_all, main
from tracker.model import Change

LONG = "We may use, copy, modify and distribute the content you submit. " * 30


def _two_versions(root: Path) -> Path:
    folder = root / "acme__terms"
    folder.mkdir(parents=True)
    (folder / "01_2024-01-01.md").write_text(
        "# Terms\n\nWe keep your data for 30 days.\n\nYou may delete your account at any time.\n",
        encoding="utf-8",
    )
    (folder / "02_2025-01-01.md").write_text(
        "# Terms\n\nWe keep your data for 3 years.\n\nYou may delete your account at any time.\n\n"
        + LONG.strip()
        + "\n",
        encoding="utf-8",
    )
    return root


def test_a_long_change_is_left_out_by_default_and_counted(tmp_path: Path) -> None:
    left_out: list[Change] = []
    drawn = draw_all(_two_versions(tmp_path), "ab", "fresh26", left_out=left_out)
    assert [d.id for d in drawn] == ["ab001"]
    assert drawn[0].change.kind == "modified"
    assert len(left_out) == 1


def test_no_cap_lists_the_long_change_too(tmp_path: Path) -> None:
    drawn = draw_all(_two_versions(tmp_path), "ab", "fresh26", max_chars=0)
    assert [(d.id, d.change.kind) for d in drawn] == [("ab001", "modified"), ("ab002", "added")]


def test_the_command_says_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--unseen", str(_two_versions(tmp_path)), "--split", "fresh26", "--prefix", "ab"])
    out = capsys.readouterr().out
    assert "== ab001 [fresh26] acme__terms" in out
    assert "1 changes" in out
    assert f"1 longer than 1500 characters left out (the longest {len(LONG.strip())})" in out
    main(["--unseen", str(tmp_path), "--split", "fresh26", "--prefix", "ab", "--max-chars", "0"])
    out = capsys.readouterr().out
    assert "2 changes" in out and "left out" not in out

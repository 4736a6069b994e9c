"""False-positive scan: no real policy page or version of the corpus is ever flagged."""

from __future__ import annotations

from pathlib import Path

from bench.eval_guard import scan_snapshots, scan_versions


def test_no_real_snapshot_is_flagged(corpus_dir: Path) -> None:
    scan = scan_snapshots(corpus_dir)
    assert len(scan.verdicts) == len(list((corpus_dir / "snapshots").glob("*/*.html")))
    flagged = [(v.name, v.suspicion) for v in scan.flagged]
    assert not flagged


def test_no_real_version_is_flagged_against_its_predecessor(corpus_dir: Path) -> None:
    scan = scan_versions(corpus_dir)
    assert len(scan.verdicts) == len(list((corpus_dir / "versions").glob("*/*.md")))
    flagged = [(v.name, v.suspicion) for v in scan.flagged]
    assert not flagged
    # Every version is long enough for the language guess to vote, and it votes English.
    assert {v.language for v in scan.verdicts} == {"en"}

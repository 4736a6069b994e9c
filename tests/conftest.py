"""Shared test fixtures. Area-specific fixtures live next to their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The real policy corpus; CI places ../shared beside the clone (see README, Tests).
CORPUS_DIR = PROJECT_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real policy versions and snapshots. Missing corpus fails loudly."""
    if not (CORPUS_DIR / "index.json").is_file():
        pytest.fail(f"corpus not found at {CORPUS_DIR}: clone the project beside ../shared")
    return CORPUS_DIR

"""docs/RELIABILITY.md is generated from the fault matrix and the crash test's parameters."""

from __future__ import annotations

from tests.reliability_doc import COMMAND, DOC, render


def test_reliability_doc_is_up_to_date() -> None:
    current = DOC.read_text(encoding="utf-8") if DOC.is_file() else ""
    assert current == render(), f"{DOC.name} is out of date: run `.venv/bin/{COMMAND}`"

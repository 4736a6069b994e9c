"""Every history importer command and each of its options is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from tracker.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
START = README.index("## History from before tracking began")
SECTION = README[START : README.index("\n## ", START + 1)]


@pytest.mark.parametrize("name", ["import", "import-ota", "backfill", "import-warc"])
def test_importer_commands_and_options_are_in_the_readme(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert f"`tracker {name} " in SECTION or f"**`tracker {name} " in SECTION
    for param in command.params:
        if isinstance(param, click.Option):
            assert max(param.opts, key=len) in SECTION, f"{name} {param.opts} is not documented"
    assert f"`tracker {name} " in README[: README.index("### Exit codes")]  # the command table

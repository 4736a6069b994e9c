"""Every history command and each of its options is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from tracker.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Querying the history") :]
COMMANDS = [
    "history",
    "show",
    "diff",
    "log",
    "search",
    "quote",
    "clause",
    "verify",
    "export",
    "export-evidence",
]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_and_options_are_in_the_readme(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert f"`tracker {name}" in SECTION
    for param in command.params:
        if isinstance(param, click.Option):
            longest = max(param.opts, key=len)
            assert longest in SECTION, f"{name} {longest} is not documented"
            if isinstance(param.type, click.Choice):
                for choice in param.type.choices:
                    if param.name != "severity":
                        assert str(choice) in SECTION, f"{name} {longest} {choice}"

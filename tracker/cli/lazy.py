"""A click group whose subcommands are imported only when used.

``tracker --help`` lists the commands from their registered one-line summaries without
importing them; running a command (or its ``--help``) imports its module alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

import click


class LazyGroup(click.Group):
    """Subcommands registered as ``name -> (module, summary)``; the module defines ``command``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy: dict[str, tuple[str, str]] = {}

    def register(self, commands: Mapping[str, tuple[str, str]], package: str) -> None:
        for name, (module, summary) in commands.items():
            self.lazy[name] = (f"{package}.{module}", summary)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        command = load_command(self.lazy[cmd_name][0])
        self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name][1]) for name in self.list_commands(ctx) if name in self.lazy]
        rows += [
            (name, command.get_short_help_str(formatter.width))
            for name, command in sorted(self.commands.items())
            if name not in self.lazy and not command.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(sorted(rows))


def load_command(module_name: str) -> click.Command:
    """The ``command`` of ``module_name`` (a registration that names no command is a bug)."""
    command = getattr(importlib.import_module(module_name), "command", None)
    if not isinstance(command, click.Command):
        raise TypeError(f"{module_name} defines no click command named 'command'")
    return command

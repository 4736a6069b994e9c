"""Command-line interface: a thin layer over the library, one module per command.

Every module in this package that defines ``command`` (a click command or group) is a
``tracker`` subcommand; adding a command means adding a module, nothing else.
"""

import importlib
import pkgutil

import click

from tracker.cli.app import cli, main

_NOT_COMMANDS = {"app", "terminal"}

for _module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _module_info.name in _NOT_COMMANDS:
        continue
    _command = getattr(importlib.import_module(f"{__name__}.{_module_info.name}"), "command", None)
    if isinstance(_command, click.Command):
        cli.add_command(_command)

__all__ = ["cli", "main"]

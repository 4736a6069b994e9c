"""The ``tracker`` command group: global options, settings, and error-to-exit-code mapping."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from tracker import __version__
from tracker.allocator import tune_malloc
from tracker.cli.lazy import LazyGroup
from tracker.errors import ExitCode, TrackerError
from tracker.render.terminal import strip_control
from tracker.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class AppContext:
    """What every command receives: the settings, built once from environment and flags."""

    settings: Settings
    debug: bool = False


#: The group's own options that may also be written after the subcommand (with a value?).
GLOBAL_OPTIONS: dict[str, bool] = {"--database-url": True, "--registry": True, "--debug": False}


def hoist_global_options(args: list[str], *, resilient: bool = False) -> list[str]:
    """``args`` with the global options moved before the subcommand, wherever they were typed
    (``tracker history SLUG --database-url URL``); nothing after ``--`` is touched. The last
    argument, an option still waiting for its value, is a usage error, or with ``resilient``
    (click's parse for shell completion) left where it is, for click to complete its value."""
    hoisted: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        name = arg.split("=", 1)[0]
        takes_value = GLOBAL_OPTIONS.get(name, False) and "=" not in arg
        if takes_value and index + 1 == len(args):
            if resilient:
                rest.append(arg)
                break
            raise click.UsageError(f"Option '{name}' requires an argument.")
        if name in GLOBAL_OPTIONS:
            hoisted.extend(args[index : index + 2] if takes_value else [arg])
            index += 2 if takes_value else 1
            continue
        rest.append(arg)
        index += 1
    return hoisted + rest


GLOBAL_OPTIONS_HELP = (
    "Global options, before or after the command: --database-url URL, --registry FILE, --debug "
    "(see tracker --help)."
)


def _with_subcommands(command: click.Command | None) -> list[click.Command]:
    if command is None:
        return []
    if isinstance(command, click.Group):
        return [command, *(c for sub in command.commands.values() for c in _with_subcommands(sub))]
    return [command]


class TrackerGroup(LazyGroup):
    """A click group that turns :class:`TrackerError` into one line on stderr and an exit code,
    and takes its options after the subcommand too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            hoisted = hoist_global_options(args, resilient=ctx.resilient_parsing)
            return super().parse_args(ctx, hoisted)
        except click.UsageError as exc:
            _fail_usage(exc)  # "tracker" alone re-raised: the help, as click prints it

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        for each in _with_subcommands(command):
            each.epilog = each.epilog or GLOBAL_OPTIONS_HELP
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", ExitCode.INTERRUPTED)
        except click.UsageError as exc:
            _fail_usage(exc)  # a command group typed alone ("tracker db") re-raised: its help
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            raise  # the reader went away (`| head`): click's main ends quietly, exit 1
        except OSError as exc:
            if exc.filename is None or _debug_enabled(ctx):
                raise
            # a path given on the command line (or derived from one) cannot be used
            _fail(f"{exc.filename}: {exc.strerror or exc}", ExitCode.FAILED)
        except Exception as exc:
            if _debug_enabled(ctx):
                raise
            storage = _storage_failure(exc)
            if storage is not None:
                _fail(str(storage), storage.exit_code)
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
                70,
            )


def _storage_failure(exc: Exception) -> TrackerError | None:
    """A database failing mid-command (read-only, disk full...) is exit 4, not a bug. Only
    looked at when SQLAlchemy is loaded: ``tracker --help`` never imports it."""
    if "sqlalchemy" not in sys.modules:
        return None
    from tracker.store.database import storage_failure

    return storage_failure(exc)


def _debug_enabled(ctx: click.Context) -> bool:
    obj = ctx.find_object(AppContext)
    return bool(obj and obj.debug)


def _fail_usage(exc: click.UsageError) -> NoReturn:
    """A command line click cannot parse (an unknown option or command, a bad or missing
    value): one line, as every other error, naming the help to read; exit code 2.

    A group typed alone is re-raised for click to print its help: click 8.2 and later raise
    ``NoArgsIsHelpError`` (a UsageError) for it. The name is looked up here, only for a usage
    error: click 8.1, which pyproject allows, has no such class (it prints the help and exits),
    and naming it in an ``except`` clause broke every command line there, ``--help`` too."""
    no_args_is_help = getattr(click.exceptions, "NoArgsIsHelpError", None)
    if no_args_is_help is not None and isinstance(exc, no_args_is_help):
        raise exc
    path = exc.ctx.command_path if exc.ctx is not None else "tracker"
    _fail(f"{exc.format_message()} (see '{path} --help')", ExitCode.CONFIG)


def _fail(message: str, code: int) -> NoReturn:
    # Messages can quote fetched text, URLs from redirects or file names: never let them
    # drive the terminal.
    message = strip_control(message)
    first_line = message.strip().splitlines()[0] if message.strip() else "error"
    click.echo(f"tracker: error: {first_line}", err=True)
    sys.exit(int(code))


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
@click.option("--database-url", metavar="URL", help="Database URL (env TRACKER_DATABASE_URL).")
@click.option(
    "--registry",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Document registry file (env TRACKER_REGISTRY).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, registry: Path | None, debug: bool) -> None:
    """Track policy documents, diff them clause by clause, and report what changed."""
    try:
        settings = load_settings().with_overrides(database_url=database_url, registry_path=registry)
    except TrackerError as exc:
        _fail(str(exc), exc.exit_code)
    ctx.obj = AppContext(settings=settings, debug=debug)


pass_app = click.make_pass_decorator(AppContext)


def main() -> None:
    """Console-script entry point. glibc's malloc is tuned first, before any thread
    starts (see :mod:`tracker.allocator`)."""
    tune_malloc()
    cli.main(prog_name="tracker")


__all__ = ["AppContext", "ExitCode", "cli", "main", "pass_app"]

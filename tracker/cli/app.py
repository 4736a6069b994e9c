"""The ``tracker`` command group: global options, settings, and error-to-exit-code mapping."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from tracker import __version__
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


class TrackerGroup(LazyGroup):
    """A click group that turns :class:`TrackerError` into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", ExitCode.INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if _debug_enabled(ctx):
                raise
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
                70,
            )


def _debug_enabled(ctx: click.Context) -> bool:
    obj = ctx.find_object(AppContext)
    return bool(obj and obj.debug)


def _fail(message: str, code: int) -> None:
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
    """Console-script entry point."""
    cli.main(prog_name="tracker")


__all__ = ["AppContext", "ExitCode", "cli", "main", "pass_app"]

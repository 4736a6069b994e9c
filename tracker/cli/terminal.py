"""Making untrusted text safe to print on a terminal (see :mod:`tracker.render.terminal`),
and the terminal's width."""

from __future__ import annotations

import os
import shutil
import sys

from tracker.render.terminal import strip_control


def terminal_width() -> int | None:
    """The columns of the terminal standard output is (``COLUMNS`` if set), None for a pipe
    or a file: tables and wrapped text fit it; redirected output keeps whole lines."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


__all__ = ["strip_control", "terminal_width"]

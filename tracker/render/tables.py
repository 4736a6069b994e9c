"""Plain text for a terminal (pure): stored text made harmless, one-line cells, aligned tables.

Fetched text is untrusted: every cell and line goes through
:func:`tracker.render.terminal.strip_control` (escape sequences, control characters,
bidirectional overrides) before it is printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.render.terminal import strip_control

_WHITESPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` without terminal escape sequences, control characters (newline and tab kept)
    and bidirectional overrides: :func:`tracker.render.terminal.strip_control`."""
    return strip_control(text)


def clean_line(text: str, width: int | None = None) -> str:
    """``text`` cleaned and flattened to one line, cut to ``width`` characters with an ellipsis."""
    line = _WHITESPACE.sub(" ", clean(text)).strip()
    if width is not None and len(line) > width:
        return line[: max(width - 1, 0)] + "…"
    return line


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain table: left-aligned columns separated by two spaces, a rule under the header.

    Every cell is cleaned and flattened to one line; numbers are right-aligned.
    """
    cells = [[clean_line(str(h)) for h in headers]] + [
        ["" if c is None else clean_line(str(c)) for c in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float) or row[i] is None for row in rows)
        for i in range(len(headers))
    ]

    def line(row: list[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if numeric[i] else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])]) + "\n"

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


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in its plural (``many``, else ``word`` + "s") unless one:
    "1 document", "2 fetches", "0 entries"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


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


#: A text column is never shortened below this many characters (or its header's width).
MIN_COLUMN = 8
_GAP = 2


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    width: int | None = None,
    shorten_first: Sequence[str] = (),
) -> str:
    """A plain table: left-aligned columns separated by two spaces, a rule under the header.

    Every cell is cleaned and flattened to one line; numbers are right-aligned. With
    ``width`` (a terminal's columns), the widest text columns are shortened, their cells cut
    with an ellipsis, until the table fits (as far as the columns' minimum allows): first the
    columns named in ``shorten_first`` (free text), then the others.
    """
    cells = [[clean_line(str(h)) for h in headers]] + [
        ["" if c is None else clean_line(str(c)) for c in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float) or row[i] is None for row in rows)
        for i in range(len(headers))
    ]
    if width is not None:
        first = [i for i, h in enumerate(headers) if h in shorten_first]
        widths = fitted_widths(widths, [len(h) for h in cells[0]], numeric, width, first)
        cells = [[clean_line(c, widths[i]) for i, c in enumerate(row)] for row in cells]

    def line(row: list[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if numeric[i] else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])]) + "\n"


def fitted_widths(
    widths: Sequence[int],
    header_widths: Sequence[int],
    numeric: Sequence[bool],
    total: int,
    first: Sequence[int] = (),
) -> list[int]:
    """Column widths whose table fits ``total`` characters: the widest text column (of
    ``first``, then of all) loses a character at a time, down to its header's width, then (as
    a last resort) to :data:`MIN_COLUMN`; numbers keep theirs."""
    fitted = list(widths)
    text = [i for i in range(len(widths)) if not numeric[i]]
    headed = [max(MIN_COLUMN, header_widths[i]) for i in range(len(widths))]
    excess = sum(fitted) + _GAP * (len(fitted) - 1) - total
    for candidates, floors in (
        ([i for i in first if i in text], headed),
        (text, headed),
        (text, [MIN_COLUMN] * len(widths)),
    ):
        while excess > 0:
            shrinkable = [i for i in candidates if fitted[i] > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: fitted[i])
            fitted[widest] -= 1
            excess -= 1
    return fitted

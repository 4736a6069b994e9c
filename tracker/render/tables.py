"""Plain text for a terminal (pure): stored text made harmless, one-line cells, aligned tables.

Fetched text is untrusted. Before it reaches a terminal, :func:`clean` removes escape sequences
(CSI, OSC, and other ESC sequences, in their 7-bit and 8-bit forms), every other control
character except newline and tab, and the bidirectional overrides and isolates that can make
text display in another order than it reads (U+202A-U+202E, U+2066-U+2069).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                 # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])          # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?            # ... up to BEL or ST
    | \x1b[ -/]*[0-~]                                  # any other ESC sequence
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_WHITESPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (newline, tab kept)."""
    return _CONTROLS.sub("", _ESCAPE_SEQUENCE.sub("", text))


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

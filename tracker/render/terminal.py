"""Making untrusted text safe to print on a terminal, and colouring it (pure).

Fetched page text could carry escape sequences that move the cursor, retitle the window or hide
what follows, and bidirectional-override characters that make text read differently from what
it is. :func:`strip_control` removes both before any colour of our own is added.
"""

from __future__ import annotations

import re

#: Escape sequences (CSI, OSC and other ESC forms), C0/C1 control characters except newline and
#: tab, and the bidirectional embedding/override/isolate characters.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-_]"  # other two-byte escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    r"|[\u202a-\u202e\u2066-\u2069]"
)

#: SGR codes of the styles the renderers use.
STYLES = {
    "insert": "32;4",  # green, underlined
    "delete": "31;9",  # red, struck through
    "added": "32",
    "removed": "31",
    "heading": "1",
    "dim": "2",
    "high": "1;31",  # severities: bold red, yellow, plain
    "medium": "33",
}


def strip_control(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (keeps \\n, \\t)."""
    return _CONTROL.sub("", text)


def single_line(text: str) -> str:
    """``text`` made safe (:func:`strip_control`) with every whitespace run folded to one space,
    for one-line table cells."""
    return " ".join(strip_control(text).split())


def styled(text: str, style: str, color: bool) -> str:
    """``text`` wrapped in the SGR codes of ``style`` when ``color`` is on (text already safe)."""
    if not color or not text:
        return text
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m"

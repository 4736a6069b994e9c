"""Making untrusted text safe to print on a terminal."""

from __future__ import annotations

import re

#: Escape sequences (CSI, OSC and other ESC forms) and C0/C1 control characters, except
#: newline and tab. Printed page text could otherwise move the cursor, retitle the window or
#: hide what follows.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-_]"  # other two-byte escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def strip_control(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (keeps \\n, \\t)."""
    return _CONTROL.sub("", text)

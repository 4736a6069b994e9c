"""Making untrusted text safe to print on a terminal (see :mod:`tracker.render.terminal`)."""

from __future__ import annotations

from tracker.render.terminal import strip_control

__all__ = ["strip_control"]

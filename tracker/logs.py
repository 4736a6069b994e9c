"""Log lines for unattended runs: one line per event on stderr, ``key=value`` or JSON.

``text`` (the default) gives lines a person can read and ``grep`` can search::

    time=2026-03-01T03:00:04Z level=warning logger=tracker.track.record msg="acme/terms: failed..."

Unset (no ``--log-format``, no ``TRACKER_LOG_FORMAT``), a person at a terminal reads plain
sentences instead (``tracker: warning: acme/terms: failed...``); cron, systemd and pipes get
``text``.

``json`` gives one JSON object per line with the same keys, for log collectors. Values
passed with ``extra={...}`` (``run``, ``document``, ``worker``...) become keys of their own.
At ``debug`` level, the steps of a document's phases are logged with ``phase`` (``fetch``,
``extract``, ``store``, ``digest``) and ``step`` keys (:func:`phase_fields`): where a slow or
stuck run spends its time, and where a killed one died.
Text fetched from the web ends up in messages (error texts, titles), so control characters
are escaped in both forms: a log line can never move the cursor or recolour a terminal.

:func:`logging_to_stderr` installs the handler for the duration of a command and removes
it afterwards, so that commands run in-process (tests) leave logging as they found it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TextIO

#: Loggers whose records are written: ours, and the scheduler library's (missed runs).
LOGGERS = ("tracker", "apscheduler")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}
_BARE = re.compile(r"[\w.:/@+%,-]+")
#: C0/C1 controls, and the bidirectional marks, embeddings, overrides and isolates and line
#: separators that could make a line read differently from what it is (see render/terminal).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def record_fields(record: logging.LogRecord, formatter: logging.Formatter) -> dict[str, Any]:
    """The keys of one log line: time, level, logger, msg, then any extras, then exc."""
    fields: dict[str, Any] = {
        "time": datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "level": record.levelname.lower(),
        "logger": record.name,
        "msg": record.getMessage(),
    }
    for key, value in vars(record).items():
        if key not in _STANDARD and not key.startswith("_"):
            fields[key] = value
    if record.exc_info:
        fields["exc"] = formatter.formatException(record.exc_info)
    return fields


#: The phases of a run that debug lines mark (``phase`` key), in the order a document meets them.
PHASES = ("fetch", "extract", "store", "digest")


def phase_fields(phase: str, step: str, **fields: object) -> dict[str, object]:
    """The ``extra`` of a line marking ``step`` (``start``, ``end``...) of ``phase``."""
    return {"phase": phase, "step": step, **fields}


def quote_value(value: object) -> str:
    """A value as it appears after ``key=``: bare when safe, else double-quoted and escaped."""
    text = str(value)
    if _BARE.fullmatch(text):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _CONTROL.sub(lambda m: _escape_control(m.group()), escaped)
    return f'"{escaped}"'


def _escape_control(char: str) -> str:
    code = ord(char)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = record_fields(record, self)
        return " ".join(f"{key}={quote_value(value)}" for key, value in fields.items())


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # ensure_ascii escapes every control character, C1 included
        return json.dumps(record_fields(record, self), default=str, ensure_ascii=True)


class SentenceFormatter(logging.Formatter):
    """A person at a terminal: ``tracker: warning: acme/terms: failed ...``, the message alone
    (its keys and the traceback of an internal error are for ``--log-format`` and ``--debug``
    level)."""

    def format(self, record: logging.LogRecord) -> str:
        message = _CONTROL.sub(lambda m: _escape_control(m.group()), record.getMessage())
        line = f"tracker: {record.levelname.lower()}: {message}"
        if record.exc_info and logging.getLogger(record.name).isEnabledFor(logging.DEBUG):
            line += "\n" + self.formatException(record.exc_info)
        return line


def formatter_for(log_format: str | None, *, terminal: bool) -> logging.Formatter:
    """``json``, ``text`` (key=value), or unset: sentences at a terminal, else ``text``."""
    if log_format == "json":
        return JsonFormatter()
    if log_format is None and terminal:
        return SentenceFormatter()
    return KeyValueFormatter()


class _LineClearingHandler(logging.StreamHandler[TextIO]):
    """At a terminal, clear the progress bar's line before writing a log line over it."""

    def format(self, record: logging.LogRecord) -> str:
        return "\r\x1b[2K" + super().format(record)


def make_handler(
    log_format: str | None, stream: TextIO | None = None, *, terminal: bool = False
) -> logging.Handler:
    kind = _LineClearingHandler if terminal else logging.StreamHandler
    handler = kind(stream or sys.stderr)
    handler.setFormatter(formatter_for(log_format, terminal=terminal))
    return handler


@contextmanager
def logging_to_stderr(
    log_format: str | None, level: str, stream: TextIO | None = None, *, terminal: bool = False
) -> Iterator[None]:
    """Write the tracker's log records at ``level`` and above to stderr while in the block
    (``terminal``: stderr is a terminal that may show a progress bar)."""
    handler = make_handler(log_format, stream, terminal=terminal)
    loggers = [logging.getLogger(name) for name in LOGGERS]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(level.upper())
    try:
        yield
    finally:
        for logger, old_level in zip(loggers, previous, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(old_level)

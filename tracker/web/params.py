"""Reading request parameters: each one checked, a :class:`UsageError` (400) when it is bad.

Text parameters are bounded in length and may not hold NUL or other C0 control characters
(PostgreSQL refuses NUL in text, and no query needs them); numbers are bounded; choices are
checked against their list. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from tracker.errors import UsageError
from tracker.vocabulary import SEVERITIES

MAX_TEXT = 2000
MAX_PHRASE = 500
#: A third party's page pasted into the claims check (a summary, a record, a FAQ).
MAX_PAGE_TEXT = 20000
MAX_OFFSET = 10**9
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_VERSION = re.compile(r"^[vV]?([0-9]{1,9})$")
VIEWS = ("inline", "side")


def text(
    params: Mapping[str, str], name: str, *, required: bool = False, limit: int = MAX_TEXT
) -> str | None:
    """``name`` stripped; None when absent or blank (a UsageError if ``required``)."""
    value = params.get(name, "").strip()
    if not value:
        if required:
            raise UsageError(f"parameter {name!r} is required")
        return None
    if len(value) > limit:
        raise UsageError(f"parameter {name!r} is longer than {limit} characters")
    if _CONTROL.search(value):
        raise UsageError(f"parameter {name!r} contains control characters")
    return value


def required_text(params: Mapping[str, str], name: str, *, limit: int = MAX_TEXT) -> str:
    value = text(params, name, required=True, limit=limit)
    assert value is not None
    return value


def path_part(path_params: Mapping[str, str], name: str) -> str:
    """A part of the address (a slug's service or type, a service name): bounded, without
    control characters (PostgreSQL refuses NUL in a query's text)."""
    return required_text(path_params, name, limit=200)


def slug(path_params: Mapping[str, str]) -> str:
    """The document slug of a ``/documents/{service}/{type}`` address."""
    return f"{path_part(path_params, 'service')}/{path_part(path_params, 'type')}"


def offset(params: Mapping[str, str], name: str = "offset") -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return 0
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_OFFSET:
        raise UsageError(f"parameter {name!r} must be a whole number from 0 to {MAX_OFFSET}")
    return int(raw)


def version_number(raw: str) -> int:
    """A version in a path: ``3`` or ``v3``."""
    match = _VERSION.match(raw.strip())
    if match is None or int(match.group(1)) < 1:
        raise UsageError(f"invalid version {raw!r}: expected a number such as 3 or v3")
    return int(match.group(1))


def version_ref(params: Mapping[str, str], name: str) -> str | None:
    """A version in a query: a number, ``vN`` or ``latest`` (dates go to ``date`` params)."""
    value = text(params, name, limit=20)
    if value is None:
        return None
    if value.lower() == "latest":
        return "latest"
    return str(version_number(value))


def choice(params: Mapping[str, str], name: str, choices: Collection[str]) -> str | None:
    value = text(params, name, limit=100)
    if value is None:
        return None
    if value not in choices:
        shown = ", ".join(sorted(choices)) if choices else "none known"
        raise UsageError(f"parameter {name!r} must be one of: {shown}")
    return value


def severity(params: Mapping[str, str]) -> str | None:
    """``severity``: high, medium, low or none; ``none`` means no filter."""
    value = choice(params, "severity", SEVERITIES)
    return None if value == "none" else value


def view(params: Mapping[str, str]) -> str:
    return choice(params, "view", VIEWS) or "inline"


def clause_id(raw: str) -> str:
    """A clause in a path: its database id (digits)."""
    value = raw.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise UsageError(f"invalid clause id {raw!r}: expected a number")
    return value

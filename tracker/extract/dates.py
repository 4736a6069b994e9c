"""The "Last updated / Effective <date>" line: find it and read its date.

The line stays in the document text; the date is also returned as ``effective_date``.
Recognised dates: "October 31, 2025", "31 October 2025", "Oct. 31st, 2025", "2025-10-31",
"10/31/2025" (month first unless the first number cannot be a month) and "October 2025" (read
as the first of the month).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?P<md>(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}}))"
    rf"|(?P<dm>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}}))"
    r"|(?P<iso>(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2}))"
    r"|(?P<num>(?P<a4>\d{1,2})[/.](?P<b4>\d{1,2})[/.](?P<y4>\d{4}))"
    rf"|(?P<my>(?P<m5>{_MONTH}),?\s+(?P<y5>\d{{4}}))"
)
_KEYWORD = (
    r"(?:last\s+)?(?:updated|modified|revised|amended|changed)|last\s+(?:update|revision"
    r"|modification|change)|effective(?:\s+date)?|in\s+effect|date\s+of\s+(?:last\s+)?revision"
    r"|version\s+date|published|valid\s+(?:from|as\s+of)"
)
_ANY_DATE = re.compile(rf"(?<![\w-])(?:{_DATE})(?![\w-])", re.IGNORECASE)
_EFFECTIVE_LINE = re.compile(rf"\b(?:{_KEYWORD})\b[^.\d]{{0,30}}?(?:{_DATE})", re.IGNORECASE)
#: A line this long is a sentence about dates, not a date line.
MAX_DATE_LINE_WORDS = 16
MAX_DATE_LINE_CHARS = 200


def find_effective_date(texts: Iterable[str]) -> date | None:
    """The date of the first "Updated/Effective <date>" statement among ``texts``."""
    for text in texts:
        found = effective_date_in(text)
        if found is not None:
            return found
    return None


def effective_date_in(text: str) -> date | None:
    """The date of an "Updated/Effective <date>" statement in one short text, if any."""
    if len(text) > MAX_DATE_LINE_CHARS or len(text.split()) > MAX_DATE_LINE_WORDS:
        return None
    match = _EFFECTIVE_LINE.search(text)
    return _date_of(match) if match else None


def dates_in(text: str) -> list[tuple[int, int, date]]:
    """Every recognised date in ``text``: ``(start, end, date)``, in order (any sentence length;
    impossible dates such as February 30 are skipped)."""
    found = []
    for match in _ANY_DATE.finditer(text):
        value = _date_of(match)
        if value is not None:
            found.append((match.start(), match.end(), value))
    return found


def is_date_line(text: str) -> bool:
    return effective_date_in(text) is not None


def _date_of(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        if groups["md"]:
            return date(int(groups["y1"]), _month(groups["m1"]), int(groups["d1"]))
        if groups["dm"]:
            return date(int(groups["y2"]), _month(groups["m2"]), int(groups["d2"]))
        if groups["iso"]:
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        if groups["num"]:
            first, second = int(groups["a4"]), int(groups["b4"])
            month, day = (second, first) if first > 12 else (first, second)
            return date(int(groups["y4"]), month, day)
        if groups["my"]:
            return date(int(groups["y5"]), _month(groups["m5"]), 1)
    except ValueError:
        return None
    return None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]

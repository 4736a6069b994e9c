"""Quantities a policy states, read from its words: periods, amounts of money and ages.

A change of "30 days" to "3 years" is a change of meaning that no word list sees: both sides
hold a number and a unit. These functions find each quantity with its value in one unit (days,
an amount in its currency, years of age) so that two versions of a sentence can be compared by
value: "thirty (30) days" and "30 days" are the same period, "six months" is longer than
"90 days".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tracker.classify.literals import fold

QuantityKind = Literal["period", "amount", "age", "storage"]

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "one hundred": 100,
    "one hundred eighty": 180,
    "three hundred sixty-five": 365,
}
#: "thirty-one", "forty five": tens and units written as words.
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBER_WORDS |= {
    f"{tens}{joint}{unit}": _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
    for tens in _TENS
    for unit in _UNITS
    for joint in ("-", " ")
}
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_DIGITS = r"\d+(?:[.,]\d+)?"
#: A number as policies write it: "30", "thirty", "thirty (30)", "a".
_NUMBER = rf"(?:(?P<digits>{_DIGITS})|(?P<word>{_WORD_NUMBER}))(?:\s*\(\s*(?P<paren>\d+)\s*\))?"
#: Words between a number and its unit that leave the period as long ("36 consecutive months",
#: "30 full days").
_RUN_WORDS = r"(?:consecutive|successive|continuous|uninterrupted|full|complete|whole)"
_UNIT_DAYS = {
    "hour": 1 / 24,
    "day": 1.0,
    "business day": 1.4,
    "calendar day": 1.0,
    "week": 7.0,
    "month": 30.0,
    "year": 365.0,
}
_PERIOD = re.compile(
    rf"(?<![\w$€£]){_NUMBER}[\s-]*(?:{_RUN_WORDS}\s+)?(?P<unit>business days?|calendar days?|"
    rf"hours?|days?|weeks?|months?|years?)(?![\w-])(?!\s+(?:old|of age))",
    re.IGNORECASE,
)
#: What the unit of each match of :data:`_PERIOD` holds (as ``re.IGNORECASE`` matches it).
_PERIOD_UNITS = ("hour", "day", "week", "month", "year")
_CURRENCY = r"(?:US\s?\$|\$|€|£|USD\s?|EUR\s?|GBP\s?)"
_AMOUNT = re.compile(
    rf"(?P<currency>{_CURRENCY})\s?(?P<value>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<cents>\d+))?"
    rf"(?:\s?(?P<scale>k|thousand|million|m)\b)?"
    rf"|(?P<value2>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?\s?(?P<currency2>dollars|euros|pounds|USD|EUR)\b",
    re.IGNORECASE,
)
_AGE_OF = re.compile(
    rf"\b(?:age of|aged|(?:minimum|min\.?) age(?: requirement)?(?: is)?:?)\s+{_NUMBER}(?![\w-])",
    re.IGNORECASE,
)
_AGE_BOUND = re.compile(
    rf"\b(?:under|over|older than|younger than|below)\s+{_NUMBER}"
    rf"(?=\s*(?:years?|\+|or older|or over|and (?:over|up|older)|$|[,;.)](?!\d)))",
    re.IGNORECASE,
)
#: "at least 7 years" is a period: "at least" is an age only with "old", "of age" or "older".
_AGE_AT_LEAST = re.compile(
    rf"\bat least\s+{_NUMBER}(?=\s*(?:years? (?:old|of age)|\+|or older|or over|$|[,;.)](?!\d)))",
    re.IGNORECASE,
)
_AGE_OR_OLDER = re.compile(
    rf"\b(?:are|is|be|aged?|users?)\s+{_NUMBER}\s*(?:\+|or older|or over|and (?:over|older|up))",
    re.IGNORECASE,
)
#: The highest age policies set for people ("users over 21"); above, "users over 50" counts.
MAX_AGE_OF_PEOPLE = 21
#: People said to be under or over a number: "children under 13", "users over 16 need ...".
_PEOPLE_AGED = re.compile(
    rf"\b(?:users?|children|child|kids?|minors?|teens?|teenagers?|individuals?|persons?|people|"
    rf"anyone|visitors?)\s+(?:who are\s+)?(?:under|over|below|above|younger than|older than)\s+"
    rf"{_NUMBER}(?=\s*(?:years?\b|\+|[;:)]|[.,](?!\d)|$|(?:need|needs|must|may|might|can|cannot|"
    rf"are|is|who|should|will|shall|require|requires|without|to|from|in|and|or|do|does|have)\b))",
    re.IGNORECASE,
)
_AGE_IN_YEARS = re.compile(rf"{_NUMBER}(?:\s*\+)?\s*years?\s*(?:old|of age)", re.IGNORECASE)
#: The lower age of a range whose upper one carries the unit: "between 13 and 18 years old",
#: "13 to 17 years of age", "13-17 years old" (the upper is read by :data:`_AGE_IN_YEARS`).
_AGE_RANGE_LOW = re.compile(
    rf"(?:\bbetween\s+|(?<![\w.,-])){_NUMBER}\s*(?:and|to|-|–)\s*"
    rf"(?=\d{{1,2}}\s*years?\s*(?:old|of age))",
    re.IGNORECASE,
)
_INDEFINITE_UNITS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text: its kind, its value in a common unit, and as written."""

    kind: QuantityKind
    value: float  # days for a period, the amount for money, years for an age, GB of storage
    text: str
    unit: str = ""  # the currency of an amount

    def describe(self) -> str:
        return " ".join(self.text.split())


def _number(match: re.Match[str]) -> float | None:
    paren = match.group("paren")
    if paren:
        return float(paren)
    digits = match.group("digits")
    if digits:
        return float(digits.replace(",", ""))
    word = match.group("word")
    return float(_NUMBER_WORDS[word.lower()]) if word else None


def periods(text: str) -> list[Quantity]:
    """Periods of time ("30 days", "thirty (30) days", "a year", "24 hours"), in days."""
    found: list[Quantity] = []
    folded = fold(text)
    if not any(unit in folded for unit in _PERIOD_UNITS):
        return found  # every match names one of them: nothing to look for
    for match in _PERIOD.finditer(text):
        number = _number(match)
        if number is None:
            continue
        unit = match.group("unit").lower().rstrip("s")
        found.append(Quantity("period", number * _UNIT_DAYS[unit], match.group(0)))
    return found


def amounts(text: str) -> list[Quantity]:
    """Amounts of money ("$100", "US$ 25,000", "50 euros"), in their currency."""
    found = []
    for match in _AMOUNT.finditer(text):
        raw = match.group("value") or match.group("value2")
        currency = (match.group("currency") or match.group("currency2") or "").strip().upper()
        value = float(raw.replace(",", ""))
        if match.group("cents"):
            value += float("0." + match.group("cents"))
        scale = (match.group("scale") or "").lower()
        value *= (
            1000 if scale in ("k", "thousand") else 1_000_000 if scale in ("m", "million") else 1
        )
        found.append(Quantity("amount", value, match.group(0), _currency_name(currency)))
    return found


#: Storage space ("6GB", "2 gigabytes", "500 MB", "1 TB"), in gigabytes; not a speed ("5MB/s",
#: "10 megabytes per second") nor a device's memory ("4GB RAM").
_STORAGE = re.compile(
    rf"(?<![\w$€£.]){_NUMBER}\s?(?P<unit>[KMGT]B|(?:kilo|mega|giga|tera)bytes?)(?![\w-])"
    r"(?!\s?(?:/|per\s|a\s)\s?(?:s|secs?|seconds?)\b|\s+(?:of\s+)?(?:V?RAM|memory)\b)",
    re.IGNORECASE,
)
_STORAGE_GB = {"k": 1 / 1_000_000, "m": 1 / 1000, "g": 1.0, "t": 1000.0}
#: A unit of storage after a word or a number: every match of :data:`_STORAGE` holds one (not
#: "GB" alone after a comma, as in lists of country codes). That regex's number comes first, so
#: it tries its number words at every position of a text; most sentences name no storage and
#: are passed over at the cost of this search.
_STORAGE_UNIT = re.compile(r"[\w)]\s?[kmgt]b\b|bytes?\b", re.IGNORECASE)


def storage(text: str) -> list[Quantity]:
    """Amounts of storage space ("up to 6GB of storage", "2 gigabytes"), in gigabytes: what a
    plan includes, or the size a file may have."""
    found: list[Quantity] = []
    if _STORAGE_UNIT.search(text) is None:
        return found
    for match in _STORAGE.finditer(text):
        number = _number(match)
        if number is not None:
            scale = _STORAGE_GB[match.group("unit")[0].lower()]
            found.append(Quantity("storage", number * scale, match.group(0)))
    return found


def ages(text: str) -> list[Quantity]:
    """Ages ("13 years old", "under the age of 16", "at least 18 years"), in years, in the
    order the text gives them."""
    found: list[tuple[int, Quantity]] = []
    spans: set[tuple[int, int]] = set()
    for pattern in _AGE_PATTERNS if _may_say_years_old(text) else _AGE_PATTERNS[2:]:
        for match in pattern.finditer(text):
            number = _number(match)
            overlaps = any(a < match.end() and match.start() < b for a, b in spans)
            if pattern is _PEOPLE_AGED and not (number is not None and number <= MAX_AGE_OF_PEOPLE):
                continue  # "workspaces with users over 50": a count of people, not an age
            if number is not None and 0 < number < 100 and not overlaps:
                spans.add(match.span())
                found.append((match.start(), Quantity("age", number, match.group(0))))
    return [quantity for _, quantity in sorted(found, key=lambda item: item[0])]


#: The first two need "years old" or "years of age" in the text (:func:`_may_say_years_old`).
_AGE_PATTERNS = (
    _AGE_IN_YEARS,
    _AGE_RANGE_LOW,
    _AGE_OF,
    _AGE_BOUND,
    _AGE_AT_LEAST,
    _AGE_OR_OLDER,
    _PEOPLE_AGED,
)


def _may_say_years_old(text: str) -> bool:
    """Whether :data:`_AGE_IN_YEARS` can match ``text``: each of its matches holds "year" and
    "old" or "of age" (as ``re.IGNORECASE`` matches them, see :func:`fold`). Its number comes
    first, without a word boundary, so the regex tries its hundred-odd number words at every
    position of the text: two thirds of the time of reading a sentence's quantities, and a
    tenth of a changed page's classification on the scale bench, went to sentences that say no age
    in years."""
    folded = fold(text)
    return "year" in folded and ("old" in folded or "of age" in folded)


def _currency_name(raw: str) -> str:
    if "$" in raw or raw in ("USD", "DOLLARS"):
        return "USD"
    if "€" in raw or raw in ("EUR", "EUROS"):
        return "EUR"
    if "£" in raw or raw in ("GBP", "POUNDS"):
        return "GBP"
    return raw


def quantities(text: str) -> list[Quantity]:
    """Every period, amount, age and storage space of ``text`` (ages are not also counted as
    periods)."""
    found_ages = ages(text)
    found_periods = [p for p in periods(text) if not any(p.text in a.text for a in found_ages)]
    return [*found_periods, *amounts(text), *found_ages, *storage(text)]

"""The document registry: which documents to track, where, and how to extract them.

The registry is a TOML file (``data/documents.toml``) with one ``[[documents]]`` table per
document. Loading validates every entry; any problem is a :class:`RegistryError` whose message
names the file, the line and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker.errors import NotFoundError, RegistryError
from tracker.model import ExtractionRules, RenderOptions
from tracker.vocabulary import FetchMode

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
_INTERVAL_PATTERN = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_INTERVAL_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

REQUIRED_KEYS = ("slug", "service", "type", "url")
OPTIONAL_KEYS = ("select", "remove", "interval", "active", "fetch", "wait_for", "wait_ms", "scroll")
RENDER_KEYS = ("wait_for", "wait_ms", "scroll")
#: Longest ``wait_ms`` accepted: ten minutes (the render deadline cuts any wait anyway).
MAX_WAIT_MS = 600_000


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One registered document."""

    slug: str
    service: str
    type: str
    url: str
    rules: ExtractionRules = field(default_factory=ExtractionRules)
    interval: timedelta | None = None
    active: bool = True
    fetch: FetchMode = FetchMode.HTTP
    render: RenderOptions = field(default_factory=RenderOptions)


@dataclass(frozen=True, slots=True)
class Registry:
    path: Path
    documents: tuple[DocumentSpec, ...]

    def get(self, slug: str) -> DocumentSpec | None:
        return next((d for d in self.documents if d.slug == slug), None)

    @property
    def active(self) -> tuple[DocumentSpec, ...]:
        return tuple(d for d in self.documents if d.active)

    def select(self, slugs: Sequence[str]) -> list[DocumentSpec]:
        """The documents named by ``slugs`` (registry order), or every active one if none;
        NotFoundError (exit 2) for a slug the registry does not have."""
        if not slugs:
            return list(self.active)
        unknown = sorted(set(slugs) - {d.slug for d in self.documents})
        if unknown:
            raise NotFoundError(f"unknown document {unknown[0]!r} (see `tracker documents`)")
        return [d for d in self.documents if d.slug in slugs]


def parse_interval(raw: str) -> timedelta:
    """``"30m"``, ``"12h"``, ``"1d"``, ``"2w"`` to a timedelta; ValueError otherwise."""
    match = _INTERVAL_PATTERN.match(raw)
    if not match or int(match.group(1)) == 0:
        raise ValueError(raw)
    return timedelta(**{_INTERVAL_UNITS[match.group(2)]: int(match.group(1))})


def load_registry(path: Path) -> Registry:
    """Read and validate the registry at ``path``."""
    return parse_registry(read_registry_file(path), path)


def read_registry_file(path: Path) -> str:
    """The registry's text (RegistryError when it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"{path}: registry file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read registry: {exc}") from None


def parse_registry(text: str, path: Path) -> Registry:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(toml_error_message(path, exc)) from None
    locator = TableLocator(text, path)
    extra = sorted(set(data) - {"documents"})
    if extra:
        raise RegistryError(locator.top_level(extra[0]))
    entries = data.get("documents", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RegistryError(f"{path}: 'documents' must be an array of tables ([[documents]])")
    specs: list[DocumentSpec] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        spec = _parse_entry(entry, index, locator)
        if spec.slug in seen:
            raise RegistryError(
                locator.message(
                    index,
                    "slug",
                    f"duplicate slug {spec.slug!r} (first in document #{seen[spec.slug] + 1})",
                )
            )
        seen[spec.slug] = index
        specs.append(spec)
    return Registry(path=path, documents=tuple(specs))


def _parse_entry(entry: dict[str, Any], index: int, locator: TableLocator) -> DocumentSpec:
    for key in entry:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            allowed = ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)
            raise RegistryError(locator.message(index, key, f"unknown key (allowed: {allowed})"))
    for key in REQUIRED_KEYS:
        if key not in entry:
            raise RegistryError(locator.message(index, None, f"missing required key {key!r}"))
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise RegistryError(locator.message(index, key, "must be a non-empty string"))
    slug = entry["slug"]
    if not SLUG_PATTERN.match(slug):
        raise RegistryError(
            locator.message(
                index,
                "slug",
                f"{slug!r} is not of the form service/type (lowercase letters, digits and dashes)",
            )
        )
    url = entry["url"].strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RegistryError(locator.message(index, "url", f"{url!r} is not an http(s) URL"))
    if "select" in entry or "remove" in entry:
        rules = ExtractionRules(
            select=_css_list(entry, "select", index, locator),
            remove=_css_list(entry, "remove", index, locator),
        )
    else:
        rules = _NO_RULES
    interval = None
    if "interval" in entry:
        raw = entry["interval"]
        try:
            interval = parse_interval(raw) if isinstance(raw, str) else None
        except ValueError:
            interval = None
        if interval is None:
            raise RegistryError(
                locator.message(index, "interval", f"{raw!r} is not an interval like '12h' or '1d'")
            )
    active = entry.get("active", True)
    if not isinstance(active, bool):
        raise RegistryError(locator.message(index, "active", "must be true or false"))
    fetch = _fetch_mode(entry, index, locator)
    return DocumentSpec(
        slug=slug,
        service=entry["service"].strip(),
        type=entry["type"].strip(),
        url=url,
        rules=rules,
        interval=interval,
        active=active,
        fetch=fetch,
        render=_render_options(entry, fetch, index, locator),
    )


#: The fetch modes by their registry value (looked up once per entry: building the set of
#: an enum's members for each of 2,000 entries was a tenth of reading the registry).
_FETCH_MODES = {mode.value: mode for mode in FetchMode}
#: The options of a document that sets no rendering key, and the rules of one that sets no
#: CSS selector: one frozen value shared by every such entry (as the defaults would be equal).
_NO_RENDER_OPTIONS = RenderOptions()
_NO_RULES = ExtractionRules()


def _fetch_mode(entry: dict[str, Any], index: int, locator: TableLocator) -> FetchMode:
    raw = entry.get("fetch", FetchMode.HTTP.value)
    if isinstance(raw, str) and raw in _FETCH_MODES:
        return _FETCH_MODES[raw]
    allowed = ", ".join(f'"{m.value}"' for m in FetchMode)
    raise RegistryError(locator.message(index, "fetch", f"must be one of {allowed}"))


def _render_options(
    entry: dict[str, Any], fetch: FetchMode, index: int, locator: TableLocator
) -> RenderOptions:
    given = [key for key in RENDER_KEYS if key in entry]
    if not given:
        return _NO_RENDER_OPTIONS
    if fetch == FetchMode.HTTP:
        raise RegistryError(
            locator.message(
                index, given[0], 'applies to the browser only: set fetch = "browser" or "auto"'
            )
        )
    wait_for = entry.get("wait_for")
    if wait_for is not None:
        if not isinstance(wait_for, str) or not wait_for.strip():
            raise RegistryError(locator.message(index, "wait_for", "must be a CSS selector"))
        _check_selector(wait_for, "wait_for", index, locator)
        wait_for = wait_for.strip()
    wait_ms = entry.get("wait_ms", 0)
    if isinstance(wait_ms, bool) or not isinstance(wait_ms, int) or not 0 <= wait_ms <= MAX_WAIT_MS:
        raise RegistryError(
            locator.message(
                index, "wait_ms", f"must be a whole number of milliseconds from 0 to {MAX_WAIT_MS}"
            )
        )
    scroll = entry.get("scroll", False)
    if not isinstance(scroll, bool):
        raise RegistryError(locator.message(index, "scroll", "must be true or false"))
    return RenderOptions(wait_for=wait_for, wait_ms=wait_ms, scroll=scroll)


def _css_list(
    entry: dict[str, Any], key: str, index: int, locator: TableLocator
) -> tuple[str, ...]:
    raw = entry.get(key, [])
    values: Sequence[Any] = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise RegistryError(locator.message(index, key, "must be a CSS selector or a list of them"))
    for selector in values:
        _check_selector(selector, key, index, locator)
    return tuple(v.strip() for v in values)


def _check_selector(selector: str, key: str, index: int, locator: TableLocator) -> None:
    import soupsieve  # a fifth of a second to import: only registries with selectors pay it

    try:
        soupsieve.compile(selector)
    except (soupsieve.SelectorSyntaxError, ValueError) as exc:
        first_line = str(exc).splitlines()[0]
        raise RegistryError(
            locator.message(index, key, f"invalid CSS selector {selector!r}: {first_line}")
        ) from None


_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def toml_error_message(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """``path:line: invalid TOML: what`` for a file tomllib refused."""
    line = _line_of_toml_error(str(exc))
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: invalid TOML: {_strip_position(str(exc))}"


def _line_of_toml_error(message: str) -> int | None:
    match = _TOML_POSITION.search(message)
    return int(match.group(1)) if match else None


def _strip_position(message: str) -> str:
    return _TOML_POSITION.sub("", message).strip()


class TableLocator:
    """Finds the line of a key inside the n-th ``[[table]]`` of a TOML file, for error messages
    (``documents`` here; the subscriptions file uses it too). The text is split into lines
    only when a message asks (every run reads the registry; a valid one never needs a line
    number: 2,000 entries' lines cost a run a few milliseconds, issue 14)."""

    _ANY_TABLE = re.compile(r"^\s*\[")

    def __init__(
        self, text: str, path: Path, table: str = "documents", noun: str = "document"
    ) -> None:
        self.text = text
        self.path = path
        self.table = table
        self.noun = noun

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def table_starts(self) -> list[int]:
        header = re.compile(rf"^\s*\[\[\s*{re.escape(self.table)}\s*\]\]")
        return [i for i, line in enumerate(self.lines) if header.match(line)]

    def _key_line(self, start: int, key: str) -> int | None:
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for i in range(start, len(self.lines)):
            if i > start and self._ANY_TABLE.match(self.lines[i]):
                break
            if pattern.match(self.lines[i]):
                return i + 1
        return None

    def message(self, index: int, key: str | None, problem: str) -> str:
        start = self.table_starts[index] if index < len(self.table_starts) else 0
        line = (self._key_line(start, key) if key else None) or start + 1
        entry = f"{self.noun} #{index + 1}"
        subject = f"key {key!r} of {entry}" if key else entry
        return f"{self.path}:{line}: {subject}: {problem}"

    def top_level(self, key: str) -> str:
        line = self._key_line(0, key) or next(
            (i + 1 for i, text in enumerate(self.lines) if re.match(rf"^\s*\[+\s*{key}", text)), 1
        )
        return f"{self.path}:{line}: key {key!r}: unknown top-level key (expected [[{self.table}]])"

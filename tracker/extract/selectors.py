"""CSS selection for ``select`` / ``remove`` rules, fast for the selectors rules actually use.

Rules are nearly always simple: a tag, ``#id``, ``.class``, ``[attr]``, ``[attr=value]``
(also ``^=``, ``$=``, ``*=``, ``~=``), compounds of these, and descendant (`` ``) or child
(``>``) combinators, possibly in a comma-separated list. Those are matched here in one pass
over the parsed tree, which is several times faster than soupsieve; any other selector
(pseudo-classes, sibling combinators...) is handed to soupsieve, so every valid CSS selector
works.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from soupsieve import SelectorSyntaxError

from tracker.errors import ConfigError
from tracker.extract.main_content import class_names

_IDENT = r"-?[_a-zA-Z\u00a0-\uffff][-_a-zA-Z0-9\u00a0-\uffff]*"
_TOKEN = re.compile(
    rf"(?P<tag>{_IDENT}|\*)"
    rf"|#(?P<id>{_IDENT})"
    rf"|\.(?P<cls>{_IDENT})"
    rf"|\[\s*(?P<attr>{_IDENT})\s*(?:(?P<op>[~^$*]?=)\s*"
    r"(?:\"(?P<dq>[^\"\\]*)\"|'(?P<sq>[^'\\]*)'|(?P<bare>[-_a-zA-Z0-9]+))\s*)?\]"
    r"|(?P<child>\s*>\s*)"
    r"|(?P<space>\s+)"
)


@dataclass(frozen=True, slots=True)
class _AttributeTest:
    name: str
    op: str | None
    value: str

    def __call__(self, attrs: Mapping[str, object]) -> bool:
        raw = attrs.get(self.name)
        if raw is None:
            return False
        if self.op is None:
            return True
        actual = " ".join(raw) if isinstance(raw, list) else str(raw)
        if self.op == "=":
            return actual == self.value
        if self.op == "~=":
            return self.value in actual.split()
        if not self.value:
            return False
        if self.op == "^=":
            return actual.startswith(self.value)
        if self.op == "$=":
            return actual.endswith(self.value)
        return self.value in actual


@dataclass(frozen=True, slots=True)
class _Compound:
    tag: str | None
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    attributes: tuple[_AttributeTest, ...]

    @property
    def key_attribute(self) -> str | None:
        """An attribute every match has: testing for it first rejects most elements cheaply."""
        if self.ids:
            return "id"
        if self.attributes:
            return self.attributes[0].name
        return "class" if self.classes else None

    def matches(self, el: Tag) -> bool:
        if self.tag is not None and el.name != self.tag:
            return False
        attrs = el.attrs
        if self.ids and any(attrs.get("id") != i for i in self.ids):
            return False
        if self.classes:
            present = attrs.get("class")
            if not present:
                return False
            names = class_names(present)
            if any(c not in names for c in self.classes):
                return False
        return all(test(attrs) for test in self.attributes)


@dataclass(frozen=True, slots=True)
class _Complex:
    """Compounds joined by combinators, right-most last: ``main .sr-only``."""

    compounds: tuple[_Compound, ...]
    combinators: tuple[str, ...]  # between compounds[i] and compounds[i + 1]: " " or ">"

    def matches(self, el: Tag) -> bool:
        if not self.compounds[-1].matches(el):
            return False
        return self._ancestors_match(el, len(self.compounds) - 2)

    def _ancestors_match(self, el: Tag, index: int) -> bool:
        if index < 0:
            return True
        compound, combinator = self.compounds[index], self.combinators[index]
        parent = el.parent
        while isinstance(parent, Tag) and parent.name != "[document]":
            if compound.matches(parent) and self._ancestors_match(parent, index - 1):
                return True
            if combinator == ">":
                return False
            parent = parent.parent
        return False


def parse_simple_selector(css: str) -> tuple[_Complex, ...] | None:
    """The selector list as simple complex selectors, or None if it needs soupsieve."""
    result = []
    for part in css.split(","):
        complex_selector = _parse_complex(part.strip())
        if complex_selector is None:
            return None
        result.append(complex_selector)
    return tuple(result)


def _parse_complex(css: str) -> _Complex | None:
    if not css:
        return None
    compounds: list[_Compound] = []
    combinators: list[str] = []
    current: dict[str, list[object]] = {"tag": [], "id": [], "cls": [], "attr": []}
    position = 0
    pending: str | None = None
    while position < len(css):
        match = _TOKEN.match(css, position)
        if match is None:
            return None
        position = match.end()
        if match.group("child") is not None or match.group("space") is not None:
            combinator = ">" if match.group("child") is not None else " "
            pending = ">" if pending == ">" or combinator == ">" else " "
            continue
        if pending is not None:
            if not any(current.values()):
                return None
            compounds.append(_compound(current))
            combinators.append(pending)
            current = {"tag": [], "id": [], "cls": [], "attr": []}
            pending = None
        if match.group("tag") is not None:
            if current["tag"] or any(current[k] for k in ("id", "cls", "attr")):
                return None  # a tag must come first in a compound
            current["tag"].append(match.group("tag").lower())
        elif match.group("id") is not None:
            current["id"].append(match.group("id"))
        elif match.group("cls") is not None:
            current["cls"].append(match.group("cls"))
        else:
            value = next(
                (
                    v
                    for v in (match.group("dq"), match.group("sq"), match.group("bare"))
                    if v is not None
                ),
                "",
            )
            current["attr"].append(
                _AttributeTest(match.group("attr").lower(), match.group("op"), value)
            )
    if pending is not None or not any(current.values()):
        return None
    compounds.append(_compound(current))
    return _Complex(tuple(compounds), tuple(combinators))


def _compound(parts: dict[str, list[object]]) -> _Compound:
    tag = str(parts["tag"][0]) if parts["tag"] else "*"
    return _Compound(
        tag=None if tag == "*" else tag,
        ids=tuple(str(i) for i in parts["id"]),
        classes=tuple(str(c) for c in parts["cls"]),
        attributes=tuple(a for a in parts["attr"] if isinstance(a, _AttributeTest)),
    )


def select_each(soup: BeautifulSoup, selectors: Sequence[str]) -> list[list[Tag]]:
    """For each selector, the matching elements in document order (one pass when simple)."""
    parsed = [parse_simple_selector(css) for css in selectors]
    results: list[list[Tag]] = [[] for _ in selectors]
    fast: list[tuple[int, Callable[[Tag], bool]]] = []
    for index, (css, simple) in enumerate(zip(selectors, parsed, strict=True)):
        if simple is None:
            try:
                results[index] = list(soup.select(css))
            except SelectorSyntaxError as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax"
                raise ConfigError(f"invalid CSS selector {css!r}: {reason}") from None
        else:
            fast.append((index, _matcher(simple)))
    if fast:
        for el in soup.find_all(True):
            for index, matches in fast:
                if matches(el):
                    results[index].append(el)
    return results


def _matcher(selector_list: tuple[_Complex, ...]) -> Callable[[Tag], bool]:
    if len(selector_list) > 1:
        return lambda el: any(s.matches(el) for s in selector_list)
    selector = selector_list[0]
    if len(selector.compounds) > 1:
        return selector.matches
    compound = selector.compounds[0]
    key, tag = compound.key_attribute, compound.tag
    if key is not None:
        return lambda el: key in el.attrs and compound.matches(el)
    if tag is not None:
        return lambda el: el.name == tag
    return compound.matches

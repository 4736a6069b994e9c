"""A cheap test before a rule's regex: the literal strings one of which every match contains.

Most clauses are about few topics, and most topics' patterns cannot match a clause that lacks
some word of theirs: ``sold`` needs "sold", ``zero[- ]data[- ]retention`` needs "zero data
retention" or "zero-data-retention"... :func:`required_literals` reads a pattern's syntax tree
(Python's own parser) and gives such a set of lower-case strings, or None when it cannot
promise one (a pattern starting with ``[^.]``, a back-reference...). A substring test in
:func:`fold`-ed text is one C search per literal, against a regex scan trying each position of
the text; a pattern whose literals are all absent cannot match, so it is not run.

The promise holds for case-insensitive matching: :func:`fold` maps the four non-ASCII
characters Python's ``re.IGNORECASE`` equates with ASCII letters (İ ı -> i, ſ -> s, the Kelvin
sign -> k) before lower-casing, and only ASCII characters of a pattern make literals. Anything
the reader does not know (an operator of a later Python) is taken as "matches anything": the
set only ever gets weaker, never wrong.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

# re's parser, as re.compile uses it (typeshed only knows its deprecated alias sre_parse)
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")

#: Largest set of exact strings followed through a pattern before it is cut.
_MOST_STRINGS = 64
#: Largest character class turned into strings (each class multiplies the set).
_MOST_CLASS_CHARS = 8
#: Largest bounded repeat turned into strings.
_MOST_REPEATS = 4
#: Shortest string worth a test (shorter ones are in most clauses).
_SHORTEST_TELLING = 3
#: Most sets tested for one pattern.
_MOST_SETS = 3

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

Strings = frozenset[str]


def parse_pattern(pattern: str) -> Any:
    """``pattern``'s syntax tree, as ``re.compile`` reads it with ``re.IGNORECASE`` (raises
    :class:`re.error` for what ``re.compile`` refuses)."""
    return _parser.parse(pattern, re.IGNORECASE)


def fold(text: str) -> str:
    """``text`` as the literals are looked for in: what ``re.IGNORECASE`` matches an ASCII
    letter with becomes that letter, lower-case."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def required_literals(pattern: str) -> tuple[Strings, ...] | None:
    """Sets of lower-case strings such that every case-insensitive match of ``pattern``
    contains a string of each set (None: no such set is known), the cheapest set to test
    first. No string of a set contains another; a set whose shortest string is under 3
    characters is kept only when nothing better is known."""
    try:
        tree = parse_pattern(pattern)
    except re.error:
        return None
    exact, promises = _sequence(list(tree))
    whole = _necessary(exact)
    found = {_smallest(s) for s in ([*promises, whole] if whole is not None else promises)}
    telling = [s for s in found if _shortest(s) >= _SHORTEST_TELLING]
    chosen = telling or ([_best(list(found))] if found else [])
    if not chosen:
        return None
    chosen.sort(key=lambda s: (len(s), -_shortest(s), sorted(s)))
    return tuple(chosen[:_MOST_SETS])


def _shortest(strings: Strings) -> int:
    return min(len(s) for s in strings)


def _smallest(strings: Strings) -> Strings:
    """The same promise with fewer strings: a string holding another of the set is implied."""
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))


def _necessary(exact: Strings | None) -> Strings | None:
    """A node's exact strings as a promise (none if it can match empty text)."""
    return exact if exact is not None and "" not in exact else None


def _best(candidates: Sequence[Strings]) -> Strings:
    """The most telling of several promises: the longest shortest string, then the fewest
    strings."""
    return max(candidates, key=lambda c: (_shortest(c), -len(c)))


def _product(left: Strings, right: Strings) -> Strings | None:
    if len(left) * len(right) > _MOST_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _sequence(items: Iterable[tuple[Any, Any]]) -> tuple[Strings | None, list[Strings]]:
    """(exact strings, promises that all hold) of consecutive nodes. A run of nodes with
    known strings gives the product of their strings, which every match holds contiguously;
    a node with unknown strings ends the run (and the exactness of the whole)."""
    promises: list[Strings] = []
    run: Strings = frozenset({""})
    whole: Strings | None = frozenset({""})

    def close(strings: Strings) -> None:
        if strings and "" not in strings:
            promises.append(strings)

    for item in items:
        exact, needed = _node(item)
        promises.extend(needed)
        if exact is None:
            close(run)
            run = frozenset({""})
            whole = None
            continue
        joined = _product(run, exact)
        if joined is None:
            close(run)
            joined = exact
        run = joined
        whole = _product(whole, exact) if whole is not None else None
    close(run)
    return whole, promises


def _node(item: tuple[Any, Any]) -> tuple[Strings | None, list[Strings]]:
    """(exact strings, promises) of one node of re's syntax tree."""
    op, av = item
    c = _constants
    if op is c.LITERAL:
        return (frozenset({chr(av).lower()}) if av < 128 else None), []
    if op is c.IN:
        return _class(av), []
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset({""}), []  # zero-width: the characters around stay contiguous
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op is c.BRANCH:
        return _branch(av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, body = av
        exact, needed = _sequence(body)
        whole = _necessary(exact)
        promises = [*needed, *([whole] if whole is not None else [])] if low >= 1 else []
        return _repeat(exact, low, high), promises
    return None, []  # anything else: any text, no promise


def _class(items: Sequence[tuple[Any, Any]]) -> Strings | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _constants.LITERAL and av < 128:
            chars.add(chr(av).lower())
        elif op is _constants.RANGE and av[1] < 128 and av[1] - av[0] < _MOST_CLASS_CHARS:
            chars.update(chr(code).lower() for code in range(av[0], av[1] + 1))
        else:  # a negation, a category (\w, \d), a wide range, a non-ASCII character
            return None
    return frozenset(chars) if len(chars) <= _MOST_CLASS_CHARS else None


def _branch(branches: Sequence[Any]) -> tuple[Strings | None, list[Strings]]:
    """A match of an alternation is a match of one branch: the union of the branches' exact
    strings, and of one promise of each branch (none if a branch promises nothing)."""
    exact: Strings | None = frozenset()
    promise: Strings | None = frozenset()
    for branch in branches:
        one_exact, one_promises = _sequence(branch)
        exact = exact | one_exact if exact is not None and one_exact is not None else None
        whole = _necessary(one_exact)
        own = (
            _best([*one_promises, whole] if whole is not None else one_promises)
            if (one_promises or whole is not None)
            else None
        )
        promise = promise | own if promise is not None and own is not None else None
    if exact is not None and len(exact) > _MOST_STRINGS:
        exact = None
    return exact, ([promise] if promise else [])


def _repeat(exact: Strings | None, low: int, high: int) -> Strings | None:
    if exact is None or high > _MOST_REPEATS:  # MAXREPEAT (unbounded) is far above
        return None
    strings: Strings = frozenset({""})
    found: set[str] = set()
    for count in range(high + 1):
        if count >= low:
            found |= strings
        if count < high:
            longer = _product(strings, exact)
            if longer is None:
                return None
            strings = longer
    return frozenset(found) if len(found) <= _MOST_STRINGS else None


class LiteralScan:
    """Which of many literal strings a :func:`fold`-ed text contains, in one regex pass.

    The strings make one trie-shaped regex inside a lookahead, tried at every position: at a
    position it gives the longest string starting there (its branches split on distinct
    characters, so the path the text takes is unique and followed as far as it goes). Every
    string starting at that position is a prefix of that one, so the strings each found one
    contains (worked out once per string, when first found) complete the set: no occurrence is
    missed, overlapping or not."""

    __slots__ = ("_contained", "_regex", "_wanted")

    def __init__(self, strings: Iterable[str]) -> None:
        self._wanted = frozenset(strings)
        self._contained: dict[str, frozenset[str]] = {}
        trie = _trie_regex(sorted(self._wanted))
        self._regex = re.compile(f"(?=({trie}))") if self._wanted else None

    def found(self, folded: str) -> set[str]:
        """The strings ``folded`` contains."""
        found: set[str] = set()
        if self._regex is not None:
            for match in self._regex.finditer(folded):
                longest = match.group(1)
                contained = self._contained.get(longest)
                if contained is None:
                    contained = self._contained[longest] = self._inside(longest)
                found |= contained
        return found

    def _inside(self, string: str) -> frozenset[str]:
        """The strings of the scan that ``string`` holds (itself included)."""
        size = len(string)
        return frozenset(
            part
            for start in range(size)
            for end in range(start + 1, size + 1)
            if (part := string[start:end]) in self._wanted
        )


class PatternSieve:
    """Which of many patterns can match a :func:`fold`-ed text: those each of whose sets of
    :func:`required_literals` has a string in it (a pattern promising none always can). One
    :class:`LiteralScan` of the text finds all the strings at once; each string of a pattern's
    first set wakes it, and its other sets are checked against what was found."""

    __slots__ = ("_always", "_needed", "_scan", "_wake")

    def __init__(self, patterns: Iterable[str]) -> None:
        self._needed = [required_literals(pattern) or () for pattern in patterns]
        self._always = {number for number, needed in enumerate(self._needed) if not needed}
        self._wake: dict[str, set[int]] = {}  # literal -> patterns whose first set holds it
        for number, needed in enumerate(self._needed):
            for literal in needed[0] if needed else ():
                self._wake.setdefault(literal, set()).add(number)
        self._scan = LiteralScan(s for needed in self._needed for group in needed for s in group)

    def possible(self, folded: str) -> list[int]:
        """The numbers (positions in the order given) of the patterns that can match, in order."""
        found = self._scan.found(folded)
        candidates = set(self._always)
        for literal in found:
            woken = self._wake.get(literal)
            if woken:
                candidates |= woken
        return [
            number
            for number in sorted(candidates)
            if not any(found.isdisjoint(group) for group in self._needed[number][1:])
        ]


def _trie_regex(strings: Sequence[str]) -> str:
    """A regex matching each of ``strings``, its branches split on the next character, the
    longest match first."""
    root: dict[str, Any] = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        ways = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"
        return f"(?:{body})?" if "" in node else body  # greedy: go on before ending here

    return branch(root)

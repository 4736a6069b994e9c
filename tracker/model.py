"""Value types shared by the pure core (extract, segment, diff, classify, render).

They are frozen dataclasses with no I/O and no database knowledge; the storage layer maps
them to rows and back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from tracker.vocabulary import Direction, Severity

ClauseKind = Literal["heading", "paragraph", "list_item", "table_row"]
CLAUSE_KINDS: tuple[ClauseKind, ...] = ("heading", "paragraph", "list_item", "table_row")

ChangeKind = Literal["modified", "added", "removed", "moved", "cosmetic"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("modified", "added", "removed", "moved", "cosmetic")


InlineTag = Literal["equal", "insert", "delete"]


def sha256_hex(data: bytes | str) -> str:
    """SHA-256 of bytes, or of a string encoded as UTF-8, as lowercase hex."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class ExtractionRules:
    """Per-document CSS rules: keep what ``select`` matches, then drop what ``remove`` matches.

    With no ``select``, the extractor finds the main content itself.
    """

    select: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How the browser renders a document before its HTML is taken (registry keys).

    ``wait_for``: a CSS selector to wait for; ``wait_ms``: milliseconds to wait once the page
    has settled; ``scroll``: scroll to the bottom first, so that lazily loaded content comes.
    """

    wait_for: str | None = None
    wait_ms: int = 0
    scroll: bool = False

    @property
    def default(self) -> bool:
        return self == RenderOptions()


@dataclass(frozen=True, slots=True)
class Clause:
    """One unit of a document: a heading, a paragraph, a list item or a table row.

    ``label`` is the number label as printed (``2.4``, ``(a)``, ``iii.``, ``Section 5``) and is
    not repeated in ``text``. ``path`` is the ancestry of section headings (and, for nested
    lists, of parent list items) above the clause. ``id`` is deterministic and stable under
    edits elsewhere in the document.
    """

    id: str
    path: tuple[str, ...]
    label: str | None
    kind: ClauseKind
    text: str
    level: int = 0
    sha256: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_hex(self.display_text))

    @property
    def display_text(self) -> str:
        """The clause as a reader sees it: label and text."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """What extraction makes of one page or file: ordered clauses and their canonical text.

    ``text_sha256`` is the SHA-256 of ``canonical_text``; it is the version hash.
    """

    title: str | None
    effective_date: date | None
    clauses: tuple[Clause, ...]
    canonical_text: str
    text_sha256: str


@dataclass(frozen=True, slots=True)
class InlineOp:
    """One run of a word-level diff inside a modified clause."""

    tag: InlineTag
    text: str


@dataclass(frozen=True, slots=True)
class Change:
    """One reported difference between two versions' clause lists.

    ``old`` and ``new`` hold one clause each for a modification, several when a clause was split
    or merged, none on the side where a clause was added or removed. ``detail`` refines the kind
    (``renumbered``, ``split``, ``merged``, ``punctuation``...).
    """

    kind: ChangeKind
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    similarity: float | None = None
    inline: tuple[InlineOp, ...] = ()
    topics: tuple[str, ...] = ()
    severity: Severity = Severity.NONE
    detail: str | None = None
    direction: Direction = Direction.NEUTRAL
    reason: str | None = None  # why this severity, in one line a reader can check


@dataclass(frozen=True, slots=True)
class ClauseDiff:
    """The result of aligning two clause lists. Unchanged clauses are counted, not listed.

    ``unchanged_pairs`` gives, for each unchanged clause, its (old position, new position) in the
    two clause lists: what lineage tracking needs to carry a clause's identity forward, and what
    :func:`tracker.diff.apply_diff` needs to rebuild the new list from the old one.

    ``new_clauses`` is the whole new clause list when the diff was computed from it (empty for a
    diff rebuilt from stored changes): the classifier asks it whether a promise dropped from one
    clause is still made in another.
    """

    unchanged: int
    changes: tuple[Change, ...]
    unchanged_pairs: tuple[tuple[int, int], ...] = ()
    new_clauses: tuple[Clause, ...] = field(default=(), compare=False, repr=False)

    def summary(self) -> dict[str, int]:
        counts = {"unchanged": self.unchanged} | {kind: 0 for kind in CHANGE_KINDS}
        for change in self.changes:
            counts[change.kind] += 1
        return counts

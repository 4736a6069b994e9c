"""The canonical text of a clause list (its SHA-256 is the version hash) and clause ids.

Canonical text is Markdown-like, one clause per block, blocks separated by a blank line:
headings as ``#`` x level, list items as ``- `` indented two spaces per nesting level below the
first, paragraphs that continue a list item indented like its text, and table rows as
``| a | b |`` on consecutive lines. Labels are printed before the text. The text ends with
one newline.

Clause ids are derived from the clause's section (the labels, or texts, of the headings above
it), its kind, and its label, or, for unlabelled clauses, its ordinal among the unlabelled
clauses of that kind in that section. So an edit in one section never changes the ids in
another, and a numbered clause keeps its id when text is inserted before it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from tracker.extract.labels import find_label
from tracker.model import Clause

_KIND_PREFIX = {"heading": "h", "paragraph": "p", "list_item": "l", "table_row": "t"}
#: Hex digits of the hash kept in an id (with the kind prefix: ``p-3f9a0c1b2d4e``).
ID_HEX_DIGITS = 12
_LINK_TARGET = re.compile(r" <(?:https?|mailto|ftp):[^\s<>]*>|<(?:https?|mailto|ftp):[^\s<>]*> ?")


def render_clause(clause: Clause) -> str:
    """One clause as its canonical block."""
    text = clause.display_text
    if clause.kind == "heading":
        return f"{'#' * max(clause.level, 1)} {text}"
    if clause.kind == "list_item":
        return f"{'  ' * max(clause.level - 1, 0)}- {text}"
    if clause.kind == "table_row":
        return f"| {text} |"
    return f"{'  ' * clause.level}{text}" if clause.level else text


def canonical_text(clauses: Sequence[Clause]) -> str:
    """The canonical rendering of ``clauses`` (see the module docstring)."""
    parts: list[str] = []
    previous: Clause | None = None
    for clause in clauses:
        if parts:
            same_table = previous is not None and previous.kind == clause.kind == "table_row"
            parts.append("\n" if same_table else "\n\n")
        parts.append(render_clause(clause))
        previous = clause
    return "".join(parts) + "\n" if parts else ""


def visible_text(text: str) -> str:
    """Clause text without the ``<https://...>`` link targets that follow link texts."""
    return _LINK_TARGET.sub("", text) if "<" in text else text


class ClauseIds:
    """Hands out clause ids in document order (see the module docstring)."""

    __slots__ = ("_ordinals", "_sections", "_seen")

    def __init__(self) -> None:
        self._ordinals: dict[str, int] = {}
        self._seen: dict[str, int] = {}
        self._sections: dict[tuple[str, ...], str] = {}

    def next_id(self, kind: str, path: tuple[str, ...], label: str | None, text: str) -> str:
        key = self._key(kind, path, label, text, step=1)
        seen = self._seen.get(key, 0) + 1
        self._seen[key] = seen
        if seen > 1:
            key += f"\x1f~{seen}"
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return f"{_KIND_PREFIX[kind]}-{digest[:ID_HEX_DIGITS]}"

    def release(self, kind: str, path: tuple[str, ...], label: str | None, text: str) -> None:
        """Take back the id handed out last for these values (a clause left out after all),
        so the clauses after it get the ids they would have had without it."""
        key = self._key(kind, path, label, text, step=-1)
        self._seen[key] = max(self._seen.get(key, 0) - 1, 0)

    def _key(
        self, kind: str, path: tuple[str, ...], label: str | None, text: str, step: int
    ) -> str:
        """What a clause's id is made of: kind, section and its own name (a heading's text, a
        label, or its ordinal among unlabelled clauses of its kind in the section, moved on by
        ``step``: the ordinal given out, or taken back)."""
        section = self._section(path)
        if kind == "heading":
            own = label or text
        elif label:
            own = label
        else:
            counter = f"{kind}\x1f{section}"
            current = self._ordinals.get(counter, 0)
            ordinal = current + 1 if step > 0 else current
            self._ordinals[counter] = max(current + step, 0)
            own = f"#{ordinal}"
        return f"{kind}\x1f{section}\x1f{own}"

    def _section(self, path: tuple[str, ...]) -> str:
        section = self._sections.get(path)
        if section is None:
            section = self._sections[path] = "\x1f".join(_path_key(entry) for entry in path)
        return section


def assign_ids(clauses: Sequence[Clause]) -> tuple[Clause, ...]:
    """The clauses with fresh ids, unique within the sequence (for joining documents)."""
    ids = ClauseIds()
    return tuple(
        Clause(
            id=ids.next_id(c.kind, c.path, c.label, c.text),
            path=c.path,
            label=c.label,
            kind=c.kind,
            text=c.text,
            level=c.level,
            sha256=c.sha256,
        )
        for c in clauses
    )


def _path_key(entry: str) -> str:
    label = find_label(entry, heading=True)
    return label.text if label is not None else entry

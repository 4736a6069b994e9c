"""Plain text to blocks: paragraphs, list items and underlined headings.

Paragraphs are separated by blank lines; the lines of a paragraph are joined with spaces.
A line starting with a bullet (``-``, ``*``, ``•``, ``◦``, ``▪``, ``–``) is a list item, nested
by its indentation (two spaces a level); a line starting with a number label (``1.``, ``(a)``)
starts a new paragraph even without a blank line before it. A line underlined with ``===`` or
``---`` is a heading (level 1 or 2). Everything else, such as capitalised or numbered short
lines becoming headings, is decided by segmentation, as for every format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.extract.blocks import Block
from tracker.extract.document import build_document
from tracker.extract.labels import find_label
from tracker.extract.normalize import normalize_text
from tracker.extract.segment import is_heading_line
from tracker.model import ExtractedDocument

_BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*•◦▪–·]\s+(?P<text>\S.*)$")
_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def extract_text(text: str, *, source: str = "text") -> ExtractedDocument:
    """Extract the clauses of a plain-text document."""
    return build_document(text_blocks(text), source=source)


def text_blocks(text: str) -> list[Block]:
    """The blocks of a plain text (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    for paragraph in _BLANK_LINES.split(text):
        blocks.extend(_paragraph_blocks(paragraph.split("\n")))
    return blocks


def _paragraph_blocks(lines: list[str]) -> Iterable[Block]:
    current: list[str] = []
    kind = "paragraph"
    depth = 0
    list_depth = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and _UNDERLINE.match(following) and not _UNDERLINE.match(line):
            yield from _finish(current, kind, depth)
            current, kind, depth = [], "paragraph", 0
            level = 1 if following.strip().startswith("=") else 2
            yield Block(kind="heading", text=normalize_text(line), level=level)
            index += 2
            continue
        bullet = _BULLET.match(line)
        starts_block = bullet is not None or (current and find_label(line.strip()) is not None)
        if starts_block:
            yield from _finish(current, kind, depth)
            current = []
            if bullet is not None:
                kind = "list_item"
                indent = len(bullet.group("indent").expandtabs(4))
                depth = list_depth = min(1 + indent // 2, list_depth + 1)
                line = bullet.group("text")
            else:
                kind, depth, list_depth = "paragraph", 0, 0
        current.append(line)
        index += 1
        if (
            kind == "paragraph"
            and len(current) == 1
            and following.strip()
            and is_heading_line(line)
        ):
            yield from _finish(current, kind, depth)
            current = []
    yield from _finish(current, kind, depth)


def _finish(lines: list[str], kind: str, depth: int) -> Iterable[Block]:
    text = normalize_text(" ".join(lines))
    if text:
        yield Block(
            kind="list_item" if kind == "list_item" else "paragraph",
            text=text,
            level=depth if kind == "list_item" else 0,
        )

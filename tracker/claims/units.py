"""The pieces of a page claims are read from: sentences, and label/value pairs (pure).

A *pair* is a short label and its value, written

- on one line: ``Label: value``, or a table row of two cells;
- on two lines: a short line that does not end like a sentence (or ends with ``?`` or
  ``:``), then the next line ("Zero data retention available" / "Yes"; a question of a FAQ
  and its answer);
- as one short line ending with the value "Yes" or "No" ("Zero data retention available
  Yes", what a ``<br>`` between label and value becomes in HTML), or a question answered on
  its line ("Is ZDR available? No, only for enterprise contracts.").

Pairs overlap freely (every line may be the value of the line before it); the readers keep
only the pairs whose value means something to them (a date, a yes or a no).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.claims.page import Page
from tracker.classify.text import sentences

#: A label longer than this is a sentence, not a label.
LABEL_MAX_WORDS = 16
_LABEL_END = re.compile(r"[.!;,]['\"”’)\]]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?;]['\"”’)\]]*\s+\S")
_COLON = re.compile(r"(?<!https)(?<!http)\s*:\s+")
_TRAILING_YES_NO = re.compile(r"^(?P<label>.*\S)\s+(?P<value>yes|no)\W*$", re.IGNORECASE)
_ANSWERED = re.compile(
    r"^(?P<label>[^?]*\w[^?]*\?)\s+(?P<value>(?:yes|no)(?![\w'-]).*)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Pair:
    """A label and its value, the line (position) the label is on, and how many lines the
    pair takes (1 or 2)."""

    label: str
    value: str
    position: int
    lines: int = 1

    @property
    def sentence(self) -> str:
        """The pair as one line: the label and the first sentence of the value."""
        first = sentences(self.value)[0] if self.value.strip() else ""
        if self.label.endswith("?"):
            return f"{self.label} {first}"
        return f"{self.label.rstrip(': ')}: {first}"


def pairs(page: Page) -> Iterator[Pair]:
    """Every label/value pair of ``page`` (see the module docstring), in page order."""
    lines = page.lines
    for index, line in enumerate(lines):
        text = line.text
        if len(line.cells) == 2 and all(c.strip() for c in line.cells):
            yield Pair(line.cells[0].strip(), line.cells[1].strip(), index)
            continue
        split = _COLON.split(text, maxsplit=1)
        if len(split) == 2 and split[1].strip() and is_label(split[0]):
            yield Pair(split[0].strip(), split[1].strip(), index)
            continue
        same_line = _TRAILING_YES_NO.match(text) or _ANSWERED.match(text)
        if same_line and is_label(same_line.group("label")):
            yield Pair(same_line.group("label"), same_line.group("value"), index)
        if index + 1 < len(lines) and is_label(text):
            yield Pair(text, lines[index + 1].text, index, lines=2)


def is_label(text: str) -> bool:
    """Short, and not ended like a sentence."""
    text = text.strip()
    return (
        bool(text)
        and len(text.split()) <= LABEL_MAX_WORDS
        and not _LABEL_END.search(text)
        and not _SENTENCE_INSIDE.search(text)
    )


def line_sentences(page: Page) -> Iterator[tuple[int, str]]:
    """Every sentence of every line, with the line's position."""
    for index, line in enumerate(page.lines):
        for sentence in sentences(line.text):
            yield index, sentence

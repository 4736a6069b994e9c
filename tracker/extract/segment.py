"""Blocks to clauses: number labels, headings that are not ``<h1>``-``<h6>``, heading paths.

Rules, in the order they apply to each block:

* **Labels.** A number label at the start of the text (see :mod:`tracker.extract.labels`)
  becomes ``label`` and is removed from ``text``. An ``<ol>`` item without a printed label gets
  the number the browser draws (``"3."``); a printed label wins over the drawn number.
* **Bold headings.** A paragraph whose text is all bold, at most 15 words, and not a sentence
  (it does not end with ``,``/``;``, nor with ``.`` unless it is numbered or at most 6 words)
  is a heading. So is a short (at most 12 words) paragraph with a section number (``2.``,
  ``2.1``, ``Section 5``, ``IV.``) written in capitals or title case, and a short paragraph in
  capitals with at least one real word (not a postcode). Date lines ("Last updated: ...") are
  never headings. (The HTML walker also splits a numbered or bold title line ended by
  ``<br>`` from the text after it, so "2.1 Types of Data<br>While..." is a heading too.)
* **Run-in headings.** A paragraph that starts with a bold, labelled title ("**2.1 Use
  Rights.** Replicate grants...", "**i. Use of our brand**. You may...") becomes a heading
  followed by a paragraph; punctuation right after the bold title stays with the title.
* **Levels.** ``<hN>`` headings have level N. A recognised heading goes below the innermost
  ``<hN>`` heading (or below the document's title, when the first clause is an unnumbered
  heading), deeper by its numbering depth (``2.1`` is one below ``2.``). Recognised headings
  whose labels are of one family (``(a)``/``(b)``, ``i.``/``j.``) or that are unnumbered are
  siblings of the previous one of their kind.
* **Paths.** The path of a clause is the display text of the headings above it, then, inside
  nested lists, the label (or the first words) of each enclosing list item.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tracker.extract.blocks import Block
from tracker.extract.canonical import ClauseIds
from tracker.extract.dates import is_date_line
from tracker.extract.labels import Label, find_label
from tracker.extract.navigation import MIN_RUN as MIN_NAVIGATION_RUN
from tracker.extract.navigation import is_kicker, is_navigation_label
from tracker.model import Clause, ClauseKind

MAX_BOLD_HEADING_WORDS = 15
MAX_SHORT_SENTENCE_HEADING_WORDS = 6
MAX_NUMBERED_HEADING_WORDS = 12
MAX_CAPS_HEADING_WORDS = 10
MAX_RUN_IN_HEADING_WORDS = 12
#: No recognised heading is longer than this (a cheap test before counting words).
MAX_HEADING_CHARS = 200
#: List items appear in paths by label, or by their first characters up to this length.
PATH_SNIPPET_CHARS = 60
#: At most this many short labels above the page's title are left out as page furniture.
MAX_KICKERS = 2


@dataclass(frozen=True, slots=True)
class _Heading:
    level: int
    display: str
    real: bool
    label: Label | None


@dataclass(slots=True)
class _Segmenter:
    clauses: list[Clause] = field(default_factory=list)
    ids: ClauseIds = field(default_factory=ClauseIds)
    headings: list[_Heading] = field(default_factory=list)
    items: list[tuple[int, str]] = field(default_factory=list)
    #: In-page link blocks waiting to be told navigation (a run) or text (alone).
    navigation: list[Block] = field(default_factory=list)
    #: A ``<nav>`` was left out where the waiting blocks are.
    nav_mark: bool = False
    #: A heading just above navigation: left out if its section holds nothing else.
    nav_title: int | None = None
    seen_title: bool = False

    def add(self, block: Block) -> None:
        if block.navigation:
            if block.text:
                self.navigation.append(block)
            else:
                self.nav_mark = True
            return
        if self.navigation or self.nav_mark:
            self._end_navigation()
        if block.kind == "heading" and block.level == 1 and not self.seen_title:
            self.seen_title = True
            self._drop_kickers()
        before = len(self.clauses)
        self._add(block)
        if self.nav_title is not None and len(self.clauses) > before:
            self._settle_nav_title(self.clauses[before])

    def finish(self) -> list[Clause]:
        if self.navigation or self.nav_mark:
            self._end_navigation()
        if self.nav_title is not None:
            self._forget(self.nav_title)
            self.nav_title = None
        return self.clauses

    # -- navigation (see tracker.extract.navigation) -------------------------------------
    def _end_navigation(self) -> None:
        run, mark = self.navigation, self.nav_mark
        self.navigation, self.nav_mark = [], False
        if not mark and len(run) < MIN_NAVIGATION_RUN:
            for block in run:  # one in-page link alone is text: "Back to top", a reference
                self._add(block._replace(navigation=False))
            return
        if not self.clauses or self.nav_title is not None:
            return
        label = self.clauses[-1]
        if label.kind == "heading":
            self.nav_title = len(self.clauses) - 1
        elif label.kind == "paragraph" and is_navigation_label(label.display_text):
            self._forget(len(self.clauses) - 1)

    def _settle_nav_title(self, after: Clause) -> None:
        """The clause after a heading over navigation: another section (a heading of the same
        or a higher level) means the heading only named the navigation."""
        title = self.nav_title
        self.nav_title = None
        assert title is not None
        if after.kind == "heading" and after.level <= self.clauses[title].level:
            self._forget(title)

    def _drop_kickers(self) -> None:
        """Short labels alone above the page's title (a category tag: "Legal")."""
        if 0 < len(self.clauses) <= MAX_KICKERS and all(
            is_kicker(c.display_text) for c in self.clauses
        ):
            self.clauses.clear()
            self.headings.clear()
            self.items.clear()
            self.ids = ClauseIds()
            self.nav_title = None

    def _forget(self, index: int) -> None:
        clause = self.clauses.pop(index)
        self.ids.release(clause.kind, clause.path, clause.label, clause.text)
        if clause.kind == "heading":
            display = clause.display_text
            self.headings = [h for h in self.headings if h.display != display]

    def _add(self, block: Block) -> None:
        if block.kind == "heading":
            label = _label_for(block, heading=True)
            self._heading(
                block.level,
                label,
                _rest(block.text, label),
                real=True,
                shown_label=_shown(label, block),
            )
        elif block.kind == "list_item":
            label = _label_for(block)
            self._list_item(block, label)
        elif block.kind == "table_row":
            self.items.clear()
            self._emit("table_row", None, block.text, 0, self._path())
        elif block.level:
            label = find_label(block.text)
            self._continuation(block, label)
        else:
            self._paragraph(block)

    # -- kinds --------------------------------------------------------------------------
    def _heading(
        self, level: int, label: Label | None, text: str, *, real: bool, shown_label: str | None
    ) -> None:
        self.items.clear()
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        path = self._path()
        self._emit("heading", shown_label, text, level, path)
        display = f"{shown_label} {text}" if shown_label else text
        self.headings.append(_Heading(level, display, real, label))

    def _list_item(self, block: Block, label: Label | None) -> None:
        depth = max(block.level, 1)
        while self.items and self.items[-1][0] >= depth:
            self.items.pop()
        shown = _shown(label, block)
        text = _rest(block.text, label)
        self._emit("list_item", shown, text, depth, self._path())
        self.items.append((depth, shown or _snippet(text)))

    def _continuation(self, block: Block, label: Label | None) -> None:
        while self.items and self.items[-1][0] > block.level:
            self.items.pop()
        shown = label.text if label else None
        self._emit("paragraph", shown, _rest(block.text, label), block.level, self._path())

    def _paragraph(self, block: Block) -> None:
        self.items.clear()
        label = find_label(block.text)
        text = _rest(block.text, label)
        if _is_heading_paragraph(block, label, text):
            # an unnumbered first heading is the document's title: sections go below it
            anchor = label is None and not self.headings and not self.clauses
            self._heading(
                self._pseudo_level(label),
                label,
                text,
                real=anchor,
                shown_label=label.text if label else None,
            )
            return
        run_in = _run_in_heading(block)
        if run_in is not None:
            head_label, head_text, rest = run_in
            self._heading(
                self._pseudo_level(head_label),
                head_label,
                head_text,
                real=False,
                shown_label=head_label.text,
            )
            label = find_label(rest)
            self._emit(
                "paragraph", label.text if label else None, _rest(rest, label), 0, self._path()
            )
            return
        self._emit("paragraph", label.text if label else None, text, 0, self._path())

    # -- helpers ------------------------------------------------------------------------
    def _pseudo_level(self, label: Label | None) -> int:
        """The level of a heading recognised from a bold or numbered paragraph."""
        real = next((h for h in reversed(self.headings) if h.real), None)
        base = real.level if real else 0
        if label is not None and label.is_section_number:
            depth = label.depth
            if real is not None and real.label is not None and real.label.is_section_number:
                depth = max(depth - real.label.depth, 1)
            return min(base + depth, 6)
        family = label.family if label is not None else None
        for heading in reversed(self.headings):
            if heading.real:
                break
            if (heading.label.family if heading.label is not None else None) == family:
                return heading.level  # a sibling: "(b)" after "(a)", bold after bold
        top = self.headings[-1] if self.headings else None
        return min((top.level if top is not None else base) + 1, 6)

    def _path(self) -> tuple[str, ...]:
        return (*(h.display for h in self.headings), *(t for _, t in self.items))

    def _emit(
        self, kind: ClauseKind, label: str | None, text: str, level: int, path: tuple[str, ...]
    ) -> None:
        if not text and label:
            text, label = label, None
        if text:
            clause_id = self.ids.next_id(kind, path, label, text)
            self.clauses.append(
                Clause(id=clause_id, path=path, label=label, kind=kind, text=text, level=level)
            )


def segment(blocks: Iterable[Block]) -> list[Clause]:
    """Clauses of the blocks, in order, with their ids."""
    segmenter = _Segmenter()
    for block in blocks:
        segmenter.add(block)
    return segmenter.finish()


def _label_for(block: Block, *, heading: bool = False) -> Label | None:
    return find_label(block.text, heading=heading)


def _shown(label: Label | None, block: Block) -> str | None:
    """The label to show: printed in the text, else the number the browser draws."""
    if label is not None:
        return label.text
    return block.list_label


def _rest(text: str, label: Label | None) -> str:
    return label.rest if label is not None else text


def _snippet(text: str) -> str:
    if len(text) <= PATH_SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, PATH_SNIPPET_CHARS)
    return text[: cut if cut > 0 else PATH_SNIPPET_CHARS] + "…"


def _is_heading_paragraph(block: Block, label: Label | None, text: str) -> bool:
    if len(text) > MAX_HEADING_CHARS:
        return False
    words = text.split()
    if not words or is_date_line(block.text):
        return False
    last = text[-1]
    if (
        block.all_bold
        and len(words) <= MAX_BOLD_HEADING_WORDS
        and last not in ",;"
        and (last != "." or label is not None or len(words) <= MAX_SHORT_SENTENCE_HEADING_WORDS)
    ):
        return True
    if last in ",;" or not any(c.isalpha() for c in text):
        return False
    if label is not None and label.is_section_number:
        return len(words) <= MAX_NUMBERED_HEADING_WORDS and _is_title_like(words)
    return label is None and len(words) <= MAX_CAPS_HEADING_WORDS and _is_capitals(text)


_MINOR_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "nor",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "into",
        "onto",
        "via",
        "per",
        "vs",
        "vs.",
        "upon",
        "about",
        "under",
        "your",
        "our",
        "its",
        "their",
        "this",
        "these",
        "that",
        "we",
        "you",
        "is",
        "are",
        "do",
        "does",
        "not",
        "if",
        "how",
        "what",
        "when",
        "who",
        "why",
        "which",
        "where",
        "can",
        "may",
    }
)


def _is_title_like(words: Sequence[str]) -> bool:
    """Capitals or title case (minor words aside), and no sentence break inside."""
    if any(w.endswith((".", ":", ";", "?", "!")) for w in words[:-1]):
        return False
    lettered = [w for w in words if w[0].isalpha()]
    if not lettered or not lettered[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in lettered)


def _is_capitals(text: str) -> bool:
    """Capitals with at least one real word (so "T23AT2P", a postcode, is not a heading)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return False
    return any(len(w) >= 3 and w.strip(".,:;()!?'\"“”‘’").isalpha() for w in text.split())


def _run_in_heading(block: Block) -> tuple[Label, str, str] | None:
    """(label, title, rest) for "**2.1 Use Rights.** Replicate grants..." paragraphs."""
    lead = block.lead_bold
    if not lead or block.all_bold or not block.text.startswith(lead):
        return None
    label = find_label(lead)
    if label is None or not label.rest:
        return None
    if len(label.rest.split()) > MAX_RUN_IN_HEADING_WORDS:
        return None
    title, rest = label.rest, block.text[len(lead) :]
    punctuation = len(rest) - len(rest.lstrip(".:;,)"))
    if punctuation and not rest[:punctuation].isspace():
        title, rest = title + rest[:punctuation], rest[punctuation:]
    rest = rest.strip()
    return (label, title, rest) if rest else None


def is_heading_line(line: str) -> bool:
    """A short numbered or capitalised line that stands alone ("2. DATA", "DEFINITIONS")."""
    text = line.strip()
    words = text.split()
    if not words or len(words) > MAX_NUMBERED_HEADING_WORDS or text.endswith((",", ";")):
        return False
    label = find_label(text)
    if label is not None:
        return label.is_section_number and not text.endswith(".") and (label.rest[:1].isupper())
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)

"""The intermediate form between a parsed input and its clauses: a flat list of text blocks.

Every input format (HTML, Markdown via HTML, plain text, PDF via text) is turned into blocks;
:mod:`tracker.extract.segment` then turns blocks into clauses. A block knows only what the
markup said about it (heading level, list depth and generated number, table cells, whether its
text was bold); recognising number labels and bold or numbered headings happens in segmentation,
so that every format gets the same treatment.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]


class Block(NamedTuple):
    """One block of normalised text, in document order.

    ``level`` is the heading level (1-6) for headings and the list nesting depth (1 = top-level
    list) for list items and for paragraphs that continue a list item. ``list_label`` is the
    number a browser would draw in front of an ``<ol>`` item (``"3."``), if any. ``lead_bold``
    is the bold text the block starts with (the whole text when ``all_bold``), used to recognise
    bold headings and run-in headings such as "**2.1 Use Rights.** Replicate grants...".
    ``cells`` holds the cell texts of a table row. ``navigation`` marks in-page navigation:
    a block whose text is all links to places in the same page (an entry of a table of
    contents), or, with empty text, the place of a ``<nav>`` left out (see
    :mod:`tracker.extract.navigation`). (A named tuple: one is made for every
    paragraph of every page, and tuples are the cheapest immutable records to make.)
    """

    kind: BlockKind
    text: str
    level: int = 0
    list_label: str | None = None
    all_bold: bool = False
    lead_bold: str = ""
    cells: tuple[str, ...] = ()
    navigation: bool = False

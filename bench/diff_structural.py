"""Structural edits with known truth, over real documents (used by ``eval_diff`` and the tests).

Each real version is rendered to an HTML page twice, once as it was and once with one change of
structure that a reader would not call a change of the text, or with such a change and one
word edited, so the words that really changed are known:

* ``toc-rename``: a table of contents (in-page links) in both; a section renamed: its title
  changed once, however many times the page shows it;
* ``toc-added``: a table of contents and its label appear: nothing changed;
* ``nav-changed``: a ``<nav>`` inside the selected content gains a link: nothing changed;
* ``tracking``: links whose addresses change (tracking parameters, session ids, a moved page):
  no visible word changed, and any change reported is a ``link`` change;
* ``table-reformatted``: a run of real clauses written as a table, then as an ARIA grid, a grid
  of plain ``<div>`` cells, one block of text, a list or a definition list, with one word of
  one cell edited: that word is the change;
* ``rows-reordered``: two rows of such a table swapped: ``reordered`` moves only, of the
  fewest words that can explain the new order;
* ``duplicate-removed``: a run of clauses present twice, then once: ``deduplicated`` removals;
* ``date-only``: the "Last updated" line gets a new date: one ``date-only`` change.
"""

from __future__ import annotations

import html
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tracker.extract import visible_text
from tracker.model import Clause, ClauseDiff, ExtractionRules
from tracker.vocabulary import ChangeDetail

STRUCTURAL_KINDS = (
    "toc-rename",
    "toc-added",
    "nav-changed",
    "tracking",
    "table-reformatted",
    "rows-reordered",
    "duplicate-removed",
    "date-only",
)
TABLE_FORMS = ("aria", "div-cells", "one-block", "list", "definitions")
#: Only the first clauses of each version are rendered (enough structure, fast to extract).
MAX_CLAUSES = 160
RULES = ExtractionRules(select=("main",))

_WORD = re.compile(r"\w+")
_EDITABLE = re.compile(r"\b[A-Za-z]{5,}\b")

Words = Counter[tuple[str, str]]
Check = Callable[[ClauseDiff], str | None]


@dataclass(frozen=True, slots=True)
class StructuralCase:
    """One edit: the two pages, the words that really changed (moves count as deleted and
    inserted) and a check of the kinds reported (``None`` when the diff reports what it
    should, else what is wrong)."""

    kind: str
    document: str
    old_html: str
    new_html: str
    truth: Words
    check: Check


def structural_cases(documents: dict[str, Sequence[Clause]], seed: int) -> list[StructuralCase]:
    """Every structural kind over every document (where the document lends itself to it)."""
    rng = random.Random(seed)
    cases: list[StructuralCase] = []
    for number, (name, clauses) in enumerate(sorted(documents.items())):
        page = _Page(list(clauses[:MAX_CLAUSES]))
        for kind in STRUCTURAL_KINDS:
            made = _MAKERS[kind](page, rng, number)
            if made is not None:
                old, new, truth, check = made
                cases.append(StructuralCase(kind, name, old, new, truth, check))
    return cases


# -- rendering ------------------------------------------------------------------------------


class _Page:
    """A real version as HTML blocks: one per clause (list items and table rows in lists
    and tables of their own), headings with ids for in-page links."""

    def __init__(self, clauses: list[Clause]) -> None:
        self.clauses = clauses
        self.texts = [visible_text(c.display_text) for c in clauses]

    def block(self, k: int, text: str | None = None) -> str:
        clause = self.clauses[k]
        shown = html.escape(self.texts[k] if text is None else text)
        if clause.kind == "heading":
            level = min(max(clause.level, 1), 6)
            return f'<h{level} id="s{k}">{shown}</h{level}>'
        if clause.kind == "list_item":
            return f"<ul><li>{shown}</li></ul>"
        if clause.kind == "table_row":
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in _cells(self.texts[k]))
            return f"<table><tr>{cells}</tr></table>"
        return f"<p>{shown}</p>"

    def render(self, blocks: Sequence[str]) -> str:
        return f"<html><body><main>{''.join(blocks)}</main></body></html>"

    def blocks(self, replace: dict[int, str] | None = None) -> list[str]:
        replace = replace or {}
        return [replace.get(k, self.block(k)) for k in range(len(self.clauses))]

    def headings(self) -> list[int]:
        return [k for k, c in enumerate(self.clauses) if c.kind == "heading" and c.level > 1]

    def body_runs(self, least: int, most: int, min_words: int) -> list[list[int]]:
        """Runs of consecutive paragraphs or list items of one section, unique texts."""
        counts = Counter(self.texts)
        runs: list[list[int]] = []
        run: list[int] = []
        for k, clause in enumerate(self.clauses):
            fits = (
                clause.kind in ("paragraph", "list_item")
                and len(_WORD.findall(self.texts[k])) >= min_words
                and counts[self.texts[k]] == 1
                and "|" not in self.texts[k]
            )
            if fits and len(run) < most:
                run.append(k)
                continue
            if len(run) >= least:
                runs.append(run)
            run = [k] if fits else []
        if len(run) >= least:
            runs.append(run)
        return runs


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\) \| ", text)]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _changed(deleted: str, inserted: str) -> Words:
    return Counter(
        [("delete", w) for w in _words(deleted)] + [("insert", w) for w in _words(inserted)]
    )


# -- the edits ------------------------------------------------------------------------------

Made = tuple[str, str, Words, Check] | None


def _toc(page: _Page, renamed: dict[int, str] | None = None) -> str:
    renamed = renamed or {}
    items = "".join(
        f'<li><a href="#s{k}">{html.escape(renamed.get(k, page.texts[k]))}</a></li>'
        for k in page.headings()
    )
    return f"<p>Table of contents</p><ul>{items}</ul>"


def _toc_rename(page: _Page, rng: random.Random, number: int) -> Made:
    headings = [
        k
        for k in page.headings()
        if len(page.texts[k].split()) >= 3 and _EDITABLE.search(page.texts[k])
    ]
    if len(page.headings()) < 3 or not headings:
        return None
    k = rng.choice(headings)
    word = rng.choice(_EDITABLE.findall(page.texts[k]))
    title = page.texts[k].replace(word, "Renamed", 1)
    old = page.blocks()
    new = page.blocks({k: page.block(k, title)})
    old.insert(1, _toc(page))
    new.insert(1, _toc(page, {k: title}))
    return page.render(old), page.render(new), _changed(word, "Renamed"), _expect_kinds("modified")


def _toc_added(page: _Page, rng: random.Random, number: int) -> Made:
    if len(page.headings()) < 3:
        return None
    new = page.blocks()
    new.insert(1, _toc(page))
    return page.render(page.blocks()), page.render(new), Counter(), _expect_nothing


_NAV = (
    '<nav aria-label="Legal"><h4>Legal</h4><ul><li><a href="/privacy">Privacy Policy</a></li>'
    '<li><a href="/terms">Terms of Service</a></li>{more}</ul></nav>'
)


def _nav_changed(page: _Page, rng: random.Random, number: int) -> Made:
    old, new = page.blocks(), page.blocks()
    old.insert(1, _NAV.format(more=""))
    new.insert(1, _NAV.format(more='<li><a href="/cookies">Cookie Policy</a></li>'))
    return page.render(old), page.render(new), Counter(), _expect_nothing


def _tracking(page: _Page, rng: random.Random, number: int) -> Made:
    paragraphs = [
        k
        for k, c in enumerate(page.clauses)
        if c.kind == "paragraph" and len(page.texts[k].split()) >= 8 and "<" not in page.texts[k]
    ]
    if len(paragraphs) < 3:
        return None
    chosen = sorted(rng.sample(paragraphs, 3))
    addresses = (
        (
            "https://example.com/policies/cookies?utm_source=newsletter&_kx=a1b2c3",
            "https://example.com/policies/cookies?utm_source=footer&_kx=z9y8x7",
        ),
        (
            "https://example.com/help;jsessionid=4F2A9?lang=en&ref=nav",
            "https://example.com/help;jsessionid=88C1D?lang=en&ref=footer",
        ),
        ("https://example.com/policies/privacy-old", "https://example.com/legal/privacy"),
    )
    old_blocks, new_blocks = {}, {}
    for k, (before, after) in zip(chosen, addresses, strict=True):
        head, _, tail = page.texts[k].partition(" ")
        second, _, rest = tail.partition(" ")
        linked = f"{html.escape(head)} {html.escape(second)}"
        for blocks, address in ((old_blocks, before), (new_blocks, after)):
            blocks[k] = f'<p><a href="{html.escape(address)}">{linked}</a> {html.escape(rest)}</p>'
    return (
        page.render(page.blocks(old_blocks)),
        page.render(page.blocks(new_blocks)),
        Counter(),
        _expect_details({ChangeDetail.LINK}),
    )


def _table(rows: Sequence[Sequence[str]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table>{body}</table>"


def _table_form(rows: Sequence[Sequence[str]], form: str) -> str:
    if form == "aria":
        body = "".join(
            '<div role="row">'
            + "".join(f'<div role="cell">{html.escape(c)}</div>' for c in row)
            + "</div>"
            for row in rows
        )
        return f'<div role="table">{body}</div>'
    if form == "div-cells":
        body = "".join(
            '<div class="row">'
            + "".join(f'<div class="cell">{html.escape(c)}</div>' for c in row)
            + "</div>"
            for row in rows
        )
        return f'<div class="grid">{body}</div>'
    if form == "one-block":
        return "<p>" + " ".join(html.escape(" ".join(row)) for row in rows) + "</p>"
    if form == "list":
        items = "".join(
            f"<li><strong>{html.escape(row[0])}</strong>: {html.escape(' '.join(row[1:]))}</li>"
            for row in rows
        )
        return f"<ul>{items}</ul>"
    items = "".join(
        f"<dt>{html.escape(row[0])}</dt><dd>{html.escape(' '.join(row[1:]))}</dd>" for row in rows
    )
    return f"<dl>{items}</dl>"


def _rows_of(page: _Page, run: Sequence[int]) -> list[list[str]]:
    rows = []
    for k in run:
        words = page.texts[k].split(" ")
        cut = 2 if len(words) > 4 else 1
        rows.append([" ".join(words[:cut]), " ".join(words[cut:])])
    return rows


def _with_table(page: _Page, run: Sequence[int], table: str) -> list[str]:
    blocks = page.blocks()
    return [*blocks[: run[0]], table, *blocks[run[-1] + 1 :]]


def _table_reformatted(page: _Page, rng: random.Random, number: int) -> Made:
    runs = page.body_runs(4, 12, 4)
    if not runs:
        return None
    run = rng.choice(runs)
    rows = _rows_of(page, run)
    editable = [r for r, row in enumerate(rows) if _EDITABLE.search(row[1])]
    if not editable:
        return None
    r = rng.choice(editable)
    word = rng.choice(_EDITABLE.findall(rows[r][1]))
    edited = [list(row) for row in rows]
    edited[r][1] = re.sub(rf"\b{word}\b", "Changed", edited[r][1], count=1)
    form = TABLE_FORMS[number % len(TABLE_FORMS)]
    old = _with_table(page, run, _table(rows))
    new = _with_table(page, run, _table_form(edited, form))
    return page.render(old), page.render(new), _changed(word, "Changed"), _expect_no_addition


def _rows_reordered(page: _Page, rng: random.Random, number: int) -> Made:
    runs = page.body_runs(5, 12, 4)
    if not runs:
        return None
    run = rng.choice(runs)
    rows = _rows_of(page, run)
    i = rng.randrange(0, len(rows) - 3)
    j = rng.randrange(i + 2, len(rows))
    swapped = list(rows)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    old = _with_table(page, run, _table(rows))
    new = _with_table(page, run, _table(swapped))
    truth = _fewest_moved_words(rows, swapped)
    return page.render(old), page.render(new), truth, _expect_details({ChangeDetail.REORDERED})


def _fewest_moved_words(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]]) -> Words:
    """The words of the rows that must move for ``old`` to read as ``new``, moving as few
    words as possible (the rows off the heaviest common subsequence, by words)."""
    weight = [len(_words(" ".join(row))) for row in old]
    position = {tuple(row): j for j, row in enumerate(new)}
    best: list[tuple[int, tuple[int, ...]]] = []  # per old row: heaviest chain ending there
    for i, row in enumerate(old):
        j = position[tuple(row)]
        before = [best[k] for k in range(i) if position[tuple(old[k])] < j]
        heaviest = max(before, default=(0, ()))
        best.append((heaviest[0] + weight[i], (*heaviest[1], i)))
    kept = set(max(best, default=(0, ()))[1])
    moved = " ".join(" ".join(row) for i, row in enumerate(old) if i not in kept)
    return _changed(moved, moved)


def _duplicate_removed(page: _Page, rng: random.Random, number: int) -> Made:
    runs = page.body_runs(2, 3, 6)
    if not runs:
        return None
    run = rng.choice(runs)
    blocks = page.blocks()
    copy = [blocks[k] for k in run]
    old = [*blocks[: run[-1] + 1], *copy, *blocks[run[-1] + 1 :]]
    deleted = Counter(("delete", w) for k in run for w in _words(page.texts[k]))
    return (
        page.render(old),
        page.render(blocks),
        deleted,
        _expect_details({ChangeDetail.DEDUPLICATED}),
    )


_DATES = (("March 3, 2025", "June 14, 2026"), ("2024-01-31", "2025-11-02"))


def _date_only(page: _Page, rng: random.Random, number: int) -> Made:
    before, after = _DATES[number % len(_DATES)]
    old, new = page.blocks(), page.blocks()
    old.insert(1, f"<p>Last updated: {before}</p>")
    new.insert(1, f"<p>Last updated: {after}</p>")
    return (
        page.render(old),
        page.render(new),
        _changed(before, after),
        _expect_details({ChangeDetail.DATE_ONLY}),
    )


_MAKERS: dict[str, Callable[[_Page, random.Random, int], Made]] = {
    "toc-rename": _toc_rename,
    "toc-added": _toc_added,
    "nav-changed": _nav_changed,
    "tracking": _tracking,
    "table-reformatted": _table_reformatted,
    "rows-reordered": _rows_reordered,
    "duplicate-removed": _duplicate_removed,
    "date-only": _date_only,
}


# -- checks -----------------------------------------------------------------------------------


def _expect_nothing(diff: ClauseDiff) -> str | None:
    if diff.changes:
        return "changes reported: " + _summary(diff)
    return None


def _expect_kinds(*kinds: str) -> Check:
    def check(diff: ClauseDiff) -> str | None:
        found = [c.kind for c in diff.changes]
        return None if found == list(kinds) else f"expected {list(kinds)}: {_summary(diff)}"

    return check


def _expect_details(details: set[ChangeDetail]) -> Check:
    def check(diff: ClauseDiff) -> str | None:
        if not diff.changes or any(c.detail not in details for c in diff.changes):
            return f"expected only {sorted(details)}: {_summary(diff)}"
        return None

    return check


def _expect_no_addition(diff: ClauseDiff) -> str | None:
    if any(c.kind in ("added", "removed") for c in diff.changes):
        return "rows reported added or removed: " + _summary(diff)
    return None


def _summary(diff: ClauseDiff) -> str:
    found = Counter(c.kind + (f" ({c.detail})" if c.detail else "") for c in diff.changes)
    return ", ".join(f"{n} {kind}" for kind, n in sorted(found.items())) or "none"

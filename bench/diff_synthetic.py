"""Synthetic edits with known truth, for scoring the clause diff (used by ``eval_diff``).

:func:`apply_random_edits` takes a real version's clauses and applies random edits of known kind
(reword a few words, delete a clause, insert a clause from another document, move a clause to
another section, renumber sections, change only punctuation/whitespace/quotes/case, split a
paragraph, merge two paragraphs: cosmetic when no word changed), far enough apart that each edit
has one right answer.
:func:`score_edits` then checks, for each edit, that the diff reports it with the right kind,
and counts the untouched clauses the diff wrongly reports.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tracker.diff import fold_text
from tracker.model import Change, ChangeKind, Clause, ClauseDiff

EDIT_KINDS = (
    "reword",
    "delete",
    "insert",
    "move",
    "renumber",
    "cosmetic",
    "split",
    "merge",
)
#: Old clauses between two edits are at least this many positions apart.
SPACING = 1

_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
_SENTENCE_END = re.compile(r"(?<=[a-z)][.;]) (?=[A-Z])")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Edit:
    """One applied edit: which old clauses it touched, which new clauses it produced, and the
    change the diff should report (kind and, where it matters, detail)."""

    kind: str
    old: tuple[int, ...]
    new: tuple[Clause, ...]
    expect: ChangeKind
    detail: str | None = None


@dataclass(slots=True)
class _Work:
    """The new document being built: (clause, old position or None) in order."""

    items: list[tuple[Clause, int | None]]
    keys: list[str]
    key_counts: Counter[str]
    touched: set[int] = field(default_factory=set)
    reserved: set[int] = field(default_factory=set)
    edits: list[Edit] = field(default_factory=list)
    serial: int = 0

    def fresh_id(self) -> str:
        self.serial += 1
        return f"synthetic-{self.serial}"

    def position_of(self, old_index: int) -> int:
        return next(k for k, (_, origin) in enumerate(self.items) if origin == old_index)

    def free(self, old_index: int) -> bool:
        return all(abs(old_index - t) >= SPACING for t in self.touched | self.reserved)

    def unique(self, old_index: int) -> bool:
        """The clause's text occurs once in the old version (so the truth is unambiguous)."""
        return self.key_counts[self.keys[old_index]] == 1


def apply_random_edits(
    old: Sequence[Clause], donors: Sequence[Clause], rng: random.Random, count: int
) -> tuple[tuple[Clause, ...], list[Edit]]:
    """Apply ``count`` random edits (kinds drawn in turn) to ``old``; return the new clause list
    and the edits actually made (an edit that finds no suitable clause is skipped)."""
    keys = [fold_text(c.display_text) for c in old]
    work = _Work(items=[(c, i) for i, c in enumerate(old)], keys=keys, key_counts=Counter(keys))
    kinds = [
        EDIT_KINDS[(rng.randrange(len(EDIT_KINDS)) + k) % len(EDIT_KINDS)] for k in range(count)
    ]
    for kind in kinds:
        _EDITORS[kind](work, old, keys, donors, rng)
    return tuple(c for c, _ in work.items), work.edits


def _pick(
    work: _Work, old: Sequence[Clause], rng: random.Random, ok: object, tries: int = 200
) -> int | None:
    assert callable(ok)
    for _ in range(tries):
        i = rng.randrange(len(old))
        if work.free(i) and work.unique(i) and ok(i):
            return i
    return None


def _body(clause: Clause, min_words: int) -> bool:
    return clause.kind in ("paragraph", "list_item") and len(clause.text.split()) >= min_words


def _reword(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    i = _pick(work, old, rng, lambda i: _body(old[i], 10) and len(_WORD.findall(old[i].text)) >= 4)
    if i is None:
        return
    clause = old[i]
    vocabulary = sorted({w for c in old for w in _WORD.findall(c.text)})
    matches = list(_WORD.finditer(clause.text))
    chosen = sorted(
        rng.sample(matches, min(len(matches), rng.randint(1, 3))), key=lambda m: m.start()
    )
    text = clause.text
    for match in reversed(chosen):
        word = rng.choice([w for w in vocabulary if w.lower() != match.group().lower()])
        text = text[: match.start()] + word + text[match.end() :]
    new = replace(clause, text=text, sha256="")
    work.items[work.position_of(i)] = (new, i)
    work.touched.add(i)
    work.edits.append(Edit("reword", (i,), (new,), "modified"))


def _delete(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    i = _pick(work, old, rng, lambda i: old[i].kind != "heading" and len(old[i].text.split()) >= 3)
    if i is None:
        return
    del work.items[work.position_of(i)]
    work.touched.add(i)
    work.edits.append(Edit("delete", (i,), (), "removed"))


def _insert(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    i = _pick(work, old, rng, lambda i: old[i].kind != "heading")
    donor = _pick_donor(donors, set(keys), rng)
    if i is None or donor is None:
        return
    new = Clause(
        id=work.fresh_id(), path=old[i].path, label=None, kind="paragraph", text=donor.display_text
    )
    work.items.insert(work.position_of(i) + 1, (new, None))
    work.reserved.add(i)
    work.edits.append(Edit("insert", (), (new,), "added"))


def _pick_donor(
    donors: Sequence[Clause], known: set[str], rng: random.Random, tries: int = 200
) -> Clause | None:
    """A paragraph of another document whose text this one does not have."""
    for _ in range(tries if donors else 0):
        donor = rng.choice(donors)
        if _body(donor, 8) and fold_text(donor.display_text) not in known:
            return donor
    return None


def _move(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    i = _pick(work, old, rng, lambda i: _body(old[i], 6) and bool(old[i].path))
    if i is None:
        return
    section = old[i].path[: _section_depth(old, i)]
    headings = [
        h
        for h, c in enumerate(old)
        if c.kind == "heading"
        and (*c.path, c.display_text) != section
        and work.free(h)
        and abs(h - i) > 2 * SPACING
    ]
    if not headings:
        return
    h = rng.choice(headings)
    target = (*old[h].path, old[h].display_text)
    new = replace(old[i], path=target, level=0)
    del work.items[work.position_of(i)]
    work.items.insert(work.position_of(h) + 1, (new, None))
    work.touched.add(i)
    work.reserved.add(h)
    work.edits.append(Edit("move", (i,), (new,), "moved"))


def _section_depth(old: Sequence[Clause], i: int) -> int:
    """How many elements of clause i's path are headings (the rest are enclosing list items)."""
    headings = {(*c.path, c.display_text) for c in old if c.kind == "heading"}
    path = old[i].path
    return max((k for k in range(len(path) + 1) if path[:k] in headings or k == 0), default=0)


def _renumber(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    runs = _numbered_runs(old)
    rng.shuffle(runs)
    for run in runs:
        start = rng.randrange(len(run))
        chosen = [i for i in run[start:] if work.free(i)]
        if len(chosen) != len(run) - start or not all(work.unique(i) for i in chosen):
            continue
        renamed: dict[str, str] = {}
        for i in chosen:
            clause = old[i]
            label = _NUMBER.sub(lambda m: str(int(m.group()) + 1), clause.label or "", count=1)
            new = replace(clause, label=label, sha256="")
            renamed[clause.display_text] = new.display_text
            work.items[work.position_of(i)] = (new, i)
            work.edits.append(Edit("renumber", (i,), (new,), "cosmetic", "renumbered"))
        _rename_paths(work, renamed)
        work.touched.update(chosen)
        return


def _numbered_runs(old: Sequence[Clause]) -> list[list[int]]:
    """Runs of sibling clauses (same kind, path and level) with numeric labels."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, c in enumerate(old):
        if c.label and _NUMBER.search(c.label) and c.kind in ("heading", "list_item"):
            groups.setdefault((c.kind, c.path, c.level), []).append(i)
    return [run for run in groups.values() if len(run) >= 2]


def _rename_paths(work: _Work, renamed: dict[str, str]) -> None:
    """Clauses below renamed headings get the new path (earlier edits' records follow)."""
    swapped: dict[int, Clause] = {}
    for k, (clause, origin) in enumerate(work.items):
        if any(e in renamed for e in clause.path):
            path = tuple(renamed.get(e, e) for e in clause.path)
            work.items[k] = (replace(clause, path=path), origin)
            swapped[id(clause)] = work.items[k][0]
    work.edits = [replace(e, new=tuple(swapped.get(id(c), c) for c in e.new)) for e in work.edits]


def _cosmetic(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    i = _pick(work, old, rng, lambda i: _body(old[i], 6))
    if i is None:
        return
    clause = old[i]
    text = _cosmetic_variant(clause.text, rng)
    if text == clause.text:
        return
    new = replace(clause, text=text, sha256="")
    work.items[work.position_of(i)] = (new, i)
    work.touched.add(i)
    work.edits.append(Edit("cosmetic", (i,), (new,), "cosmetic"))


def _cosmetic_variant(text: str, rng: random.Random) -> str:
    spaces = [m.start() for m in re.finditer(" ", text)]
    how = rng.choice(("comma", "space", "quotes", "case", "period"))
    if how == "quotes" and any(q in text for q in "\"'“”’"):
        table = str.maketrans({'"': "“", "'": "’", "“": '"', "”": '"', "’": "'"})
        return text.translate(table)
    if how == "case":
        return text[0].swapcase() + text[1:] if text[:1].isalpha() else text.upper()
    if how == "period":
        return text[:-1] if text.endswith(".") else text + "."
    if how == "space" and spaces:
        at = rng.choice(spaces)
        return text[:at] + "  " + text[at + 1 :]
    if "," in text and rng.random() < 0.5:
        at = rng.choice([m.start() for m in re.finditer(",", text)])
        return text[:at] + text[at + 1 :]
    at = rng.choice(spaces) if spaces else len(text)
    return text[:at] + "," + text[at:]


def _split(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    def splittable(i: int) -> bool:
        c = old[i]
        return (
            c.kind == "paragraph"
            and len(c.text.split()) >= 16
            and bool(_SENTENCE_END.search(c.text))
        )

    i = _pick(work, old, rng, splittable)
    if i is None:
        return
    clause = old[i]
    cuts = [m.start() for m in _SENTENCE_END.finditer(clause.text)]
    middle = len(clause.text) / 2
    cut = min(cuts, key=lambda at: abs(at - middle))
    first = replace(clause, text=clause.text[:cut], sha256="")
    second = replace(clause, id=work.fresh_id(), label=None, text=clause.text[cut + 1 :], sha256="")
    at = work.position_of(i)
    work.items[at : at + 1] = [(first, i), (second, None)]
    work.touched.add(i)
    work.edits.append(
        Edit("split", (i,), (first, second), _regrouped((clause,), (first, second)), "split")
    )


def _merge(
    work: _Work,
    old: Sequence[Clause],
    keys: list[str],
    donors: Sequence[Clause],
    rng: random.Random,
) -> None:
    def mergeable(i: int) -> bool:
        if i + 1 >= len(old) or not work.free(i + 1) or not work.unique(i + 1):
            return False
        a, b = old[i], old[i + 1]
        return a.kind == b.kind == "paragraph" and a.path == b.path and _body(a, 5) and _body(b, 5)

    i = _pick(work, old, rng, mergeable)
    if i is None:
        return
    a, b = old[i], old[i + 1]
    merged = replace(a, text=f"{a.text} {b.display_text}", sha256="")
    at = work.position_of(i)
    if work.items[at + 1][1] != i + 1:
        return
    work.items[at : at + 2] = [(merged, i)]
    work.touched.update((i, i + 1))
    work.edits.append(Edit("merge", (i, i + 1), (merged,), _regrouped((a, b), (merged,)), "merged"))


def _regrouped(old: Sequence[Clause], new: Sequence[Clause]) -> ChangeKind:
    """A split or merge that keeps every word is cosmetic, else a modification."""
    before = fold_text(" ".join(c.display_text for c in old))
    after = fold_text(" ".join(c.display_text for c in new))
    return "cosmetic" if before == after else "modified"


_EDITORS = {
    "reword": _reword,
    "delete": _delete,
    "insert": _insert,
    "move": _move,
    "renumber": _renumber,
    "cosmetic": _cosmetic,
    "split": _split,
    "merge": _merge,
}


@dataclass(frozen=True, slots=True)
class Score:
    """How one diff did on one set of edits."""

    found: dict[str, int]
    total: dict[str, int]
    untouched: int
    false_reports: int
    misses: list[str]


def score_edits(old: Sequence[Clause], diff: ClauseDiff, edits: Sequence[Edit]) -> Score:
    """Count edits reported with the right kind and untouched old clauses wrongly reported."""
    position = {id(c): i for i, c in enumerate(old)}
    found: dict[str, int] = {}
    total: dict[str, int] = {}
    misses: list[str] = []
    for edit in edits:
        total[edit.kind] = total.get(edit.kind, 0) + 1
        if any(_explains(change, edit, position) for change in diff.changes):
            found[edit.kind] = found.get(edit.kind, 0) + 1
        else:
            misses.append(_describe_miss(edit, diff, position, old))
    touched = {i for e in edits for i in e.old}
    touched_new = {id(c) for e in edits for c in e.new}
    reported = set()
    for change in diff.changes:
        reported.update(position[id(c)] for c in change.old if position[id(c)] not in touched)
        reported.update(
            position[id(c)]
            for c in change.new
            if id(c) not in touched_new and id(c) in position and position[id(c)] not in touched
        )
    untouched = len(old) - len(touched)
    return Score(found, total, untouched, len(reported), misses)


def _explains(change: Change, edit: Edit, position: dict[int, int]) -> bool:
    if change.kind != edit.expect:
        return False
    if edit.detail is not None and change.detail != edit.detail:
        return False
    if edit.detail is None and change.detail in ("split", "merged", "renumbered"):
        return False
    old = {position[id(c)] for c in change.old}
    new = {id(c) for c in change.new}
    return set(edit.old) <= old and {id(c) for c in edit.new} <= new


def _describe_miss(
    edit: Edit, diff: ClauseDiff, position: dict[int, int], old: Sequence[Clause]
) -> str:
    olds = set(edit.old)
    news = {id(c) for c in edit.new}
    seen = [
        f"{c.kind}/{c.detail}"
        for c in diff.changes
        if olds & {position[id(x)] for x in c.old} or news & {id(x) for x in c.new}
    ]
    text = old[edit.old[0]].display_text[:60] if edit.old else edit.new[0].display_text[:60]
    return f"{edit.kind}: expected {edit.expect}/{edit.detail}, got {seen or 'nothing'} ({text!r})"

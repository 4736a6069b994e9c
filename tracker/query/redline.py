"""A redline of two versions: the new version in reading order with every change in its place.

The diff (:mod:`tracker.query.versiondiff`: stored between successive versions, computed for
any other pair) lists changes only; a redline also needs *where* each one sits among the
unchanged clauses, so that a reader sees the document, not a list:

- a change with a new side sits at its first new clause;
- a removed clause sits where it used to be: just after the new place of the nearest clause
  before it that kept its place (unchanged, or changed in place);
- a moved clause is shown at its new place and marked at its old place (:class:`MovedAway`,
  which names the change it moved to), the legal convention of marking a move at both ends;
- unchanged clauses, and the changes the filters leave out, are grouped into collapsed runs
  (:class:`Collapsed`), keeping their order.

Filters: ``severity`` (that severity or higher) and ``topic`` (one of the change's topics);
a moved-away marker follows its change. Everything here but :func:`redline` is pure.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.model import Change
from tracker.query.changelog import severities_at_least
from tracker.query.lookup import find_document
from tracker.query.model import StoredClause
from tracker.query.versiondiff import Classifier, VersionDiff, diff_versions
from tracker.render.links import change_anchor
from tracker.store.records import version_clause_rows


@dataclass(frozen=True, slots=True)
class RedlineFilters:
    severity: str | None = None  # that severity or higher
    topic: str | None = None

    def keep(self, change: Change) -> bool:
        if self.severity is not None and change.severity not in severities_at_least(self.severity):
            return False
        return self.topic is None or self.topic in change.topics

    @property
    def active(self) -> bool:
        return self.severity is not None or self.topic is not None


@dataclass(frozen=True, slots=True)
class RedlineChange:
    """One change at its place. ``old``/``new`` are the stored clauses of its two sides."""

    number: int  # 1-based, in the diff's order
    change: Change
    anchor: str
    old: tuple[StoredClause, ...]
    new: tuple[StoredClause, ...]

    @property
    def is_move(self) -> bool:
        return bool(self.old and self.new) and (
            self.change.kind == "moved" or self.change.detail == "moved"
        )

    @property
    def moved_from(self) -> tuple[str, ...] | None:
        """The section the clause left, when it moved to another one."""
        if not self.is_move:
            return None
        old_path = self.old[0].clause.path
        return old_path if old_path != self.new[0].clause.path else None


@dataclass(frozen=True, slots=True)
class MovedAway:
    """The old place of a moved clause, pointing at the change where it now is."""

    anchor: str
    moved: RedlineChange


@dataclass(frozen=True, slots=True)
class Collapsed:
    """A run of unchanged clauses (new version's wording) and changes the filters left out."""

    items: tuple[StoredClause | RedlineChange | MovedAway, ...]

    @property
    def unchanged(self) -> int:
        return sum(1 for item in self.items if isinstance(item, StoredClause))

    @property
    def hidden_changes(self) -> int:
        return sum(1 for item in self.items if isinstance(item, RedlineChange))


Block = RedlineChange | MovedAway | Collapsed


@dataclass(frozen=True, slots=True)
class Redline:
    diff: VersionDiff
    filters: RedlineFilters
    blocks: tuple[Block, ...]
    topics: tuple[str, ...]  # every topic of the diff's changes, sorted

    @property
    def changes(self) -> tuple[RedlineChange, ...]:
        return tuple(b for b in self.blocks if isinstance(b, RedlineChange))

    @property
    def hidden(self) -> int:
        return sum(b.hidden_changes for b in self.blocks if isinstance(b, Collapsed))


def redline(
    session: Session,
    slug: str,
    from_ref: str | None = None,
    to_ref: str | None = None,
    *,
    filters: RedlineFilters | None = None,
    classify: Classifier | None = None,
) -> Redline:
    """The redline of ``slug`` between two versions (defaults as :func:`diff_versions`)."""
    filters = filters or RedlineFilters()
    if filters.severity is not None:
        severities_at_least(filters.severity)  # a UsageError for an unknown level
    result = diff_versions(session, slug, from_ref, to_ref, classify=classify)
    find_document(session, slug)
    old = [StoredClause.of(r) for r in version_clause_rows(session, result.old.version.id)]
    new = [StoredClause.of(r) for r in version_clause_rows(session, result.new.version.id)]
    return assemble_redline(result, old, new, filters)


def assemble_redline(
    result: VersionDiff,
    old: Sequence[StoredClause],
    new: Sequence[StoredClause],
    filters: RedlineFilters,
) -> Redline:
    """Place every change among the unchanged clauses (module docstring); pure."""
    old_at = {c.clause.id: i for i, c in enumerate(old)}
    new_at = {c.clause.id: i for i, c in enumerate(new)}
    changes = [
        RedlineChange(
            number=index + 1,
            change=change,
            anchor=change_anchor(change),
            old=tuple(old[old_at[c.id]] for c in change.old if c.id in old_at),
            new=tuple(new[new_at[c.id]] for c in change.new if c.id in new_at),
        )
        for index, change in enumerate(result.diff.changes)
    ]
    changed_new = {new_at[c.id] for rc in changes for c in rc.change.new if c.id in new_at}
    placed = _places_kept(old, new, changes, changed_new, old_at, new_at)
    events: list[tuple[tuple[float, int, int], StoredClause | RedlineChange | MovedAway]] = []
    for j, clause in enumerate(new):
        if j not in changed_new:
            events.append(((float(j), 1, 0), clause))
    for rc in changes:
        if rc.new:
            events.append(((float(min(new_at[c.clause.id] for c in rc.new)), 1, rc.number), rc))
        if rc.old and (not rc.new or rc.is_move):
            where = _old_place(placed, min(old_at[c.clause.id] for c in rc.old))
            item = rc if not rc.new else MovedAway("was-" + rc.anchor, rc)
            events.append(((where, 0, rc.number), item))
    events.sort(key=lambda event: event[0])
    return Redline(
        diff=result,
        filters=filters,
        blocks=_blocks([item for _, item in events], filters),
        topics=tuple(sorted({t for rc in changes for t in rc.change.topics})),
    )


def _places_kept(
    old: Sequence[StoredClause],
    new: Sequence[StoredClause],
    changes: Sequence[RedlineChange],
    changed_new: set[int],
    old_at: dict[str, int],
    new_at: dict[str, int],
) -> list[tuple[int, int]]:
    """(old position, new position) of the clauses that kept their place, by old position."""
    by_lineage = {
        c.lineage_id: j for j, c in enumerate(new) if j not in changed_new and c.lineage_id
    }
    by_text = {(c.clause.id, c.clause.sha256): j for j, c in enumerate(new) if j not in changed_new}
    pairs: list[tuple[int, int]] = []
    for i, clause in enumerate(old):
        j = by_lineage.get(clause.lineage_id) if clause.lineage_id else None
        if j is None:
            j = by_text.get((clause.clause.id, clause.clause.sha256))
        if j is not None:
            pairs.append((i, j))
    for rc in changes:
        if rc.old and rc.new and not rc.is_move:
            pairs.append(
                (
                    min(old_at[c.clause.id] for c in rc.old),
                    min(new_at[c.clause.id] for c in rc.new),
                )
            )
    return sorted(pairs)


def _old_place(placed: list[tuple[int, int]], old_position: int) -> float:
    """Where a clause that was at ``old_position`` goes in the new reading order."""
    before = bisect.bisect_left(placed, (old_position, -1))
    return placed[before - 1][1] + 0.5 if before else -0.5


def _blocks(
    items: Sequence[StoredClause | RedlineChange | MovedAway], filters: RedlineFilters
) -> tuple[Block, ...]:
    blocks: list[Block] = []
    run: list[StoredClause | RedlineChange | MovedAway] = []
    for item in items:
        change = item.change if isinstance(item, RedlineChange) else None
        if isinstance(item, MovedAway):
            change = item.moved.change
        if change is None or not filters.keep(change):
            run.append(item)
            continue
        if run:
            blocks.append(Collapsed(tuple(run)))
            run = []
        blocks.append(item)  # type: ignore[arg-type]
    if run:
        blocks.append(Collapsed(tuple(run)))
    return tuple(blocks)

"""Where a phrase appears in the stored history, and from when until when.

A clause *contains* the phrase when the phrase's match form (:mod:`tracker.query.text`) is a
substring of the clause's (label and text). Phrases are looked for within clauses, not across
clause boundaries (``tracker quote`` does that).

The database narrows first, portably: the longest ASCII words of the phrase must each appear
(``ILIKE``, wildcards escaped; SQLite and PostgreSQL alike); the match form decides. Results are
grouped per document and per clause lineage, each with the version ranges where the phrase is
present: ``v2-v4, gone in v5`` means first appeared in v2 (its first-seen time) and disappeared
in v5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tracker.errors import UsageError
from tracker.query.lookup import find_document, version_infos
from tracker.query.model import DocumentRef, VersionInfo
from tracker.query.text import like_pattern, match_form, prefilter_words
from tracker.store.schema import ClauseRow, Document, Version

_STREAM_BATCH = 1000


@dataclass(frozen=True, slots=True)
class PresenceRange:
    """Versions ``first`` to ``last`` (consecutive) contain it; ``gone_in`` no longer does."""

    first: VersionInfo
    last: VersionInfo
    gone_in: VersionInfo | None


@dataclass(frozen=True, slots=True)
class LineageMatch:
    """One clause lineage that contains the phrase in some versions."""

    lineage_id: int
    key: str
    text: str
    clause_ids: tuple[int, ...]
    ranges: tuple[PresenceRange, ...]


@dataclass(frozen=True, slots=True)
class DocumentMatches:
    """A document where the phrase appears: when (document-wide ranges) and in which clauses."""

    document: DocumentRef
    ranges: tuple[PresenceRange, ...]
    lineages: tuple[LineageMatch, ...]

    @property
    def first_appeared(self) -> VersionInfo:
        return self.ranges[0].first

    @property
    def disappeared(self) -> VersionInfo | None:
        """The version where it was last dropped; None while the latest version has it."""
        return self.ranges[-1].gone_in


@dataclass(frozen=True, slots=True)
class SearchResult:
    phrase: str
    documents: tuple[DocumentMatches, ...]


@dataclass
class _LineageHits:
    key: str
    text: str
    newest: int
    numbers: set[int]
    clause_ids: list[int]


def search_phrase(session: Session, phrase: str, *, document: str | None = None) -> SearchResult:
    """Every version and clause lineage containing ``phrase`` (in ``document`` if given)."""
    needle = match_form(phrase)
    if not needle:
        raise UsageError("the search phrase is empty")
    only = find_document(session, document) if document is not None else None
    hits = _matching_clauses(session, needle, phrase, only)
    results = []
    for document_id in sorted(hits, key=lambda d: _slug(session, d)):
        row = session.get_one(Document, document_id)
        lineages = hits[document_id]
        present = set().union(*(h.numbers for h in lineages.values()))
        versions = version_infos(session, row, _range_ends(present, lineages))
        results.append(
            DocumentMatches(
                document=DocumentRef.of(row),
                ranges=presence_ranges(present, versions),
                lineages=tuple(
                    LineageMatch(
                        lineage_id=lineage_id,
                        key=h.key,
                        text=h.text,
                        clause_ids=tuple(h.clause_ids),
                        ranges=presence_ranges(h.numbers, versions),
                    )
                    for lineage_id, h in sorted(
                        lineages.items(), key=lambda item: (min(item[1].numbers), item[0])
                    )
                ),
            )
        )
    return SearchResult(phrase=phrase, documents=tuple(results))


def presence_ranges(
    numbers: set[int], versions: Sequence[VersionInfo]
) -> tuple[PresenceRange, ...]:
    """Runs of consecutive version ``numbers``, each with the version that ended it.

    ``versions`` must hold at least the first and last version of each run and the version
    after it, if that exists (version numbers have no gaps: 1, 2, 3...).
    """
    by_number = {v.number: v for v in versions}
    ranges: list[PresenceRange] = []
    for start, end in _runs(numbers):
        ranges.append(PresenceRange(by_number[start], by_number[end], by_number.get(end + 1)))
    return tuple(ranges)


def _runs(numbers: set[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _range_ends(present: set[int], lineages: dict[int, _LineageHits]) -> set[int]:
    """The version numbers the ranges of ``present`` and of each lineage need."""
    needed: set[int] = set()
    for numbers in (present, *(h.numbers for h in lineages.values())):
        for start, end in _runs(numbers):
            needed |= {start, end, end + 1}
    return needed


def _matching_clauses(
    session: Session, needle: str, phrase: str, only: Document | None
) -> dict[int, dict[int, _LineageHits]]:
    query = select(
        ClauseRow.id,
        ClauseRow.lineage_id,
        ClauseRow.key,
        ClauseRow.label,
        ClauseRow.text,
        ClauseRow.sha256,
        Version.document_id,
        Version.number,
    ).join(Version, ClauseRow.version_id == Version.id)
    if only is not None:
        query = query.where(Version.document_id == only.id)
    # SQLite's LIKE ignores ASCII case by itself, while its ILIKE (lower() on both sides)
    # costs a function call per row and pattern; PostgreSQL needs ILIKE. The prefilter words
    # are lower-case ASCII.
    sqlite = session.get_bind().dialect.name == "sqlite"
    for word in prefilter_words(phrase):
        pattern = like_pattern(word)
        text_column, label_column = ClauseRow.text, ClauseRow.label
        query = query.where(
            or_(text_column.like(pattern, escape="\\"), label_column.like(pattern, escape="\\"))
            if sqlite
            else or_(
                text_column.ilike(pattern, escape="\\"),
                label_column.ilike(pattern, escape="\\"),
            )
        )
    verdicts: dict[str, bool] = {}
    hits: dict[int, dict[int, _LineageHits]] = {}
    rows = session.execute(query.execution_options(yield_per=_STREAM_BATCH))
    for clause_id, lineage_id, key, label, text, sha, document_id, number in rows:
        display = f"{label} {text}" if label else text
        if sha not in verdicts:
            verdicts[sha] = needle in match_form(display)
        if not verdicts[sha]:
            continue
        lineage = lineage_id if lineage_id is not None else clause_id
        entry = hits.setdefault(document_id, {}).get(lineage)
        if entry is None:
            entry = hits[document_id][lineage] = _LineageHits(key, display, number, set(), [])
        entry.numbers.add(number)
        entry.clause_ids.append(clause_id)
        if number > entry.newest:
            entry.key, entry.text, entry.newest = key, display, number
    return hits


def _slug(session: Session, document_id: int) -> str:
    return session.get_one(Document, document_id).slug

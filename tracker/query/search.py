"""Where a phrase appears in the stored history, and from when until when.

A clause *contains* the phrase when the phrase's match form (:mod:`tracker.query.text`) is a
substring of the clause's (label and text). Phrases are looked for within clauses, not across
clause boundaries (``tracker quote`` does that).

The database narrows first, from the search index (:mod:`tracker.store.clause_search`, a trigram
index over the distinct clause texts): every ASCII word of 3 characters or more in the phrase
must appear in the text, ignoring case; the match form of each such text decides, and the clause
rows of the texts that match are read by their hash. A phrase without such a word (``5 %``,
``ok``, ``données``) cannot use the index: the match form decides on every distinct clause text
(or, in one document, on every clause of the document).
Results are
grouped per document and per clause lineage, each with the version ranges where the phrase is
present: ``v2-v4, gone in v5`` means first appeared in v2 (its first-seen time) and disappeared
in v5.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tracker.errors import UsageError
from tracker.query.lookup import find_document, version_infos_by_document
from tracker.query.model import DocumentRef, VersionInfo
from tracker.query.text import match_form, prefilter_words
from tracker.store.clause_search import every_text, texts_with_words
from tracker.store.schema import ClauseRow, ClauseText, Document, Version

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
    documents = {
        d.id: d for d in session.scalars(select(Document).where(Document.id.in_(sorted(hits))))
    }
    present_in = {
        document_id: set().union(*(h.numbers for h in lineages.values()))
        for document_id, lineages in hits.items()
    }
    needed = version_infos_by_document(
        session, {d: _range_ends(present_in[d], hits[d]) for d in hits}
    )
    results = []
    for document_id in sorted(hits, key=lambda d: documents[d].slug):
        row = documents[document_id]
        lineages = hits[document_id]
        present = present_in[document_id]
        versions = {v.number: v for v in needed[document_id]}
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
    numbers: set[int], versions: Sequence[VersionInfo] | Mapping[int, VersionInfo]
) -> tuple[PresenceRange, ...]:
    """Runs of consecutive version ``numbers``, each with the version that ended it.

    ``versions`` (a sequence, or a mapping by number) must hold at least the first and last
    version of each run and the version after it, if that exists (version numbers have no
    gaps: 1, 2, 3...).
    """
    by_number = versions if isinstance(versions, Mapping) else {v.number: v for v in versions}
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
    """Clauses containing ``needle``, per document and lineage; the versions of the matches
    are read after."""
    words = prefilter_words(phrase, count=len(phrase))
    if words:
        matches = _matches_by_text(session, needle, texts_with_words(session, words), only)
    elif only is None:
        matches = _matches_by_text(session, needle, every_text(session, _STREAM_BATCH), only)
    else:
        matches = _scanned_matches(session, needle, only)
    places = _version_places(session, {m[4] for m in matches}, only)
    hits: dict[int, dict[int, _LineageHits]] = {}
    for clause_id, lineage_id, key, display, version_id in sorted(matches):
        document_id, number = places[version_id]
        lineage = lineage_id if lineage_id is not None else clause_id
        entry = hits.setdefault(document_id, {}).get(lineage)
        if entry is None:
            entry = hits[document_id][lineage] = _LineageHits(key, display, number, set(), [])
        entry.numbers.add(number)
        entry.clause_ids.append(clause_id)
        if number > entry.newest:
            entry.key, entry.text, entry.newest = key, display, number
    return hits


_Match = tuple[int, int | None, str, str, int]


def _clause_query(only: Document | None) -> Select[int, int | None, str, str | None, str, str, int]:
    query = select(
        ClauseRow.id,
        ClauseRow.lineage_id,
        ClauseRow.key,
        ClauseText.label,
        ClauseText.text,
        ClauseText.sha256,
        ClauseRow.version_id,
    ).join(ClauseText, ClauseText.id == ClauseRow.text_id)
    if only is not None:
        query = query.where(
            ClauseRow.version_id.in_(select(Version.id).where(Version.document_id == only.id))
        )
    return query


def _matches_by_text(
    session: Session,
    needle: str,
    texts: Iterable[tuple[str, str | None, str]],
    only: Document | None,
) -> list[_Match]:
    """The match form decides on each distinct clause text of ``texts`` (``(sha256, label,
    text)``: those the search index gives, or every one); then the clause rows of the texts
    that match are read by their hash."""
    matching = sorted(
        {sha for sha, label, text in texts if needle in match_form(_display(label, text))}
    )
    matches: list[_Match] = []
    query = _clause_query(only)
    for start in range(0, len(matching), _IDS_PER_STATEMENT):
        chunk = matching[start : start + _IDS_PER_STATEMENT]
        for clause_id, lineage_id, key, label, text, _sha, version_id in session.execute(
            query.where(ClauseText.sha256.in_(chunk))
        ):
            matches.append((clause_id, lineage_id, key, _display(label, text), version_id))
    return matches


def _scanned_matches(session: Session, needle: str, only: Document | None) -> list[_Match]:
    """Every clause of one document read, for a phrase without words the index can look up."""
    verdicts: dict[str, bool] = {}
    matches: list[_Match] = []
    for clause_id, lineage_id, key, label, text, sha, version_id in session.execute(
        _clause_query(only).execution_options(yield_per=_STREAM_BATCH)
    ):
        display = _display(label, text)
        if sha not in verdicts:
            verdicts[sha] = needle in match_form(display)
        if verdicts[sha]:
            matches.append((clause_id, lineage_id, key, display, version_id))
    return matches


def _display(label: str | None, text: str) -> str:
    """A clause as a reader sees it (what ``clause_texts.sha256`` hashes)."""
    return f"{label} {text}" if label else text


#: Up to this many versions are looked up by id; more, and all versions (in scope) are read.
_VERSIONS_BY_ID = 5000
_IDS_PER_STATEMENT = 500


def _version_places(
    session: Session, version_ids: set[int], only: Document | None
) -> dict[int, tuple[int, int]]:
    """Version id -> (document id, number) for ``version_ids``."""
    query = select(Version.id, Version.document_id, Version.number)
    if len(version_ids) > _VERSIONS_BY_ID:
        scope = query if only is None else query.where(Version.document_id == only.id)
        return {v: (d, n) for v, d, n in session.execute(scope)}
    wanted = sorted(version_ids)
    places: dict[int, tuple[int, int]] = {}
    for start in range(0, len(wanted), _IDS_PER_STATEMENT):
        chunk = wanted[start : start + _IDS_PER_STATEMENT]
        places |= {v: (d, n) for v, d, n in session.execute(query.where(Version.id.in_(chunk)))}
    return places

"""Is a quotation really in a document? In which versions, and what is the closest if not?

**Found** means: after both sides are put in the match form (:mod:`tracker.query.text`: NFC,
spaces, invisible characters, quote and dash styles, case), the quotation is a substring of one
clause, or of consecutive clauses of the same version joined by a space (a quotation may run
over a paragraph break). Clauses are compared with and without their number label, so a
quotation may include or leave out ``2.4``. ``verbatim`` says whether it is also in the stored
text character for character, before normalisation.

``versions`` lists every version containing it (the whole history). With a date (``at``),
``found`` answers for the version in force then (as-of rule, :mod:`tracker.query.lookup`), and
the closest clause is looked for in that version only.

**Closest passage**, when it is not found: the stretch of one clause (or the whole clause)
most like the quotation, found by :func:`closest_passage` (``tracker check-claims`` reports its
closest passage with the same function). Clause texts are deduplicated by SHA-256 across
versions (a document's versions share most of their clauses) and ranked cheaply twice: by the
share of the quotation's words they hold (a quotation is often a small part of a long clause)
and by the Dice coefficient of the word sets (not biased towards long clauses). The best
:data:`CANDIDATES` of each are searched with :func:`~tracker.query.text.best_window`; the passage
gets a difflib similarity (over words and marks, on the match forms) and a word diff (passage ->
quotation: ``delete`` is in the document but not in the quotation, ``insert`` the reverse).

**Evidence** to cite: the first and the last version containing it, each with its provenance
(version number and id, first seen, last verified, text and raw SHA-256, source URL).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.diff.words import inline_diff, word_diff
from tracker.errors import UsageError
from tracker.model import Clause, InlineOp
from tracker.query.dates import When, parse_when
from tracker.query.lookup import document_versions, find_document, provenance, version_as_of
from tracker.query.model import DocumentRef, Provenance, StoredClause, VersionInfo
from tracker.query.text import best_window, match_form
from tracker.store.schema import ClausePath, ClauseRow, ClauseText, Document, Version

#: How many clauses, ranked by shared words (each way), are searched for the closest passage.
CANDIDATES = 20
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """One version containing the quotation, and the clause(s) it falls in."""

    version: VersionInfo
    clauses: tuple[StoredClause, ...]


@dataclass(frozen=True, slots=True)
class Closest:
    """The stretch of a stored clause most like a quotation that was not found: the clause in
    the newest version (in scope) having it, the passage (that stretch, or the whole clause with
    its label), its similarity and the word diff passage -> quotation."""

    document: DocumentRef
    version: VersionInfo
    clause: StoredClause
    passage: str
    similarity: float
    inline: tuple[InlineOp, ...]

    @property
    def goes_on(self) -> tuple[bool, bool]:
        """Whether the clause goes on before and after the passage (shown as "…")."""
        display = self.clause.clause.display_text
        start = display.find(self.passage)
        if not self.passage or start < 0:
            return (False, False)
        return (bool(display[:start].strip()), bool(display[start + len(self.passage) :].strip()))


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    quote: str
    document: DocumentRef
    asked_at: When | None
    at_version: VersionInfo | None
    found: bool
    verbatim: bool
    matches: tuple[QuoteMatch, ...]
    closest: Closest | None
    evidence: tuple[Provenance, ...]

    @property
    def versions(self) -> tuple[int, ...]:
        return tuple(m.version.number for m in self.matches)


@dataclass(frozen=True, slots=True)
class _Text:
    """One distinct clause wording (by SHA-256) and its match forms."""

    label: str | None
    text: str
    plain: str
    labelled: str

    @property
    def display(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True, slots=True)
class _Slot:
    """A clause's place in a version (no text: texts are shared through ``sha256``)."""

    row_id: int
    lineage_id: int | None
    position: int
    key: str
    path: tuple[str, ...]
    kind: str
    level: int
    sha256: str


def check_quote(session: Session, quote: str, slug: str, *, at: str | None = None) -> QuoteCheck:
    """Check ``quote`` against every version of ``slug`` (see the module docstring)."""
    needle = match_form(quote)
    if not needle:
        raise UsageError("the quotation is empty")
    document = find_document(session, slug)
    when = parse_when(at) if at is not None else None
    at_row = version_as_of(session, document, when.end, when.text) if when else None
    index = DocumentTexts.load(session, document)
    matches = index.matches(needle)
    in_scope = [m for m in matches if at_row is None or m.version.id == at_row.id]
    scope = [v for v in index.versions if at_row is None or v.id == at_row.id]
    closest = None if in_scope else index.closest(quote.strip(), scope)
    evidence_rows = [matches[0].version, matches[-1].version] if matches else []
    topics = _stored_topics(
        session,
        [c.row_id for m in matches for c in m.clauses]
        + ([closest.clause.row_id] if closest else []),
    )
    matches = tuple(
        replace(m, clauses=tuple(_with_topics(c, topics) for c in m.clauses)) for m in matches
    )
    if closest is not None:
        closest = replace(closest, clause=_with_topics(closest.clause, topics))
    return QuoteCheck(
        quote=quote,
        document=DocumentRef.of(document),
        asked_at=when,
        at_version=VersionInfo.of(at_row) if at_row else None,
        found=bool(in_scope),
        verbatim=bool(in_scope) and is_verbatim(quote, in_scope[-1].clauses),
        matches=matches,
        closest=closest,
        evidence=tuple(
            provenance(session, document, session.get_one(Version, v.id))
            for v in _unique(evidence_rows)
        ),
    )


@dataclass(frozen=True, slots=True)
class DocumentTexts:
    """One document's versions and distinct clause wordings, read once from the database and
    then searched for any number of quotations without further queries."""

    document: DocumentRef
    versions: tuple[VersionInfo, ...]
    slots: dict[int, list[_Slot]]
    texts: dict[str, _Text]

    @classmethod
    def load(cls, session: Session, document: Document) -> DocumentTexts:
        return cls(
            document=DocumentRef.of(document),
            versions=tuple(document_versions(session, document)),
            slots=_slots_by_version(session, document.id),
            texts=_texts(session, document.id),
        )

    @classmethod
    def of_clauses(
        cls, document: DocumentRef, versions: Sequence[tuple[VersionInfo, Sequence[Clause]]]
    ) -> DocumentTexts:
        """The same from clauses in memory (no database: evaluations, tests); clause row ids
        are their running number."""
        slots: dict[int, list[_Slot]] = {}
        texts: dict[str, _Text] = {}
        row_id = 0
        for version, clauses in versions:
            for position, clause in enumerate(clauses):
                row_id += 1
                slots.setdefault(version.id, []).append(
                    _Slot(
                        row_id,
                        row_id,
                        position,
                        clause.id,
                        clause.path,
                        clause.kind,
                        clause.level,
                        clause.sha256,
                    )
                )
                if clause.sha256 not in texts:
                    display = clause.display_text
                    texts[clause.sha256] = _Text(
                        clause.label, clause.text, match_form(clause.text), match_form(display)
                    )
        return cls(document, tuple(v for v, _ in versions), slots, texts)

    def matches(self, needle: str) -> tuple[QuoteMatch, ...]:
        """Every version holding ``needle`` (a match form), oldest first, with its clauses."""
        holding = {
            sha for sha, t in self.texts.items() if needle in t.plain or needle in t.labelled
        }
        return tuple(
            QuoteMatch(version, tuple(self.stored(slot) for slot in hit))
            for version in self.versions
            if (hit := find_in_version(needle, self.slots.get(version.id, ()), self.texts, holding))
        )

    def closest(self, quote: str, scope: Sequence[VersionInfo] | None = None) -> Closest | None:
        """The passage of ``scope`` (default: every version) most like the quotation."""
        return closest_passage(
            [self], quote, versions=None if scope is None else {v.id for v in scope}
        )

    def joined(self, version_id: int) -> tuple[str, list[int]]:
        """The match forms of a version's clauses joined by spaces, and where each starts."""
        return _joined(self.slots.get(version_id, ()), self.texts, "plain")

    def stored(self, slot: _Slot) -> StoredClause:
        return _stored(slot, self.texts)

    def slots_of(self, version_id: int) -> list[_Slot]:
        return self.slots.get(version_id, [])

    def plain(self, sha256: str) -> str:
        """The match form of one clause wording."""
        return self.texts[sha256].plain

    def display(self, sha256: str) -> str:
        """One clause wording as a reader sees it (label and text)."""
        return self.texts[sha256].display

    def newest_wordings(
        self, versions: Collection[int] | None = None
    ) -> dict[str, tuple[VersionInfo, _Slot]]:
        """Each distinct wording -> the newest version having it, and its place there (only
        the versions of these ids, when given)."""
        newest: dict[str, tuple[VersionInfo, _Slot]] = {}
        for version in self.versions:
            if versions is not None and version.id not in versions:
                continue
            for slot in self.slots.get(version.id, ()):
                newest[slot.sha256] = (version, slot)
        return newest

    def versions_with(self, sha256: str) -> list[tuple[VersionInfo, _Slot]]:
        """Every version having a wording, oldest first, with its place there."""
        found = []
        for version in self.versions:
            slot = next((x for x in self.slots.get(version.id, ()) if x.sha256 == sha256), None)
            if slot is not None:
                found.append((version, slot))
        return found


def find_in_version(
    needle: str, slots: Sequence[_Slot], texts: dict[str, _Text], holding: set[str]
) -> tuple[_Slot, ...]:
    """The clause(s) of one version holding ``needle``: one clause (``holding`` lists the
    wordings that contain it), or a run of consecutive clauses joined by a space; empty when
    the version does not contain it."""
    for slot in slots:
        if slot.sha256 in holding:
            return (slot,)
    for form in ("plain", "labelled"):
        joined, starts = _joined(slots, texts, form)
        index = joined.find(needle)
        if index >= 0:
            first = slot_at(starts, index)
            last = slot_at(starts, index + len(needle) - 1)
            return tuple(slots[first : last + 1])
    return ()


def closest_passage(
    indexes: Sequence[DocumentTexts], quote: str, *, versions: Collection[int] | None = None
) -> Closest | None:
    """The stretch of a stored clause (any document of ``indexes``; any version, or only the
    versions of these ids) most like ``quote`` (see the module docstring): the stretch
    :func:`~tracker.query.text.best_window` finds or the whole clause, whichever is more
    similar; of equally close passages, the newest version's. None when there is no clause, or
    the quotation has no word."""
    wanted = set(_WORD.findall(match_form(quote)))
    if not wanted:
        return None
    newest = {id(texts): texts.newest_wordings(versions) for texts in indexes}
    contains: list[tuple[float, str, DocumentTexts]] = []
    dice: list[tuple[float, str, DocumentTexts]] = []
    for texts in indexes:
        for sha in newest[id(texts)]:
            words = set(_WORD.findall(texts.plain(sha)))
            shared = len(wanted & words)
            contains.append((shared / len(wanted), sha, texts))
            dice.append((2 * shared / (len(wanted) + len(words)), sha, texts))
    chosen: dict[tuple[str, str], tuple[str, DocumentTexts]] = {}
    for ranked in (contains, dice):
        ranked.sort(key=lambda r: (-r[0], r[1]))
        for _, sha, texts in ranked[:CANDIDATES]:
            chosen[(texts.document.slug, sha)] = (sha, texts)
    best: tuple[float, VersionInfo, str, str, DocumentTexts] | None = None
    for sha, texts in chosen.values():
        display = texts.display(sha)
        window = best_window(display, quote)
        stretch = display[window.start : window.end]
        passage = max((stretch, display), key=lambda text: similarity_to(text, quote))
        similarity = round(similarity_to(passage, quote), 4)
        version = newest[id(texts)][sha][0]
        # equally close passages (one sentence kept in several wordings of a clause): the
        # newest version's, not whichever clause's SHA-256 sorts first
        if best is not None and (similarity, version.first_seen, version.number) <= (
            best[0],
            best[1].first_seen,
            best[1].number,
        ):
            continue
        best = (similarity, version, sha, passage, texts)
    if best is None:
        return None
    similarity, version, sha, passage, texts = best
    return Closest(
        document=texts.document,
        version=version,
        clause=texts.stored(newest[id(texts)][sha][1]),
        passage=passage,
        similarity=similarity,
        inline=word_diff(passage, quote),
    )


def similarity_to(text: str, quote: str) -> float:
    """difflib's ratio over the words and marks of the two texts' match forms."""
    return inline_diff(match_form(text), match_form(quote))[1]


def _joined(slots: Sequence[_Slot], texts: dict[str, _Text], form: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for slot in slots:
        text = texts[slot.sha256]
        part = text.plain if form == "plain" else text.labelled
        starts.append(offset)
        parts.append(part)
        offset += len(part) + 1
    return " ".join(parts), starts


def slot_at(starts: list[int], index: int) -> int:
    """The position of the clause whose joined text covers character ``index``."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= index:
            low = middle
        else:
            high = middle - 1
    return low


def is_verbatim(quote: str, clauses: Sequence[StoredClause]) -> bool:
    """Whether ``quote`` is in the clauses' stored text character for character."""
    wanted = quote.strip()
    texts = [c.clause.text for c in clauses]
    displays = [c.clause.display_text for c in clauses]
    return any(wanted in " ".join(parts) for parts in (texts, displays))


def _stored(slot: _Slot, texts: dict[str, _Text]) -> StoredClause:
    text = texts[slot.sha256]
    return StoredClause(
        row_id=slot.row_id,
        lineage_id=slot.lineage_id,
        position=slot.position,
        clause=Clause(
            id=slot.key,
            path=slot.path,
            label=text.label,
            kind=slot.kind,  # type: ignore[arg-type]
            text=text.text,
            level=slot.level,
            sha256=slot.sha256,
        ),
    )


def _slots_by_version(session: Session, document_id: int) -> dict[int, list[_Slot]]:
    rows = session.execute(
        select(
            ClauseRow.version_id,
            ClauseRow.id,
            ClauseRow.lineage_id,
            ClauseRow.position,
            ClauseRow.key,
            ClausePath.path,  # the JSON text: decoded once per distinct path
            ClauseRow.kind,
            ClauseRow.level,
            ClauseText.sha256,
        )
        .join(Version, ClauseRow.version_id == Version.id)
        .join(ClausePath, ClausePath.id == ClauseRow.path_id)
        .join(ClauseText, ClauseText.id == ClauseRow.text_id)
        .where(Version.document_id == document_id)
        .order_by(ClauseRow.version_id, ClauseRow.position)
    )
    paths: dict[str, tuple[str, ...]] = {}
    slots: dict[int, list[_Slot]] = {}
    for version_id, row_id, lineage, position, key, raw_path, kind, level, sha in rows:
        path = paths.get(raw_path)
        if path is None:
            path = paths[raw_path] = tuple(json.loads(raw_path)) if raw_path else ()
        slots.setdefault(version_id, []).append(
            _Slot(row_id, lineage, position, key, path, kind, level, sha)
        )
    return slots


def _texts(session: Session, document_id: int) -> dict[str, _Text]:
    """Each distinct clause wording of the document once, keyed by its SHA-256."""
    held = (
        select(ClauseRow.text_id)
        .join(Version, ClauseRow.version_id == Version.id)
        .where(Version.document_id == document_id)
    )
    rows = session.execute(
        select(ClauseText.sha256, ClauseText.label, ClauseText.text).where(ClauseText.id.in_(held))
    )
    texts: dict[str, _Text] = {}
    for sha, label, text in rows:
        if sha not in texts:
            plain = match_form(text)
            labelled = match_form(f"{label} {text}") if label else plain
            texts[sha] = _Text(label, text, plain, labelled)
    return texts


def _stored_topics(session: Session, row_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The stored topics of the clauses ``row_ids`` (the few a quote check shows: the scan
    above reads no topics), by row id; unclassified clauses are left out."""
    wanted = sorted(set(row_ids))
    topics: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(wanted), _ID_BATCH):
        rows = session.execute(
            select(ClauseRow.id, ClauseRow.topics).where(
                ClauseRow.id.in_(wanted[start : start + _ID_BATCH])
            )
        )
        topics.update((row_id, tuple(t)) for row_id, t in rows if t is not None)
    return topics


def _with_topics(clause: StoredClause, topics: dict[int, tuple[str, ...]]) -> StoredClause:
    return replace(clause, topics=topics.get(clause.row_id))


#: Clause ids per ``IN (...)`` query, well under SQLite's and PostgreSQL's bound parameters.
_ID_BATCH = 500


def _unique(versions: Iterable[VersionInfo]) -> list[VersionInfo]:
    seen: dict[int, VersionInfo] = {}
    for version in versions:
        seen.setdefault(version.id, version)
    return list(seen.values())

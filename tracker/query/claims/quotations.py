"""A quotation against every version of the documents in scope."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tracker.claims import Quotation
from tracker.diff.words import inline_diff
from tracker.model import InlineOp
from tracker.query.claims.context import ClaimContext, end_of, in_force
from tracker.query.lookup import provenance
from tracker.query.model import DocumentRef, Provenance, StoredClause, VersionInfo
from tracker.query.quote import (
    Closest,
    DocumentTexts,
    QuoteMatch,
    closest_passage,
    is_verbatim,
    slot_at,
)
from tracker.query.text import best_window, find_pieces, match_form, quote_pieces
from tracker.store.schema import Version
from tracker.vocabulary import ClaimKind, ClaimVerdict, QuoteFinding

#: A shortened quotation's pieces must lie within this many consecutive clauses.
MAX_SPAN_CLAUSES = 3
#: A quotation at least this similar to a stretch of a clause is that stretch, edited.
EDITED_MIN_SIMILARITY = 0.8
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)\]]|$)")
_END_MARKS = re.compile(r"[.!?;:,]+$")


@dataclass(frozen=True, slots=True)
class Sighting:
    """A document having a quotation's words: the versions, the clause(s) in the newest of
    them, the first and last version's provenance, and the version in force at the access
    date (None before the document's first version)."""

    document: DocumentRef
    versions: tuple[VersionInfo, ...]
    clauses: tuple[StoredClause, ...]
    evidence: tuple[Provenance, ...]
    in_force: VersionInfo | None

    @property
    def first_seen(self) -> datetime:
        return self.versions[0].first_seen

    @property
    def last_seen(self) -> datetime:
        return self.versions[-1].last_verified

    @property
    def current(self) -> bool:
        """The version in force at the access date has the words."""
        return self.in_force is not None and any(v.id == self.in_force.id for v in self.versions)

    @property
    def later(self) -> bool:
        """Only versions first recorded after the one in force at the access date have them."""
        newest = self.versions[-1]
        return self.in_force is None or newest.number > self.in_force.number


@dataclass(frozen=True, slots=True)
class QuotationCheck:
    claim: Quotation
    verdict: ClaimVerdict
    reason: str
    finding: QuoteFinding
    differences: tuple[str, ...]
    similarity: float | None
    passage: str | None  # the document's words the quotation was compared with
    inline: tuple[InlineOp, ...]  # passage -> quotation
    sightings: tuple[Sighting, ...]
    closest: Closest | None

    kind = ClaimKind.QUOTATION

    @property
    def sentence(self) -> str:
        return self.claim.sentence

    @property
    def position(self) -> int:
        return self.claim.position


def check_quotation(context: ClaimContext, quotation: Quotation) -> QuotationCheck:
    quote = quotation.text.strip()
    needle = match_form(quote)
    moment = end_of(context.as_of)
    exact = [(t, m) for t in context.all_texts() if (m := t.matches(needle))]
    if exact:
        sightings = tuple(_sighting(context, t, m, moment) for t, m in exact)
        newest = exact[0][1][-1].clauses
        finding = QuoteFinding.VERBATIM if is_verbatim(quote, newest) else QuoteFinding.NORMALISED
        return _found(quotation, finding, (), 1.0, None, (), sightings)
    shortened = _shortened(context, quotation, moment)
    if shortened is not None:
        return shortened
    closest = closest_passage(context.all_texts(), quote)
    if closest is not None and closest.similarity >= EDITED_MIN_SIMILARITY:
        texts = context.texts(context.by_slug[closest.document.slug])
        matches = tuple(
            QuoteMatch(version, (texts.stored(slot),))
            for version, slot in texts.versions_with(closest.clause.clause.sha256)
        )
        sighting = _sighting(context, texts, matches, moment)
        differences = (f"{closest.similarity:.2f} similar",)
        return _found(
            quotation,
            QuoteFinding.EDITED,
            differences,
            closest.similarity,
            closest.passage,
            closest.inline,
            (sighting,),
        )
    documents = ", ".join(d.slug for d in context.scope) or "no document"
    reason = f"in no version of {documents}"
    if closest is not None:
        reason += (
            f"; closest: {closest.similarity:.2f} similar, {closest.document.slug} "
            f"v{closest.version.number} clause {closest.clause.row_id}"
        )
    return QuotationCheck(
        claim=quotation,
        verdict=ClaimVerdict.NOT_FOUND,
        reason=reason,
        finding=QuoteFinding.NOT_FOUND,
        differences=(),
        similarity=closest.similarity if closest else None,
        passage=closest.passage if closest else None,
        inline=closest.inline if closest else (),
        sightings=(),
        closest=closest,
    )


def _found(
    quotation: Quotation,
    finding: QuoteFinding,
    differences: tuple[str, ...],
    similarity: float,
    passage: str | None,
    inline: tuple[InlineOp, ...],
    sightings: tuple[Sighting, ...],
) -> QuotationCheck:
    verdict, reason = _quotation_verdict(finding, differences, sightings)
    return QuotationCheck(
        claim=quotation,
        verdict=verdict,
        reason=reason,
        finding=finding,
        differences=differences,
        similarity=round(similarity, 4),
        passage=passage,
        inline=inline,
        sightings=sightings,
        closest=None,
    )


def _quotation_verdict(
    finding: QuoteFinding, differences: tuple[str, ...], sightings: tuple[Sighting, ...]
) -> tuple[ClaimVerdict, str]:
    manner = finding.value + (f" ({'; '.join(differences)})" if differences else "")
    where = "; ".join(
        f"{s.document.slug} {_span(s.versions)}"
        + (
            f", in force on the access date (v{s.in_force.number})"
            if s.current and s.in_force
            else ""
        )
        for s in sightings
    )
    if finding == QuoteFinding.EDITED:
        return ClaimVerdict.ALTERED, f"found {manner} in {where}"
    if any(s.current for s in sightings):
        return ClaimVerdict.SUPPORTED, f"found {manner} in {where}"
    if any(s.later for s in sightings):
        return (
            ClaimVerdict.SUPPORTED,
            f"found {manner} in {where}, first recorded after the access date",
        )
    gone = "; ".join(
        f"{s.document.slug} v{s.in_force.number} in force on the access date does not have it"
        for s in sightings
        if s.in_force is not None
    )
    return ClaimVerdict.STALE, f"found {manner} in {where} only; {gone}"


def _shortened(
    context: ClaimContext, quotation: Quotation, moment: datetime
) -> QuotationCheck | None:
    """The quotation found piece by piece (ellipses, a cut-short end), or None."""
    quote = quotation.text.strip()
    pieces = quote_pieces(quote)
    if not pieces.pieces:
        return None
    found: list[tuple[DocumentTexts, tuple[QuoteMatch, ...]]] = []
    truncated = False
    for texts in context.all_texts():
        matches: list[QuoteMatch] = []
        for version in texts.versions:
            hit = pieces_in(texts, version, pieces.pieces)
            if hit is not None:
                clauses, cut = hit
                truncated = truncated or (cut and pieces.ends_sentence)
                matches.append(QuoteMatch(version, clauses))
        if matches:
            found.append((texts, tuple(matches)))
    if not found:
        return None
    differences = []
    if truncated:
        differences.append("truncated: the document's sentence goes on")
    if pieces.elisions:
        differences.append(f"{pieces.elisions} elision{'s' if pieces.elisions > 1 else ''}")
    if not differences:
        differences.append("punctuation at its ends")
    newest = found[0][1][-1].clauses
    document_text = " ".join(c.clause.display_text for c in newest)
    passage = _passage(document_text, quote, through_sentence=truncated)
    inline, similarity = inline_diff(passage, quote)
    sightings = tuple(_sighting(context, t, m, moment) for t, m in found)
    return _found(
        quotation,
        QuoteFinding.SHORTENED,
        tuple(differences),
        similarity,
        passage,
        inline,
        sightings,
    )


def pieces_in(
    texts: DocumentTexts, version: VersionInfo, pieces: Sequence[str]
) -> tuple[tuple[StoredClause, ...], bool] | None:
    """The clauses of ``version`` holding every piece in order, within
    :data:`MAX_SPAN_CLAUSES` consecutive clauses, and whether the sentence goes on after the
    last piece inside its clause; None when the version does not have them."""
    slots = texts.slots_of(version.id)
    joined, starts = texts.joined(version.id)
    at = joined.find(pieces[0])
    while at >= 0:
        spans = find_pieces(pieces, joined, at)
        if spans is None:
            return None
        first, last = slot_at(starts, spans[0][0]), slot_at(starts, spans[-1][1] - 1)
        if last - first < MAX_SPAN_CLAUSES:
            end = spans[-1][1]
            clause_end = starts[last + 1] - 1 if last + 1 < len(starts) else len(joined)
            goes_on = end < clause_end and joined[end] not in ".!?"
            return tuple(texts.stored(slot) for slot in slots[first : last + 1]), goes_on
        at = joined.find(pieces[0], at + 1)
    return None


def _passage(text: str, quote: str, *, through_sentence: bool = False) -> str:
    """The stretch of ``text`` a shortened quotation was taken from, from its first piece to
    the end of its last (:func:`_pieces_span`); with ``through_sentence``, carried on to the
    end of its sentence (to show where a cut-short quotation stops)."""
    start, end = _pieces_span(text, quote)
    if through_sentence and not text[:end].rstrip().endswith((".", "!", "?")):
        found = _SENTENCE_END.search(text, end)
        end = found.end() if found else len(text)
    return text[start:end]


def _pieces_span(text: str, quote: str) -> tuple[int, int]:
    """Where the pieces of ``quote`` (between its ellipses) lie in ``text``: each piece's
    closest stretch found after the one before, so the words an ellipsis leaves out are
    inside the span however many they are (one window the quotation's length, as
    :func:`best_window` takes, stops short of the last piece)."""
    start: int | None = None
    at = 0
    for piece in quote_pieces(quote).pieces:
        window = best_window(text[at:], piece)
        if window.similarity == 0:
            break
        start = at + window.start if start is None else start
        at += window.end
    if start is None:
        whole = best_window(text, quote)
        return whole.start, whole.end
    ending = _END_MARKS.search(match_form(quote).rstrip(" \"'"))  # pieces have no end marks
    if ending and text.startswith(ending.group(), at):
        at += len(ending.group())
    return start, at


def _sighting(
    context: ClaimContext, texts: DocumentTexts, matches: Sequence[QuoteMatch], moment: datetime
) -> Sighting:
    document = context.by_slug[texts.document.slug]
    ends = [matches[0].version, matches[-1].version]
    evidence = tuple(
        provenance(context.session, document, context.session.get_one(Version, v.id))
        for v in dict.fromkeys(ends)
    )
    return Sighting(
        document=texts.document,
        versions=tuple(m.version for m in matches),
        clauses=matches[-1].clauses,
        evidence=evidence,
        in_force=in_force(texts.versions, moment),
    )


def _span(versions: Sequence[VersionInfo]) -> str:
    """``v1-v3``, ``v2``, or ``v1, v3`` when not consecutive."""
    numbers = [v.number for v in versions]
    if len(numbers) == 1:
        return f"v{numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"v{numbers[0]}-v{numbers[-1]}"
    return ", ".join(f"v{n}" for n in numbers)

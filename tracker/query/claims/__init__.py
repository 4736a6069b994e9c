"""Does the stored history bear out what a third party says about a policy?

The claims are read from the page by :mod:`tracker.claims` (pure); here each is checked
against the documents in scope, **as of the page's access date** ("Last verified June 29,
2026"; today when the page states none; a citation's own "accessed" date for that citation):

- **Quotation** (:mod:`~tracker.query.claims.quotations`): looked for in every version of
  every document in scope. *Verbatim* or *normalised* (equal up to case, spaces, quote and
  dash styles, as ``tracker quote``); else *shortened*: cut at its ellipses, every piece found
  in order within a few consecutive clauses, *truncated* when it ends a sentence where the
  document's sentence goes on; else *edited*: the stretch of a clause most like it
  (:func:`tracker.query.text.best_window`) is at least 0.8 similar; else *not found*, with
  that closest stretch. Supported when the version in force at the access date has it (or a
  later one: the tracker may have recorded it after the author read it); *stale* when only
  older versions have it; *altered* when edited.
- **Citation** (:mod:`~tracker.query.claims.citations`): the version cited is the one whose
  own date ("Updated December 17, 2025") is the cited date, the newest such first seen by the
  access date; when no version carries that date, the version in force on it (a version dated
  on or before it counts as in force even if the tracker saw it later), and *not found* if
  every version is dated and none is dated that day. *Stale* when the document changed
  between the cited version and the one in force at the access date (the changes' count and
  highest severity are given; cosmetic changes alone leave it current).
- **Fact statement** (:mod:`~tracker.query.claims.facts`): compared with the answers of the
  documents' versions in force at the access date (stored per version by
  :mod:`tracker.facts`, or computed from the version's clauses under the current rules when
  it was never answered under them): agrees, disagrees, divided (the documents answer both
  ways) or not stated.

Verdicts, and which fail (``tracker check-claims`` exits 1):
:class:`~tracker.vocabulary.ClaimVerdict`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.claims import KnownDocument, Page, PageClaims, Unchecked, read_claims
from tracker.classify import RuleSet
from tracker.query.claims.citations import CitationCheck, check_citation
from tracker.query.claims.context import ClaimContext
from tracker.query.claims.facts import FactCheck, FactEvidence, check_fact
from tracker.query.claims.quotations import QuotationCheck, Sighting, check_quotation
from tracker.query.quote import Closest
from tracker.store.schema import Document
from tracker.vocabulary import FAILING_VERDICTS, ClaimKind, ClaimVerdict


@dataclass(frozen=True, slots=True)
class UncheckedClaim:
    claim: Unchecked

    verdict = ClaimVerdict.NOT_CHECKED

    @property
    def kind(self) -> ClaimKind:
        return self.claim.kind

    @property
    def reason(self) -> str:
        return self.claim.reason

    @property
    def sentence(self) -> str:
        return self.claim.sentence

    @property
    def position(self) -> int:
        return self.claim.position


ClaimCheck = QuotationCheck | CitationCheck | FactCheck | UncheckedClaim


@dataclass(frozen=True, slots=True)
class ClaimsReport:
    """Every claim of a page, checked. ``as_of`` is the access date the claims were checked
    at, ``as_of_phrase`` the words that gave it (None: today's date, the page gives none)."""

    page: PageClaims
    as_of: date
    as_of_phrase: str | None
    checks: tuple[ClaimCheck, ...]

    @property
    def verdict(self) -> ClaimVerdict:
        """The most serious failing verdict; else supported if anything was checked."""
        present = {c.verdict for c in self.checks}
        for verdict in FAILING_VERDICTS:
            if verdict in present:
                return verdict
        return (
            ClaimVerdict.SUPPORTED
            if ClaimVerdict.SUPPORTED in present
            else (ClaimVerdict.NOT_CHECKED)
        )

    @property
    def fails(self) -> bool:
        return self.verdict.fails

    def count(self, verdict: ClaimVerdict) -> int:
        return sum(1 for c in self.checks if c.verdict == verdict)


def check_claims(
    session: Session,
    page: Page,
    rules: RuleSet,
    *,
    today: date,
    service: str | None = None,
    documents: Sequence[str] = (),
) -> ClaimsReport:
    """Read ``page``'s claims and check each against the stored history (module docstring).

    ``service`` and ``documents`` (slugs) set the scope; unknown ones are a NotFoundError.
    """
    rows = list(session.scalars(select(Document).order_by(Document.slug)))
    known = [KnownDocument(d.slug, d.service, d.type, d.url) for d in rows]
    claims = read_claims(page, rules, known, service=service, documents=documents)
    as_of = claims.accessed.day if claims.accessed else today
    scope = [d for d in rows if d.slug in set(claims.documents)]
    context = ClaimContext(session, rules, scope, as_of)
    checks: list[ClaimCheck] = [
        *(check_quotation(context, q) for q in claims.quotations),
        *(check_citation(context, c) for c in claims.citations),
        *(check_fact(context, f, claims.services) for f in claims.facts),
        *(UncheckedClaim(u) for u in claims.unchecked),
    ]
    checks.sort(key=lambda c: c.position)
    return ClaimsReport(
        page=claims,
        as_of=as_of,
        as_of_phrase=claims.accessed.phrase if claims.accessed else None,
        checks=tuple(checks),
    )


__all__ = [
    "CitationCheck",
    "ClaimCheck",
    "ClaimsReport",
    "Closest",
    "FactCheck",
    "FactEvidence",
    "QuotationCheck",
    "Sighting",
    "UncheckedClaim",
    "check_claims",
]

"""A citation (a named document with a date) against the document's versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.claims import Citation
from tracker.query.claims.context import ClaimContext, end_of, in_force
from tracker.query.model import DocumentRef, VersionInfo
from tracker.store.schema import ChangeRow, Document
from tracker.vocabulary import ClaimKind, ClaimVerdict, Severity, highest_severity


@dataclass(frozen=True, slots=True)
class ChangesBetween:
    """The stored changes from one version to a later one (technical versions excluded)."""

    count: int
    highest: Severity
    versions: int  # how many versions later the second one is


@dataclass(frozen=True, slots=True)
class CitationCheck:
    claim: Citation
    verdict: ClaimVerdict
    reason: str
    document: DocumentRef
    cited_version: VersionInfo | None
    resolved_by: str  # "dated that day", "in force that day", "in force on the access date"
    access_version: VersionInfo | None
    accessed: date
    changes: ChangesBetween | None

    kind = ClaimKind.CITATION

    @property
    def sentence(self) -> str:
        return self.claim.sentence

    @property
    def position(self) -> int:
        return self.claim.position


def check_citation(context: ClaimContext, citation: Citation) -> CitationCheck:
    document = context.by_slug[citation.document]
    versions = context.texts(document).versions
    accessed = citation.accessed.day if citation.accessed else context.as_of
    ref = DocumentRef.of(document)

    def result(
        verdict: ClaimVerdict,
        reason: str,
        cited: VersionInfo | None = None,
        how: str = "",
        at_access: VersionInfo | None = None,
        changes: ChangesBetween | None = None,
    ) -> CitationCheck:
        return CitationCheck(
            citation, verdict, reason, ref, cited, how, at_access, accessed, changes
        )

    if not versions:
        return result(ClaimVerdict.NOT_CHECKED, f"no version of {document.slug} is stored yet")
    at_access = in_force(versions, end_of(accessed))
    if citation.cited is None:
        if at_access is None:
            return result(
                ClaimVerdict.NOT_CHECKED,
                f"the access date {accessed} is before the first version of {document.slug} "
                f"({versions[0].first_seen:%Y-%m-%d})",
            )
        return result(
            ClaimVerdict.SUPPORTED,
            f"{document.slug} v{at_access.number} was in force on {accessed}",
            at_access,
            "in force on the access date",
            at_access,
        )
    cited_day = citation.cited.day
    cited, how, missing = cited_version(versions, cited_day, end_of(accessed))
    if cited is None:
        return result(
            ClaimVerdict.NOT_CHECKED,
            f"{cited_day} is before the tracked history of {document.slug} "
            f"(first version first seen {versions[0].first_seen:%Y-%m-%d})",
        )
    if at_access is None or at_access.number < cited.number:
        at_access = cited
    changes = changes_between(context.session, document, versions, cited, at_access)
    if missing:
        dates = sorted({v.effective_date.isoformat() for v in versions if v.effective_date})
        return result(
            ClaimVerdict.NOT_FOUND,
            f"no version of {document.slug} is dated {cited_day} (its versions are dated "
            f"{', '.join(dates)}); in force then: v{cited.number}",
            cited,
            how,
            at_access,
            changes,
        )
    if changes.highest != Severity.NONE:
        return result(
            ClaimVerdict.STALE,
            f"cites v{cited.number} ({how}), but {document.slug} changed before the access "
            f"date {accessed}: v{at_access.number} was in force, {changes.count} change"
            f"{'s' if changes.count != 1 else ''} later (highest severity {changes.highest})",
            cited,
            how,
            at_access,
            changes,
        )
    same = "" if cited.id == at_access.id else f" (v{at_access.number} has only cosmetic changes)"
    return result(
        ClaimVerdict.SUPPORTED,
        f"cites v{cited.number} ({how}), in force on the access date {accessed}{same}",
        cited,
        how,
        at_access,
        changes,
    )


def cited_version(
    versions: Sequence[VersionInfo], day: date, access_end: datetime
) -> tuple[VersionInfo | None, str, bool]:
    """The version a citation's date names, how it was found, and whether no version
    carries that date although every version is dated (see the module docstring)."""
    dated = [v for v in versions if v.effective_date == day]
    if dated:
        seen = [v for v in dated if v.first_seen <= access_end]
        return (seen[-1] if seen else dated[0]), "dated that day", False
    chosen = in_force(versions, end_of(day))
    dated_before = [v for v in versions if v.effective_date is not None and v.effective_date <= day]
    if dated_before and (chosen is None or dated_before[-1].number > chosen.number):
        chosen = dated_before[-1]
    every_dated = all(v.effective_date is not None for v in versions)
    return chosen, "in force that day", chosen is not None and every_dated


def changes_between(
    session: Session,
    document: Document,
    versions: Sequence[VersionInfo],
    old: VersionInfo,
    new: VersionInfo,
) -> ChangesBetween:
    """The stored changes of every real version after ``old`` up to ``new``."""
    steps = [v.id for v in versions if old.number < v.number <= new.number and not v.technical]
    severities = (
        list(
            session.scalars(
                select(ChangeRow.severity).where(
                    ChangeRow.document_id == document.id, ChangeRow.to_version_id.in_(steps)
                )
            )
        )
        if steps
        else []
    )
    return ChangesBetween(len(severities), highest_severity(severities), new.number - old.number)

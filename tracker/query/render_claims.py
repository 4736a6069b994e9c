"""A page's checked claims as terminal text, JSON or HTML (pure).

Text from the page and from the stored documents is cleaned for the terminal
(:func:`~tracker.render.tables.clean_line`), escaped in HTML (Jinja2 autoescape, the
redline macros of ``templates/_diff_macros.html.j2``) and made safe in JSON
(:func:`~tracker.query.render_json.to_json`).
"""

from __future__ import annotations

from typing import Any

from tracker.query.claims import (
    CitationCheck,
    ClaimCheck,
    ClaimsReport,
    FactCheck,
    QuotationCheck,
    Sighting,
    UncheckedClaim,
)
from tracker.query.model import VersionInfo, format_instant
from tracker.query.render_json import (
    clause_dict,
    day,
    document_dict,
    inline_list,
    instant,
    provenance_dict,
    version_dict,
)
from tracker.query.render_text import word_diff_text
from tracker.render.environment import template_environment
from tracker.render.tables import clean_line, plural
from tracker.vocabulary import ClaimVerdict

_ORDER = (
    ClaimVerdict.SUPPORTED,
    ClaimVerdict.STALE,
    ClaimVerdict.ALTERED,
    ClaimVerdict.CONTRADICTED,
    ClaimVerdict.NOT_FOUND,
    ClaimVerdict.NOT_CHECKED,
)


def render_claims(report: ClaimsReport, fmt: str) -> str:
    """``report`` as ``text``, ``json`` or ``html``."""
    if fmt == "json":
        from tracker.query.render_json import to_json

        return to_json(claims_dict(report)) + "\n"
    if fmt == "html":
        return claims_html(report)
    return claims_text(report)


def counts(report: ClaimsReport) -> dict[str, int]:
    """How many claims have each verdict (only those present), in a fixed order."""
    return {v.value: report.count(v) for v in _ORDER if report.count(v)}


def summary_line(report: ClaimsReport) -> str:
    """``SUPPORTED: 6 supported, 2 not checked``."""
    if not report.checks:
        return "NOTHING TO CHECK: no quotation, citation or fact statement found"
    parts = ", ".join(f"{n} {verdict}" for verdict, n in counts(report).items())
    return f"{report.verdict.value.upper()}: {parts}"


def as_of_text(report: ClaimsReport) -> str:
    if report.as_of_phrase:
        return f'{report.as_of} ("{report.as_of_phrase}")'
    return f"{report.as_of} (today: the page gives no date)"


# --- text -------------------------------------------------------------------------------------


def claims_text(report: ClaimsReport) -> str:
    page = report.page
    scope = ", ".join(page.documents) or "no tracked document"
    lines = [
        f"claims of {clean_line(page.name)}",
        f"checked against: {clean_line(scope)}",
        f"as of:           {clean_line(as_of_text(report))}",
        summary_line(report),
    ]
    for number, check in enumerate(report.checks, start=1):
        lines += ["", *_check_lines(number, check)]
    return "\n".join(lines) + "\n"


def _check_lines(number: int, check: ClaimCheck) -> list[str]:
    head = f"{number}. {check.kind.value} {check.verdict.value.upper()}: {clean_line(check.reason)}"
    said = check.claim.text if isinstance(check, QuotationCheck) else check.sentence
    lines = [head, f'   said:     "{clean_line(said)}"']
    if isinstance(check, QuotationCheck):
        lines += _quotation_lines(check)
    elif isinstance(check, CitationCheck):
        lines += _citation_lines(check)
    elif isinstance(check, FactCheck):
        lines += _fact_lines(check)
    return lines


def _quotation_lines(check: QuotationCheck) -> list[str]:
    lines = []
    if check.passage is not None:
        lines.append(f"   document: {clean_line(check.passage)}")
    if check.inline and check.similarity != 1.0:
        lines.append(f"   diff:     {clean_line(word_diff_text(check.inline))}")
        lines.append("             ([-in the document, not the quotation-] {+in the quotation+})")
    for sighting in check.sightings:
        lines += _sighting_lines(sighting)
    if check.closest is not None:
        closest = check.closest
        clause = closest.clause
        lines.append(
            f"   closest:  {closest.document.slug} v{closest.version.number} clause "
            f"{clause.row_id} ({clause.clause.id}), similarity {closest.similarity:.2f}, "
            f"sha256 {clause.clause.sha256}"
        )
        lines.append(f"   clause:   {clean_line(clause.clause.display_text)}")
    return lines


def _sighting_lines(sighting: Sighting) -> list[str]:
    first, last = sighting.versions[0], sighting.versions[-1]
    lines = [
        f"   in:       {sighting.document.slug} {_versions(sighting.versions)}, first seen "
        f"{format_instant(first.first_seen)} (v{first.number}), last seen "
        f"{format_instant(sighting.last_seen)} (v{last.number})"
    ]
    for clause in sighting.clauses:
        lines.append(
            f"   clause:   {clause.row_id} ({clause.clause.id}) sha256 {clause.clause.sha256}"
        )
    lines.append(f"   version:  v{last.number} text sha256 {last.text_sha256}")
    if sighting.evidence:
        lines.append(f"   cite:     {clean_line(sighting.evidence[-1].citation)}")
    return lines


def _citation_lines(check: CitationCheck) -> list[str]:
    lines = [f"   document: {check.document.slug} (named by {clean_line(check.claim.named_as)})"]
    if check.cited_version is not None:
        lines.append(f"   cited:    {_version_text(check.cited_version)}, {check.resolved_by}")
    if check.access_version is not None:
        lines.append(
            f"   accessed: {check.accessed}: {_version_text(check.access_version)} in force"
        )
    if check.changes is not None and check.changes.versions:
        changes = check.changes
        lines.append(
            f"   between:  {plural(changes.versions, 'version')} later, "
            f"{plural(changes.count, 'change')}, highest severity {changes.highest}"
        )
    return lines


def _fact_lines(check: FactCheck) -> list[str]:
    lines = [f"   fact:     {clean_line(check.claim.question)} -> {check.claim.answer}"]
    for evidence in check.evidence:
        fact = evidence.fact
        lines.append(
            f"   evidence: {evidence.document.slug} v{evidence.version.number}: {fact.answer}, "
            f'"{clean_line(fact.quote or "")}" (clause {fact.clause_row_id}, {fact.clause_id})'
        )
    return lines


def _version_text(version: VersionInfo) -> str:
    dated = f", dated {version.effective_date}" if version.effective_date else ""
    return (
        f"v{version.number} (first seen {format_instant(version.first_seen)}{dated}, "
        f"text sha256 {version.text_sha256[:16]})"
    )


def _versions(versions: tuple[VersionInfo, ...]) -> str:
    numbers = [v.number for v in versions]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"v{numbers[0]}-v{numbers[-1]}"
    return ", ".join(f"v{n}" for n in numbers)


# --- JSON -------------------------------------------------------------------------------------


def claims_dict(report: ClaimsReport) -> dict[str, Any]:
    """The JSON of ``tracker check-claims --format json`` (see the README)."""
    page = report.page
    return {
        "source": page.name,
        "title": page.title,
        "services": list(page.services),
        "documents": list(page.documents),
        "as_of": {"date": day(report.as_of), "stated_as": report.as_of_phrase},
        "verdict": report.verdict.value if report.checks else None,
        "counts": counts(report),
        "claims": [check_dict(c) for c in report.checks],
    }


def check_dict(check: ClaimCheck) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": check.kind.value,
        "verdict": check.verdict.value,
        "reason": check.reason,
        "sentence": check.sentence,
    }
    if isinstance(check, QuotationCheck):
        base.update(_quotation_dict(check))
    elif isinstance(check, CitationCheck):
        base.update(_citation_dict(check))
    elif isinstance(check, FactCheck):
        base.update(_fact_dict(check))
    elif isinstance(check, UncheckedClaim):
        pass
    return base


def _quotation_dict(check: QuotationCheck) -> dict[str, Any]:
    closest = check.closest
    return {
        "quote": check.claim.text,
        "marked_by": check.claim.marks,
        "found": check.finding.value,
        "differences": list(check.differences),
        "similarity": check.similarity,
        "passage": check.passage,
        "inline": inline_list(check.inline),
        "documents": [
            {
                "document": document_dict(s.document),
                "versions": [v.number for v in s.versions],
                "first_seen": instant(s.first_seen),
                "last_seen": instant(s.last_seen),
                "in_force_at_access": s.in_force.number if s.in_force else None,
                "clauses": [clause_dict(c) for c in s.clauses],
                "evidence": [provenance_dict(p) for p in s.evidence],
            }
            for s in check.sightings
        ],
        "closest": (
            {
                "document": document_dict(closest.document),
                "version": version_dict(closest.version),
                "clause": clause_dict(closest.clause),
                "passage": closest.passage,
                "similarity": closest.similarity,
                "inline": inline_list(closest.inline),
            }
            if closest
            else None
        ),
    }


def _citation_dict(check: CitationCheck) -> dict[str, Any]:
    claim = check.claim
    changes = check.changes
    return {
        "document": document_dict(check.document),
        "named_as": claim.named_as,
        "cited": {"date": day(claim.cited.day), "stated_as": claim.cited.phrase}
        if claim.cited
        else None,
        "accessed": {
            "date": day(check.accessed),
            "stated_as": claim.accessed.phrase if claim.accessed else None,
        },
        "page_level": claim.page_level,
        "cited_version": version_dict(check.cited_version) if check.cited_version else None,
        "resolved_by": check.resolved_by or None,
        "access_version": version_dict(check.access_version) if check.access_version else None,
        "changes_between": (
            {
                "versions": changes.versions,
                "count": changes.count,
                "highest_severity": changes.highest.value,
            }
            if changes
            else None
        ),
    }


def _fact_dict(check: FactCheck) -> dict[str, Any]:
    claim = check.claim
    return {
        "fact": claim.fact_id,
        "question": claim.question,
        "label": claim.label,
        "value": claim.value,
        "stated": claim.answer,
        "agreement": check.agreement.value if check.agreement else None,
        "evidence": [
            {
                "document": document_dict(e.document),
                "version": version_dict(e.version),
                "answer": e.fact.answer,
                "quote": e.fact.quote,
                "clause_id": e.fact.clause_row_id,
                "key": e.fact.clause_id,
                "why": e.fact.why,
            }
            for e in check.evidence
        ],
    }


# --- HTML -------------------------------------------------------------------------------------


def claims_html(report: ClaimsReport) -> str:
    """A standalone HTML page (``templates/claims.html.j2``; the report itself is the macro
    ``claims_report`` of ``templates/_claims_macros.html.j2``, for other pages to embed)."""
    template = template_environment().get_template("claims.html.j2")
    return template.render(**claims_html_context(report))


def claims_html_context(report: ClaimsReport) -> dict[str, Any]:
    """What the ``claims_report`` macro needs, for a page that embeds it."""
    return {
        "report": report,
        "summary": summary_line(report),
        "as_of": as_of_text(report),
        "shape": shape,
        "instant": format_instant,
    }


def shape(check: ClaimCheck) -> str:
    """Which details a check has: ``quotation``, ``citation``, ``fact`` or ``unchecked``."""
    if isinstance(check, QuotationCheck):
        return "quotation"
    if isinstance(check, CitationCheck):
        return "citation"
    if isinstance(check, FactCheck):
        return "fact"
    return "unchecked"

"""Terminal text of the history queries' results (pure; stored text cleaned by ``terminal``).

Word diffs are shown as ``[-removed-]{+added+}``, like ``git diff --word-diff``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tracker.model import InlineOp
from tracker.query.model import (
    REPLAYED_NOTE,
    FetchProof,
    Provenance,
    VersionInfo,
    format_instant,
)
from tracker.render.compare import inline_text, judgement_text, render_diff_text, wrapped
from tracker.render.tables import clean, clean_line, plural, table
from tracker.vocabulary import SEVERITIES, Severity

if TYPE_CHECKING:
    from tracker.query.asof import DocumentView
    from tracker.query.changelog import LogEntry
    from tracker.query.history import History
    from tracker.query.lineage import ClauseLineage
    from tracker.query.quote import Closest, QuoteCheck
    from tracker.query.search import PresenceRange, SearchResult
    from tracker.query.verify import VerifyReport
    from tracker.query.versiondiff import VersionDiff


SNIPPET = 80


def word_diff_text(ops: Sequence[InlineOp]) -> str:
    """``[-deleted-]{+inserted+}`` marks, as ``tracker compare`` prints them without colour."""
    return inline_text(ops, color=False)


def history_table(history: History, width: int | None = None) -> str:
    """The versions, newest first (``width``: a terminal's columns to fit)."""
    rows = [
        [
            f"v{e.version.number}",
            format_instant(e.version.first_seen),
            format_instant(e.version.last_verified),
            e.version.text_sha256[:16],
            e.version.clause_count,
            e.version.effective_date.isoformat() if e.version.effective_date else "-",
            e.version.source,
            e.summary,
        ]
        for e in history.entries
    ]
    headers = [
        "version",
        "first seen",
        "last verified",
        "text sha256",
        "clauses",
        "effective",
        "source",
        "changes",
    ]
    shown = len(history.entries)
    if not shown and history.offset:
        footer = (
            f"no versions past the newest {history.offset}: "
            f"{history.document.slug} has {plural(history.total, 'version')}"
        )
    elif history.complete:
        footer = (
            f"{history.total} version{'s' if history.total != 1 else ''} of {history.document.slug}"
        )
    else:
        footer = (
            f"versions {history.offset + 1}-{history.offset + shown} of {history.total} "
            f"(newest first) of {history.document.slug}; --limit / --offset for more"
        )
    shown_table = table(headers, rows, width=width, shorten_first=("changes", "text sha256"))
    return shown_table + clean_line(footer, width) + "\n"


def labelled(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """``label:   value`` lines, values cleaned and flattened, labels aligned (a label too
    long for the column still gets one space before its value)."""
    return [f"{label + ':':<14} {clean_line(value)}" for label, value in pairs]


def provenance_lines(proof: Provenance) -> list[str]:
    version = proof.version
    technical = ""
    if version.technical:
        observed = version.source == "observed"
        technical = "  technical " + ("re-derivation" if observed else "(archive re-extraction)")
    if version.date_only:
        technical = "  date only (only its updated / effective date changed)"
    pairs = [
        ("document", f"{proof.document.slug} ({proof.document.title})"),
        ("version", f"v{version.number} (id {version.id}){technical}"),
        ("first seen", format_instant(version.first_seen)),
        (
            "last verified",
            f"{format_instant(version.last_verified)} "
            f"({plural(proof.fetch_count, 'fetch', 'fetches')})",
        ),
        ("text sha256", version.text_sha256),
        ("raw sha256", version.raw_sha256 or "-"),
        ("source", proof.source_url + (f" ({REPLAYED_NOTE})" if proof.replayed else "")),
        ("recorded from", version.source),
    ]
    for label, fetch in (("created by", proof.first_fetch), ("last seen by", proof.last_fetch)):
        if fetch is not None:
            pairs.append((label, fetch_line(fetch)))
    if proof.next_version is not None:
        following = proof.next_version
        pairs.append(
            ("replaced by", f"v{following.number} on {format_instant(following.first_seen)}")
        )
    return labelled(pairs)


def fetch_line(fetch: FetchProof) -> str:
    """``fetch 4 at 2025-05-06 03:00 UTC, HTTP 200, changed, https://...`` and, for a page
    that is not our own fetch, where it came from."""
    line = (
        f"fetch {fetch.id} at {format_instant(fetch.started_at)}, "
        f"HTTP {fetch.http_status or '-'}, {fetch.outcome}, {fetch.source_url}"
    )
    line += ", replayed" if fetch.replayed else ""
    return line if fetch.observed else f"{line}; {fetch.origin}"


def view_header(view: DocumentView) -> str:
    lines = []
    if view.asked_at is not None:
        asked = f"{view.asked_at.text} (until {format_instant(view.asked_at.end)})"
        lines = labelled([("as of", asked)])
    lines += provenance_lines(view.provenance)
    if view.asked_at is not None:
        lines += labelled([("rests on", rests_on(view.provenance))])
    return "\n".join(lines + changes_lines(view)) + "\n"


def changes_lines(view: DocumentView) -> list[str]:
    """What made this version: a count per severity, then each change that matters, with its
    direction and reason (``high, expands: retention period lengthened: ...``)."""
    if view.previous is None:
        return []
    counts = Counter(c.severity for c in view.changes)
    summary = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s]) or "none recorded"
    lines = labelled([(f"changes from v{view.previous}", summary)])
    for change in view.changes:
        if change.severity.rank >= Severity.MEDIUM.rank:
            where = " > ".join((change.new or change.old)[0].path)
            lines.append(clean_line(f"  {judgement_text(change, False)}  in {where or '(top)'}"))
    return lines


def rests_on(proof: Provenance) -> str:
    """What an as-of answer rests on (see :attr:`Provenance.rests_on`)."""
    fetch = proof.rests_on
    if fetch is None:
        return "no stored fetch"
    replayed = f" ({REPLAYED_NOTE})" if fetch.replayed else ""
    return f"{fetch.origin} of {format_instant(fetch.started_at)}{replayed}"


def view_text(view: DocumentView) -> str:
    return view_header(view) + "\n" + clean(view.text)


def log_table(entries: tuple[LogEntry, ...], width: int | None = None) -> str:
    """The changes, one a line (``width``: a terminal's columns to fit)."""
    rows = [
        [
            format_instant(e.recorded_at),
            e.document.slug,
            f"v{e.from_version}->v{e.to_version}"
            + ("" if e.source == "observed" else f" {e.source}"),
            e.change.kind + (f" ({e.change.detail})" if e.change.detail else ""),
            e.change.severity,
            ", ".join(e.change.topics) or "-",
            clean_line(_change_text(e), SNIPPET),
        ]
        for e in entries
    ]
    headers = ["recorded", "document", "versions", "kind", "severity", "topics", "clause"]
    return (
        table(headers, rows, width=width, shorten_first=("clause", "topics", "document"))
        + f"{len(entries)} change{'s' if len(entries) != 1 else ''}\n"
    )


def _change_text(entry: LogEntry) -> str:
    side = entry.change.new or entry.change.old
    return " / ".join(c.display_text for c in side)


def range_text(presence: PresenceRange) -> str:
    span = (
        f"v{presence.first.number}"
        if presence.first.number == presence.last.number
        else f"v{presence.first.number}-v{presence.last.number}"
    )
    start = f"from {format_instant(presence.first.first_seen)}"
    if presence.gone_in is None:
        return f"{span} ({start}, still present)"
    return (
        f"{span} ({start}, gone in v{presence.gone_in.number} on "
        f"{format_instant(presence.gone_in.first_seen)})"
    )


def search_text(result: SearchResult, width: int | None = None) -> str:
    if not result.documents:
        return f"not found: {clean_line(result.phrase, SNIPPET)}\n"
    out = []
    for d in result.documents:
        out.append(f"{d.document.slug}: " + "; ".join(range_text(r) for r in d.ranges))
        rows = [
            [
                lineage.lineage_id,
                ", ".join(range_text(r) for r in lineage.ranges),
                clean_line(lineage.text, SNIPPET),
            ]
            for lineage in d.lineages
        ]
        headers = ["lineage", "present", "clause"]
        out.append(table(headers, rows, width=width, shorten_first=("clause",)))
    return "\n".join(out)


def version_span(versions: Iterable[VersionInfo]) -> str:
    numbers = sorted(v.number for v in versions)
    return ", ".join(f"v{n}" for n in numbers) or "none"


def quote_text(check: QuoteCheck) -> str:
    where = (
        f" as of {clean_line(check.asked_at.text)} (v{check.at_version.number})"
        if check.asked_at and check.at_version
        else ""
    )
    verdict = "FOUND" if check.found else "NOT FOUND"
    manner = ""
    if check.found:
        manner = " verbatim" if check.verbatim else " after normalising spaces, quotes and case"
    lines = [f"{verdict}{manner} in {check.document.slug}{where}"]
    lines.append(f"in versions:   {version_span(m.version for m in check.matches)}")
    if check.matches:
        first, last = check.matches[0].version, check.matches[-1].version
        lines.append(f"first seen:    {format_instant(first.first_seen)} (v{first.number})")
        lines.append(f"last seen:     {format_instant(last.last_verified)} (v{last.number})")
        clauses = check.matches[-1].clauses
        lines.append(
            f"{'clauses:' if len(clauses) > 1 else 'clause:':<15}"
            + ", ".join(f"{c.row_id} ({c.clause.id})" for c in clauses)
        )
    if check.closest is not None:
        closest = check.closest
        lines += [
            "",
            f"closest clause: {closest.clause.row_id} ({closest.clause.clause.id}) in "
            f"v{closest.version.number}, similarity {closest.similarity:.2f}",
            f"  document: {clean_line(passage_shown(closest))}",
            f"  diff:     {clean_line(word_diff_text(closest.inline))}",
            "  ([-in the document, not the quotation-] {+in the quotation, not the document+})",
        ]
    for proof in check.evidence:
        lines += ["", "evidence:", *("  " + line for line in provenance_lines(proof))]
        lines.append("  cite: " + clean_line(proof.citation))
    return "\n".join(lines) + "\n"


def passage_shown(closest: Closest) -> str:
    """The closest passage as shown: with ``…`` where its clause goes on before or after it."""
    before, after = closest.goes_on
    return f"{'… ' if before else ''}{closest.passage}{' …' if after else ''}"


def lineage_text(lineage: ClauseLineage) -> str:
    current = lineage.current
    lines = [
        f"clause lineage {lineage.lineage_id} of {lineage.document.slug} (key {current.clause.id})",
        f"first tracked: {format_instant(lineage.first_tracked)}",
        f"last verified: {format_instant(lineage.last_verified)}",
    ]
    if lineage.removed_in is not None:
        lines.append(
            f"removed in:    v{lineage.removed_in.number} on "
            f"{format_instant(lineage.removed_in.first_seen)}"
        )
    for w in lineage.wordings:
        span = f"v{w.first.number}" + (
            f"-v{w.last.number}" if w.last.number != w.first.number else ""
        )
        lines += [
            "",
            f"{span}  {format_instant(w.first.first_seen)}  clause {w.clause.row_id}  "
            f"sha256 {w.clause.clause.sha256[:16]}",
            "  " + " > ".join(clean_line(p) for p in w.clause.clause.path),
            "  "
            + clean_line(
                w.clause.clause.display_text if not w.inline else word_diff_text(w.inline)
            ),
        ]
    return "\n".join(lines) + "\n"


def verify_text(report: VerifyReport) -> str:
    lines = [
        f"checked {report.blobs} blobs, {report.versions} versions, {report.clauses} clauses, "
        f"{report.fetches} fetches"
    ]
    if report.ok:
        lines.append("every stored hash matches")
    else:
        lines.append(
            f"{len(report.mismatches)} mismatch{'es' if len(report.mismatches) != 1 else ''}:"
        )
        lines += ["  " + clean_line(m.message) for m in report.mismatches]
    return "\n".join(lines) + "\n"


def version_name(proof: Provenance) -> str:
    """``together-ai/terms-of-service v4 (first seen 2026-03-02 03:00 UTC, sha256 0a23...)``."""
    version = proof.version
    return (
        f"{proof.document.slug} v{version.number} (first seen "
        f"{format_instant(version.first_seen)}, text sha256 {version.text_sha256[:16]})"
    )


def diff_source(result: VersionDiff) -> str:
    if result.stored:
        return f"diff stored when v{result.new.version.number} was recorded"
    graded = "graded with the current rule file" if result.graded else "no topics or severity"
    return f"diff computed now from the two versions' stored clauses ({graded})"


def version_diff_text(result: VersionDiff, color: bool, width: int | None = None) -> str:
    """As ``tracker compare`` prints it, named by version, then where the diff comes from."""
    text = render_diff_text(
        result.diff, color, version_name(result.old), version_name(result.new), width=width
    )
    first, rest = text.split("\n", 2)[:2], text.split("\n", 2)[2]
    return "\n".join([*first, *wrapped(diff_source(result), width, ""), rest])

"""Composing a digest (pure): from :class:`DigestData` to what the templates show.

This is where the editorial decisions live, so the templates stay simple:

- documents are ordered by their most severe change, then by name;
- substantive changes (modified, added, removed) are listed in reading order with their
  section path, kind, severity, topics and word-level operations; long unchanged stretches
  inside a modified clause are shortened to :data:`KEEP_WORDS` words on each side;
- cosmetic changes and moved clauses are folded into one line each per version step;
- each change carries the unchanged clause before it as context, unless that clause is the
  section heading already shown in its path;
- the subject line says what happened: counts, the highest severity, and which documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from tracker.digest.model import (
    DigestData,
    DocumentRef,
    FailureNote,
    NewDocument,
    ReportedChange,
    VersionChanges,
    VersionEvidence,
)
from tracker.facts import FactChange
from tracker.model import Change, InlineOp
from tracker.render.links import absolute, change_anchor, redline_path, version_path
from tracker.render.tables import plural
from tracker.vocabulary import SEVERITIES, Direction, Severity, highest_severity

#: Unchanged words kept on each side of an edit inside a modified clause.
KEEP_WORDS = 20
#: Words of the context clause shown before a change.
CONTEXT_WORDS = 30
#: Samples listed on a folded line (cosmetic or moved) before "and N more".
FOLDED_SAMPLES = 3
#: Characters of a sample on a folded line.
SAMPLE_CHARS = 60
#: Documents named in the subject line before "and N more".
SUBJECT_DOCUMENTS = 2
#: High and medium changes listed at the top of the digest.
HIGHLIGHTS = 8
#: Words of a clause quoted in that list.
EXCERPT_WORDS = 14

SUBSTANTIVE_KINDS = ("modified", "added", "removed")
FOLDED_KINDS = ("cosmetic", "moved")
GAP = "gap"
_WORD_RUN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class ViewOp:
    """One run of text inside a shown clause: ``equal``, ``insert``, ``delete`` or ``gap``
    (unchanged words left out; ``text`` says how many)."""

    tag: str
    text: str


@dataclass(frozen=True, slots=True)
class ChangeView:
    """A substantive change as shown: where it is, what kind, how much it matters, and how."""

    kind: str
    detail: str | None
    severity: Severity
    topics: tuple[str, ...]
    path: tuple[str, ...]
    direction: Direction
    reason: str | None
    old_path: tuple[str, ...] | None  # set when the clause moved to another section
    clause_kind: str
    ops: tuple[ViewOp, ...]
    context: str | None
    anchor: str = ""
    excerpt: str = ""
    redline_url: str | None = None  # the change in the web UI's redline (TRACKER_PUBLIC_URL)
    change_id: int | None = None
    listed: bool = False  # over the e-mail's size budget: one line and a link, no redline


@dataclass(frozen=True, slots=True)
class Highlight:
    """A high or medium change listed at the top, linking to where it is shown in full."""

    document: DocumentRef
    change: ChangeView


@dataclass(frozen=True, slots=True)
class FoldedLine:
    """Cosmetic changes (or moved clauses) of one version step, on one line."""

    kind: str
    count: int
    details: tuple[tuple[str, int], ...]  # ("case", 2), ("punctuation", 1)...
    samples: tuple[str, ...]
    more: int


@dataclass(frozen=True, slots=True)
class StepView:
    """The changes from one version of a document to the next."""

    old: VersionEvidence
    new: VersionEvidence
    changes: tuple[ChangeView, ...]
    folded: tuple[FoldedLine, ...]
    unchanged: int
    highest: Severity
    redline_url: str | None = None  # the web UI's redline of this step (TRACKER_PUBLIC_URL)

    @property
    def listed(self) -> int:
        """Changes shown as one line (past the e-mail's size budget)."""
        return sum(1 for change in self.changes if change.listed)


@dataclass(frozen=True, slots=True)
class SectionView:
    """One document and every version step of it in this digest."""

    document: DocumentRef
    anchor: str
    steps: tuple[StepView, ...]
    highest: Severity
    counts: dict[str, int]  # substantive changes per severity
    folded: int

    @property
    def substantive(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class DigestView:
    """Everything the digest templates need, already decided."""

    subject: str
    preheader: str
    generated_at: datetime
    since: datetime | None
    first_seen: datetime | None
    last_seen: datetime | None
    sections: tuple[SectionView, ...]
    totals: dict[str, int]
    folded: int
    highlights: tuple[Highlight, ...]
    more_highlights: int
    new_documents: tuple[NewDocument, ...]
    failures: tuple[FailureNote, ...]
    fact_changes: tuple[FactChange, ...]
    list_unsubscribe: tuple[str, ...]
    version_urls: dict[str, str] = field(default_factory=dict)  # new documents, by slug
    subscription: str | None = None  # named in the message when it is not the default one
    hidden_changes: int = 0  # left out past the e-mail's size budget (counted, linked)
    more_link: str | None = None  # where the left-out changes can be read

    @property
    def substantive(self) -> int:
        return sum(self.totals.values())

    @property
    def listed(self) -> int:
        """Changes shown as one line each (past the e-mail's size budget)."""
        return sum(step.listed for section in self.sections for step in section.steps)

    def changes(self) -> list[tuple[SectionView, StepView, ChangeView]]:
        """Every substantive change with its document and version step, in display order."""
        return [
            (section, step, change)
            for section in self.sections
            for step in section.steps
            for change in step.changes
        ]

    @property
    def severities(self) -> tuple[Severity, ...]:
        return SEVERITIES


def severity_rank(severity: str) -> int:
    """0 for high ... 3 for none (unknown values rank as none)."""
    names: tuple[str, ...] = SEVERITIES
    return names.index(severity) if severity in names else len(names) - 1


def is_substantive(change: Change) -> bool:
    return change.kind in SUBSTANTIVE_KINDS


def compose_digest(
    data: DigestData,
    *,
    list_unsubscribe: Sequence[str] = (),
    topic_labels: Mapping[str, str] | None = None,
    public_url: str | None = None,
    subscription: str | None = None,
) -> DigestView:
    """Decide what the digest shows and in which order.

    ``topic_labels`` gives the display name of each topic id (from the rule file); topics
    without a label are shown by their id. With ``public_url`` (``TRACKER_PUBLIC_URL``) each
    version step and change links to its redline in the web UI, each new document to its
    first version.
    """
    labels = topic_labels or {}
    sections = tuple(
        sorted(
            (
                _section(doc, steps, labels, public_url)
                for doc, steps in _group_by_document(data.transitions)
            ),
            key=lambda s: (severity_rank(s.highest), -s.substantive, s.document.name),
        )
    )
    totals: dict[str, int] = {severity: 0 for severity in SEVERITIES}
    for section in sections:
        for severity, n in section.counts.items():
            totals[severity] += n
    folded = sum(s.folded for s in sections)
    seen = [t.new.fetched_at for t in data.transitions] + [
        n.version.fetched_at for n in data.new_documents
    ]
    subject = digest_subject(
        sections, totals, folded, data.new_documents, data.failures, data.fact_changes
    )
    severe = most_severe(sections)
    return DigestView(
        subject=subject,
        preheader=_preheader(sections, totals),
        generated_at=data.generated_at,
        since=data.since,
        first_seen=min(seen) if seen else None,
        last_seen=max(seen) if seen else None,
        sections=sections,
        totals=totals,
        folded=folded,
        highlights=tuple(severe[:HIGHLIGHTS]),
        more_highlights=max(0, len(severe) - HIGHLIGHTS),
        new_documents=data.new_documents,
        failures=data.failures,
        fact_changes=data.fact_changes,
        list_unsubscribe=tuple(list_unsubscribe),
        version_urls={
            n.document.slug: absolute(public_url, version_path(n.document.slug, n.version.number))
            for n in data.new_documents
            if public_url
        },
        subscription=subscription,
    )


def most_severe(sections: Sequence[SectionView]) -> list[Highlight]:
    """The high, then medium changes, each group in the order the digest shows them."""
    found = [
        Highlight(section.document, change)
        for section in sections
        for step in section.steps
        for change in step.changes
        if change.severity in ("high", "medium")
    ]
    return sorted(found, key=lambda h: severity_rank(h.change.severity))


def _group_by_document(
    transitions: Sequence[VersionChanges],
) -> list[tuple[DocumentRef, list[VersionChanges]]]:
    groups: dict[str, tuple[DocumentRef, list[VersionChanges]]] = {}
    for transition in transitions:
        groups.setdefault(transition.document.slug, (transition.document, []))[1].append(transition)
    return [(doc, sorted(steps, key=lambda t: t.new.number)) for doc, steps in groups.values()]


def _section(
    document: DocumentRef,
    transitions: Sequence[VersionChanges],
    labels: Mapping[str, str],
    public_url: str | None = None,
) -> SectionView:
    steps = tuple(_step(t, labels, public_url) for t in transitions)
    counts: dict[str, int] = {severity: 0 for severity in SEVERITIES}
    for step in steps:
        for change in step.changes:
            counts[change.severity] += 1
    return SectionView(
        document=document,
        anchor="doc-" + re.sub(r"[^a-z0-9]+", "-", document.slug.lower()).strip("-"),
        steps=steps,
        highest=highest_severity(s.highest for s in steps),
        counts=counts,
        folded=sum(line.count for step in steps for line in step.folded),
    )


def step_redline_url(
    transition: VersionChanges, public_url: str | None, anchor: str | None = None
) -> str | None:
    """The web UI's redline of one version step (at ``anchor``), when the UI has an address."""
    if not public_url:
        return None
    path = redline_path(
        transition.document.slug, transition.old.number, transition.new.number, anchor=anchor
    )
    return absolute(public_url, path)


def _step(
    transition: VersionChanges, labels: Mapping[str, str], public_url: str | None = None
) -> StepView:
    shown = [r for r in transition.changes if is_substantive(r.change)]
    changes = tuple(
        change_view(
            r,
            labels,
            redline_url=step_redline_url(transition, public_url, change_anchor(r.change)),
        )
        for r in shown
    )
    folded = tuple(
        line
        for kind in FOLDED_KINDS
        if (
            line := _folded_line(
                kind, [r.change for r in transition.changes if r.change.kind == kind]
            )
        )
    )
    return StepView(
        old=transition.old,
        new=transition.new,
        changes=changes,
        folded=folded,
        unchanged=transition.unchanged,
        highest=highest_severity(c.severity for c in changes),
        redline_url=step_redline_url(transition, public_url),
    )


def change_view(
    reported: ReportedChange,
    labels: Mapping[str, str] | None = None,
    *,
    redline_url: str | None = None,
) -> ChangeView:
    """How one substantive change is shown (topics by their label when ``labels`` has one)."""
    change = reported.change
    clause = (change.new or change.old)[0]
    # where it was, for a clause the diff found in another section (not a renamed heading)
    old_path = change.old[0].path if change.old and change.detail == "moved" else None
    return ChangeView(
        kind=change.kind,
        detail=change.detail,
        severity=change.severity,
        topics=tuple((labels or {}).get(topic, topic) for topic in change.topics),
        path=clause.path,
        direction=change.direction,
        reason=change.reason,
        old_path=old_path if old_path is not None and old_path != clause.path else None,
        clause_kind=clause.kind,
        ops=_ops(change),
        context=_context(reported),
        anchor=f"change-{reported.change_id}",
        excerpt=shorten_words(clause.display_text, EXCERPT_WORDS),
        redline_url=redline_url,
        change_id=reported.change_id,
    )


def _ops(change: Change) -> tuple[ViewOp, ...]:
    if change.kind == "added":
        return tuple(ViewOp("insert", c.display_text) for c in change.new)
    if change.kind == "removed":
        return tuple(ViewOp("delete", c.display_text) for c in change.old)
    if change.inline:
        return elide_equal_runs(change.inline)
    old = "\n".join(c.display_text for c in change.old)
    new = "\n".join(c.display_text for c in change.new)
    return (ViewOp("delete", old), ViewOp("equal", " "), ViewOp("insert", new))


def elide_equal_runs(ops: Sequence[InlineOp], keep: int = KEEP_WORDS) -> tuple[ViewOp, ...]:
    """The ops with long unchanged stretches cut to ``keep`` words beside each edit.

    A stretch is only cut when that saves more than ``keep`` words, so a short clause is
    always shown whole. Insertions and deletions are never cut.
    """
    out: list[ViewOp] = []
    last = len(ops) - 1
    for index, op in enumerate(ops):
        if op.tag != "equal":
            out.append(ViewOp(op.tag, op.text))
            continue
        words = _WORD_RUN.findall(op.text)
        head = 0 if index == 0 else keep
        tail = 0 if index == last else keep
        if len(words) - head - tail <= keep:
            out.append(ViewOp("equal", op.text))
            continue
        if head:
            out.append(ViewOp("equal", "".join(words[:head])))
        out.append(ViewOp(GAP, str(len(words) - head - tail)))
        if tail:
            out.append(ViewOp("equal", "".join(words[-tail:])))
    return tuple(out)


def _context(reported: ReportedChange) -> str | None:
    context = reported.context
    if context is None:
        return None
    clause = (reported.change.new or reported.change.old)[0]
    if context.kind == "heading" and (
        context.display_text in clause.path or context.text in clause.path
    ):
        return None
    return shorten_words(context.display_text, CONTEXT_WORDS)


def shorten_words(text: str, limit: int) -> str:
    """``text`` cut after ``limit`` words, with an ellipsis when it was cut."""
    words = text.split()
    return " ".join(words) if len(words) <= limit else " ".join(words[:limit]) + " …"


def _folded_line(kind: str, changes: Sequence[Change]) -> FoldedLine | None:
    if not changes:
        return None
    details = Counter(c.detail or ("moved" if kind == "moved" else "other") for c in changes)
    samples = [_sample(c) for c in changes[:FOLDED_SAMPLES]]
    return FoldedLine(
        kind=kind,
        count=len(changes),
        details=tuple(sorted(details.items(), key=lambda item: (-item[1], item[0]))),
        samples=tuple(samples),
        more=max(0, len(changes) - FOLDED_SAMPLES),
    )


def _sample(change: Change) -> str:
    text = " ".join((change.new or change.old)[0].display_text.split())
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1].rstrip() + "…"


def digest_subject(
    sections: Sequence[SectionView],
    totals: dict[str, int],
    folded: int,
    new_documents: Sequence[NewDocument],
    failures: Sequence[FailureNote],
    fact_changes: Sequence[FactChange] = (),
) -> str:
    """One line that says what happened.

    E.g. ``3 changes in 2 documents, 1 high: Together AI Terms of Service``;
    ``2 cosmetic changes in 1 document: ...; 1 key fact changed``;
    ``No changes; 1 document failing``.
    """
    parts: list[str] = []
    substantive = sum(totals.values())
    if sections:
        documents = plural(len(sections), "document")
        if substantive:
            head = f"{plural(substantive, 'change')} in {documents}"
        else:
            head = f"{plural(folded, 'cosmetic change')} in {documents}"
        top = next((s for s in ("high", "medium") if totals.get(s)), None)
        if top is not None:
            head += f", {totals[top]} {top}"
            named = [s for s in sections if s.counts[top]]
        else:
            named = list(sections)
        names = ", ".join(s.document.name for s in named[:SUBJECT_DOCUMENTS])
        if len(named) > SUBJECT_DOCUMENTS:
            names += f" and {len(named) - SUBJECT_DOCUMENTS} more"
        parts.append(f"{head}: {names}")
    if fact_changes:
        parts.append(f"{plural(len(fact_changes), 'key fact')} changed")
    if new_documents:
        parts.append(f"now tracking {plural(len(new_documents), 'new document')}")
    if failures:
        parts.append(f"{plural(len(failures), 'document')} failing")
    if not sections and not new_documents:
        parts.insert(0, "No changes")
    subject = "; ".join(parts)
    return subject[0].upper() + subject[1:]


def _preheader(sections: Sequence[SectionView], totals: dict[str, int]) -> str:
    """The line mail clients show after the subject in the inbox list."""
    if not sections:
        return "No document changed since the last digest."
    counts = ", ".join(
        f"{n} {severity}" for severity, n in totals.items() if n and severity != "none"
    )
    names = ", ".join(s.document.name for s in sections)
    return f"{names}. Severity: {counts}." if counts else f"{names}."


def clip_view(
    view: DigestView, *, inline: int, listed: int, more_link: str | None = None
) -> DigestView:
    """``view`` cut for a size budget: the ``inline`` most severe changes (high first, then in
    display order) keep their redline, the next ``listed`` are one line each with a link, and
    the rest are only counted (``hidden_changes``; version steps left with nothing to show are
    left out). The summary keeps every count; the changes keep their order.
    """
    every = view.changes()
    ranked = sorted(range(len(every)), key=lambda i: (severity_rank(every[i][2].severity), i))
    shown_inline = set(ranked[:inline])
    shown_listed = set(ranked[inline : inline + listed])
    position = 0
    hidden = 0
    sections: list[SectionView] = []
    for section in view.sections:
        steps: list[StepView] = []
        for step in section.steps:
            changes: list[ChangeView] = []
            for change in step.changes:
                if position in shown_inline:
                    changes.append(change)
                elif position in shown_listed:
                    changes.append(replace(change, listed=True, ops=()))
                else:
                    hidden += 1
                position += 1
            if changes or not step.changes:
                steps.append(replace(step, changes=tuple(changes)))
        if steps:
            sections.append(replace(section, steps=tuple(steps)))
    return replace(
        view,
        sections=tuple(sections),
        hidden_changes=view.hidden_changes + hidden,
        more_link=more_link if hidden else view.more_link,
    )

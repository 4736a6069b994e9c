"""Extracting a fetched page: the text and, under the rule file, each clause's topics.

:func:`extract_page` is pure (bytes and values in, values out), so it runs the same in the
recording thread or in a worker process of :mod:`tracker.run.extraction_pool` on nights with
many changed pages. Its result travels back whole: the extracted document, or the input error
that says why there is no text (errors pickle, see :class:`tracker.errors.TrackerError`), and
the topics of every clause, in clause order, the answers to the key facts, the guards'
facts about the text (its words and languages) and, in a worker process, the raw page and the
canonical text compressed as blobs store them: computed here, they cost the recording thread
nothing. :func:`compare_with_base` adds the classified diff against the version the page will
follow (its clauses read by the recording thread before the page was sent off): on a night
with changes, the diff and its classification were most of the recording thread's work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tracker.classify import FactAnswer, RuleSet, answer_facts, topics_fingerprint, topics_of
from tracker.errors import InputError
from tracker.fetch import FetchedPage
from tracker.guard.text import TextFacts, text_facts
from tracker.model import ClauseDiff, ExtractedDocument, sha256_hex
from tracker.registry import DocumentSpec
from tracker.store.clause_records import ClauseRecord, clause_from_row
from tracker.track.pages import ChangeClassifier, page_address


@dataclass(frozen=True, slots=True)
class Base:
    """The version a page is expected to follow when it is recorded: its id, its clause rows
    (as :func:`tracker.store.records.version_clause_records` reads them), its text's SHA-256,
    and the guards' facts about that text: stored with the version (``facts``), else worked
    out from the text itself (``text``: a version stored without them)."""

    version_id: int
    rows: Sequence[ClauseRecord]
    text_sha256: str
    facts: TextFacts | None = None
    text: str | None = None
    #: what the topics of ``rows`` were found under (:func:`tracker.classify.topics_fingerprint`;
    #: None: unknown, they stand for nothing)
    topics_fingerprint: str | None = None

    def known_topics(self, rules: RuleSet) -> dict[str, tuple[str, ...]]:
        """The topics of ``rows`` by text, when they were found under ``rules``' fingerprint
        (what :func:`topics_of` would find again: a page's clauses that keep their text take
        them from here); else none."""
        fingerprint = topics_fingerprint(rules)
        if fingerprint is None or fingerprint != self.topics_fingerprint:
            return {}
        return {row.text: tuple(row.topics) for row in self.rows if row.topics is not None}

    def text_facts(self) -> TextFacts:
        if self.facts is not None:
            return self.facts
        if self.text is None:
            raise ValueError(f"base version {self.version_id}: neither its facts nor its text")
        return text_facts(self.text)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A page's classified diff against the version ``base_version_id``, and the guards' facts
    about that version's text (what the page's text is screened against). The recorder uses
    them only if that version is still the document's latest when it records the page
    (otherwise it works them out again), with that version's clause rows as they are then (a
    history import can relink their lineages meanwhile; their texts never change)."""

    base_version_id: int
    diff: ClauseDiff
    base_facts: TextFacts


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a page's bytes gave: ``document`` or ``error``; ``topics`` per clause and
    ``answers`` to the key facts (None when no rule file was given); ``facts``: the guards'
    facts about ``document``'s text; ``frames``: blobs ready to store, by SHA-256 (the page's
    bytes and the canonical text, each as :func:`tracker.store.blobs.compress` makes it);
    ``comparison``: the diff against the version the page should follow, when made here."""

    document: ExtractedDocument | None
    error: InputError | None = None
    topics: tuple[tuple[str, ...], ...] | None = None
    facts: TextFacts | None = None
    answers: tuple[FactAnswer, ...] | None = None
    frames: tuple[tuple[str, bytes], ...] = ()
    comparison: Comparison | None = None
    #: the base ``comparison`` was made against, as the recording thread read it before it
    #: sent the page off: set by the recording thread when the page comes back (a worker
    #: process never sends it back), so that the recorder need not read that version's
    #: clause rows whole a second time (see :func:`tracker.track.record.store_new_version`)
    base: Base | None = field(default=None, repr=False)

    def frame(self, digest: str | None) -> bytes | None:
        """The compressed blob of the bytes hashed ``digest``, when made here."""
        return next((frame for key, frame in self.frames if key == digest), None)


def extract_page(
    page: FetchedPage,
    spec: DocumentSpec,
    rules: RuleSet | None,
    *,
    facts: bool = True,
    compress: bool = False,
) -> Extraction:
    """Extract ``page`` as fetched for ``spec`` (its final URL, content type and rules);
    ``facts``: work out the guards' facts about the text too (in a worker process; inline,
    the screening works them out if it needs them); ``compress``: make the blobs of the page
    and of its text too (in a worker process; inline, storing them compresses them)."""
    from tracker.extract import extract_bytes  # the parsers load on first use
    from tracker.store.compression import compress as compress_blob

    frames: tuple[tuple[str, bytes], ...] = ()
    if compress:
        frames = ((page.sha256 or sha256_hex(page.body), compress_blob(page.body)),)
    try:
        document = extract_bytes(
            page.body,
            content_type=page.content_type,
            name=page.final_url,
            rules=spec.rules,
            base_url=page_address(spec.url, page.final_url),
        )
    except InputError as exc:
        return Extraction(document=None, error=exc, frames=frames)
    topics = answers = None
    if rules is not None:
        topics = tuple(topics_of(clause.text, rules) for clause in document.clauses)
        answers = answer_facts(document.clauses, rules, topics=topics)
    found = text_facts(document.canonical_text) if facts else None
    if compress:
        text = document.canonical_text.encode("utf-8")
        frames += ((document.text_sha256, compress_blob(text)),)
    return Extraction(document=document, topics=topics, facts=found, answers=answers, frames=frames)


def compare_with_base(extraction: Extraction, base: Base, classify: ChangeClassifier) -> Extraction:
    """``extraction`` with its diff against ``base``, classified by ``classify`` (the pipeline's
    hook, the same call the recorder would make), and the facts about ``base``'s text;
    unchanged when the page gave no text or ``base``'s text (new bytes, the same text: the
    recorder verifies the version, no diff is needed)."""
    document = extraction.document
    if document is None or document.text_sha256 == base.text_sha256:
        return extraction
    from tracker.diff import diff_clauses  # not imported by a night that diffs nothing

    old = [clause_from_row(row) for row in base.rows]
    diff = classify(diff_clauses(old, document.clauses))
    facts = base.text_facts()
    return replace(extraction, comparison=Comparison(base.version_id, diff, facts))

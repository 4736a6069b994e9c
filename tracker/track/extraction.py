"""Extracting a fetched page: the text and, under the rule file, each clause's topics.

:func:`extract_page` is pure (bytes and values in, values out), so it runs the same in the
recording thread or in a worker process of :mod:`tracker.run.extraction_pool` on nights with
many changed pages. Its result travels back whole: the extracted document, or the input error
that says why there is no text (errors pickle, see :class:`tracker.errors.TrackerError`), and
the topics of every clause, in clause order, the answers to the key facts and the guards'
facts about the text (its words and languages): computed here, they cost the recording thread
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.classify import FactAnswer, RuleSet, answer_facts, topics_of
from tracker.errors import InputError
from tracker.fetch import FetchedPage
from tracker.guard.text import TextFacts, text_facts
from tracker.model import ExtractedDocument
from tracker.registry import DocumentSpec
from tracker.track.context import page_address


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a page's bytes gave: ``document`` or ``error``; ``topics`` per clause and
    ``answers`` to the key facts (None when no rule file was given); ``facts``: the guards'
    facts about ``document``'s text."""

    document: ExtractedDocument | None
    error: InputError | None = None
    topics: tuple[tuple[str, ...], ...] | None = None
    facts: TextFacts | None = None
    answers: tuple[FactAnswer, ...] | None = None


def extract_page(
    page: FetchedPage, spec: DocumentSpec, rules: RuleSet | None, *, facts: bool = True
) -> Extraction:
    """Extract ``page`` as fetched for ``spec`` (its final URL, content type and rules);
    ``facts``: work out the guards' facts about the text too (in a worker process; inline,
    the screening works them out if it needs them)."""
    from tracker.extract import extract_bytes  # the parsers load on first use

    try:
        document = extract_bytes(
            page.body,
            content_type=page.content_type,
            name=page.final_url,
            rules=spec.rules,
            base_url=page_address(spec.url, page.final_url),
        )
    except InputError as exc:
        return Extraction(document=None, error=exc)
    topics = answers = None
    if rules is not None:
        topics = tuple(topics_of(clause.text, rules) for clause in document.clauses)
        answers = answer_facts(document.clauses, rules, topics=topics)
    found = text_facts(document.canonical_text) if facts else None
    return Extraction(document=document, topics=topics, facts=found, answers=answers)

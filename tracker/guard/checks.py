"""The anomaly guards: is tonight's page really the document, or something in its place?

:func:`check_page` looks at one fetched page, what extraction made of it, and the facts of the
last recorded version, and names a suspicion or returns ``None``. Pure: values in, value out.

In order:

1. a wall or error-page marker (:mod:`tracker.guard.markers`) on a page whose text is short,
   shrank, or could not be extracted: ``bot-wall``, ``captcha``, ``login-wall``,
   ``cookie-wall``, ``error-page``;
2. ``near-empty``: fewer than ``near_empty_words`` words (unless the last version was just as
   short: some documents are);
3. ``shrunk``: the text lost more than ``shrink_threshold`` of the last version's words;
4. ``language-changed``: both texts are long enough to tell, and their languages differ; or a
   large part of the text (a third of its words more than before, read stretch by stretch) is
   in another language than the last version's.

``flapping`` (the page alternating between two texts) needs the fetch history and is decided by
:mod:`tracker.guard.history`; ``contradicted`` (a page from the past at odds with the versions
around it) by the history importers. Empty pages and selectors that match nothing are extraction
failures (``empty``, ``selector-miss``) unless a wall marker explains them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from tracker.guard.markers import LEAD_CHARS, MARKERS, Marker
from tracker.guard.page import PageFacts, PageInput, page_facts
from tracker.guard.text import TextFacts, count_words, text_facts
from tracker.model import ExtractedDocument

NEAR_EMPTY = "near-empty"
SHRUNK = "shrunk"
BOT_WALL = "bot-wall"
CAPTCHA = "captcha"
LOGIN_WALL = "login-wall"
COOKIE_WALL = "cookie-wall"
LANGUAGE_CHANGED = "language-changed"
ERROR_PAGE = "error-page"
FLAPPING = "flapping"
#: A page seen in the past (an archive's capture, an imported file) that differs from the
#: version seen both before and after its time: our own sightings outweigh it.
CONTRADICTED = "contradicted"

#: Every suspicion a fetch can be stored with (``fetches.error_kind`` of a ``suspect`` fetch).
SUSPICION_KINDS = (
    NEAR_EMPTY,
    SHRUNK,
    BOT_WALL,
    CAPTCHA,
    LOGIN_WALL,
    COOKIE_WALL,
    LANGUAGE_CHANGED,
    ERROR_PAGE,
    FLAPPING,
    CONTRADICTED,
)

#: Suspicions that seeing the same text again on the next fetches clears: a policy can be
#: shortened or move to another language, and a page that settles on one of two texts has
#: settled. A wall, an error page or a near-empty page seen every night is still not the
#: policy: only an operator (``tracker accept``) can make one a version.
CONFIRMABLE_KINDS = frozenset({SHRUNK, LANGUAGE_CHANGED, FLAPPING})


@dataclass(frozen=True, slots=True)
class GuardPolicy:
    """The thresholds of the guards (the first two come from the settings)."""

    shrink_threshold: float = 0.5
    confirmations: int = 2
    near_empty_words: int = 30
    #: Texts up to this many words are short enough for wall markers to be read.
    short_text_words: int = 300
    #: Pages with more visible words than this are never read as walls or error pages.
    wall_page_max_words: int = 1000
    #: A text whose share of words in another language than the last version's grew by this
    #: much switched language in large part (a third of it).
    language_switch_share: float = 1 / 3


DEFAULT_POLICY = GuardPolicy()


@dataclass(frozen=True, slots=True)
class Suspicion:
    """Why a fetched text is not recorded as a version (yet)."""

    kind: str
    message: str
    #: Whether the same text seen again on the next fetches becomes a version. Only kinds in
    #: :data:`CONFIRMABLE_KINDS` can be; a text that shrank to a short page cannot.
    confirmable: bool = False

    def __post_init__(self) -> None:
        if self.confirmable and self.kind not in CONFIRMABLE_KINDS:
            raise ValueError(f"a {self.kind} suspicion cannot be confirmed by repetition")


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _straight_quotes(text: str) -> str:
    return text.translate(_QUOTES)


class _Page:
    """The page facts, parsed only when a marker has to be looked for."""

    def __init__(self, page: PageInput, document: ExtractedDocument | None) -> None:
        self.page = page
        self.document = document

    @cached_property
    def facts(self) -> PageFacts:
        facts = page_facts(self.page)
        return PageFacts(_straight_quotes(facts.title), _straight_quotes(facts.text), facts.raw)

    @cached_property
    def lead(self) -> tuple[str, str]:
        extracted = self.document.canonical_text[:LEAD_CHARS] if self.document else ""
        return (_straight_quotes(extracted), self.facts.text[:LEAD_CHARS])

    def scope_texts(self, marker: Marker) -> tuple[str, ...]:
        facts = self.facts
        if marker.scope == "title":
            return (facts.title,)
        if marker.scope == "text":
            return (facts.text,)
        if marker.scope == "raw":
            return (facts.raw,)
        if marker.scope == "lead":
            return self.lead
        final, requested = self.page.final_url or "", self.page.url or ""
        if final and final != requested and not marker.regex.search(requested):
            return (final,)
        return ()


def find_marker(
    page: PageInput, document: ExtractedDocument | None = None, *, include_weak: bool = True
) -> Marker | None:
    """The first marker of :data:`MARKERS` found on the page."""
    return _find_marker(_Page(page, document), include_weak=include_weak)


def _find_marker(view: _Page, *, include_weak: bool) -> Marker | None:
    """Strong markers first, in table order; then, if asked, weak ones."""
    strengths = ("strong", "weak") if include_weak else ("strong",)
    for strength in strengths:
        for marker in MARKERS:
            if marker.strength != strength:
                continue
            if any(marker.regex.search(text) for text in view.scope_texts(marker)):
                return marker
    return None


def check_page(
    page: PageInput,
    document: ExtractedDocument | None,
    last: TextFacts | None,
    policy: GuardPolicy = DEFAULT_POLICY,
    facts: TextFacts | None = None,
) -> Suspicion | None:
    """The suspicion raised by tonight's page, or ``None`` if it may become a version.

    ``document`` is ``None`` when extraction failed (nothing matched the selector, no text):
    then only a wall or error page is named, and the caller reports the extraction failure.
    ``last`` holds the facts of the last recorded version (``None`` for a first fetch);
    ``facts`` those of ``document``'s canonical text when they were computed already (with the
    extraction, in a worker process).
    """
    view = _Page(page, document)
    if document is None:
        marker = _wall_marker(view, policy, near_empty=False)
        return _marker_suspicion(marker, "no document text could be extracted") if marker else None
    if facts is None:
        facts = text_facts(document.canonical_text)
    near_empty = facts.words < policy.near_empty_words and not (
        last is not None and last.words < policy.near_empty_words
    )
    shrunk = last is not None and facts.words < last.words * (1 - policy.shrink_threshold)
    short = facts.words <= policy.short_text_words
    if short or shrunk:
        marker = _wall_marker(view, policy, near_empty=near_empty)
        if marker is not None:
            return _marker_suspicion(marker, f"{facts.words} words of text")
    if near_empty:
        return Suspicion(
            NEAR_EMPTY,
            f"only {facts.words} words of text (fewer than {policy.near_empty_words}); "
            f"{_NEEDS_ACCEPT}",
        )
    if shrunk and last is not None:
        confirmable = not short
        share = 1 - facts.words / last.words
        return Suspicion(
            SHRUNK,
            f"text shrank from {last.words} to {facts.words} words ({share:.0%}, more than the "
            f"{policy.shrink_threshold:.0%} threshold); "
            + (_confirm_note(policy) if confirmable else _NEEDS_ACCEPT),
            confirmable=confirmable,
        )
    if last is not None and last.language and facts.language and last.language != facts.language:
        return Suspicion(
            LANGUAGE_CHANGED,
            f"text is in another language ({facts.language}) than the last version "
            f"({last.language}); {_confirm_note(policy)}",
            confirmable=True,
        )
    if last is not None:
        return _partly_switched(last, facts, policy)
    return None


def _partly_switched(last: TextFacts, facts: TextFacts, policy: GuardPolicy) -> Suspicion | None:
    """A large part of the text (``language_switch_share`` of its words more than before) is
    now in another language than the last version's."""
    language = last.main_language
    if language is None:
        return None
    before, now = last.share_not_in(language), facts.share_not_in(language)
    if now - before < policy.language_switch_share:
        return None
    others = ", ".join(name for name in facts.languages if name != language)
    return Suspicion(
        LANGUAGE_CHANGED,
        f"{now:.0%} of the text is in another language ({others}) than the last version "
        f"({language}, {before:.0%} before); {_confirm_note(policy)}",
        confirmable=True,
    )


def _confirm_note(policy: GuardPolicy) -> str:
    return (
        f"recorded if the same text is seen on the next {policy.confirmations} fetches, "
        "or with `tracker accept`"
    )


_NEEDS_ACCEPT = "not recorded unless accepted with `tracker accept`"


def _wall_marker(view: _Page, policy: GuardPolicy, *, near_empty: bool) -> Marker | None:
    """A marker that names the page, read only on pages small enough to be walls.

    Strong markers are read on pages of up to ``wall_page_max_words`` visible words. Weak ones
    (cookie banners, reCAPTCHA forms and login links are on real policy pages too) only when
    the document text is near-empty, or could not be extracted from a page of at most
    ``short_text_words`` words: a real page cut short keeps its banners, and is ``shrunk``.
    """
    page_words = count_words(view.facts.text)
    if page_words > policy.wall_page_max_words:
        return None
    unextracted_and_short = view.document is None and page_words <= policy.short_text_words
    return _find_marker(view, include_weak=near_empty or unextracted_and_short)


def _marker_suspicion(marker: Marker, detail: str) -> Suspicion:
    what = {
        BOT_WALL: "a bot wall",
        CAPTCHA: "a captcha page",
        LOGIN_WALL: "a login wall",
        COOKIE_WALL: "a cookie wall",
        ERROR_PAGE: "an error page",
    }[marker.kind]
    return Suspicion(
        marker.kind,
        f"page looks like {what} ({marker.description}; {detail}); {_NEEDS_ACCEPT}",
    )

"""The claims read from a third party's page (pure values; nothing here knows the history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.classify.rules import RuleAnswer
from tracker.vocabulary import ClaimKind


@dataclass(frozen=True, slots=True)
class KnownDocument:
    """A tracked document as the claim reader knows it: enough to recognise its name."""

    slug: str
    service: str
    type: str
    url: str


@dataclass(frozen=True, slots=True)
class Quotation:
    """Words the page gives as a document's own.

    ``marks`` is how they were marked: ``"quotes"`` (straight or typographic quotation
    marks) or the heading that introduced them ("View original clause language").
    """

    text: str
    sentence: str
    position: int
    marks: str = "quotes"


@dataclass(frozen=True, slots=True)
class DatedPhrase:
    """A date and the words that say what it is: "updated December 17, 2025"."""

    phrase: str
    day: date


@dataclass(frozen=True, slots=True)
class Citation:
    """A named document with a date: the version cited (``cited``: "updated ...") and/or
    when the author read it (``accessed``: "accessed ...", "last verified ...").

    ``named_as`` is what named the document (its URL or its name). ``page_level`` says the
    dates were stated for the page as a whole ("Document last updated: ..."), the document
    being the only tracked one the page names.
    """

    sentence: str
    position: int
    document: str
    named_as: str
    cited: DatedPhrase | None
    accessed: DatedPhrase | None
    page_level: bool = False


@dataclass(frozen=True, slots=True)
class StatedFact:
    """A key fact stated as a label and a yes/no ("Trains on API data by default: No").

    ``answer`` is what the statement means for the fact's question, after a negated label
    ("Does not train ... by default: Yes") is turned around.
    """

    fact_id: str
    question: str
    label: str
    value: str
    answer: RuleAnswer
    sentence: str
    position: int


@dataclass(frozen=True, slots=True)
class Unchecked:
    """Something that looks like a claim but cannot be read as one, and why."""

    kind: ClaimKind
    sentence: str
    reason: str
    position: int


@dataclass(frozen=True, slots=True)
class PageClaims:
    """Everything read from one page.

    ``documents`` are the slugs the claims are checked against (given, or of the services the
    page names); ``services`` their services. ``accessed`` is the page's access date ("Last
    verified June 29, 2026"), the latest one stated, if any.
    """

    name: str
    title: str | None
    services: tuple[str, ...]
    documents: tuple[str, ...]
    accessed: DatedPhrase | None
    quotations: tuple[Quotation, ...]
    citations: tuple[Citation, ...]
    facts: tuple[StatedFact, ...]
    unchecked: tuple[Unchecked, ...]

    @property
    def count(self) -> int:
        return len(self.quotations) + len(self.citations) + len(self.facts) + len(self.unchecked)

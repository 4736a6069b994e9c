"""Value types of stored key facts: a document's current answers, changes, contradictions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.classify import FactAnswer
from tracker.classify.rules import Answer


@dataclass(frozen=True, slots=True)
class KeyFact:
    """One stored answer, with its evidence: the quoted sentence and the clause it is from."""

    fact_id: str
    question: str
    answer: Answer
    why: str
    quote: str | None = None
    clause_id: str | None = None  # the extractor's clause id (stable across versions)
    clause_row_id: int | None = None  # the stored clause (clauses.id)

    def as_answer(self) -> FactAnswer:
        return FactAnswer(
            fact_id=self.fact_id,
            question=self.question,
            answer=self.answer,
            clause_id=self.clause_id,
            quote=self.quote,
            why=self.why,
        )


@dataclass(frozen=True, slots=True)
class VersionRef:
    """Which version of which document an answer belongs to, and when it was seen."""

    slug: str
    service: str
    type: str
    version_id: int
    number: int
    first_seen: datetime
    last_verified: datetime
    technical: bool = False

    @property
    def label(self) -> str:
        """``Privacy Policy v3``."""
        return f"{self.type} v{self.number}"


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """The key facts of a document's latest version (``version`` is None before the first)."""

    slug: str
    service: str
    type: str
    version: VersionRef | None
    facts: tuple[KeyFact, ...]


@dataclass(frozen=True, slots=True)
class FactChange:
    """A key fact whose answer differs between two successive versions of a document."""

    fact_id: str
    question: str
    old: KeyFact
    new: KeyFact
    old_version: VersionRef
    new_version: VersionRef

    @property
    def changed_on(self) -> datetime:
        """When the version with the new answer was first seen."""
        return self.new_version.first_seen

    def describe(self) -> str:
        """``Is data sold? changed from no to yes on 2026-03-02 (Privacy Policy v3)``."""
        return (
            f"{self.question} changed from {self.old.answer} to {self.new.answer} "
            f"on {self.changed_on:%Y-%m-%d} ({self.new_version.label})"
        )


@dataclass(frozen=True, slots=True)
class FactStatement:
    """What one document's latest version says about a fact."""

    version: VersionRef
    fact: KeyFact


@dataclass(frozen=True, slots=True)
class FactContradiction:
    """Two documents of one service answering a fact "yes" and "no", with both quotes."""

    service: str
    fact_id: str
    question: str
    first: FactStatement
    second: FactStatement

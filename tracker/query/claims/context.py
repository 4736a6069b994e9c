"""What the checks of one page share: the session, the rules, the documents in scope, their
texts (read once, on first use) and the access date; and the as-of rule on a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from tracker.classify import RuleSet
from tracker.facts import KeyFact
from tracker.query.model import VersionInfo
from tracker.query.quote import DocumentTexts
from tracker.store.schema import Document


class ClaimContext:
    """What the checks share: the session, the rules, the documents in scope and their
    texts (read once, on first use), and the access date."""

    def __init__(self, session: Session, rules: RuleSet, scope: list[Document], as_of: date):
        self.session = session
        self.rules = rules
        self.scope = scope
        self.as_of = as_of
        self.by_slug = {d.slug: d for d in scope}
        self._texts: dict[int, DocumentTexts] = {}
        self.answers: dict[int, tuple[VersionInfo, dict[str, KeyFact]] | None] = {}

    def texts(self, document: Document) -> DocumentTexts:
        if document.id not in self._texts:
            self._texts[document.id] = DocumentTexts.load(self.session, document)
        return self._texts[document.id]

    def all_texts(self) -> list[DocumentTexts]:
        return [self.texts(d) for d in self.scope]


def end_of(day: date) -> datetime:
    """The last instant of ``day`` (UTC), as the as-of rule reads a day."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC) + timedelta(days=1, microseconds=-1)


def in_force(versions: Sequence[VersionInfo], moment: datetime) -> VersionInfo | None:
    """The newest version first seen at or before ``moment`` (the as-of rule)."""
    return next((v for v in reversed(versions) if v.first_seen <= moment), None)

"""The rule file at work in the pipeline: classified changes, clause topics, stored key facts.

:class:`RuleClassifier` holds one validated :class:`~tracker.classify.RuleSet` and gives the
pipeline its two hooks (``run_tracking(classify=..., annotate=...)``):

- :attr:`RuleClassifier.classify_diff` gives every change its topics and severity;
- :meth:`RuleClassifier.annotate_version` runs inside the transaction that records a version:
  it stores the topics of every clause and the version's key-fact answers (``facts`` rows).

Answers are stored per rule set (:func:`~tracker.classify.facts_fingerprint`). When a version
is answered, its predecessor is answered too under the same rules if it was not yet, so two
successive versions are always compared like for like and an edit of the rule file never shows
up as a change of a document. :meth:`RuleClassifier.refresh_latest` answers every document's
latest version under the current rules (after a rule edit, or for a database from before facts
were stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.classify import (
    DiffClassifier,
    FactAnswer,
    RuleSet,
    answer_facts,
    facts_fingerprint,
    topics_of,
)
from tracker.store.database import Database
from tracker.store.records import (
    ClauseRecord,
    ClauseRowLike,
    NewVersion,
    clause_from_row,
    latest_version,
    store_clause_topics,
    version_clause_rows,
)
from tracker.store.schema import FactRow, Version, core_table


@dataclass(frozen=True)
class RuleClassifier:
    """One rule set applied to the pipeline (see the module docstring)."""

    rules: RuleSet
    fingerprint: str = field(init=False)
    #: topics (from old and new text) and severity for every change of a diff: a value of the
    #: pure core, so that it pickles without this module (an extraction pool's processes
    #: unpickle it and load no database library)
    classify_diff: DiffClassifier = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fingerprint", facts_fingerprint(self.rules))
        object.__setattr__(self, "classify_diff", DiffClassifier(self.rules))

    def annotate_version(self, session: Session, new: NewVersion) -> None:
        """Clause topics and key facts of a version being recorded (technical ones too); the
        topics and answers computed with the extraction (in a worker process, under the same
        rules) are taken as they are."""
        given = new.clause_topics
        if given is not None and len(given) == len(new.clause_rows):
            topics, answers = list(given), new.fact_answers
        else:
            topics, answers = self.clause_topics(new.clause_rows), None
        store_topics(session, new.clause_rows, topics)
        now = new.version.first_seen
        previous = version_before(session, new.version)
        if previous is not None:
            self.ensure_facts(session, previous, now)
        self.store_facts(session, new.version, new.clause_rows, topics, now, answers)

    def clause_topics(self, rows: Sequence[ClauseRowLike]) -> list[tuple[str, ...]]:
        """The topics of each clause under these rules (computed once per version)."""
        return [topics_of(row.text, self.rules) for row in rows]

    def store_facts(
        self,
        session: Session,
        version: Version,
        rows: Sequence[ClauseRowLike],
        topics: Sequence[Sequence[str]],
        now: datetime,
        answers: Sequence[FactAnswer] | None = None,
    ) -> int:
        """Answer every key fact from ``rows`` (the clauses of ``version``, whose topics under
        these rules are ``topics``) and store the answers (``answers``: already worked out from
        the same clauses and topics, with the extraction), in one INSERT (no ORM objects: their
        flush cost the recording thread of a changed page more than the statement). Returns
        how many."""
        if answers is None:
            clauses = [clause_from_row(row) for row in rows]
            answers = answer_facts(clauses, self.rules, topics=topics)
        row_ids = {row.key: row.id for row in rows}
        stored = [
            {
                "version_id": version.id,
                "rules_fingerprint": self.fingerprint,
                "fact_id": answer.fact_id,
                "question": answer.question,
                "answer": answer.answer,
                "clause_id": row_ids[answer.clause_id] if answer.clause_id is not None else None,
                "quote": answer.quote,
                "why": answer.why,
                "computed_at": now,
            }
            for answer in answers
        ]
        if stored:
            session.execute(insert(core_table(FactRow)), stored)
        return len(stored)

    def ensure_facts(self, session: Session, version: Version, now: datetime) -> bool:
        """Answer ``version`` under these rules unless it already is. True if it was answered."""
        if has_facts(session, version.id, self.fingerprint):
            return False
        rows = version_clause_rows(session, version.id)
        topics = self.clause_topics(rows)
        for row, found in zip(rows, topics, strict=True):
            if row.topics is None:  # stored before classification: fill in, never overwrite
                row.topics = list(found)
        self.store_facts(session, version, rows, topics, now)
        return True

    def refresh_latest(self, db: Database, now: datetime) -> int:
        """Answer each document's latest version under these rules if needed (one transaction
        per document). Returns how many versions were answered. One query finds them: on a
        night after which neither the rules nor any document changed, that is all it costs."""
        with db.reader() as session:
            document_ids = unanswered_latest(session, self.fingerprint)
        answered = 0
        for document_id in document_ids:
            try:
                with db.transaction() as session:
                    latest = latest_version(session, document_id)
                    if latest is not None and self.ensure_facts(session, latest, now):
                        answered += 1
            except IntegrityError:  # a concurrent run answered it first: nothing left to do
                continue
        return answered


def store_topics(
    session: Session, rows: Sequence[ClauseRowLike], topics: Sequence[Sequence[str]]
) -> None:
    """Set the topics of a version's clauses (rows just written, or loaded ones)."""
    records = [row for row in rows if isinstance(row, ClauseRecord)]
    if len(records) == len(rows):
        store_clause_topics(session, records, topics)
        return
    for row, found in zip(rows, topics, strict=True):
        row.topics = list(found)


def unanswered_latest(session: Session, fingerprint: str) -> list[int]:
    """The documents whose latest version has no facts under the rules ``fingerprint``."""
    newest = (
        select(Version.document_id, func.max(Version.number).label("number"))
        .group_by(Version.document_id)
        .subquery()
    )
    answered = select(FactRow.id).where(
        FactRow.version_id == Version.id, FactRow.rules_fingerprint == fingerprint
    )
    return list(
        session.scalars(
            select(Version.document_id)
            .join(
                newest,
                (Version.document_id == newest.c.document_id) & (Version.number == newest.c.number),
            )
            .where(~answered.exists())
            .order_by(Version.document_id)
        )
    )


def version_before(session: Session, version: Version) -> Version | None:
    """The version of the same document numbered just before ``version``."""
    if version.number <= 1:
        return None  # numbers start at 1
    return session.scalars(
        select(Version).where(
            Version.document_id == version.document_id, Version.number == version.number - 1
        )
    ).one_or_none()


def has_facts(session: Session, version_id: int, fingerprint: str) -> bool:
    return (
        session.scalars(
            select(FactRow.id)
            .where(FactRow.version_id == version_id, FactRow.rules_fingerprint == fingerprint)
            .limit(1)
        ).first()
        is not None
    )

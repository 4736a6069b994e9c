"""What tracking one document needs, passed explicitly, and what it comes to.

:class:`TrackContext` carries the database, settings, clock and the classifier's hooks;
:class:`DocumentResult` is what happened to one document in one run. The extraction
fingerprint (extractor version + rules) decides when a stored text must be re-derived.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy.orm import Session

from tracker.classify import RuleSet
from tracker.clock import Clock
from tracker.extract import EXTRACTOR_VERSION
from tracker.model import ClauseDiff, ExtractionRules, sha256_hex
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.store.records import NewVersion
from tracker.track.pages import ChangeClassifier as ChangeClassifier
from tracker.track.pages import page_address as page_address
from tracker.vocabulary import Outcome

#: Called in the transaction that records a version (technical ones too), before its diff.
VersionAnnotator = Callable[[Session, NewVersion], None]
#: Called first inside the transaction that records a document. It returns False when the
#: document is no longer this worker's to record (its claim was taken over): nothing is
#: recorded then. The runner uses it to mark the document done in that same transaction.
RecordGuard = Callable[[Session], bool]


def _unclassified(diff: ClauseDiff) -> ClauseDiff:
    return diff


@dataclass(frozen=True)
class TrackContext:
    """Everything recording a document needs, passed explicitly."""

    db: Database
    settings: Settings
    clock: Clock
    classify: ChangeClassifier = field(default=_unclassified)
    annotate: VersionAnnotator | None = None
    #: The rule file behind ``classify``/``annotate``: pages extracted in worker processes
    #: get their clause topics there (see tracker.run.extraction_pool).
    rules: RuleSet | None = None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What happened to one document in one run."""

    slug: str
    outcome: str
    version_number: int | None = None
    changes: int = 0
    error_kind: str | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.outcome not in (Outcome.CHANGED, Outcome.UNCHANGED, Outcome.NOT_MODIFIED)


@lru_cache(maxsize=4096)
def extraction_fingerprint(rules: ExtractionRules) -> str:
    """Extractor version plus a hash of the rules: when it changes, texts are re-derived.
    Remembered per rules (a night asks it two or three times for each page, and a registry
    has few distinct rules)."""
    rules_hash = sha256_hex(json.dumps([list(rules.select), list(rules.remove)]))[:10]
    return f"{EXTRACTOR_VERSION}/{rules_hash}"

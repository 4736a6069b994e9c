"""History from before tracking began: archives and files turned into versions, in time order.

Importers (one module each) read a source of past pages and hand each page, oldest first, to
:func:`tracker.track.history.record_sighting`, which runs the live pipeline at the time the
page was seen (extraction, guards, versions placed in time order, diffs, topics, severity, key
facts) and records where it came from (``source`` and ``provenance`` of its fetch row):

- ``folder``   dated files ``<anything>_<YYYY-MM-DD>.{md,html,txt,pdf}``: ``tracker import``
- ``ota``      an Open Terms Archive versions repository (git): ``tracker import-ota``
- ``wayback``  captures listed by the Wayback Machine's CDX API: ``tracker backfill --wayback``
- ``warc``     response records of a WARC file (``tracker import-warc``), and a version's
               fetches written as a WARC file (``tracker export-evidence --warc``)

Nothing imported is ever reported as news: digests and feeds report observed versions only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from tracker.classify import load_rules
from tracker.clock import Clock
from tracker.facts import RuleClassifier
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.track.context import TrackContext
from tracker.track.history import SightingResult
from tracker.vocabulary import ImportOutcome


@dataclass(frozen=True, slots=True)
class ImportedItem:
    """One page handed to the pipeline: which (a file, a commit, a capture), seen when, for
    which document, and what became of it."""

    slug: str
    name: str
    observed_at: datetime
    result: SightingResult


#: Told about each page as soon as it is recorded (progress on a terminal, log lines).
ImportListener = Callable[[ImportedItem], None]


@dataclass
class ImportReport:
    """What an import did, page by page, and what it left aside."""

    items: list[ImportedItem] = field(default_factory=list)
    #: things read but not imported, with the reason (a file not named with a date...)
    skipped: list[str] = field(default_factory=list)
    #: why the import stopped before the end (the archive throttles us), if it did
    stopped: str | None = None

    def add(self, item: ImportedItem, listener: ImportListener | None) -> None:
        self.items.append(item)
        if listener is not None:
            listener(item)

    @property
    def counts(self) -> Counter[ImportOutcome]:
        return Counter(item.result.outcome for item in self.items)

    @property
    def troubled(self) -> list[ImportedItem]:
        """Pages held by the guards or that gave no text."""
        bad = (ImportOutcome.HELD, ImportOutcome.FAILED)
        return [item for item in self.items if item.result.outcome in bad]

    def summary(self) -> str:
        """``12 pages: 10 new versions, 1 technical, 1 known``."""
        counts = self.counts
        parts = [f"{counts[o]} {OUTCOME_WORDS[o]}" for o in ImportOutcome if counts[o]]
        pages = len(self.items)
        head = f"{pages} page{'s' if pages != 1 else ''}"
        return head + (": " + ", ".join(parts) if parts else "")


OUTCOME_WORDS: dict[ImportOutcome, str] = {
    ImportOutcome.NEW_VERSION: "new versions",
    ImportOutcome.TECHNICAL: "technical versions",
    ImportOutcome.SAME_TEXT: "same text as the version then",
    ImportOutcome.EARLIER: "earlier sightings of a later version",
    ImportOutcome.HELD: "held by the guards",
    ImportOutcome.FAILED: "without text",
    ImportOutcome.KNOWN: "imported before",
}


def history_context(db: Database, settings: Settings, clock: Clock) -> TrackContext:
    """The pipeline's context for imports: the rule file's classifier (topics, severity, key
    facts), as for ``tracker run``. A bad rule file stops the import before anything is read."""
    classifier = RuleClassifier(load_rules(settings.rules_path))
    return TrackContext(
        db=db,
        settings=settings,
        clock=clock,
        classify=classifier.classify_diff,
        annotate=classifier.annotate_version,
    )

"""Before and during the fetch: the document's row synced with the registry, the validators
of its last good fetch, and one conditional fetch through a :class:`~tracker.fetch.Fetcher`
(the document's ``fetch`` mode picks it: see :class:`~tracker.fetch.Fetchers`).

No transaction is held while fetching. A page the browser renders gets its screenshot only
when its text is new (:func:`text_is_new`); the extraction that tells is kept
(:class:`KeptExtraction`) for the recorder, which would otherwise repeat it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from tracker.errors import FetchError
from tracker.fetch import FetchedPage, Fetcher, FetchRequest
from tracker.logs import phase_fields
from tracker.registry import DocumentSpec
from tracker.store.records import last_successful_fetch, latest_version, sync_document
from tracker.track.context import TrackContext
from tracker.track.extraction import Extraction, extract_page
from tracker.track.state import DocumentState, load_states

log = logging.getLogger(__name__)


class KeptExtraction:
    """The extraction :func:`text_is_new` made of a fetched page, kept for the recorder with
    what it was made from: the page's body (the very bytes object: the page is passed on with
    the same body, whatever else is added to it), its content type and its final URL (links
    resolve against it; a fetcher wrapped by another may report another one in the end).
    Taken once; thread-safe (the check runs in the browser's thread, the recorder on the
    worker's)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: tuple[FetchedPage, Extraction] | None = None

    def keep(self, page: FetchedPage, extraction: Extraction) -> None:
        with self._lock:
            self._kept = (page, extraction)

    def take(self, page: FetchedPage) -> Extraction | None:
        """The extraction of ``page`` if it was made from the same body, content type and
        final URL (then forgotten), else None."""
        with self._lock:
            kept, self._kept = self._kept, None
        if kept is None:
            return None
        checked, extraction = kept
        same = (
            checked.body is page.body
            and checked.content_type == page.content_type
            and checked.final_url == page.final_url
        )
        return extraction if same else None


@dataclass(frozen=True, slots=True)
class PreparedFetch:
    """A document about to be fetched: its row, and the validators of its last good fetch."""

    spec: DocumentSpec
    document_id: int
    started_at: datetime
    etag: str | None
    last_modified: str | None
    #: What the history says, read with the batch (None: the recorder reads it itself).
    state: DocumentState | None = None
    #: The latest version's text hash, when ``state`` is not read (a single document).
    latest_text_sha256: str | None = None
    #: The extraction the screenshot check made, for the recorder (see :func:`text_is_new`).
    kept: KeptExtraction = field(default_factory=KeptExtraction, compare=False, repr=False)

    @property
    def known_text(self) -> str | None:
        """The latest version's text hash: a rendered page whose text is this one gets no
        screenshot."""
        if self.state is not None:
            return self.state.latest.text_sha256 if self.state.latest is not None else None
        return self.latest_text_sha256

    @property
    def request(self) -> FetchRequest:
        return FetchRequest(
            url=self.spec.url,
            etag=self.etag,
            last_modified=self.last_modified,
            mode=self.spec.fetch,
            render=self.spec.render,
            screenshot_if=text_is_new(self),
        )


def text_is_new(prepared: PreparedFetch) -> Callable[[FetchedPage], bool]:
    """Does a fetched page extract to a text other than the latest version's? (A page with no
    text cannot become a version: no.) A page the prepared state shows to be the latest
    version again (the same raw bytes under the same rules: the recorder verifies it without
    extracting) is not extracted here either. Otherwise its extraction is kept in
    ``prepared.kept`` for the recorder: the same call the recorder makes
    (:func:`~tracker.track.extraction.extract_page` without topics or facts)."""

    def decide(page: FetchedPage) -> bool:
        from tracker.track.record import seen_again  # record.py imports this module

        if seen_again(prepared, page) is not None:
            return False
        extraction = extract_page(page, prepared.spec, None, facts=False)
        prepared.kept.keep(page, extraction)
        document = extraction.document
        return document is not None and document.text_sha256 != prepared.known_text

    return decide


def prepare_fetch(context: TrackContext, spec: DocumentSpec) -> PreparedFetch:
    """Sync the document's row with the registry and read what a conditional GET needs."""
    started_at = context.clock()
    with context.db.transaction() as session:
        document = sync_document(session, spec, started_at)
        previous = last_successful_fetch(session, document.id)
        latest = latest_version(session, document.id)
        return PreparedFetch(
            spec=spec,
            document_id=document.id,
            started_at=started_at,
            etag=previous.etag if previous else None,
            last_modified=previous.last_modified if previous else None,
            latest_text_sha256=latest.text_sha256 if latest else None,
        )


def prepare_batch(
    context: TrackContext,
    documents: Sequence[tuple[int, DocumentSpec]],
    states: Mapping[int, DocumentState] | None = None,
) -> list[PreparedFetch]:
    """Prepare documents whose rows are in sync already (a run's claims, ``(document id,
    spec)``): their states from ``states`` (read ahead by the caller), the others read for
    the whole batch in one transaction."""
    started_at = context.clock()
    known = dict(states or {})
    missing = [document_id for document_id, _ in documents if document_id not in known]
    if missing:
        with context.db.reader() as session:
            known.update(load_states(session, missing))
    return [
        PreparedFetch(
            spec=spec,
            document_id=document_id,
            started_at=started_at,
            etag=known[document_id].etag,
            last_modified=known[document_id].last_modified,
            state=known[document_id],
        )
        for document_id, spec in documents
    ]


def fetch_prepared(fetcher: Fetcher, prepared: PreparedFetch) -> FetchedPage:
    """One conditional fetch of a prepared document (no retries; see tracker.fetch.retry).

    A 304 answer need not repeat the validators; the ones we sent stay valid and are kept, so
    that the next run's GET is conditional too.
    """
    slug = prepared.spec.slug
    log.debug(
        "%s: fetching %s",
        slug,
        prepared.spec.url,
        extra=phase_fields("fetch", "start", document=slug),
    )
    try:
        page = fetcher.fetch(prepared.request)
    except FetchError as error:
        log.debug(
            "%s: fetch failed: %s", slug, error, extra=phase_fields("fetch", "end", document=slug)
        )
        raise
    log.debug(
        "%s: fetched, HTTP %d, %d bytes",
        slug,
        page.status,
        len(page.body),
        extra=phase_fields("fetch", "end", document=slug),
    )
    if page.not_modified:
        page = replace(
            page,
            etag=page.etag or prepared.etag,
            last_modified=page.last_modified or prepared.last_modified,
        )
    return page

"""Getting a document's page: the :class:`Fetcher` protocol and the registry of fetchers.

A fetcher turns a :class:`FetchRequest` (URL, validators from the last good fetch, how to
render) into a :class:`FetchedPage` (bytes and HTTP facts), or raises
:class:`~tracker.errors.FetchError` whose ``kind`` is a :class:`~tracker.vocabulary.FetchErrorKind`.
Everything after the fetch (hashing, extraction, guards, versions) is the same whichever
fetcher produced the page.

Fetchers (one module each; add one by writing the module and one line in :data:`FETCHERS`):

- ``http``     :mod:`tracker.fetch.http`     httpx: timeouts, total deadline, size cap,
  conditional GET
- ``wayback``  :mod:`tracker.fetch.wayback`  a Wayback Machine capture's original bytes, and
  the capture list (CDX API), paced and stopped by repeated 429 answers
- ``browser``  :mod:`tracker.fetch.browser`  headless Chromium driven by Playwright: the page
  as rendered once its scripts have run, and a screenshot

A document's registry key ``fetch`` (a :class:`~tracker.vocabulary.FetchMode`) picks its
fetcher; ``auto`` (:mod:`tracker.fetch.auto`) asks ``http`` first and goes on to ``browser``
when the answer is a script shell or a bot wall. :class:`Fetchers` holds the fetchers of one
run: each is opened on first use (a run of HTTP documents never starts a browser) and all are
closed together. :mod:`tracker.fetch.retry` decides which failures are retried and after how
long. Nothing here imports a network library: :func:`open_fetcher` loads a fetcher's module
on first use.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from tracker.errors import ConfigError, FetchError
from tracker.model import RenderOptions
from tracker.vocabulary import FetchMode

if TYPE_CHECKING:
    from tracker.settings import Settings


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """What to fetch: the registered URL, the validators of the last good fetch, which
    fetcher (``mode``) and, for the browser, how to render the page.

    ``screenshot_if`` is asked, with the rendered page, whether to take its screenshot (the
    tracker answers: when its text is not the latest version's); None: always.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    mode: FetchMode = FetchMode.HTTP
    render: RenderOptions = field(default_factory=RenderOptions)
    screenshot_if: Callable[[FetchedPage], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """What a successful fetch returns. ``not_modified`` is a 304 answer to a conditional GET.

    ``fetcher`` names the fetcher that produced it and ``escalation`` why an ``auto`` fetch
    went on to the browser (both stored on the fetch row). ``screenshot`` is the browser's
    full-page PNG of the rendered page (stored with the version when the text is new).
    ``sha256`` is the body's hash when the caller computed it already (the worker does, in its
    fetch thread).
    """

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes
    duration_ms: int
    not_modified: bool = False
    fetcher: str = "http"
    escalation: str | None = None
    screenshot: bytes | None = field(default=None, repr=False)
    sha256: str = ""


class Fetcher(Protocol):
    """Fetches pages; one instance serves a whole run and may be used from several threads."""

    name: str

    def fetch(self, request: FetchRequest) -> FetchedPage:
        """One attempt (no retries); raises FetchError."""
        ...

    def close(self) -> None:
        """Release connections, processes and files."""
        ...


class FetcherFactory(Protocol):
    def __call__(self, settings: Settings) -> Fetcher: ...


#: Fetcher name -> "module:factory"; the factory takes the settings and returns a Fetcher.
FETCHERS: dict[str, str] = {
    "http": "tracker.fetch.http:HttpFetcher",
    "wayback": "tracker.fetch.wayback:WaybackFetcher",
    "browser": "tracker.fetch.browser:BrowserFetcher",
}


def open_fetcher(name: str, settings: Settings) -> Fetcher:
    """A new fetcher of the kind ``name`` (a key of :data:`FETCHERS`)."""
    target = FETCHERS.get(name)
    if target is None:
        known = ", ".join(sorted(FETCHERS))
        raise ConfigError(f"unknown fetcher {name!r} (known: {known})")
    module_name, _, attribute = target.partition(":")
    factory: FetcherFactory = getattr(importlib.import_module(module_name), attribute)
    return factory(settings)


class Fetchers:
    """The fetchers of one run, each opened on first use, all closed by :meth:`close`.

    It is itself a :class:`Fetcher` that sends each request to the fetcher its ``mode`` names
    (``auto``: see :mod:`tracker.fetch.auto`). Thread-safe: a worker's fetch threads share it.
    ``given`` fetchers (a test's, a tool's) are used instead of opening one of that name, and
    are left open: their owner closes them; ``opened`` ones (opened by the caller with options
    of its own) are closed with the rest.
    """

    name = "fetchers"

    def __init__(
        self,
        settings: Settings,
        given: Mapping[str, Fetcher] | None = None,
        *,
        opened: Mapping[str, Fetcher] | None = None,
    ) -> None:
        self.settings = settings
        self._given = dict(given or {})
        self._opened: dict[str, Fetcher] = dict(opened or {})
        self._lock = threading.Lock()
        self._closed = False

    def get(self, name: str) -> Fetcher:
        """The fetcher ``name``, opened now if this is its first use."""
        if name in self._given:
            return self._given[name]
        with self._lock:
            if self._closed:
                raise ConfigError("the fetchers of this run are closed")
            fetcher = self._opened.get(name)
            if fetcher is None:
                fetcher = self._opened[name] = open_fetcher(name, self.settings)
            return fetcher

    def fetch(self, request: FetchRequest) -> FetchedPage:
        if request.mode == FetchMode.AUTO:
            from tracker.fetch.auto import fetch_auto

            return fetch_auto(self, request)
        name = request.mode.value
        try:
            return self.get(name).fetch(request)
        except FetchError as error:
            error.fetcher = error.fetcher or name
            raise

    @property
    def opened(self) -> tuple[str, ...]:
        """The names of the fetchers opened so far (not the given ones)."""
        with self._lock:
            return tuple(self._opened)

    def close(self) -> None:
        """Close every fetcher this set opened (the first error is raised after all)."""
        with self._lock:
            self._closed = True
            opened, self._opened = list(self._opened.values()), {}
        first: BaseException | None = None
        for fetcher in opened:
            try:
                fetcher.close()
            except BaseException as exc:  # close the others all the same
                first = first or exc
        if first is not None:
            raise first

    def __enter__(self) -> Fetchers:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

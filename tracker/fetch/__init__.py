"""Getting a document's page: the :class:`Fetcher` protocol and the registry of fetchers.

A fetcher turns a :class:`FetchRequest` (URL and validators from the last good fetch) into a
:class:`FetchedPage` (bytes and HTTP facts), or raises :class:`~tracker.errors.FetchError`
whose ``kind`` is a :class:`~tracker.vocabulary.FetchErrorKind`. Everything after the fetch
(hashing, extraction, guards, versions) is the same whichever fetcher produced the page.

Fetchers (one module each; add one by writing the module and one line in :data:`FETCHERS`):

- ``http``  :mod:`tracker.fetch.http`   httpx: timeouts, total deadline, size cap, conditional GET

:mod:`tracker.fetch.retry` decides which failures are retried and after how long. Nothing
here imports a network library: :func:`open_fetcher` loads a fetcher's module on first use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tracker.errors import ConfigError

if TYPE_CHECKING:
    from tracker.settings import Settings


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """What to fetch: the registered URL and the validators of the last good fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """What a successful fetch returns. ``not_modified`` is a 304 answer to a conditional GET.

    ``fetcher`` names the fetcher that produced it (stored on the fetch row); ``sha256`` is
    the body's hash when the caller computed it already (the worker does, in its fetch thread).
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

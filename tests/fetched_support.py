"""A fetched page built in a test, as a fetcher returns it, for the tests that run the pipeline
after the fetch (``process_page``, the extraction pool) on bytes of their own."""

from __future__ import annotations

from tracker.fetch import FetchedPage


def fetched_page(
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    etag: str | None = None,
    not_modified: bool = False,
    fetcher: str = "http",
) -> FetchedPage:
    """A 200 answer with ``body`` from ``url`` (no redirect), or a 304 when ``not_modified``
    (its body empty, as the HTTP fetcher returns it)."""
    return FetchedPage(
        url=url,
        final_url=url,
        status=304 if not_modified else 200,
        content_type=content_type,
        etag=etag,
        last_modified=None,
        body=b"" if not_modified else body,
        duration_ms=1,
        not_modified=not_modified,
        fetcher=fetcher,
    )

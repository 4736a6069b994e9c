"""``fetch = "auto"``: plain HTTP first, the browser only when the answer needs one.

The HTTP answer goes on to the browser when :func:`tracker.guard.shell.browser_needed` says
it is a script shell (little text: an empty app root, a "needs JavaScript" notice) or a bot
wall (also when the wall came as an HTTP 403 or 503 error page). The page the browser
renders is then the snapshot; its ``escalation`` says why (``script-shell: ...``,
``bot-wall: ...``), and so does a browser failure's. Any other answer, a 304 included, is kept
as HTTP gave it. The browser is asked without validators: a rendered page is never
conditional, because its text does not come from the HTML alone.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from tracker.errors import FetchError
from tracker.fetch import FetchedPage, FetchRequest
from tracker.guard.page import PageInput
from tracker.guard.shell import browser_needed
from tracker.vocabulary import FetchErrorKind, FetchMode

if TYPE_CHECKING:
    from tracker.fetch import Fetchers

log = logging.getLogger(__name__)


def fetch_auto(fetchers: Fetchers, request: FetchRequest) -> FetchedPage:
    """One ``auto`` attempt: HTTP, then the browser if the answer needs it (see module doc)."""
    try:
        page = fetchers.get(FetchMode.HTTP.value).fetch(request)  # keeps an error page's start
    except FetchError as error:
        error.fetcher = error.fetcher or FetchMode.HTTP.value
        reason = _wall_in_error(request, error)
        if reason is None:
            raise
    else:
        reason = None if page.not_modified else browser_needed(_page_input(page))
        if reason is None:
            return page
    log.info("%s: rendering in the browser (%s)", request.url, reason, extra={"escalation": reason})
    rendered = replace(request, mode=FetchMode.BROWSER, etag=None, last_modified=None)
    try:
        browser_page = fetchers.get(FetchMode.BROWSER.value).fetch(rendered)
    except FetchError as error:
        error.fetcher = FetchMode.BROWSER.value
        error.escalation = reason
        raise
    return replace(browser_page, escalation=reason)


def _page_input(page: FetchedPage) -> PageInput:
    return PageInput(
        body=page.body,
        status=page.status,
        content_type=page.content_type,
        url=page.url,
        final_url=page.final_url,
    )


def _wall_in_error(request: FetchRequest, error: FetchError) -> str | None:
    """A bot wall answering with an error status (403, 503...), if the error page is one."""
    if error.kind != FetchErrorKind.HTTP_STATUS or not error.body or error.status is None:
        return None
    return browser_needed(
        PageInput(
            body=error.body,
            status=error.status,
            content_type=error.content_type,
            url=request.url,
            final_url=request.url,
        )
    )

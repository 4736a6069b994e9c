"""The ``apprise`` channel: a short chat message through Apprise.

Apprise (https://github.com/caronc/apprise) knows how to post to Slack, Microsoft Teams,
Discord, Matrix, Telegram, ntfy, Mattermost, Rocket.Chat, Pushover, Gotify and a hundred more
services, each named by a URL (``slack://T000/B000/XXXX``, ``ntfy://topic``,
``tgram://bot-token/chat-id``, ``json://host/path``...). The message is the
:class:`~tracker.deliver.ChatBody` rendered by the digest (title and Markdown); Apprise turns
the Markdown into what each service shows.

Apprise reports failures through its log; they are captured and become the
:class:`~tracker.errors.DeliveryError`, with the URL's tokens replaced (a Slack URL's path is
its secret). A failed message is not retried here: its changes stay pending for the next run.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from tracker.deliver import ChatBody, Notice, Receipt
from tracker.errors import DeliveryError
from tracker.settings import Settings
from tracker.subscriptions import APPRISE_ENDPOINT_SCHEMES
from tracker.vocabulary import Medium

if TYPE_CHECKING:
    import ssl

#: Characters of Apprise's error lines kept in the error message.
ERROR_CHARS = 300
_SHORTEST_SECRET = 4


def apprise_url_problem(url: str) -> str | None:
    """None when an Apprise plugin takes ``url``, else why not."""
    import apprise

    if apprise.Apprise.instantiate(url) is None:
        return (
            "no Apprise service takes this URL (see "
            "https://github.com/caronc/apprise/wiki for the URL of each service)"
        )
    return None


def scrub_url_secrets(text: str, url: str) -> str:
    """``text`` without the URL's user, password, path segments and query values, and
    without its host unless the service is a generic endpoint (``json://host``...), whose
    host is a server's name rather than a topic or a token."""
    parts = urlsplit(url)
    secrets = {url, parts.username or "", parts.password or ""}
    if parts.scheme.lower() not in APPRISE_ENDPOINT_SCHEMES:
        secrets |= set(re.split(r"[:@]", parts.netloc))
    secrets |= {unquote(segment) for segment in parts.path.split("/")}
    secrets |= set(parts.path.split("/"))
    for pair in parts.query.split("&"):
        secrets.add(pair.partition("=")[2])
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= _SHORTEST_SECRET:
            text = text.replace(secret, "…")
    return text


class AppriseChannel:
    """The ``apprise`` channel (see the module doc)."""

    name = "apprise"
    medium = Medium.CHAT

    def __init__(self, settings: Settings, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.settings = settings

    def deliver(self, notice: Notice) -> Receipt:
        import apprise

        body = notice.body
        if not isinstance(body, ChatBody):
            raise TypeError(f"the apprise channel was given a {type(body).__name__}")
        destination = notice.destination
        (url,) = destination.recipients
        service = apprise.Apprise()
        if not service.add(url):
            raise DeliveryError(f"apprise {destination.shown}: no Apprise service takes this URL")
        capture = apprise.LogCapture(level=logging.WARNING, fmt="%(message)s")  # type: ignore[no-untyped-call]
        with capture as captured:
            delivered = service.notify(
                title=body.title,
                body=body.markdown,
                body_format=apprise.NotifyFormat.MARKDOWN,
            )
            said = captured.getvalue()
        if not delivered:
            lines = [line.strip() for line in said.splitlines() if line.strip()]
            detail = scrub_url_secrets("; ".join(lines), url)[:ERROR_CHARS] or "not delivered"
            raise DeliveryError(f"apprise {destination.shown}: {detail}")
        return Receipt()

"""What keeps ``tracker serve`` safe, as one ASGI middleware in front of every route.

- **Read-only by method**: only GET and HEAD are answered (405 otherwise); the database is
  also opened read-only (:func:`tracker.store.database.open_read_only`).
- **Token** (``TRACKER_UI_TOKEN``): when set, every request must carry it, as
  ``Authorization: Bearer TOKEN`` or HTTP Basic with the token as password (the browser asks
  once); compared in constant time. Without a token the server only binds to loopback
  (:func:`check_binding`), and a reverse proxy does the authentication if it is exposed.
- **Host check** without a token: the ``Host`` header must name this machine (loopback names,
  the bound address, or the host of ``TRACKER_PUBLIC_URL``), so a web page elsewhere cannot
  read the history through DNS rebinding.
- **Headers** on every answer: a Content-Security-Policy that allows no script at all and
  only this server's stylesheet, no framing, no referrer, no MIME sniffing.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracker.errors import ConfigError

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
READ_METHODS = frozenset({"GET", "HEAD"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token_set: bool) -> None:
    """Refuse to serve beyond this machine without a token (a :class:`ConfigError`)."""
    if not token_set and not is_loopback(host):
        raise ConfigError(
            f"serving on {host} would let anyone who can reach it read the history: set "
            "TRACKER_UI_TOKEN, or bind to 127.0.0.1 behind a reverse proxy that authenticates "
            "(see README, Reading the history in a browser)"
        )


def allowed_hosts(bind_host: str, public_url: str | None) -> frozenset[str]:
    """Host names the ``Host`` header may carry when there is no token."""
    names = set(LOOPBACK_NAMES) | {bind_host.lower().strip("[]")}
    if public_url:
        names.add((urlsplit(public_url).hostname or "").lower())
    return frozenset(n for n in names if n)


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without port or IPv6 brackets, lower-case."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """The middleware described in the module docstring."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        hosts: Iterable[str] = LOOPBACK_NAMES,
    ) -> None:
        self.app = app
        self.token = token.encode() if token is not None else None
        self.hosts = frozenset(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        refusal = self.refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def refusal(self, scope: Scope) -> Response | None:
        headers = Headers(scope=scope)
        if scope["method"] not in READ_METHODS:
            return PlainTextResponse(
                "This server is read-only: GET and HEAD only.\n",
                status_code=405,
                headers={"Allow": "GET, HEAD"},
            )
        if self.token is None:
            if host_name(headers.get("host", "")) not in self.hosts:
                return PlainTextResponse(
                    "Unexpected Host header: this server answers to its own address only.\n",
                    status_code=421,
                )
            return None
        if not self.authorised(headers.get("authorization", "")):
            return PlainTextResponse(
                "This server needs its token (TRACKER_UI_TOKEN): any user name and the token "
                "as password, or Authorization: Bearer TOKEN.\n",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="Policy Tracker", charset="UTF-8"'},
            )
        return None

    def authorised(self, header: str) -> bool:
        assert self.token is not None
        scheme, _, value = header.strip().partition(" ")
        given = b""
        if scheme.lower() == "bearer":
            given = value.strip().encode()
        elif scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(value.strip(), validate=True)
            except (binascii.Error, ValueError):
                return False
            given = decoded.partition(b":")[2]
        return bool(given) and hmac.compare_digest(given, self.token)

"""A DevTools client of the tracker's own: one WebSocket to Chromium's browser endpoint, beside
Playwright's, for the calls a screenshot makes many times (see :mod:`tracker.fetch.browser`).

Every message between the tracker and Chromium otherwise goes through Playwright's driver, a
Node.js process: Chromium's JSON to the driver over a WebSocket, parsed there and written again
to the tracker over a pipe, parsed there again through Playwright's channel machinery. For a
screenshot's strips (a PNG of about 300 kB each, base64 in its JSON) that relay was a fifth of
the screenshot's CPU (the driver's 0.12 core-seconds and most of the tracker's 0.2 for the bench
page's 16 strips) and a hop on each strip's way. Here Chromium's answer is read from the socket
and parsed once.

Only what that needs: commands to a target's session (``Target.attachToTarget`` with
``flatten``), their answers; events are read and dropped, but for a session's end
(``Target.detachedFromTarget``), which fails the commands still waiting on that session (a
closed page answers nothing more), as the connection's end fails all of them.

The WebSocket itself (RFC 6455: the handshake, masking, fragments, pings, the close) is the
``websockets`` package's asyncio client, set up as Chromium's endpoint needs: no extension
offered (Chromium would deflate every message, as it did for Playwright's driver: see
``driver_preload.js``), no proxy (the endpoint is on the loopback), no keepalive pings (the
old hand-rolled client sent none), answers of up to :data:`MAX_MESSAGE_BYTES`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

#: An answer larger than this ends the connection (Chromium's own limit for a message is 256 MB;
#: a strip of a screenshot is a few MB at most).
MAX_MESSAGE_BYTES = 256 * 2**20
#: Seconds the opening handshake, and the closing one, may take.
OPEN_SECONDS = 10.0
CLOSE_SECONDS = 2.0


class DevtoolsError(Exception):
    """Chromium answered a command with an error, or the connection (or the command's session)
    ended before it answered."""


class DevtoolsConnection:
    """One WebSocket to Chromium's DevTools browser endpoint (``ws://host:port/devtools/
    browser/...``), on the running asyncio loop. :meth:`send` a command, to the browser or to
    a session; a reader task resolves the answers."""

    def __init__(self, socket: ClientConnection) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        #: command id -> (its session, the future of its answer)
        self._waiting: dict[int, tuple[str | None, asyncio.Future[dict[str, Any]]]] = {}
        self._ended: str | None = None
        self._task = asyncio.ensure_future(self._read_all())

    @classmethod
    async def open(cls, address: str) -> DevtoolsConnection:
        """Connect to ``address`` and make the opening handshake. Raises DevtoolsError."""
        try:
            socket = await connect(
                address,
                compression=None,
                proxy=None,
                user_agent_header=None,
                open_timeout=OPEN_SECONDS,
                ping_interval=None,
                close_timeout=CLOSE_SECONDS,
                max_size=MAX_MESSAGE_BYTES,
                max_queue=None,
            )
        except (OSError, TimeoutError, InvalidURI) as exc:
            raise DevtoolsError(f"cannot connect to {address}: {exc}") from None
        except InvalidHandshake as exc:
            raise DevtoolsError(f"WebSocket handshake refused by {address}: {exc}") from None
        return cls(socket)

    @property
    def closed(self) -> bool:
        return self._ended is not None

    async def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """The result of ``method``; raises DevtoolsError. A cancelled call forgets its answer."""
        if self._ended is not None:
            raise DevtoolsError(self._ended)
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        answer: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[number] = (session, answer)
        try:
            try:
                await self._socket.send(json.dumps(message))
            except ConnectionClosed as exc:
                self._end(f"the DevTools connection ended: {exc}")
            return await answer
        finally:
            self._waiting.pop(number, None)

    async def close(self) -> None:
        """End the connection (commands still waiting fail)."""
        self._end("the DevTools connection was closed")
        self._task.cancel()
        with contextlib.suppress(Exception):
            await self._socket.close()
        await asyncio.wait([self._task])

    def _end(self, why: str) -> None:
        if self._ended is None:
            self._ended = why
        for _, answer in list(self._waiting.values()):
            if not answer.done():
                answer.set_exception(DevtoolsError(self._ended))

    async def _read_all(self) -> None:
        try:
            while True:
                self._dispatch(json.loads(await self._socket.recv(decode=False)))
        except asyncio.CancelledError:
            raise
        except ConnectionClosed as exc:
            self._end(f"the DevTools connection ended: {exc}")
        except (OSError, ValueError) as exc:
            self._end(f"the DevTools connection broke: {exc}")
        finally:
            self._end("the DevTools connection ended")

    def _dispatch(self, message: dict[str, Any]) -> None:
        number = message.get("id")
        if number is not None:
            waiting = self._waiting.get(number)
            if waiting is None or waiting[1].done():
                return
            error = message.get("error")
            if error is not None:
                waiting[1].set_exception(DevtoolsError(str(error.get("message", error))))
            else:
                waiting[1].set_result(message.get("result", {}))
        elif message.get("method") == "Target.detachedFromTarget":
            session = message.get("params", {}).get("sessionId")
            for owner, answer in list(self._waiting.values()):
                if owner is not None and owner == session and not answer.done():
                    answer.set_exception(DevtoolsError("the page's DevTools session ended"))

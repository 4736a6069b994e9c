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
closed page answers nothing more), as the connection's end fails all of them. No extension is
offered in the opening handshake (Chromium sends every message as it is: see
``driver_preload.js``), and messages are sent unfragmented and masked, as a client must
(RFC 6455).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import itertools
import json
import os
import struct
from typing import Any
from urllib.parse import urlsplit

#: The key's answer is its SHA-1 with this appended (RFC 6455, 1.3).
_ACCEPT_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_TEXT, _BINARY, _CLOSE, _PING, _PONG, _CONTINUATION = 0x1, 0x2, 0x8, 0x9, 0xA, 0x0
#: An answer larger than this ends the connection (Chromium's own limit for a message is 256 MB;
#: a strip of a screenshot is a few MB at most).
MAX_MESSAGE_BYTES = 256 * 2**20


class DevtoolsError(Exception):
    """Chromium answered a command with an error, or the connection (or the command's session)
    ended before it answered."""


def _masked(payload: bytes, key: bytes) -> bytes:
    """``payload`` XORed with the repeated 4-byte ``key`` (a client's frames are masked)."""
    size = len(payload)
    repeated = (key * (size // 4 + 1))[:size]
    return (int.from_bytes(payload, "little") ^ int.from_bytes(repeated, "little")).to_bytes(
        size, "little"
    )


def _frame(opcode: int, payload: bytes) -> bytes:
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | size)
    elif size < 2**16:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, size)
    key = os.urandom(4)
    return head + key + _masked(payload, key)


class DevtoolsConnection:
    """One WebSocket to Chromium's DevTools browser endpoint (``ws://host:port/devtools/
    browser/...``), on the running asyncio loop. :meth:`send` a command, to the browser or to
    a session; a reader task resolves the answers."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._ids = itertools.count(1)
        #: command id -> (its session, the future of its answer)
        self._waiting: dict[int, tuple[str | None, asyncio.Future[dict[str, Any]]]] = {}
        self._ended: str | None = None
        self._task = asyncio.ensure_future(self._read_all())

    @classmethod
    async def open(cls, address: str) -> DevtoolsConnection:
        """Connect to ``address`` and make the opening handshake. Raises DevtoolsError."""
        parts = urlsplit(address)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError as exc:
            raise DevtoolsError(f"cannot connect to {host}:{port}: {exc}") from None
        key = base64.b64encode(os.urandom(16))
        request = (
            f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key.decode()}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        try:
            writer.write(request.encode())
            head = await reader.readuntil(b"\r\n\r\n")
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            writer.close()
            raise DevtoolsError(f"no WebSocket handshake from {host}:{port}: {exc}") from None
        lines = head.decode("latin-1").split("\r\n")
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines[1:])
        }
        digest = hashlib.sha1(key + _ACCEPT_GUID, usedforsecurity=False).digest()
        accept = base64.b64encode(digest).decode()
        if lines[0].split()[1:2] != ["101"] or headers.get("sec-websocket-accept") != accept:
            writer.close()
            raise DevtoolsError(f"WebSocket handshake refused by {host}:{port}: {lines[0]}")
        return cls(reader, writer)

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
            self._writer.write(_frame(_TEXT, json.dumps(message).encode()))
            return await answer
        finally:
            self._waiting.pop(number, None)

    async def close(self) -> None:
        """End the connection (commands still waiting fail)."""
        self._end("the DevTools connection was closed")
        self._task.cancel()
        with contextlib.suppress(Exception):
            self._writer.close()
            await asyncio.wait_for(self._writer.wait_closed(), 5)
        await asyncio.wait([self._task])

    def _end(self, why: str) -> None:
        if self._ended is None:
            self._ended = why
        for _, answer in list(self._waiting.values()):
            if not answer.done():
                answer.set_exception(DevtoolsError(why))

    async def _read_all(self) -> None:
        try:
            while True:
                message = await self._read_message()
                if message is None:
                    break
                self._dispatch(json.loads(message))
        except asyncio.CancelledError:
            raise
        except (OSError, asyncio.IncompleteReadError, ValueError, DevtoolsError) as exc:
            self._end(f"the DevTools connection broke: {exc}")
        finally:
            self._end("the DevTools connection ended")

    async def _read_message(self) -> bytes | None:
        """The next text or binary message (None once Chromium closed the connection)."""
        parts: list[bytes] = []
        size = 0
        while True:
            first, second = await self._reader.readexactly(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", await self._reader.readexactly(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", await self._reader.readexactly(8))
            key = await self._reader.readexactly(4) if second & 0x80 else b""
            size += length
            if size > MAX_MESSAGE_BYTES:
                raise DevtoolsError(f"a message of over {MAX_MESSAGE_BYTES} bytes")
            payload = await self._reader.readexactly(length) if length else b""
            if key:
                payload = _masked(payload, key)
            if opcode == _CLOSE:
                with contextlib.suppress(OSError):
                    self._writer.write(_frame(_CLOSE, payload[:2]))
                return None
            if opcode == _PING:
                self._writer.write(_frame(_PONG, payload))
            elif opcode in (_TEXT, _BINARY, _CONTINUATION):
                parts.append(payload)
                if first & 0x80:  # the message's last frame
                    return parts[0] if len(parts) == 1 else b"".join(parts)
            elif opcode != _PONG:
                raise DevtoolsError(f"a WebSocket frame of opcode {opcode}")

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

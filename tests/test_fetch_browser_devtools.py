"""The tracker's own DevTools connection (``tracker.fetch.devtools``): against a WebSocket
server of the test's (what Chromium may send: large, fragmented and control frames, errors, a
session's end, a close), and in a real Chromium, where a screenshot's strips and the frame
pump's frames go over it, and a browser it cannot connect to is driven as before."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import signal
import struct
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import (
    Site,
    browser_settings,
    html,
    require_chromium,
    serving,
    session_processes,
    wait_until,
)
from tests.png_support import decode, encode
from tracker.errors import FetchError
from tracker.fetch import FetchRequest, browser
from tracker.fetch.browser import BrowserFetcher
from tracker.fetch.devtools import DevtoolsConnection, DevtoolsError
from tracker.vocabulary import FetchErrorKind, FetchMode

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def _server_frame(opcode: int, payload: bytes, *, last: bool = True) -> bytes:
    """A frame as a server sends it: unmasked."""
    first = (0x80 if last else 0) | opcode
    if len(payload) < 126:
        return struct.pack("!BB", first, len(payload)) + payload
    if len(payload) < 2**16:
        return struct.pack("!BBH", first, 126, len(payload)) + payload
    return struct.pack("!BBQ", first, 127, len(payload)) + payload


async def _client_frame(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """A frame from the client: it must be masked."""
    first, second = await reader.readexactly(2)
    assert second & 0x80, "a client's frames are masked"
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", await reader.readexactly(2))
    elif length == 127:
        (length,) = struct.unpack("!Q", await reader.readexactly(8))
    key = await reader.readexactly(4)
    data = await reader.readexactly(length)
    return first & 0x0F, bytes(b ^ key[i % 4] for i, b in enumerate(data))


class FakeChromium:
    """Answers each command by its method: ``Big.answer`` with 3 MB (a 64-bit length),
    ``Fragmented.answer`` in three frames after a ping, ``Failing.command`` with an error,
    ``Never.answered`` never, ``Session.end`` with the end of session ``s1`` first,
    ``Connection.close`` with a close frame."""

    def __init__(self) -> None:
        self.pongs: list[bytes] = []
        self.handshake = b""

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.handshake = await reader.readuntil(b"\r\n\r\n")
        key = next(
            line.split(b":", 1)[1].strip()
            for line in self.handshake.split(b"\r\n")
            if line.lower().startswith(b"sec-websocket-key:")
        )
        accept = base64.b64encode(hashlib.sha1(key + GUID, usedforsecurity=False).digest())
        writer.write(
            b"HTTP/1.1 101 WebSocket Protocol Handshake\r\nUpgrade: WebSocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
        )
        while True:
            try:
                opcode, data = await _client_frame(reader)
            except asyncio.IncompleteReadError:
                return
            if opcode == 0xA:
                self.pongs.append(data)
                continue
            if opcode == 0x8:  # the client's answer to a close: the server ends the TCP
                writer.close()  # connection, as Chromium does (RFC 6455, 7.1.1)
                return
            command = json.loads(data)
            method, number = command["method"], command["id"]

            def answer(result: dict[str, Any]) -> bytes:
                return json.dumps({"id": number, "result": result}).encode()  # noqa: B023

            if method == "Big.answer":
                writer.write(_server_frame(0x1, answer({"data": "x" * 3_000_000})))
            elif method == "Fragmented.answer":
                whole = answer({"data": "abc" * 50_000, "session": command.get("sessionId")})
                writer.write(_server_frame(0x9, b"are you there"))
                writer.write(_server_frame(0x1, whole[:100], last=False))
                writer.write(_server_frame(0x0, whole[100:1000], last=False))
                writer.write(_server_frame(0x0, whole[1000:]))
            elif method == "Failing.command":
                error = {"code": -32000, "message": "No target with given id found"}
                failure = json.dumps({"id": number, "error": error}).encode()
                writer.write(_server_frame(0x1, failure))
            elif method == "Session.end":
                event = {"method": "Target.detachedFromTarget", "params": {"sessionId": "s1"}}
                writer.write(_server_frame(0x1, json.dumps(event).encode()))
                writer.write(_server_frame(0x1, answer({})))
            elif method == "Connection.close":
                writer.write(_server_frame(0x8, struct.pack("!H", 1000)))
            await writer.drain()


def test_the_connection_reads_what_chromium_may_send() -> None:
    async def scenario() -> None:
        fake = FakeChromium()
        server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        connection = await DevtoolsConnection.open(f"ws://127.0.0.1:{port}/devtools/browser/x")
        try:
            assert b"GET /devtools/browser/x HTTP/1.1" in fake.handshake
            assert b"sec-websocket-extensions" not in fake.handshake.lower()
            assert len((await connection.send("Big.answer"))["data"]) == 3_000_000
            fragmented = await connection.send("Fragmented.answer", {}, session="s9")
            assert fragmented == {"data": "abc" * 50_000, "session": "s9"}
            with pytest.raises(DevtoolsError, match="No target with given id"):
                await connection.send("Failing.command")
            assert fake.pongs == [b"are you there"]  # answered before that command was sent
            # a session's end fails the commands waiting on it, not the others
            on_s1 = asyncio.ensure_future(connection.send("Never.answered", {}, session="s1"))
            on_s2 = asyncio.ensure_future(connection.send("Never.answered", {}, session="s2"))
            await connection.send("Session.end")
            with pytest.raises(DevtoolsError, match="session ended"):
                await on_s1
            assert not on_s2.done()
            # the connection's end fails the rest, and what is sent after it
            closing = asyncio.ensure_future(connection.send("Connection.close"))
            with pytest.raises(DevtoolsError):
                await closing
            with pytest.raises(DevtoolsError):
                await on_s2
            assert connection.closed
            with pytest.raises(DevtoolsError):
                await connection.send("Big.answer")
        finally:
            await connection.close()
            server.close()
            await server.wait_closed()

    asyncio.run(scenario())


def test_a_refused_handshake_is_an_error() -> None:
    async def scenario() -> None:
        async def refuse(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(refuse, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            with pytest.raises(DevtoolsError, match="refused"):
                await DevtoolsConnection.open(f"ws://127.0.0.1:{port}/devtools/browser/x")
        finally:
            server.close()
            await server.wait_closed()

    asyncio.run(scenario())


TALL = "<style>body { margin: 0 }</style>" + "".join(
    f'<div style="height:500px;background:rgb({n * 40},{200 - n * 30},90)">Band {n}</div>'
    for n in range(6)
)


@pytest.mark.slow
def test_strips_and_frames_go_over_the_trackers_own_connection_with_the_same_pixels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the headless shell, the pump's frames, every strip of a screenshot, the settle's
    polls, the page's measure and its HTML are sent over the tracker's own DevTools
    connection, not through Playwright's driver; a browser it cannot connect to is driven
    through the driver as before, and gives the same pixels and the same HTML."""
    require_chromium()
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", 700)
    sent: list[tuple[str, bool]] = []
    send = DevtoolsConnection.send

    async def counted(
        self: DevtoolsConnection,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
    ) -> dict[str, Any]:
        sent.append((method, "screenshot" in (params or {})))
        return await send(self, method, params, session)

    monkeypatch.setattr(DevtoolsConnection, "send", counted)
    shots, bodies = [], []
    page = html(
        TALL + '<p style="position:absolute;top:0">Données « personnelles » — 個人情報</p>',
        head="<!-- a comment -->",
    )
    with serving(Site(pages={"/tall": page})) as running:  # type: ignore[arg-type]
        request = FetchRequest(url=running.url("/tall"), mode=FetchMode.BROWSER)
        for refused in (False, True):
            if refused:

                async def unreachable(address: str) -> DevtoolsConnection:
                    raise DevtoolsError(f"cannot connect to {address}")

                monkeypatch.setattr(DevtoolsConnection, "open", unreachable)
                sent.clear()
            fetcher = BrowserFetcher(browser_settings(tmp_path))
            try:
                rendered = fetcher.fetch(request)
                shots.append(rendered.screenshot)
                bodies.append(rendered.body)
                assert fetcher._renderer.frames_on_demand
                plain = fetcher.fetch(replace(request, screenshot_if=lambda page: False))
                assert plain.screenshot is None
            finally:
                fetcher.close()
            if not refused:
                strips = sent.count(("HeadlessExperimental.beginFrame", True))
                assert strips == 5  # 3,000 pixels in strips of 700
                assert sent.count(("HeadlessExperimental.beginFrame", False)) > 0  # the pump
                # the settle's polls and the page's measure, twice; the HTML, twice, and
                # once more for the second page's text check, made while it settled
                assert sent.count(("Runtime.evaluate", False)) >= 2 * 2 + 3
                assert sent.count(("Page.createIsolatedWorld", False)) == 3
                assert sent.count(("Target.createTarget", False)) == 2
            else:
                assert sent == []
    first, second = shots
    assert bodies[0] == bodies[1]
    assert bodies[0].startswith(b"<!DOCTYPE html><html><head><title>Terms</title><!-- a comment")
    assert "Données « personnelles » — 個人情報".encode() in bodies[0]
    assert first is not None and second is not None
    assert decode(first) == decode(second)
    assert decode(first)[:2] == (1280, 3000)


@pytest.mark.slow
def test_a_strip_drawn_without_its_pixels_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frame that comes back without pixels, or with pixels of another size than its strip
    (as right after the visible size changed, before the compositor had the page's frame of
    that size), is drawn again: the screenshot is the same; a strip that never comes right
    in FRAME_ATTEMPTS frames leaves the page without a screenshot, with its text."""
    require_chromium()
    monkeypatch.setattr(browser, "SCREENSHOT_STRIP", 700)
    draw = browser._Frames.draw
    spoiled: list[dict[str, Any]] = []
    small = base64.b64encode(encode([bytes(30)] * 10, 10)).decode()

    async def spoiling(self: Any, call: Any, params: dict[str, Any]) -> dict[str, Any]:
        answer = await draw(self, call, params)
        if "screenshot" in params and spoiled:
            return spoiled.pop(0)
        return answer

    monkeypatch.setattr(browser._Frames, "draw", spoiling)
    with serving(Site(pages={"/tall": html(TALL)})) as running:  # type: ignore[arg-type]
        request = FetchRequest(url=running.url("/tall"), mode=FetchMode.BROWSER)
        fetcher = BrowserFetcher(browser_settings(tmp_path))
        try:
            whole = fetcher.fetch(request).screenshot
            spoiled.extend([{"hasDamage": True}, {"hasDamage": True, "screenshotData": small}])
            again = fetcher.fetch(request).screenshot
            assert spoiled == []
            spoiled.extend([{"hasDamage": False}] * browser.FRAME_ATTEMPTS)
            lost = fetcher.fetch(request)
            assert spoiled == []
        finally:
            fetcher.close()
    assert whole is not None and again is not None
    assert decode(again) == decode(whole)
    assert lost.screenshot is None and b"Band 5" in lost.body


def _renderers(session: int) -> list[int]:
    """The renderer processes of the Chromium whose session id is ``session``."""
    found = []
    for pid in session_processes(session):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"--type=renderer" in command:
            found.append(pid)
    return found


@pytest.mark.slow
def test_a_renderer_killed_while_the_page_settles_is_a_crash_not_a_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settle's polls go over the tracker's own session; when the page's renderer dies
    meanwhile, the page is a render error that says so (as through Playwright), not cut at
    the deadline, and the next page renders."""
    require_chromium()
    polls: list[str] = []
    send = DevtoolsConnection.send

    async def counted(
        self: DevtoolsConnection,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
    ) -> dict[str, Any]:
        if method == "Runtime.evaluate":
            polls.append(method)
        return await send(self, method, params, session)

    monkeypatch.setattr(DevtoolsConnection, "send", counted)
    # a timer of 4 s set while it loads keeps the page settling; /marker says it is loaded
    waiting = html(
        "<p>Waiting.</p><script>setTimeout(() => {}, 4000);"
        "addEventListener('load', () => fetch('/marker'));</script>"
    )
    pages = {"/waiting": waiting, "/marker": html("ok"), "/plain": html("<p>Plain text.</p>")}
    with serving(Site(pages=pages)) as site:  # type: ignore[arg-type]
        fetcher = BrowserFetcher(browser_settings(tmp_path))
        try:
            fetcher.fetch(FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER))
            session = fetcher.browser_pid
            assert session is not None

            def kill_when_loaded() -> None:
                if wait_until(lambda: site.hits.get("/marker", 0) > 0, 30):
                    time.sleep(0.5)
                    for pid in _renderers(session):
                        os.kill(pid, signal.SIGKILL)

            killer = threading.Thread(target=kill_when_loaded)
            killer.start()
            polls.clear()
            with pytest.raises(FetchError) as caught:
                fetcher.fetch(FetchRequest(url=site.url("/waiting"), mode=FetchMode.BROWSER))
            killer.join()
            assert polls, "the settle polled over the tracker's own connection"
            assert caught.value.kind == FetchErrorKind.RENDER
            assert "crash" in str(caught.value)
            after = fetcher.fetch(FetchRequest(url=site.url("/plain"), mode=FetchMode.BROWSER))
            assert b"Plain text." in after.body
        finally:
            fetcher.close()


def test_a_chromium_that_refuses_a_visible_size_is_laid_out_whole_over_either_session() -> None:
    """Over the tracker's own connection a refused command raises DevtoolsError, not
    Playwright's error: the page is then laid out at its full size, all of it visible."""
    sent: list[tuple[str, dict[str, Any]]] = []

    async def call(method: str, params: dict[str, Any]) -> dict[str, Any]:
        sent.append((method, params))
        if method == "Emulation.setVisibleSize":
            raise DevtoolsError("'Emulation.setVisibleSize' wasn't found")
        return {}

    session = browser._Devtools(call, browser._Stage())
    assert asyncio.run(browser._lay_out_whole(session, 800, 5000, 1024)) is False
    assert [m for m, _ in sent] == [
        "Emulation.setDeviceMetricsOverride",
        "Emulation.setVisibleSize",
        "Emulation.setDeviceMetricsOverride",
    ]
    assert sent[-1][1] == browser._metrics(800, 5000)

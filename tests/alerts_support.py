"""Support for the alert tests: a real HTTP receiver for webhooks and Apprise, subscription
files, and a classifier that states direction and reason.

:class:`Receiver` is a real ``ThreadingHTTPServer`` on 127.0.0.1 that records every request
(path, headers, raw body) and answers from a script (``answers``: statuses to give, in
order, then 200). It stands for a webhook receiver, and for the endpoints of Apprise's
``json://`` and ``form://`` services. ``Receiver.port`` can be reserved before the server
starts, so a destination can be "down" (nothing listens: connection refused) one night and
"up" the next at the same URL.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.digest_support import free_port
from tracker.model import ClauseDiff
from tracker.track.context import ChangeClassifier
from tracker.vocabulary import Direction, Severity

SECRET = "webhook-signing-key-0123456789"


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A sender killed in the middle of a request breaks the connection: expected."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A local HTTP endpoint that records requests and answers as scripted."""

    port: int = field(default_factory=free_port)
    requests: list[Request] = field(default_factory=list)
    answers: deque[tuple[int, dict[str, str]]] = field(default_factory=deque)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self, status: int, times: int = 1, **headers: str) -> None:
        """Answer the next ``times`` requests with ``status`` (then 200 again)."""
        self.answers.extend([(status, dict(headers))] * times)

    def posts(self, path: str | None = None) -> list[Request]:
        return [r for r in self.requests if r.method == "POST" and (path is None or r.path == path)]

    @contextmanager
    def running(self) -> Iterator[Receiver]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if len(body) < length:
                    return  # the sender died half-way: nothing was received
                receiver.requests.append(
                    Request("POST", self.path, {k: v for k, v in self.headers.items()}, body)
                )
                status, headers = receiver.answers.popleft() if receiver.answers else (200, {})
                payload = b"ok" if status < 400 else b"receiver says no"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                return

        server = _QuietServer(("127.0.0.1", self.port), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()


def subscriptions_file(folder: Path, text: str) -> Path:
    path = folder / "subscriptions.toml"
    path.write_text(text, encoding="utf-8")
    return path


def judging_classifier(
    rules: dict[str, tuple[Severity, tuple[str, ...], Direction, str]],
) -> ChangeClassifier:
    """Severity, topics, direction and reason for each change whose text has a keyword."""

    def classify(diff: ClauseDiff) -> ClauseDiff:
        changes = []
        for change in diff.changes:
            text = " ".join(c.text for c in (*change.old, *change.new)).lower()
            for keyword, (severity, topics, direction, reason) in rules.items():
                if keyword in text:
                    change = replace(
                        change,
                        severity=severity,
                        topics=topics,
                        direction=direction,
                        reason=reason,
                    )
                    break
            changes.append(change)
        return replace(diff, changes=tuple(changes))

    return classify

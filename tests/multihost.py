"""A local HTTP server that looks like many sites: one listener per loopback address.

Used by the concurrency tests and by bench/bench_run.py. Host ``i`` listens on
``127.0.0.(i+1)`` (Linux routes all of 127.0.0.0/8 to the loopback), so the tracker sees
distinct host names and applies its per-host limits to each. The server counts requests per
path as they arrive and measures, per host and overall, the peak number of requests being
answered at once; ``latency`` makes each answer take that long, and ``on_request`` lets a
test hold a request (a barrier, an event) to make an interleaving certain, not likely.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: The project's rule file: `tracker run` loads it before anything else (TRACKER_RULES).
RULES_FILE = str(Path(__file__).resolve().parent.parent / "data" / "rules.toml")


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it (passed to ``on_request``)."""

    host: str
    path: str
    user_agent: str
    headers: dict[str, str]


#: Enough ordinary prose for a page to pass the tracker's near-empty guard.
PROSE = (
    "We collect the information you give us when you create an account, use the service or "
    "contact us, and we use it to provide, secure and improve the service. We keep it for as "
    "long as your account is open and never sell it to anyone."
)


def policy_html(title: str, body: str) -> str:
    """A policy page: ``body`` and a paragraph of :data:`PROSE`, inside ``<main>``."""
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home</nav><main>"
        f"<h1>{title}</h1><p>{body}</p><h2>Your data</h2><p>{PROSE}</p>"
        "</main><footer>Footer</footer></body></html>"
    )


def policy_page(name: str, revision: int = 1) -> bytes:
    """A policy page, distinct per name and revision."""
    return policy_html(
        f"Privacy Policy of {name}", f"This policy applies to {name} (revision {revision})."
    ).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


class MultiHostServer:
    """``hosts`` loopback sites serving :func:`policy_page` for any path."""

    def __init__(
        self,
        hosts: int = 1,
        *,
        latency: float = 0.0,
        on_request: Callable[[Seen], None] | None = None,
        revision: int = 1,
    ) -> None:
        self.hosts = hosts
        self.latency = latency
        self.on_request = on_request
        self.revision = revision
        self.requests: Counter[str] = Counter()
        self.peak_per_host: Counter[str] = Counter()
        self.peak_total = 0
        self._active: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._servers: list[_Server] = []

    def url(self, host: int, path: str) -> str:
        address, port = self._servers[host].server_address[:2]
        return f"http://{address!s}:{port}{path}"

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    def _enter(self, host: str, path: str) -> None:
        with self._lock:
            self.requests[f"{host}{path}"] += 1
            self._active[host] += 1
            self.peak_per_host[host] = max(self.peak_per_host[host], self._active[host])
            self.peak_total = max(self.peak_total, sum(self._active.values()))

    def _leave(self, host: str) -> None:
        with self._lock:
            self._active[host] -= 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host = self.headers.get("Host", "")
                server._enter(host, self.path)
                try:
                    if server.on_request is not None:
                        server.on_request(
                            Seen(
                                host,
                                self.path,
                                self.headers.get("User-Agent", ""),
                                dict(self.headers),
                            )
                        )
                    if server.latency:
                        time.sleep(server.latency)
                    body = policy_page(f"{host}{self.path}", server.revision)
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                finally:
                    # counted out before the body goes: the client cannot start its next
                    # request before it has the body, so the peaks are never overstated
                    server._leave(host)
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    @contextmanager
    def running(self) -> Iterator[MultiHostServer]:
        handler = self._handler()
        with ExitStack() as stack:
            for index in range(self.hosts):
                httpd = _Server((f"127.0.0.{index + 1}", 0), handler)
                self._servers.append(httpd)
                thread = threading.Thread(target=httpd.serve_forever, daemon=True)
                thread.start()
                stack.callback(httpd.server_close)
                stack.callback(httpd.shutdown)
            yield self


def registry_text(urls: list[str], prefix: str = "site") -> str:
    """A registry tracking each URL as document ``<prefix>/doc-<n>``."""
    return "".join(
        f'[[documents]]\nslug = "{prefix}/doc-{n}"\nservice = "Site"\ntype = "Doc {n}"\n'
        f'url = "{url}"\n\n'
        for n, url in enumerate(urls)
    )

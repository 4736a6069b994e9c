"""One connection pool per host, behind one httpx transport.

httpcore's pool looks at every connection it holds on each request (under its lock, with a
``poll`` of each idle socket to see whether the server closed it). A night over many hosts
keeps an idle connection per host (reconnecting, with a TLS handshake, costs more), so with
one pool each request paid for all of them: over 50 hosts, a threaded download through one
pool of 50 idle connections took twice the CPU of one through a pool of 8. Here each host
(scheme, host name, port) has its own pool: a request looks at its host's connections only,
and requests to different hosts do not wait for each other's lock.

At most ``max_hosts`` pools are kept: past that, the least recently used pools with no
request in flight are closed (their idle sockets with them), so a night over thousands of
hosts does not hold a socket open for each. The TLS context is made once, on the first https
request, and shared by every pool.
"""

from __future__ import annotations

import ssl
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator

import httpx

Key = tuple[bytes, str, int | None]


class _Pool:
    """A host's transport and how many of its responses are still open."""

    __slots__ = ("open", "transport")

    def __init__(self, transport: httpx.HTTPTransport) -> None:
        self.transport = transport
        self.open = 0


class _Released(httpx.SyncByteStream):
    """A response body that tells its pool when it is closed."""

    def __init__(self, stream: httpx.SyncByteStream, release: Callable[[], None]) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            release, self._release = self._release, None
            if release is not None:
                release()


class PerHostTransport(httpx.BaseTransport):
    """An httpx transport keeping a separate :class:`httpx.HTTPTransport` per host, each with
    ``limits`` (so ``max_keepalive_connections`` is per host), at most ``max_hosts`` of them
    idle at once (see the module doc)."""

    def __init__(
        self,
        limits: httpx.Limits,
        *,
        max_hosts: int,
        ssl_context: Callable[[], ssl.SSLContext] = httpx.create_ssl_context,
    ) -> None:
        self._limits = limits
        self._max_hosts = max(1, max_hosts)
        self._make_ssl_context = ssl_context
        self._ssl: ssl.SSLContext | None = None
        self._pools: OrderedDict[Key, _Pool] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        key = (url.raw_scheme, url.host, url.port)
        pool, retired = self._take(key)
        for old in retired:
            old.transport.close()
        try:
            response = pool.transport.handle_request(request)
        except BaseException:
            self._release(pool)
            raise
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _Released(response.stream, lambda: self._release(pool))
        return response

    def _take(self, key: Key) -> tuple[_Pool, list[_Pool]]:
        """The host's pool, marked in use, and the pools to close (idle, least recently used,
        beyond ``max_hosts``)."""
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                pool = self._pools[key] = _Pool(self._transport(key[0] == b"https"))
            else:
                self._pools.move_to_end(key)
            pool.open += 1
            retired = []
            if len(self._pools) > self._max_hosts:
                idle = [k for k, p in self._pools.items() if p.open == 0]
                for old in idle[: len(self._pools) - self._max_hosts]:
                    retired.append(self._pools.pop(old))
            return pool, retired

    def _transport(self, https: bool) -> httpx.HTTPTransport:
        if not https:  # plain http: no certificates to load
            return httpx.HTTPTransport(verify=False, limits=self._limits, trust_env=False)
        if self._ssl is None:
            self._ssl = self._make_ssl_context()
        return httpx.HTTPTransport(verify=self._ssl, limits=self._limits, trust_env=False)

    def _release(self, pool: _Pool) -> None:
        with self._lock:
            pool.open -= 1

    @property
    def hosts(self) -> int:
        """How many hosts have a pool now."""
        with self._lock:
            return len(self._pools)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            pool.transport.close()

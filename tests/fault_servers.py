"""Real local servers that misbehave on cue, for the fault matrix (tests/test_faults.py).

- :class:`RawServer`: a TCP server on 127.0.0.1 speaking just enough HTTP/1.1 by hand, so a
  test can do what no well-behaved server library will: reset the connection, never answer,
  trickle the body a byte at a time, promise more bytes than it sends, or stop accepting
  connections altogether. Each connection is handled by the current ``behaviour``.
- TLS: the same server wraps each connection in TLS; :func:`make_certificates` makes, with the
  ``openssl`` command, a test CA (trusted by the tracker through ``SSL_CERT_FILE``), a
  certificate it signed for 127.0.0.1, and a self-signed one the tracker must refuse.
- Unreachable: :meth:`RawServer.stop_accepting` turns the listening socket into one whose accept
  queue is full (``listen(0)``, then connections that are never accepted): the kernel drops the
  next SYN, so a client's connect times out, at once and every time, without depending on the
  network (a non-routable address can fail fast with "unreachable" instead of timing out).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: What the raw server does with one accepted connection (the request is already read).
RawBehaviour = Callable[[socket.socket, "RawServer"], None]


def http_response(
    body: bytes, *, status: str = "200 OK", content_type: str = "text/html; charset=utf-8"
) -> bytes:
    """A complete HTTP/1.1 response that closes the connection."""
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def read_request(connection: socket.socket) -> bytes:
    """Read up to the end of the request head (GET requests have no body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


class RawServer:
    """A threaded TCP server on 127.0.0.1 whose per-connection ``behaviour`` can be swapped."""

    def __init__(self, behaviour: RawBehaviour, *, tls: ssl.SSLContext | None = None) -> None:
        self.behaviour = behaviour
        self.tls = tls
        self.connections = 0
        self.stopped = threading.Event()
        self._accepting = threading.Event()
        self._accepting.set()
        self._fillers: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=16)
        self._listener.settimeout(0.05)
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def url(self, path: str) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    @contextlib.contextmanager
    def running(self) -> Iterator[RawServer]:
        self._thread.start()
        try:
            yield self
        finally:
            self.stopped.set()
            self._thread.join()
            for sock in (*self._fillers, self._listener):
                sock.close()

    def stop_accepting(self) -> None:
        """From now on connections are never accepted and new ones cannot even connect."""
        self._accepting.clear()
        time.sleep(0.1)  # the accept loop notices within its 0.05 s timeout
        self._listener.listen(0)
        while True:  # queue connections nobody accepts until the queue is full
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", self.port))
            self._fillers.append(filler)
            if not _connects_within(filler, 0.2):
                return

    def _accept_loop(self) -> None:
        while not self.stopped.is_set():
            if not self._accepting.is_set():
                self.stopped.wait(0.05)
                continue
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        connection.settimeout(30)
        try:
            if self.tls is not None:
                connection = self.tls.wrap_socket(connection, server_side=True)
            read_request(connection)
            self.behaviour(connection, self)
        except (OSError, ssl.SSLError):
            pass  # the client gave up or refused our certificate: that is the point
        finally:
            with contextlib.suppress(OSError):
                connection.close()


def _connects_within(sock: socket.socket, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            sock.getpeername()
            return True
        except OSError:
            time.sleep(0.01)
    return False


# -- behaviours ---------------------------------------------------------------------------------
def serve(body: bytes) -> RawBehaviour:
    """Answer with ``body`` properly."""

    def behaviour(connection: socket.socket, _server: RawServer) -> None:
        connection.sendall(http_response(body))

    return behaviour


def reset_connection(connection: socket.socket, _server: RawServer) -> None:
    """Close with an RST (SO_LINGER 0) instead of answering."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def never_answer(connection: socket.socket, server: RawServer) -> None:
    """Keep the connection open and say nothing until the client leaves."""
    connection.settimeout(0.1)
    while not server.stopped.is_set():
        try:
            if not connection.recv(1):
                return
        except TimeoutError:
            continue


def trickle(body: bytes, interval: float) -> RawBehaviour:
    """Send the head, then the body one byte every ``interval`` seconds (each byte well
    within the client's read timeout)."""

    def behaviour(connection: socket.socket, server: RawServer) -> None:
        response = http_response(body)
        head_end = response.index(b"\r\n\r\n") + 4
        connection.sendall(response[:head_end])
        for byte in response[head_end:]:
            if server.stopped.wait(interval):
                return
            connection.sendall(bytes([byte]))

    return behaviour


def truncate(body: bytes) -> RawBehaviour:
    """Announce the whole body in Content-Length, send half of it, close."""

    def behaviour(connection: socket.socket, _server: RawServer) -> None:
        response = http_response(body)
        connection.sendall(response[: len(response) - len(body) // 2])

    return behaviour


# -- certificates -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Certificates:
    """A test CA (``ca``, for SSL_CERT_FILE), a certificate it signed for 127.0.0.1
    (``trusted``) and a self-signed one (``untrusted``); each pair is (certificate, key)."""

    ca: Path
    trusted: tuple[Path, Path]
    untrusted: tuple[Path, Path]

    def context(self, pair: tuple[Path, Path]) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(pair[0]), str(pair[1]))
        return context


_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
_LEAF_EXTENSIONS = (
    "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n"
    "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
    "authorityKeyIdentifier=keyid,issuer\nsubjectKeyIdentifier=hash\n"
)


def make_certificates(folder: Path) -> Certificates:
    """Create the CA and both server certificates in ``folder`` with ``openssl``."""
    ca, ca_key = folder / "ca.pem", folder / "ca.key"
    leaf, leaf_key, request = folder / "leaf.pem", folder / "leaf.key", folder / "leaf.csr"
    alone, alone_key = folder / "self.pem", folder / "self.key"
    extensions = folder / "leaf.ext"
    extensions.write_text(_LEAF_EXTENSIONS, encoding="ascii")
    _openssl("req", "-x509", *_KEY, "-days", "2", "-subj", "/CN=Fault matrix test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             "-keyout", ca_key, "-out", ca)  # fmt: skip
    _openssl("req", *_KEY, "-subj", "/CN=127.0.0.1", "-keyout", leaf_key, "-out", request)
    _openssl("x509", "-req", "-in", request, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
             "-days", "2", "-extfile", extensions, "-out", leaf)  # fmt: skip
    _openssl("req", "-x509", *_KEY, "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", alone_key, "-out", alone)  # fmt: skip
    return Certificates(ca=ca, trusted=(leaf, leaf_key), untrusted=(alone, alone_key))


def _openssl(*args: str | Path) -> None:
    subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)

"""Helpers for the digest tests: pages through the real pipeline, and a real SMTP server.

``track_page`` runs :func:`tracker.track.record.process_page` (the pipeline minus the HTTP fetch)
on given bytes, so versions, clauses and changes are stored exactly as the nightly run stores
them. ``keyword_classifier`` is a stand-in for the rule classifier at the pipeline's own
plug-in point: it sets severity and topics when a keyword appears in a changed clause.
``SmtpServer`` is a real aiosmtpd server on 127.0.0.1 (plain, STARTTLS or implicit TLS).
"""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from tests.fetched_support import fetched_page
from tracker.clock import FixedClock
from tracker.model import ClauseDiff, ExtractionRules
from tracker.registry import DocumentSpec
from tracker.settings import Settings
from tracker.store.database import Database
from tracker.store.records import sync_document
from tracker.track.context import ChangeClassifier, DocumentResult, TrackContext, VersionAnnotator
from tracker.track.record import process_page
from tracker.vocabulary import Severity


def spec_for(slug: str, url: str, select: tuple[str, ...] = ("main",)) -> DocumentSpec:
    service, _, kind = slug.partition("/")
    return DocumentSpec(
        slug=slug,
        service=service.replace("-", " ").title(),
        type=kind.replace("-", " ").title(),
        url=url,
        rules=ExtractionRules(select=select),
    )


def track_page(
    db: Database,
    settings: Settings,
    spec: DocumentSpec,
    body: bytes,
    when: datetime,
    classify: ChangeClassifier | None = None,
    annotate: VersionAnnotator | None = None,
) -> DocumentResult:
    """Record ``body`` as tonight's fetch of ``spec``, through the real pipeline.

    For the real classifier pass ``RuleClassifier(rules).classify_diff`` and
    ``.annotate_version`` (clause topics and stored key facts), as ``tracker run`` does.
    """
    page = fetched_page(spec.url, body)
    context = TrackContext(
        db=db,
        settings=settings,
        clock=FixedClock(when),
        classify=classify or (lambda diff: diff),
        annotate=annotate,
    )
    with db.transaction() as session:
        document = sync_document(session, spec, when)
        return process_page(session, document, spec, page, context, when, None)


def keyword_classifier(rules: dict[str, tuple[Severity, tuple[str, ...]]]) -> ChangeClassifier:
    """Severity and topics for each change whose clause text contains one of the keywords."""

    def classify(diff: ClauseDiff) -> ClauseDiff:
        changes = []
        for change in diff.changes:
            text = " ".join(c.text for c in (*change.old, *change.new)).lower()
            for keyword, (severity, topics) in rules.items():
                if keyword in text:
                    change = replace(change, severity=severity, topics=topics)
                    break
            changes.append(change)
        return replace(diff, changes=tuple(changes))

    return classify


#: Real documents are more than a sentence or two: a near-empty page is held as suspect by the
#: guards, not recorded. Every test page ends with this section, the same on every night.
ABOUT = (
    "<h2>About this document</h2><p>This document applies to the websites, apps and services "
    "it is published with. It is meant to be read in full; the headings only help you find your "
    "way through it.</p>"
)


def page(*paragraphs: str, title: str = "Terms") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><body><main><h1>{title}</h1>{body}{ABOUT}</main></body></html>".encode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Mailbox:
    """What the server received, and how it answers DATA (``reply``)."""

    envelopes: list[Envelope] = field(default_factory=list)
    reply: str = "250 Message accepted for delivery"
    refuse_recipients: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self,
        server: SMTPServer,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address in self.refuse_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        if self.reply.startswith("250"):
            self.envelopes.append(envelope)
        return self.reply


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str

    def __call__(
        self, server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (
            data.login.decode() == self.user and data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(
    mailbox: Mailbox,
    *,
    tls: str | None = None,
    cert: tuple[Path, Path] | None = None,
    credentials: Credentials | None = None,
) -> Iterator[int]:
    """A real SMTP server on 127.0.0.1: plain, ``tls="starttls"`` or ``tls="ssl"``."""
    port = free_port()
    kwargs: dict[str, Any] = {}
    if tls is not None:
        assert cert is not None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(cert[0]), str(cert[1]))
        if tls == "ssl":
            kwargs["ssl_context"] = context
        else:
            kwargs["tls_context"] = context
            kwargs["require_starttls"] = True
    if credentials is not None:
        kwargs["authenticator"] = credentials
        kwargs["auth_required"] = True
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def client_context(cert: Path) -> ssl.SSLContext:
    """A client TLS context that trusts ``cert`` only."""
    return ssl.create_default_context(cafile=str(cert))

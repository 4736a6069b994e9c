"""Digest delivery to a real SMTP server (aiosmtpd on 127.0.0.1): plain, STARTTLS with login,
implicit TLS; refusals and outages leave the changes pending for the next digest."""

from __future__ import annotations

import email
import email.policy
import logging
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.digest_support import (
    Credentials,
    Mailbox,
    client_context,
    free_port,
    keyword_classifier,
    page,
    self_signed_certificate,
    smtp_server,
    spec_for,
    track_page,
)
from tracker.clock import FixedClock
from tracker.digest import send_digest
from tracker.digest.bookkeeping import pending_version_ids
from tracker.errors import DeliveryError
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import Digest

NIGHT = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
PASSWORD = "s3cret-Pa55word!"
CLASSIFY = keyword_classifier({"train": ("high", ("ai-training",))})
SPEC = spec_for("example/terms-of-service", "https://example.com/terms")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


def smtp_settings(tmp_path: Path, port: int, **extra: str) -> Settings:
    env = {
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(port),
        "TRACKER_SMTP_SECURITY": "plain",
        "TRACKER_SMTP_FROM": "Policy Tracker <tracker@example.com>",
        "TRACKER_SMTP_TO": "legal@example.com, Ops Team <ops@example.com>",
        "TRACKER_SMTP_TIMEOUT": "10",
        "TRACKER_SMTP_LIST_UNSUBSCRIBE": "mailto:unsubscribe@example.com,https://example.com/u",
    }
    return load_settings(env | extra, cwd=tmp_path)


def two_versions(db: Database, settings: Settings) -> None:
    track_page(db, settings, SPEC, page("We never train models on your data."), NIGHT, CLASSIFY)
    track_page(
        db,
        settings,
        SPEC,
        page("We may train models on your data & share it."),
        NIGHT + timedelta(days=1),
        CLASSIFY,
    )


def received(mailbox: Mailbox) -> EmailMessage:
    assert len(mailbox.envelopes) == 1
    raw = mailbox.envelopes[0].content
    assert isinstance(raw, bytes)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def digest_rows(db: Database) -> list[Digest]:
    with db.reader() as session:
        return list(session.scalars(select(Digest).order_by(Digest.id)))


def test_digest_is_delivered_as_multipart_alternative(db: Database, tmp_path: Path) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        settings = smtp_settings(tmp_path, port)
        two_versions(db, settings)
        outcome = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=1, hours=1)))
    assert outcome.status == "delivered" and outcome.channel == "smtp"
    envelope = mailbox.envelopes[0]
    assert envelope.mail_from == "tracker@example.com"
    assert sorted(envelope.rcpt_tos) == ["legal@example.com", "ops@example.com"]
    message = received(mailbox)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == (
        "1 change in 1 document, 1 high: Example Terms Of Service; now tracking 1 new document"
    )
    assert message["From"] == "Policy Tracker <tracker@example.com>"
    assert message["To"] == "legal@example.com, Ops Team <ops@example.com>"
    assert message["Date"] == "Mon, 02 Mar 2026 04:00:00 +0000"
    row = digest_rows(db)[0]
    assert message["Message-ID"] == f"<policy-tracker.digest-{row.id}.20260302T040000Z@example.com>"
    assert message["List-Unsubscribe"] == (
        "<mailto:unsubscribe@example.com>, <https://example.com/u>"
    )
    text_part, html_part = message.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    text, html = text_part.get_content(), html_part.get_content()
    # the same content in both parts: the change, its severity and topic, the evidence
    assert "We may [-never-]{+train+}" not in text  # words are diffed, not letters
    assert "{+may+}" in text and "[-never-]" in text and "[HIGH] modified" in text
    assert "<ins" in html and ">may</ins>" in html and ">never</del>" in html
    assert "ai-training" in text and "ai-training" in html
    assert "&amp; share it" in html and "& share it" in text
    assert row.status == "delivered" and row.delivered_at is not None
    assert row.message_id == message["Message-ID"]
    assert row.recipients == "legal@example.com, Ops Team <ops@example.com>"
    for version in outcome.data.transitions:
        assert version.new.text_sha256 in text and version.new.text_sha256 in html
    with db.reader() as session:
        assert pending_version_ids(session) == []


def test_starttls_with_login_and_the_password_never_shows(
    db: Database,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    certificate: tuple[Path, Path],
) -> None:
    caplog.set_level(logging.DEBUG)
    cert, key = certificate
    mailbox = Mailbox()
    credentials = Credentials("tracker", PASSWORD)
    with smtp_server(mailbox, tls="starttls", cert=(cert, key), credentials=credentials) as port:
        settings = smtp_settings(
            tmp_path,
            port,
            TRACKER_SMTP_SECURITY="starttls",
            TRACKER_SMTP_USER="tracker",
            TRACKER_SMTP_PASSWORD=PASSWORD,
        )
        assert PASSWORD not in repr(settings) and PASSWORD not in str(settings.smtp)
        two_versions(db, settings)
        send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=2)), ssl_context=
                    client_context(cert))  # fmt: skip
        assert received(mailbox)["Subject"].startswith("1 change in 1 document, 1 high")
        # a wrong password: refused, reported without the password, nothing marked delivered
        wrong = smtp_settings(
            tmp_path,
            port,
            TRACKER_SMTP_SECURITY="starttls",
            TRACKER_SMTP_USER="tracker",
            TRACKER_SMTP_PASSWORD=PASSWORD + "x",
        )
        track_page(db, wrong, SPEC, page("Changed again."), NIGHT + timedelta(days=3))
        with pytest.raises(DeliveryError) as failure:
            send_digest(
                db,
                wrong,
                clock=FixedClock(NIGHT + timedelta(days=3)),
                ssl_context=client_context(cert),
            )
    assert "refused the login of 'tracker'" in str(failure.value)
    assert PASSWORD not in str(failure.value)
    assert PASSWORD not in caplog.text
    rows = digest_rows(db)
    assert [r.status for r in rows] == ["delivered", "failed"]
    assert PASSWORD not in (rows[1].error_message or "")


def test_starttls_refuses_an_untrusted_certificate(
    db: Database, tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    cert, key = certificate
    mailbox = Mailbox()
    with smtp_server(mailbox, tls="starttls", cert=(cert, key)) as port:
        settings = smtp_settings(tmp_path, port, TRACKER_SMTP_SECURITY="starttls")
        two_versions(db, settings)
        with pytest.raises(DeliveryError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify"):
            send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=2)))
    assert mailbox.envelopes == []
    assert [r.status for r in digest_rows(db)] == ["failed"]


def test_implicit_tls(db: Database, tmp_path: Path, certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    mailbox = Mailbox()
    with smtp_server(mailbox, tls="ssl", cert=(cert, key)) as port:
        settings = smtp_settings(tmp_path, port, TRACKER_SMTP_SECURITY="ssl")
        two_versions(db, settings)
        outcome = send_digest(
            db,
            settings,
            clock=FixedClock(NIGHT + timedelta(days=2)),
            ssl_context=client_context(cert),
        )
    assert outcome.status == "delivered"
    assert received(mailbox).get_content_type() == "multipart/alternative"


def test_a_refused_digest_is_caught_up_by_the_next_one(db: Database, tmp_path: Path) -> None:
    mailbox = Mailbox(reply="554 5.7.1 Message rejected as spam")
    with smtp_server(mailbox) as port:
        settings = smtp_settings(tmp_path, port)
        two_versions(db, settings)
        with pytest.raises(DeliveryError, match=r"554 5\.7\.1 Message rejected as spam"):
            send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=1, hours=1)))
        # the next night brings another change; the server accepts mail again
        track_page(
            db,
            settings,
            SPEC,
            page("We may train models on your data & sell it."),
            NIGHT + timedelta(days=2),
            CLASSIFY,
        )
        mailbox.reply = "250 OK"
        outcome = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=2, hours=1)))
    numbers = sorted(t.new.number for t in outcome.data.transitions)
    assert numbers == [2, 3], "the missed version 2 must come with version 3"
    assert [n.version.number for n in outcome.data.new_documents] == [1]
    assert [r.status for r in digest_rows(db)] == ["failed", "delivered"]
    text = received(mailbox).get_body(("plain",))
    assert text is not None and "Version 1 -> 2" in text.get_content()


def test_an_unreachable_server_fails_cleanly(db: Database, tmp_path: Path) -> None:
    settings = smtp_settings(tmp_path, free_port())  # nothing listens there
    two_versions(db, settings)
    with pytest.raises(DeliveryError, match=r"cannot deliver through 127\.0\.0\.1:\d+ \(plain\)"):
        send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=2)))
    assert [r.status for r in digest_rows(db)] == ["failed"]
    with db.reader() as session:
        assert len(pending_version_ids(session)) == 2


def test_recipients_refused(db: Database, tmp_path: Path) -> None:
    mailbox = Mailbox(refuse_recipients={"ops@example.com"})
    with smtp_server(mailbox) as port:
        settings = smtp_settings(tmp_path, port)
        two_versions(db, settings)
        partial = send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=2)))
        assert partial.status == "delivered"
        assert partial.note == "refused by the server: ops@example.com"
        track_page(db, settings, SPEC, page("Changed again."), NIGHT + timedelta(days=3))
        mailbox.refuse_recipients = {"legal@example.com", "ops@example.com"}
        with pytest.raises(DeliveryError, match="refused every recipient"):
            send_digest(db, settings, clock=FixedClock(NIGHT + timedelta(days=3)))
    assert [r.status for r in digest_rows(db)] == ["delivered", "failed"]
    assert digest_rows(db)[0].error_message == "refused by the server: ops@example.com"

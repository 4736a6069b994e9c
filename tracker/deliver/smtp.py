"""Sending a message over SMTP with smtplib: implicit TLS (ssl), STARTTLS, or plain.

TLS is verified with the system's trust store unless the caller passes its own
``ssl.SSLContext``. STARTTLS never falls back to plain text: a server that does not offer it
is an error. The password is only ever handed to ``SMTP.login``; errors and log lines name the
server and the user, never the password (and any error text is scrubbed of it).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage

from tracker.deliver import Notice, Receipt
from tracker.deliver.message import address_of, email_body, notice_message
from tracker.errors import ConfigError, DeliveryError
from tracker.settings import Settings, SmtpSettings
from tracker.vocabulary import Medium

log = logging.getLogger(__name__)


class SmtpChannel:
    """The ``smtp`` channel: the digest e-mail through the configured SMTP server."""

    name = "smtp"
    medium = Medium.EMAIL

    def __init__(self, settings: Settings, *, ssl_context: ssl.SSLContext | None = None) -> None:
        if settings.smtp is None:
            raise ConfigError("no SMTP server configured (TRACKER_SMTP_HOST)")
        self.smtp = settings.smtp
        self.ssl_context = ssl_context

    def deliver(self, notice: Notice) -> Receipt:
        recipients = notice.destination.recipients
        refused = send_message(
            self.smtp,
            notice_message(notice),
            sender=address_of(email_body(notice).sender),
            recipients=[address_of(r) for r in recipients],
            ssl_context=self.ssl_context,
        )
        note = f"refused by the server: {', '.join(sorted(refused))}" if refused else None
        return Receipt(note=note)


def send_message(
    settings: SmtpSettings,
    message: EmailMessage,
    *,
    sender: str,
    recipients: Sequence[str],
    ssl_context: ssl.SSLContext | None = None,
) -> dict[str, tuple[int, bytes]]:
    """Send ``message``; return the recipients the server refused (when it accepted others).

    Raises :class:`DeliveryError` when the server cannot be reached, refuses the login, the
    sender or every recipient, or fails in any other way.
    """
    where = f"{settings.host}:{settings.port} ({settings.security})"
    log.info(
        "sending digest to %d recipient(s) via %s%s",
        len(recipients),
        where,
        f" as {settings.user}" if settings.user else "",
    )
    try:
        with _connect(settings, ssl_context) as client:
            client.ehlo()
            if settings.security == "starttls":
                client.starttls(context=ssl_context or ssl.create_default_context())
                client.ehlo()
            if settings.user is not None:
                password = settings.password.reveal() if settings.password else ""
                client.login(settings.user, password)
            return client.send_message(message, from_addr=sender, to_addrs=list(recipients))
    except smtplib.SMTPAuthenticationError as exc:
        raise _error(settings, f"{where} refused the login of {settings.user!r}", exc) from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise _error(settings, f"{where} refused every recipient ({refused})", None) from None
    except smtplib.SMTPSenderRefused as exc:
        raise _error(settings, f"{where} refused the sender {exc.sender!r}", exc) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise _error(settings, f"{where} does not support what was asked", exc) from None
    except smtplib.SMTPResponseException as exc:
        raise _error(settings, f"{where} answered with an error", exc) from None
    except (smtplib.SMTPException, OSError) as exc:  # ssl.SSLError and timeouts are OSErrors
        raise _error(settings, f"cannot deliver through {where}", exc) from None


def _connect(settings: SmtpSettings, ssl_context: ssl.SSLContext | None) -> smtplib.SMTP:
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(
            settings.host,
            settings.port,
            timeout=settings.timeout,
            context=ssl_context or ssl.create_default_context(),
        )
    return smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)


def _error(settings: SmtpSettings, what: str, exc: BaseException | None) -> DeliveryError:
    detail = ""
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        detail = f": {exc.smtp_code} {reply}"
    elif exc is not None:
        detail = f": {type(exc).__name__}: {exc}" if str(exc) else f": {type(exc).__name__}"
    return DeliveryError(scrub_secret(" ".join(f"{what}{detail}".split()), settings))


def scrub_secret(text: str, settings: SmtpSettings) -> str:
    """``text`` with the SMTP password (if any, and if it appears) replaced by asterisks."""
    secret = settings.password.reveal() if settings.password else ""
    return text.replace(secret, "********") if secret else text

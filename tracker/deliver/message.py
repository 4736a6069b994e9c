"""Building a digest e-mail (pure): a multipart/alternative message, text part first.

Headers: Subject, From, To, Date, Message-ID, Auto-Submitted, and List-Unsubscribe when
configured. The Message-ID is derived from the digest's row id and time, so a message can be
traced back to its ``digests`` row.
"""

from __future__ import annotations

import email.policy
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from tracker.deliver import EmailBody, Notice

#: Header naming the digest row a message was built from.
DIGEST_ID_HEADER = "X-Policy-Tracker-Digest"


def address_of(mailbox: str) -> str:
    """The bare address of ``Name <a@b.c>`` (or of ``a@b.c``)."""
    return parseaddr(mailbox)[1]


def make_message_id(digest_id: int | None, now: datetime, sender: str) -> str:
    """A Message-ID unique per digest attempt (``preview`` for a dry run, which has no row).

    E.g. ``<policy-tracker.digest-7.20260520T030000Z@example.com>``, the domain of ``sender``.
    """
    domain = address_of(sender).rpartition("@")[2] or "localhost"
    number = "preview" if digest_id is None else digest_id
    return f"<policy-tracker.digest-{number}.{now.strftime('%Y%m%dT%H%M%SZ')}@{domain}>"


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) made one space."""
    return " ".join(text.split())


def build_digest_message(
    *,
    subject: str,
    text: str,
    html: str,
    sender: str,
    recipients: Sequence[str],
    now: datetime,
    message_id: str,
    digest_id: int | None,
    list_unsubscribe: Sequence[str] = (),
) -> EmailMessage:
    """The digest as a multipart/alternative e-mail (plain text, then HTML)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = one_line(subject)
    message["From"] = sender
    message["To"] = ", ".join(recipients) if recipients else "undisclosed-recipients:;"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    if digest_id is not None:  # a dry run's preview has no digests row
        message[DIGEST_ID_HEADER] = str(digest_id)
    if list_unsubscribe:
        message["List-Unsubscribe"] = ", ".join(f"<{url}>" for url in list_unsubscribe)
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def notice_message(notice: Notice) -> EmailMessage:
    """The e-mail of ``notice`` (whose body must be an :class:`EmailBody`)."""
    body = email_body(notice)
    return build_digest_message(
        subject=body.subject,
        text=body.text,
        html=body.html,
        sender=body.sender,
        recipients=notice.destination.recipients,
        now=notice.now,
        message_id=body.message_id,
        digest_id=notice.digest_id,
        list_unsubscribe=body.list_unsubscribe,
    )


def email_body(notice: Notice) -> EmailBody:
    if not isinstance(notice.body, EmailBody):
        raise TypeError(f"an e-mail channel was given a {type(notice.body).__name__}")
    return notice.body

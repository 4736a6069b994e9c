"""Writing a message to the outbox folder: the .eml message, its HTML and its text part (or
a chat message's Markdown, or a webhook's JSON payload).

Each file is written under a temporary name and renamed into place, so a reader of the folder
never sees half a file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.deliver import ChatBody, Destination, EmailBody, Notice, Receipt
from tracker.deliver.message import notice_message
from tracker.subscriptions import DEFAULT_NAME
from tracker.vocabulary import Medium, MessageKind

if TYPE_CHECKING:
    import ssl

    from tracker.settings import Settings


@dataclass(frozen=True, slots=True)
class OutboxFiles:
    eml: Path
    html: Path
    text: Path


def outbox_stem(
    digest_id: int | None,
    now: datetime,
    kind: str = MessageKind.DIGEST,
    destination: Destination | None = None,
) -> str:
    """``digest-<time>-<row id>``; a dry run's preview, which has no row: ``-preview``, and for
    a destination of a subscriptions file ``-preview-<8 hex digits>`` naming the subscription
    and destination: a dry run previews every destination in the same second, and without a
    row id their files took one name, each overwriting the last."""
    if digest_id is not None:
        tag = str(digest_id)
    elif destination is None or destination.subscription == DEFAULT_NAME:
        tag = "preview"
    else:
        who = f"{destination.subscription}\n{destination.key}".encode()
        tag = f"preview-{hashlib.sha256(who).hexdigest()[:8]}"
    return f"{kind}-{now.strftime('%Y%m%dT%H%M%SZ')}-{tag}"


def write_outbox(outbox: Path, stem: str, *, eml: bytes, html: str, text: str) -> OutboxFiles:
    """Write ``stem``.eml, .html and .txt into ``outbox`` (created if missing)."""
    outbox.mkdir(parents=True, exist_ok=True)
    files = OutboxFiles(
        eml=outbox / f"{stem}.eml", html=outbox / f"{stem}.html", text=outbox / f"{stem}.txt"
    )
    _write_atomically(files.eml, eml)
    _write_atomically(files.html, html.encode("utf-8"))
    _write_atomically(files.text, text.encode("utf-8"))
    return files


class OutboxChannel:
    """The ``outbox`` channel: a message as files in a folder, in whatever medium it was
    rendered: the e-mail and its two parts (.eml, .html, .txt), a chat message (.md) or a
    webhook payload (.json, the exact bytes a webhook would be sent)."""

    name = "outbox"
    medium: Medium | None = None  # any

    def __init__(self, settings: Settings, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.folder = settings.outbox_dir

    def deliver(self, notice: Notice) -> Receipt:
        stem = outbox_stem(notice.digest_id, notice.now, notice.kind, notice.destination)
        body = notice.body
        if isinstance(body, EmailBody):
            files = write_outbox(
                self.folder,
                stem,
                eml=notice_message(notice).as_bytes(),
                html=body.html,
                text=body.text,
            )
            return Receipt(location=str(files.eml), files=(files.eml, files.html, files.text))
        self.folder.mkdir(parents=True, exist_ok=True)
        if isinstance(body, ChatBody):
            path = self.folder / f"{stem}.md"
            _write_atomically(path, chat_file_text(body).encode("utf-8"))
        else:
            path = self.folder / f"{stem}.json"
            _write_atomically(path, body.encoded())
        return Receipt(location=str(path), files=(path,))


def chat_file_text(body: ChatBody) -> str:
    """A chat message as a Markdown file: the title as a heading, then the body."""
    return f"# {body.title}\n\n{body.markdown}\n"


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)

"""Writing a digest to the outbox folder: the .eml message, its HTML and its text part.

Each file is written under a temporary name and renamed into place, so a reader of the folder
never sees half a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.deliver import Notice, Receipt
from tracker.deliver.message import notice_message

if TYPE_CHECKING:
    import ssl

    from tracker.settings import Settings


@dataclass(frozen=True, slots=True)
class OutboxFiles:
    eml: Path
    html: Path
    text: Path


def outbox_stem(digest_id: int, now: datetime) -> str:
    return f"digest-{now.strftime('%Y%m%dT%H%M%SZ')}-{digest_id}"


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
    """The ``outbox`` channel: the e-mail and its two parts as files in a folder."""

    name = "outbox"

    def __init__(self, settings: Settings, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.folder = settings.outbox_dir

    def deliver(self, notice: Notice) -> Receipt:
        files = write_outbox(
            self.folder,
            outbox_stem(notice.digest_id, notice.now),
            eml=notice_message(notice).as_bytes(),
            html=notice.html,
            text=notice.text,
        )
        return Receipt(location=str(files.eml), files=(files.eml, files.html, files.text))


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)

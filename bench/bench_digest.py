"""Digest rendering: time to compose and render, and the size of what is sent.

Replays the bundled demo (data/demo/, with the shipped rule file) into a temporary folder,
then renders the digest of each night and of the whole history: whole, and as sent (the HTML
under its 100 kB budget: past it, the less severe changes are one line each with a link).
Sizes matter: Gmail clips a message body over about 102 KB behind a "view entire message"
link. Prints numbers only.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from tracker.classify import load_rules
from tracker.deliver.message import build_digest_message
from tracker.demo import open_demo_database, run_demo
from tracker.digest import render_digest, topic_labels
from tracker.digest.collect import collect_digest
from tracker.digest.render import render_email
from tracker.registry import load_registry
from tracker.settings import load_settings
from tracker.store.schema import Version

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5


def main() -> None:
    rules = load_rules(ROOT / "data" / "rules.toml")
    labels = topic_labels(rules)
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings({}, cwd=Path(folder))
        registry = load_registry(ROOT / "data" / "documents.toml")
        result = run_demo(ROOT / "data" / "demo", registry, settings, Path(folder), rules=rules)
        db = open_demo_database(result)
        try:
            with db.reader() as session:
                versions = list(session.scalars(select(Version).order_by(Version.first_seen)))
                nights = sorted({v.first_seen for v in versions})
                batches = {
                    f"night {night:%Y-%m-%d}": [v.id for v in versions if v.first_seen == night]
                    for night in nights
                }
                batches["whole history"] = [v.id for v in versions]
                print(
                    f"{'digest':<20} {'changes':>7} {'html KB':>8} {'text KB':>8} "
                    f"{'eml KB':>7} {'render ms':>10}  {'sent KB':>8} {'sent ms':>8} "
                    f"{'inline':>6} {'listed':>6} {'hidden':>6}"
                )
                for name, ids in batches.items():
                    now = datetime.now(UTC)
                    data = collect_digest(session, ids, now=now)
                    timings = []
                    for _ in range(REPEATS):
                        started = time.perf_counter()
                        rendered = render_digest(data, topic_labels=labels)
                        timings.append((time.perf_counter() - started) * 1000)
                    eml = build_digest_message(
                        subject=rendered.view.subject,
                        text=rendered.text,
                        html=rendered.html,
                        sender="tracker@example.com",
                        recipients=["legal@example.com"],
                        now=now,
                        message_id="<bench@example.com>",
                        digest_id=0,
                    ).as_bytes()
                    html_bytes = len(rendered.html.encode())
                    started = time.perf_counter()
                    shown, sent_html, _ = render_email(rendered.view)
                    sent_ms = (time.perf_counter() - started) * 1000
                    changes = [change for _, _, change in shown.changes()]
                    listed = sum(1 for change in changes if change.listed)
                    print(
                        f"{name:<20} {data.change_count:>7} {html_bytes / 1024:>8.1f} "
                        f"{len(rendered.text.encode()) / 1024:>8.1f} {len(eml) / 1024:>7.1f} "
                        f"{statistics.median(timings):>10.1f}  "
                        f"{len(sent_html.encode()) / 1024:>8.1f} {sent_ms:>8.1f} "
                        f"{len(changes) - listed:>6} {listed:>6} {shown.hidden_changes:>6}"
                    )
        finally:
            db.dispose()

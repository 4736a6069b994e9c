"""Support for the crash-safety test (tests/test_crash_safety.py).

- :class:`NightlySite`: a local HTTP server replaying real archived snapshots night by night,
  slowly enough (``latency``) that a kill can land inside a fetch, with ETags and 304 answers
  as real sites give them.
- :func:`run_and_kill`: ``python -m tracker run`` as a real process with debug JSON logs on
  stderr; when the target phase's line appears it waits a small random delay and sends
  SIGKILL. The log lines read back tell where the process really was when it died.
- :func:`stored_state`, :func:`invariant_violations`: the logical content of a database
  (versions, changes, key facts, clause lineage, with database ids replaced by positions, so
  that two databases can be compared) and the invariants that must hold after any crash.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.logs import PHASES
from tracker.store.schema import (
    ChangeRow,
    ClauseRow,
    Digest,
    DigestVersion,
    Document,
    FactRow,
    Version,
)

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"

# The crash test's parameters (docs/RELIABILITY.md is generated from them too).
SEED = 20261122
NIGHTS = 4
LOCK_TTL = "1"
#: Each night's kills, in order: after the first line of (phase, step) (of the subscription
#: named fourth, if any: the digest lines name it), a random delay of up to the given seconds.
#: The site answers 0.1 s late, so a fetch kill lands in the fetch; extraction and storing
#: take tens of milliseconds on these pages. Each run delivers to the e-mail, then the
#: webhook (see SUBSCRIPTIONS).
SCHEDULE: tuple[tuple[str, str, float, str | None], ...] = (
    ("extract", "start", 0.004, None),
    ("store", "start", 0.01, None),
    ("fetch", "start", 0.08, None),
    ("extract", "start", 0.004, None),
    ("store", "start", 0.01, None),
    ("fetch", "start", 0.08, None),
    ("digest", "start", 0.03, None),
    ("digest", "send", 0.004, "mail"),
    ("digest", "accepted", 0.0, "mail"),
    ("digest", "send", 0.004, "hooks"),
    ("digest", "accepted", 0.0, "hooks"),
)
#: The subscriptions of the crash test: every change by e-mail (as the default digest), and
#: the changes of low severity or more to a webhook. ``{webhook}`` is the receiver's URL.
SUBSCRIPTIONS = """
[[subscriptions]]
name = "mail"
to = "legal@example.com"
min_severity = "none"

[[subscriptions]]
name = "hooks"
to = "{webhook}"
min_severity = "low"
"""
MIN_KILLS = 30
MIN_PER_PHASE = 5


@dataclass(frozen=True)
class TrackedDocument:
    """A registry entry and the archived snapshots it serves, oldest first."""

    slug: str
    select: str
    snapshots: tuple[Path, ...]

    @property
    def path(self) -> str:
        return "/" + self.slug

    def page(self, night: int) -> bytes:
        """Night ``night`` (1, 2...) serves the newest snapshot not past it."""
        return self.snapshots[min(night, len(self.snapshots)) - 1].read_bytes()


def tracked_documents(corpus_dir: Path) -> tuple[TrackedDocument, ...]:
    """Together AI's two documents (the demo's snapshots) and OpenRouter's terms (corpus)."""

    def snapshots(folder: Path) -> tuple[Path, ...]:
        return tuple(sorted(folder.glob("*.html")))

    return (
        TrackedDocument(
            "together-ai/terms-of-service",
            ".main-wrapper",
            snapshots(DEMO / "together-ai__terms-of-service"),
        ),
        TrackedDocument(
            "together-ai/privacy-policy",
            ".main-wrapper",
            snapshots(DEMO / "together-ai__privacy-policy"),
        ),
        TrackedDocument(
            "openrouter/terms-of-service",
            ".main-content-container",
            snapshots(corpus_dir / "snapshots" / "openrouter__terms-of-service"),
        ),
    )


def registry_text(documents: tuple[TrackedDocument, ...], base_url: str) -> str:
    entries = []
    for document in documents:
        service, kind = document.slug.split("/")
        entries.append(
            f'[[documents]]\nslug = "{document.slug}"\nservice = "{service}"\n'
            f'type = "{kind}"\nurl = "{base_url}{document.path}"\nselect = ["{document.select}"]\n'
        )
    return "\n".join(entries)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client killed in the middle of a fetch breaks the pipe: that is the test."""


class NightlySite:
    """Serves each document's page of the current night, ``latency`` seconds late, with an
    ETag (and 304 Not Modified when the client already has it)."""

    def __init__(self, documents: tuple[TrackedDocument, ...], latency: float) -> None:
        self.documents = {document.path: document for document in documents}
        self.latency = latency
        self.night = 1
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                document = site.documents.get(self.path)
                if document is None:
                    self.send_error(404)
                    return
                body = document.page(site.night)
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                time.sleep(site.latency)
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = _QuietServer(("127.0.0.1", 0), Handler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator[NightlySite]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


# -- running and killing -------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """Kill after the first log line of ``phase``/``step`` (of ``subscription``, if given),
    ``delay`` seconds later."""

    phase: str
    step: str
    delay: float
    subscription: str | None = None

    def matches(self, event: Mapping[str, Any]) -> bool:
        return (event.get("phase"), event.get("step")) == (self.phase, self.step) and (
            self.subscription is None or event.get("subscription") == self.subscription
        )


@dataclass
class Attempt:
    """One ``tracker run`` process: how it ended and what it logged."""

    target: Target | None
    returncode: int = 0
    killed: bool = False
    events: list[dict[str, Any]] = field(default_factory=list)

    def open_phases(self) -> set[str]:
        """The phases the process was inside when it died: a start logged with no end after it
        (per document; the digest as a whole)."""
        open_: set[tuple[str, str]] = set()
        for event in self.events:
            phase, step = event.get("phase"), event.get("step")
            if phase in PHASES:
                key = (str(phase), str(event.get("document", "")))
                if step == "end":
                    open_.discard(key)
                else:
                    open_.add(key)
        return {phase for phase, _ in open_}

    def digest_step(self) -> str | None:
        """The last digest step logged when the digest was unfinished, else None."""
        last = None
        for event in self.events:
            if event.get("phase") == "digest":
                last = event.get("step")
        return None if last in (None, "end") else str(last)

    def digest_ids(self) -> set[int]:
        return {
            int(e["digest"]) for e in self.events if e.get("phase") == "digest" and "digest" in e
        }


def run_and_kill(env: Mapping[str, str], cwd: Path, target: Target | None) -> Attempt:
    """Run ``tracker run`` to its end, or SIGKILL it ``target.delay`` seconds after the first
    line of the target phase and step."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "run", "--log-format", "json", "--log-level", "debug"],
        env=dict(env),
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    attempt = Attempt(target)
    assert process.stderr is not None
    for raw_line in process.stderr:
        try:
            event = json.loads(raw_line)
        except ValueError:
            continue  # not a log line (a warning printed by a library)
        attempt.events.append(event)
        if target is not None and not attempt.killed and target.matches(event):
            time.sleep(target.delay)
            os.kill(process.pid, signal.SIGKILL)
            attempt.killed = True
    attempt.returncode = process.wait()
    attempt.killed = attempt.returncode == -signal.SIGKILL
    return attempt


# -- what is stored ------------------------------------------------------------------------
def stored_state(session: Session) -> dict[str, Any]:
    """Everything a crash could lose or duplicate, per document, without database ids:
    versions (number, hashes, technical), changes (kind, severity, topics, the clauses as
    positions), key facts, and each clause's lineage (as the version and position it began)."""
    documents = {d.id: d.slug for d in session.scalars(select(Document))}
    versions = session.scalars(select(Version).order_by(Version.document_id, Version.number)).all()
    number = {v.id: (documents[v.document_id], v.number) for v in versions}
    clauses = session.scalars(select(ClauseRow).order_by(ClauseRow.id)).all()
    where = {c.id: (*number[c.version_id], c.position) for c in clauses}
    state: dict[str, Any] = defaultdict(lambda: defaultdict(list))
    for v in versions:
        state[documents[v.document_id]]["versions"].append(
            (v.number, v.text_sha256, v.raw_sha256, v.technical, v.clause_count)
        )
    for c in clauses:
        lineage = where.get(c.lineage_id) if c.lineage_id is not None else None
        state[number[c.version_id][0]]["lineage"].append((where[c.id], lineage))
    for change in session.scalars(select(ChangeRow).order_by(ChangeRow.id)):
        slug, to_number = number[change.to_version_id]
        state[slug]["changes"].append(
            (
                number[change.from_version_id][1],
                to_number,
                change.position,
                change.kind,
                change.detail,
                change.severity,
                tuple(change.topics),
                tuple(where[i] for i in change.old_clause_ids),
                tuple(where[i] for i in change.new_clause_ids),
            )
        )
    for fact in session.scalars(select(FactRow).order_by(FactRow.id)):
        slug, version_number = number[fact.version_id]
        state[slug]["facts"].append(
            (version_number, fact.rules_fingerprint, fact.fact_id, fact.answer, fact.quote)
        )
    return {
        slug: {k: sorted(v, key=repr) for k, v in parts.items()} for slug, parts in state.items()
    }


def invariant_violations(session: Session) -> list[str]:
    """What must hold after any crash: versions numbered 1..n with no text repeated from the
    version before; each version with its changes (none for a first version) and its key
    facts; no change pointing across documents."""
    problems: list[str] = []
    documents = {d.id: d.slug for d in session.scalars(select(Document))}
    by_document: dict[int, list[Version]] = defaultdict(list)
    for version in session.scalars(select(Version).order_by(Version.number)):
        by_document[version.document_id].append(version)
    changes: dict[int, list[ChangeRow]] = defaultdict(list)
    for change in session.scalars(select(ChangeRow)):
        changes[change.to_version_id].append(change)
    facts = {row for row in session.scalars(select(FactRow.version_id))}
    for document_id, versions in by_document.items():
        slug = documents[document_id]
        if [v.number for v in versions] != list(range(1, len(versions) + 1)):
            problems.append(f"{slug}: version numbers {[v.number for v in versions]}")
        for before, after in itertools.pairwise(versions):
            if before.text_sha256 == after.text_sha256:
                problems.append(f"{slug}: v{after.number} repeats v{before.number}")
            if not changes.get(after.id):
                problems.append(f"{slug}: v{after.number} has no changes")
            if any(c.from_version_id != before.id for c in changes.get(after.id, [])):
                problems.append(f"{slug}: a change of v{after.number} is not from v{before.number}")
        if versions and changes.get(versions[0].id):
            problems.append(f"{slug}: v1 has changes")
        problems.extend(
            f"{slug}: v{v.number} has no key facts" for v in versions if v.id not in facts
        )
    return problems


def digest_reports(
    session: Session, subscription: str
) -> tuple[dict[int, str], dict[int, set[tuple[str, int]]]]:
    """Each digest row's status, and the versions (slug, number) it reported, for the one
    destination of ``subscription``."""
    documents = {d.id: d.slug for d in session.scalars(select(Document))}
    numbers = {v.id: (documents[v.document_id], v.number) for v in session.scalars(select(Version))}
    statuses = {
        d.id: d.status
        for d in session.scalars(select(Digest).where(Digest.subscription == subscription))
    }
    reported: dict[int, set[tuple[str, int]]] = {digest_id: set() for digest_id in statuses}
    for row in session.scalars(select(DigestVersion)):
        if row.digest_id in reported:
            reported[row.digest_id].add(numbers[row.version_id])
    return statuses, reported

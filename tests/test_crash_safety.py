"""Crash safety: `tracker run` killed with SIGKILL at random points loses nothing and repeats
nothing.

Three real documents (Together AI's terms and privacy policy, OpenRouter's terms: archived
snapshots) are tracked over four nights, each night serving the next archived snapshot. An
uninterrupted reference runs the four nights first. Then the same nights are run again on a
fresh database, each night killed over and over: after the first debug log line of the target
phase (fetch, extract, store, digest) and a small random delay from a seeded generator, the
process gets SIGKILL. After every kill the database passes SQLite's integrity and foreign-key
checks (on SQLite), `tracker verify`, and the invariants of crash_support.invariant_violations;
the next run takes over the dead run's lock once its short lease expires. When a night's
schedule is done it is run to completion, and in the end the stored history (versions,
changes, key facts, clause lineage) must equal the reference's.

Messages go to two subscriptions (crash_support.SUBSCRIPTIONS): every change by e-mail to a
real SMTP server, and the changes of low severity or more to a real webhook receiver. For each,
every version must have been delivered exactly once, except when a kill fell between the
channel taking the message and the commit that records it (the at-least-once window of
tracker.digest.bookkeeping): such a message is sent again, and the test counts those and
checks each one. A repeated webhook carries the idempotency key of the first, so a receiver
that remembers keys sees every change exactly once.
"""

from __future__ import annotations

import email
import json
import os
import random
import sqlite3
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from tests.alerts_support import SECRET, Receiver
from tests.crash_support import (
    LOCK_TTL,
    MIN_KILLS,
    MIN_PER_PHASE,
    NIGHTS,
    SCHEDULE,
    SEED,
    SUBSCRIPTIONS,
    Attempt,
    NightlySite,
    Target,
    digest_reports,
    invariant_violations,
    registry_text,
    run_and_kill,
    stored_state,
    tracked_documents,
)
from tests.digest_support import Mailbox, smtp_server
from tests.multihost import RULES_FILE
from tracker.cli import cli
from tracker.deliver.message import DIGEST_ID_HEADER
from tracker.logs import PHASES
from tracker.run.lock import read_lock
from tracker.store.database import Database, open_database
from tracker.vocabulary import DigestStatus


def environment(
    work: Path, database_url: str, registry: Path, smtp_port: int, webhook: str
) -> dict[str, str]:
    outside = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    work.mkdir(parents=True, exist_ok=True)
    subscriptions = work / "subscriptions.toml"
    subscriptions.write_text(SUBSCRIPTIONS.format(webhook=webhook), encoding="utf-8")
    return {
        **outside,
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_DATA_DIR": str(work / "data"),
        "TRACKER_RULES": RULES_FILE,
        "TRACKER_LOCK_TTL": LOCK_TTL,
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(smtp_port),
        "TRACKER_SMTP_SECURITY": "plain",
        "TRACKER_SMTP_TO": "legal@example.com",
        "TRACKER_SUBSCRIPTIONS": str(subscriptions),
        "TRACKER_WEBHOOK_SECRET": SECRET,
    }


def check_after_kill(database_url: str, env: dict[str, str]) -> None:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(str(url.database)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    verify = CliRunner().invoke(cli, ["verify"], env=env)
    assert verify.exit_code == 0, verify.output
    db = open_database(database_url)
    try:
        with db.reader() as session:
            assert invariant_violations(session) == []
        wait_for_lock_expiry(db)
    finally:
        db.dispose()


def wait_for_lock_expiry(db: Database) -> None:
    """The killed run's lock is taken over once its lease runs out (TRACKER_LOCK_TTL)."""
    holder = read_lock(db)
    if holder is not None and holder.expires_at is not None:
        time.sleep(max(0.0, (holder.expires_at - datetime.now(UTC)).total_seconds()) + 0.05)


def webhooks_received(receiver: Receiver) -> list[tuple[int, str, frozenset[tuple[str, int]]]]:
    """Each webhook the receiver took: its digest row, its idempotency key, its versions."""
    found = []
    for request in receiver.posts():
        payload = json.loads(request.body)
        versions = frozenset(
            (document["slug"], step["to"]["number"])
            for document in payload["documents"]
            for step in document["versions"]
        )
        row = int(request.headers["X-Policy-Tracker-Delivery"])
        found.append((row, request.headers["Idempotency-Key"], versions))
    return found


def digests_received(mailbox: Mailbox) -> Counter[int]:
    """How many messages the SMTP server accepted for each digest row."""
    return Counter(
        int(
            email.message_from_bytes(envelope.original_content or envelope.content)[
                DIGEST_ID_HEADER
            ]
        )
        for envelope in mailbox.envelopes
    )


@pytest.mark.slow
def test_killed_runs_lose_nothing_and_repeat_nothing(
    database_url: str, tmp_path: Path, corpus_dir: Path
) -> None:
    rng = random.Random(SEED)
    documents = tracked_documents(corpus_dir)
    reference_box, crash_box = Mailbox(), Mailbox()
    reference_hook, crash_hook = Receiver(), Receiver()
    with (
        NightlySite(documents, latency=0.1).running() as site,
        smtp_server(reference_box) as reference_port,
        smtp_server(crash_box) as crash_port,
        reference_hook.running(),
        crash_hook.running(),
    ):
        registry = tmp_path / "documents.toml"
        registry.write_text(registry_text(documents, site.base_url), encoding="utf-8")
        reference_url = f"sqlite:///{tmp_path}/reference.db"
        reference_env = environment(
            tmp_path / "ref", reference_url, registry, reference_port, reference_hook.url()
        )
        for night in range(1, NIGHTS + 1):
            site.night = night
            assert run_and_kill(reference_env, tmp_path, None).returncode == 0

        env = environment(tmp_path / "crash", database_url, registry, crash_port, crash_hook.url())
        killed: list[Attempt] = []
        for night in range(1, NIGHTS + 1):
            site.night = night
            for phase, step, longest, subscription in SCHEDULE:
                attempt = run_and_kill(
                    env, tmp_path, Target(phase, step, rng.uniform(0.0, longest), subscription)
                )
                if not attempt.killed:  # the target never came: the night is done
                    assert attempt.returncode == 0
                    break
                killed.append(attempt)
                check_after_kill(database_url, env)
            else:
                assert run_and_kill(env, tmp_path, None).returncode == 0
        final_check = CliRunner().invoke(cli, ["verify"], env=env)
        assert final_check.exit_code == 0, final_check.output

    landed = Counter(phase for attempt in killed for phase in attempt.open_phases())
    print(f"\n{len(killed)} kills; landed in: {dict(landed)}")
    assert len(killed) >= MIN_KILLS
    assert all(landed[phase] >= MIN_PER_PHASE for phase in PHASES), landed

    reference, crashed = open_database(reference_url), open_database(database_url)
    try:
        with reference.reader() as ref_session, crashed.reader() as session:
            assert stored_state(session) == stored_state(ref_session)
            assert invariant_violations(session) == []
            ref_mail = digest_reports(ref_session, "mail")
            mail = digest_reports(session, "mail")
            ref_hooks = digest_reports(ref_session, "hooks")
            hooks = digest_reports(session, "hooks")
    finally:
        reference.dispose()
        crashed.dispose()

    died_in_window = {
        digest_id
        for attempt in killed
        if attempt.digest_step() in ("send", "accepted")
        for digest_id in attempt.digest_ids()
    }
    digest_kills = sum(1 for a in killed if "digest" in a.open_phases())
    mail_repeats = check_mail(ref_mail, mail, reference_box, crash_box, died_in_window)
    hook_repeats = check_webhooks(ref_hooks, hooks, reference_hook, crash_hook, died_in_window)
    print(
        f"digest kills: {digest_kills}; in the window (taken, not yet recorded): e-mail "
        f"{mail_repeats[0]} (versions mailed twice: {mail_repeats[1]}), webhook "
        f"{hook_repeats[0]} (versions posted twice, same idempotency key: {hook_repeats[1]})"
    )


Reports = tuple[dict[int, str], dict[int, set[tuple[str, int]]]]
COVERING = {DigestStatus.DELIVERED, DigestStatus.SKIPPED, DigestStatus.BASELINE}


def check_mail(
    reference: Reports, crashed: Reports, reference_box: Mailbox, crash_box: Mailbox,
    died_in_window: set[int],
) -> tuple[int, int]:  # fmt: skip
    """Every version mailed once, but for the at-least-once window; returns (messages in the
    window, versions mailed twice)."""
    ref_statuses, ref_reported = reference
    statuses, reported = crashed
    # The reference mailed each digest once, and each version in exactly one digest.
    assert digests_received(reference_box) == Counter(
        d for d, status in ref_statuses.items() if status == DigestStatus.DELIVERED
    )
    assert set(ref_statuses.values()) <= {DigestStatus.DELIVERED, DigestStatus.BASELINE}
    every_version = Counter(
        v
        for d, versions in ref_reported.items()
        if ref_statuses[d] == DigestStatus.DELIVERED
        for v in versions
    )
    assert set(every_version.values()) == {1}

    # Crashed: every version in exactly one delivered digest (none lost, none delivered twice)
    delivered = {d for d, status in statuses.items() if status == DigestStatus.DELIVERED}
    in_delivered = Counter(v for d in delivered for v in reported[d])
    assert in_delivered == every_version
    # every version reached the SMTP server (none lost), each digest row at most once
    received = digests_received(crash_box)
    mailed = Counter(v for d in received for v in reported[d])
    never_mailed = set(every_version) - set(mailed)
    assert not never_mailed, f"versions never mailed: {sorted(never_mailed)}"
    assert set(received.values()) == {1}, "a digest row was mailed twice"
    # a message the server accepted whose row is not delivered: the process died in the window
    assert delivered <= set(received)
    window = set(received) - delivered
    assert window <= died_in_window
    repeats = Counter(v for d in window for v in reported[d])
    assert mailed == every_version + repeats
    return len(window), sum(repeats.values())


def check_webhooks(
    reference: Reports, crashed: Reports, reference_hook: Receiver, crash_hook: Receiver,
    died_in_window: set[int],
) -> tuple[int, int]:  # fmt: skip
    """Every wanted version posted in one delivered message; a repeat only from the window,
    and with the first's idempotency key; returns (messages in the window, versions posted
    twice)."""
    ref_statuses, ref_reported = reference
    statuses, reported = crashed
    wanted = Counter(
        v
        for d, versions in ref_reported.items()
        if ref_statuses[d] == DigestStatus.DELIVERED
        for v in versions
    )
    assert wanted and set(wanted.values()) == {1}
    assert len(reference_hook.posts()) == sum(
        1 for status in ref_statuses.values() if status == DigestStatus.DELIVERED
    )
    # no version covered twice (delivered or skipped), every wanted one delivered once
    covered = Counter(v for d, s in statuses.items() if s in COVERING for v in reported[d])
    assert set(covered.values()) == {1}
    delivered = {d for d, status in statuses.items() if status == DigestStatus.DELIVERED}
    assert Counter(v for d in delivered for v in reported[d]) == wanted
    posts = webhooks_received(crash_hook)
    posted_rows = Counter(row for row, _, _ in posts)
    assert set(posted_rows.values()) == {1}, "a digest row was posted twice"
    assert delivered <= set(posted_rows)
    window = set(posted_rows) - delivered
    assert window <= died_in_window
    # a receiver that remembers keys: each key one set of versions, each version one key
    by_key: dict[str, set[frozenset[tuple[str, int]]]] = {}
    for _, key, versions in posts:
        by_key.setdefault(key, set()).add(versions)
    assert all(len(sets) == 1 for sets in by_key.values()), "one key, two different messages"
    once_per_key = Counter(v for sets in by_key.values() for versions in sets for v in versions)
    assert once_per_key == wanted
    repeats = Counter(v for row, _, versions in posts if row in window for v in versions)
    return len(window), sum(repeats.values())

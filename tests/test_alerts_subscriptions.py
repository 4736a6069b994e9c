"""Subscriptions in the running system: each gets what it wants, once, on its schedule; a
channel that is down one night delivers exactly once when it is up again, and holds back no
other; new subscriptions start from now; quiet weeks get a heartbeat when asked."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tests.alerts_support import SECRET, Receiver, judging_classifier, subscriptions_file
from tests.digest_support import Mailbox, page, smtp_server, spec_for, track_page
from tracker.cli import cli
from tracker.clock import FixedClock
from tracker.deliver import destinations
from tracker.digest import NOT_DUE, DeliveryReport, deliver_subscriptions, subscriptions_of
from tracker.digest.bookkeeping import pending_version_ids
from tracker.settings import Settings, load_settings
from tracker.store.database import Database, open_database
from tracker.store.schema import Digest
from tracker.vocabulary import Direction, Severity

MONDAY = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
RULES = str(Path(__file__).resolve().parent.parent / "data" / "rules.toml")
ACME = spec_for("acme/terms", "https://acme.example/terms")
GLOBEX = spec_for("globex/privacy", "https://globex.example/privacy")
CLASSIFY = judging_classifier(
    {
        "train": (Severity.HIGH, ("ai_training",), Direction.EXPANDS, "may now train on data"),
        "days": (Severity.MEDIUM, ("retention",), Direction.EXPANDS, "retention lengthened"),
        "cookie": (Severity.LOW, ("cookies",), Direction.NEUTRAL, "wording"),
    }
)
BEFORE = (
    "We never train models on your data.",
    "We keep logs for 30 days.",
    "We use a cookie for sessions.",
)
AFTER = (
    "We may train models on your data.",
    "We keep logs for 3000 days.",
    "We use one cookie for each session.",
)


def settings_for(tmp_path: Path, subscriptions: str, **env: str) -> Settings:
    return load_settings(
        {
            "TRACKER_SUBSCRIPTIONS": str(subscriptions_file(tmp_path, subscriptions)),
            "TRACKER_WEBHOOK_SECRET": SECRET,
            "TRACKER_TIMEZONE": "UTC",
            "TRACKER_RETRIES": "0",
        }
        | env,
        cwd=tmp_path,
    )


def deliver(db: Database, settings: Settings, when: datetime) -> DeliveryReport:
    return deliver_subscriptions(db, settings, subscriptions_of(settings), clock=FixedClock(when))


def reasons(request_body: bytes) -> dict[str, list[str]]:
    """Each document's reported changes (their reasons), from a webhook payload."""
    payload = json.loads(request_body)
    return {
        d["slug"]: sorted(c["reason"] for v in d["versions"] for c in v["changes"])
        for d in payload["documents"]
    }


def test_subscriptions_filter_by_service_topic_and_severity(db: Database, tmp_path: Path) -> None:
    receiver = Receiver()
    settings = settings_for(
        tmp_path,
        f"""
[[subscriptions]]
name = "acme only"
to = "{receiver.url("/service")}"
services = ["Acme"]
min_severity = "low"

[[subscriptions]]
name = "retention"
to = "{receiver.url("/topic")}"
topics = ["retention"]
min_severity = "low"

[[subscriptions]]
name = "alarms"
to = "{receiver.url("/severity")}"
min_severity = "high"

[[subscriptions]]
name = "globex training"
to = "{receiver.url("/nothing")}"
documents = ["globex/privacy"]
topics = ["ai_training"]
""",
    )
    with receiver.running():
        deliver(db, settings, MONDAY - timedelta(hours=1))  # every destination registered
        for spec in (ACME, GLOBEX):
            track_page(db, settings, spec, page(*BEFORE), MONDAY, CLASSIFY)
        track_page(db, settings, ACME, page(*AFTER), MONDAY + timedelta(days=1), CLASSIFY)
        track_page(
            db,
            settings,
            GLOBEX,
            page(*BEFORE[:2], AFTER[1], AFTER[2]),
            MONDAY + timedelta(days=1),
            CLASSIFY,
        )
        report = deliver(db, settings, MONDAY + timedelta(days=1, hours=1))
        again = deliver(db, settings, MONDAY + timedelta(days=2))
    assert report.errors == () and again.errors == ()
    (service,) = receiver.posts("/service")
    assert reasons(service.body) == {
        "acme/terms": ["may now train on data", "retention lengthened", "wording"]
    }
    (topic,) = receiver.posts("/topic")
    assert reasons(topic.body) == {
        "acme/terms": ["retention lengthened"],
        "globex/privacy": ["retention lengthened"],
    }
    (severity,) = receiver.posts("/severity")
    assert reasons(severity.body) == {"acme/terms": ["may now train on data"]}
    # Globex's training terms did not change: quiet, and the versions are covered all the same
    assert receiver.posts("/nothing") == []
    with db.reader() as session:
        skipped = session.scalars(select(Digest).where(Digest.status == "skipped")).all()
        assert {row.subscription for row in skipped} == {"globex training"}
        for subscription in subscriptions_of(settings):
            for destination in destinations(subscription, settings):
                assert pending_version_ids(session, subscription.name, destination.key) == []
    assert receiver.posts().__len__() == 3, "the second delivery had nothing more to send"


def test_a_new_subscription_starts_with_what_changes_next(db: Database, tmp_path: Path) -> None:
    receiver = Receiver()
    settings = settings_for(
        tmp_path,
        f'[[subscriptions]]\nname = "late"\nto = "{receiver.url()}"\nmin_severity = "low"\n',
    )
    track_page(db, settings, ACME, page(*BEFORE), MONDAY, CLASSIFY)
    track_page(db, settings, ACME, page(*AFTER), MONDAY + timedelta(days=1), CLASSIFY)
    with receiver.running():
        # a preview before it was ever run: what exists will never be sent to it
        preview = deliver_subscriptions(
            db, settings, subscriptions_of(settings), clock=FixedClock(MONDAY), dry_run=True
        )
        assert not any(o.sent for o in preview.outcomes)
        first = deliver(db, settings, MONDAY + timedelta(days=1, hours=1))  # added now
        track_page(
            db,
            settings,
            ACME,
            page(*AFTER[:2], "We use no cookie at all."),
            MONDAY + timedelta(days=2),
            CLASSIFY,
        )
        second = deliver(db, settings, MONDAY + timedelta(days=2, hours=1))
    assert not any(o.sent for o in first.outcomes)
    (request,) = receiver.posts()
    payload = json.loads(request.body)
    (document,) = payload["documents"]
    assert [(v["from"]["number"], v["to"]["number"]) for v in document["versions"]] == [(2, 3)]
    assert second.errors == ()


def test_a_channel_down_one_night_delivers_exactly_once_and_holds_back_no_other(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """Real `tracker run` processes, a real SMTP server and a real webhook receiver that is
    not listening on night 1."""
    receiver = Receiver()
    registry = tmp_path / "documents.toml"
    registry.write_text(
        '[[documents]]\nslug = "acme/terms"\nservice = "Acme"\ntype = "Terms"\n'
        f'url = "{httpserver.url_for("/terms")}"\nselect = "main"\n',
        encoding="utf-8",
    )
    subscriptions = subscriptions_file(
        tmp_path,
        '[[subscriptions]]\nname = "mail"\nto = "legal@example.com"\nmin_severity = "none"\n\n'
        f'[[subscriptions]]\nname = "hook"\nto = "{receiver.url()}"\nmin_severity = "low"\n',
    )

    def night(*paragraphs: str) -> None:
        httpserver.clear()
        httpserver.expect_request("/terms").respond_with_data(
            page(*paragraphs).decode(), content_type="text/html"
        )

    mailbox = Mailbox()
    runner = CliRunner()
    with smtp_server(mailbox) as port:
        env = {
            "TRACKER_DATA_DIR": str(tmp_path / "data"),
            "TRACKER_REGISTRY": str(registry),
            "TRACKER_RULES": RULES,
            "TRACKER_SUBSCRIPTIONS": str(subscriptions),
            "TRACKER_WEBHOOK_SECRET": SECRET,
            "TRACKER_SMTP_HOST": "127.0.0.1",
            "TRACKER_SMTP_PORT": str(port),
            "TRACKER_SMTP_SECURITY": "plain",
            "TRACKER_RETRIES": "1",
            "TRACKER_RETRY_DELAY": "0.05",
            "TRACKER_PUBLIC_URL": "https://tracker.example.com",
        }
        night("We keep logs for 30 days.", "We may use cookies.")
        with receiver.running():
            first = runner.invoke(cli, ["run"], env=env)
        assert first.exit_code == 0, first.output
        night("We keep logs for 3000 days.", "We may use cookies.")
        down = runner.invoke(cli, ["run"], env=env)  # the receiver is not listening
        assert down.exit_code == 1, down.output
        assert "not delivered" in down.output and "cannot connect" in down.output
        night("We keep logs for 3000 days.", "We may use session cookies.")
        with receiver.running():
            up = runner.invoke(cli, ["run"], env=env)
            assert up.exit_code == 0, up.output
            quiet = runner.invoke(cli, ["run"], env=env)
            assert quiet.exit_code == 0, quiet.output
    # the webhook: one message, with both nights' versions, once
    (request,) = receiver.posts()
    (document,) = json.loads(request.body)["documents"]
    assert [v["to"]["number"] for v in document["versions"]] == [2, 3]
    # the e-mail was not held back: one message a night (version 1, 2, 3), none repeated
    subjects = [
        email.message_from_bytes(e.content, policy=email.policy.default)["Subject"]
        for e in mailbox.envelopes
        if isinstance(e.content, bytes)
    ]
    assert len(subjects) == 3, subjects
    assert subjects[0].startswith("Now tracking 1 new document")
    # the feed is written by every run, each entry linking to its redline
    feed = ET.parse(tmp_path / "data" / "feeds" / "all.atom").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    links = [e.find(f"{atom}link").get("href") for e in feed.iter(f"{atom}entry")]  # type: ignore[union-attr]
    assert links[0] == "https://tracker.example.com/documents/acme/terms/redline?from=2&to=3"
    assert links[-1] == "https://tracker.example.com/documents/acme/terms/versions/1"
    db = open_database(f"sqlite:///{tmp_path}/data/tracker.db")
    try:
        with db.reader() as session:
            rows = session.scalars(select(Digest).order_by(Digest.id)).all()
    finally:
        db.dispose()
    hook_rows = [(r.status, r.change_count) for r in rows if r.subscription == "hook"]
    assert [status for status, _ in hook_rows] == ["baseline", "skipped", "failed", "delivered"]


def test_daily_and_weekly_subscriptions_wait_for_their_slot(db: Database, tmp_path: Path) -> None:
    receiver = Receiver()
    settings = settings_for(
        tmp_path,
        f'[[subscriptions]]\nname = "daily"\nto = "{receiver.url("/daily")}"\n'
        'schedule = "daily"\nmin_severity = "low"\n\n'
        f'[[subscriptions]]\nname = "weekly"\nto = "{receiver.url("/weekly")}"\n'
        'schedule = "weekly"\nmin_severity = "low"\n',
    )
    assert MONDAY.weekday() == 0
    with receiver.running():
        deliver(db, settings, MONDAY - timedelta(hours=2))  # registered Monday 01:00
        track_page(db, settings, ACME, page(*BEFORE), MONDAY - timedelta(hours=1), CLASSIFY)
        track_page(db, settings, ACME, page(*AFTER), MONDAY, CLASSIFY)
        monday = deliver(db, settings, MONDAY + timedelta(hours=1))
        assert {o.status for o in monday.outcomes} == {NOT_DUE}  # both had their slot today
        tuesday = deliver(db, settings, MONDAY + timedelta(days=1))
        assert len(receiver.posts("/daily")) == 1 and receiver.posts("/weekly") == []
        track_page(
            db,
            settings,
            ACME,
            page(*AFTER[:2], "We use no cookie."),
            MONDAY + timedelta(days=1, hours=2),
            CLASSIFY,
        )
        deliver(db, settings, MONDAY + timedelta(days=1, hours=3))  # daily: tomorrow
        assert len(receiver.posts("/daily")) == 1
        deliver(db, settings, MONDAY + timedelta(days=2))
        assert len(receiver.posts("/daily")) == 2
        deliver(db, settings, MONDAY + timedelta(days=6, hours=20))  # Sunday 23:00
        assert receiver.posts("/weekly") == []
        deliver(db, settings, MONDAY + timedelta(days=7))  # next Monday
        deliver(db, settings, MONDAY + timedelta(days=7, hours=1))
    assert tuesday.errors == ()
    (weekly,) = receiver.posts("/weekly")
    (document,) = json.loads(weekly.body)["documents"]
    assert [v["to"]["number"] for v in document["versions"]] == [2, 3]


def test_heartbeat_after_a_quiet_week(db: Database, tmp_path: Path) -> None:
    receiver = Receiver()
    settings = settings_for(
        tmp_path,
        f'[[subscriptions]]\nname = "watch"\nto = "{receiver.url()}"\nheartbeat = true\n',
    )
    track_page(db, settings, ACME, page(*BEFORE), MONDAY - timedelta(days=1), CLASSIFY)
    track_page(db, settings, GLOBEX, page(*BEFORE), MONDAY - timedelta(days=1), CLASSIFY)

    def beats() -> list[dict[str, object]]:
        return [
            json.loads(r.body)
            for r in receiver.posts()
            if r.headers["X-Policy-Tracker-Event"] == "heartbeat"
        ]

    with receiver.running():
        deliver(db, settings, MONDAY)  # registered: the baseline counts as contact
        for day in range(1, 7):
            deliver(db, settings, MONDAY + timedelta(days=day))
        assert beats() == []
        deliver(db, settings, MONDAY + timedelta(days=7))
        deliver(db, settings, MONDAY + timedelta(days=8))
        (beat,) = beats()
        assert beat["title"] == "Still watching: 2 documents verified, 0 failing"
        assert (beat["verified"], beat["failing"]) == (2, 0)
        # a real message resets the week
        track_page(db, settings, ACME, page(*AFTER), MONDAY + timedelta(days=10), CLASSIFY)
        deliver(db, settings, MONDAY + timedelta(days=10, hours=1))
        deliver(db, settings, MONDAY + timedelta(days=15))
        assert len(beats()) == 1
        deliver(db, settings, MONDAY + timedelta(days=17, hours=1))
    assert len(beats()) == 2
    assert len(receiver.posts()) == 3


def test_the_digest_command_picks_subscriptions(db: Database, tmp_path: Path) -> None:
    receiver = Receiver()
    path = subscriptions_file(
        tmp_path,
        f'[[subscriptions]]\nname = "weekly"\nto = "{receiver.url()}"\nschedule = "weekly"\n'
        'min_severity = "low"\n\n'
        '[[subscriptions]]\nname = "mail"\nto = "legal@example.com"\n',
    )
    registry = tmp_path / "documents.toml"
    registry.write_text(
        '[[documents]]\nslug = "acme/terms"\nservice = "Acme"\ntype = "Terms"\n'
        'url = "https://acme.example/terms"\n',
        encoding="utf-8",
    )
    env = {
        "TRACKER_DATABASE_URL": str(db.engine.url.render_as_string(hide_password=False)),
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_RULES": RULES,
        "TRACKER_SUBSCRIPTIONS": str(path),
        "TRACKER_WEBHOOK_SECRET": SECRET,
    }
    runner = CliRunner()
    unknown = runner.invoke(cli, ["digest", "--subscription", "nope"], env=env)
    assert unknown.exit_code == 2
    assert "unknown subscription 'nope' (in the file: weekly, mail)" in unknown.output
    ambiguous = runner.invoke(cli, ["digest", "--to", "x@example.com"], env=env)
    assert ambiguous.exit_code == 2 and "--subscription" in ambiguous.output
    listed = runner.invoke(cli, ["subscriptions"], env=env)
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [
        "weekly: low or more; weekly",
        f"  webhook  http://127.0.0.1:{receiver.port}/…  (new: starts at the next run)",
        "mail: medium or more; immediate",
        "  outbox   legal@example.com  (new: starts at the next run)",
        f"2 subscriptions from {path}, valid",
    ]
    first = runner.invoke(cli, ["digest"], env=env)  # registers both destinations
    assert first.exit_code == 0, first.output
    settings = load_settings(env, cwd=tmp_path)
    track_page(db, settings, ACME, page(*BEFORE), MONDAY, CLASSIFY)
    track_page(db, settings, ACME, page(*AFTER), MONDAY + timedelta(days=1), CLASSIFY)
    with receiver.running():
        named = runner.invoke(cli, ["digest", "--subscription", "weekly"], env=env)
    assert named.exit_code == 0, named.output
    assert named.output.startswith("digest ") and "for weekly: delivered to http://127.0.0.1:" in (
        named.output
    )
    assert len(receiver.posts()) == 1  # named: sent now, whatever its schedule
    pending = runner.invoke(cli, ["subscriptions", "--format", "json"], env=env)
    assert [
        [d["pending_versions"] for d in s["destinations"]] for s in json.loads(pending.output)
    ] == [[0], [2]]
    (tmp_path / "broken").mkdir()
    broken = subscriptions_file(
        tmp_path / "broken", '[[subscriptions]]\nname = "x"\nto = "nobody"\n'
    )
    bad = runner.invoke(cli, ["subscriptions"], env=env | {"TRACKER_SUBSCRIPTIONS": str(broken)})
    assert bad.exit_code == 2
    assert bad.output.startswith(f"tracker: error: {broken}:3: key 'to' of subscription #1:")
    mailed = runner.invoke(cli, ["digest", "--dry-run"], env=env)
    assert mailed.exit_code == 0, mailed.output
    assert (
        "digest preview for mail (dry run: not sent, nothing recorded): 2 changes in 1 document, "
        "1 high"
    ) in mailed.output


def test_each_scheduled_run_delivers_and_writes_the_feed(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """What `tracker schedule` does at each firing (tracker.cli.schedule.scheduled_run)."""
    from threading import Event

    from tracker.cli.schedule import scheduled_run

    receiver = Receiver()
    registry = tmp_path / "documents.toml"
    registry.write_text(
        '[[documents]]\nslug = "acme/terms"\nservice = "Acme"\ntype = "Terms"\n'
        f'url = "{httpserver.url_for("/terms")}"\nselect = "main"\n',
        encoding="utf-8",
    )
    settings = settings_for(
        tmp_path,
        f'[[subscriptions]]\nname = "hook"\nto = "{receiver.url()}"\nmin_severity = "low"\n',
        TRACKER_REGISTRY=str(registry),
        TRACKER_RULES=RULES,
        TRACKER_DATA_DIR=str(tmp_path / "data"),
        TRACKER_HOST_DELAY="0",
    )
    feed = tmp_path / "data" / "feeds" / "all.atom"
    with receiver.running():
        for text in ("We keep logs for 30 days.", "We keep logs for 3000 days."):
            httpserver.clear()
            httpserver.expect_request("/terms").respond_with_data(
                page(text).decode(), content_type="text/html"
            )
            scheduled_run(settings, Event())
            assert feed.is_file()
    entries = ET.parse(feed).getroot().findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2
    (request,) = receiver.posts()
    (document,) = json.loads(request.body)["documents"]
    assert [v["to"]["number"] for v in document["versions"]] == [2]

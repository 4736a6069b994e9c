"""Each channel against a real server: the JSON webhook (payload, HMAC signature, idempotency
key, retries) and Apprise's json:// and form:// services on a local HTTP receiver, e-mail on
aiosmtpd; what each medium's message says."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from sqlalchemy import select

from tests.alerts_support import (
    SECRET,
    Receiver,
    judging_classifier,
    subscriptions_file,
)
from tests.digest_support import Mailbox, page, smtp_server, spec_for, track_page
from tracker.clock import FixedClock
from tracker.deliver import destinations
from tracker.deliver.webhook import signature_matches
from tracker.digest import deliver_subscriptions, subscriptions_of
from tracker.digest.bookkeeping import pending_version_ids
from tracker.settings import Settings, load_settings
from tracker.store.database import Database
from tracker.store.schema import Digest, Version
from tracker.vocabulary import Direction, Severity

NIGHT = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
PUBLIC = "https://tracker.example.com"
SPEC = spec_for("acme/terms-of-service", "https://acme.example/terms")
CLASSIFY = judging_classifier(
    {
        "train": (Severity.HIGH, ("ai_training",), Direction.EXPANDS, "may now train on data"),
        "days": (Severity.MEDIUM, ("retention",), Direction.EXPANDS, "retention lengthened"),
        "cookie": (Severity.LOW, ("cookies",), Direction.NEUTRAL, "wording"),
    }
)


def settings_for(tmp_path: Path, subscriptions: str, **env: str) -> Settings:
    path = subscriptions_file(tmp_path, subscriptions)
    return load_settings(
        {
            "TRACKER_SUBSCRIPTIONS": str(path),
            "TRACKER_PUBLIC_URL": PUBLIC,
            "TRACKER_WEBHOOK_SECRET": SECRET,
            "TRACKER_TIMEZONE": "UTC",
            "TRACKER_RETRY_DELAY": "0.05",
            "TRACKER_FETCH_TIMEOUT": "5",
        }
        | env,
        cwd=tmp_path,
    )


def night_one_and_two(db: Database, settings: Settings) -> None:
    """Version 1 the first night; the second night, three changes of three severities."""
    track_page(
        db,
        settings,
        SPEC,
        page(
            "We never train models on your data.",
            "We keep logs for 30 days.",
            "We use a cookie for sessions.",
        ),
        NIGHT,
        CLASSIFY,
    )
    track_page(
        db,
        settings,
        SPEC,
        page(
            "We may train models on your data.",
            "We keep logs for 3000 days.",
            "We use one cookie for each session.",
        ),
        NIGHT + timedelta(days=1),
        CLASSIFY,
    )


def deliver(db: Database, settings: Settings, when: datetime, **options: object):  # type: ignore[no-untyped-def]
    return deliver_subscriptions(
        db,
        settings,
        subscriptions_of(settings),
        clock=FixedClock(when),
        topic_labels={"ai_training": "AI training", "retention": "Retention"},
        **options,  # type: ignore[arg-type]
    )


def test_webhook_payload_signature_and_idempotency_key(db: Database, tmp_path: Path) -> None:
    receiver = Receiver()
    settings = settings_for(
        tmp_path,
        f'[[subscriptions]]\nname = "hooks"\nto = "{receiver.url()}"\nmin_severity = "low"\n',
    )
    with receiver.running():
        deliver(db, settings, NIGHT - timedelta(hours=1))  # the destination is registered
        night_one_and_two(db, settings)
        report = deliver(db, settings, NIGHT + timedelta(days=1, hours=1))
    assert report.errors == ()
    (request,) = receiver.posts("/hook")
    # the signature: HMAC-SHA256 of the raw body, computed here from the documented recipe
    expected = "sha256=" + hmac.new(SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    assert request.headers["X-Policy-Tracker-Signature"] == expected
    assert signature_matches(SECRET, request.body, expected)
    assert not signature_matches("another-secret-0123456", request.body, expected)
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Policy-Tracker-Event"] == "digest"
    payload = json.loads(request.body)
    assert request.headers["Idempotency-Key"] == payload["id"]
    assert payload["event"] == "digest" and payload["payload_version"] == 1
    assert payload["subscription"] == "hooks"
    assert payload["counts"] == {"high": 1, "medium": 1, "low": 1, "none": 0}
    (document,) = payload["documents"]
    assert document["slug"] == "acme/terms-of-service"
    assert document["link"] == f"{PUBLIC}/documents/acme/terms-of-service"
    (step,) = document["versions"]
    assert (step["from"]["number"], step["to"]["number"]) == (1, 2)
    assert step["redline"] == f"{PUBLIC}/documents/acme/terms-of-service/redline?from=1&to=2"
    with db.reader() as session:
        versions = {v.number: v for v in session.scalars(select(Version))}
    for side, number in (("from", 1), ("to", 2)):
        assert step[side]["text_sha256"] == versions[number].text_sha256
        assert step[side]["raw_sha256"] == versions[number].raw_sha256
    by_severity = {c["severity"]: c for c in step["changes"]}
    training = by_severity["high"]
    assert training["direction"] == "expands" and training["reason"] == "may now train on data"
    assert training["topics"] == [{"id": "ai_training", "label": "AI training"}]
    assert training["old"] == "We never train models on your data."
    assert training["new"] == "We may train models on your data."
    assert training["link"].startswith(step["redline"] + "#c-")  # the clause's anchor there
    assert by_severity["medium"]["reason"] == "retention lengthened"
    # version 1 is not a change: a subscription with a threshold does not hear of it
    assert payload["new_documents"] == []
    with db.reader() as session:
        row = session.scalars(select(Digest).where(Digest.status == "delivered")).one()
        assert row.idempotency_key == payload["id"] and row.channel == "webhook"
        assert row.recipients == f"http://127.0.0.1:{receiver.port}/…"  # never the URL itself


def test_webhook_retries_server_errors_with_the_same_key_and_gives_up_on_4xx(
    db: Database, tmp_path: Path
) -> None:
    receiver = Receiver()
    settings = settings_for(
        tmp_path,
        f'[[subscriptions]]\nname = "hooks"\nto = "{receiver.url()}"\n',
        TRACKER_RETRIES="3",
    )
    with receiver.running():
        deliver(db, settings, NIGHT - timedelta(hours=1))
        night_one_and_two(db, settings)
        receiver.answer(503, times=2)
        receiver.answer(429, Retry_After="1")
        report = deliver(db, settings, NIGHT + timedelta(days=1, hours=1))
        assert report.errors == ()
        attempts = receiver.posts()
        assert len(attempts) == 4  # 503, 503, 429 (waited 1 s as asked), 200
        assert len({r.headers["Idempotency-Key"] for r in attempts}) == 1
        assert len({r.body for r in attempts}) == 1
        with db.reader() as session:
            row = session.scalars(select(Digest).where(Digest.status == "delivered")).one()
            assert row.error_message == "after 4 attempts"
        # a 4xx is final: no retry, the attempt fails, its versions stay pending
        later = NIGHT + timedelta(days=2)
        track_page(
            db, settings, SPEC, page("We may train models on all your data."), later, CLASSIFY
        )
        receiver.answer(410)
        failed = deliver(db, settings, NIGHT + timedelta(days=2, hours=1))
        assert len(receiver.posts()) == 5
        # the next run sends the same versions again under the same idempotency key: a
        # receiver that did act on the refused one (or one lost to a crash) can drop it
        caught_up = deliver(db, settings, NIGHT + timedelta(days=3))
        assert caught_up.errors == ()
        refused, repeated = receiver.posts()[-2:]
        assert repeated.headers["Idempotency-Key"] == refused.headers["Idempotency-Key"]
        assert (
            repeated.headers["X-Policy-Tracker-Delivery"]
            != (refused.headers["X-Policy-Tracker-Delivery"])
        )
    (error,) = failed.errors
    assert "webhook http://127.0.0.1:" in str(error) and "HTTP 410: receiver says no" in str(error)
    assert "/hook" not in str(error)  # the URL's path may be its secret
    with db.reader() as session:
        statuses = [r.status for r in session.scalars(select(Digest).order_by(Digest.id))]
        assert statuses[-2:] == ["failed", "delivered"]
        (subscription,) = subscriptions_of(settings)
        (hook,) = destinations(subscription, settings)
        assert pending_version_ids(session, "hooks", hook.key) == []


def test_apprise_json_and_form_services_get_the_short_chat_message(
    db: Database, tmp_path: Path
) -> None:
    receiver = Receiver()
    settings = settings_for(
        tmp_path,
        "[[subscriptions]]\n"
        'name = "chat"\n'
        f'to = ["json://127.0.0.1:{receiver.port}/apprise-json", '
        f'"form://127.0.0.1:{receiver.port}/apprise-form"]\n'
        'min_severity = "low"\n',
    )
    with receiver.running():
        deliver(db, settings, NIGHT - timedelta(hours=1))
        night_one_and_two(db, settings)
        report = deliver(db, settings, NIGHT + timedelta(days=1, hours=1))
    assert report.errors == ()
    (json_request,) = receiver.posts("/apprise-json")
    message = json.loads(json_request.body)
    (form_request,) = receiver.posts("/apprise-form")
    form = {k: v[0] for k, v in parse_qs(form_request.body.decode()).items()}
    for sent in (message, form):
        assert sent["title"] == "3 changes in 1 document, 1 high: Acme Terms Of Service"
        body = sent["message"]
        lines = body.splitlines()
        assert lines[0] == "Changes by severity: 1 high · 1 medium · 1 low"
        # the three changes, most severe first, each with its direction and reason
        assert lines[1].startswith(
            "1. **HIGH** (expands) Acme Terms Of Service › Terms: modified, may now train on "
            "data. “We may train models on your data.”"
        )
        assert lines[2].startswith("2. **MEDIUM** (expands)") and "retention lengthened" in lines[2]
        assert lines[3].startswith("3. **LOW** Acme Terms Of Service › Terms: modified, wording")
        redline = f"{PUBLIC}/documents/acme/terms-of-service/redline?from=1&to=2"
        assert f"[redline]({redline}#c-" in lines[1]
        assert lines[-1] == f"[Open the redline]({redline})"
        assert len(body) < 1000


def test_email_subscription_over_smtp_under_the_size_budget(db: Database, tmp_path: Path) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        settings = settings_for(
            tmp_path,
            '[[subscriptions]]\nname = "legal"\nto = "legal@example.com"\n',
            TRACKER_SMTP_HOST="127.0.0.1",
            TRACKER_SMTP_PORT=str(port),
            TRACKER_SMTP_SECURITY="plain",
        )
        deliver(db, settings, NIGHT - timedelta(hours=1))
        night_one_and_two(db, settings)
        report = deliver(db, settings, NIGHT + timedelta(days=1, hours=1))
    assert report.errors == ()
    (envelope,) = mailbox.envelopes
    assert envelope.rcpt_tos == ["legal@example.com"]
    raw = envelope.content
    assert isinstance(raw, bytes)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    # min_severity medium (the default): the cookie wording change is left out
    assert message["Subject"] == "2 changes in 1 document, 1 high: Acme Terms Of Service"
    text_part, html_part = message.iter_parts()
    html, text = html_part.get_content(), text_part.get_content()
    assert "For the subscription “legal”" in html and "cookie" not in text
    assert "Why: expands what the company may do: may now train on data" in " ".join(text.split())
    assert "<strong>Expands</strong> what the company may do: may now train on data" in html
    assert f"{PUBLIC}/documents/acme/terms-of-service/redline?from=1&amp;to=2" in html
    assert len(html.encode()) < 100_000


@pytest.mark.parametrize("medium", ["email", "chat", "json"])
def test_dry_run_writes_each_medium_to_the_outbox_and_sends_nothing(
    db: Database, tmp_path: Path, medium: str
) -> None:
    receiver = Receiver()
    to = {
        "email": "legal@example.com",
        "chat": f"json://127.0.0.1:{receiver.port}/apprise",
        "json": receiver.url(),
    }[medium]
    settings = settings_for(
        tmp_path, f'[[subscriptions]]\nname = "s"\nto = "{to}"\nmin_severity = "low"\n'
    )
    deliver(db, settings, NIGHT - timedelta(hours=1))
    night_one_and_two(db, settings)
    with receiver.running():
        report = deliver(db, settings, NIGHT + timedelta(days=1, hours=1), dry_run=True)
    assert receiver.requests == [] and report.errors == ()
    (outcome,) = [o for o in report.outcomes if o.sent]
    assert outcome.status == "dry-run" and outcome.location is not None
    written = Path(outcome.location)
    assert written.parent == settings.outbox_dir
    suffix = {"email": ".eml", "chat": ".md", "json": ".json"}[medium]
    assert written.suffix == suffix
    if medium == "json":
        assert json.loads(written.read_bytes())["counts"]["high"] == 1
    with db.reader() as session:
        statuses = {r.status for r in session.scalars(select(Digest))}
    assert statuses == {"baseline"}  # a preview records nothing, so covers nothing


def test_a_dry_run_writes_each_destinations_preview_to_its_own_files(
    db: Database, tmp_path: Path
) -> None:
    """A preview has no row id to name its files by: two destinations previewed in the same
    second (two subscriptions, two webhooks of one) each keep their own files."""
    first, second, third = (f"http://127.0.0.1:9/hook-{n}" for n in (1, 2, 3))
    settings = settings_for(
        tmp_path,
        '[[subscriptions]]\nname = "legal"\nto = "legal@example.com"\nmin_severity = "low"\n\n'
        '[[subscriptions]]\nname = "privacy"\nto = "privacy@example.com"\nmin_severity = "low"\n'
        f'\n[[subscriptions]]\nname = "hooks"\nto = ["{first}", "{second}", "{third}"]\n'
        'min_severity = "low"\n',
    )
    deliver(db, settings, NIGHT - timedelta(hours=1))
    night_one_and_two(db, settings)
    report = deliver(db, settings, NIGHT + timedelta(days=1, hours=1), dry_run=True)
    assert report.errors == ()
    written = [Path(o.location) for o in report.outcomes if o.sent and o.location]
    assert len(written) == 5 and len(set(written)) == 5, written
    assert all(path.exists() for path in written)
    mails = [p for p in written if p.suffix == ".eml"]
    recipients = {
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)["To"] for p in mails
    }
    assert recipients == {"legal@example.com", "privacy@example.com"}
    assert sorted(p.name for p in settings.outbox_dir.iterdir()) == sorted(
        {p.name for p in written}
        | {p.with_suffix(s).name for p in mails for s in (".html", ".txt")}
    )

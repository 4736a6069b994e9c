"""The subscriptions file: what each entry means, and one line naming file, line and key for
every mistake (like the registry)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import load_rules
from tracker.deliver import destinations, target_problem
from tracker.deliver.chat import scrub_url_secrets
from tracker.digest.deliveries import subscriptions_of
from tracker.errors import SubscriptionsError
from tracker.registry import DocumentSpec, Registry, load_registry
from tracker.settings import Secret, load_settings
from tracker.subscriptions import (
    Known,
    Subscription,
    Target,
    classify_target,
    default_subscription,
    load_subscriptions,
    parse_subscriptions,
    redacted_url,
)
from tracker.vocabulary import Medium, Schedule, Severity, TargetKind

REGISTRY = Registry(
    path=Path("documents.toml"),
    documents=(
        DocumentSpec("together-ai/terms-of-service", "Together AI", "Terms", "https://t.ai/t"),
        DocumentSpec("openai/privacy-policy", "OpenAI", "Privacy Policy", "https://o.ai/p"),
    ),
)
KNOWN = Known(
    registry=REGISTRY,
    topics={"ai_training", "retention"},
    webhook_secret=None,
    check_target=target_problem,
)
GOOD = """
[[subscriptions]]
name = "team slack"
to = "slack://T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
topics = ["ai_training", "retention"]
min_severity = "high"

[[subscriptions]]
name = "legal"
to = ["legal@example.com", "Ops <ops@example.com>", "https://hooks.example.com/policy?k=1"]
services = ["together-ai"]
documents = ["openai/privacy-policy"]
schedule = "weekly"
heartbeat = true
secret = "0123456789abcdef0123"
"""


def parse(text: str, known: Known = KNOWN) -> tuple[Subscription, ...]:
    return parse_subscriptions(text, Path("subs.toml"), known)


def test_a_good_file_reads_as_written() -> None:
    slack, legal = parse(GOOD)
    assert slack.name == "team slack" and slack.min_severity == Severity.HIGH
    assert slack.schedule == Schedule.IMMEDIATE and not slack.heartbeat
    assert [t.kind for t in slack.targets] == [TargetKind.APPRISE]
    assert legal.emails == ("legal@example.com", "Ops <ops@example.com>")
    assert [t.kind for t in legal.urls] == [TargetKind.WEBHOOK]
    assert legal.min_severity == Severity.MEDIUM  # the default
    assert legal.schedule == Schedule.WEEKLY and legal.heartbeat
    assert legal.secret == Secret("0123456789abcdef0123")
    # secrets never show: not the URL's token, not the signing key
    assert "XXXX" not in repr(slack) and "0123456789abcdef" not in repr(legal)
    assert "k=1" not in repr(legal.targets)


def test_filters_by_service_document_severity_and_topic() -> None:
    slack, legal = parse(GOOD)
    assert slack.covers_document("anything/at-all", "Anyone")  # no service, no document: all
    assert slack.wants_change("high", ["retention", "cookies"])
    assert not slack.wants_change("high", ["cookies"])  # not one of its topics
    assert not slack.wants_change("medium", ["retention"])  # below its threshold
    assert legal.covers_document("together-ai/privacy-policy", "Together AI")  # slug prefix
    assert legal.covers_document("x/y", "together-ai")  # the service name, any case
    assert legal.covers_document("openai/privacy-policy", "OpenAI")  # named document
    assert not legal.covers_document("openai/terms-of-use", "OpenAI")
    assert legal.wants_change("medium", []) and not legal.wants_change("low", ["retention"])


def test_each_target_goes_to_its_channel(tmp_path: Path) -> None:
    _, legal = parse(GOOD)
    settings = load_settings(
        {"TRACKER_SMTP_HOST": "mail.example.com", "TRACKER_SMTP_TO": "x@example.com"},
        cwd=tmp_path,
    )
    email, webhook = destinations(legal, settings)
    assert (email.channel, email.medium, email.key) == ("smtp", Medium.EMAIL, "email")
    assert email.recipients == legal.emails
    assert (webhook.channel, webhook.medium) == ("webhook", Medium.JSON)
    assert webhook.key.startswith("webhook:") and "hooks" not in webhook.key
    assert webhook.shown == "https://hooks.example.com/…"
    assert webhook.secret == legal.secret
    # without an SMTP server, e-mail goes to the outbox folder, as the digest always did
    (outbox, _) = destinations(legal, load_settings({}, cwd=tmp_path))
    assert outbox.channel == "outbox"


def test_without_a_file_the_smtp_settings_are_one_subscription(tmp_path: Path) -> None:
    settings = load_settings({"TRACKER_SMTP_TO": "a@example.com, b@example.com"}, cwd=tmp_path)
    default = default_subscription(settings)
    assert default.name == "default" and not default.from_file
    assert default.min_severity == Severity.NONE and default.emails == (
        "a@example.com",
        "b@example.com",
    )
    assert default_subscription(settings, ["c@example.com"]).emails == ("c@example.com",)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("legal@example.com", TargetKind.EMAIL),
        ("Legal Team <legal@example.com>", TargetKind.EMAIL),
        ("mailto:legal@example.com", TargetKind.EMAIL),
        ("https://hooks.example.com/x", TargetKind.WEBHOOK),
        ("HTTP://127.0.0.1:8080/x", TargetKind.WEBHOOK),
        ("json://127.0.0.1:8080/x", TargetKind.APPRISE),
        ("ntfy://my-topic", TargetKind.APPRISE),
        ("tgram://123456789:abcdefg_hijklmnop/-1001234", TargetKind.APPRISE),
    ],
)
def test_targets_are_told_apart_by_how_they_are_written(raw: str, kind: TargetKind) -> None:
    assert classify_target(raw).kind == kind


def test_a_url_shows_only_its_scheme_and_host() -> None:
    assert redacted_url("https://user:pw@hooks.example.com:8443/T/B/secret?x=1") == (
        "https://hooks.example.com:8443/…"
    )
    assert Target(TargetKind.WEBHOOK, "https://h.example/secret").shown == "https://h.example/…"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("json://user:pw@127.0.0.1:8080/hook?token=x", "json://127.0.0.1:8080/…"),
        ("forms://hooks.example.com/x", "forms://hooks.example.com/…"),
        ("ntfy://secret-topic", "ntfy://…"),
        ("tgram://123456789:AAHsecretBotToken/-1001234", "tgram://…"),
        ("slack://T0TEAM/B0BOT/XXXXXXXXXXXXXXXXXXXXXXXX", "slack://…"),
        ("discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js", "discord://…"),
    ],
)
def test_an_apprise_url_shows_a_host_only_for_generic_endpoints(url: str, shown: str) -> None:
    """A chat service's host is a topic or part of a token (ntfy, Telegram, Slack, Discord):
    only json/form/xml endpoints name a server there."""
    target = Target(TargetKind.APPRISE, url)
    assert target.shown == shown
    assert shown in repr(target)


def test_apprise_error_lines_lose_the_url_secrets() -> None:
    said = (
        "Failed to send to 123456789 (AAHsecretBotToken) for chat -1001234; "
        "topic secret-topic unreachable; json host 127.0.0.1 refused"
    )
    scrubbed = scrub_url_secrets(said, "tgram://123456789:AAHsecretBotToken/-1001234")
    assert "123456789" not in scrubbed and "AAHsecret" not in scrubbed
    assert "-1001234" not in scrubbed
    assert "secret-topic" not in scrub_url_secrets(said, "ntfy://secret-topic")
    assert "127.0.0.1" in scrub_url_secrets(said, "json://127.0.0.1:9/hook")


BAD = [
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\nmin_severity = "urgent"\n',
     "subs.toml:4: key 'min_severity' of subscription #1: must be one of high, medium, low, none"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\nschedule = "hourly"\n',
     "subs.toml:4: key 'schedule' of subscription #1: must be one of immediate, daily, weekly"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\ntopic = ["ai_training"]\n',
     "subs.toml:4: key 'topic' of subscription #1: unknown key (allowed: name, to, services, "
     "documents, topics, min_severity, schedule, heartbeat, secret)"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\ntopics = ["ai-training"]\n',
     "subs.toml:4: key 'topics' of subscription #1: unknown topic 'ai-training' (topic ids of "
     "the rule file: ai_training, retention)"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\nservices = ["Anthropic"]\n',
     "subs.toml:4: key 'services' of subscription #1: no document of service 'Anthropic' in "
     "the registry (services: OpenAI, Together AI)"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\ndocuments = ["openai/terms"]\n',
     "subs.toml:4: key 'documents' of subscription #1: unknown document 'openai/terms' (see "
     "`tracker documents`)"),
    ('[[subscriptions]]\nname = "a"\nto = ["x@example.com", "nobody"]\n',
     "subs.toml:3: key 'to' of subscription #1: 'nobody' is neither an e-mail address nor a URL "
     "(scheme://...)"),
    ('[[subscriptions]]\nname = "a"\nto = "bogus://host/token"\n',
     "subs.toml:3: key 'to' of subscription #1: 'bogus://…': no Apprise service takes this "
     "URL (see https://github.com/caronc/apprise/wiki for the URL of each service)"),
    ('[[subscriptions]]\nname = "a"\nto = "https://hooks.example.com/x"\n',
     "subs.toml:3: key 'to' of subscription #1: a webhook needs a signing key: set 'secret' or "
     "TRACKER_WEBHOOK_SECRET"),
    ('[[subscriptions]]\nname = "a"\nto = []\n',
     "subs.toml:3: key 'to' of subscription #1: names no address or URL"),
    ('[[subscriptions]]\nname = "a"\n',
     "subs.toml:1: subscription #1: missing required key 'to'"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\n\n'
     '[[subscriptions]]\nname = "a"\nto = "y@example.com"\n',
     "subs.toml:6: key 'name' of subscription #2: duplicate name 'a' (first in #1)"),
    ('[[subscriptions]]\nname = "a/b"\nto = "x@example.com"\n',
     "subs.toml:2: key 'name' of subscription #1: must be 1-100 letters, digits, spaces, '.', "
     "'_' or '-', starting with a letter or digit"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\nheartbeat = "yes"\n',
     "subs.toml:4: key 'heartbeat' of subscription #1: must be true or false"),
    ('[[subscriptions]]\nname = "a"\nto = "x@example.com"\nsecret = "short"\n',
     "subs.toml:4: key 'secret' of subscription #1: must be a string of at least 16 characters"),
    ('[[subscription]]\nname = "a"\n',
     "subs.toml:1: key 'subscription': unknown top-level key (expected [[subscriptions]])"),
    ('[[subscriptions]]\nname = "a\n',
     "subs.toml:2: invalid TOML: Illegal character '\\n'"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD)
def test_every_mistake_is_one_line_naming_file_line_and_key(text: str, message: str) -> None:
    with pytest.raises(SubscriptionsError) as error:
        parse(text)
    assert str(error.value) == message


def test_a_webhook_may_use_the_default_signing_key(tmp_path: Path) -> None:
    text = '[[subscriptions]]\nname = "a"\nto = "https://hooks.example.com/x"\n'
    known = Known(webhook_secret=Secret("from-the-environment-0123"))
    (subscription,) = parse(text, known)
    (webhook,) = destinations(
        subscription,
        load_settings({"TRACKER_WEBHOOK_SECRET": "from-the-environment-0123"}, cwd=tmp_path),
    )
    assert webhook.secret == Secret("from-the-environment-0123")


def test_a_missing_file_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(SubscriptionsError, match="subscriptions file not found"):
        load_subscriptions(tmp_path / "nowhere.toml")


def test_the_readme_example_is_valid_against_the_shipped_registry_and_rules(
    tmp_path: Path,
) -> None:
    """A user copying the README's subscriptions example, with the shipped registry and rule
    file, gets it read as written (not an error about a service the registry lacks)."""
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Alerts: subscriptions and channels") :]
    start = section.index("```toml\n") + len("```toml\n")
    (tmp_path / "subscriptions.toml").write_text(
        section[start : section.index("\n```", start)] + "\n", encoding="utf-8"
    )
    settings = load_settings({"TRACKER_SUBSCRIPTIONS": "subscriptions.toml"}, cwd=tmp_path)
    slack, legal = subscriptions_of(
        settings,
        registry=load_registry(root / "data" / "documents.toml"),
        rules=load_rules(root / "data" / "rules.toml"),
    )
    assert slack.name == "team-slack" and legal.name == "legal weekly"
    assert legal.schedule == Schedule.WEEKLY and legal.heartbeat

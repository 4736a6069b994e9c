"""Subscriptions: who gets which changes, where, and how often.

The file named by ``TRACKER_SUBSCRIPTIONS`` holds one ``[[subscriptions]]`` table each::

    [[subscriptions]]
    name = "legal"                              # letters, digits, space . _ -
    to = ["legal@example.com", "slack://T000/B000/XXXX", "https://hooks.example.com/policy"]
    services = ["Together AI"]                  # optional: service names or slug prefixes
    documents = ["openai/terms-of-use"]         # optional: registry slugs
    topics = ["ai_training", "retention"]       # optional: topic ids of the rule file
    min_severity = "medium"                     # optional: high, medium (default), low, none
    schedule = "immediate"                      # optional: immediate (default), daily, weekly
    heartbeat = false                           # optional: "still watching" after a quiet week
    secret = "..."                              # optional: HMAC key of its webhooks

Loading validates every entry like the registry does: any problem is one
:class:`~tracker.errors.SubscriptionsError` naming the file, the line and the key. Without the
file, the ``TRACKER_SMTP_*`` settings are one subscription (:func:`default_subscription`):
every change, by e-mail, at every run, as the digest has always been.

A subscription *wants* a change of a document it covers (``services`` or ``documents``, or all
documents when neither is given) whose severity reaches ``min_severity`` and, when ``topics``
is given, that touches one of them. Everything here is pure; the file is read once.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from tracker.errors import ConfigError, SubscriptionsError
from tracker.registry import Registry, TableLocator, toml_error_message
from tracker.settings import MIN_SECRET_LENGTH, Secret, Settings, parse_addresses
from tracker.vocabulary import Schedule, Severity, TargetKind

#: The name of the subscription made from the SMTP settings when there is no file. A file may
#: use it too, to carry on the bookkeeping of the digests sent before the file existed.
DEFAULT_NAME = "default"
REQUIRED_KEYS = ("name", "to")
OPTIONAL_KEYS = (
    "services",
    "documents",
    "topics",
    "min_severity",
    "schedule",
    "heartbeat",
    "secret",
)
DEFAULT_MIN_SEVERITY = Severity.MEDIUM
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
#: Bookkeeping key of a subscription's e-mail addresses (one message to all of them).
EMAIL_KEY = "email"

_Choice = TypeVar("_Choice", Severity, Schedule)
#: Checks one target more deeply than its syntax (an Apprise URL Apprise cannot use...);
#: returns the problem, or None when the target is fine.
TargetCheck = Callable[["Target"], str | None]


@dataclass(frozen=True, slots=True)
class Target:
    """One entry of ``to``: an e-mail address, a webhook URL or an Apprise URL."""

    kind: TargetKind
    address: str = field(repr=False)  # URLs carry tokens: never in a repr or a log line

    @property
    def key(self) -> str:
        """What the bookkeeping knows this target by: ``email`` for every address of a
        subscription (they share one message), else a hash of the URL (never the URL itself)."""
        if self.kind == TargetKind.EMAIL:
            return EMAIL_KEY
        digest = hashlib.sha256(self.address.encode("utf-8")).hexdigest()[:16]
        return f"{self.kind}:{digest}"

    @property
    def shown(self) -> str:
        """The target as it may be logged or stored: an address, or a URL's scheme and host."""
        if self.kind == TargetKind.EMAIL:
            return self.address
        if self.kind == TargetKind.APPRISE:
            return redacted_apprise_url(self.address)
        return redacted_url(self.address)

    def __repr__(self) -> str:
        return f"Target({self.kind.value}, {self.shown!r})"


def redacted_url(url: str) -> str:
    """``scheme://host/…``: what a URL shows of itself in logs, rows and messages (its user,
    password, path and query may all be secrets: a Slack webhook's path is its token)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if _safe_port(parts) else ""
    rest = "/…" if (parts.path.strip("/") or parts.query or parts.username) else ""
    return f"{parts.scheme}://{host}{port}{rest}"


#: Apprise services whose URL's host is the address of a server (the generic endpoints). For
#: every other service the host is part of the credentials (an ntfy topic, a Telegram bot's
#: id, a Slack team, a Discord webhook's id): it is never shown.
APPRISE_ENDPOINT_SCHEMES = frozenset({"json", "jsons", "form", "forms", "xml", "xmls"})


def redacted_apprise_url(url: str) -> str:
    """``json://host/…`` for a generic endpoint, else the service's scheme alone
    (``ntfy://…``, ``tgram://…``)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in APPRISE_ENDPOINT_SCHEMES:
        return redacted_url(url)
    return f"{scheme}://…"


def _safe_port(parts: Any) -> int | None:
    try:
        port: int | None = parts.port
    except ValueError:
        return None
    return port


@dataclass(frozen=True, slots=True)
class Subscription:
    """One ``[[subscriptions]]`` entry (or the default one made from the SMTP settings)."""

    name: str
    targets: tuple[Target, ...]
    services: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    min_severity: Severity = DEFAULT_MIN_SEVERITY
    schedule: Schedule = Schedule.IMMEDIATE
    heartbeat: bool = False
    secret: Secret | None = field(default=None, repr=False)
    from_file: bool = True  # False: the default subscription of the SMTP settings

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(t.address for t in self.targets if t.kind == TargetKind.EMAIL)

    @property
    def urls(self) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.kind != TargetKind.EMAIL)

    @property
    def wants_everything(self) -> bool:
        """Every change of every document, cosmetic ones included (as the default digest):
        such a subscription also hears of new documents and failing ones on their own."""
        return (
            self.min_severity == Severity.NONE
            and not self.topics
            and not self.services
            and not self.documents
        )

    def covers_document(self, slug: str, service: str) -> bool:
        """Whether the document ``slug`` (of ``service``) is one this subscription follows."""
        if not self.services and not self.documents:
            return True
        if slug in self.documents:
            return True
        return any(service_matches(wanted, slug, service) for wanted in self.services)

    def wants_change(self, severity: str, topics: Iterable[str]) -> bool:
        """Whether a change of a covered document, this severe, about ``topics``, is wanted."""
        if Severity(severity).rank < self.min_severity.rank:
            return False
        return not self.topics or bool(set(self.topics) & set(topics))


def service_matches(wanted: str, slug: str, service: str) -> bool:
    """``wanted`` names the service (case-insensitively) or is the slug's first part."""
    wanted = wanted.strip().casefold()
    return wanted in (service.strip().casefold(), slug.partition("/")[0])


def default_subscription(settings: Settings, to: Iterable[str] = ()) -> Subscription:
    """Today's digest as a subscription: every change, to ``TRACKER_SMTP_TO`` (or ``to``)
    by e-mail (the outbox folder without an SMTP server), at every run."""
    addresses = tuple(to) or settings.mail_to
    return Subscription(
        name=DEFAULT_NAME,
        targets=tuple(Target(TargetKind.EMAIL, a) for a in addresses),
        min_severity=Severity.NONE,
        from_file=False,
    )


def classify_target(raw: str) -> Target:
    """What kind of target ``raw`` is; ValueError with the reason when it is none."""
    text = raw.strip()
    if not text or any(ch in text for ch in "\r\n\t"):
        raise ValueError("empty, or with a line break or tab")
    match = _SCHEME.match(text)
    if match is None:
        if text.lower().startswith("mailto:"):
            text = text[len("mailto:") :]
        try:
            parse_addresses("to", text, single=True)
        except ConfigError:
            raise ValueError(
                f"{raw!r} is neither an e-mail address nor a URL (scheme://...)"
            ) from None
        return Target(TargetKind.EMAIL, text)
    if " " in text:
        raise ValueError(f"{redacted_url(text)!r}: a URL cannot contain spaces")
    scheme = match.group(1).lower()
    if scheme in ("http", "https"):
        if not urlsplit(text).hostname:
            raise ValueError(f"{redacted_url(text)!r} has no host")
        return Target(TargetKind.WEBHOOK, text)
    return Target(TargetKind.APPRISE, text)


# -- loading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Known:
    """What the file may refer to, for validation: the registry's documents and services, the
    rule file's topic ids, the default webhook secret. Unknown (None): not checked."""

    registry: Registry | None = None
    topics: Collection[str] | None = None
    webhook_secret: Secret | None = None
    check_target: TargetCheck | None = None


def load_subscriptions(path: Path, known: Known | None = None) -> tuple[Subscription, ...]:
    """Read and validate the subscriptions file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SubscriptionsError(f"{path}: subscriptions file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SubscriptionsError(f"{path}: cannot read the subscriptions file: {exc}") from None
    return parse_subscriptions(text, path, known or Known())


def parse_subscriptions(text: str, path: Path, known: Known) -> tuple[Subscription, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SubscriptionsError(toml_error_message(path, exc)) from None
    locator = TableLocator(text, path, table="subscriptions", noun="subscription")
    extra = sorted(set(data) - {"subscriptions"})
    if extra:
        raise SubscriptionsError(locator.top_level(extra[0]))
    entries = data.get("subscriptions", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SubscriptionsError(
            f"{path}: 'subscriptions' must be an array of tables ([[subscriptions]])"
        )
    found: list[Subscription] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        subscription = _Entry(entry, index, locator, known).parse()
        if subscription.name in seen:
            first = seen[subscription.name] + 1
            raise SubscriptionsError(
                locator.message(
                    index, "name", f"duplicate name {subscription.name!r} (first in #{first})"
                )
            )
        seen[subscription.name] = index
        found.append(subscription)
    return tuple(found)


class _Entry:
    """One ``[[subscriptions]]`` table being validated."""

    def __init__(
        self, entry: dict[str, Any], index: int, locator: TableLocator, known: Known
    ) -> None:
        self.entry = entry
        self.index = index
        self.locator = locator
        self.known = known

    def fail(self, key: str | None, problem: str) -> SubscriptionsError:
        return SubscriptionsError(self.locator.message(self.index, key, problem))

    def parse(self) -> Subscription:
        for key in self.entry:
            if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
                allowed = ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)
                raise self.fail(key, f"unknown key (allowed: {allowed})")
        for key in REQUIRED_KEYS:
            if key not in self.entry:
                raise self.fail(None, f"missing required key {key!r}")
        name = self.entry["name"]
        if not isinstance(name, str) or not _NAME.match(name.strip()):
            raise self.fail(
                "name", "must be 1-100 letters, digits, spaces, '.', '_' or '-', starting with "
                "a letter or digit"
            )  # fmt: skip
        targets = self.targets()
        secret = self.secret()
        webhooks = any(t.kind == TargetKind.WEBHOOK for t in targets)
        if webhooks and secret is None and self.known.webhook_secret is None:
            raise self.fail(
                "to", "a webhook needs a signing key: set 'secret' or TRACKER_WEBHOOK_SECRET"
            )
        return Subscription(
            name=name.strip(),
            targets=targets,
            services=self.services(),
            documents=self.documents(),
            topics=self.topics(),
            min_severity=self.choice("min_severity", Severity, DEFAULT_MIN_SEVERITY),
            schedule=self.choice("schedule", Schedule, Schedule.IMMEDIATE),
            heartbeat=self.flag("heartbeat"),
            secret=secret,
        )

    def strings(self, key: str) -> tuple[str, ...]:
        raw = self.entry.get(key, [])
        values = [raw] if isinstance(raw, str) else raw
        if not isinstance(values, list) or not all(
            isinstance(v, str) and v.strip() for v in values
        ):
            raise self.fail(key, "must be a non-empty string or a list of them")
        return tuple(v.strip() for v in values)

    def targets(self) -> tuple[Target, ...]:
        raw = self.strings("to")
        if not raw:
            raise self.fail("to", "names no address or URL")
        targets: list[Target] = []
        for text in raw:
            try:
                target = classify_target(text)
            except ValueError as exc:
                raise self.fail("to", str(exc)) from None
            problem = self.known.check_target(target) if self.known.check_target else None
            if problem is not None:
                raise self.fail("to", f"{target.shown!r}: {problem}")
            if any(t.kind != TargetKind.EMAIL and t.address == target.address for t in targets):
                raise self.fail("to", f"{target.shown!r} is listed twice")
            targets.append(target)
        return tuple(targets)

    def services(self) -> tuple[str, ...]:
        services = self.strings("services")
        registry = self.known.registry
        if registry is not None:
            for wanted in services:
                if not any(service_matches(wanted, d.slug, d.service) for d in registry.documents):
                    names = sorted({d.service for d in registry.documents})
                    raise self.fail(
                        "services",
                        f"no document of service {wanted!r} in the registry "
                        f"(services: {', '.join(names) or 'none'})",
                    )
        return services

    def documents(self) -> tuple[str, ...]:
        slugs = self.strings("documents")
        registry = self.known.registry
        if registry is not None:
            for slug in slugs:
                if registry.get(slug) is None:
                    raise self.fail(
                        "documents", f"unknown document {slug!r} (see `tracker documents`)"
                    )
        return slugs

    def topics(self) -> tuple[str, ...]:
        topics = self.strings("topics")
        known = self.known.topics
        if known is not None:
            for topic in topics:
                if topic not in known:
                    raise self.fail(
                        "topics",
                        f"unknown topic {topic!r} (topic ids of the rule file: "
                        f"{', '.join(sorted(known))})",
                    )
        return topics

    def choice(self, key: str, kind: type[_Choice], default: _Choice) -> _Choice:
        raw = self.entry.get(key)
        if raw is None:
            return default
        values = [member.value for member in kind]
        if not isinstance(raw, str) or raw.strip().lower() not in values:
            raise self.fail(key, f"must be one of {', '.join(values)}")
        return kind(raw.strip().lower())

    def flag(self, key: str) -> bool:
        raw = self.entry.get(key, False)
        if not isinstance(raw, bool):
            raise self.fail(key, "must be true or false")
        return raw

    def secret(self) -> Secret | None:
        raw = self.entry.get("secret")
        if raw is None:
            return None
        if not isinstance(raw, str) or len(raw.strip()) < MIN_SECRET_LENGTH:
            raise self.fail(
                "secret", f"must be a string of at least {MIN_SECRET_LENGTH} characters"
            )
        return Secret(raw.strip())

"""Settings: one frozen object built from environment variables and CLI flags.

Nothing reads the environment after :func:`load_settings`; the object is passed explicitly to
whatever needs it. Every variable is listed in the README (a test checks that).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from tracker import __version__
from tracker.errors import ConfigError

DEFAULT_SCHEDULE = "0 3 * * *"  # crontab: every night at 03:00
DEFAULT_USER_AGENT = (
    f"PolicyTracker/{__version__} (+https://github.com/policy-tracker; policy change monitor)"
)


SmtpSecurity = Literal["ssl", "starttls", "plain"]
SMTP_DEFAULT_PORTS: dict[SmtpSecurity, int] = {"ssl": 465, "starttls": 587, "plain": 25}
DEFAULT_MAIL_FROM = "Policy Tracker <policy-tracker@localhost>"


class Secret:
    """A value that never shows itself: ``repr``/``str`` print asterisks, ``reveal()`` gives it.

    Used for the SMTP password so that no log line, error message or ``repr(settings)`` can
    carry it by accident.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where digests are sent. ``plain`` is meant for a relay on localhost."""

    host: str
    port: int
    security: SmtpSecurity = "starttls"
    user: str | None = None
    password: Secret | None = field(default=None, repr=False)
    timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable about a tracker installation."""

    #: Not in ``repr``: a PostgreSQL URL can carry a password.
    database_url: str = field(repr=False)
    registry_path: Path
    data_dir: Path
    outbox_dir: Path
    rules_path: Path
    user_agent: str = DEFAULT_USER_AGENT
    fetch_timeout: float = 30.0
    #: Longest a whole fetch may take (a page trickled in a byte at a time never times out).
    fetch_deadline: float = 120.0
    max_body_bytes: int = 20 * 1024 * 1024
    #: A text that lost more than this share of the last version's words is suspect.
    shrink_threshold: float = 0.5
    #: A suspect text seen again on this many following fetches is recorded (if its kind can be).
    suspect_confirmations: int = 2
    # running unattended (docs/DEPLOYMENT.md): schedule, concurrency, retries, lock, logs
    schedule: str = DEFAULT_SCHEDULE
    timezone: str | None = None  # None: the machine's local time zone
    schedule_jitter: float = 120.0
    concurrency: int = 8
    per_host: int = 2
    host_delay: float = 1.0
    retries: int = 3
    retry_delay: float = 2.0
    retry_max_delay: float = 120.0
    lock_ttl: float = 300.0
    log_format: str = "text"
    log_level: str = "warning"
    # Digest delivery (see README, Digests). No ``smtp``: digests go to the outbox folder.
    smtp: SmtpSettings | None = None
    mail_from: str = DEFAULT_MAIL_FROM
    mail_to: tuple[str, ...] = ()
    list_unsubscribe: tuple[str, ...] = ()
    digest_send_empty: bool = False

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced; ``None`` values are ignored."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


ENV_PREFIX = "TRACKER_"
LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("debug", "info", "warning", "error")

#: Environment variables read by :func:`load_settings`, with what they mean.
ENVIRONMENT_VARIABLES: dict[str, str] = {
    "TRACKER_DATABASE_URL": "SQLAlchemy URL of the database (default: sqlite file data/tracker.db)",
    "TRACKER_REGISTRY": "path of the document registry (default: data/documents.toml)",
    "TRACKER_DATA_DIR": "folder for the default database and outbox (default: ./data)",
    "TRACKER_OUTBOX": "folder where digests are written (default: <data dir>/outbox)",
    "TRACKER_RULES": "path of the classifier's rule file (default: <data dir>/rules.toml)",
    "TRACKER_USER_AGENT": "User-Agent header sent with every fetch",
    "TRACKER_FETCH_TIMEOUT": "seconds before a fetch times out (default: 30)",
    "TRACKER_FETCH_DEADLINE": "longest a whole fetch may take, in seconds (default: 120)",
    "TRACKER_MAX_BODY_BYTES": "largest page body accepted, in bytes (default: 20971520)",
    "TRACKER_SHRINK_THRESHOLD": "share of words a text may lose before it is suspect (0.5)",
    "TRACKER_SUSPECT_CONFIRMATIONS": "fetches that must see a suspect text again (2)",
    "TRACKER_SCHEDULE": "crontab expression of `tracker schedule` (default: 0 3 * * *)",
    "TRACKER_TIMEZONE": "IANA time zone of the schedule (default: the machine's local zone)",
    "TRACKER_SCHEDULE_JITTER": "random delay added to each scheduled run, seconds (default: 120)",
    "TRACKER_CONCURRENCY": "documents fetched at once by one process (default: 8)",
    "TRACKER_PER_HOST": "requests in flight to one host by one process (default: 2)",
    "TRACKER_HOST_DELAY": "seconds between two request starts to the same host (default: 1)",
    "TRACKER_RETRIES": "retries after a failed attempt that is worth retrying (default: 3)",
    "TRACKER_RETRY_DELAY": "first backoff delay in seconds, doubled each retry (default: 2)",
    "TRACKER_RETRY_MAX_DELAY": "longest wait before a retry, Retry-After included (default: 120)",
    "TRACKER_LOCK_TTL": "seconds a run lock or a document claim lives without a heartbeat "
    "(default: 300)",
    "TRACKER_LOG_FORMAT": "text (key=value lines) or json, on stderr (default: text)",
    "TRACKER_LOG_LEVEL": "debug, info, warning or error (default: warning)",
    "TRACKER_SMTP_HOST": "SMTP server for digests; unset: digests are written to the outbox",
    "TRACKER_SMTP_PORT": "SMTP port (default: 465 for ssl, 587 for starttls, 25 for plain)",
    "TRACKER_SMTP_SECURITY": "ssl, starttls or plain (plain: localhost only) (default: starttls)",
    "TRACKER_SMTP_USER": "SMTP login name (optional)",
    "TRACKER_SMTP_PASSWORD": "SMTP password (never logged or shown)",
    "TRACKER_SMTP_TIMEOUT": "seconds before the SMTP connection times out (default: 30)",
    "TRACKER_SMTP_FROM": "From address of digests (default: policy-tracker@localhost)",
    "TRACKER_SMTP_TO": "comma-separated recipients of digests",
    "TRACKER_SMTP_LIST_UNSUBSCRIBE": "comma-separated mailto:/https: URLs for List-Unsubscribe",
    "TRACKER_DIGEST_SEND_EMPTY": "true: send a digest even when nothing changed (default: false)",
}


def _parse_positive_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if not 0 < value < float("inf"):
        raise ConfigError(f"{name}={raw!r} must be positive")
    return value


def _parse_positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r} must be positive")
    return value


def _parse_share(name: str, raw: str) -> float:
    value = _parse_positive_float(name, raw)
    if value >= 1:
        raise ConfigError(f"{name}={raw!r} must be a share between 0 and 1 (e.g. 0.5)")
    return value


def _parse_non_negative_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if not value >= 0 or value == float("inf"):
        raise ConfigError(f"{name}={raw!r} must be zero or a positive number")
    return value


def _parse_non_negative_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < 0:
        raise ConfigError(f"{name}={raw!r} must be zero or more")
    return value


def _parse_choice(choices: tuple[str, ...]) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        value = raw.strip().lower()
        if value not in choices:
            raise ConfigError(f"{name}={raw!r} must be one of {', '.join(choices)}")
        return value

    return parse


def _parse_timezone(name: str, raw: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(raw.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name}={raw!r} is not a known time zone (e.g. Europe/Paris)") from None
    return raw.strip()


def _parse_text(name: str, raw: str) -> str:
    if not raw.strip():
        raise ConfigError(f"{name} is empty")
    return raw.strip()


#: Variables that map one to one onto a Settings field, with the parser that checks them.
_SIMPLE_VARIABLES: dict[str, tuple[str, Callable[[str, str], Any]]] = {
    "TRACKER_FETCH_DEADLINE": ("fetch_deadline", _parse_positive_float),
    "TRACKER_SCHEDULE": ("schedule", _parse_text),
    "TRACKER_TIMEZONE": ("timezone", _parse_timezone),
    "TRACKER_SCHEDULE_JITTER": ("schedule_jitter", _parse_non_negative_float),
    "TRACKER_CONCURRENCY": ("concurrency", _parse_positive_int),
    "TRACKER_PER_HOST": ("per_host", _parse_positive_int),
    "TRACKER_HOST_DELAY": ("host_delay", _parse_non_negative_float),
    "TRACKER_RETRIES": ("retries", _parse_non_negative_int),
    "TRACKER_RETRY_DELAY": ("retry_delay", _parse_non_negative_float),
    "TRACKER_RETRY_MAX_DELAY": ("retry_max_delay", _parse_non_negative_float),
    "TRACKER_LOCK_TTL": ("lock_ttl", _parse_positive_float),
    "TRACKER_LOG_FORMAT": ("log_format", _parse_choice(LOG_FORMATS)),
    "TRACKER_LOG_LEVEL": ("log_level", _parse_choice(LOG_LEVELS)),
}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def load_settings(env: Mapping[str, str] | None = None, *, cwd: Path | None = None) -> Settings:
    """Settings from ``env`` (default ``os.environ``); relative paths resolve from ``cwd``."""
    env = os.environ if env is None else env
    base = cwd or Path.cwd()
    unknown = sorted(k for k in env if k.startswith(ENV_PREFIX) and k not in ENVIRONMENT_VARIABLES)
    if unknown:
        raise ConfigError(f"unknown environment variable {unknown[0]} (see README, Settings)")
    data_dir = base / env.get("TRACKER_DATA_DIR", "data")
    registry = base / env.get("TRACKER_REGISTRY", str(data_dir / "documents.toml"))
    outbox = base / env.get("TRACKER_OUTBOX", str(data_dir / "outbox"))
    rules = base / env.get("TRACKER_RULES", str(data_dir / "rules.toml"))
    database_url = env.get("TRACKER_DATABASE_URL") or sqlite_url(data_dir / "tracker.db")
    settings = Settings(
        database_url=database_url,
        registry_path=registry,
        data_dir=data_dir,
        outbox_dir=outbox,
        rules_path=rules,
    )
    if "TRACKER_USER_AGENT" in env:
        settings = replace(settings, user_agent=env["TRACKER_USER_AGENT"])
    if "TRACKER_FETCH_TIMEOUT" in env:
        timeout = _parse_positive_float("TRACKER_FETCH_TIMEOUT", env["TRACKER_FETCH_TIMEOUT"])
        settings = replace(settings, fetch_timeout=timeout)
    if "TRACKER_MAX_BODY_BYTES" in env:
        cap = _parse_positive_int("TRACKER_MAX_BODY_BYTES", env["TRACKER_MAX_BODY_BYTES"])
        settings = replace(settings, max_body_bytes=cap)
    if "TRACKER_SHRINK_THRESHOLD" in env:
        share = _parse_share("TRACKER_SHRINK_THRESHOLD", env["TRACKER_SHRINK_THRESHOLD"])
        settings = replace(settings, shrink_threshold=share)
    if "TRACKER_SUSPECT_CONFIRMATIONS" in env:
        confirmations = _parse_positive_int(
            "TRACKER_SUSPECT_CONFIRMATIONS", env["TRACKER_SUSPECT_CONFIRMATIONS"]
        )
        settings = replace(settings, suspect_confirmations=confirmations)
    for name, (field_name, parse) in _SIMPLE_VARIABLES.items():
        if name in env:
            settings = replace(settings, **{field_name: parse(name, env[name])})
    return _with_mail_settings(settings, env)


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def _with_mail_settings(settings: Settings, env: Mapping[str, str]) -> Settings:
    """Add the TRACKER_SMTP_* and TRACKER_DIGEST_* settings, each checked."""
    mail_from = env.get("TRACKER_SMTP_FROM", "").strip() or DEFAULT_MAIL_FROM
    parse_addresses("TRACKER_SMTP_FROM", mail_from, single=True)
    settings = replace(
        settings,
        smtp=_smtp_settings(env),
        mail_from=mail_from,
        mail_to=parse_addresses("TRACKER_SMTP_TO", env.get("TRACKER_SMTP_TO", "")),
        list_unsubscribe=_parse_unsubscribe(env.get("TRACKER_SMTP_LIST_UNSUBSCRIBE", "")),
        digest_send_empty=_parse_bool(
            "TRACKER_DIGEST_SEND_EMPTY", env.get("TRACKER_DIGEST_SEND_EMPTY", "false")
        ),
    )
    return settings


def _smtp_settings(env: Mapping[str, str]) -> SmtpSettings | None:
    host = env.get("TRACKER_SMTP_HOST", "").strip()
    if not host:
        stray = [k for k in ("TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD") if env.get(k)]
        if stray:
            raise ConfigError(f"{stray[0]} is set but TRACKER_SMTP_HOST is not")
        return None
    security = env.get("TRACKER_SMTP_SECURITY", "starttls").strip().lower()
    if security not in SMTP_DEFAULT_PORTS:
        raise ConfigError(f"TRACKER_SMTP_SECURITY={security!r} must be ssl, starttls or plain")
    checked: SmtpSecurity = security
    port = SMTP_DEFAULT_PORTS[checked]
    if env.get("TRACKER_SMTP_PORT"):
        port = _parse_positive_int("TRACKER_SMTP_PORT", env["TRACKER_SMTP_PORT"])
        if port > 65535:
            raise ConfigError(f"TRACKER_SMTP_PORT={port} is not a port number")
    user = env.get("TRACKER_SMTP_USER") or None
    password = env.get("TRACKER_SMTP_PASSWORD") or None
    if password is not None and user is None:
        raise ConfigError("TRACKER_SMTP_PASSWORD is set but TRACKER_SMTP_USER is not")
    if checked == "plain" and user is not None and host.lower() not in LOOPBACK_HOSTS:
        raise ConfigError(
            "TRACKER_SMTP_SECURITY=plain would send the SMTP password unencrypted to "
            f"{host}; use ssl or starttls (plain is for a relay on localhost)"
        )
    timeout = 30.0
    if env.get("TRACKER_SMTP_TIMEOUT"):
        timeout = _parse_positive_float("TRACKER_SMTP_TIMEOUT", env["TRACKER_SMTP_TIMEOUT"])
    return SmtpSettings(
        host=host,
        port=port,
        security=checked,
        user=user,
        password=Secret(password) if password is not None else None,
        timeout=timeout,
    )


def parse_addresses(name: str, raw: str, *, single: bool = False) -> tuple[str, ...]:
    """Comma-separated e-mail addresses (``a@b.c`` or ``Name <a@b.c>``), each checked."""
    if not raw.strip():
        return ()
    if any(ch in raw for ch in "\r\n"):
        raise ConfigError(f"{name}: line breaks are not allowed in addresses")
    from email.utils import getaddresses

    parts = [p.strip() for p in raw.split(",") if p.strip()] if not single else [raw.strip()]
    for part in parts:
        pairs = getaddresses([part])
        if len(pairs) != 1 or not _looks_like_address(pairs[0][1]):
            raise ConfigError(f"{name}: {part!r} is not an e-mail address")
    if single and len(parts) != 1:
        raise ConfigError(f"{name}: one address expected")
    return tuple(parts)


def _looks_like_address(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    return bool(at and local and domain and " " not in address)


def _parse_unsubscribe(raw: str) -> tuple[str, ...]:
    urls = tuple(u.strip() for u in raw.split(",") if u.strip())
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("mailto", "https", "http") or not (parts.netloc or parts.path):
            raise ConfigError(
                f"TRACKER_SMTP_LIST_UNSUBSCRIBE: {url!r} must be a mailto:, https: or http: URL"
            )
        if any(ch in url for ch in "<>\r\n "):
            raise ConfigError(f"TRACKER_SMTP_LIST_UNSUBSCRIBE: {url!r} contains <, > or spaces")
    return urls


def _parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name}={raw!r} must be true or false")

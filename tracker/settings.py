"""Settings: one frozen object built from environment variables and CLI flags.

Nothing reads the environment after :func:`load_settings`; the object is passed explicitly to
whatever needs it. Every variable is listed in the README (a test checks that).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker import __version__
from tracker.errors import ConfigError

DEFAULT_SCHEDULE = "0 3 * * *"  # crontab: every night at 03:00
DEFAULT_USER_AGENT = (
    f"PolicyTracker/{__version__} (+https://github.com/policy-tracker; policy change monitor)"
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable about a tracker installation."""

    database_url: str
    registry_path: Path
    data_dir: Path
    outbox_dir: Path
    user_agent: str = DEFAULT_USER_AGENT
    fetch_timeout: float = 30.0
    max_body_bytes: int = 20 * 1024 * 1024
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
    "TRACKER_USER_AGENT": "User-Agent header sent with every fetch",
    "TRACKER_FETCH_TIMEOUT": "seconds before a fetch times out (default: 30)",
    "TRACKER_MAX_BODY_BYTES": "largest page body accepted, in bytes (default: 20971520)",
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
    database_url = env.get("TRACKER_DATABASE_URL") or sqlite_url(data_dir / "tracker.db")
    settings = Settings(
        database_url=database_url,
        registry_path=registry,
        data_dir=data_dir,
        outbox_dir=outbox,
    )
    if "TRACKER_USER_AGENT" in env:
        settings = replace(settings, user_agent=env["TRACKER_USER_AGENT"])
    if "TRACKER_FETCH_TIMEOUT" in env:
        timeout = _parse_positive_float("TRACKER_FETCH_TIMEOUT", env["TRACKER_FETCH_TIMEOUT"])
        settings = replace(settings, fetch_timeout=timeout)
    if "TRACKER_MAX_BODY_BYTES" in env:
        cap = _parse_positive_int("TRACKER_MAX_BODY_BYTES", env["TRACKER_MAX_BODY_BYTES"])
        settings = replace(settings, max_body_bytes=cap)
    for name, (field_name, parse) in _SIMPLE_VARIABLES.items():
        if name in env:
            settings = replace(settings, **{field_name: parse(name, env[name])})
    return settings

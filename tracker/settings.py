"""Settings: one frozen object built from environment variables and CLI flags.

Nothing reads the environment after :func:`load_settings`; the object is passed explicitly to
whatever needs it. Every variable is listed in the README (a test checks that).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.errors import ConfigError

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
    rules_path: Path
    user_agent: str = DEFAULT_USER_AGENT
    fetch_timeout: float = 30.0
    max_body_bytes: int = 20 * 1024 * 1024

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced; ``None`` values are ignored."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


ENV_PREFIX = "TRACKER_"

#: Environment variables read by :func:`load_settings`, with what they mean.
ENVIRONMENT_VARIABLES: dict[str, str] = {
    "TRACKER_DATABASE_URL": "SQLAlchemy URL of the database (default: sqlite file data/tracker.db)",
    "TRACKER_REGISTRY": "path of the document registry (default: data/documents.toml)",
    "TRACKER_DATA_DIR": "folder for the default database and outbox (default: ./data)",
    "TRACKER_OUTBOX": "folder where digests are written (default: <data dir>/outbox)",
    "TRACKER_RULES": "path of the classifier's rule file (default: <data dir>/rules.toml)",
    "TRACKER_USER_AGENT": "User-Agent header sent with every fetch",
    "TRACKER_FETCH_TIMEOUT": "seconds before a fetch times out (default: 30)",
    "TRACKER_MAX_BODY_BYTES": "largest page body accepted, in bytes (default: 20971520)",
}


def _parse_positive_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if value <= 0:
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
    return settings

"""Settings: one frozen object built from environment variables and CLI flags.

Every variable is defined once, in :data:`VARIABLES`: its name, the :class:`Settings` field it
fills, how it is parsed (the parser's errors name the variable), its default and its help.
That table drives :func:`load_settings`, the error messages, and the README's settings table
(:func:`settings_table_markdown`; a test keeps the README equal to it). Nothing reads the
environment after :func:`load_settings`; the object is passed explicitly to whatever needs it.
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
from tracker.resources import default_rules_path

SmtpSecurity = Literal["ssl", "starttls", "plain"]
SMTP_DEFAULT_PORTS: dict[SmtpSecurity, int] = {"ssl": 465, "starttls": 587, "plain": 25}
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
ENV_PREFIX = "TRACKER_"
LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("debug", "info", "warning", "error")


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


# -- parsers: (variable name, raw text) -> value; errors name the variable ----------------------

Parser = Callable[[str, str], Any]


def parse_text(name: str, raw: str) -> str:
    if not raw.strip():
        raise ConfigError(f"{name} is empty")
    return raw.strip()


def parse_raw(name: str, raw: str) -> str:
    return raw


def parse_positive_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if not 0 < value < float("inf"):
        raise ConfigError(f"{name}={raw!r} must be positive")
    return value


def parse_non_negative_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if not value >= 0 or value == float("inf"):
        raise ConfigError(f"{name}={raw!r} must be zero or a positive number")
    return value


def parse_positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r} must be positive")
    return value


def parse_non_negative_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < 0:
        raise ConfigError(f"{name}={raw!r} must be zero or more")
    return value


def parse_share(name: str, raw: str) -> float:
    value = parse_positive_float(name, raw)
    if value >= 1:
        raise ConfigError(f"{name}={raw!r} must be a share between 0 and 1 (e.g. 0.5)")
    return value


def parse_port(name: str, raw: str) -> int:
    port = parse_positive_int(name, raw)
    if port > 65535:
        raise ConfigError(f"{name}={port} is not a port number")
    return port


def parse_web_url(name: str, raw: str) -> str:
    url = raw.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{name}={raw!r} must be an http(s) URL")
    return url


def parse_choice(*choices: str) -> Parser:
    def parse(name: str, raw: str) -> str:
        value = raw.strip().lower()
        if value not in choices:
            raise ConfigError(f"{name}={raw!r} must be one of {', '.join(choices)}")
        return value

    return parse


def parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name}={raw!r} must be true or false")


def parse_timezone(name: str, raw: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(raw.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name}={raw!r} is not a known time zone (e.g. Europe/Paris)") from None
    return raw.strip()


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


def parse_mailbox(name: str, raw: str) -> str:
    """One address (``a@b.c`` or ``Name <a@b.c>``)."""
    return parse_addresses(name, raw, single=True)[0] if raw.strip() else parse_text(name, raw)


def _looks_like_address(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    return bool(at and local and domain and " " not in address)


#: Shortest signing key accepted for webhooks (HMAC-SHA256).
MIN_SECRET_LENGTH = 16


def parse_signing_key(name: str, raw: str) -> Secret:
    if len(raw.strip()) < MIN_SECRET_LENGTH:
        raise ConfigError(f"{name} must be at least {MIN_SECRET_LENGTH} characters long")
    return Secret(raw.strip())


def parse_public_url(name: str, raw: str) -> str:
    """An absolute http(s) URL with a host, no query or fragment; kept without a final ``/``."""
    value = raw.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{name}={raw!r} must be an http:// or https:// URL with a host")
    if parts.query or parts.fragment or any(ch.isspace() or ch in "<>\"'" for ch in value):
        raise ConfigError(f"{name}={raw!r} must have no query, fragment, spaces or quotes")
    return value.rstrip("/")


#: Shortest token accepted for the web UI: long enough not to be guessed over the network.
MIN_TOKEN_LENGTH = 16


def parse_token(name: str, raw: str) -> Secret:
    value = raw.strip()
    if len(value) < MIN_TOKEN_LENGTH or any(ch.isspace() or not ch.isprintable() for ch in value):
        raise ConfigError(
            f"{name} must be at least {MIN_TOKEN_LENGTH} printable characters without spaces "
            "(e.g. the output of `python3 -c 'import secrets; print(secrets.token_urlsafe())'`)"
        )
    return Secret(value)


def parse_unsubscribe(name: str, raw: str) -> tuple[str, ...]:
    urls = tuple(u.strip() for u in raw.split(",") if u.strip())
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("mailto", "https", "http") or not (parts.netloc or parts.path):
            raise ConfigError(f"{name}: {url!r} must be a mailto:, https: or http: URL")
        if any(ch in url for ch in "<>\r\n "):
            raise ConfigError(f"{name}: {url!r} contains <, > or spaces")
    return urls


# -- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Variable:
    """One environment variable: where it goes, how it is read, what it means."""

    name: str
    field: str  # the Settings field it fills (smtp_* fields become Settings.smtp)
    parse: Parser
    default: Any  # the value when unset (None: unset); paths: relative to the data folder
    help: str  # for the README's table (Markdown)
    shown_default: str | None = None  # the default as the README states it, when not `default`

    def default_text(self) -> str | None:
        if self.shown_default is not None:
            return self.shown_default
        if self.default is None or self.default == () or self.default == "":
            return None
        if isinstance(self.default, bool):
            return f"`{str(self.default).lower()}`"
        if isinstance(self.default, str):
            return f"`{self.default}`"
        return f"{self.default:g}" if isinstance(self.default, float) else str(self.default)


_V = Variable
DEFAULT_USER_AGENT = (
    f"PolicyTracker/{__version__} (+https://github.com/policy-tracker; policy change monitor)"
)

#: Every setting, in the order of the README's table.
VARIABLES: tuple[Variable, ...] = (
    _V("TRACKER_DATABASE_URL", "database_url", parse_text, None,
       "SQLAlchemy URL of the database. PostgreSQL: "
       "`postgresql+psycopg://user:password@host/dbname` (install the `postgres` extra)",
       shown_default="SQLite file `<data dir>/tracker.db`"),
    _V("TRACKER_REGISTRY", "registry_path", parse_text, "documents.toml",
       "path of the document registry", shown_default="`<data dir>/documents.toml`"),
    _V("TRACKER_DATA_DIR", "data_dir", parse_text, "data",
       "folder for the default registry, database, outbox and feeds, the demo and "
       "`cache/checked-rules` (the rule files checked before); a data directory elsewhere "
       "without a `documents.toml` needs `TRACKER_REGISTRY`", shown_default="`./data`"),
    _V("TRACKER_OUTBOX", "outbox_dir", parse_text, "outbox",
       "folder where digests are written", shown_default="`<data dir>/outbox`"),
    _V("TRACKER_RULES", "rules_path", parse_text, None,
       "the classifier's rule file (topics, severity, key facts). Loaded and validated at the "
       "start of `tracker run` and `tracker demo`: a bad file stops them before anything is "
       "fetched (`tracker run` and `tracker schedule` remember a text that passed by its "
       "SHA-256, with the tracker's and Python's versions, in `<data dir>/cache/checked-rules` "
       "when the data directory exists, and do not parse its patterns again; everything else is "
       "checked every time)",
       shown_default="the file shipped inside the package (`data/rules.toml` of the repository)"),
    _V("TRACKER_USER_AGENT", "user_agent", parse_raw, DEFAULT_USER_AGENT,
       "User-Agent header of every fetch", shown_default="`PolicyTracker/<version> (...)`"),
    _V("TRACKER_FETCH_TIMEOUT", "fetch_timeout", parse_positive_float, 30.0,
       "seconds before a fetch times out: to connect, and between two reads"),
    _V("TRACKER_FETCH_DEADLINE", "fetch_deadline", parse_positive_float, 120.0,
       "seconds a whole fetch may take, however slowly the body trickles in (kind `timeout`)"),
    _V("TRACKER_MAX_BODY_BYTES", "max_body_bytes", parse_positive_int, 20 * 1024 * 1024,
       "largest page accepted, after decompression", shown_default="20971520 (20 MB)"),
    _V("TRACKER_CONCURRENCY", "concurrency", parse_positive_int, 8,
       "documents fetched at once by one process"),
    _V("TRACKER_PER_HOST", "per_host", parse_positive_int, 2,
       "requests in flight to one host by one process"),
    _V("TRACKER_HOST_DELAY", "host_delay", parse_non_negative_float, 1.0,
       "seconds between two request starts to the same host"),
    _V("TRACKER_RETRIES", "retries", parse_non_negative_int, 3,
       "retries of a timeout, connection error, 429 or 5xx (never of other 4xx)"),
    _V("TRACKER_RETRY_DELAY", "retry_delay", parse_non_negative_float, 2.0,
       "first backoff in seconds, doubled each retry, with random jitter"),
    _V("TRACKER_RETRY_MAX_DELAY", "retry_max_delay", parse_non_negative_float, 120.0,
       "longest wait before a retry; a `Retry-After` asking for more gives the document up "
       "for this run"),
    _V("TRACKER_WAYBACK_URL", "wayback_url", parse_web_url, "https://web.archive.org",
       "base URL of the Wayback Machine that `tracker backfill --wayback` asks (its CDX API "
       "and its captures)"),
    _V("TRACKER_ARCHIVE_DELAY", "archive_delay", parse_non_negative_float, 2.0,
       "seconds between two requests to a web archive (listings and captures alike)"),
    _V("TRACKER_CHROMIUM", "chromium_path", parse_text, "chromium-headless-shell",
       "the Chromium program that renders the documents registered with `fetch = \"browser\"` "
       "or `\"auto\"` (Debian: `apt-get install chromium chromium-headless-shell`); a name is "
       "looked up on `PATH`",
       shown_default="`chromium-headless-shell` (Debian's Chromium built for automation: "
       "lighter and faster), else `chromium` when it is not installed"),
    _V("TRACKER_BROWSER_PAGES", "browser_pages", parse_positive_int, 2,
       "pages the browser renders at once, whatever `TRACKER_CONCURRENCY` is (each takes "
       "memory: see README, Pages that need a browser)"),
    _V("TRACKER_BROWSER_DEADLINE", "browser_deadline", parse_positive_float, 60.0,
       "seconds one page may take in the browser, from navigation to screenshot; a page that "
       "has not settled by then is given up (kind `timeout`)"),
    _V("TRACKER_LOCK_TTL", "lock_ttl", parse_positive_float, 300.0,
       "seconds the run lock and a worker's claims live without a heartbeat (a crashed run "
       "blocks the next one at most this long)"),
    _V("TRACKER_SCHEDULE", "schedule", parse_text, "0 3 * * *",
       "crontab expression (minute hour day month weekday) of `tracker schedule`"),
    _V("TRACKER_TIMEZONE", "timezone", parse_timezone, None,
       "IANA time zone of the schedule, e.g. `Europe/Paris`",
       shown_default="the machine's local zone"),
    _V("TRACKER_SCHEDULE_JITTER", "schedule_jitter", parse_non_negative_float, 120.0,
       "up to this many seconds of random delay before each scheduled run"),
    _V("TRACKER_LOG_FORMAT", "log_format", parse_choice(*LOG_FORMATS), None,
       "`text` (key=value lines) or `json` (one object per line), on stderr",
       shown_default="plain sentences when stderr is a terminal, else `text`"),
    _V("TRACKER_LOG_LEVEL", "log_level", parse_choice(*LOG_LEVELS), "warning",
       "`debug`, `info`, `warning` or `error`",
       shown_default="`warning` (quiet unless something is wrong)"),
    _V("TRACKER_EXTRACT_PROCESSES", "extract_processes", parse_non_negative_int, None,
       "processes that extract pages on a night with many new or changed pages (runs of 16 "
       "documents or more; not the pages the browser rendered); `0`: extract in the recording "
       "thread",
       shown_default="the number of CPUs"),
    _V("TRACKER_SHRINK_THRESHOLD", "shrink_threshold", parse_share, 0.5,
       "share of the last version's words a new text may lose before it is held as suspect "
       "(`shrunk`)"),
    _V("TRACKER_SUSPECT_CONFIRMATIONS", "suspect_confirmations", parse_positive_int, 2,
       "how many following fetches must see a held text again before it is recorded (for the "
       "kinds that can be confirmed)"),
    _V("TRACKER_SMTP_HOST", "smtp_host", parse_raw, None,
       "SMTP server that sends digests; unset: digests are written to the outbox folder "
       "instead"),
    _V("TRACKER_SMTP_PORT", "smtp_port", parse_port, None,
       "SMTP port", shown_default="465 (`ssl`), 587 (`starttls`), 25 (`plain`)"),
    _V("TRACKER_SMTP_SECURITY", "smtp_security", parse_choice(*SMTP_DEFAULT_PORTS), "starttls",
       "`ssl` (implicit TLS), `starttls` (never falls back to plain) or `plain` (a relay on "
       "localhost: a login is refused over plain to any other host)"),
    _V("TRACKER_SMTP_USER", "smtp_user", parse_raw, None, "SMTP login name (optional)"),
    _V("TRACKER_SMTP_PASSWORD", "smtp_password", parse_raw, None,
       "SMTP password; never logged, never in error messages or `repr(settings)`"),
    _V("TRACKER_SMTP_TIMEOUT", "smtp_timeout", parse_positive_float, 30.0,
       "seconds before the SMTP connection times out"),
    _V("TRACKER_SMTP_FROM", "mail_from", parse_mailbox,
       "Policy Tracker <policy-tracker@localhost>",
       "From address of digests, `a@b.c` or `Name <a@b.c>`"),
    _V("TRACKER_SMTP_TO", "mail_to", parse_addresses, (),
       "comma-separated recipients of digests (required with `TRACKER_SMTP_HOST` unless "
       "`--to` is given)"),
    _V("TRACKER_SMTP_LIST_UNSUBSCRIBE", "list_unsubscribe", parse_unsubscribe, (),
       "comma-separated `mailto:` / `https:` URLs sent as the `List-Unsubscribe` header and "
       "shown in the footer"),
    _V("TRACKER_DIGEST_SEND_EMPTY", "digest_send_empty", parse_bool, False,
       "`true`: send a \"No changes\" digest even when nothing changed and nothing fails"),
    _V("TRACKER_SUBSCRIPTIONS", "subscriptions_path", parse_text, None,
       "the subscriptions file: who gets which changes, where and how often (see "
       "[Alerts](#alerts-subscriptions-and-channels)); unset: the `TRACKER_SMTP_*` settings "
       "are the one subscription"),
    _V("TRACKER_WEBHOOK_SECRET", "webhook_secret", parse_signing_key, None,
       "key of the HMAC-SHA256 signature of webhook deliveries, at least 16 characters (a "
       "subscription's `secret` overrides it); never logged, never in error messages or "
       "`repr(settings)`"),
    _V("TRACKER_PUBLIC_URL", "public_url", parse_public_url, None,
       "the address where `tracker serve` is reached, e.g. `https://policies.example.com`; "
       "when set, each digest item, chat message, webhook change and feed entry links to its "
       "redline there"),
    _V("TRACKER_UI_TOKEN", "ui_token", parse_token, None,
       "a secret (16 characters or more) that `tracker serve` then requires on every request "
       "(browser login: any user name and the token as password; API: "
       "`Authorization: Bearer TOKEN`); required to bind to an address other than loopback; "
       "never logged"),
)  # fmt: skip

VARIABLES_BY_NAME: dict[str, Variable] = {v.name: v for v in VARIABLES}
VARIABLES_BY_FIELD: dict[str, Variable] = {v.field: v for v in VARIABLES}
#: Environment variables read by :func:`load_settings`, with what they mean.
ENVIRONMENT_VARIABLES: dict[str, str] = {v.name: v.help for v in VARIABLES}
DEFAULT_SCHEDULE: str = VARIABLES_BY_NAME["TRACKER_SCHEDULE"].default
DEFAULT_MAIL_FROM: str = VARIABLES_BY_NAME["TRACKER_SMTP_FROM"].default


def _default(name: str) -> Any:
    return VARIABLES_BY_NAME[name].default


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable about a tracker installation (see :data:`VARIABLES`)."""

    #: Not in ``repr``: a PostgreSQL URL can carry a password.
    database_url: str = field(repr=False)
    registry_path: Path
    data_dir: Path
    outbox_dir: Path
    rules_path: Path
    user_agent: str = _default("TRACKER_USER_AGENT")
    fetch_timeout: float = _default("TRACKER_FETCH_TIMEOUT")
    fetch_deadline: float = _default("TRACKER_FETCH_DEADLINE")
    max_body_bytes: int = _default("TRACKER_MAX_BODY_BYTES")
    shrink_threshold: float = _default("TRACKER_SHRINK_THRESHOLD")
    suspect_confirmations: int = _default("TRACKER_SUSPECT_CONFIRMATIONS")
    schedule: str = _default("TRACKER_SCHEDULE")
    timezone: str | None = _default("TRACKER_TIMEZONE")  # None: the machine's local time zone
    schedule_jitter: float = _default("TRACKER_SCHEDULE_JITTER")
    concurrency: int = _default("TRACKER_CONCURRENCY")
    per_host: int = _default("TRACKER_PER_HOST")
    host_delay: float = _default("TRACKER_HOST_DELAY")
    retries: int = _default("TRACKER_RETRIES")
    retry_delay: float = _default("TRACKER_RETRY_DELAY")
    retry_max_delay: float = _default("TRACKER_RETRY_MAX_DELAY")
    wayback_url: str = _default("TRACKER_WAYBACK_URL")
    archive_delay: float = _default("TRACKER_ARCHIVE_DELAY")
    lock_ttl: float = _default("TRACKER_LOCK_TTL")
    extract_processes: int = _default("TRACKER_EXTRACT_PROCESSES")
    chromium_path: str = _default("TRACKER_CHROMIUM")
    browser_pages: int = _default("TRACKER_BROWSER_PAGES")
    browser_deadline: float = _default("TRACKER_BROWSER_DEADLINE")
    #: Not a variable: the offline demo, the tests and the benchmarks set it so that the
    #: browser resolves no host name and reaches only the local server's address.
    browser_offline: bool = False
    log_format: str | None = _default("TRACKER_LOG_FORMAT")  # None: see logs.make_handler
    log_level: str = _default("TRACKER_LOG_LEVEL")
    # Digest delivery (see README, Digests). No ``smtp``: digests go to the outbox folder.
    smtp: SmtpSettings | None = None
    mail_from: str = _default("TRACKER_SMTP_FROM")
    mail_to: tuple[str, ...] = _default("TRACKER_SMTP_TO")
    list_unsubscribe: tuple[str, ...] = _default("TRACKER_SMTP_LIST_UNSUBSCRIBE")
    digest_send_empty: bool = _default("TRACKER_DIGEST_SEND_EMPTY")
    # Alerts (see README, Alerts): None: the SMTP settings above are the one subscription.
    subscriptions_path: Path | None = None
    webhook_secret: Secret | None = field(default=None, repr=False)
    # The web UI (see README, Reading the history in a browser).
    public_url: str | None = _default("TRACKER_PUBLIC_URL")
    ui_token: Secret | None = field(default=_default("TRACKER_UI_TOKEN"), repr=False)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced; ``None`` values are ignored."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


_PATH_FIELDS = ("registry_path", "outbox_dir")


def load_settings(env: Mapping[str, str] | None = None, *, cwd: Path | None = None) -> Settings:
    """Settings from ``env`` (default ``os.environ``); relative paths resolve from ``cwd``."""
    env = os.environ if env is None else env
    base = cwd or Path.cwd()
    unknown = sorted(k for k in env if k.startswith(ENV_PREFIX) and k not in VARIABLES_BY_NAME)
    if unknown:
        raise ConfigError(f"unknown environment variable {unknown[0]} (see README, Settings)")
    given = {name: raw for name, raw in env.items() if name in VARIABLES_BY_NAME and raw.strip()}
    values = {v.field: v.parse(v.name, given[v.name]) if v.name in given else v.default
              for v in VARIABLES}  # fmt: skip
    data_dir = base / values["data_dir"]
    for name in _PATH_FIELDS:  # set: relative to the working folder; default: to the data dir
        is_set = VARIABLES_BY_FIELD[name].name in given
        values[name] = (base if is_set else data_dir) / values[name]
    values["data_dir"] = data_dir
    rules = values["rules_path"]  # set: relative to the working folder; else the shipped file
    values["rules_path"] = base / rules if rules is not None else default_rules_path()
    if values["subscriptions_path"] is not None:
        values["subscriptions_path"] = base / values["subscriptions_path"]
    values["database_url"] = values["database_url"] or sqlite_url(data_dir / "tracker.db")
    values["smtp"] = smtp_settings(values)
    if values["extract_processes"] is None:
        values["extract_processes"] = os.cpu_count() or 1
    kept = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in kept})


def smtp_settings(values: Mapping[str, Any]) -> SmtpSettings | None:
    """The SMTP server of digests from the ``smtp_*`` values, checked together."""
    host = (values["smtp_host"] or "").strip()
    user, password = values["smtp_user"] or None, values["smtp_password"] or None
    if not host:
        stray = [name for name, v in (("USER", user), ("PASSWORD", password)) if v]
        if stray:
            raise ConfigError(f"TRACKER_SMTP_{stray[0]} is set but TRACKER_SMTP_HOST is not")
        return None
    security: SmtpSecurity = values["smtp_security"]
    if password is not None and user is None:
        raise ConfigError("TRACKER_SMTP_PASSWORD is set but TRACKER_SMTP_USER is not")
    if security == "plain" and user is not None and host.lower() not in LOOPBACK_HOSTS:
        raise ConfigError(
            "TRACKER_SMTP_SECURITY=plain would send the SMTP password unencrypted to "
            f"{host}; use ssl or starttls (plain is for a relay on localhost)"
        )
    return SmtpSettings(
        host=host,
        port=values["smtp_port"] or SMTP_DEFAULT_PORTS[security],
        security=security,
        user=user,
        password=Secret(password) if password is not None else None,
        timeout=values["smtp_timeout"],
    )


def settings_table_markdown() -> str:
    """The README's settings table, made from :data:`VARIABLES`."""
    lines = ["| variable | meaning |", "| --- | --- |"]
    for v in VARIABLES:
        default = v.default_text()
        lines.append(
            f"| `{v.name}` | {v.help}" + (f"; default {default}" if default else "") + " |"
        )
    return "\n".join(lines) + "\n"

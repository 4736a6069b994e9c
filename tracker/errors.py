"""The one exception tree of the tracker, and the exit code each branch maps to.

Every error the tracker raises on purpose derives from :class:`TrackerError`; the CLI turns it
into one line on stderr and the exit code below, never a traceback::

    TrackerError                      1  operation failed
    ├── ConfigError                   2  bad settings, registry or rule file
    │   ├── RegistryError                 data/documents.toml is malformed
    │   └── RulesError                    a rule file (topics, facts) is malformed
    ├── UsageError                    2  bad command-line input
    │   └── NotFoundError                 unknown document, version, clause or date
    ├── InputError                    1  a file or page cannot be turned into clauses
    │   ├── UnsupportedFormatError        not HTML, Markdown, text or PDF
    │   ├── SelectorMissError             a `select` rule matched nothing
    │   ├── NoTextLayerError              a PDF without extractable text
    │   └── EmptyDocumentError            no text left after extraction
    ├── FetchError                    1  the page could not be fetched (``kind`` says why)
    ├── DeliveryError                 1  the digest could not be delivered
    ├── StorageError                  4  the database cannot be opened or migrated
    │   └── IntegrityMismatchError    4  a stored hash does not match its bytes
    └── LockHeldError                 3  another run holds the run lock

Exit code 1 is also what ``tracker run`` returns when some documents failed or look suspect.
"""

from __future__ import annotations

from enum import IntEnum

from tracker.vocabulary import FetchErrorKind


class ExitCode(IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    FAILED = 1
    CONFIG = 2
    LOCKED = 3
    STORAGE = 4
    INTERRUPTED = 130  # stopped by SIGINT or SIGTERM before the work was done


class TrackerError(Exception):
    """Base of every error the tracker raises deliberately."""

    exit_code: ExitCode = ExitCode.FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as class, message and attributes (subclasses' ``__init__`` take other
        arguments), so an error crosses a process boundary unchanged."""
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: type[TrackerError], message: str, state: dict[str, object]) -> TrackerError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class ConfigError(TrackerError):
    exit_code = ExitCode.CONFIG


class RegistryError(ConfigError):
    """The document registry is malformed; the message names file, line and key."""


class RulesError(ConfigError):
    """A rule file (topics, key facts) is malformed; the message names the rule."""


class SubscriptionsError(ConfigError):
    """The subscriptions file is malformed; the message names file, line and key."""


class UsageError(TrackerError):
    exit_code = ExitCode.CONFIG


class NotFoundError(UsageError):
    """An unknown document, version, clause or date was asked for."""


class InputError(TrackerError):
    """A file or page cannot be turned into clauses."""


class UnsupportedFormatError(InputError):
    pass


class SelectorMissError(InputError):
    """A selector matched nothing, or was given for a format without elements (``reason``)."""

    def __init__(self, selector: str, reason: str | None = None) -> None:
        super().__init__(reason or f"selector {selector!r} matched nothing")
        self.selector = selector


class NoTextLayerError(InputError):
    def __init__(self, source: str) -> None:
        super().__init__(f"{source}: PDF has no text layer (scanned image?)")


class EmptyDocumentError(InputError):
    pass


class FetchError(TrackerError):
    """A fetch failed. ``kind`` (a :class:`~tracker.vocabulary.FetchErrorKind`) is stored on
    the fetch row.

    ``retry_after`` is the server's Retry-After header (seconds or an HTTP date), if any.
    ``body`` and ``content_type`` are the start of an error page's body (HTTP 4xx/5xx), so a
    bot wall answering 403 can be recognised. ``fetcher`` names the fetcher that failed and
    ``escalation`` why an ``auto`` fetch had gone on to the browser (both stored on the row).
    """

    def __init__(
        self,
        kind: FetchErrorKind,
        message: str,
        *,
        status: int | None = None,
        retry_after: str | None = None,
        body: bytes | None = None,
        content_type: str | None = None,
        fetcher: str | None = None,
        escalation: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after
        self.body = body
        self.content_type = content_type
        self.fetcher = fetcher
        self.escalation = escalation


class DeliveryError(TrackerError):
    pass


class StorageError(TrackerError):
    exit_code = ExitCode.STORAGE


class IntegrityMismatchError(StorageError):
    pass


class LockHeldError(TrackerError):
    exit_code = ExitCode.LOCKED

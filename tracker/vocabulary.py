"""The tracker's words for states, in one place: what a fetch came to, where a run stands,
why a fetch failed, how a document is fetched, how much a change matters.

Each is a :class:`~enum.StrEnum`: its members are the very strings stored in the database,
written to JSON and shown to people, so ``Outcome.CHANGED == "changed"`` and rows written by
older versions read back unchanged. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Outcome(StrEnum):
    """What one fetch of one document came to (``fetches.outcome``)."""

    CHANGED = "changed"  # a new version was recorded
    UNCHANGED = "unchanged"  # same raw bytes or same text: the latest version verified
    NOT_MODIFIED = "not-modified"  # a 304 answer to a conditional GET: verified
    FAILED = "failed"  # no usable page (fetch error, selector miss, empty...)
    SUSPECT = "suspect"  # a page the guards do not trust: kept, never a version

    @property
    def is_failure(self) -> bool:
        """Failed or suspect: the document was not verified tonight."""
        return self in (Outcome.FAILED, Outcome.SUSPECT)


class Source(StrEnum):
    """Where a sighting of a document came from (``fetches.source``); a version's source
    (``versions.source``) is that of the sighting that created it.

    Only ``observed`` versions are news: digests and feeds never report the others, and an
    as-of answer says which kind of sighting it rests on.
    """

    OBSERVED = "observed"  # fetched by the tracker itself, at the time it says
    IMPORTED = "imported"  # files a person handed in: a dated folder, an Open Terms Archive repo
    ARCHIVED = "archived"  # a web archive's capture (Wayback Machine, WARC), at its capture time


class ImportOutcome(StrEnum):
    """What became of one page handed to the history importers (a file, commit or capture)."""

    NEW_VERSION = "new-version"  # placed in the history as a new version, in time order
    TECHNICAL = "technical"  # a new technical version (the archive re-extracted its record)
    SAME_TEXT = "same-text"  # the text of the version in force then: that version verified
    EARLIER = "earlier"  # the text of the next version: that version was in force earlier
    HELD = "held"  # the guards do not trust it (a wall, an error page...): no version
    FAILED = "failed"  # no text could be taken from it, or it could not be downloaded
    KNOWN = "known"  # imported before: nothing done


class RunStatus(StrEnum):
    """Where a run stands (``runs.status``)."""

    RUNNING = "running"
    OK = "ok"  # every document done, none failed or suspect
    FAILED = "failed"  # every document done, some failed or suspect
    INTERRUPTED = "interrupted"  # stopped (signal, crash, lost lock) before every document


class Trigger(StrEnum):
    """What started a run (``runs.trigger``)."""

    CLI = "cli"  # tracker run
    SCHEDULE = "schedule"  # tracker schedule
    DEMO = "demo"  # tracker demo: the pages are archived snapshots replayed locally
    ACCEPT = "accept"  # tracker accept: a person recorded a suspect fetch


class ItemStatus(StrEnum):
    """One document in one run's work list (``run_items.status``)."""

    PENDING = "pending"
    CLAIMED = "claimed"
    DONE = "done"


class DigestStatus(StrEnum):
    """One digest attempt for one destination of one subscription (``digests.status``).

    ``delivered``, ``skipped`` and ``baseline`` rows *cover* their versions: those versions are
    no longer pending for that destination. The others leave them pending.
    """

    PENDING = "pending"  # composed, delivery under way (left so if the process died)
    DELIVERED = "delivered"  # taken by the channel (SMTP server, webhook, chat service, outbox)
    FAILED = "failed"  # the channel refused it or could not be reached
    DRY_RUN = "dry-run"  # a preview written to the outbox: no row now (older rows keep it)
    SKIPPED = "skipped"  # nothing in these versions is wanted by the subscription: no message
    BASELINE = "baseline"  # existed before the destination was added: never sent to it

    @property
    def covers(self) -> bool:
        """Whether a row in this state takes its versions off the destination's pending list."""
        return self in COVERING_STATUSES


#: The digest states that take versions off a destination's pending list.
COVERING_STATUSES: frozenset[DigestStatus] = frozenset(
    {DigestStatus.DELIVERED, DigestStatus.SKIPPED, DigestStatus.BASELINE}
)


class MessageKind(StrEnum):
    """What a message to a subscription is (``digests.kind``)."""

    DIGEST = "digest"  # the changes a subscription wants
    HEARTBEAT = "heartbeat"  # "still watching": after a quiet week, when asked for


class Schedule(StrEnum):
    """How often a subscription gets its message (``schedule`` in the subscriptions file)."""

    IMMEDIATE = "immediate"  # at every run that found something it wants
    DAILY = "daily"  # at most once a calendar day, at the first run of the day
    WEEKLY = "weekly"  # at most once a calendar week, at the first run from Monday on


class TargetKind(StrEnum):
    """Where a subscription's message goes, told from how its ``to`` entry is written."""

    EMAIL = "email"  # a@b.c or Name <a@b.c>: the digest e-mail (SMTP, else the outbox)
    WEBHOOK = "webhook"  # an http(s):// URL: the signed JSON payload, POSTed
    APPRISE = "apprise"  # any other scheme:// (slack://, ntfy://, json://...): a chat message


class Medium(StrEnum):
    """The form a channel delivers: what the digest is rendered to for it."""

    EMAIL = "email"  # subject, HTML and text parts
    CHAT = "chat"  # a title and a short Markdown body
    JSON = "json"  # the documented JSON payload


class FetchErrorKind(StrEnum):
    """Why a fetch failed (``fetches.error_kind`` of a failed fetch; suspect fetches carry
    the guard's kind instead, see :mod:`tracker.guard`)."""

    # the page could not be downloaded (tracker.fetch)
    TIMEOUT = "timeout"  # connect, read or total deadline exceeded
    DNS = "dns"  # the host name does not resolve (not retried: it will not in 2 s either)
    CONNECT = "connect"  # refused, reset, or the connection broke while reading
    TLS = "tls"  # certificate or handshake failure
    HTTP_STATUS = "http-status"  # 4xx/5xx (status stored beside it)
    TOO_LARGE = "too-large"  # body over the size cap (after decompression)
    REDIRECT = "redirect"  # too many redirects, or a redirect to a non-http(s) scheme
    PROTOCOL = "protocol"  # malformed response, truncated body, bad encoding, 304 unasked
    SCHEME = "scheme"  # the URL itself is not http(s)
    # the page came, but no text could be taken from it (tracker.extract)
    SELECTOR_MISS = "selector-miss"  # a `select` rule matched nothing
    EMPTY = "empty"  # no text left after extraction
    NO_TEXT_LAYER = "no-text-layer"  # a PDF without text
    UNSUPPORTED_FORMAT = "unsupported-format"  # not HTML, Markdown, text or PDF
    EXTRACT = "extract"  # any other extraction failure
    INTERNAL = "internal"  # a bug in the tracker (logged with its traceback)
    # the browser could not render the page (tracker.fetch.browser): Chromium missing or not
    # starting, the renderer crashed, the URL is a download rather than a page
    RENDER = "render"


class FetchMode(StrEnum):
    """How a document is fetched (its registry key ``fetch``)."""

    HTTP = "http"  # one GET (tracker.fetch.http)
    BROWSER = "browser"  # rendered in headless Chromium (tracker.fetch.browser)
    AUTO = "auto"  # HTTP first; the browser when the answer is a script shell or a bot wall


class Escalation(StrEnum):
    """Why an ``auto`` fetch went on to the browser (``fetches.escalation``, before a colon)."""

    SCRIPT_SHELL = "script-shell"  # little text: an empty app root, a "needs JavaScript" notice
    BOT_WALL = "bot-wall"  # a bot wall or captcha that a browser may get through


class ChangeDetail(StrEnum):
    """What a change's ``detail`` says beyond its kind (``changes.detail``).

    The diff sets it; the classifier reads it: the structural details below carry no meaning
    of their own (severity ``none``, ``low`` for a link's address), the others refine a
    modification.
    """

    # cosmetic: the words are the same
    RENUMBERED = "renumbered"  # only the number label changed
    WHITESPACE = "whitespace"
    QUOTES = "quotes"
    CASE = "case"
    PUNCTUATION = "punctuation"
    FORMAT = "format"  # only the clause kind or level changed
    # structure: the text is the same, its place or its copies changed
    MOVED = "moved"  # a modified clause that also changed place
    REORDERED = "reordered"  # rows or list items in another order
    DEDUPLICATED = "deduplicated"  # a removed clause whose text survives elsewhere verbatim
    DUPLICATED = "duplicated"  # an added clause whose text the old version already had verbatim
    LINK = "link"  # only a link's address changed (tracking parameters, session ids)
    DATE_ONLY = "date-only"  # only an updated / effective / last-modified date changed
    # modified
    SPLIT = "split"  # one clause became several
    MERGED = "merged"  # several clauses became one


#: Details that say the change carries no meaning: graded ``none`` whatever the words.
MEANINGLESS_DETAILS: frozenset[ChangeDetail] = frozenset(
    {
        ChangeDetail.RENUMBERED,
        ChangeDetail.WHITESPACE,
        ChangeDetail.QUOTES,
        ChangeDetail.CASE,
        ChangeDetail.PUNCTUATION,
        ChangeDetail.FORMAT,
        ChangeDetail.REORDERED,
        ChangeDetail.DEDUPLICATED,
        ChangeDetail.DUPLICATED,
        ChangeDetail.DATE_ONLY,
    }
)


class Direction(StrEnum):
    """Which way a change moves what the company may do with people's data or rights."""

    EXPANDS = "expands"  # the company may do more (new uses, longer retention, fewer rights)
    NARROWS = "narrows"  # the company may do less (good for users)
    NEUTRAL = "neutral"  # neither, or not known


class Severity(StrEnum):
    """How much a change matters, from ``high`` down to ``none``."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for none ... 3 for high."""
        return _SEVERITY_RANK[self]

    @classmethod
    def from_rank(cls, rank: int) -> Severity:
        """The severity of ``rank``, clamped to none..high."""
        return SEVERITIES_ASCENDING[max(0, min(rank, len(SEVERITIES_ASCENDING) - 1))]


class ClaimKind(StrEnum):
    """What a third party's page says about a policy (``tracker check-claims``)."""

    QUOTATION = "quotation"  # words given as the document's own, in quotes or under a heading
    CITATION = "citation"  # a named document with a date: updated, accessed, last verified
    FACT = "fact"  # a key fact stated as a label and a yes/no answer


class ClaimVerdict(StrEnum):
    """What the stored history says of one claim, and of a page's claims overall."""

    SUPPORTED = "supported"  # the history bears it out (a faithful cut or elision included)
    STALE = "stale"  # true of an older version, not of the one in force at the access date
    ALTERED = "altered"  # a quotation whose words differ from the document's (light edits)
    CONTRADICTED = "contradicted"  # the key facts answer the other way
    NOT_FOUND = "not found"  # no version has the words, the date, or states the fact
    NOT_CHECKED = "not checked"  # read but not checkable (untracked document, unclear form)

    @property
    def fails(self) -> bool:
        """A claim the history does not bear out (``tracker check-claims`` exits 1)."""
        return self in FAILING_VERDICTS


#: Failing verdicts, most serious first: the overall verdict of a page is the first present.
FAILING_VERDICTS: tuple[ClaimVerdict, ...] = (
    ClaimVerdict.CONTRADICTED,
    ClaimVerdict.ALTERED,
    ClaimVerdict.NOT_FOUND,
    ClaimVerdict.STALE,
)


class QuoteFinding(StrEnum):
    """How a quotation was found in a document's stored versions."""

    VERBATIM = "verbatim"  # character for character
    NORMALISED = "normalised"  # equal up to case, spaces, quote and dash styles
    SHORTENED = "shortened"  # cut short or elided ("...") faithfully: the pieces are there
    EDITED = "edited"  # light edits: most words there, some changed
    NOT_FOUND = "not found"  # nothing close enough in any version


class FactAgreement(StrEnum):
    """A third party's yes/no against the documents' stored answer to the same key fact."""

    AGREES = "agrees"
    DISAGREES = "disagrees"
    DIVIDED = "divided"  # the service's documents answer both ways
    NOT_STATED = "not stated"


#: Highest first, the order in which digests, tables and JSON list severities.
SEVERITIES: tuple[Severity, ...] = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE)
SEVERITIES_ASCENDING: tuple[Severity, ...] = tuple(reversed(SEVERITIES))
_SEVERITY_RANK: dict[str, int] = {s: rank for rank, s in enumerate(SEVERITIES_ASCENDING)}


def highest_severity(severities: Iterable[str]) -> Severity:
    """The highest of ``severities`` (stored strings or members); ``none`` when empty."""
    ranks = [_SEVERITY_RANK.get(s, 0) for s in severities]  # unknown values rank as none
    return Severity.from_rank(max(ranks, default=0))

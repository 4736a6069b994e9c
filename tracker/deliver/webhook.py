"""The ``webhook`` channel: the JSON payload POSTed to a URL, signed, retried.

Each request carries:

- ``Content-Type: application/json`` and the payload as compact UTF-8 JSON;
- ``X-Policy-Tracker-Signature: sha256=<hex>``: HMAC-SHA256 of the exact body bytes under the
  subscription's ``secret`` (or ``TRACKER_WEBHOOK_SECRET``);
- ``Idempotency-Key``: the same for every attempt at the same message (its retries here, and
  a repeat after a crash: see :mod:`tracker.digest.bookkeeping`), so a receiver that remembers
  the keys it processed acts on each message once;
- ``X-Policy-Tracker-Event`` (``digest`` or ``heartbeat``) and ``X-Policy-Tracker-Delivery``
  (the digests row of this attempt).

Any 2xx answer delivers the message. Timeouts, connection errors, 429 and 5xx answers are
retried like fetches (``TRACKER_RETRIES`` times, backoff from ``TRACKER_RETRY_DELAY`` doubled
each time with jitter, a ``Retry-After`` honoured up to ``TRACKER_RETRY_MAX_DELAY``); redirects
and other 4xx answers are not (the same request would get the same answer). Errors and log
lines show the URL's scheme and host only: its path and query may be a secret.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx

from tracker.deliver import JsonBody, Notice, Receipt
from tracker.errors import ConfigError, DeliveryError
from tracker.fetch.retry import RetryPolicy, parse_retry_after, retry_policy
from tracker.settings import Secret, Settings
from tracker.vocabulary import Medium

if TYPE_CHECKING:
    import ssl

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Policy-Tracker-Signature"
EVENT_HEADER = "X-Policy-Tracker-Event"
DELIVERY_HEADER = "X-Policy-Tracker-Delivery"
IDEMPOTENCY_HEADER = "Idempotency-Key"
#: Characters of a receiver's error answer kept in the error message.
ANSWER_CHARS = 200


def sign(secret: Secret, body: bytes) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of ``body``."""
    mac = hmac.new(secret.reveal().encode("utf-8"), body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def signature_matches(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: recompute the signature of the raw body and compare in
    constant time."""
    return hmac.compare_digest(sign(Secret(secret), body), header.strip())


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class WebhookChannel:
    """The ``webhook`` channel (see the module doc)."""

    name = "webhook"
    medium = Medium.JSON

    def __init__(
        self,
        settings: Settings,
        *,
        ssl_context: ssl.SSLContext | None = None,
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy: RetryPolicy = retry_policy(settings)
        self.timeout = settings.fetch_timeout
        self.user_agent = settings.user_agent
        self.verify: ssl.SSLContext | bool = ssl_context if ssl_context is not None else True
        self.pause = pause
        self.rng = random.Random()  # noqa: S311 - jitter, not cryptography

    def deliver(self, notice: Notice) -> Receipt:
        body = notice.body
        if not isinstance(body, JsonBody):
            raise TypeError(f"the webhook channel was given a {type(body).__name__}")
        destination = notice.destination
        if destination.secret is None:
            raise ConfigError(f"{destination.label}: no signing key (TRACKER_WEBHOOK_SECRET)")
        (url,) = destination.recipients
        data = body.encoded()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": self.user_agent,
            SIGNATURE_HEADER: sign(destination.secret, data),
            IDEMPOTENCY_HEADER: notice.idempotency_key,
            EVENT_HEADER: str(notice.kind),
        }
        if notice.digest_id is not None:  # a dry run's preview (no row) is never posted
            headers[DELIVERY_HEADER] = str(notice.digest_id)
        with httpx.Client(
            timeout=self.timeout, verify=self.verify, follow_redirects=False
        ) as client:
            attempts = self._post_with_retries(client, url, data, headers, destination.shown)
        note = f"after {attempts} attempts" if attempts > 1 else None
        return Receipt(note=note)

    def _post_with_retries(
        self, client: httpx.Client, url: str, data: bytes, headers: dict[str, str], shown: str
    ) -> int:
        attempt = 0
        while True:
            attempt += 1
            try:
                self._post(client, url, data, headers, shown)
                return attempt
            except _Retryable as problem:
                wait = self._wait(problem, attempt)
                if wait is None:
                    tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                    raise DeliveryError(f"webhook {shown}: {problem.message}{tries}") from None
                log.warning(
                    "webhook %s: %s; retry %d in %.1f s", shown, problem.message, attempt, wait
                )
                self.pause(wait)

    def _wait(self, problem: _Retryable, attempt: int) -> float | None:
        if attempt > self.policy.retries:
            return None
        if problem.retry_after is not None:
            asked = parse_retry_after(problem.retry_after, datetime.now(UTC))
            if asked is not None:
                return asked if asked <= self.policy.max_delay else None
        return self.policy.backoff(attempt, self.rng)

    def _post(
        self, client: httpx.Client, url: str, data: bytes, headers: dict[str, str], shown: str
    ) -> None:
        try:
            response = client.post(url, content=data, headers=headers)
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.timeout:g} s") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"cannot connect: {type(exc).__name__}") from None
        if response.is_success:
            return
        status = f"HTTP {response.status_code}"
        answer = " ".join(response.text[:ANSWER_CHARS].split())
        detail = f"{status}: {answer}" if answer else status
        if response.status_code == 429 or response.status_code >= 500:
            raise _Retryable(detail, response.headers.get("Retry-After"))
        if response.is_redirect:
            raise DeliveryError(
                f"webhook {shown}: {status}, redirected (redirects are not followed for a "
                "signed POST: put the final address in the subscriptions file)"
            )
        raise DeliveryError(f"webhook {shown}: {detail}")

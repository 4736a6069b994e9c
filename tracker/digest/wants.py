"""What one subscription wants of a digest (pure): its documents, severities and topics.

:func:`wanted` narrows a :class:`DigestData` to a subscription: the version steps of the
documents it covers, each with only the changes it wants (severity at or above its
``min_severity``, and about one of its ``topics`` when it names some). A step left with no
change is dropped. First versions (new documents) and failing documents are news for a
subscription that wants every change (``min_severity = "none"``, no ``topics``): today's
digest; the others hear of failing documents only in a message that goes out anyway, and in
their heartbeat.
"""

from __future__ import annotations

from dataclasses import replace

from tracker.digest.model import DigestData
from tracker.subscriptions import Subscription
from tracker.vocabulary import Severity


def wants_all_news(subscription: Subscription) -> bool:
    """Every change of its documents, new documents and failures too (the default digest)."""
    return subscription.min_severity == Severity.NONE and not subscription.topics


def wanted(data: DigestData, subscription: Subscription) -> DigestData:
    """``data`` narrowed to what ``subscription`` wants (see the module doc)."""
    covers = subscription.covers_document
    transitions = []
    for transition in data.transitions:
        if not covers(transition.document.slug, transition.document.service):
            continue
        changes = tuple(
            reported
            for reported in transition.changes
            if subscription.wants_change(reported.change.severity, reported.change.topics)
        )
        if changes:
            transitions.append(replace(transition, changes=changes))
    kept_versions = {t.new.version_id for t in transitions}
    news = wants_all_news(subscription)
    return replace(
        data,
        transitions=tuple(transitions),
        new_documents=tuple(
            n for n in data.new_documents if news and covers(n.document.slug, n.document.service)
        ),
        failures=tuple(f for f in data.failures if covers(f.document.slug, f.document.service)),
        fact_changes=tuple(
            c for c in data.fact_changes if c.new_version.version_id in kept_versions
        ),
    )


def worth_a_message(data: DigestData, subscription: Subscription, *, send_empty: bool) -> bool:
    """Whether the narrowed ``data`` sends anything: a wanted change or new document; for a
    subscription that wants all news, also a failing document, or nothing at all when
    ``TRACKER_DIGEST_SEND_EMPTY`` asks for "no changes" messages."""
    if not data.is_empty:
        return True
    return wants_all_news(subscription) and (bool(data.failures) or send_empty)

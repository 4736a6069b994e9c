"""An Atom feed (RFC 4287) of document changes: one entry per new version, newest first.

:func:`collect_feed_items` reads the versions (SQL); :func:`build_atom_feed` is pure and builds
the XML with the standard library's ElementTree, which escapes every text, so fetched text
never becomes markup (characters XML cannot carry at all are dropped). Each entry has a
stable ``urn:uuid`` id derived from the document, the version number and its text SHA-256,
so re-generating the feed never makes a reader show an entry twice. ``tracker run`` and
``tracker schedule`` write the feed of every document to ``<data dir>/feeds/all.atom`` after
each run.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import __version__
from tracker.digest.bookkeeping import reportable
from tracker.digest.collect import document_ref, versions_changes, versions_evidence
from tracker.digest.compose import change_view, is_substantive, step_redline_url
from tracker.digest.model import DocumentRef, NewDocument, VersionChanges, VersionEvidence
from tracker.errors import NotFoundError
from tracker.query.text import like_pattern
from tracker.render.environment import is_web_url, template_environment
from tracker.render.links import absolute, change_anchor, redline_path, version_path
from tracker.store.database import Database
from tracker.store.schema import Document, Version
from tracker.vocabulary import highest_severity

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/policy-tracker/feed")
DEFAULT_LIMIT = 50
#: Characters XML 1.0 cannot carry at all (lxml refuses them): dropped from every text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

FeedItem = VersionChanges | NewDocument


@dataclass(frozen=True, slots=True)
class FeedResult:
    path: Path | None
    entries: int
    xml: bytes


def collect_feed_items(
    session: Session,
    *,
    slug: str | None = None,
    limit: int = DEFAULT_LIMIT,
    service: str | None = None,
) -> list[FeedItem]:
    """The newest ``limit`` reported versions (of ``slug``, of the documents whose slug starts
    with ``service/``, or of every document): observed ones, like the digest (history
    imported from files or archives is not news)."""
    query = (
        select(Version, Document)
        .join(Document, Version.document_id == Document.id)
        .where(reportable())
        .order_by(Version.first_seen.desc(), Version.id.desc())
        .limit(limit)
    )
    if slug is not None:
        if session.scalars(select(Document.id).where(Document.slug == slug)).first() is None:
            raise NotFoundError(f"unknown document {slug!r} (no stored versions)")
        query = query.where(Document.slug == slug)
    if service is not None:
        prefix = like_pattern(service, anywhere=False) + "/%"
        if (
            session.scalars(
                select(Document.id).where(Document.slug.like(prefix, escape="\\"))
            ).first()
            is None
        ):
            raise NotFoundError(f"unknown service {service!r} (no stored documents)")
        query = query.where(Document.slug.like(prefix, escape="\\"))
    found = [(document_ref(document), version) for version, document in session.execute(query)]
    evidence = versions_evidence(session, [(ref, v) for ref, v in found if v.number == 1])
    steps = iter(versions_changes(session, [(ref, v) for ref, v in found if v.number > 1]))
    return [
        NewDocument(ref, evidence[v.id], v.clause_count) if v.number == 1 else next(steps)
        for ref, v in found
    ]


def feed_id(slug: str | None) -> str:
    key = "feed:" + (slug or "*")
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, key)}"


def entry_id(document: DocumentRef, version: VersionEvidence) -> str:
    key = f"version:{document.slug}:{version.number}:{version.text_sha256}"
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, key)}"


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_atom_feed(
    items: Sequence[FeedItem],
    *,
    title: str,
    identifier: str,
    now: datetime,
    self_url: str | None = None,
    alternate_url: str | None = None,
    topic_labels: Mapping[str, str] | None = None,
    public_url: str | None = None,
) -> bytes:
    """The Atom document for ``items`` (newest first), as UTF-8 bytes.

    Topics become categories (``term`` the topic id, ``label`` its name from ``topic_labels``).
    With ``public_url`` (``TRACKER_PUBLIC_URL``), each entry's link is its redline in the web
    UI (the first version for a new document) and the document's page is a ``related`` link.
    """
    # Unqualified names under a default xmlns on the root: ElementTree's default_namespace
    # option refuses unqualified attributes (rel, href), which Atom uses everywhere.
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _text(feed, "id", identifier)
    _text(feed, "title", title)
    updated = max((_evidence(item).fetched_at for item in items), default=now)
    _text(feed, "updated", rfc3339(updated))
    author = ET.SubElement(feed, "author")
    _text(author, "name", "Policy Tracker")
    generator = _text(feed, "generator", "Policy Tracker")
    generator.set("version", __version__)
    if self_url and is_web_url(self_url):
        _link(feed, self_url, "self", "application/atom+xml")
    if alternate_url and is_web_url(alternate_url):
        _link(feed, alternate_url, "alternate", "text/html")
    for item in items:
        feed.append(_entry(item, topic_labels or {}, public_url))
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml


def entry_ui_url(item: FeedItem, public_url: str | None) -> str | None:
    """Where the web UI shows an entry: the redline of its version step, or a new document's
    first version."""
    if not public_url:
        return None
    slug = item.document.slug
    if isinstance(item, NewDocument):
        return absolute(public_url, version_path(slug, item.version.number))
    return absolute(public_url, redline_path(slug, item.old.number, item.new.number))


def _entry(item: FeedItem, labels: Mapping[str, str], public_url: str | None) -> ET.Element:
    evidence = _evidence(item)
    entry = ET.Element("entry")
    _text(entry, "id", entry_id(item.document, evidence))
    _text(entry, "title", entry_title(item))
    _text(entry, "updated", rfc3339(evidence.fetched_at))
    _text(entry, "published", rfc3339(evidence.fetched_at))
    author = ET.SubElement(entry, "author")
    _text(author, "name", item.document.service)
    link = next((u for u in (item.document.url, evidence.url) if is_web_url(u)), None)
    ui_url = entry_ui_url(item, public_url)
    if ui_url is not None and is_web_url(ui_url):
        _link(entry, ui_url, "alternate", "text/html")
        if link is not None:
            _link(entry, link, "related", "text/html")
    elif link is not None:
        _link(entry, link, "alternate", "text/html")
    if isinstance(item, VersionChanges):
        shown = [r.change for r in item.changes if is_substantive(r.change)]
        category = ET.SubElement(entry, "category")
        category.set("term", f"severity:{highest_severity(c.severity for c in shown)}")
        for topic in sorted({t for c in shown for t in c.topics}):
            category = ET.SubElement(entry, "category")
            category.set("term", _xml_safe(topic))
            if topic in labels:
                category.set("label", _xml_safe(labels[topic]))
    summary = _text(entry, "summary", entry_summary(item))
    summary.set("type", "text")
    content = _text(entry, "content", render_entry_html(item, labels, public_url))
    content.set("type", "html")
    return entry


def _evidence(item: FeedItem) -> VersionEvidence:
    return item.new if isinstance(item, VersionChanges) else item.version


def entry_title(item: FeedItem) -> str:
    if isinstance(item, NewDocument):
        return f"{item.document.name}: now tracked (version 1)"
    shown = sum(1 for r in item.changes if is_substantive(r.change))
    noun = "change" if shown == 1 else "changes"
    return f"{item.document.name}: version {item.new.number} ({shown} {noun})"


def entry_summary(item: FeedItem) -> str:
    """One paragraph: what kinds of change, how severe, and the evidence to cite."""
    evidence = _evidence(item)
    cite = f"Text SHA-256 {evidence.text_sha256}, fetched {rfc3339(evidence.fetched_at)}."
    if isinstance(item, NewDocument):
        return f"First version recorded, {item.clause_count} clauses. {cite}"
    kinds: dict[str, int] = {}
    severities: dict[str, int] = {}
    for reported in item.changes:
        kinds[reported.change.kind] = kinds.get(reported.change.kind, 0) + 1
        if is_substantive(reported.change):
            severity = reported.change.severity
            severities[severity] = severities.get(severity, 0) + 1
    what = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "no clause changes"
    how = ", ".join(f"{n} {s}" for s, n in severities.items())
    return (
        f"Version {item.old.number} to {item.new.number}: {what}."
        + (f" Severity: {how}." if how else "")
        + f" {cite}"
    )


def render_entry_html(
    item: FeedItem, labels: Mapping[str, str] | None = None, public_url: str | None = None
) -> str:
    """The entry's content: the changes as an HTML fragment (autoescaped template), each
    linking to its place in the web UI's redline when ``public_url`` is set."""
    template = template_environment().get_template("feed_entry.html.j2")
    if isinstance(item, NewDocument):
        return template.render(
            item=item, changes=(), folded=0, evidence=item.version, redline_url=None
        )
    changes = [
        change_view(
            r, labels, redline_url=step_redline_url(item, public_url, change_anchor(r.change))
        )
        for r in item.changes
        if is_substantive(r.change)
    ]
    folded = len(item.changes) - len(changes)
    return template.render(
        item=item,
        changes=changes,
        folded=folded,
        evidence=item.new,
        redline_url=step_redline_url(item, public_url),
    )


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = _xml_safe(text)
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    link = ET.SubElement(parent, "link")
    link.set("rel", rel)
    link.set("type", media_type)
    link.set("href", _xml_safe(href))


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def default_feed_path(data_dir: Path, slug: str | None) -> Path:
    name = slug.replace("/", "__") if slug else "all"
    return data_dir / "feeds" / f"{name}.atom"


def write_feed(
    db: Database,
    path: Path | None,
    *,
    now: datetime,
    slug: str | None = None,
    limit: int = DEFAULT_LIMIT,
    self_url: str | None = None,
    topic_labels: Mapping[str, str] | None = None,
    public_url: str | None = None,
) -> FeedResult:
    """Build the feed of ``slug`` (or of every document) and write it to ``path`` (if given)."""
    with db.reader() as session:
        items = collect_feed_items(session, slug=slug, limit=limit)
        document = (
            session.scalars(select(Document).where(Document.slug == slug)).first() if slug else None
        )
        name = f"{document.service} {document.type}" if document else "all documents"
        alternate = document.url if document else None
    xml = build_atom_feed(
        items,
        title=f"Policy Tracker: {name}",
        identifier=feed_id(slug),
        now=now,
        self_url=self_url,
        alternate_url=alternate,
        topic_labels=topic_labels,
        public_url=public_url,
    )
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(xml)
        partial.replace(path)
    return FeedResult(path=path, entries=len(items), xml=xml)

"""The Atom feed of changes: valid against a RELAX NG schema of the RFC 4287 elements it uses,
one entry per new version with stable ids, newest first."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree
from sqlalchemy import event, select, update

from tests.digest_support import keyword_classifier, page, spec_for, track_page
from tracker.cli import cli
from tracker.digest.collect import document_ref, versions_evidence
from tracker.digest.feed import write_feed
from tracker.errors import NotFoundError
from tracker.settings import load_settings
from tracker.store.database import Database
from tracker.store.schema import Document, Fetch, Version

NIGHT = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)
ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

#: RFC 4287 (section 4 and appendix B) restricted to what a tracker feed may contain, in the
#: RELAX NG XML syntax lxml validates: the feed and entry metadata the RFC requires (id, title,
#: updated, author), links, categories, text constructs with their type attribute, no foreign
#: elements. Stricter than the RFC, never looser.
ATOM_SUBSET_RNG = f"""
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="{ATOM}"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="feed">
      <interleave>
        <ref name="id"/>
        <ref name="title"/>
        <ref name="updated"/>
        <ref name="author"/>
        <optional><element name="generator">
          <optional><attribute name="version"/></optional><text/>
        </element></optional>
        <zeroOrMore><ref name="link"/></zeroOrMore>
      </interleave>
      <zeroOrMore><ref name="entry"/></zeroOrMore>
    </element>
  </start>
  <define name="entry">
    <element name="entry">
      <interleave>
        <ref name="id"/>
        <ref name="title"/>
        <ref name="updated"/>
        <optional><element name="published"><ref name="date"/></element></optional>
        <oneOrMore><ref name="author"/></oneOrMore>
        <zeroOrMore><ref name="link"/></zeroOrMore>
        <zeroOrMore><element name="category">
          <attribute name="term"/>
          <optional><attribute name="scheme"><data type="anyURI"/></attribute></optional>
          <optional><attribute name="label"/></optional>
          <empty/>
        </element></zeroOrMore>
        <element name="summary"><ref name="textConstruct"/></element>
        <element name="content"><ref name="textConstruct"/></element>
      </interleave>
    </element>
  </define>
  <define name="id"><element name="id"><data type="anyURI"/></element></define>
  <define name="title"><element name="title"><ref name="textConstruct"/></element></define>
  <define name="updated"><element name="updated"><ref name="date"/></element></define>
  <define name="date"><data type="dateTime"/></define>
  <define name="author">
    <element name="author">
      <interleave>
        <element name="name"><text/></element>
        <optional><element name="uri"><data type="anyURI"/></element></optional>
        <optional><element name="email"><text/></element></optional>
      </interleave>
    </element>
  </define>
  <define name="link">
    <element name="link">
      <attribute name="href"><data type="anyURI"/></attribute>
      <optional><attribute name="rel"/></optional>
      <optional><attribute name="type"/></optional>
      <empty/>
    </element>
  </define>
  <define name="textConstruct">
    <optional><attribute name="type"><choice><value>text</value><value>html</value></choice></attribute></optional>
    <text/>
  </define>
</grammar>
"""  # noqa: E501


def validate(xml: bytes) -> etree._Element:
    root = etree.fromstring(xml)
    schema = etree.RelaxNG(etree.fromstring(ATOM_SUBSET_RNG.encode()))
    assert schema.validate(root), schema.error_log
    return root


def check_entry_rules(root: etree._Element) -> None:
    """What RFC 4287 requires beyond the grammar: dates, unique ids, an alternate link."""
    ids = [e.findtext("a:id", namespaces=NS) for e in root.iterfind("a:entry", NS)]
    assert len(ids) == len(set(ids))
    for value in ids:
        assert value is not None and re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", value)
    for stamp in root.iterfind(".//a:updated", NS):
        assert RFC3339.match(stamp.text or ""), stamp.text
    for entry in root.iterfind("a:entry", NS):
        links = entry.findall("a:link[@rel='alternate']", NS)
        assert len(links) == 1 and links[0].get("href", "").startswith("https://")


@pytest.fixture
def tracked(db: Database, tmp_path: Path) -> Database:
    settings = load_settings({}, cwd=tmp_path)
    classify = keyword_classifier({"arbitration": ("high", ("dispute-resolution",))})
    terms = spec_for("acme/terms", "https://acme.example/terms")
    privacy = spec_for("acme/privacy", "https://acme.example/privacy")
    track_page(db, settings, terms, page("Disputes go to court."), NIGHT, classify)
    track_page(db, settings, privacy, page("We keep logs for 30 days."), NIGHT, classify)
    track_page(
        db,
        settings,
        terms,
        page("Disputes go to binding arbitration."),
        NIGHT + timedelta(days=1),
        classify,
    )
    track_page(db, settings, privacy, page("We keep logs for 90 days."), NIGHT + timedelta(days=2))
    return db


def test_feed_is_valid_atom_with_one_entry_per_version(tracked: Database, tmp_path: Path) -> None:
    result = write_feed(tracked, tmp_path / "all.atom", now=NIGHT + timedelta(days=5))
    root = validate((tmp_path / "all.atom").read_bytes())
    check_entry_rules(root)
    assert result.entries == 4
    titles = [e.findtext("a:title", namespaces=NS) for e in root.iterfind("a:entry", NS)]
    assert titles == [
        "Acme Privacy: version 2 (1 change)",
        "Acme Terms: version 2 (1 change)",
        "Acme Privacy: now tracked (version 1)",
        "Acme Terms: now tracked (version 1)",
    ]
    assert root.findtext("a:updated", namespaces=NS) == "2026-01-12T03:00:00Z"
    terms_v2 = root.findall("a:entry", NS)[1]
    categories = {c.get("term") for c in terms_v2.iterfind("a:category", NS)}
    assert categories == {"severity:high", "dispute-resolution"}
    summary = terms_v2.findtext("a:summary", namespaces=NS) or ""
    assert summary.startswith("Version 1 to 2: 1 modified. Severity: 1 high. Text SHA-256 ")
    content = lxml.html.fragment_fromstring(
        terms_v2.findtext("a:content", namespaces=NS) or "", create_parent="div"
    )
    assert [e.text_content() for e in content.iter("ins")] == ["binding arbitration"]
    assert [e.text_content() for e in content.iter("del")] == ["court"]


def test_evidence_urls_without_a_query_per_version(tracked: Database) -> None:
    """The URL of each version's evidence is its fetch's final URL, else its own URL, else its
    document's, read from the document the caller names: no query per fetch (the feed reads 50
    at every run's end). One fetch has a URL of its own, one a redirect's final URL."""
    with tracked.transaction() as session:
        first, second = session.scalars(select(Fetch.id).order_by(Fetch.id).limit(2))
        session.execute(update(Fetch).where(Fetch.id == first).values(stored_url="https://old/"))
        session.execute(update(Fetch).where(Fetch.id == second).values(final_url="https://to/"))
    with tracked.reader() as session:
        items = [
            (document_ref(document), version)
            for version, document in session.execute(
                select(Version, Document).join(Document, Version.document_id == Document.id)
            )
        ]
        statements: list[str] = []

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(tracked.engine, "before_cursor_execute", count)
        try:
            evidence = versions_evidence(session, items)
        finally:
            event.remove(tracked.engine, "before_cursor_execute", count)
        assert len(statements) == 2, statements  # the first fetch ids, then those fetches
    with tracked.reader() as session:  # the URLs as each fetch row itself gives them
        expected = {
            fetch.version_id: fetch.final_url or fetch.url
            for fetch in session.scalars(select(Fetch).order_by(Fetch.id.desc()))
        }
    assert {v: e.url for v, e in evidence.items()} == expected
    assert sorted(expected.values()) == [
        "https://acme.example/privacy",
        "https://acme.example/terms",
        "https://old/",
        "https://to/",
    ]


def test_entry_ids_are_stable_and_the_feed_can_be_per_document(
    tracked: Database, tmp_path: Path
) -> None:
    first = validate(write_feed(tracked, None, now=NIGHT + timedelta(days=5)).xml)
    again = validate(write_feed(tracked, None, now=NIGHT + timedelta(days=9)).xml)
    ids = [e.text for e in first.iterfind("a:entry/a:id", NS)]
    assert ids == [e.text for e in again.iterfind("a:entry/a:id", NS)]
    assert first.findtext("a:id", namespaces=NS) == again.findtext("a:id", namespaces=NS)
    only = validate(write_feed(tracked, None, now=NIGHT, slug="acme/terms", limit=1).xml)
    check_entry_rules(only)
    assert [e.findtext("a:title", namespaces=NS) for e in only.iterfind("a:entry", NS)] == [
        "Acme Terms: version 2 (1 change)"
    ]
    assert only.findtext("a:title", namespaces=NS) == "Policy Tracker: Acme Terms"
    assert only.find("a:link[@rel='alternate']", NS).get("href") == "https://acme.example/terms"
    assert only.findtext("a:id", namespaces=NS) != first.findtext("a:id", namespaces=NS)
    with pytest.raises(NotFoundError, match="unknown document 'acme/nope'"):
        write_feed(tracked, None, now=NIGHT, slug="acme/nope")


def test_an_empty_feed_is_valid(db: Database) -> None:
    root = validate(write_feed(db, None, now=NIGHT).xml)
    assert root.findall("a:entry", NS) == []
    assert root.findtext("a:updated", namespaces=NS) == "2026-01-10T03:00:00Z"


def test_feed_command(tracked: Database, database_url: str, tmp_path: Path) -> None:
    env = {
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_RULES": str(Path(__file__).resolve().parent.parent / "data" / "rules.toml"),
    }
    runner = CliRunner()
    result = runner.invoke(cli, ["feed", "--document", "acme/privacy"], env=env)
    assert result.exit_code == 0, result.output
    path = tmp_path / "data" / "feeds" / "acme__privacy.atom"
    assert result.output.strip() == f"feed: 2 entries -> {path}"
    one = runner.invoke(cli, ["feed", "--document", "acme/privacy", "--limit", "1"], env=env)
    assert one.output.strip() == f"feed: 1 entry -> {path}"
    check_entry_rules(validate(path.read_bytes()))
    stdout = runner.invoke(
        cli, ["feed", "-o", "-", "--self-url", "https://example.com/f.atom"], env=env
    )
    assert stdout.exit_code == 0
    root = validate(stdout.stdout_bytes)
    assert root.find("a:link[@rel='self']", NS).get("href") == "https://example.com/f.atom"
    unknown = runner.invoke(cli, ["feed", "--document", "acme/nope"], env=env)
    assert unknown.exit_code == 2
    assert "unknown document 'acme/nope'" in unknown.output

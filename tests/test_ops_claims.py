"""The run's work list: claims, leases, take-overs, and the guard that records a document once,
on SQLite and on PostgreSQL (FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import event, func, select

from tests.multihost import policy_html
from tracker.clock import FixedClock
from tracker.model import ExtractionRules, RenderOptions
from tracker.registry import DocumentSpec
from tracker.run.claims import claim_items, finish_claim, release_claims, renew_claims, run_progress
from tracker.run.runner import RunOptions, create_run, interrupt_run, tracking_context
from tracker.settings import load_settings
from tracker.store import records
from tracker.store.database import Database
from tracker.store.schema import Document, Fetch, RunItem
from tracker.track.prepare import prepare_fetch
from tracker.track.record import record_page
from tracker.vocabulary import FetchMode

T0 = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
TTL = timedelta(seconds=60)


def docs(count: int, hosts: int = 3) -> list[DocumentSpec]:
    return [
        DocumentSpec(
            slug=f"s/doc-{n}", service="S", type=f"D{n}", url=f"http://h{n % hosts}.test/{n}"
        )
        for n in range(count)
    ]


def slugs(claims: list) -> list[str]:  # type: ignore[type-arg]
    return [c.spec.slug for c in claims]


def test_claims_take_hosts_in_turn_and_never_the_same_item_twice(db: Database) -> None:
    run = create_run(db, docs(7), trigger="cli", now=T0)
    a = claim_items(db, run, "a", limit=3, now=T0, ttl=TTL)
    b = claim_items(db, run, "b", limit=10, now=T0, ttl=TTL)
    # one document of each host first (round robin), then the second of each host...
    assert slugs(a) == ["s/doc-0", "s/doc-1", "s/doc-2"]
    assert slugs(b) == ["s/doc-3", "s/doc-4", "s/doc-5", "s/doc-6"]
    assert claim_items(db, run, "c", limit=10, now=T0, ttl=TTL) == []
    with db.reader() as session:
        assert run_progress(session, run).claimed == 7


def test_a_run_keeps_the_document_rows_in_step_with_the_registry(db: Database) -> None:
    """The work list is written from document rows read as columns; a registry entry that
    is new or differs from its row (renamed, moved, other rules, deactivated) still gets its
    row written, the others keep theirs untouched, and each item names its document's row."""
    first = docs(4)
    create_run(db, first, trigger="cli", now=T0)
    with db.reader() as session:
        before = {d.slug: (d.id, d.url) for d in session.scalars(select(Document))}
    changed = [
        replace(first[0], service="Renamed"),
        replace(first[1], url="http://h9.test/moved"),
        replace(first[2], rules=ExtractionRules(select=("main",))),
        first[3],
        *docs(6)[4:],  # two new documents
    ]
    run = create_run(db, changed, trigger="cli", now=T0 + TTL)
    with db.reader() as session:
        rows = {d.slug: d for d in session.scalars(select(Document))}
        items = session.execute(
            select(RunItem.document_id, RunItem.position).where(RunItem.run_id == run)
        ).all()
    assert {slug: (row.id, row.url) for slug, row in rows.items() if slug in before} == {
        **before,
        "s/doc-1": (before["s/doc-1"][0], "http://h9.test/moved"),
    }
    assert rows["s/doc-0"].service == "Renamed"
    assert rows["s/doc-2"].select_rules == ["main"]
    assert len(rows) == 6
    assert sorted(items, key=lambda item: item.position) == [
        (rows[spec.slug].id, position) for position, spec in enumerate(changed)
    ]


def test_every_setting_a_document_row_mirrors_reaches_the_claims(db: Database) -> None:
    """A registry entry that differs from its row in any one mirrored setting (the type, the
    rules that remove, active, the fetch mode, the browser's options) gets its row rewritten
    by the next run: the claims, whose spec the workers use, carry the registry's settings,
    not the row's old ones."""
    first = docs(6, hosts=6)
    create_run(db, first, trigger="cli", now=T0)
    changed = [
        replace(first[0], type="Other"),
        replace(first[1], rules=ExtractionRules(remove=("nav",))),
        replace(first[2], active=False),
        replace(first[3], fetch=FetchMode.BROWSER),
        replace(first[4], render=RenderOptions(wait_for="main", wait_ms=500, scroll=True)),
        first[5],
    ]
    run = create_run(db, changed, trigger="cli", now=T0 + TTL)
    claims = claim_items(db, run, "w", limit=10, now=T0 + TTL, ttl=TTL)
    assert {claim.spec.slug: claim.spec for claim in claims} == {s.slug: s for s in changed}


def test_an_unchanged_registry_decodes_each_json_text_once(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A night after which the registry did not change compares every row's JSON columns
    (the rules and the browser's options: nearly all ``[]`` or ``{}``) by decoding each
    distinct text once, not each row's three values (issue 14); a setting changed in one of
    them is still seen (the test above checks each)."""
    decoded: list[str] = []
    loads = json.loads

    def counting(text: str | bytes, **kwargs: Any) -> Any:
        decoded.append(str(text))
        return loads(text, **kwargs)

    monkeypatch.setattr(json, "loads", counting)  # before any statement of this database
    specs = [
        *docs(60, hosts=6),
        replace(docs(61)[60], rules=ExtractionRules(select=("main",), remove=("nav",))),
    ]
    create_run(db, specs, trigger="cli", now=T0)
    decoded.clear()
    run = create_run(db, specs, trigger="cli", now=T0 + TTL)
    assert sorted(set(decoded)) == sorted(decoded)  # each text once
    assert len(decoded) <= 4  # [], {}, ["main"], ["nav"]
    with db.reader() as session:
        items = session.scalar(select(func.count()).where(RunItem.run_id == run))
        unchanged = session.scalars(select(Document.select_rules).order_by(Document.id)).all()
    assert items == 61
    assert unchanged == [[]] * 60 + [["main"]]


def test_the_columns_compared_are_the_ones_written() -> None:
    """sync_document_ids reads the _MIRRORED columns and compares what _mirrored writes: the
    two lists are one (a setting added to one only would be compared against nothing)."""
    assert set(records._MIRRORED) == set(records._mirrored(docs(1)[0]))


def test_expired_claims_go_to_another_worker_and_the_slow_one_records_nothing(
    db: Database, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/p").respond_with_data(
        policy_html("Policy", "We store your data in the European Union only."),
        content_type="text/html",
    )
    spec = DocumentSpec(slug="s/p", service="S", type="P", url=httpserver.url_for("/p"))
    run = create_run(db, [spec], trigger="cli", now=T0)
    (slow,) = claim_items(db, run, "slow", limit=5, now=T0, ttl=TTL)
    assert claim_items(db, run, "fast", limit=5, now=T0 + TTL / 2, ttl=TTL) == []
    later = T0 + TTL + timedelta(seconds=1)  # "slow" stopped renewing: its lease ran out
    (fast,) = claim_items(db, run, "fast", limit=5, now=later, ttl=TTL)
    assert renew_claims(db, run, "slow", now=later, ttl=TTL) == 0
    settings = load_settings({}, cwd=tmp_path)
    for worker, claim in (("slow", slow), ("fast", fast)):
        clock = FixedClock(later)
        with tracking_context(db, settings, clock, RunOptions()) as (context, fetcher):
            prepared = prepare_fetch(context, claim.spec)
            page = fetcher.fetch(prepared.request)
            result = record_page(
                context,
                prepared,
                page,
                run_id=run,
                guard=lambda session, w=worker, c=claim: finish_claim(session, c.item_id, w, later),
            )
        assert (result is None) == (worker == "slow")
    with db.reader() as session:
        assert len(session.scalars(select(Fetch)).all()) == 1
        item = session.scalars(select(RunItem)).one()
        assert (item.status, item.worker, item.claims) == ("done", "fast", 2)


def test_released_claims_are_pending_again(db: Database) -> None:
    run = create_run(db, docs(4), trigger="cli", now=T0)
    claims = claim_items(db, run, "a", limit=4, now=T0, ttl=TTL)
    release_claims(db, "a", [c.item_id for c in claims[2:]])
    again = claim_items(db, run, "b", limit=4, now=T0, ttl=TTL)
    assert slugs(again) == slugs(claims[2:])


def test_nothing_is_claimed_from_an_interrupted_run(db: Database) -> None:
    run = create_run(db, docs(2), trigger="cli", now=T0)
    interrupt_run(db, run, T0)
    assert claim_items(db, run, "a", limit=4, now=T0, ttl=TTL) == []


def test_a_claim_asks_whether_its_run_is_running_in_the_claim_itself(db: Database) -> None:
    """A claim is two statements (the claim, its documents): whether the run still runs is
    part of the claim's own UPDATE, not a SELECT of its own before it (a night claims about
    70 times on the serial recording thread; issue 14). An interrupted run gives nothing."""
    run = create_run(db, docs(4), trigger="cli", now=T0)
    statements: list[str] = []

    def watch(conn: object, cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", watch)
    try:
        claimed = claim_items(db, run, "a", limit=2, now=T0, ttl=TTL)
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
    assert slugs(claimed) == ["s/doc-0", "s/doc-1"]
    assert [s.lstrip().split()[0] for s in statements] == ["UPDATE", "SELECT"]
    interrupt_run(db, run, T0)
    assert claim_items(db, run, "a", limit=4, now=T0, ttl=TTL) == []
    with db.reader() as session:
        assert run_progress(session, run).claimed == 2


def test_workers_claiming_at_the_same_instant_split_the_work(db: Database) -> None:
    run = create_run(db, docs(60, hosts=6), trigger="cli", now=T0)
    start = threading.Barrier(6)
    taken: dict[str, list[str]] = {}

    def worker(name: str) -> None:
        start.wait()
        mine: list[str] = []
        while batch := claim_items(db, run, name, limit=4, now=T0, ttl=TTL):
            mine.extend(slugs(batch))
        taken[name] = mine

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    everything = [slug for mine in taken.values() for slug in mine]
    assert sorted(everything) == sorted(d.slug for d in docs(60, hosts=6))
    assert len(everything) == len(set(everything)) == 60

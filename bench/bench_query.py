"""Speed of the history queries on a large history: ``python -m bench query``.

Builds a SQLite database with :data:`DOCUMENTS` x :data:`VERSIONS_PER_DOCUMENT` = 100,000
versions (small texts of a few clauses; each version with the fetch that created it, one that
verified it, a text blob and one change), filled with bulk inserts, then measures in-process:

- ``show --at``: :func:`tracker.query.asof.show_document` at a random date of a random document
  (the as-of version, its proof fetches, its text blob checked against its hash, its clauses);
- ``history``: :func:`tracker.query.history.document_history` (newest 50 versions with their
  change summaries) of a random document.

It prints the median and 95th percentile over :data:`REPEATS` calls, and SQLite's query plan
for every statement the two calls execute, to show that each one is an index lookup. For
scale, it also times a quote check that finds nothing (one document's 1,000 versions) and a
phrase search over all 300,000 clauses (from the search index; in one document; and a phrase of
short words the index cannot serve, every clause read), and prints the database's size and its
search index's.
Nothing is asserted: these are numbers to read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, text
from sqlalchemy.engine import Connection

from tracker.extract import canonical_text
from tracker.model import Clause, sha256_hex
from tracker.query.asof import show_document
from tracker.query.history import document_history
from tracker.query.quote import check_quote
from tracker.query.search import search_phrase
from tracker.store.blobs import COMPRESSION, compress
from tracker.store.clause_search import index_new_clauses
from tracker.store.database import Database, open_database
from tracker.store.records import clause_path_ids, clause_text_ids
from tracker.store.schema import Blob, ChangeRow, ClauseRow, Document, Fetch, Version

DOCUMENTS = 100
VERSIONS_PER_DOCUMENT = 1000
CLAUSES_PER_VERSION = 3
REPEATS = 200
ROWS_PER_TRANSACTION = 25_000
START = datetime(2020, 1, 1, 3, 0, tzinfo=UTC)
STEP = timedelta(days=1)


def version_clauses(document: int, number: int) -> list[Clause]:
    return [
        Clause(
            id="h-title", path=(), label=None, kind="heading", text=f"Policy {document}", level=1
        ),
        Clause(
            id="p-1",
            path=(f"Policy {document}",),
            label=None,
            kind="paragraph",
            text=f"We keep your data for {number} days.",
        ),
        Clause(
            id="p-2",
            path=(f"Policy {document}",),
            label=None,
            kind="paragraph",
            text="Contact us at privacy@example.com with any question.",
        ),
    ][:CLAUSES_PER_VERSION]


def build(db: Database, documents: int, versions: int) -> None:
    """Fill ``db`` with bulk inserts (ids assigned here, so rows refer to each other)."""
    now = START
    with db.transaction() as session:
        session.execute(
            insert(Document),
            [
                {
                    "id": d,
                    "slug": f"bench/doc-{d:03d}",
                    "service": "Bench",
                    "type": f"Doc {d}",
                    "url": f"https://bench.example/{d}",
                    "select_rules": [],
                    "remove_rules": [],
                    "active": True,
                    "created_at": now,
                }
                for d in range(1, documents + 1)
            ],
        )
    version_id = clause_id = fetch_id = change_id = 0
    blobs, version_rows, clause_rows, fetch_rows, change_rows = [], [], [], [], []
    pending_clauses: list[Clause] = []  # the wordings and paths of clause_rows, in order
    for d in range(1, documents + 1):
        previous_clause: int | None = None
        for number in range(1, versions + 1):
            version_id += 1
            clauses = version_clauses(d, number)
            body = canonical_text(clauses).encode("utf-8")
            digest = sha256_hex(body)
            blobs.append(
                {
                    "sha256": digest,
                    "size": len(body),
                    "compression": COMPRESSION,
                    "data": compress(body),
                    "created_at": now,
                }
            )
            seen = START + STEP * (number - 1)
            version_rows.append(
                {
                    "id": version_id,
                    "document_id": d,
                    "number": number,
                    "text_sha256": digest,
                    "raw_sha256": None,
                    "first_seen": seen,
                    "last_verified": seen + STEP / 2,
                    "extractor_version": "bench",
                    "title": None,
                    "effective_date": None,
                    "clause_count": len(clauses),
                    "technical": False,
                }
            )
            for position, clause in enumerate(clauses):
                clause_id += 1
                clause_rows.append(
                    {
                        "id": clause_id,
                        "version_id": version_id,
                        "position": position,
                        "key": clause.id,
                        "lineage_id": clause_id,
                        "kind": clause.kind,
                        "level": clause.level,
                    }
                )
                pending_clauses.append(clause)
                if position == 1:
                    if previous_clause is not None:
                        change_id += 1
                        change_rows.append(
                            {
                                "id": change_id,
                                "document_id": d,
                                "from_version_id": version_id - 1,
                                "to_version_id": version_id,
                                "position": 0,
                                "kind": "modified",
                                "detail": None,
                                "old_clause_ids": [previous_clause],
                                "new_clause_ids": [clause_id],
                                "similarity": 0.9,
                                "inline": [],
                                "topics": ["retention"],
                                "severity": "medium",
                                "created_at": seen,
                            }
                        )
                    previous_clause = clause_id
            for outcome, at in (("changed", seen), ("unchanged", seen + STEP / 2)):
                fetch_id += 1
                fetch_rows.append(
                    {
                        "id": fetch_id,
                        "document_id": d,
                        "run_id": None,
                        "started_at": at,
                        "duration_ms": 5,
                        "outcome": outcome,
                        "stored_url": None,  # the document's (migration 0014)
                        "http_status": 200,
                        "final_url": f"https://bench.example/{d}",
                        "content_type": "text/html",
                        "etag": None,
                        "last_modified": None,
                        "raw_sha256": None,
                        "text_sha256": digest,
                        "version_id": version_id,
                        "error_kind": None,
                        "error_message": None,
                    }
                )
        if len(version_rows) >= ROWS_PER_TRANSACTION or d == documents:
            with db.transaction() as session:
                texts = clause_text_ids(session, pending_clauses)
                paths = clause_path_ids(session, [c.path for c in pending_clauses])
                for row, text_id, path_id in zip(clause_rows, texts, paths, strict=True):
                    row["text_id"], row["path_id"] = text_id, path_id
                pending_clauses.clear()
                for model, rows in (
                    (Blob, blobs),
                    (Version, version_rows),
                    (ClauseRow, clause_rows),
                    (Fetch, fetch_rows),
                    (ChangeRow, change_rows),
                ):
                    if rows:
                        session.execute(insert(model), rows)
                    rows.clear()


@contextmanager
def captured_statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def record(
        _conn: Connection, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def timings(call: Callable[[], object], repeats: int) -> tuple[float, float, float]:
    """Median and 95th percentile wall time, and median CPU time of this process (ms)."""
    samples, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], statistics.median(cpu)


def print_plans(db: Database, call: Callable[[], object]) -> None:
    with captured_statements(db) as statements:
        call()
    with db.engine.connect() as connection:
        for statement, parameters in statements:
            first_line = " ".join(statement.split())[:110]
            print(f"    {first_line}")
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            for row in plan:
                print(f"      -> {row[-1]}")


def main(
    documents: int = DOCUMENTS, versions: int = VERSIONS_PER_DOCUMENT, repeats: int = REPEATS
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}", create=True)
        try:
            started = time.perf_counter()
            build(db, documents, versions)
            index_new_clauses(db)  # as an import does after its bulk work
            with db.engine.connect() as connection:
                connection.execute(text("ANALYZE"))
            total = documents * versions
            print(
                f"built {documents} documents x {versions} versions = {total} versions "
                f"({total * CLAUSES_PER_VERSION} clauses, {2 * total} fetches) "
                f"in {time.perf_counter() - started:.1f}s"
            )
            print_size(db)
            measure(db, documents, versions, repeats)
        finally:
            db.dispose()


def print_size(db: Database) -> None:
    """The database's bytes, and those of the search index (its FTS5 tables)."""
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar() or 0
        page_size = connection.exec_driver_sql("PRAGMA page_size").scalar() or 0
        index = connection.exec_driver_sql(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'clause_search%'"
        ).scalar()
    print(f"database {pages * page_size / 1e6:.1f} MB, of which search index {index / 1e6:.2f} MB")


def measure(db: Database, documents: int, versions: int, repeats: int) -> None:
    chooser = random.Random(20260301)  # a benchmark's sample, not a secret

    def slug() -> str:
        return f"bench/doc-{chooser.randint(1, documents):03d}"

    def show_at() -> object:
        day = (START + STEP * chooser.randrange(versions) + STEP / 3).date().isoformat()
        with db.reader() as session:
            return show_document(session, slug(), at=day)

    def history() -> object:
        with db.reader() as session:
            return document_history(session, slug())

    def quote() -> object:
        with db.reader() as session:
            return check_quote(session, "We keep your data for ever.", slug())

    def search() -> object:
        with db.reader() as session:
            return search_phrase(session, "data for 999 days")

    def search_document() -> object:
        with db.reader() as session:
            return search_phrase(session, "keep your data", document=slug())

    def search_short_words() -> object:
        with db.reader() as session:
            return search_phrase(session, "at 9")

    for name, call, times in (
        ("show --at", show_at, repeats),
        ("history", history, repeats),
        ("quote", quote, max(repeats // 20, 3)),
        ("search", search, max(repeats // 10, 3)),
        ("search in one document", search_document, max(repeats // 10, 3)),
        ("search, short words only (every clause read)", search_short_words, 3),
    ):
        call()  # warm the caches once
        median, p95, cpu = timings(call, times)
        print(
            f"{name:<10} median {median:8.2f} ms   p95 {p95:8.2f} ms   cpu {cpu:8.2f} ms"
            f"   ({times} calls)"
        )
    for name, call in (("show --at", show_at), ("history", history)):
        print(f"  query plans of {name}:")
        print_plans(db, call)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--versions", type=int, default=VERSIONS_PER_DOCUMENT)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    options = parser.parse_args()
    main(options.documents, options.versions, options.repeats)

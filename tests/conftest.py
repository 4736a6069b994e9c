"""Shared test fixtures. Area-specific fixtures live next to their tests.

Database tests take the ``db`` (or ``database_url``) fixture and run on a fresh SQLite file by
default. With ``TEST_DATABASE_BACKEND=postgresql`` they run on a fresh database of a real
PostgreSQL server started for the session (``make test`` does both runs when PostgreSQL is
installed). Every test that uses these fixtures is marked ``database``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.postgres import PostgresServer, find_pg_bin, running_postgres
from tracker.store.database import Database, open_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The real policy corpus; CI places ../shared beside the clone (see README, Tests).
CORPUS_DIR = PROJECT_ROOT.parent / "shared" / "corpus"
BACKEND = os.environ.get("TEST_DATABASE_BACKEND", "sqlite")
DATABASE_FIXTURES = {"db", "database_url", "postgres_server", "postgres_url"}
_database_numbers = itertools.count(1)


# Property tests check what is computed, never how fast: no per-example deadline (a loaded CI
# machine made hypothesis's default 200 ms a source of false failures). Speed is benchmarked.
settings.register_profile("tracker", deadline=None)
settings.load_profile("tracker")


def pytest_report_header() -> str:
    return f"database backend: {BACKEND}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real policy versions and snapshots. Missing corpus fails loudly."""
    if not (CORPUS_DIR / "index.json").is_file():
        pytest.fail(f"corpus not found at {CORPUS_DIR}: clone the project beside ../shared")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for this test session (fails if PostgreSQL is not installed)."""
    if find_pg_bin() is None:
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (see README, Tests)")
    with running_postgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database on the session's server."""
    name = f"t{os.getpid()}_{next(_database_numbers)}"
    postgres_server.admin(f'CREATE DATABASE "{name}"')
    return postgres_server.url(name)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of the backend under test."""
    if BACKEND == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    if BACKEND != "sqlite":
        pytest.fail(f"unknown TEST_DATABASE_BACKEND={BACKEND!r} (sqlite or postgresql)")
    return f"sqlite:///{tmp_path}/tracker.db"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """The tracker's database, migrated to head, on the backend under test."""
    database = open_database(database_url, create=True)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def _no_terminal_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands fit tables to ``COLUMNS`` when set: a developer's shell exporting it must not
    change what the tests read (tests that want a width pass it themselves)."""
    monkeypatch.delenv("COLUMNS", raising=False)

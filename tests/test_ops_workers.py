"""Scale-out on a real PostgreSQL server: several `tracker run` processes share one run, every
document is processed exactly once, and a worker killed mid-run leaves its documents to the
others. Each worker fetches one page at a time (TRACKER_CONCURRENCY=1), so the server seeing
four requests in flight at once proves that four processes were working together."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from tests.multihost import RULES_FILE, MultiHostServer, Seen, registry_text
from tracker.cli import cli
from tracker.store.database import open_database
from tracker.store.schema import Fetch, Run, RunItem, Version

DOCUMENTS = 24


def environment(tmp_path: Path, database_url: str, urls: list[str]) -> dict[str, str]:
    registry = tmp_path / "documents.toml"
    registry.write_text(registry_text(urls), encoding="utf-8")
    return {
        **os.environ,
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_RULES": RULES_FILE,
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_CONCURRENCY": "1",
        "TRACKER_LOCK_TTL": "3",
    }


def tracker(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class FirstRequestsTogether:
    """Hold the first ``count`` requests until all of them are in flight at once."""

    def __init__(self, count: int) -> None:
        self.barrier = threading.Barrier(count, timeout=60)
        self.tickets = threading.Semaphore(count)

    def __call__(self, _seen: Seen) -> None:
        if self.tickets.acquire(blocking=False):
            self.barrier.wait()


@pytest.fixture
def four_at_once() -> Iterator[tuple[MultiHostServer, FirstRequestsTogether]]:
    together = FirstRequestsTogether(4)
    with MultiHostServer(hosts=4, on_request=together).running() as server:
        yield server, together


def assert_processed_exactly_once(database_url: str, server: MultiHostServer) -> Counter[str]:
    """One request, one fetch row and one version per document; returns items per worker."""
    assert server.total_requests == DOCUMENTS and set(server.requests.values()) == {1}
    db = open_database(database_url)
    try:
        with db.reader() as session:
            (run,) = session.scalars(select(Run)).all()
            assert (run.status, run.documents_total, run.documents_changed) == (
                "ok",
                DOCUMENTS,
                DOCUMENTS,
            )
            per_document = session.execute(
                select(Fetch.document_id, func.count()).group_by(Fetch.document_id)
            ).all()
            assert len(per_document) == DOCUMENTS and {n for _, n in per_document} == {1}
            assert session.scalar(select(func.count()).select_from(Version)) == DOCUMENTS
            items = session.scalars(select(RunItem)).all()
            assert {i.status for i in items} == {"done"}
            return Counter(i.worker for i in items)
    finally:
        db.dispose()


def test_run_with_four_local_workers(
    postgres_url: str, tmp_path: Path, four_at_once: tuple[MultiHostServer, FirstRequestsTogether]
) -> None:
    server, together = four_at_once
    urls = [server.url(n % 4, f"/doc/{n}") for n in range(DOCUMENTS)]
    env = environment(tmp_path, postgres_url, urls)
    process = tracker("run", "--workers", "4", env=env, cwd=tmp_path)
    out, err = process.communicate(timeout=180)
    assert process.returncode == 0, err
    assert not together.barrier.broken
    workers = assert_processed_exactly_once(postgres_url, server)
    assert len(workers) == 4, workers
    assert (out, err) == ("", "")  # quiet under cron, helpers included


def test_separately_started_processes_share_the_run(
    postgres_url: str, tmp_path: Path, four_at_once: tuple[MultiHostServer, FirstRequestsTogether]
) -> None:
    server, together = four_at_once
    urls = [server.url(n % 4, f"/doc/{n}") for n in range(DOCUMENTS)]
    env = environment(tmp_path, postgres_url, urls)
    joiners = [tracker("run", "--join", "--wait", "60", env=env, cwd=tmp_path) for _ in range(3)]
    starter = tracker("run", env=env, cwd=tmp_path)
    for process in (starter, *joiners):
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
    assert not together.barrier.broken
    workers = assert_processed_exactly_once(postgres_url, server)
    assert len(workers) == 4, workers


def test_a_killed_worker_leaves_its_documents_to_the_others(
    postgres_url: str, tmp_path: Path
) -> None:
    victim_fetching = threading.Event()
    finished = threading.Event()

    def trap(seen: Seen) -> None:
        if seen.user_agent == "victim":
            victim_fetching.set()
            finished.wait(120)  # never answered: the victim dies waiting
        else:
            victim_fetching.wait(120)  # the starter waits until the victim holds claims

    with MultiHostServer(hosts=2, on_request=trap).running() as server:
        urls = [server.url(n % 2, f"/doc/{n}") for n in range(DOCUMENTS)]
        env = environment(tmp_path, postgres_url, urls)
        starter = tracker("run", env=env, cwd=tmp_path)
        victim = tracker(
            "run",
            "--join",
            "--wait",
            "60",
            env={**env, "TRACKER_USER_AGENT": "victim"},
            cwd=tmp_path,
        )
        try:
            if not victim_fetching.wait(120):
                for process in (victim, starter):
                    process.kill()
                outputs = [process.communicate(timeout=30)[1] for process in (victim, starter)]
                pytest.fail(
                    f"the joining worker never fetched; its stderr: {outputs[0]!r}; "
                    f"the starter's: {outputs[1]!r}; requests seen: {dict(server.requests)}"
                )
            victim.kill()  # SIGKILL: no clean-up, its claims just stop being renewed
            victim.wait(30)
            _, err = starter.communicate(timeout=180)
        finally:
            finished.set()
    assert victim.returncode == -9
    assert starter.returncode == 0, err
    abandoned = [path for path, n in server.requests.items() if n == 2]
    assert len(abandoned) == 1  # the page the victim was fetching, fetched again
    server.requests[abandoned[0]] -= 1
    workers = assert_processed_exactly_once(postgres_url, server)
    assert len(workers) == 1  # every item, the victim's included, was recorded by the starter
    db = open_database(postgres_url)
    try:
        with db.reader() as session:
            taken_over = session.scalars(select(RunItem).where(RunItem.claims == 2)).all()
            assert len(taken_over) == 1  # the victim held one claim (TRACKER_CONCURRENCY=1)
    finally:
        db.dispose()


def test_workers_and_join_are_refused_on_sqlite(tmp_path: Path) -> None:
    env = {
        "TRACKER_DATA_DIR": str(tmp_path),
        "TRACKER_REGISTRY": str(tmp_path / "r.toml"),
        "TRACKER_RULES": RULES_FILE,
    }
    (tmp_path / "r.toml").write_text("", encoding="utf-8")
    for args in (["run", "--workers", "2"], ["run", "--join"]):
        result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 2, result.output
        assert "need PostgreSQL" in result.output

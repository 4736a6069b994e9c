"""The extraction pool's fork server preloads the pool's rule set and classifier, topic finder
built, and the pool's processes take them from it only when they are what the pool sends; a
pool process extracts a page with the cyclic garbage collector paused."""

from __future__ import annotations

import gc
import json
import os
import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.fetched_support import fetched_page
from tracker.classify.topics import TopicMemo
from tracker.fetch import FetchedPage
from tracker.guard import language as guard_language
from tracker.guard import text as guard_text
from tracker.registry import DocumentSpec
from tracker.run import extraction_pool, forkserver_rules
from tracker.store.clause_records import ClauseRecord
from tracker.track.extraction import Base, Extraction

ROOT = Path(__file__).resolve().parent.parent


def probe() -> dict[str, object]:
    """Run in a pool process: where its rule set came from, and what it holds."""
    rules = extraction_pool._rules
    preloaded = forkserver_rules._preloaded
    return {
        "from_fork_server": preloaded is not None and rules is preloaded[1][0],
        "finder_built": rules is not None and TopicMemo in rules.memo,
        "topics": None if rules is None else len(rules.topics),
        "classifier_shares_rules": extraction_pool._classify is not None
        and extraction_pool._classify.rules is rules,  # type: ignore[attr-defined]
        "variable_left": forkserver_rules.RULES_VARIABLE in os.environ,
        # imported by the fork server (tracker.classify imports it on first use)
        "severity_preloaded": "tracker.classify.severity" in sys.modules,
        "diff_preloaded": "tracker.diff.clauses" in sys.modules,
        # compiled by the fork server before it forked (the guards compile on first use)
        "guard_patterns_compiled": guard_text._word.cache_info().currsize == 1
        and guard_language._script_patterns.cache_info().currsize == 1,
    }


_SCRIPT = """
import json, sys
from dataclasses import replace
from pathlib import Path
from tracker.classify import load_rules
from tracker.facts import RuleClassifier
from tracker.run.extraction_pool import ExtractionPool
from tests.test_extraction_pool_preload import probe

rules = load_rules(Path(sys.argv[1]))
results = []
for rule_set in (rules, replace(rules, topics=rules.topics[:3])):
    pool = ExtractionPool(1, rule_set, RuleClassifier(rule_set).classify_diff)
    try:
        results.append(pool._executor.submit(probe).result(timeout=60))
    finally:
        pool.close()
print(json.dumps(results))
"""


@pytest.mark.slow
def test_pool_processes_take_the_preloaded_rules_only_when_they_are_the_pools() -> None:
    # a process of its own: the fork server is started once per process, by its first pool
    rules_file = ROOT / "data" / "rules.toml"
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(rules_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second = json.loads(done.stdout)
    # the first pool started the fork server, which preloaded its rules with the finder built
    assert first["from_fork_server"] and first["finder_built"]
    assert first["classifier_shares_rules"]
    assert not first["variable_left"]
    assert first["guard_patterns_compiled"] and second["guard_patterns_compiled"]
    assert first["severity_preloaded"] and second["severity_preloaded"]
    assert first["diff_preloaded"] and second["diff_preloaded"]
    # the second pool's rules differ: its process unpickled them (three topics), finder not
    # built yet, and the classifier still shares them
    assert not second["from_fork_server"] and not second["finder_built"]
    assert second["topics"] == 3 and first["topics"] > 3
    assert second["classifier_shares_rules"]


def test_preload_reads_the_variable_once_and_survives_garbage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    payload = pickle.dumps((None, None))
    encoded = forkserver_rules.encode(payload)
    assert encoded is not None
    monkeypatch.setenv(forkserver_rules.RULES_VARIABLE, encoded)
    loaded = forkserver_rules._preload()
    assert loaded == (forkserver_rules.key_of(payload), (None, None))
    assert forkserver_rules.RULES_VARIABLE not in os.environ
    for garbage in ("not base64!", "aGVsbG8=", ""):
        monkeypatch.setenv(forkserver_rules.RULES_VARIABLE, garbage)
        assert forkserver_rules._preload() is None
        assert forkserver_rules.RULES_VARIABLE not in os.environ


def test_a_payload_too_large_for_the_environment_is_not_sent() -> None:
    assert forkserver_rules.encode(os.urandom(forkserver_rules.MAX_ENCODED)) is None
    small = forkserver_rules.encode(b"x" * forkserver_rules.MAX_ENCODED)
    assert small is not None and len(small) < forkserver_rules.MAX_ENCODED


def _page() -> FetchedPage:
    body = b"<html><body><h1>Terms</h1><p>We keep your data.</p></body></html>"
    return fetched_page("https://example.com/terms", body, content_type="text/html")


def _spec() -> DocumentSpec:
    return DocumentSpec(slug="example/terms", service="Example", type="Terms", url=_page().url)


def test_a_page_is_extracted_with_the_collector_paused_then_resumed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def extract(*args: object, **kwargs: object) -> Extraction:
        seen.append(gc.isenabled())
        return real_extract(*args, **kwargs)  # type: ignore[arg-type]

    real_extract = extraction_pool.extract_page
    monkeypatch.setattr(extraction_pool, "extract_page", extract)
    assert gc.isenabled()
    extraction = extraction_pool._extract(_page(), _spec(), None)
    assert extraction.document is not None
    assert "We keep your data." in extraction.document.canonical_text
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_is_resumed_when_the_extraction_raises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> Extraction:
        raise RuntimeError("a bug")

    monkeypatch.setattr(extraction_pool, "extract_page", broken)
    with pytest.raises(RuntimeError):
        extraction_pool._extract(_page(), _spec(), None)
    assert gc.isenabled()
    gc.disable()  # a process that paused it itself keeps it paused
    try:
        with pytest.raises(RuntimeError):
            extraction_pool._extract(_page(), _spec(), None)
        assert not gc.isenabled()
    finally:
        gc.enable()


_NO_DATABASE_SCRIPT = """
import json, sys
from pathlib import Path
from tracker.classify import load_rules
from tracker.facts import RuleClassifier
from tracker.run.extraction_pool import ExtractionPool
from tests.test_extraction_pool_preload import _base, _changed_page, _spec, loaded_libraries

rules = load_rules(Path(sys.argv[1]))
pool = ExtractionPool(1, rules, RuleClassifier(rules).classify_diff)
try:
    extraction = pool.submit(_changed_page(), _spec(), _base()).result(timeout=60)
    libraries = pool._executor.submit(loaded_libraries).result(timeout=60)
finally:
    pool.close()
assert extraction.comparison is not None, extraction
print(json.dumps({"libraries": libraries, "changes": len(extraction.comparison.diff.changes)}))
"""


def loaded_libraries() -> list[str]:
    """Run in a pool process: the database libraries it holds."""
    return sorted(name for name in ("sqlalchemy", "alembic", "psycopg") if name in sys.modules)


def _changed_page() -> FetchedPage:
    body = b"<html><body><h1>Terms</h1><p>We keep your data. We may share it.</p></body></html>"
    return replace(_page(), body=body)


def _base() -> Base:
    page = extraction_pool.extract_page(_page(), _spec(), None)
    assert page.document is not None
    rows = [
        ClauseRecord(
            id=number + 1,
            version_id=1,
            position=number,
            key=clause.id,
            path=list(clause.path),
            label=clause.label,
            kind=clause.kind,
            level=clause.level,
            text=clause.text,
            sha256=clause.sha256,
            lineage_id=number + 1,
        )
        for number, clause in enumerate(page.document.clauses)
    ]
    return Base(1, tuple(rows), page.document.text_sha256, text=page.document.canonical_text)


@pytest.mark.slow
def test_the_pool_loads_no_database_library() -> None:
    # its fork server's preload, the classifier and a base it is sent, a page diffed: the
    # store's records used to come with them, and SQLAlchemy, at each night's pool start
    done = subprocess.run(
        [sys.executable, "-c", _NO_DATABASE_SCRIPT, str(ROOT / "data" / "rules.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["changes"] >= 1
    assert result["libraries"] == []

"""What a `tracker run` process imports on a night when nothing changed (issue 14).

A cold `tracker run` pays its imports before its first request; on an unchanged night only
what fetching, recording a page seen again and writing the feed need is worth paying for.
The night runs as a real process (imports are per process) and reports, as it exits, the
modules it loaded; the same night's results are checked, so the run did its whole work.
"""

from __future__ import annotations

import ast
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parent.parent

PAGE = (
    "<main><h1>Terms</h1><p>You agree to these terms by using the service. We may change "
    "them at any time; when we do, we will post the new terms on this page and tell you "
    "by e-mail at least thirty days before they take effect.</p></main>"
)

#: `tracker run` as `python -m tracker` runs it, writing the names in sys.modules at exit.
_RUN_AND_LIST_MODULES = """
import atexit, json, runpy, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["tracker", *sys.argv[2:]]
runpy.run_module("tracker", run_name="__main__", alter_sys=True)
"""


def _night(tmp_path: Path, registry: Path, listing: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env |= {
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_RULES": str(ROOT / "data" / "rules.toml"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST_MODULES, str(listing), "run", "--no-digest"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def unchanged_night(httpserver: HTTPServer, tmp_path: Path) -> list[str]:
    """The modules a `tracker run --no-digest` process loaded on its second night, the page
    unchanged (the first night recorded it)."""
    httpserver.expect_request("/ok").respond_with_data(PAGE, content_type="text/html")
    registry = tmp_path / "documents.toml"
    registry.write_text(
        f'[[documents]]\nslug = "a/ok"\nservice = "A"\ntype = "Terms"\n'
        f'url = "{httpserver.url_for("/ok")}"\n',
        encoding="utf-8",
    )
    first = _night(tmp_path, registry, tmp_path / "first.json")
    assert first.returncode == 0, first.stderr
    second = _night(tmp_path, registry, tmp_path / "second.json")
    assert second.returncode == 0, second.stderr
    with sqlite3.connect(tmp_path / "data" / "tracker.db") as connection:
        outcomes = connection.execute("SELECT outcome FROM fetches ORDER BY id").fetchall()
        versions = connection.execute("SELECT count(*) FROM versions").fetchone()
    assert [o for (o,) in outcomes] == ["changed", "unchanged"]
    assert versions == (1,)
    feed = (tmp_path / "data" / "feeds" / "all.atom").read_text(encoding="utf-8")
    assert "A Terms" in feed  # the feed is still written, with the first night's entry
    names: list[str] = json.loads((tmp_path / "second.json").read_text())
    assert "tracker.run.runner" in names and "httpx" in names  # the listing is the run's
    return names


def test_an_unchanged_night_imports_no_postgresql_dialect(unchanged_night: list[str]) -> None:
    """On SQLite nothing of SQLAlchemy's PostgreSQL dialect (its package imports every driver
    module: about 45 ms of each start) is imported; the models name no PostgreSQL option."""
    assert [name for name in unchanged_night if "postgresql" in name] == []


def test_an_unchanged_night_loads_no_extraction_pool(unchanged_night: list[str]) -> None:
    """The extraction pool's module, and multiprocessing and its fork server with it, are
    imported when a page first needs extracting, not by a night that extracts nothing."""
    loaded = set(unchanged_night)
    assert not loaded & {
        "tracker.run.extraction_pool",
        "multiprocessing",
        "concurrent.futures.process",
    }


def test_an_unchanged_night_without_digest_loads_nothing_that_delivers(
    unchanged_night: list[str],
) -> None:
    """`--no-digest`: the feed is written (checked above) without the digest's delivery,
    e-mail, chat or outbox modules, or the CSS inliner of its e-mail."""
    loaded = set(unchanged_night)
    delivering = {"tracker.digest.deliveries", "tracker.digest.render", "tracker.digest.chat"}
    assert not loaded & (delivering | {"tracker.deliver", "css_inline", "smtplib"})
    assert "tracker.digest.feed" in loaded


def test_an_unchanged_night_loads_no_severity_modules(unchanged_night: list[str]) -> None:
    """Nothing new, nothing classified: the rule file is read (tracker.classify and its rules),
    but the modules that grade changes (severity, meaning, statements and their compiled
    patterns) and compare documents are imported on first use, not by this night."""
    loaded = set(unchanged_night)
    assert {"tracker.classify", "tracker.classify.rules"} <= loaded
    grading = {
        "tracker.classify.severity",
        "tracker.classify.meaning",
        "tracker.classify.statements",
        "tracker.classify.quantities",
        "tracker.classify.restated",
        "tracker.classify.definitions",
        "tracker.classify.contradictions",
    }
    assert sorted(loaded & grading) == []


def test_an_unchanged_night_loads_no_clause_diff(unchanged_night: list[str]) -> None:
    """Nothing new, nothing diffed: the feed's quote folding (tracker.diff.cosmetic) is
    loaded, but not the aligner, the word diff or the date patterns, which the extraction and
    the recording import on a version's first diff."""
    loaded = set(unchanged_night)
    assert "tracker.diff.cosmetic" in loaded
    diffing = {
        "tracker.diff.clauses",
        "tracker.diff.align",
        "tracker.diff.words",
        "tracker.diff.structure",
        "tracker.extract.dates",
    }
    assert sorted(loaded & diffing) == []


@pytest.mark.parametrize(
    "package",
    [
        "tracker/classify/__init__.py",
        "tracker/diff/__init__.py",
        "tracker/digest/__init__.py",
        "tracker/extract/__init__.py",
    ],
)
def test_the_names_imported_on_first_use_stay_checked_by_mypy(package: str) -> None:
    """The packages that import their names on first use hide their module ``__getattr__``
    from type checkers (the names are imported for them under TYPE_CHECKING): mypy reads a
    module ``__getattr__`` as 'any name exists', so a misspelt import of the package passed
    ``make typecheck`` and failed only when run."""
    tree = ast.parse((ROOT / package).read_text(encoding="utf-8"))
    assert not any(_defines_getattr(n) for n in tree.body)
    hidden = [
        n
        for n in tree.body
        if isinstance(n, ast.If)
        and ast.unparse(n.test) == "not TYPE_CHECKING"
        and any(_defines_getattr(statement) for statement in n.body)
    ]
    assert len(hidden) == 1


def _defines_getattr(statement: ast.stmt) -> bool:
    """``def __getattr__`` or ``__getattr__ = names_on_first_use(...)``."""
    if isinstance(statement, ast.FunctionDef):
        return statement.name == "__getattr__"
    return isinstance(statement, ast.Assign) and any(
        isinstance(target, ast.Name) and target.id == "__getattr__" for target in statement.targets
    )

"""The tree explains itself, and keeps doing so: layers, no import cycles, a pure core.

- every module of ``tracker/`` imports alone in a fresh interpreter (no hidden order);
- imports run downward only, from the command line to the shared vocabulary (:data:`LAYERS`),
  and packages of one layer import each other without a cycle;
- the pure core (extract, diff, classify, guard, render) imports no database, network or mail
  library.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRACKER = ROOT / "tracker"

#: Top-level rooms of tracker/, lowest first. A module may import its own layer or lower ones.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "",
            "vocabulary",
            "errors",
            "model",
            "clock",
            "logs",
            "allocator",
            "lazy",
            "resources",
            "settings",
            "registry",
            "subscriptions",
        }
    ),
    frozenset({"extract", "diff", "classify", "guard", "render", "claims"}),  # the pure core
    frozenset({"store", "fetch", "deliver"}),
    frozenset({"facts", "track", "run", "query", "digest"}),
    frozenset({"nightly", "demo", "importers"}),
    frozenset({"cli", "web", "__main__"}),
)
PURE_CORE = ("extract", "diff", "classify", "guard", "render", "claims")
NOT_IN_THE_PURE_CORE = ("sqlalchemy", "httpx", "smtplib", "alembic", "psycopg")


def module_names() -> list[str]:
    names = []
    for path in sorted(TRACKER.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def room_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(module: str) -> int:
    room = room_of(module)
    for index, rooms in enumerate(LAYERS):
        if room in rooms:
            return index
    raise AssertionError(f"{module}: room {room!r} is in no layer of tests/test_layout.py")


def tracker_imports(module: str) -> set[str]:
    """Every tracker module ``module`` imports, wherever in the file (functions and
    TYPE_CHECKING blocks included: the layers hold for them too)."""
    path = TRACKER.parent / Path(*module.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    package = module if path.is_dir() else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("tracker")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.startswith("tracker"):
                found.add(base)
    return found


def test_every_room_has_a_layer() -> None:
    for module in module_names():
        layer_of(module)


def test_imports_run_downward_only() -> None:
    upward = [
        f"{module} -> {target}"
        for module in module_names()
        for target in tracker_imports(module)
        if layer_of(target) > layer_of(module)
    ]
    assert not upward, "imports against the layers:\n" + "\n".join(sorted(upward))


def test_no_import_cycle_between_rooms() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for module in module_names():
        for target in tracker_imports(module):
            if room_of(target) != room_of(module):
                graph[room_of(module)].add(room_of(target))
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle between rooms: " + " -> ".join(cycle or [])


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


# Each child process imports one module with nothing of tracker loaded before it. The
# libraries are preloaded in the parent (they cannot hide a cycle of ours), so each child
# costs a fork, not a SQLAlchemy import.
_IMPORT_ALONE = """
import importlib, json, os, sys
for lib in ("sqlalchemy.orm", "httpx", "bs4", "lxml.html", "jinja2", "click", "alembic"):
    importlib.import_module(lib)
failures = {}
for name in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(name)
            os.write(write, b"")
            os._exit(0)
        except BaseException as exc:
            os.write(write, f"{type(exc).__name__}: {exc}".encode()[:2000])
            os._exit(1)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    if status:
        failures[name] = message or f"exit status {status}"
print(json.dumps(failures))
"""


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    names = [n for n in module_names() if n != "tracker.__main__"]
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALONE, json.dumps(names)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    failures = json.loads(result.stdout)
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())


@pytest.mark.parametrize("room", PURE_CORE)
def test_the_pure_core_imports_no_database_network_or_mail_library(room: str) -> None:
    names = [n for n in module_names() if room_of(n) == room]
    script = (
        "import importlib, json, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {NOT_IN_THE_PURE_CORE!r} if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert json.loads(result.stdout) == []

"""The wheel is whole: built from this checkout, installed in a fresh virtual environment and
run from a folder outside the repository, `tracker demo` works (the example registry, the
rules and the demo's snapshots with their NOTICE ship as package data), and the libraries the
code imports directly are declared."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Third-party modules the tracker imports by name -> the distribution that must be declared.
IMPORTED = {"tzlocal": "tzlocal", "soupsieve": "soupsieve", "bs4": "beautifulsoup4"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (built,) = out.glob("policy_tracker-*.whl")
    return built


def declared(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    requires = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    return {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower() for r in requires}


@pytest.mark.slow
def test_the_wheel_declares_what_the_code_imports_and_carries_the_demo(wheel: Path) -> None:
    assert {dist for dist in IMPORTED.values()} <= declared(wheel)
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tracker").rglob("*.py"))
    for module in IMPORTED:
        assert re.search(rf"^\s*(import|from) {module}\b", sources, re.M), module
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    data = "tracker/_resources/data"
    assert {f"{data}/documents.toml", f"{data}/rules.toml", f"{data}/demo/NOTICE"} <= names
    assert "tracker/fetch/driver_preload.js" in names  # Playwright's driver loads it
    for folder in (ROOT / "data" / "demo").iterdir():
        if folder.is_dir():
            assert f"{data}/demo/{folder.name}/manifest.json" in names


@pytest.mark.slow
def test_the_installed_wheel_runs_the_demo_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    """A fresh environment holding the wheel alone (its dependencies are this environment's,
    reached through a path entry, never this checkout)."""
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "PYTHON"))}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(fresh / "bin" / "tracker"), *args],
            cwd=folder, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip

    where = subprocess.run(
        [str(python), "-c", "import tracker; print(tracker.__file__)"],
        cwd=folder, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(site), where  # the wheel's copy, not the checkout
    demo = run("demo")
    assert demo.returncode == 0, demo.stderr
    assert "2 documents, 8 versions" in demo.stdout
    history = run("history", "together-ai/terms-of-service")
    assert history.returncode == 0, history.stderr
    assert "v5" in history.stdout
    assert not (folder / "data" / "demo").exists()  # read from the package, not copied

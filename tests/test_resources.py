"""Resources shipped inside the package are found from a checkout and listed for the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tracker.classify import load_rules
from tracker.resources import RULES_FILE, default_rules_path

ROOT = Path(__file__).resolve().parent.parent


def test_the_default_rules_are_the_repository_rule_file_and_load() -> None:
    path = default_rules_path()
    assert path == ROOT / "data" / RULES_FILE
    assert load_rules(path).topics


def test_the_wheel_carries_the_default_rules_where_resources_look_for_them() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included[f"data/{RULES_FILE}"] == f"tracker/_resources/data/{RULES_FILE}"

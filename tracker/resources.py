"""Where bundled resources (migrations, templates, the default rule file, the example registry
and the demo's snapshots) live, installed or in a checkout.

A wheel carries them under ``tracker/_resources/`` (see ``[tool.hatch.build.targets.wheel.
force-include]`` in pyproject.toml); a checkout (an editable install) has them at the top of the
repository. Either way the same function finds them, so a command works from any folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

#: The rule file shipped with the package, in the ``data`` resource folder.
RULES_FILE = "rules.toml"


def resource_dir(name: str) -> Path:
    """The folder ``name`` (``migrations``, ``templates``, ``data``), wheel or checkout."""
    for candidate in (_PACKAGE_DIR / "_resources" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resource folder {name!r} not found beside {_PACKAGE_DIR}")


def resource_file(folder: str, name: str) -> Path:
    """The file ``name`` of the resource folder ``folder``, from a wheel or the checkout."""
    for candidate in (_PACKAGE_DIR / "_resources" / folder, _PACKAGE_DIR.parent / folder):
        if (candidate / name).is_file():
            return candidate / name
    raise FileNotFoundError(f"resource {folder}/{name} not found beside {_PACKAGE_DIR}")


def default_rules_path() -> Path:
    """The classifier's rule file shipped with the package (``data/rules.toml``)."""
    return resource_file("data", RULES_FILE)


#: The example registry and the demo's archived snapshots (with their NOTICE), in ``data``.
REGISTRY_FILE = "documents.toml"
DEMO_SNAPSHOTS = "demo"


def shipped_registry_path() -> Path:
    """The example registry shipped with the package (``data/documents.toml``)."""
    return resource_file("data", REGISTRY_FILE)


def shipped_demo_snapshots() -> Path:
    """The demo's archived snapshots shipped with the package (``data/demo``)."""
    folder = resource_dir("data") / DEMO_SNAPSHOTS
    if not folder.is_dir():
        raise FileNotFoundError(f"resource folder data/{DEMO_SNAPSHOTS} not found")
    return folder

"""Names a package hands on from its modules when first asked for (PEP 562).

A package whose ``__init__`` would import heavy modules only to re-export their names (the
classifier's severity modules, the clause diff, the digest's delivery, the extractors) lists
where each name lives and sets ``__getattr__ = names_on_first_use(...)`` under ``if not
TYPE_CHECKING``: importing the package stays cheap, and type checkers read the names from its
``TYPE_CHECKING`` imports (a module ``__getattr__`` would make them accept any name).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping


def names_on_first_use(
    package: str, homes: Mapping[str, str], namespace: MutableMapping[str, object]
) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: ``homes`` maps each name to the module that
    defines it (absolute); a name asked for is imported from there and kept in ``namespace``
    (the package's globals), so it is looked up once."""

    def __getattr__(name: str) -> object:
        module = homes.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__

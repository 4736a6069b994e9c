"""A clause row as plain values, and the clause it stands for: imports no database library,
so the extraction pool's processes unpickle a page's base (its version's clause rows) and
diff against it without loading SQLAlchemy (see :mod:`tracker.run.extraction_pool`).
:mod:`tracker.store.records` reads and writes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tracker.model import Clause


@dataclass(slots=True)
class ClauseRecord:
    """A clause row of a version being recorded, as written
    (:func:`tracker.store.records.insert_clause_rows`): its id and its columns, without an ORM
    object (a version's ~160 of them cost the recording thread more than their INSERT).
    Change its topics with :func:`tracker.store.records.store_clause_topics`."""

    id: int
    version_id: int
    position: int
    key: str
    path: list[Any]
    label: str | None
    kind: str
    level: int
    text: str
    sha256: str
    lineage_id: int | None
    topics: list[Any] | None = None
    #: its wording's row in ``clause_texts`` (None: not known here)
    text_id: int | None = None


class ClauseColumns(Protocol):
    """What a clause row (loaded or just written) gives :func:`clause_from_row`."""

    @property
    def key(self) -> str: ...
    @property
    def path(self) -> Sequence[Any]: ...
    @property
    def label(self) -> str | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def sha256(self) -> str: ...


def clause_from_row(row: ClauseColumns) -> Clause:
    return Clause(
        id=row.key,
        path=tuple(row.path),
        label=row.label,
        kind=row.kind,  # type: ignore[arg-type]
        text=row.text,
        level=row.level,
        sha256=row.sha256,
    )

"""Versions in time order: the version in force at an instant, and room for an older one.

A document's versions are numbered 1, 2, 3... in the order of their ``first_seen``. A version
placed in the past (history imported after tracking began) takes the number after the version
in force at its time, and every later version moves up by one: numbers stay positions in
time, while ids (which digests, facts, changes, fetches and lineages refer to) never change.
See docs/ARCHITECTURE.md, "History from before tracking began".

The clauses of the version after the new one may continue other lineages than before (its
predecessor is now the new version): :func:`relink_lineages` rewrites them, in that version and
in every later one that carried them on.

These functions take an open session and never commit (see :mod:`tracker.store.records`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.store.schema import ClauseRow, Version


def version_in_force(session: Session, document_id: int, moment: datetime) -> Version | None:
    """The version the document had at ``moment``: the newest first seen at or before it
    (ties broken by number), or None when ``moment`` is before the first version."""
    return session.scalars(
        select(Version)
        .where(Version.document_id == document_id, Version.first_seen <= moment)
        .order_by(Version.first_seen.desc(), Version.number.desc())
        .limit(1)
    ).first()


def version_after(session: Session, document_id: int, version: Version | None) -> Version | None:
    """The version numbered after ``version`` (after nothing: the first one), if any."""
    number = version.number + 1 if version is not None else 1
    return session.scalars(
        select(Version).where(Version.document_id == document_id, Version.number == number)
    ).one_or_none()


def make_room(session: Session, document_id: int, number: int) -> None:
    """Move the versions numbered ``number`` and above up by one, freeing ``number``.

    Two statements through negative numbers, so that the unique (document, number) constraint
    holds after each row on every database (PostgreSQL checks it row by row).
    """
    session.flush()
    mine = Version.document_id == document_id
    session.execute(
        update(Version)
        .where(mine, Version.number >= number)
        .values(number=-Version.number)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Version)
        .where(mine, Version.number < 0)
        .values(number=1 - Version.number)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()


def relink_lineages(
    session: Session, document_id: int, from_number: int, renamed: Mapping[int, int]
) -> None:
    """Rename lineages (old lineage id -> new one) in the clauses of the versions of
    ``document_id`` numbered ``from_number`` and above.

    Through negative values as well, so that a rename chain (a -> b while b -> c) is applied
    as one simultaneous substitution.
    """
    if not renamed:
        return
    session.flush()
    later = select(Version.id).where(
        Version.document_id == document_id, Version.number >= from_number
    )
    for old, new in renamed.items():
        session.execute(
            update(ClauseRow)
            .where(ClauseRow.version_id.in_(later), ClauseRow.lineage_id == old)
            .values(lineage_id=-new)
            .execution_options(synchronize_session=False)
        )
    session.execute(
        update(ClauseRow)
        .where(ClauseRow.version_id.in_(later), ClauseRow.lineage_id < 0)
        .values(lineage_id=-ClauseRow.lineage_id)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()

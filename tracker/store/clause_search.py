"""The search index: which distinct clause texts may contain some words, without a scan.

Real databases store every clause of every version, so one clause text repeats across hundreds
of versions; it is stored once, in ``clause_texts`` (label and text, and ``sha256`` hashing
them; migration 0018), and the index holds each of those rows once, under its id. Migration
0012 built it (then under each text's first clause row), 0018 keyed it by ``clause_texts``.
On PostgreSQL triggers on ``clause_texts`` keep it current (and when one is edited in place,
which the tracker never does). On SQLite (migration 0016) the rows after a mark, the tail, are
indexed by :func:`catch_up` in one statement, at the end of each run, import and backfill (a
trigger per row cost the recording thread a new FTS5 segment per document), and a search reads
the tail as well: it finds what it would find if every row were indexed.

It narrows by trigrams, case-insensitively: every word asked for (at least 3 characters, ASCII,
lower-case) must occur in the text. That is the ``LIKE`` pre-selection the search made before
the index, answered from an index: a superset of the texts whose ``LIKE`` matches, and the
caller decides with the match form as before (:mod:`tracker.query.search`).

- **SQLite**: an FTS5 table with the ``trigram`` tokenizer (substring matching; a word tokenizer
  would need care for partial words at a phrase's edges). Contentless (the texts are in
  ``clause_texts`` already) and without positions (``detail=none``), so it is about as large
  as the texts it indexes; a word is looked for as the set of its trigrams, which every text
  with the word has (the match form then removes the texts that have them apart).
- **PostgreSQL**: a table of the same texts with a ``pg_trgm`` GIN index that serves ``ILIKE``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Integer, Text, column, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from tracker.store.schema import SEARCH_INDEX, ClauseText

if TYPE_CHECKING:
    from tracker.store.database import Database

#: Trigrams: shorter words cannot be looked up (the caller scans instead).
MIN_WORD_LENGTH = 3
#: The index as each backend has it (built by migrations 0012 and 0018, outside the models).
_SQLITE = table(SEARCH_INDEX, column("rowid", Integer))
_POSTGRESQL = table(SEARCH_INDEX, column("text_id", Integer), column("text", Text))
#: SQLite: the index holds every ``clause_texts`` row whose id is at most this (migration 0016).
_MARK = table(f"{SEARCH_INDEX}_mark", column("indexed_through", Integer))
#: The tail's texts (label and text, as Clause.display_text), indexed.
_CATCH_UP = (
    "INSERT INTO clause_search(rowid, text) SELECT t.id, "
    "CASE WHEN t.label <> '' THEN t.label || ' ' || t.text ELSE t.text END FROM clause_texts t "
    "WHERE t.id > (SELECT indexed_through FROM clause_search_mark)"
)
#: The mark moved past the last row.
_MOVE_MARK = (
    "UPDATE clause_search_mark SET indexed_through = (SELECT max(id) FROM clause_texts) "
    "WHERE indexed_through < (SELECT coalesce(max(id), 0) FROM clause_texts)"
)


def texts_with_words(session: Session, words: Sequence[str]) -> list[tuple[str, str | None, str]]:
    """``(sha256, label, text)`` of each distinct clause text in which every one of ``words``
    occurs, ignoring case (a superset on SQLite: see the module docstring)."""
    if not words or any(len(word) < MIN_WORD_LENGTH for word in words):
        raise ValueError(f"the index looks up words of {MIN_WORD_LENGTH} characters or more")
    query = select(ClauseText.sha256, ClauseText.label, ClauseText.text)
    found: dict[str, tuple[str, str | None, str]] = {}
    if session.get_bind().dialect.name == "postgresql":
        query = query.join(_POSTGRESQL, _POSTGRESQL.c.text_id == ClauseText.id).where(
            *(_POSTGRESQL.c.text.ilike(_like_pattern(word), escape="\\") for word in words)
        )
        found.update({sha: (sha, label, body) for sha, label, body in session.execute(query)})
        return list(found.values())
    indexed = query.join(_SQLITE, _SQLITE.c.rowid == ClauseText.id).where(
        literal_column(SEARCH_INDEX).op("MATCH")(fts_trigrams(words))
    )
    tail = query.where(
        ClauseText.id > select(_MARK.c.indexed_through).scalar_subquery(),
        *(
            or_(
                ClauseText.text.ilike(_like_pattern(word), escape="\\"),
                ClauseText.label.ilike(_like_pattern(word), escape="\\"),
            )
            for word in words
        ),
    )
    for rows in (session.execute(indexed), session.execute(tail)):
        found.update({sha: (sha, label, body) for sha, label, body in rows})
    return list(found.values())


def catch_up(session: Session) -> None:
    """Index the texts of the clause rows after the mark (SQLite; a no-op on PostgreSQL, whose
    triggers index each row as it comes): one INSERT ... SELECT, then the mark moved past the
    last row, in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        return
    session.execute(text(_CATCH_UP))
    session.execute(text(_MOVE_MARK))


def index_new_clauses(db: Database) -> None:
    """:func:`catch_up` in a transaction of its own (after a run, an import, a backfill)."""
    with db.transaction() as session:
        catch_up(session)


def every_text(session: Session, batch: int) -> Iterator[tuple[str, str | None, str]]:
    """``(sha256, label, text)`` of every distinct clause text, read ``batch`` rows at a time:
    for what the index cannot look up."""
    query = select(ClauseText.sha256, ClauseText.label, ClauseText.text).order_by(ClauseText.id)
    yield from session.execute(query.execution_options(yield_per=batch))


def fts_trigrams(words: Sequence[str]) -> str:
    """An FTS5 query asking for every trigram of every word (each a quoted string)."""
    trigrams = {
        word[i : i + MIN_WORD_LENGTH].lower()
        for word in words
        for i in range(len(word) - MIN_WORD_LENGTH + 1)
    }
    return " ".join('"' + t.replace('"', '""') + '"' for t in sorted(trigrams))


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"

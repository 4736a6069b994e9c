"""The search index: which distinct clause texts may contain some words, without a scan.

Real databases store every clause of every version, so one clause text repeats across hundreds
of versions; the index holds each distinct text once (``clauses.sha256`` hashes a clause's label
and text), under the id of its first clause row, and the other rows with that text are found by
``ix_clauses_sha256``. Migration 0012 builds it and triggers on ``clauses`` keep it current on
every path that inserts clauses (and when one is edited in place, which the tracker never does).

It narrows by trigrams, case-insensitively: every word asked for (at least 3 characters, ASCII,
lower-case) must occur in the text. That is the ``LIKE`` pre-selection the search made before
the index, answered from an index: a superset of the texts whose ``LIKE`` matches, and the
caller decides with the match form as before (:mod:`tracker.query.search`).

- **SQLite**: an FTS5 table with the ``trigram`` tokenizer (substring matching; a word tokenizer
  would need care for partial words at a phrase's edges). Contentless (the texts are in
  ``clauses`` already) and without positions (``detail=none``), so it is about as large as the
  texts it indexes; a word is looked for as the set of its trigrams, which every text with the
  word has (the match form then removes the texts that have them apart).
- **PostgreSQL**: a table of the same texts with a ``pg_trgm`` GIN index that serves ``ILIKE``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import Integer, Text, column, func, literal_column, select, table
from sqlalchemy.orm import Session

from tracker.store.schema import SEARCH_INDEX, ClauseRow

#: Trigrams: shorter words cannot be looked up (the caller scans instead).
MIN_WORD_LENGTH = 3
#: The index as each backend has it (built by migration 0012, outside the models).
_SQLITE = table(SEARCH_INDEX, column("rowid", Integer))
_POSTGRESQL = table(SEARCH_INDEX, column("clause_id", Integer), column("text", Text))


def texts_with_words(session: Session, words: Sequence[str]) -> list[tuple[str, str | None, str]]:
    """``(sha256, label, text)`` of each distinct clause text in which every one of ``words``
    occurs, ignoring case (a superset on SQLite: see the module docstring)."""
    if not words or any(len(word) < MIN_WORD_LENGTH for word in words):
        raise ValueError(f"the index looks up words of {MIN_WORD_LENGTH} characters or more")
    query = select(ClauseRow.sha256, ClauseRow.label, ClauseRow.text)
    if session.get_bind().dialect.name == "postgresql":
        query = query.join(_POSTGRESQL, _POSTGRESQL.c.clause_id == ClauseRow.id).where(
            *(_POSTGRESQL.c.text.ilike(_like_pattern(word), escape="\\") for word in words)
        )
    else:
        query = query.join(_SQLITE, _SQLITE.c.rowid == ClauseRow.id).where(
            literal_column(SEARCH_INDEX).op("MATCH")(fts_trigrams(words))
        )
    found = {sha: (sha, label, body) for sha, label, body in session.execute(query)}
    return list(found.values())


def every_text(session: Session, batch: int) -> Iterator[tuple[str, str | None, str]]:
    """``(sha256, label, text)`` of every distinct clause text (its first clause row), read
    ``batch`` rows at a time: for what the index cannot look up."""
    first_rows = select(func.min(ClauseRow.id)).group_by(ClauseRow.sha256)
    query = select(ClauseRow.sha256, ClauseRow.label, ClauseRow.text).where(
        ClauseRow.id.in_(first_rows)
    )
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

"""Pure parts of the history queries: dates, the match form, LIKE patterns, and rendering of
untrusted stored text to terminals, JSON, Markdown and HTML."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import UsageError
from tracker.model import Clause
from tracker.query.asof import DocumentView
from tracker.query.dates import parse_when
from tracker.query.model import DocumentRef, FetchProof, Provenance, StoredClause, VersionInfo
from tracker.query.render_document import escape_markdown_html, view_html, view_markdown
from tracker.query.render_json import to_json, view_dict
from tracker.query.render_text import view_text
from tracker.query.text import like_pattern, match_form, prefilter_words
from tracker.render.tables import clean, clean_line, table

HOSTILE = "Terms\x1b[2J\x1b]0;owned\x07 <script>alert(1)</script> \u202eevil\x9b31m & more"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "2025-05-06",
            datetime(2025, 5, 6, tzinfo=UTC),
            datetime(2025, 5, 6, 23, 59, 59, 999999, tzinfo=UTC),
        ),
        (
            "2025-05-06T03:00",
            datetime(2025, 5, 6, 3, tzinfo=UTC),
            datetime(2025, 5, 6, 3, tzinfo=UTC),
        ),
        (
            "2025-05-06T05:00:00+02:00",
            datetime(2025, 5, 6, 3, tzinfo=UTC),
            datetime(2025, 5, 6, 3, tzinfo=UTC),
        ),
        (
            "2025-05-06 03:00:00Z",
            datetime(2025, 5, 6, 3, tzinfo=UTC),
            datetime(2025, 5, 6, 3, tzinfo=UTC),
        ),
    ],
)
def test_dates_are_days_or_instants(text: str, start: datetime, end: datetime) -> None:
    when = parse_when(text)
    assert (when.start, when.end) == (start, end)
    assert when.is_day == (start != end)


@pytest.mark.parametrize("text", ["", "yesterday", "2025-02-30", "2025-5-6", "20250506", "2025"])
def test_bad_dates_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError, match="invalid date"):
        parse_when(text)


def test_the_last_and_first_representable_days_are_dates_not_internal_errors() -> None:
    last = parse_when("9999-12-31")
    assert last.end == datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert parse_when("0001-01-01").start == datetime(1, 1, 1, tzinfo=UTC)
    for beyond in ("9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00"):
        with pytest.raises(UsageError, match="out of range"):
            parse_when(beyond)


def test_match_form_ignores_quotes_dashes_spaces_case_and_link_targets() -> None:
    stored = (
        "The Company\u2019s \u201cServices\u201d \u2014 see\u00a0our  policy <https://x.example/p>."
    )
    assert match_form(stored) == match_form('the company\'s "services" - SEE our policy.')
    assert match_form("a, b") != match_form("a b")  # punctuation other than quotes stays


@given(st.text())
def test_match_form_is_idempotent(text: str) -> None:
    assert match_form(match_form(text)) == match_form(text)


def test_like_pattern_escapes_wildcards_and_prefilter_uses_ascii_words() -> None:
    assert like_pattern("100%_a\\b") == "%100\\%\\_a\\\\b%"
    assert like_pattern("a_b", anywhere=False) == "a\\_b"
    words = prefilter_words(
        "The Company\u2019s \u201croyalty-free\u201d licences \u2014 Stra\u00dfe"
    )
    assert words == ["licences", "company", "royalty"]  # longest first; no non-ASCII word
    assert prefilter_words("a é") == []


@given(st.text())
def test_clean_leaves_no_control_or_escape_characters(text: str) -> None:
    cleaned = clean(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", cleaned)


def test_clean_removes_escape_sequences_whole() -> None:
    # the 8-bit CSI introducer goes; its parameters stay as harmless text
    assert clean(HOSTILE) == "Terms <script>alert(1)</script> evil31m & more"
    assert clean_line("a\n\tb  c", 4) == "a b…"


def test_table_aligns_and_cleans_cells() -> None:
    out = table(["n", "text"], [[1, "a\x1b[31mred"], [10, "b"]])
    assert out.splitlines() == [" n  text", "--  ----", " 1  ared", "10  b"]


def view(text: str) -> DocumentView:
    document = DocumentRef(1, "acme/terms", "Acme", "Terms", "https://acme.example/terms")
    version = VersionInfo(
        id=7,
        number=2,
        first_seen=datetime(2025, 5, 6, 3, tzinfo=UTC),
        last_verified=datetime(2025, 6, 1, 3, tzinfo=UTC),
        text_sha256="a" * 64,
        raw_sha256="b" * 64,
        clause_count=1,
        effective_date=date(2025, 5, 1),
        title=None,
        technical=False,
    )
    fetch = FetchProof(
        id=3,
        started_at=version.first_seen,
        outcome="changed",
        url=document.url,
        final_url=document.url + "?x=<b>",
        http_status=200,
        content_type="text/html",
        raw_sha256="b" * 64,
        text_sha256="a" * 64,
        etag=None,
        last_modified=None,
    )
    proof = Provenance(document, version, fetch, fetch, 1)
    clause = Clause(id="p-1", path=("Terms",), label=None, kind="paragraph", text=text)
    return DocumentView(
        proof, parse_when("2025-05-07"), text + "\n", (StoredClause(5, 5, 0, clause),)
    )


def test_stored_text_is_escaped_in_every_rendering() -> None:
    hostile = view(HOSTILE)
    assert "\x1b" not in view_text(hostile) and "\u202e" not in view_text(hostile)
    html = view_html(hostile)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "?x=&lt;b&gt;" in html
    markdown = view_markdown(hostile)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    encoded = to_json(view_dict(hostile))
    assert "\x9b" not in encoded and "\u202e" not in encoded and "\x1b" not in encoded
    assert json.loads(encoded)["text"] == HOSTILE + "\n"


def test_markdown_escaping_keeps_autolinks() -> None:
    assert escape_markdown_html("a <b> & <https://x.example/p?q=1>") == (
        "a &lt;b&gt; &amp; <https://x.example/p?q=1>"
    )


def test_a_table_fits_a_width_shortening_free_text_first() -> None:
    from tracker.render.tables import table

    rows = [["2025-05-06 03:00 UTC", 1234, "a long clause " * 10], ["2025-12-20 03:00 UTC", 7, "x"]]
    whole = table(["recorded", "count", "clause"], rows)
    assert max(len(line) for line in whole.splitlines()) > 60
    fitted = table(["recorded", "count", "clause"], rows, width=60, shorten_first=("clause",))
    lines = fitted.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert lines[2].startswith("2025-05-06 03:00 UTC   1234  a long clause") and lines[2][-1] == "…"
    assert lines[3].endswith("   7  x")  # numbers right-aligned, short cells untouched
    tiny = table(["recorded", "count", "clause"], rows, width=10)  # as far as the floors allow
    assert all(len(line) <= 8 + 2 + 5 + 2 + 8 for line in tiny.splitlines())

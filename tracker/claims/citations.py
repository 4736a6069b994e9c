"""Citations: a named document with a date (pure).

A *dated phrase* is a date (any form :func:`tracker.extract.dates.dates_in` reads) right after
a keyword saying what it is:

- the version cited: "updated", "last updated", "revised", "modified", "amended", "effective",
  "dated", "version of";
- when it was read: "accessed", "retrieved", "verified", "last verified", "checked",
  "reviewed", "visited", "viewed", "captured", "archived", "as of".

Dates after other words (a post's "published" date, "first tracked") are not read.

A sentence (or a label/value pair, "Document last updated" / "April 29, 2026") with dated
phrases is a **citation** when it names exactly one tracked document (by URL or name, see
:mod:`tracker.claims.mentions`). Naming several is listed as not checked; naming none:

- a reference with a URL and a date (an untracked page) is listed as not checked;
- a cited date said of "the document", "the policy", "the terms"... ("Document last updated:
  April 29, 2026") cites the one tracked document the page names (not checked if it names
  none or several);
- an access date is the page's access date ("Last verified June 29, 2026"); the latest one
  stated is the date the page's claims are checked as of.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.claims.mentions import documents_named
from tracker.claims.model import Citation, DatedPhrase, KnownDocument, Unchecked
from tracker.claims.page import Page
from tracker.claims.units import line_sentences, pairs
from tracker.extract.dates import dates_in
from tracker.vocabulary import ClaimKind

_CITED = (
    r"(?:last\s+)?(?:updated|revised|modified|amended)|last\s+(?:update|revision|modification)"
    r"|effective(?:\s+date)?(?:\s+(?:as\s+of|from|on))?|in\s+effect\s+(?:as\s+of|from|since)"
    r"|dated|version\s+(?:of|dated)"
)
_ACCESSED = (
    r"(?:last\s+)?(?:accessed|retrieved|verified|checked|reviewed|visited|viewed|captured"
    r"|archived)(?:\s+on)?|as\s+of|date\s+(?:of\s+)?(?:access|retrieval)"
)
_BEFORE_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<cited>{_CITED})|(?P<accessed>{_ACCESSED}))\W{{0,4}}(?:on\s+)?$",
    re.IGNORECASE,
)
_OF_THE_DOCUMENT = re.compile(
    r"\b(?:document|policy|policies|terms|agreement|notice|statement|contract|tos|eula|dpa)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_LOOK_BACK = 48


@dataclass(frozen=True, slots=True)
class Dated:
    """One sentence or pair with its dated phrases."""

    text: str
    position: int
    cited: DatedPhrase | None
    accessed: DatedPhrase | None
    cited_of_document: bool


def find_citations(
    page: Page, scope: Sequence[KnownDocument]
) -> tuple[list[Citation], list[Unchecked], DatedPhrase | None]:
    """The citations of ``page`` against the documents of ``scope``, the dated references it
    cannot read, and the page's access date (see the module docstring)."""
    citations: list[Citation] = []
    unchecked: list[Unchecked] = []
    page_cited: list[Dated] = []
    page_accessed: list[DatedPhrase] = []
    for dated in dated_texts(page):
        named = documents_named(dated.text, scope)
        if len(named) == 1:
            document, named_as = named[0]
            citations.append(
                Citation(
                    dated.text, dated.position, document.slug, named_as, dated.cited, dated.accessed
                )
            )
        elif len(named) > 1:
            slugs = ", ".join(d.slug for d, _ in named)
            unchecked.append(
                Unchecked(
                    ClaimKind.CITATION,
                    dated.text,
                    f"names several documents: {slugs}",
                    dated.position,
                )
            )
        elif _URL.search(dated.text):
            unchecked.append(
                Unchecked(
                    ClaimKind.CITATION, dated.text, "names no tracked document", dated.position
                )
            )
        elif dated.cited is not None and dated.cited_of_document:
            page_cited.append(dated)
        elif dated.accessed is not None:
            page_accessed.append(dated.accessed)
    accessed = max(page_accessed, key=lambda p: p.day, default=None)
    if accessed is None:
        accessed = max(
            (c.accessed for c in citations if c.accessed is not None),
            key=lambda p: p.day,
            default=None,
        )
    the_document = _the_document(page, scope)
    for dated in page_cited:
        if the_document is None:
            unchecked.append(
                Unchecked(
                    ClaimKind.CITATION,
                    dated.text,
                    "names no document, and the page does not name exactly one tracked document",
                    dated.position,
                )
            )
            continue
        document, named_as = the_document
        citations.append(
            Citation(
                dated.text,
                dated.position,
                document.slug,
                named_as,
                dated.cited,
                dated.accessed or accessed,
                page_level=True,
            )
        )
    citations.sort(key=lambda c: c.position)
    return citations, unchecked, accessed


def dated_texts(page: Page) -> Iterable[Dated]:
    """Every sentence and label/value pair with a dated phrase, in page order; a pair's
    label line is not read again as a sentence."""
    in_pairs: set[int] = set()
    found: list[Dated] = []
    for pair in pairs(page):
        if not _is_date_only(pair.value):
            continue
        text = f"{pair.label.rstrip(': ')}: {pair.value}"
        dated = _dated(text, pair.position)
        if dated is not None:
            found.append(dated)
            in_pairs.update(range(pair.position, pair.position + pair.lines))
    for position, sentence in line_sentences(page):
        if position in in_pairs:
            continue
        dated = _dated(sentence, position)
        if dated is not None:
            found.append(dated)
    found.sort(key=lambda d: d.position)
    return found


def _dated(text: str, position: int) -> Dated | None:
    cited: DatedPhrase | None = None
    accessed: DatedPhrase | None = None
    of_document = False
    for start, end, day in dates_in(text):
        before = text[max(0, start - _LOOK_BACK) : start]
        keyword = _BEFORE_DATE.search(before)
        if keyword is None:
            continue
        phrase = " ".join((keyword.group(0) + text[start:end]).split())
        if keyword.group("cited") and cited is None:
            cited = DatedPhrase(phrase, day)
            of_document = bool(
                _OF_THE_DOCUMENT.search(text[: max(0, start - len(keyword.group(0)))])
            )
        elif keyword.group("accessed") and accessed is None:
            accessed = DatedPhrase(phrase, day)
    if cited is None and accessed is None:
        return None
    return Dated(text, position, cited, accessed, of_document)


def _is_date_only(value: str) -> bool:
    found = dates_in(value)
    return bool(found) and found[0][0] <= 3


def _the_document(page: Page, scope: Sequence[KnownDocument]) -> tuple[KnownDocument, str] | None:
    """The one tracked document the page names (its title counts), if exactly one."""
    if len(scope) == 1:
        return scope[0], scope[0].type
    named = documents_named("\n".join(filter(None, [page.title, page.text])), scope)
    return named[0] if len(named) == 1 else None

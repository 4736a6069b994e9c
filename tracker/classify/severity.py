"""How much a change matters: high, medium, low or none, which way it moves what the company
may do (expands, narrows, neutral), and why, in one line.

The grading, in order (the README explains it for users):

1. Structure is not meaning. Cosmetic changes, moves, renumbering, reordered rows, a removed
   clause whose text is still in the new version (``deduplicated``) and date-only changes are
   ``none``; a change of a link's address only is ``low`` (the diff's ``detail`` says which, see
   :class:`~tracker.vocabulary.ChangeDetail`; the link and date cases are also recognised here).
2. A modification that only fixes a typo or a spelling is ``low``; so is a table row that only
   gains (or loses) whole cells as its table's header row gains (loses) a column, unless a new
   cell names what is serious on its own (a new place of a listed recipient is ``medium``).
3. Otherwise the change is read for what it does to the meaning (:mod:`tracker.classify.meaning`):
   negations, commitments, consent, periods, amounts and ages, recipients, purposes and kinds of
   data, exceptions, licences, waivers, powers to change the terms, promises and rights added or
   removed; a sentence moved into an added clause is read against the old sentence it rewords.
   A finding that expands what the company may do is ``high``; one that narrows it is
   ``medium`` at most. The highest finding gives the severity, its direction and the reason.
   An added or removed plain-language summary of a section ("Short version: ...", a row of a
   table pairing a section's title with a sentence) is ``low``: the section says it bindingly;
   ``medium`` when read by itself it would be ``high`` (the section may not say the same).
4. Without a finding: an added or removed heading or short line is ``low``; another added or
   removed clause gets the base severity of its topics, at most ``medium`` (``untopical`` without
   topic); a modification is ``medium`` when signal words (``[severity.signals]``) or numbers
   changed, or much was rewritten, in a clause with a topic, and ``low`` otherwise.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from tracker.classify.definitions import widened_definition
from tracker.classify.meaning import (
    CORPORATE_TRANSACTION,
    PLACE_LIST_WORDS,
    SERIOUS_SPREADING_STEMS,
    Finding,
    Waivers,
    compare_sentences,
    introduces_list,
    modification_findings,
    same_claims,
    shorten,
    statement_findings,
    term_stems,
    versions_of_one_sentence,
    waiver_kinds,
    waivers_in,
)
from tracker.classify.quantities import Quantity, quantities
from tracker.classify.restated import StatedPromises
from tracker.classify.rules import BoundedMemo, Readings, RuleSet
from tracker.classify.statements import (
    SCOPES,
    Claim,
    Reading,
    forget_sentences,
    gives_in_general,
    makes_claims,
    read_sentence,
    recipients_named,
    takes_an_object,
)
from tracker.classify.text import (
    STOPWORDS,
    has_digit,
    match_form,
    sentences,
    without_contractions,
    without_references,
    words,
)
from tracker.classify.topics import merge_topics, topics_of
from tracker.extract.canonical import visible_text
from tracker.extract.dates import without_dates
from tracker.model import Change, Clause, ClauseDiff, InlineOp
from tracker.vocabulary import MEANINGLESS_DETAILS, ChangeDetail, Direction, Severity

#: Changed content words from which a modification without finding counts as rewritten.
REWRITTEN_WORDS = 8
#: Content words added, or removed, in a rule for users from which it says something else (a
#: word put for another is a rewording: "Guns" -> "Firearms").
RULE_CHANGED_WORDS = 2
#: Lines shorter than this (in words) are headings or labels, not statements.
SHORT_LINE = 6
#: A line of at most this many words, most of them capitalised, without a sentence's end, is a
#: heading or a table-of-contents entry.
TITLE_WORDS = 14
TITLE_CASE_SHARE = 0.6
#: A removed sentence whose words are this much in one sentence of another change has moved.
MOVED_SHARE = 0.8
MOVED_MIN_WORDS = 5
#: ... or a sentence of at least this many words is this much inside it (its core moved).
MOVED_CORE_WORDS = 8
MOVED_CORE_SHARE = 0.9
_DIRECTION_ORDER = {Direction.EXPANDS: 2, Direction.NEUTRAL: 1, Direction.NARROWS: 0}
_URL = re.compile(r"<[^<>\s]*>|\(https?://[^()\s]*\)|https?://\S+|\]\([^()]*\)")
#: The address of a link, behind its words: "<https://...>", "[words](https://...)".
_LINK_TARGET = re.compile(r"<[^<>\s]*>|\(https?://[^()\s]*\)|\]\([^()]*\)")
_LINK_DECORATION = re.compile(
    r"\(?opens in (?:a )?new (?:window|tab)\)?|\(?external link\)?", re.IGNORECASE
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH = re.compile(rf"\b(?:{_MONTHS.title()})\b")  # capitalised: "may" is a verb
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMERIC_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
#: Words of a line that dates its document ("Last updated", "Effective", "Version of").
_DATED_LINE = re.compile(
    r"\b(?:updated|update|effective|revised|revision|modified|dated?|version|published|posted|"
    r"as of)\b",
    re.IGNORECASE,
)
_DATE_WORD = re.compile(rf"^(?:{_MONTHS}|\d{{1,4}}(?:st|nd|rd|th)?)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Grade:
    """A severity, its direction and the reasons for it, in words a digest can show."""

    severity: Severity
    reasons: tuple[str, ...]
    direction: Direction = Direction.NEUTRAL

    @property
    def reason(self) -> str:
        """The reasons in one line."""
        return "; ".join(self.reasons)


def classify_change(change: Change, rules: RuleSet, context: DiffContext | None = None) -> Change:
    """A copy of ``change`` with its topics (from old and new text), severity, direction and
    reason; ``context``: the diff it belongs to (see :func:`classify_diff`)."""
    old_topics = topics_of(_joined(c.text for c in change.old), rules)
    new_topics = topics_of(_joined(c.text for c in change.new), rules)
    topics = merge_topics((old_topics, new_topics), rules)
    grade = grade_change(change, old_topics, new_topics, rules, context)
    if not topics and context is not None and change.new:
        topics = context.table_topics(change.new)
    return replace(
        change,
        topics=topics,
        severity=grade.severity,
        direction=grade.direction,
        reason=grade.reason,
    )


def classify_diff(diff: ClauseDiff, rules: RuleSet) -> ClauseDiff:
    """``diff`` with every change classified. A removed (or added) sentence found again in
    another change's new (or old) side was moved and reworded, not dropped: it counts for
    nothing, and a clause made only of such sentences is ``low``."""
    forget_sentences(rules.readings)  # a sentence is read once a diff, not once a night
    rules.readings.memo.pop(HeadingMemo, None)  # and a heading path
    context = DiffContext(diff.changes, diff.new_clauses, rules)
    return replace(diff, changes=tuple(classify_change(c, rules, context) for c in diff.changes))


class DiffContext:
    """The sentences of the other changes of a diff, to tell a moved sentence from a dropped
    one, and the promises of the whole new version (``new_clauses``; without it, of the new
    sides of the changes), to tell a promise dropped from a clause from one still made."""

    def __init__(
        self, changes: Sequence[Change], new_clauses: Sequence[Clause], rules: RuleSet
    ) -> None:
        self._olds: _SentencePool | None = None  # see olds and news
        self._news: _SentencePool | None = None
        self._stated = new_clauses or [clause for change in changes for clause in change.new]
        self._readings = rules.readings
        self._promises: StatedPromises | None = None
        self._changes = changes
        self._rules = rules
        self._elsewhere: list[tuple[str, frozenset[str], tuple[str, ...]]] | None = None
        self._product_documents: list[tuple[str, str]] | None = None
        self._new_headings: frozenset[str] | None = None
        #: the old version's sentences naming recipients read so far (without references),
        #: with the recipients each names; by a stem of each recipient ("": it has none)
        self._named: list[tuple[str, frozenset[str]]] = []
        self._named_by_stem: dict[str, list[int]] = {}
        #: and by the entry of the rule file's ``same_recipients`` each recipient is one of
        self._named_by_kind: dict[int, list[int]] = {}
        self._unread_named: Iterator[int] | None = None  # and those still to read
        self._given: dict[int, frozenset[str]] = {}  # those read for what they give
        self._spread: dict[str, bool] = {}
        self._collected: frozenset[tuple[str, int]] | None = None
        # the purposes the old version used data for (entries of the rule file's purposes), and
        # those it passed data on for
        self._purposed: tuple[frozenset[tuple[str, int] | None], ...] | None = None
        self._waived: Waivers | None = None
        self._waived_now: Waivers | None = None
        self._positions: dict[str, int] | None = None
        self._old: list[Clause] | None = None
        self._old_readings: dict[str, Reading] = {}
        self._rows_changed: dict[str, Change] | None = None
        self._sections: dict[str, dict[tuple[str, str], int]] = {}  # see _section_sizes
        self._titling_rows: dict[tuple[str, tuple[str, ...]], int] = {}

    def lead_in(self, clause: Clause) -> str:
        """The paragraph that introduces the list ``clause`` is an item of ("You agree you
        will not use the Services to:"), when the clause is in the new version and the
        paragraph ends with a colon (or with "except for", its items the exceptions: see
        ``_EXCEPTIONS_FOLLOW``), followed by the items of outer lists that introduce the nested
        lists it is in ("Violate the law, including to:"); "" when none does."""
        if not is_item(clause):
            return ""
        index = self._position(clause)
        if index is None:
            return ""
        leads: list[str] = []
        depth = len(clause.path)
        lettered = clause.kind != "list_item"
        while index > 0:
            index -= 1
            before = self._stated[index]
            if not is_item(before):
                if before.text.rstrip().endswith(":") or _EXCEPTIONS_FOLLOW.search(before.text):
                    leads.append(before.text)
                break
            # the item of an outer list this list is nested in: one under fewer headings, or a
            # lettered paragraph over list items ("(b) you will not:" over "1. resell ...")
            outer = not lettered and before.kind != "list_item"
            if len(before.path) < depth or outer:
                depth = min(depth, len(before.path))
                lettered = lettered or outer
                if before.text.rstrip().endswith(":"):
                    leads.append(before.text)
        return " ".join(reversed(leads))

    def _position(self, clause: Clause) -> int | None:
        """Where ``clause`` stands in the new version, if it is one of its clauses."""
        if self._positions is None:
            self._positions = {c.id: index for index, c in enumerate(self._stated)}
        return self._positions.get(clause.id)

    def table_header(self, clause: Clause) -> str:
        """The first row of the table ``clause`` (a row of the new version) is in, when it is
        another row than the clause: the row that names the columns; "" otherwise."""
        if clause.kind != "table_row":
            return ""
        index = self._position(clause)
        if index is None:
            return ""
        first = self._table_start(index, clause)
        return self._stated[first].text if first != index else ""

    def is_first_row(self, clause: Clause) -> bool:
        """Whether ``clause`` (a row of the new version) is the first row of its table: the
        row that names the columns."""
        index = self._position(clause)
        return (
            index is not None
            and clause.kind == "table_row"
            and self._table_start(index, clause) == index
        )

    def _table_start(self, index: int, clause: Clause) -> int:
        """Where the table the row at ``index`` (``clause``) is in starts: the first of the
        table rows under the same heading that run up to it."""
        while index > 0:
            before = self._stated[index - 1]
            if before.kind != "table_row" or before.path != clause.path:
                break
            index -= 1
        return index

    def table_caption(self, clause: Clause) -> str:
        """What stands just above the table ``clause`` (a row of the new version) is in,
        under the same heading: up to :data:`CAPTION_PARAGRAPHS` paragraphs ("Targeting
        Cookies", "These cookies are used to make advertising messages more relevant to you
        ..."), the table's title and what it is about when the page gave them no heading of
        their own; "" when a heading or a list comes first. Rows one right after another under
        one heading are taken as one table: two tables with no paragraph between them share
        the first one's caption."""
        if clause.kind != "table_row":
            return ""
        index = self._position(clause)
        if index is None:
            return ""
        index = self._table_start(index, clause)
        above: list[str] = []
        while index > 0 and len(above) < CAPTION_PARAGRAPHS:
            index -= 1
            before = self._stated[index]
            if before.kind != "paragraph" or before.path != clause.path:
                break
            above.append(before.text)
        return "\n".join(reversed(above))

    def table_topics(self, rows: Sequence[Clause]) -> tuple[str, ...]:
        """The topics of the table ``rows`` (rows of the new version) are in, read from its
        header row and its title (a caption's first line, when short): what a row says
        nothing of by itself ("bing.com | MUID | 3rd Party" in a table headed "Domain |
        Cookies | Used as"), its table says; () for clauses that are no table rows. Not the
        caption's prose, which says more than what the table lists."""
        if not rows or any(c.kind != "table_row" for c in rows):
            return ()
        header = self.table_header(rows[0])
        title = self.table_caption(rows[0]).split("\n", 1)[0]
        if len(words(title)) > TITLE_WORDS:
            title = ""
        if not header and not title:
            return ()
        return topics_of(_joined((title, header)), self._rules)

    def column_change(self, change: Change) -> tuple[int, tuple[str, ...], tuple[str, ...]] | None:
        """When ``change``, a table row modified, only gains (or loses) whole cells and the
        header row of its table gains (or loses) as many in the same diff, a column was added
        to (removed from) the table: 1 (-1), the row's cells added (removed) and the names of
        the columns (the header's cells added or removed; the header row's own change is one
        such; none for the row of a table of one row, which may be a header or a recipient's
        row). None otherwise: a cell that gains words, a row whose table kept its columns."""
        if change.kind != "modified" or len(change.old) != 1 or len(change.new) != 1:
            return None
        row = change.new[0]
        if row.kind != "table_row" or change.old[0].kind != "table_row":
            return None
        cells = whole_cells_changed(change.old[0].text, row.text)
        index = self._position(row)
        if cells is None or index is None:
            return None
        first = self._table_start(index, row)
        if first == index:  # the header row, when rows follow it; a table of one row has none
            following = self._stated[index + 1] if index + 1 < len(self._stated) else None
            if following is None or following.kind != "table_row" or following.path != row.path:
                return cells[0], cells[1], ()
            return cells[0], cells[1], cells[1]
        header = self._stated[first]
        header_change = self._modified_rows().get(header.id)
        if header_change is None:
            return None
        names = whole_cells_changed(header_change.old[0].text, header.text)
        if names is None or names[0] != cells[0] or len(names[1]) != len(cells[1]):
            return None
        return cells[0], cells[1], names[1]

    def titles_a_section(self, title: str, side: str, outside: Sequence[str] = ()) -> bool:
        """Whether the version ``side`` (of a change "removed": the old one, "added": the
        new one) has a section headed ``title`` (see :func:`same_title`: "M. Cancellation and
        Termination", "Cancellation & termination"; "F. Copyright & DMCA Policy", "F. Copyright
        Infringement and DMCA Policy") with at least 1 clause under it that is no heading, other
        than the sections of ``outside`` (a clause's own path); with ``outside`` empty, the
        section must hold 2 such clauses (the clause asking, and another)."""
        asked = title_parts(title)
        if not asked[1] or any(same_title(asked, title_parts(part)) for part in outside):
            return False
        least = 1 if outside else 2
        return any(
            size >= least and same_title(asked, parts)
            for parts, size in self._section_sizes(side).items()
        )

    def rows_titling_sections(self, row: Clause, side: str) -> int:
        """How many rows of the table ``row`` is in (the version ``side``'s table rows under
        the same headings) open with the title of a section of that version (see
        :meth:`titles_a_section`): a table of the document's sections has several, a table
        of recipients one at most, when one of them also has a section of its own."""
        key = (side, row.path)
        found = self._titling_rows.get(key)
        if found is None:
            found = self._titling_rows[key] = sum(
                1
                for clause in self._version_of(side)
                if clause.kind == "table_row"
                and clause.path == row.path
                and self.titles_a_section(clause.text.partition("|")[0], side, row.path)
            )
        return found

    def _version_of(self, side: str) -> list[Clause]:
        """The clauses of the version a change of ``side`` is read in ("removed": the old
        version, "added": the new one)."""
        return self._old_clauses() if side == "removed" else self._new_clauses()

    def _section_sizes(self, side: str) -> dict[tuple[str, str], int]:
        """The titles of the sections of one version (see :func:`title_parts`), each with how
        many clauses that are no headings stand under it."""
        sizes = self._sections.get(side)
        if sizes is None:
            sizes = {}
            for clause in self._version_of(side):
                if clause.kind == "heading":
                    sizes.setdefault(title_parts(clause.text), 0)
                    continue
                for parts in {title_parts(part) for part in clause.path}:
                    sizes[parts] = sizes.get(parts, 0) + 1
            self._sections[side] = sizes
        return sizes

    def _modified_rows(self) -> dict[str, Change]:
        """The changes that modify one table row, by the id of the row in the new version."""
        if self._rows_changed is None:
            self._rows_changed = {
                change.new[0].id: change
                for change in self._changes
                if change.kind == "modified"
                and len(change.old) == 1
                and len(change.new) == 1
                and change.new[0].kind == "table_row"
            }
        return self._rows_changed

    def sent_elsewhere(self, topics: Sequence[str]) -> str | None:
        """The new sentence, if any, that sends readers to another document on one of
        ``topics`` ("For details about cookies, read our Cookies Notice"): a removed clause on
        that topic went there. Only sentences the old version did not have count."""
        return next((s for s, found, _ in self._pointers() if found & set(topics)), None)

    def sent_to_product_document(self, text: str) -> str | None:
        """The new sentence, if any, that names another document of the very product a removed
        clause opens with ("ProtonMail Account activity: ..." removed, "Proton Mail Privacy
        Policy" listed among the product-specific policies): the clause went to that product's
        own document. Only sentences the old version did not have count."""
        opening = _compact(" ".join(words(match_form(text))[:PRODUCT_WORDS]))
        return next(
            (s for s, name in self._product_docs() if opening.startswith(name)),
            None,
        )

    def _product_docs(self) -> list[tuple[str, str]]:
        """The new sentences naming a product's own document, with the product's name (its
        words run together, lower-cased: "Proton Mail" and "ProtonMail" are one product)."""
        if self._product_documents is None:
            self._product_documents = []
            for change in self._changes:
                if change.kind not in ("added", "modified"):
                    continue
                old = set(sentences(match_form(_joined(c.display_text for c in change.old))))
                for sentence in sentences(match_form(_joined(c.display_text for c in change.new))):
                    if sentence in old:
                        continue
                    for found in _PRODUCT_DOCUMENT.finditer(sentence):
                        name = _compact(found.group("product"))
                        self._product_documents.append((sentence, name))
        return self._product_documents

    def section_sent_elsewhere(self, path: Sequence[str], topics: Sequence[str]) -> str | None:
        """The new sentence, if any, that sends readers to another document and is all that
        is left of the removed clause's section (``path``): renamed under the same number,
        with at most :data:`POINTER_SECTION_CLAUSES` clauses ("14.3 California Users" with
        its rights -> "14.3 U.S. State Privacy Disclosures and Consumer Rights: Additional
        details ... can be found in our U.S. State Privacy Notice"). A pointer on other
        topics than the clause's ("see our Cookie Policy" left where rights were) sent it
        nowhere."""
        number = _section_number(path)
        if not number or self._heading_kept(path[-1]):
            return None
        return next(
            (
                s
                for s, found, section in self._pointers()
                if section
                and (not found or found & set(topics))
                and _section_number(section) == number
                and self._section_size(section[-1]) <= POINTER_SECTION_CLAUSES
            ),
            None,
        )

    def _pointers(self) -> list[tuple[str, frozenset[str], tuple[str, ...]]]:
        """The new sentences that send readers to another document, with their topics and
        the path of their clause."""
        if self._elsewhere is None:
            self._elsewhere = []
            for change in self._changes:
                if change.kind not in ("added", "modified"):
                    continue
                old = set(sentences(match_form(_joined(c.display_text for c in change.old))))
                path = change.new[0].path if change.new else ()
                new = sentences(match_form(_joined(c.display_text for c in change.new)))
                for sentence in new:
                    if sentence not in old and _OTHER_DOCUMENT.search(sentence):
                        found = frozenset(topics_of(sentence, self._rules))
                        self._elsewhere.append((sentence, found, path))
        return self._elsewhere

    def _section_size(self, heading: str) -> int:
        """How many clauses other than headings the new version has under ``heading``."""
        return sum(
            1
            for clause in self._new_clauses()
            if clause.kind != "heading" and clause.path and clause.path[-1] == heading
        )

    def _heading_kept(self, heading: str) -> bool:
        """Whether the new version still has a section of this heading (a section renamed or
        replaced has not: "14.3 California Users" -> "14.3 U.S. State Privacy Disclosures")."""
        if self._new_headings is None:
            self._new_headings = frozenset(
                part for clause in self._new_clauses() for part in clause.path
            )
        return heading in self._new_headings

    def _new_clauses(self) -> list[Clause]:
        """The new version's clauses (those of the changes' new sides when it was not given),
        each once."""
        seen: dict[str, Clause] = {}
        for clause in [*self._stated, *(c for ch in self._changes for c in ch.new)]:
            seen.setdefault(clause.id, clause)
        return list(seen.values())

    @property
    def olds(self) -> _SentencePool:
        """The sentences of the old sides of the removed and modified clauses, gathered when a
        removed or added clause first asks where a sentence of its went (most diffs of a night
        modify clauses only, and never ask)."""
        if self._olds is None:
            kept = [c for c in self._changes if c.kind in ("removed", "modified")]
            self._olds = _SentencePool(kept, "old")
        return self._olds

    @property
    def news(self) -> _SentencePool:
        """The sentences of the new sides of the added and modified clauses (as :attr:`olds`)."""
        if self._news is None:
            kept = [c for c in self._changes if c.kind in ("added", "modified")]
            self._news = _SentencePool(kept, "new")
        return self._news

    def still_made(self, claim: Claim, reading: Reading) -> bool:
        """Whether the new version still makes ``claim``, a promise of ``reading`` that a change
        dropped (its promises are gathered when a dropped promise first asks)."""
        if self._promises is None:
            texts = [c.display_text for c in self._stated]
            self._promises = StatedPromises(texts, self._readings)
        return self._promises.still_made(claim, reading)

    def shared_before(self, recipients: frozenset[str]) -> bool:
        """Whether the old version gave data to every one of ``recipients`` (scope terms): a
        sentence of an unchanged clause, or of a change's old side, where a spreading power
        that is not denied names them.

        Read as far as the answer needs, the same answer as with every sentence read first:
        the old version's clauses only until each asked recipient is restated, and of their
        sentences only those naming a recipient that would restate it are read for what they
        give (their claims, conditions and exceptions). Each sentence's named recipients are
        indexed by their stems once per diff, so a recipient the old version never named
        (the bench's "partners") costs a look-up in that index, not a reading of every
        sentence that names some recipient: that reading was a third of the classification
        of a bench page's diff asking it."""
        return all(self._restated_before(term) for term in recipients)

    def _restated_before(self, term: str) -> bool:
        if term in _BROAD_RECIPIENTS:
            return False
        own = term_stems(term)
        kinds = recipient_kinds(term, self._rules.readings)
        known = {n for s in (*own, "") for n in self._named_by_stem.get(s, ())}
        known.update(n for kind in kinds for n in self._named_by_kind.get(kind, ()))
        for number in sorted(known):
            if self._restates(number, own, kinds):
                return True
        if self._unread_named is None:
            self._unread_named = self._read_named()
        return any(self._restates(number, own, kinds) for number in self._unread_named)

    def _restates(self, number: int, own: frozenset[str], kinds: frozenset[int]) -> bool:
        """Whether the old sentence ``number`` gives data to a recipient that restates a term
        of stems ``own`` and recipient kinds ``kinds`` (see :func:`_restated_recipient`)."""
        named = [r for r in self._named[number][1] if _restates_term(r, own, kinds, self._readings)]
        return bool(named) and not self._given_by(number).isdisjoint(named)

    def _given_by(self, number: int) -> frozenset[str]:
        """The recipients the old sentence ``number`` gives data to in general (what
        :func:`~tracker.classify.statements.recipients_given` answers), read once."""
        given = self._given.get(number)
        if given is None:
            text, named = self._named[number]
            given = named if gives_in_general(text, self._readings) else frozenset()
            # shared only with consent or on a condition: not in general
            if given and _ADJECTIVE_USE.search(text):
                given = given - _THIRD_PARTY
            # only de-identified or aggregated data given ("We share aggregated statistics
            # with advertisers"): none of people's data as such
            if given and _DE_IDENTIFIED.search(text):
                given = frozenset()
            self._given[number] = given
        return given

    def _read_named(self) -> Iterator[int]:
        """Read the old version's sentences for the recipients they name, each indexed (by the
        smallest stem of each recipient it names, "" for a recipient without one: a recipient
        can restate a term only when its stems are all the term's) and its number yielded as
        it is read."""
        for clause in self._old_clauses():
            form = self._naming_recipients(clause)
            if form is None:
                continue
            for sentence in sentences(form):
                text = without_references(sentence)
                named = recipients_named(text, self._readings)
                if not named:
                    continue  # it gives data to no one it names
                number = len(self._named)
                self._named.append((text, named))
                for recipient in named:
                    if recipient not in _BROAD_RECIPIENTS:
                        key = min(term_stems(recipient), default="")
                        self._named_by_stem.setdefault(key, []).append(number)
                        for kind in recipient_kinds(recipient, self._readings):
                            self._named_by_kind.setdefault(kind, []).append(number)
                yield number

    def spread_before(self, claim: Claim) -> bool:
        """Whether a sentence of the old version (an unchanged clause or a change's old side)
        lets people's data be passed on with ``claim``'s verb (the same pattern of the rule
        file), not denied, not only under the user's control and not limited to its cases ("We
        will only disclose it as required by law": a new case goes beyond that limit)."""
        if claim.key not in self._spread:
            stem = claim.verb[:VERB_STEM].lower()
            self._spread[claim.key] = any(
                c.key == claim.key
                and c.kind == "power"
                and c.spreading
                and c.on_data
                and not c.negated
                and not c.controlled
                and not _LIMITED_BEFORE.search(reading.text, 0, c.start)
                for clause in self._old_clauses()
                if stem in (form := match_form(clause.display_text)).lower()
                for sentence in sentences(form)
                if stem in sentence.lower()
                if not (reading := self._read_old(sentence)).limiters
                for c in reading.claims
            )
        return self._spread[claim.key]

    def collected_before(self, reading: Reading) -> bool:
        """Whether the old version (an unchanged clause or a change's old side, read with the
        words its heading implies) took every kind of data ``reading`` names (its sensitive
        and other data scope terms): in a sentence with a power on data that is not denied and
        passes nothing on, and not only with the user's opt-in ("only with your explicit
        consent", "if you choose to"): taking it without is new. Two terms are one kind when
        the same entry of the rule file's ``sensitive`` (or ``data``) list matches both in
        full."""
        if self._collected is None:
            self._collected = frozenset(self._kinds_collected_before())
        found = self._data_kinds(reading)
        return None not in found and found <= self._collected

    def purposed_before(self, reading: Reading) -> bool:
        """Whether the old version (an unchanged clause or a change's old side, read with the
        words its heading implies) already used data for every purpose ``reading`` names: in
        a sentence with a power on data that is not denied and not only with the user's opt-in.
        Two purposes are one when the same entry of the rule file's ``purposes`` matches both
        in full. A sentence that passes data on ("share it with our subsidiaries for
        advertising") needs one that passed data on for them: a company that showed its own
        ads with people's data never gave it away for advertising."""
        if self._purposed is None:
            before = list(self._purposes_before())
            self._purposed = (
                frozenset(kind for kind, _ in before),
                frozenset(kind for kind, passing in before if passing),
            )
        used, passed_on = self._purposed
        found = {self._data_kind("purposes", term) for term in reading.scope["purposes"]}
        return (
            bool(found)
            and None not in found
            and found <= (passed_on if _passes_on(reading) else used)
        )

    def _purposes_before(self) -> Iterable[tuple[tuple[str, int] | None, bool]]:
        """Each purpose of the old version's sentences that use data (its entry), and whether
        the sentence passes data on."""
        for reading in self._old_uses_naming("purposes"):
            passing = _passes_on(reading)
            for term in reading.scope["purposes"]:
                yield self._data_kind("purposes", term), passing

    def _kinds_collected_before(self) -> Iterable[tuple[str, int]]:
        for reading in self._old_uses_naming("data", "sensitive"):
            if any(
                c.kind == "power" and c.on_data and not c.negated and not c.spreading
                for c in reading.claims
            ):  # one that takes data, not only passes it on
                yield from (kind for kind in self._data_kinds(reading) if kind is not None)

    def _old_uses_naming(self, *names: str) -> Iterator[Reading]:
        """The old version's sentences (of unchanged clauses and changes' old sides, read with
        the words their heading implies) in clauses a word of the readings ``names`` is in,
        that use people's data: a power on data not denied, and not only with the user's
        opt-in ("only with your explicit consent")."""
        for clause in self._old_clauses():
            implied = _implied_verb((clause,), self._rules)
            form = match_form(implied + clause.text if implied else clause.display_text)
            if all(self._readings.search(name, form) is None for name in names):
                continue
            for sentence in sentences(form):
                reading = self._read_old(sentence)
                if not reading.opt_in and any(
                    c.kind == "power" and c.on_data and not c.negated for c in reading.claims
                ):
                    yield reading

    def _data_kinds(self, reading: Reading) -> set[tuple[str, int] | None]:
        return {
            *(self._data_kind("sensitive", term) for term in reading.sensitive),
            *(self._data_kind("data", term) for term in reading.scope["data"]),
        }

    def _data_kind(self, name: str, term: str) -> tuple[str, int] | None:
        """The first entry of the list ``name`` that matches ``term`` in full, if any."""
        for index, pattern in enumerate(self._readings.patterns.get(name, ())):
            if re.fullmatch(pattern, term, re.IGNORECASE):
                return name, index
        return None

    def waived_before(self) -> Waivers:
        """The waivers (arbitration, class actions, jury trials...) the old version holds, for
        everyone or for some: in an unchanged clause or a change's old side."""
        if self._waived is None:
            self._waived = self._waivers_of(self._old_clauses())
        return self._waived

    def waived_now(self) -> Waivers:
        """The waivers the new version holds, for everyone or for some."""
        if self._waived_now is None:
            self._waived_now = self._waivers_of(self._stated)
        return self._waived_now

    def _waivers_of(self, clauses: Iterable[Clause]) -> Waivers:
        return waivers_in(" ".join(match_form(c.display_text) for c in clauses), self._readings)

    def excepted_before(self, promised_words: str, item: str) -> bool:
        """Whether the old version already made the exception ``item`` to the promise of a
        list's lead-in, about ``promised_words`` (:func:`excepted_promise`). "GitHub employees
        do not access private repositories unless required to for security reasons, to assist
        the repository owner with a support matter, ..." made "- to assist the repository owner
        with a support matter": an old sentence that denies, naming what the promise is about
        before its word of exception, holds most of the item's words after it. Only such a
        sentence made the exception: one that merely names the same data and recipients ("We
        may share personal information with our partners for the purposes described below")
        did not."""
        promised = term_stems(promised_words)
        wanted = term_stems(item)
        if len(promised) < 2 or not wanted:
            return False
        for clause in self._old_clauses():
            for sentence in sentences(match_form(clause.text)):
                exception = _EXCEPTION_WORD.search(sentence)
                if exception is None or _DENIES.search(sentence, 0, exception.start()) is None:
                    continue
                named = promised & term_stems(sentence[: exception.start()])
                excepted = wanted & term_stems(sentence[exception.end() :])
                if len(named) >= 2 and len(excepted) * 2 >= len(wanted):
                    return True
        return False

    def _old_clauses(self) -> list[Clause]:
        """The old version's clauses, as far as a diff knows them: the unchanged ones (from
        the new version) and the old sides of the changes."""
        if self._old is None:
            in_changes = {c for change in self._changes for c in change.new}
            unchanged = [c for c in self._stated if c not in in_changes]
            self._old = [*unchanged, *(c for change in self._changes for c in change.old)]
        return self._old

    def _read_old(self, sentence: str) -> Reading:
        """A sentence of the old version, read once for every question asked of it (what it
        spread, what it collected)."""
        reading = self._old_readings.get(sentence)
        if reading is None:
            reading = self._old_readings[sentence] = read_sentence(sentence, self._readings)
        return reading

    def _naming_recipients(self, clause: Clause) -> str | None:
        """``clause`` as read for the recipients it names (in match form, with the words its
        heading implies, see :func:`_implied_verb`), or None when it names none."""
        # an item of a "How we share" list says who gets data without a verb of its own
        implied = _implied_verb((clause,), self._rules)
        form = match_form(implied + clause.text if implied else clause.display_text)
        return form if self._readings.search("recipients", form) is not None else None

    def moved_from(self, sentence: str, change: Change) -> str | None:
        """The sentence of another change that ``sentence`` of ``change`` (removed or added)
        is a copy or a rewording of, if any: it was moved, not added or removed."""
        found = self._counterpart(sentence, change)
        return None if found is None else found[1]

    def reworded_from(self, sentence: str, change: Change) -> str | None:
        """The old sentence that ``sentence``, of an added clause, rewords, when nothing else
        reports that rewording: the old sentence is in a removed clause that counts it as
        moved (a modified clause, or a removed sentence too short to count as moved, reports
        its own loss)."""
        found = self._counterpart(sentence, change)
        if found is None or found[0].kind != "removed" or found[1] == sentence:
            return None
        origin_change, origin = found
        return origin if self._counterpart(origin, origin_change) is not None else None

    def _counterpart(self, sentence: str, change: Change) -> tuple[Change, str] | None:
        pool = self.news if change.kind == "removed" else self.olds
        return pool.counterpart(Counter(words(sentence)), exclude=change)


#: The verb's first letters a sentence of the old version must contain to be read for it.
VERB_STEM = 4
#: A limiter just before a verb ("we will only disclose it as required by law").
_LIMITED_BEFORE = re.compile(r"\b(?:only|solely|exclusively)\s+(?:[\w'-]+\s+)?$", re.IGNORECASE)
#: "third-party" said of other recipients ("third-party service providers"): it names them,
#: not third parties in general.
_THIRD_PARTY = frozenset({"third party", "third-party", "third parties"})
_ADJECTIVE_USE = re.compile(r"\bthird[- ]party\s+(?!and\b|or\b)[a-z]", re.IGNORECASE)
#: Data no longer people's as such ("aggregated statistics", "de-identified information"); not
#: data only kept safe on its way ("encrypted", "hashed"): people's data all the same.
_DE_IDENTIFIED = re.compile(
    r"\b(?:aggregated|anonymi[sz]ed|anonymous|de-?identified|non-?identifiable|non-?personal)\b",
    re.IGNORECASE,
)
#: Recipients whose naming is serious every time: making data public.
_BROAD_RECIPIENTS = frozenset({"the public", "publicly"})


def _passes_on(reading: Reading) -> bool:
    """Whether the sentence passes people's data on: a spreading power on data, not denied."""
    return any(
        c.kind == "power" and c.spreading and c.on_data and not c.negated for c in reading.claims
    )


def _restated_recipient(term: str, before: Iterable[str], readings: Readings) -> bool:
    """The old version gave data to ``term``, to a broader recipient that includes it
    ("business partners" after "partners", not "third parties" after "third-party service
    providers") or to a recipient of the same kind in other words (the rule file's
    ``same_recipients``: "subsidiaries" after "affiliates", "advertisers" after "advertising
    partners"); never the public."""
    if term in _BROAD_RECIPIENTS:
        return False
    own = term_stems(term)
    kinds = recipient_kinds(term, readings)
    return any(_restates_term(old, own, kinds, readings) for old in before)


def _restates_term(
    old: str, own: frozenset[str], kinds: frozenset[int], readings: Readings
) -> bool:
    """Whether the old version's recipient ``old`` restates a term of stems ``own`` and
    recipient kinds ``kinds``: it is broader (its stems are all the term's) or of the same
    kind; never the public."""
    if old in _BROAD_RECIPIENTS:
        return False
    return term_stems(old) <= own or not kinds.isdisjoint(recipient_kinds(old, readings))


def recipient_kinds(term: str, readings: Readings) -> frozenset[int]:
    """The entries of the rule file's ``same_recipients`` (by their place in it) whose pattern
    matches the recipient ``term`` in full: recipients of one kind, one as good as another
    for who is given data ("affiliates", "subsidiaries", "our corporate group")."""
    kinds = readings.memo.of(_RecipientKinds)
    found = kinds.get(term)
    if found is None:
        found = kinds[term] = frozenset(
            number
            for number, (_, regex) in enumerate(readings.each("same_recipients"))
            if regex.fullmatch(term)
        )
    return found


class _RecipientKinds(dict[str, frozenset[int]]):
    """The memo of :func:`recipient_kinds`: a recipient term's kinds."""


#: A section that now holds at most this many clauses (besides headings) and a sentence sending
#: readers to another document was replaced by that pointer.
POINTER_SECTION_CLAUSES = 2
#: The number a section heading starts with ("14.3", "IV.", "2"), without its markup.
_SECTION_NUMBER = re.compile(r"^[\W_]*((?:\d+|[IVX]+)(?:\.\d+)*)[.)]?\s", re.IGNORECASE)


def _section_number(path: Sequence[str]) -> str:
    """The number of the innermost heading of ``path`` ("" when it has none: a section
    numbered higher up is a different, larger one)."""
    found = _SECTION_NUMBER.match(path[-1]) if path else None
    return found.group(1).upper() if found else ""


#: A reference to another document of the company's ("our Cookies Notice", "the Acme Cookie
#: Policy"): a capitalised title ending in a document's name.
_OTHER_DOCUMENT = re.compile(
    r"\b(?:our|the|its|[A-Z][\w&.-]*'s|[A-Z][\w&.-]*’s)\s+(?:[A-Z][\w.-]*\s+){0,4}"
    r"(?:Notice|Policy|Statement|Guidelines|Addendum|Terms|FAQs?|Help Center)\b"
)

#: A product's own document: two to four capitalised words of its name (not "Our", "The",
#: "This"), then the kind of document ("Proton Drive Privacy Policy", "Acme Pay Terms of Use").
_PRODUCT_DOCUMENT = re.compile(
    r"(?<![\w-])(?!(?:Our|The|This|These|Its|See|Read|Visit|Review)\b)"
    r"(?P<product>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){1,3})\s+"
    r"(?:Privacy (?:Policy|Notice|Statement)|Terms(?: of (?:Service|Use))?)\b"
)
#: The words a removed clause opens with that may name the product it is about.
PRODUCT_WORDS = 4


def _compact(name: str) -> str:
    return "".join(name.split()).lower()


class _SentencePool:
    """The sentences of one side of some changes, to ask whether a sentence is among them."""

    def __init__(self, changes: Sequence[Change], side: str) -> None:
        self.sentences: list[tuple[Change, Counter[str], str]] = []
        self.index: dict[str, list[int]] = {}
        for change in changes:
            clauses = change.old if side == "old" else change.new
            for sentence in sentences(match_form(_joined(c.display_text for c in clauses))):
                counts = Counter(words(sentence))
                for word in counts:
                    self.index.setdefault(word, []).append(len(self.sentences))
                self.sentences.append((change, counts, sentence))

    def counterpart(self, counts: Counter[str], *, exclude: Change) -> tuple[Change, str] | None:
        """The sentence of another change that says the same as the one of ``counts`` (most of
        the words of either sentence are in the other), the closest if several do, with its
        change."""
        total = sum(counts.values())
        if total < MOVED_MIN_WORDS:
            return None
        rare = sorted(counts, key=lambda w: len(self.index.get(w, ())))[:3]
        candidates = {i for w in rare for i in self.index.get(w, ())}
        best: tuple[float, Change, str] | None = None
        for i in sorted(candidates):
            change, other, sentence = self.sentences[i]
            if change is exclude:
                continue
            shared = sum((counts & other).values())
            other_total = sum(other.values())
            if shared / total >= MOVED_SHARE or (
                other_total >= MOVED_CORE_WORDS and shared / other_total >= MOVED_CORE_SHARE
            ):
                score = shared / max(total, other_total)
                if best is None or score > best[0]:
                    best = (score, change, sentence)
        return None if best is None else (best[1], best[2])


def grade_change(
    change: Change,
    old_topics: Sequence[str],
    new_topics: Sequence[str],
    rules: RuleSet,
    context: DiffContext | None = None,
) -> Grade:
    """The severity of ``change`` given the topics of its old and new text, with reasons."""
    if change.kind in ("modified", "cosmetic") and change.new and context is not None:
        # before the structure and the typo fix: a check mark has no word ("" -> "✓" is no
        # textual change) and "N" -> "Y" is one letter, yet an answer turned
        flipped = _answers_flipped(change, context.table_header(change.new[0]))
        if flipped:
            return _from_findings(flipped)
    structural = _structural_grade(change)
    if structural is not None:
        return structural
    if change.kind in ("added", "removed"):
        topics = merge_topics((old_topics, new_topics), rules)
        return _grade_presence(change, topics, rules, context)
    return _grade_modification(change, old_topics, new_topics, rules, context)


# -- 1. structure ----------------------------------------------------------------------------


def _structural_grade(change: Change) -> Grade | None:
    old_text = _joined(c.display_text for c in change.old)
    new_text = _joined(c.display_text for c in change.new)
    detail = change.detail
    if change.kind == "moved":
        return Grade(Severity.NONE, ("moved only",))
    if detail == ChangeDetail.DEDUPLICATED:
        return Grade(
            Severity.NONE, ("duplicate removed: the same text is still in the new version",)
        )
    if detail == ChangeDetail.DUPLICATED:
        return Grade(Severity.NONE, ("repeated: the old version already had the same text",))
    if detail == ChangeDetail.DATE_ONLY:
        return Grade(Severity.NONE, ("only a date changed",))
    if detail == ChangeDetail.REORDERED:
        return Grade(Severity.NONE, ("reordered only",))
    if change.kind == "cosmetic":
        return Grade(Severity.NONE, (f"{detail or 'cosmetic'} only",))
    bare_old = _joined(c.text for c in change.old)
    bare_new = _joined(c.text for c in change.new)
    if detail in MEANINGLESS_DETAILS and words(bare_old) == words(bare_new):
        return Grade(Severity.NONE, (f"{detail} only",))
    if detail == ChangeDetail.LINK:
        return Grade(Severity.LOW, ("only a link's address changed",))
    if change.kind == "modified":
        # each side's words found once for the four questions below
        old_words, new_words = words(old_text), words(new_text)
        if old_words == new_words and old_text.split() == new_text.split():
            return Grade(Severity.NONE, ("no textual change",))
        if (
            old_words != new_words
            and _may_be_contracted(old_words, new_words)
            and without_contractions(old_words) == without_contractions(new_words)
        ):
            return Grade(Severity.NONE, ("only contractions changed",))
        if _without_links(old_text, old_words) == _without_links(new_text, new_words):
            return Grade(Severity.LOW, ("only a link changed",))
        dates = _date_change(old_text, new_text, len(old_words))
        if dates is not None and quantities(old_text) == quantities(new_text):
            return Grade(Severity.NONE, (f"only a date changed: {dates}",))
    return None


def _is_date_token(token: str, *, dated: bool) -> bool:
    if _YEAR.match(token) or _NUMERIC_DATE.match(token):
        return True
    return dated and _DATE_WORD.match(token) is not None


def _may_be_contracted(*found: list[str]) -> bool:
    """Whether a list of words may hold a contraction :func:`without_contractions` spells out
    (a word ending in "n't", or "cannot"): a list holding none is its own spelling."""
    return any("n't" in joined or "cannot" in joined for joined in map(" ".join, found))


def _without_links(text: str, found: list[str] | None = None) -> list[str]:
    """The words of ``text`` without its links' addresses and their "(opens in a new
    window)" marks; ``found``: the words of ``text`` itself, when known (they are the answer
    when it has neither)."""
    without = _LINK_DECORATION.sub(" ", _URL.sub(" ", text))
    return found if found is not None and without == text else words(without)


def _date_change(old: str, new: str, old_words: int | None = None) -> str | None:
    """``"May 13, 2023 -> May 6, 2025"`` when every changed word is part of a date: the clause
    names a month, or is a line of few words. In a short line that names no month, a bare
    number is a date only when it is a year or the line says it dates something ("Last
    updated 3 4 2025"): "Users under 16 need parental consent" -> "under 13" is no date.
    ``old_words``: how many words ``old`` has, when known."""
    named_month = bool(_MONTH.search(old) and _MONTH.search(new))
    if old_words is None:
        old_words = len(words(old))
    if not named_month and old_words > SHORT_LINE:
        return None
    dated = named_month or bool(_DATED_LINE.search(old) and _DATED_LINE.search(new))
    ops = word_ops(old, new)
    changed = [w for op in ops if op.tag != "equal" for w in op.text.split()]
    tokens = [t.strip(",.;:()") for t in changed]
    if not tokens or not all(_is_date_token(t, dated=dated) for t in tokens if t):
        return None
    deleted = " ".join(op.text for op in ops if op.tag == "delete")
    inserted = " ".join(op.text for op in ops if op.tag == "insert")
    return f"{deleted or '(none)'} -> {inserted or '(none)'}"


#: A bullet inside a table cell ("| * Identifiers. * Audio information."), with the end of the
#: item before it.
_CELL_BULLET = re.compile(r"(?:[.;,]?\s+|^\s*)\*\s+")


def _cells_as_sentences(text: str) -> str:
    """A table row with each cell's bulleted items joined into one sentence ("Categories we
    collect | * Identifiers. * Audio information." -> "... | Identifiers; Audio
    information."): what the row's first cell says of its items holds for each of them."""
    if "|" not in text or "*" not in text:
        return text
    cells = [_CELL_BULLET.sub("; ", cell.strip()).strip("; ") for cell in text.split("|")]
    return " | ".join(cells)


def _rewording_findings(moved: Sequence[tuple[str, str]], rules: RuleSet) -> list[Finding]:
    """What moved sentences say differently where they now are ("aggregated and anonymous"
    -> "aggregated or anonymous" in a row moved to another table): each (old, new) pair read
    as the old and new versions of one sentence, when it is one."""
    findings: list[Finding] = []
    for old, new in moved:
        if not versions_of_one_sentence(old, new):
            continue  # the same words in another order of ideas: nothing to compare
        after = read_sentence(new, rules.readings)
        if after.pointer:
            continue
        findings += compare_sentences(read_sentence(old, rules.readings), after, rules.readings)
    return findings


# -- 2-4. meaning --------------------------------------------------------------------------------


def _grade_presence(
    change: Change, topics: Sequence[str], rules: RuleSet, context: DiffContext | None
) -> Grade:
    side = change.kind  # "added" or "removed"
    clauses = change.new if side == "added" else change.old
    text = _joined(c.display_text for c in clauses)
    if all(c.kind == "table_row" for c in clauses):
        text = _cells_as_sentences(text)
    if all(c.kind == "heading" for c in clauses):
        if not without_dates(visible_text(text)).replace("<date>", "").strip(" .,:;-–—*#"):
            # "September 29, 2024" over a change log's entry: its news is in the entry
            return Grade(Severity.NONE, (f"date heading {side}: '{shorten(text)}'",))
        return Grade(Severity.LOW, (f"heading {side}: '{shorten(text)}'",))
    read = _read_presence(change, text, topics, rules, context)
    if _summary_of_a_section(clauses, side, rules, context):
        return _summary_grade(read, side, text)
    return read


def _summary_grade(read: Grade, side: str, text: str) -> Grade:
    """A plain-language summary of a section added or removed: ``low``, what it sums up is
    judged where the section says it; but what would be an alarm read by itself (a promise
    the new version no longer makes in these words, a new power) is shown, ``medium``: the
    section may not say the same ("In short: we never sell your data" removed where no other
    sentence says so)."""
    summary = f"summary of a section {side}: '{shorten(text)}'"
    if read.severity != Severity.HIGH:
        return Grade(Severity.LOW, (summary,))
    return Grade(Severity.MEDIUM, (summary, *read.reasons[:1]), read.direction)


def _read_presence(
    change: Change, text: str, topics: Sequence[str], rules: RuleSet, context: DiffContext | None
) -> Grade:
    """An added or removed clause (``change``, its clauses as ``text``) read for what it says
    (its structure, headings and summaries, is told in :func:`_grade_presence`)."""
    side = change.kind  # "added" or "removed"
    clauses = change.new if side == "added" else change.old
    # a removed item's id names another clause in the new version: only added items' lead-in
    # (a list's) or caption (a table's)
    lead = context.lead_in(clauses[0]) if context is not None and side == "added" else ""
    caption = context.table_caption(clauses[0]) if context is not None and side == "added" else ""
    promised = excepted_promise(lead) if all(c.kind == "list_item" for c in clauses) else None
    if promised is not None:
        assert context is not None  # a lead-in is only found in a diff's context
        if context.excepted_before(promised, text):
            return Grade(Severity.LOW, (f"exception made before, now listed: '{shorten(text)}'",))
        return _from_findings([_exception_item(text, rules, promised)])
    if _rule_for_users(clauses, rules, lead):
        if introduces_list(text):  # its items, each a change of its own, say what
            return Grade(
                Severity.LOW, (f"introduction of rules for users {side}: '{shorten(text)}'",)
            )
        reason = f"rule for users {side}: '{shorten(text)}'"
        if side == "added":
            return _from_findings([Finding(Severity.MEDIUM, Direction.NEUTRAL, reason)])
        return _from_findings([_medium_narrows(reason)])
    entry = _recipient_entry(clauses, rules)
    if entry is not None and _location_line(text, rules):
        if side == "added":
            finding = Finding(
                Severity.MEDIUM,
                Direction.EXPANDS,
                f"listed recipient's location added: '{shorten(text, 8)}'",
            )
        else:
            finding = _medium_narrows(f"listed recipient's location removed: '{shorten(text, 8)}'")
        return _from_findings([finding])
    purpose = _entry_purpose(entry, text, rules) if entry is not None else None
    if purpose is not None:
        # "Purpose: Targeted advertising" under "Acme Ads Ltd": the recipient's use, one of the
        # uses the rules name (advertising, training, sale), now given to it or taken from it
        if side == "added":
            return _from_findings([_high(f"listed recipient's purpose added: '{purpose}'")])
        return _from_findings([_medium_narrows(f"listed recipient's purpose removed: '{purpose}'")])
    # "When you use an Enterprise Account, the administrators ... may:": no entry, the items
    # that follow say who gets what, each a change of its own; the line is read as any other
    # ("We sell your location to data brokers such as:" still says so itself)
    if (
        (entry is not None or _recipient_row(clauses, rules, context))
        and not _introduces_items(text)
        and not (
            entry is not None and _attribute_line(text, rules) and _under_entry_name(entry, rules)
        )
        and not _beside_the_entries(clauses, text, context)
        and entry_is_listing(text, rules)
    ):
        if side == "added":
            return _from_findings([_high(f"new recipient listed: '{shorten(text, 8)}'")])
        return _from_findings(
            [_medium_narrows(f"recipient no longer listed: '{shorten(text, 8)}'")]
        )
    implied = _implied_verb(clauses, rules, lead, caption)
    if request_statistics(text):
        return Grade(Severity.LOW, (f"request statistics {side}: '{shorten(text)}'",))
    if (_heading_like(clauses, text) or _label_like(text)) and not (
        implied
        and (
            any(c.kind == "table_row" for c in clauses)
            or rules.readings.search("sensitive", match_form(text)) is not None
        )
    ):  # a row of a table of recipients, uses or trackers says something, however short, and
        # so does an item naming sensitive data under a heading ("- Precise Location" under
        # "Data We Collect")
        return Grade(Severity.LOW, (f"heading-like line {side}: '{shorten(text)}'",))
    elsewhere = context.sent_elsewhere(topics) if context and side == "removed" else None
    replaced = (
        context.section_sent_elsewhere(clauses[0].path, topics)
        if context and side == "removed" and elsewhere is None
        else None
    )
    if replaced is None and elsewhere is None and context and side == "removed":
        # "Proton Calendar Account activity: ..." removed, "Proton Calendar Privacy Policy"
        # listed: the product's clause went to its own document
        replaced = context.sent_to_product_document(text)
    own: list[str] = []
    moved: list[tuple[str, str]] = []  # (the old version's sentence, this added sentence)
    for sentence in sentences(match_form(text)):
        if _BARE_LABEL.fullmatch(sentence):
            continue  # a list label ("1.") split off as a sentence: it says nothing
        origin = context.moved_from(sentence, change) if context is not None else None
        if origin is None:
            own.append(sentence)
        elif side == "added" and context is not None:
            reworded_from = context.reworded_from(sentence, change)
            if reworded_from is not None:
                moved.append((reworded_from, sentence))
    reworded = _rewording_findings(moved, rules)
    if own and _bare_list_introduction(own[-1], rules.readings):
        # "We may share your information in the following circumstances:": the items after it,
        # each a change of its own, say with whom and why
        own = own[:-1]
        if not own and not reworded:
            return Grade(Severity.LOW, (f"introduction of a list {side}: '{shorten(text)}'",))
    if not own:
        if reworded:
            return _from_findings(reworded)
        where = (
            "other changed clauses" if side == "removed" else "the old version's changed clauses"
        )
        return Grade(Severity.LOW, (f"moved and reworded: its sentences are in {where}",))
    if side == "removed" and context and _opt_out_of_a_waiver_gone(text, context, rules):
        return Grade(
            Severity.LOW, (f"opt-out removed with what it opted out of: '{shorten(text)}'",)
        )
    stated = context.still_made if context is not None else None
    shared = context.shared_before if context is not None and side == "added" else None
    waived = context.waived_before if context is not None and side == "added" else None
    spread = context.spread_before if context is not None and side == "added" else None
    collected = context.collected_before if context is not None and side == "added" else None
    purposed = context.purposed_before if context is not None and side == "added" else None
    findings = statement_findings(
        implied + " ".join(own),
        side,
        rules.readings,
        stated,
        shared,
        waived,
        spread,
        collected,
        purposed,
    )
    findings += reworded
    pointer = elsewhere or replaced
    if pointer is not None and not any(f.severity == Severity.HIGH for f in findings):
        return Grade(Severity.LOW, (f"moved to another document: '{shorten(pointer)}'",))
    if replaced is not None:
        # a promise or right dropped with its whole section, which now only sends readers to
        # another document: shown, not raised as an alarm (that document may keep it; a
        # pointer on the same topic elsewhere in the text says less, so the alarm stays)
        dropped = _from_findings(findings)
        return Grade(
            Severity.MEDIUM,
            (*dropped.reasons[:1], f"section sent to another document: '{shorten(replaced)}'"),
            dropped.direction,
        )
    if findings:
        return _from_findings(findings)
    if len(words(text)) < SHORT_LINE:
        return Grade(Severity.LOW, (f"short line {side}: '{shorten(text)}'",))
    if all(_only_points(read_sentence(s, rules.readings), rules.readings) for s in own):
        # "This notice explains how we collect, use and share your data": the topics it names
        # are stated where it points
        return Grade(Severity.LOW, (f"only points elsewhere {side}: '{shorten(text)}'",))
    grade = _topic_grade(topics, rules, f"clause {side}")
    capped = min(grade.severity, Severity.MEDIUM, key=lambda s: s.rank)
    return Grade(capped, grade.reasons)


def _grade_modification(
    change: Change,
    old_topics: Sequence[str],
    new_topics: Sequence[str],
    rules: RuleSet,
    context: DiffContext | None = None,
) -> Grade:
    old_text = _joined(c.display_text for c in change.old)
    new_text = _joined(c.display_text for c in change.new)
    ops = change.inline or word_ops(old_text, new_text)
    if is_typo_fix(ops, rules.severity.typo_max_edits) and not _opposites_swapped(ops, rules):
        return Grade(Severity.LOW, ("typo or spelling fix",))  # "increase" -> "decrease" is none
    column = context.column_change(change) if context is not None else None
    if column is not None and (by_column := _column_grade(change, column, rules)) is not None:
        return by_column
    renamed = _term_renamed(old_text, new_text, rules.readings)
    if renamed is not None and set(old_topics) == set(new_topics):  # not "court" -> "arbitration"
        return Grade(Severity.LOW, (f"a term renamed throughout: {renamed}",))
    if request_statistics(old_text) and request_statistics(new_text):
        return Grade(Severity.LOW, (f"request statistics updated: '{shorten(new_text)}'",))
    replacing = _recipient_replaced(change, rules, context)
    if replacing is not None:
        return _from_findings([_high(f"new recipient listed in place of another: '{replacing}'")])
    if (
        _headings_reworded(change, old_text, new_text, rules)
        and _same_numbers(_URL.sub(" ", old_text), _URL.sub(" ", new_text))
        and not _turned_round(ops, rules)
        and not _names_serious_spreading(ops)
    ):
        # a title names what follows: what is done is said in the clauses under it
        return Grade(Severity.LOW, (f"heading reworded: '{shorten(new_text)}'",))
    both = [*change.new, *change.old]  # one side's heading may be lost
    lead = context.lead_in(change.new[0]) if context is not None and change.new else ""
    if _order_to_users(both) and (
        _under_forbidding_heading(both, rules)
        or (_after_forbidding_lead(both, rules, lead) and _same_numbers(old_text, new_text))
    ):  # under a lead-in paragraph, a number changed in an item is read for what it says
        if _changed_content_stems(ops) >= RULE_CHANGED_WORDS or _turned_round(ops, rules):
            return Grade(Severity.MEDIUM, (f"rule for users changed: '{shorten(new_text)}'",))
        return Grade(Severity.LOW, (f"rule for users reworded: '{shorten(new_text)}'",))
    implied = _implied_verb(change.new or change.old, rules, lead)
    stated = context.still_made if context is not None else None
    # read without the list labels: "1." is no sentence, and the words a heading implies go
    # before the item's own first words
    old_body = _clauses_read_as_one(change.old)
    new_body = _clauses_read_as_one(change.new)
    findings = modification_findings(
        implied + old_body,
        implied + new_body,
        rules.readings,
        stated,
        shared=context.shared_before if context is not None else None,
        spread=context.spread_before if context is not None else None,
        collected=context.collected_before if context is not None else None,
        purposed=context.purposed_before if context is not None else None,
    )
    if _recipient_entry(change.new or change.old, rules) is not None:
        findings += _entry_findings(ops, old_text, new_text, rules)
    if (
        findings
        and _only_sends_elsewhere(new_body, old_body, rules)
        and (not new_topics or set(new_topics) & set(old_topics))
    ):
        # "Right to Know. You have the right to ..." -> "Additional details can be found in our
        # U.S. State Privacy Notice": what the clause said went to the document it now names
        # (shown, not raised as an alarm, as a section left with only a pointer); not to a
        # document on another topic ("We will never sell your data" -> "To learn more about
        # cookies, see our Cookie Policy": the promise is gone, not moved)
        dropped = _from_findings(findings)
        if dropped.severity == Severity.HIGH:
            return Grade(
                Severity.MEDIUM,
                (*dropped.reasons[:1], f"clause sent to another document: '{shorten(new_text)}'"),
                dropped.direction,
            )
    if not findings and (widened := widened_definition(old_body, new_body, ops)) is not None:
        # what the document grants over "Your Content" now reaches the added items
        term, more = widened
        return _from_findings([_high(f"definition of '{term}' widened: '{shorten(more)}'")])
    if findings:
        return _from_findings(findings)
    topics = merge_topics((old_topics, new_topics), rules)
    shifted = [t for t in topics if (t in old_topics) != (t in new_topics)]
    signals = changed_signals(ops, rules)
    if "numbers" in signals and _same_numbers(_URL.sub(" ", old_text), _URL.sub(" ", new_text)):
        signals.remove("numbers")  # "30 days" -> "thirty days": the same period
    if (
        signals
        and set(signals) <= {"negation", "modal"}
        and _only_auxiliaries_changed(ops)
        and same_claims(old_body, new_body, rules.readings)
    ):
        # "Your data will never be sold" -> "is never sold": another auxiliary, the same claims
        # (a weaker or turned one is a finding of the reading above)
        return Grade(Severity.LOW, ("wording changed; the same claims",))
    rewritten = _changed_content_words(ops) >= REWRITTEN_WORDS
    if rewritten and (_LINK_TARGET.search(old_text) or _LINK_TARGET.search(new_text)):
        # a link's address is no word a reader reads: "400 million <https://...>" -> "1
        # billion <https://...>" rewrites nothing (an address written out in the text is read)
        unlinked = word_ops(_LINK_TARGET.sub(" ", old_text), _LINK_TARGET.sub(" ", new_text))
        rewritten = _changed_content_words(unlinked) >= REWRITTEN_WORDS
    if topics and (signals or rewritten or shifted):
        why = (
            f"changed {', '.join(signals)}" if signals else "rewritten" if rewritten else "reworded"
        )
        return Grade(Severity.MEDIUM, (f"{why} ({', '.join(topics)}); no change of meaning found",))
    if _turned_round(ops, rules):
        return Grade(Severity.MEDIUM, (f"said the other way round: '{shorten(new_text)}'",))
    return Grade(Severity.LOW, ("wording changed; no change of meaning found",))


def _opt_out_of_a_waiver_gone(text: str, context: DiffContext, rules: RuleSet) -> bool:
    """Whether ``text`` (a removed clause) lets people opt out of a waiver, arbitration or a
    class-action waiver, that the new version no longer holds for anyone: the opt-out went
    with the waiver ("Opt-Out Procedure. You may opt out of this agreement to arbitrate ..."
    removed with the arbitration section). When the new version still sends disputes to
    arbitration, the opt-out removed is a right removed; so is any promise of the clause's
    sentences that name neither a waiver nor an opt-out ("You can also delete your data at any
    time")."""
    plain = match_form(text)
    if rules.readings.search("opt_out", plain) is None:
        return False
    named = waiver_kinds(plain, rules.readings)
    now = context.waived_now()
    if not named or named & (now.whole | now.some):
        return False
    return not any(
        read_sentence(s, rules.readings).promises
        for s in sentences(plain)
        if not waiver_kinds(s, rules.readings) and rules.readings.search("opt_out", s) is None
    )


def _answers_flipped(change: Change, header: str) -> list[Finding]:
    """A table row whose only change is yes/no answers turned round ("Internet activity | NO |
    NO" -> "... | YES | YES"), read by its column's name: a practice of the company
    ("Collected?", "Sold or shared?") now answered yes expands what it does; a protection or a
    right ("Opt-out available?") now answered no expands it too. The other way round narrows.
    Empty when anything else changed, or no column says which it is."""
    if len(change.old) != 1 or len(change.new) != 1 or not header:
        return []
    old, new, names = (_cells(text) for text in (change.old[0].text, change.new[0].text, header))
    if not len(old) == len(new) == len(names):
        return []
    answers = [(_answer(a), _answer(b)) for a, b in zip(old, new, strict=True)]
    flips = [i for i, (was, now) in enumerate(answers) if was != now]
    if not flips or any(answers[i][0] is None or answers[i][1] is None for i in flips):
        return []
    row = next(
        (c for c, (_, now) in zip(new, answers, strict=True) if now is None and _has_letters(c)),
        new[0],
    )
    findings: list[Finding] = []
    for index in flips:
        column = names[index]
        protects = _protection_column(column)
        if protects is None:
            return []  # a column that says neither: read as any other change
        now_yes = answers[index][1] is True
        said = f"'{shorten(column, 6)}' now {'yes' if now_yes else 'no'} for '{shorten(row, 8)}'"
        if now_yes != protects:
            findings.append(_high(f"table answer turned: {said}"))
        else:
            findings.append(_medium_narrows(f"table answer turned: {said}"))
    return findings


def _cells(text: str) -> list[str]:
    return [cell.strip().strip("*_").strip() for cell in text.split("|")]


def _has_letters(cell: str) -> bool:
    return any(ch.isalpha() for ch in cell)


def _answer(cell: str) -> bool | None:
    """What a cell answers: yes (a yes, or a check mark), no (a no, a cross, a dash, or left
    empty), None when it says something else. A yes or no may be followed by a qualifier
    ("Yes (for advertising)", "No*")."""
    if not cell or cell in _NO_MARKS:
        return False
    if cell in _YES_MARKS:
        return True
    said = _YES_NO.match(cell)
    if said is None:
        return None
    return said.group(0)[0].lower() == "y"


#: A table cell that answers yes or no, and what may follow it: a mark, a bracket, a comma.
_YES_NO = re.compile(r"(?:yes|no|y|n)(?=$|[\s*†‡(\[,;:.-])", re.IGNORECASE)
#: Marks that answer a table's question yes ("X" as ticked in state-law tables) or no.
_YES_MARKS = frozenset({"✓", "✔", "✔️", "☑", "☑️", "✅", "●", "•", "x", "X"})
_NO_MARKS = frozenset({"✗", "✘", "❌", "–", "—", "-", "○"})


def _protection_column(column: str) -> bool | None:
    """Whether a column names a protection or right of the user (True) or a practice of the
    company (False), by what it names first ("Can you opt out of sale?" a right; "Used for
    training (opt-out available)" a practice), with a negation before it read the other way
    ("Not sold", "Never shared"); None when it names neither."""
    protection = _PROTECTION_COLUMN.search(column)
    practice = _PRACTICE_COLUMN.search(column)
    if protection is None and practice is None:
        return None
    if protection is None:
        first, protects = practice, False
    elif practice is None or protection.start() <= practice.start():
        first, protects = protection, True
    else:
        first, protects = practice, False
    assert first is not None
    if _NEGATION_BEFORE.search(column, 0, first.start()):
        return not protects
    return protects


#: A negation in a column's name before what it names ("We do not sell", "Never shared").
_NEGATION_BEFORE = re.compile(r"\b(?:not|never|no|don't|doesn't|won't)\b", re.IGNORECASE)
#: A column naming something the company does with data: answered yes, it does it.
_PRACTICE_COLUMN = re.compile(
    r"\b(?:collect|disclos|shar|sold|sell|sale|use[ds]?\b|process|retain|transfer|target|"
    r"track|profil|third[- ]part|train|combin|infer)",
    re.IGNORECASE,
)
#: A column naming a protection or a right of the user: answered no, it is gone.
_PROTECTION_COLUMN = re.compile(
    r"\b(?:opt[- ]?(?:out|in)|rights?\b|delet|encrypt|anonymi|pseudonymi|de-?identif|"
    r"consent (?:required|needed)|limit)",
    re.IGNORECASE,
)


def request_statistics(text: str) -> bool:
    """A report of how many requests people made and how they were handled ("Requests to
    delete: Received 1,204; Complied with 1,100; Denied 104. Median days to respond: 12", as US
    state laws ask businesses to publish): counts, no promise or right of its own. Not when it
    also says what will, may or must be done ("... We will respond within 45 days")."""
    return (
        _REQUEST_METRICS.search(text) is not None
        and len(_COUNT.findall(text)) >= STATISTICS_COUNTS
        and _HANDLED.search(text) is not None
        and _SAYS_WHAT_WILL_BE.search(text) is None
    )


#: Numbers a report of requests gives at least (received, and how many were handled).
STATISTICS_COUNTS = 2
_REQUEST_METRICS = re.compile(
    r"\b(?:number|total|count)s? of (?:[\w-]+ ){0,3}requests?\b|"
    r"\brequests? (?:to|for) (?:[\w-]+ ){0,2}(?:delete|deletion|know|access|opt[- ]?out|correct\w*|"
    r"limit|portability)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w.])|(?<![\w.,])\d+(?![\w.,])")
_SAYS_WHAT_WILL_BE = re.compile(
    r"\b(?:will|shall|must|may|can|cannot|never|won't|right)\b", re.IGNORECASE
)
_HANDLED = re.compile(
    r"\b(?:received|complied|completed|denied|fulfilled|rejected|median|average|mean)\b",
    re.IGNORECASE,
)


def _names_serious_spreading(ops: Sequence[InlineOp]) -> bool:
    """Words inserted that name selling, renting, licensing, training or monetising ("How We
    Share Your Information" -> "How We Sell Your Information"): a heading that says so now is
    read for what it says."""
    inserted = " ".join(op.text for op in ops if op.tag == "insert")
    return _SERIOUS_SPREADING.search(inserted) is not None


_SERIOUS_SPREADING = re.compile(rf"\b(?:{'|'.join(SERIOUS_SPREADING_STEMS)})\w*", re.IGNORECASE)


def _headings_reworded(change: Change, old_text: str, new_text: str, rules: RuleSet) -> bool:
    """Both sides of a modified clause are headings, or lines like them, and not the entry of
    a list of recipients (a processor's name and what it does, in title case, is an entry).
    The caller reads a number changed ("Minimum age: 16" -> "13") or a line said the other way
    round for what it says."""
    return (
        bool(change.old and change.new)
        and _heading_like(change.old, old_text)
        and _heading_like(change.new, new_text)
        and not _field_value_changed(_URL.sub(" ", old_text), _URL.sub(" ", new_text))
        and _recipient_entry(change.new, rules) is None
        and _recipient_entry(change.old, rules) is None
    )


def _field_value_changed(old_text: str, new_text: str) -> bool:
    """Both sides are a label and its value with the same label ("Third-Party Sharing: None"
    -> "Third-Party Sharing: Advertising Partners", "Data Retention: 30 Days" -> "...:
    Indefinitely"): the value states something, as a sentence would; no heading reworded."""
    old_label, old_colon, old_value = old_text.partition(":")
    new_label, new_colon, new_value = new_text.partition(":")
    return (
        bool(old_colon and new_colon and old_value.strip() and new_value.strip())
        and old_label.strip().lower() == new_label.strip().lower()
    )


def _heading_like(clauses: Sequence[Clause], text: str) -> bool:
    """A short title-cased line without a sentence's end, or a short question: a heading, a
    table-of-contents entry or a label ("How We Share Your Information"), not a statement."""
    form = match_form(text).strip()
    if not form or len(form.split()) > TITLE_WORDS:
        return False
    if form.endswith("?"):
        return True  # a question ("What data do we collect?") heads an answer, states nothing
    if form.endswith((".", "!", ";", ":")):
        return False
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", form) if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in long_words)
    return bool(long_words) and capitalised / len(long_words) >= TITLE_CASE_SHARE


def _only_sends_elsewhere(text: str, old_text: str, rules: RuleSet) -> bool:
    """Whether every sentence of ``text`` sends readers to another place and states nothing
    itself ("More information is available in our Cookie Notice"), and one of them is new (a
    pointer the old text already had sent nothing new there)."""
    said = sentences(match_form(text))
    return bool(set(said) - set(sentences(match_form(old_text)))) and all(
        (reading := read_sentence(s, rules.readings)).pointer
        and _only_points(reading, rules.readings)
        for s in said
    )


def _only_points(reading: Reading, readings: Readings) -> bool:
    """A sentence that sends readers elsewhere and says nothing done with data itself ("See
    our Cookie Policy"), or that only says what the document covers; not a pointer that states
    a practice with what it is done to or for ("Learn more about how we use your messages to
    train our models"; "questions about how we share your information" names none) or a right
    ("Visit the Privacy Center to delete your data", "Check the box to opt out of the sale")."""
    if reading.describes:
        return True
    if not reading.pointer:
        return False
    pointing = [m.span() for m in readings.finditer("pointer", reading.text)]
    acting = [
        c for c in reading.claims if c.on_data and not any(a <= c.start < b for a, b in pointing)
    ]  # the pointer's own verb ("please see our ...") does nothing with data
    if acting and any(reading.scope.values()):
        return False  # "how we use your messages to train our models": a practice named
    return not _offers_a_right(reading.text, readings)


def _offers_a_right(text: str, readings: Readings) -> bool:
    """A right's verb as what the sentence lets people do ("... to opt out of the sale"); a
    verb that needs an object ("to review our policy") only with people's data after it."""
    for pattern, regex in readings.each("rights"):
        for match in regex.finditer(text):
            if not text[: match.start()].lower().endswith("to "):
                continue
            after = text[match.end() : match.end() + 60]
            if not takes_an_object(pattern, readings) or readings.search("user_data", after):
                return True
    return False


#: A list label alone ("1.", "(b)", "iv)"): what sentence splitting makes of an item's number.
_BARE_LABEL = re.compile(r"\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]\)?", re.IGNORECASE)


#: What a row of a table of trackers says without a verb.
_TRACKERS = "We use cookies and trackers that collect your data: "
#: What an item of a section says without a verb: the section's heading gives it.
_IMPLIED = (
    ("sharing_sections", "We share your information with "),
    ("collection_sections", "We collect your information: "),
    ("purpose_sections", "We use your information for "),
    ("retention_sections", "We keep your information as follows: "),
    ("tracker_sections", _TRACKERS),
)


#: The kinds of clause a heading can imply a verb for (see _implied_verb).
_IMPLYING_KINDS = ("list_item", "table_row")


def _implied_verb(
    clauses: Sequence[Clause], rules: RuleSet, lead: str = "", caption: str = ""
) -> str:
    """For a list item or table row under a heading like "Information we collect", or after a
    lead-in like "The personal data we collect includes:" (``lead``), or for a table row of
    trackers under a title line of its own ("Targeting Cookies": ``caption``), the words the
    heading, lead-in or title implies before it ("We collect your information: "); "" otherwise,
    or when the item says what is done itself (asked last: it reads every sentence of the
    item)."""
    if not clauses or any(c.kind not in _IMPLYING_KINDS for c in clauses):
        return ""
    if _lead_withholds(lead):
        return ""  # the items are what is not done, or the user's rights, or definitions
    words_before = (
        _heading_implies(clauses, rules)
        or _implied_by(lead, rules)
        or _caption_implies(clauses, caption, rules)
    )
    if not words_before:
        return ""
    text = match_form(_joined(c.text for c in clauses))
    if any(makes_claims(t, rules.readings) for t in sentences(text)):
        return ""
    return words_before


def _heading_implies(clauses: Sequence[Clause], rules: RuleSet) -> str:
    """The words the heading over ``clauses`` (list items or table rows) implies before
    them, from the section headings above them or the row's first cell; "" if none."""
    found = _heading_names(clauses[0].path, rules.readings)
    for name, words_before in _IMPLIED:
        if name == "tracker_sections" and not all(_tracker_row(c) for c in clauses):
            continue  # a cookie is a row of its table; prose items say what they say
        if name in found:
            if name == "tracker_sections":
                return _trackers_implied(clauses, clauses[0].path[1:], rules)
            return words_before
    return _implied_by(_row_heading(clauses), rules)


#: How many paragraphs above a table are read as its caption (a title line, then what the
#: table is about).
CAPTION_PARAGRAPHS = 2


def _caption_implies(clauses: Sequence[Clause], caption: str, rules: RuleSet) -> str:
    """For rows of a table of trackers whose title is a paragraph above it rather than a
    heading ("Targeting Cookies" over "Domain | Cookies | Used as"): the words a heading of that
    name would imply; "" otherwise (a caption that is no title, or rows that are no trackers:
    a prose paragraph about cookies above another table implies nothing)."""
    title = caption.split("\n", 1)[0]
    if not title or len(words(title)) > TITLE_WORDS or _NEGATED_HEADING.search(title):
        return ""
    if not all(c.kind == "table_row" and _tracker_row(c) for c in clauses):
        return ""
    if not rules.readings.search("tracker_sections", title):
        return ""
    return _trackers_implied(clauses, (title,), rules)


def _trackers_implied(clauses: Sequence[Clause], titles: Sequence[str], rules: RuleSet) -> str:
    """What a tracker table's rows say without a verb: that the trackers collect data, and
    for advertising when the section's title says the table's trackers are for it
    ("Targeting Cookies", "Advertising cookies") and the rows are another party's (a site's
    own advertising cookie hands nothing to anyone)."""
    for_ads = any(_ADVERTISING_TITLE.search(t) for t in titles) and not any(
        _FIRST_PARTY.search(c.text) for c in clauses
    )
    return _TRACKERS_FOR_ADS if for_ads else _TRACKERS


#: A section title naming advertising as what its trackers are for; not a title saying they are
#: not ("Non-targeting cookies", "Ad-free cookies").
_ADVERTISING_TITLE = re.compile(
    r"(?<!non-)(?<!non )\b(?:targeting|advertising|advertisement|ads?|marketing)\b(?!-free)",
    re.IGNORECASE,
)
#: A row saying its tracker is the site's own.
_FIRST_PARTY = re.compile(r"\b(?:1st|first)[- ]party\b", re.IGNORECASE)
_TRACKERS_FOR_ADS = "We use advertising trackers that collect your data: "


class HeadingMemo(BoundedMemo[tuple[str, ...], frozenset[str]]):
    """:func:`_heading_names` of each heading path asked, kept in the readings' memo until
    :func:`classify_diff` starts the next diff (the clauses of a section share their path:
    a diff asks the same few paths for every list item of the old and new versions), or
    until it holds :data:`MEMO_PATHS`."""


#: How many heading paths a :class:`HeadingMemo` keeps before it forgets them all.
MEMO_PATHS = 4096


def _heading_names(path: tuple[str, ...], readings: Readings) -> frozenset[str]:
    """The names of :data:`_IMPLIED` whose word list matches a part of ``path`` that does
    not say what is not done (for trackers, a part after the first: a document's title
    ("Cookie Policy") heads every table in it, trackers are told by the sections under it)."""
    return readings.memo.of(HeadingMemo).remember(
        path,
        lambda: frozenset(
            name
            for name, _ in _IMPLIED
            if any(
                readings.search(name, part) and not _NEGATED_HEADING.search(part)
                for part in (path[1:] if name == "tracker_sections" else path)
            )
        ),
        MEMO_PATHS,
    )


#: A heading that says what is not done ("Types of Data We Do Not Collect", "Data Never
#: Sold"): it implies no verb the company does for its items.
_NEGATED_HEADING = re.compile(
    r"\b(?:not|never|don't|doesn't|won't|cannot|no longer)\b", re.IGNORECASE
)


def _implied_by(text: str, rules: RuleSet) -> str:
    """The words ``text`` (a row's first cell, or a list's lead-in paragraph: "... the Personal
    Data set out in Section 8, Personal Data we Collect:") implies before the items it heads,
    read like a section heading (trackers are told by their tables only); "" if none."""
    if not text:
        return ""
    for name, words_before in _IMPLIED:
        if name != "tracker_sections" and rules.readings.search(name, text):
            return words_before
    return ""


def excepted_promise(lead: str) -> str | None:
    """What the promise of a list's lead-in is about, when its last sentence is a promise of
    the company's whose items are its exceptions ("GitHub personnel do not access private
    repository content except for" -> "access private repository content"; "We will not share
    your data except in the following cases:"); None otherwise (no lead-in, no such promise,
    or what the company withholds from the reader: "Fees will not be refunded except", "We will
    not be liable except", whose exceptions give the reader more, not the company)."""
    if not lead:
        return None
    said = sentences(match_form(visible_text(lead)))[-1]
    found = _EXCEPTED_PROMISE.search(said)
    if found is None or _WITHHELD.search(said, found.end("denial")) is not None:
        return None
    tail = _EXCEPTIONS_FOLLOW.search(said, found.start("denial"))
    return said[found.end("denial") : tail.start() if tail is not None else found.end()]


def _exception_item(text: str, rules: RuleSet, promised: str) -> Finding:
    """An item added to the exceptions of a promise (the lead-in's, see :func:`excepted_promise`):
    what the law compels, the reader's consent, or a change of the business's owner (a merger,
    an acquisition) yields little (medium), as the same words added inside the promise's
    sentence do; anything else widens what the promise allows. ``promised``: what the promise
    is about (:func:`excepted_promise`); when it is collecting ("We do not collect any personal
    information other than:"), the item is data collected, medium as an item of a list of what
    is collected, unless sensitive."""
    said = match_form(text)
    item = f"'{shorten(text, 8)}'"
    if rules.readings.search("compelled", said) is not None:
        what = f"exception for what the law compels added to a promise: {item}"
        return Finding(Severity.MEDIUM, Direction.EXPANDS, what)
    if rules.readings.search("opt_in", said) is not None or _CONSENT_ITEM.search(said):
        return Finding(
            Severity.MEDIUM, Direction.EXPANDS, f"exception with consent added to a promise: {item}"
        )
    if CORPORATE_TRANSACTION.search(said) is not None:
        what = f"exception for a change of the business's owner added to a promise: {item}"
        return Finding(Severity.MEDIUM, Direction.EXPANDS, what)
    if _COLLECTING.match(promised) and rules.readings.search("sensitive", said) is None:
        what = f"data excepted from a promise not to collect: {item}"
        return Finding(Severity.MEDIUM, Direction.EXPANDS, what)
    return _high(f"exception added to a promise: {item}")


#: A paragraph that ends before its list of exceptions: "... except for", "other than:",
#: "except as follows:".
_EXCEPTIONS_FOLLOW = re.compile(
    r"\b(?:except|excepting|other than|save)(?:\s+(?:for|when|where|if|in|to|as|with|under))?"
    r"(?:\s+(?:the following|these)(?:\s+(?:cases|circumstances|situations|reasons|purposes))?"
    r"|\s+(?:follows|(?:described|set out|set forth|listed|outlined|explained) below))?"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
#: A denial: "will not", "don't", "cannot", "won't", "will never".
_DENIAL = (
    r"(?:will|shall|do|does|would|must|may|can)\s*(?:not|n't)|cannot|won't"
    r"|(?:(?:will|shall|would|must|may|can)\s+)?never"
)
#: The company (or its staff) promising not to do something, up to the word that opens its
#: exceptions at the end of the sentence.
_EXCEPTED_PROMISE = re.compile(
    r"\b(?:(?i:we|the company)|(?!You\b|Users?\b|Customers?\b|Members?\b)[A-Z][\w-]+)"
    r"(?:['’]s)?(?:\s+(?i:staff|employees|personnel|team|engineers))?\s+"
    r"(?P<denial>(?i:" + _DENIAL + "))"
    r"\b[^:;]*"
    r"(?i:" + _EXCEPTIONS_FOLLOW.pattern + ")"
)
#: A denial, and the word after it that opens its exceptions, inside an old sentence (see
#: :meth:`DiffContext.excepted_before`).
_DENIES = re.compile(rf"\b(?:{_DENIAL})\b", re.IGNORECASE)
_EXCEPTION_WORD = re.compile(r"\b(?:except|excepting|unless|other than|save for)\b", re.IGNORECASE)
#: What a promise withholds from the reader rather than protects them from: refunds, credits,
#: the company's liability or warranties.
_WITHHELD = re.compile(
    r"\b(?:refund\w*|credit(?:s|ed)?(?!\s+cards?)|reimburs\w*|compensat\w*|liab(?:le|ility)"
    r"|responsib\w*|warrant\w*|indemnif\w*)\b",
    re.IGNORECASE,
)
#: A promise about collecting: what follows its denial (:func:`excepted_promise`).
_COLLECTING = re.compile(
    r"\W*(?:\w+ly\s+)?(?:collect|gather|obtain|receive|request|ask\s+for)\b", re.IGNORECASE
)
#: An item that is the reader's consent or request: "with your consent", "if you ask us to".
#: Also what the reader already did ("if you have consented", "where you have given us
#: permission") and "at your request".
_CONSENT_ITEM = re.compile(
    r"^\W*(?:with|upon|after|on|at)\s+(?:your|the user's)\s+(?:prior\s+|express\s+|explicit\s+)?"
    r"(?:consent|permission|authori[sz]ation|request|instructions?|direction)\b"
    r"|^\W*(?:if|when|where|as|once)\s+you\s+(?:have\s+)?(?:ask|request|instruct|authori[sz]e"
    r"|consent|agree|direct|given\s+(?:us\s+)?(?:your\s+)?(?:consent|permission))",
    re.IGNORECASE,
)


def _lead_withholds(lead: str) -> bool:
    """Whether the last sentence of a list's lead-in (with the items of outer lists that
    introduce it) denies ("..., we will never:"), gives the user rights or choices ("To delete
    the data we collect about you, you can:") or opens definitions ("For purposes of these
    Terms:"): then neither it nor a heading implies a verb the company does for the items."""
    if not lead.strip():
        return False
    said = sentences(match_form(lead))[-1]
    return _NOT_IMPLYING_LEAD.search(said) is not None


#: What a lead-in says when its items are what the company does not do ("we will never:"; not
#: "Cookies that do not require consent: Our site uses essential cookies:"), the user's rights
#: or choices, or definitions.
_NOT_IMPLYING_LEAD = re.compile(
    r"\b(?:we|the company) (?:(?:will|shall|do|does|would|must|may|can)(?: not|n't| never)"
    r"|cannot|won't|never)\b"
    r"|\byou (?:may|can|could|might)(?: also)?(?::|\s+(?:ask|request|exercise|opt|object|delete"
    r"|access|correct|rectify|withdraw|choose|manage|control|contact|update|change|disable|turn"
    r"|limit|restrict|download|export|review|edit)\b)"
    # how to reach someone ("You can direct to our representative any of your queries:", "you
    # can write to us at:"); not data the reader hands over ("You may submit the following
    # information to us:") nor a lead-in that goes on to what the company does ("you can submit
    # content, and we collect:")
    r"|\byou (?:may|can|could|might)(?: also)?\s+(?:direct|send|submit|write|reach|email|call)\b"
    r"(?!(?:\s+us)?(?:\s+(?:the\s+following|your|any|some|certain|additional|other))*"
    r"(?:\s+personal)?\s+(?:information|data|content|details|files|documents|photos)\b)"
    r"(?![^.:;]*\bwe\b)"
    r"|\byou (?:have|may have) (?:the |certain |several |these |a )?(?:following )?rights?\b"
    r"|\byour rights?\b"
    r"|\bfor (?:the )?purposes? of (?:this|these|the (?:terms|agreement|policy|notice|section))\b",
    re.IGNORECASE,
)


#: Words a row's first cell needs to head the row: "Purposes for collecting personal data |
#: ..." does, "Purpose | Legal basis" (a header row) does not.
ROW_HEADING_WORDS = 3


def _row_heading(clauses: Sequence[Clause]) -> str:
    """The first cell of a lone table row that heads the row (a table of a state-law
    disclosure: "Categories of sources | ...", "Business purposes for collecting personal data |
    ..."), "" otherwise."""
    if len(clauses) != 1 or clauses[0].kind != "table_row" or "|" not in clauses[0].text:
        return ""
    first, *others = (cell.strip() for cell in clauses[0].text.split("|"))
    if any(_NO_ANSWER.fullmatch(match_form(cell)) for cell in others):
        return ""  # "Sale of personal information | No": the row says it is not done
    return first if len(words(first)) >= ROW_HEADING_WORDS else ""


#: A cell that answers its row's heading in the negative.
_NO_ANSWER = re.compile(
    r"(?:no|none|never|not applicable|n/?a|not (?:sold|shared|disclosed|collected)|"
    r"we (?:do not|don't|never)\b.*)\.?",
    re.IGNORECASE,
)


#: Words of a tracker table's header row ("Name | Provider | Expiry | Purpose").
_COLUMN_WORDS = frozenset(
    [
        *("name", "names", "cookie", "cookies", "provider", "providers", "source", "expiry"),
        *("expiration", "duration", "lifetime", "purpose", "purposes", "type", "types"),
        *("domain", "domains", "category", "categories", "description", "host", "party"),
        *("retention", "period"),
    ]
)


def _tracker_row(clause: Clause) -> bool:
    """A row of a table of trackers (three cells or more, not the header), or a list item that
    names a kind of tracker ("Support cookie: These cookies are strictly necessary ..."), not a
    way to reach the company ("Contact us at ... about cookies")."""
    if clause.kind == "list_item":
        return bool(_NAMES_A_TRACKER.search(clause.text)) and not _CONTACT.search(clause.text)
    cells = [c.strip().lower() for c in clause.text.split("|") if c.strip()]
    if clause.kind != "table_row" or len(cells) < 3:
        return False
    return not all(set(words(c)) <= _COLUMN_WORDS for c in cells)


_NAMES_A_TRACKER = re.compile(
    r"\b(?:cookies?|pixels?|trackers?|tags?|sdks?|(?:web )?beacons?|local storage)\b", re.IGNORECASE
)
_CONTACT = re.compile(r"\bcontact\b|@|\b(?:see|read|visit|learn more)\b", re.IGNORECASE)


_COMPANY_ACTS = re.compile(r"\b(?:we|we'll|we've|we're|us)\b", re.IGNORECASE)
#: A modal or an auxiliary: a sentence that has one states something ("Acme may sell ...",
#: "Violations may result in ...", "You have the right to ..."); an order to users is a bare
#: verb ("Create, buy, or sell falsified documents").
_STATES = re.compile(
    r"\b(?:may|might|will|shall|must|can|could|would|should|does|do|did|is|are|was|were|has|have)\b",
    re.IGNORECASE,
)


def is_item(clause: Clause) -> bool:
    """A list item, or a paragraph that is one by its label ("(j) Copies or stores any
    significant portion of the Content;", "(iv) ...", "3) ..."): terms often letter the items
    of a list as paragraphs of their own after a lead-in that ends with a colon."""
    return clause.kind == "list_item" or (
        clause.kind == "paragraph"
        and clause.label is not None
        and _ITEM_LABEL.fullmatch(clause.label) is not None
    )


#: A list item's label written as a paragraph's: "(a)", "(A)", "b)", "(iv)", "(12)", "3)"; not
#: a capital with no opening bracket ("B) How Do You Access Your Information?"), which numbers
#: sections as "B." does (see :attr:`tracker.extract.labels.Label.is_section_number`).
_ITEM_LABEL = re.compile(
    r"\((?:[a-zA-Z]|[ivx]{1,5}|[IVX]{1,5}|\d{1,2})\)|(?:[a-z]|[ivx]{1,5}|\d{1,2})\)"
)


def _rule_for_users(clauses: Sequence[Clause], rules: RuleSet, lead: str = "") -> bool:
    """Clauses (two versions of one, or one) that are an order to users under a heading that
    forbids ("Do not ...", "Prohibited uses", "You may not") or after a lead-in paragraph that
    does (``lead``): whatever verbs they list ("Create, buy, or sell falsified documents" is
    not the company selling anything)."""
    return _order_to_users(clauses) and (
        _under_forbidding_heading(clauses, rules) or _after_forbidding_lead(clauses, rules, lead)
    )


def _order_to_users(clauses: Sequence[Clause]) -> bool:
    """Clauses that can be an order: no heading, the company does not speak ("we", "us"), and
    no modal or auxiliary before any relative clause ("Acme may sell ...", "You have the right
    to ..." are read for what they say)."""
    if not clauses or any(c.kind == "heading" for c in clauses):
        return False
    return not any(_COMPANY_ACTS.search(c.text) or _STATES.search(_lead(c.text)) for c in clauses)


def _under_forbidding_heading(clauses: Sequence[Clause], rules: RuleSet) -> bool:
    """A heading of the clauses forbids (not one about the company's own practice: "Do Not
    Sell My Personal Information")."""
    search = rules.readings.search
    return any(search("prohibition_sections", part) for c in clauses for part in c.path)


def _after_forbidding_lead(clauses: Sequence[Clause], rules: RuleSet, lead: str) -> bool:
    """List items after a lead-in paragraph whose last sentence forbids, said to users ("You
    agree you will not use the Services to:"; not "we may disclose it to:", "stop us from:").
    The part of that sentence which forbids counts: "you may not do any of the following; and
    doing so may result in us suspending your access:" and "unless we give our permission, you
    must not take any action that would be expected to:" forbid, whatever else they say."""
    said = sentences(match_form(lead))[-1] if lead.strip() else ""
    return (
        bool(said)
        and all(is_item(c) for c in clauses)
        and _forbidding_part_leads(_CLAUSE_PARTS.split(said), rules)
    )


def _forbidding_part_leads(parts: Sequence[str], rules: RuleSet) -> bool:
    """Whether the items after a lead-in sentence of these parts complete a part that forbids
    users. They complete its last part: when that one names the company ("..., but we may share
    your data with:"), they are the company's, unless it ends complete and a part before it,
    not the company's, names "the following" ("you may not do any of the following; and doing
    so may result in us suspending your access:")."""
    forbidding = [
        part
        for part in parts
        if not _COMPANY_ACTS.search(part)
        and not _SUBORDINATE.match(part)  # "Where not prohibited by law, we may ...:"
        and rules.readings.search("prohibition_sections", part) is not None
    ]
    if not forbidding:
        return False
    last = parts[-1]
    return not _COMPANY_ACTS.search(last) or (
        _OPEN_END.search(last) is None
        and any(_FOLLOWING.search(p) and not _COMPANY_ACTS.search(p) for p in parts[:-1])
    )


#: Where a sentence's clauses part: "..., any of the following; and doing so ...", "unless we
#: give our permission, you must not ...".
_CLAUSE_PARTS = re.compile(r"[;,]\s*")
#: A part that ends waiting for the items to complete it: "we may share your data with:".
_OPEN_END = re.compile(
    r"\b(?:to|with|for|by|from|of|about|as|on|in|into|includes?|including|are|is|following)\W*$",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(r"\bthe following\b", re.IGNORECASE)
#: A part that only sets when the rest applies: what it forbids or allows is no lead's order.
_SUBORDINATE = re.compile(
    r"\W*(?:unless|if|when|whenever|where|wherever|except|while|to the extent|subject to)\b",
    re.IGNORECASE,
)


def _lead(text: str) -> str:
    """The words of a clause before its first relative clause or bracket: where an order's
    verb, or a statement's modal, stands ("Create content that is harmful": "Create content")."""
    return re.split(r"\b(?:that|which|who|whose|where|when|if|unless)\b|[(:;]", text, maxsplit=1)[0]


def _clauses_read_as_one(clauses: Sequence[Clause]) -> str:
    """The texts of one side of a modified change, without their list labels; when the side
    is several clauses (a paragraph split into items, or items merged), a clause that is only
    a label ("Badge Check", an icon's name before each item) ends as a sentence of its own
    instead of running into the first sentence of the next clause ("Badge Check Request
    correction of ..." is no right)."""
    if len(clauses) < 2:
        return _joined(c.text for c in clauses)
    return _joined(
        f"{c.text.rstrip()}." if c.text.strip() and _label_like(c.text) else c.text for c in clauses
    )


def _label_like(text: str) -> bool:
    """A few words without a sentence's end ("10. Data transfers"): a label, not a statement."""
    form = match_form(text).strip()
    return len(words(form)) < SHORT_LINE and not form.endswith((".", "!", "?", ";"))


def _bare_list_introduction(sentence: str, readings: Readings) -> bool:
    """A sentence that introduces the list after it (:func:`introduces_list`: "We collect the
    following types of personal data:", "You may have the right to:") and names no recipient
    (not even as a source), purpose, kind of data, place or sensitive data of its own, sells
    (rents, licenses ...) nothing, denies nothing, promises nothing, limits nothing and says
    nothing of consent, retention, changes to the terms, waivers, licences or liability: what
    it introduces is in the items; nor one announcing a list of places. "We sell your location
    to data brokers such as:", "We may sell your personal information to the following:", "We
    may transfer your personal data to the following countries:", "Your data will never be shared
    except in the following cases:", "We will notify you before any of the following:", "We
    only share your information in the following circumstances:", "We may disclose your data
    without your consent in these cases:", "We may retain your data indefinitely in these
    circumstances:" and "You agree to binding arbitration as follows:" say so themselves."""
    if not introduces_list(sentence):
        return False
    if _LISTED_PLACES.search(sentence):
        return False  # countries are no recipients: the lead-in says the transfer, items where
    reading = read_sentence(sentence, readings)
    return (
        not reading.sensitive
        and not any(reading.scope[name] for name in SCOPES)
        and not any(claim.negated for claim in reading.claims)
        and not any(
            claim.spreading and claim.verb.startswith(SERIOUS_SPREADING_STEMS)
            for claim in reading.claims
        )  # "We may sell your personal information to the following:": a sale is serious itself
        and not reading.promises
        and not any(_states_itself(reading))
        and not any(readings.search(name, sentence) for name in ("recipients", "limiters"))
    )


def _states_itself(reading: Reading) -> tuple[object, ...]:
    """What a sentence says of its own besides its verbs and scopes (see
    :func:`_bare_list_introduction`; its prohibition: "You may not upload any of the
    following:" is rules for users)."""
    return (
        *(reading.opt_in, reading.opt_out, reading.exceptions, reading.limiters),
        *(reading.indefinite, reading.licence, reading.licence_to_user, reading.waiver),
        *(reading.unilateral, reading.without_notice, reading.at_will, reading.prohibition),
        *(reading.liability_excluded, reading.forfeits, reading.change_guarded),
    )


#: A list of places announced ("to the following countries:", "in these jurisdictions:").
_LISTED_PLACES = re.compile(rf"\b(?:{PLACE_LIST_WORDS}|states)\b[^:]*:\W*$", re.IGNORECASE)


def _introduces_items(text: str) -> bool:
    """A line that ends waiting for the list after it ("If you create an account using an email
    address provided by an organization:")."""
    return match_form(text).rstrip(" *_").endswith(":")


def _recipient_entry(clauses: Sequence[Clause], rules: RuleSet) -> Clause | None:
    """The clause, when it is an entry of a section listing recipients (subprocessors...)."""
    readings = rules.readings
    for clause in clauses:
        if clause.kind == "heading":
            return None
        if any(readings.search("recipient_lists", part) for part in clause.path):
            return clause
    return None


def _recipient_row(clauses: Sequence[Clause], rules: RuleSet, context: DiffContext | None) -> bool:
    """A row of the new version in a table whose first column names recipients ("EMX Digital |
    https://..." under "Partner | Cookie Info"): the row is a recipient's entry."""
    if context is None or len(clauses) != 1 or clauses[0].kind != "table_row":
        return False
    header = context.table_header(clauses[0])
    if "|" not in header:
        return False
    first, *others = (match_form(cell).strip() for cell in header.split("|"))
    if any((said := set(words(cell))) and said <= _TRACKER_COLUMN_WORDS for cell in others):
        return False  # "Service Provider | Cookie Name | ... | Expiration": each row a tracker
    if any(_SOURCE_COLUMN.search(cell) for cell in others):
        return False  # "Third party | Information we receive": where data comes from
    # the whole cell, by any one pattern: a search stops at the first alternative that matches
    # ("Partner" of "Partner name"), which would leave the cell unmatched
    return any(regex.fullmatch(first) for _, regex in rules.readings.each("recipient_columns"))


#: Words of a header cell that make its table one of trackers, a row a cookie of the provider
#: named first ("Cookie Name", "Expiration"), not a recipient ("Cookie Info": its policy). Fewer
#: than :data:`_COLUMN_WORDS`: "Purpose" or "Provider" heads a table of recipients as well.
_TRACKER_COLUMN_WORDS = frozenset(
    ["cookie", "cookies", "name", "names", "expiry", "expiration", "duration", "lifetime"]
)
#: A header cell that says what the company receives from the parties named first ("Information
#: we receive", "Data received"): they are sources, each row data collected, not a recipient.
_SOURCE_COLUMN = re.compile(
    r"\b(?:we (?:receive|collect|obtain|get)|received|obtained|sources?)\b", re.IGNORECASE
)


def _recipient_replaced(change: Change, rules: RuleSet, context: DiffContext | None) -> str | None:
    """The recipient a row of a table of recipients names now, when the diff pairs it with a
    row that named another ("AdMixer | https://admixer.net/privacy" -> "EMX Digital |
    https://enginemediaexchange.com/privacy/"): one recipient gone, a new one listed, as an
    added row would be. None when the first cells share a word ("Google Inc." -> "Google
    LLC": the same company renamed)."""
    if len(change.old) != 1 or len(change.new) != 1 or change.old[0].kind != "table_row":
        return None
    if not _recipient_row(change.new, rules, context):
        return None
    new_first = change.new[0].text.partition("|")[0].strip()
    old_words = set(words(change.old[0].text.partition("|")[0]))
    new_words = set(words(new_first))
    if not old_words or not new_words or old_words & new_words:
        return None
    return shorten(new_first, 8)


_LABELLED = re.compile(r"^\s*([^:]{1,40}):\s*(\S.*)$", re.DOTALL)


def _location_line(text: str, rules: RuleSet) -> bool:
    """``"Data location: United States"``: a label naming where an entry's data is processed,
    then its value, and nothing that reads as a statement (not a new recipient)."""
    found = _LABELLED.match(match_form(text))
    if found is None or len(words(found.group(2))) > SHORT_LINE:
        return False
    label = rules.readings.search("entry_locations", found.group(1))
    return label is not None and label.group(0).strip() == found.group(1).strip()


def _attribute_line(text: str, rules: RuleSet) -> bool:
    """``"Purpose: Process data in relation with customer support"``, ``"Guarantees for
    international transfer: Standard Contractual Clauses"``: a label naming another detail of
    the entry it is listed under, then its value; the recipient is the entry's name, above it."""
    found = _LABELLED.match(match_form(text))
    if found is None:
        return False
    label = rules.readings.search("entry_attributes", found.group(1))
    return label is not None and label.group(0).strip().lower() == found.group(1).strip().lower()


def _entry_purpose(entry: Clause, text: str, rules: RuleSet) -> str | None:
    """The use of the rules' ``purposes`` (advertising, training, sale ...) a listed recipient's
    "Purpose: ..." line names, under the recipient's own heading; None for any other line."""
    if not (_attribute_line(text, rules) and _under_entry_name(entry, rules)):
        return None
    found = _LABELLED.match(match_form(text))
    if found is None or not _PURPOSE_LABEL.match(found.group(1)):
        return None
    use = rules.readings.search("purposes", found.group(2))
    return use.group(0).lower() if use is not None else None


#: The label of what a listed recipient does with the data: "Purpose", "Processing activity".
_PURPOSE_LABEL = re.compile(r"\s*(?:purposes?|(?:processing )?activit(?:y|ies))\b", re.IGNORECASE)


def _under_entry_name(entry: Clause, rules: RuleSet) -> bool:
    """Whether ``entry`` stands under a heading of its own below the list's ("4.2 Third-party
    processors" > "Stripe, Inc."): the name its labelled lines are details of. Directly under
    the list's heading, "Service: Intercom Inc." names the recipient itself."""
    return bool(entry.path) and rules.readings.search("recipient_lists", entry.path[-1]) is None


def _beside_the_entries(clauses: Sequence[Clause], text: str, context: DiffContext | None) -> bool:
    """A line of a section listing recipients that lists none: a table's header row ("Party
    name | Personal data disclosed | Purpose"), a footnote or a pointer ("* See PayPal's
    transfer policies here", "Please contact us ..."), a key to the table's abbreviations
    ("DPF = Data Privacy Framework"), the page's version line ("Acme, February 2024, version
    1.2")."""
    if _NO_ENTRY_START.match(text):
        return True
    if _DATED_LINE.search(text) and without_dates(text) != text and len(words(text)) <= 10:
        return True
    return context is not None and context.is_first_row(clauses[0])


#: How a line that is no entry begins: a footnote's mark, a pointer or an address to the
#: reader, an abbreviation and its meaning ("SCC = Standard Contractual Clauses").
_NO_ENTRY_START = re.compile(
    r"\s*(?:[*†‡]|(?:note|see|please|if you|for (?:more|further)|contact|to (?:learn|find out))"
    r"\b|[A-Z][A-Za-z]{1,5}\s*=\s)",
    re.IGNORECASE,
)


#: The label a plain-language summary of a section opens with: "Short version:", "In short:",
#: "Summary:", "TL;DR -", "In a nutshell:" (a colon or a dash after it: "In short, we ..." is
#: a sentence, "Summary-level data" a word).
_SUMMARY_LABEL = re.compile(
    r"^[\W_]*(?:the\s+)?(?:short\s+version|long\s+story\s+short|in\s+(?:short|brief|summary)|"
    r"(?:quick\s+|brief\s+|plain[- ]language\s+)?summary|tl\s*;?\s*dr|in\s+a\s+nutshell|"
    r"at\s+a\s+glance|bottom\s+line|in\s+plain\s+(?:english|language))"
    r"[*_]*\s*(?::|[-–—]{1,2}\s)",
    re.IGNORECASE,
)
#: A section's number or letter before its title: "M. ", "4.2 ", "Section 3 ", "(b) ", "IV. ".
_TITLE_NUMBER = re.compile(
    r"^\s*(?:(?:section|article|part|chapter|§)\s*)?"
    r"(\d+(?:\.\d+)*\.?|[a-z]\.|[ivxlc]+\.|\(?[a-z0-9]{1,3}\))\s+",
    re.IGNORECASE,
)


def title_parts(text: str) -> tuple[str, str]:
    """A section's title as its number or letter ("m", "4.2", "" for none) and its words
    without the number, case and punctuation: "M. Cancellation and Termination" -> ("m",
    "cancellation and termination")."""
    text = text.replace("#", " ").replace("&", " and ").strip(" *_")
    found = _TITLE_NUMBER.match(text)
    number = found.group(1).strip("().").lower() if found else ""
    return number, " ".join(words(text[found.end() :] if found else text))


def same_title(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two titles (see :func:`title_parts`) name one section: the same words, or the
    same number with the words of one all in the other ("T. Changes to these Terms of
    Service" and "T. Changes to These Terms")."""
    if not one[1] or not other[1]:
        return False
    if one[1] == other[1]:
        return True
    if not one[0] or one[0] != other[0]:
        return False
    mine, theirs = set(one[1].split()), set(other[1].split())
    return mine <= theirs or theirs <= mine


def _summary_of_a_section(
    clauses: Sequence[Clause], side: str, rules: RuleSet, context: DiffContext | None
) -> bool:
    """Whether ``clauses`` (one added or removed clause) is a plain-language summary of a
    section, not binding words of its own: it opens with a summary's label ("Short version:
    You may close your Account at any time.") in a section that says more, or it is a row of a
    table pairing a section's title with a sentence that sums it up ("M. Cancellation and
    Termination | You may cancel this agreement and close your account at any time."), the
    title one of a section of the same version. What it sums up is read where the section
    says it."""
    if len(clauses) != 1:
        return False
    clause = clauses[0]
    if _SUMMARY_LABEL.match(clause.text):
        return (
            context is not None
            and bool(clause.path)
            and context.titles_a_section(clause.path[-1], side)
        )
    if clause.kind != "table_row" or context is None or _recipient_entry(clauses, rules):
        return False  # a recipient's row says what it gets, even when a section tells more
    first, _, rest = clause.text.partition("|")
    return (
        len(words(rest)) >= SHORT_LINE
        and context.titles_a_section(first, side, clause.path)
        and context.rows_titling_sections(clause, side) >= SUMMARY_TABLE_ROWS
    )


#: A table cell that affirms what its column asks: "Yes", "Y", "✓", "X".
_YES_CELL = re.compile(r"^\W*(?:yes|y|x|true|✓|✔|☑)\W*$", re.IGNORECASE)
#: Rows of a table that open with sections' titles from which it is a table of the sections.
SUMMARY_TABLE_ROWS = 2


def whole_cells_changed(old: str, new: str) -> tuple[int, tuple[str, ...]] | None:
    """(1, the cells added) when the table row ``new`` is the row ``old`` with whole cells put
    in ("Acme | Hosting | United States" -> "Acme | Hosting | United States | United States"),
    (-1, the cells removed) when it is ``old`` with whole cells taken out; None when a cell's
    own words changed, or the rows have as many cells."""
    if "|" not in old or "|" not in new:
        return None
    old_cells = [cell.strip() for cell in old.split("|")]
    new_cells = [cell.strip() for cell in new.split("|")]
    if len(old_cells) == len(new_cells):
        return None
    sign = 1 if len(new_cells) > len(old_cells) else -1
    fewer, more = (old_cells, new_cells) if sign > 0 else (new_cells, old_cells)
    ops = difflib.SequenceMatcher(None, fewer, more, autojunk=False).get_opcodes()
    if any(tag not in ("equal", "insert") for tag, *_ in ops):
        return None
    return sign, tuple(cell for tag, _, _, j1, j2 in ops if tag == "insert" for cell in more[j1:j2])


def _column_grade(
    change: Change, column: tuple[int, tuple[str, ...], tuple[str, ...]], rules: RuleSet
) -> Grade | None:
    """A table row changed only by a column added to (or removed from) its table (see
    :meth:`DiffContext.column_change`): its new cell is a new detail of the row, not more of
    what the row's recipient gets (``low``); a place the row did not name before, in a table of
    recipients, tells where a recipient is (``medium``). None, for the usual reading, when a
    cell says on its own what is serious: kinds of data, the uses the rules name (advertising,
    sale, training), recipients or an open-ended retention - a column "Purposes" filled with
    "Advertising", "Recipients" with "Data brokers", "Retention" with "Indefinitely" - or, in
    a column named for a sale or sharing ("Sold to third parties"), a cell that affirms it
    ("Yes")."""
    sign, cells, names = column
    readings = rules.readings
    # the header row's own cells are the columns' names: "Location" names no one's data
    values = () if cells == names else cells
    forms = [match_form(cell) for cell in values]
    if any(
        readings.search(kind, form) is not None
        for form in forms
        for kind in ("purposes", "sensitive", "data", "recipients", "indefinite")
    ):
        return None
    if any(readings.search("spreading", match_form(name)) for name in names) and any(
        _YES_CELL.match(cell) for cell in values
    ):
        return None  # a column "Sold to third parties" filled with "Yes"
    named = " | ".join(name for name in names or cells if name) or "(unnamed)"
    old_row = " | ".join(c.text for c in change.old).lower()
    new_places = [
        cell
        for cell, form in zip(values, forms, strict=True)
        if readings.search("places", form) is not None
        and not re.search(rf"(?<!\w){re.escape(cell.lower())}(?!\w)", old_row)
    ]
    if sign > 0 and new_places and _recipient_entry(change.new, rules) is not None:
        return Grade(
            Severity.MEDIUM,
            (f"listed recipient's location given in a new column: '{shorten(new_places[0], 8)}'",),
        )
    verb = "added to" if sign > 0 else "removed from"
    return Grade(Severity.LOW, (f"column {verb} the table: '{shorten(named, 8)}'",))


def entry_is_listing(text: str, rules: RuleSet) -> bool:
    """A list entry (a name and what it does), not a sentence about sharing."""
    form = match_form(text)
    return len(words(form)) <= 40 and not statement_findings(form, "added", rules.readings)


def _entry_findings(
    ops: Sequence[InlineOp], old_text: str, new_text: str, rules: RuleSet
) -> list[Finding]:
    """A listed recipient's entry: what it receives or processes widened or narrowed."""
    if not entry_is_listing(new_text, rules) and not entry_is_listing(old_text, rules):
        return []
    inserted = " ".join(op.text for op in ops if op.tag == "insert")
    deleted = " ".join(op.text for op in ops if op.tag == "delete")
    # joining words alone ("Location data." -> "Location data; and", "to Lyft" -> "to and by
    # Lyft") widen nothing: the list's punctuation, not what the recipient receives
    inserted_words = [w for w in _without_links(inserted) if w not in _JOINING_WORDS]
    deleted_words = [w for w in _without_links(deleted) if w not in _JOINING_WORDS]
    readings = rules.readings
    if readings.search("exceptions", deleted) and not readings.search("exceptions", inserted):
        return [_high(f"listed recipient's exception removed: '{shorten(deleted, 8)}'")]
    if readings.search("exceptions", inserted) and not readings.search("exceptions", deleted):
        return [_medium_narrows(f"exception added to a listed recipient: '{shorten(inserted, 8)}'")]
    if inserted_words and not deleted_words and _no_statement(inserted, rules):
        return [_high(f"listed recipient's scope widened: '{shorten(inserted, 8)}'")]
    if deleted_words and not inserted_words:
        return [_medium_narrows(f"listed recipient's scope narrowed: '{shorten(deleted, 8)}'")]
    return []


#: Words that only join an entry's parts; not a quantifier or a modal, which say how much or
#: whether ("usage data" -> "all usage data" widens it).
_JOINING_WORDS = STOPWORDS - {"all", "any", "may", "can", "will"}


def _no_statement(inserted: str, rules: RuleSet) -> bool:
    """Whether words inserted in a listed recipient's entry are only more of the entry: not a
    sentence of their own that grants, promises or permits something (read as such already)."""
    return not any(
        len(words(sentence)) >= SHORT_LINE and statement_findings(sentence, "added", rules.readings)
        for sentence in sentences(match_form(inserted))
    )


def _high(reason: str) -> Finding:
    return Finding(Severity.HIGH, Direction.EXPANDS, reason)


def _medium_narrows(reason: str) -> Finding:
    return Finding(Severity.MEDIUM, Direction.NARROWS, reason)


def _from_findings(findings: Sequence[Finding]) -> Grade:
    """The grade of the most severe finding (expanding before neutral before narrowing)."""
    ranked = sorted(
        findings, key=lambda f: (f.severity.rank, _DIRECTION_ORDER[f.direction]), reverse=True
    )
    top = ranked[0]
    reasons: list[str] = []
    for finding in ranked:
        if finding.severity == top.severity and finding.reason not in reasons:
            reasons.append(finding.reason)
    return Grade(top.severity, tuple(reasons[:2]), top.direction)


def _topic_grade(topics: Sequence[str], rules: RuleSet, what: str) -> Grade:
    severities = [t.severity for t in rules.topics if t.id in topics]
    if not severities:
        return Grade(rules.severity.untopical, (f"{what}, no topic",))
    top = max(severities, key=lambda s: s.rank)
    labels = [t.label for t in rules.topics if t.id in topics]
    return Grade(top, (f"{what} on {', '.join(labels)}",))


def _same_numbers(old: str, new: str) -> bool:
    """Whether two texts state the same periods, amounts and ages, and the same other numbers
    (a quantity written in words or in figures, or in other units, is the same quantity)."""
    before, after = quantities(old), quantities(new)
    if len(before) != len(after) or not all(
        a.kind == b.kind and _about_equal(a.value, b.value)
        for a, b in zip(before, after, strict=True)
    ):
        return False
    return _bare_numbers(old, before) == _bare_numbers(new, after)


def _about_equal(a: float, b: float) -> bool:
    """Equal, or within 2%: "2 years" and "24 months" (months counted as 30 days)."""
    return a == b or abs(a - b) <= 0.02 * max(abs(a), abs(b))


def _bare_numbers(text: str, found: Sequence[Quantity]) -> list[str]:
    """The numbers of ``text`` that are no quantity and no cross-reference ("Section 14.3": a
    renumbered reference says where, not what)."""
    for quantity in found:
        text = text.replace(quantity.text, " ")
    text = _without_headcounts(_CROSS_REFERENCE.sub(" ", _ENUMERATOR_FIRST.sub(" ", text)))
    text = _OUTLINE_NUMBER.sub(" ", text)
    return [w for w in words(text) if has_digit(w)]


#: How many people use the service, or where it is offered, in the thousands or millions
#: ("more than 400 million users", "150+ countries"): a fact about the company, no term of the
#: user's ("10 users may join a workspace" is one).
def _without_headcounts(text: str) -> str:
    """``text`` without head counts, except in a sentence that makes one a threshold ("If
    your products have more than 700 million monthly active users, you must request a
    licence", "free for apps with up to 10K users"): there it is a term."""
    return " ".join(s if _THRESHOLD.search(s) else _HEADCOUNT.sub(" ", s) for s in sentences(text))


#: Words that make a number a condition or a limit rather than a fact told.
_THRESHOLD = re.compile(
    r"\b(?:if|unless|exceeds?|exceeding|up to|fewer than|less than|greater than|at least"
    r"|at most|no more than|not more than|maximum|minimum|limit(?:s|ed)?|threshold|must|shall"
    r"|required?)\b",
    re.IGNORECASE,
)
_HEADCOUNT = re.compile(
    r"\b\d[\d.,]*(?:\+|\s*(?:thousand|million|billion|[kmb]\b)\+?)\s+(?:(?:monthly|daily|weekly"
    r"|active|registered|paying|satisfied|happy)\s+){0,2}(?:users|people|members|customers"
    r"|subscribers|creators|developers|businesses|countries|languages|employees)\b",
    re.IGNORECASE,
)
#: The number of a part of the document cited without a word for it: "see 3.3.5", "(see
#: 4.2 below)", or any outline number of three levels ("3.3.5"; parts of one or two digits,
#: so neither a date "31.12.2025" nor an amount "1.000.000").
_OUTLINE_NUMBER = re.compile(
    r"\bsee\s+(?:also\s+)?\d+(?:\.\d+)+[a-z]?\b(?!\s*(?:%|per\s*cent|percent))"
    r"|\b(?:[1-9]\d?|0)(?:\.(?:[1-9]\d?|0)){2,}\b(?!\.\d)",
    re.IGNORECASE,
)
_PART_NUMBER = r"[0-9]+[a-z]?(?:\.[0-9]+[a-z]?)*(?:\([a-z0-9]+\))*"
#: A number listed after a cited one ends where the list goes on or the sentence does: "and
#: 6 - 23 of the Terms", not "Section 5, and 10 users".
_LISTED = r"(?=\s*+(?:[,;.:)\-–—]|\(|(?:and|or|to|through|thru|of)\b|$))"
#: A short aside after a cited number: "Sections 2, 3 (to the extent ... survive), and 6".
_ASIDE = r"(?:\s*+\([^()]{0,160}\))?"
#: The number of a part of the document, cited, with the numbers listed after it: "Section
#: 14.3", "Art. 6(1)(f)", "§ 2", "Sections 2, 3 (...), and 6 - 23".
_CROSS_REFERENCE = re.compile(
    r"(?:\b(?:sections?|articles?|art\.|clauses?|paragraphs?|schedules?|exhibits?|annex(?:es)?|"
    r"appendix|appendices|subsections?)|§+)\s*" + _PART_NUMBER + _ASIDE + r"(?:\s*+(?:,\s*+)?"
    r"(?:(?:and|or)\s++)?"
    + _PART_NUMBER
    + _LISTED
    + _ASIDE
    + r"|\s*+(?:to|through|thru|[-–—])\s*+"
    + _PART_NUMBER
    + _ASIDE
    + r")*",
    re.IGNORECASE,
)
#: A clause's own number at its start, its heading run into it: "10. Ownership Subject to ...".
_ENUMERATOR_FIRST = re.compile(r"^\s*[0-9]+(?:\.[0-9]+)*\.?\s+(?=[A-Z])")


def _counted(
    ops: Sequence[InlineOp], tag: str, read: Callable[[str], Iterable[str]]
) -> Counter[str]:
    """The words ``read`` finds in the ops of one kind (``insert`` or ``delete``)."""
    return Counter(w for op in ops if op.tag == tag for w in read(op.text))


def _appeared_or_gone(
    ops: Sequence[InlineOp], read: Callable[[str], Iterable[str]]
) -> Counter[str]:
    """The words (as ``read`` gives them) inserted and not deleted, or deleted and not inserted."""
    inserted, deleted = _counted(ops, "insert", read), _counted(ops, "delete", read)
    return (inserted - deleted) + (deleted - inserted)


def _changed_content_words(ops: Sequence[InlineOp]) -> int:
    changed = _appeared_or_gone(ops, _spelled)
    return sum(n for w, n in changed.items() if w not in STOPWORDS)


def _changed_content_stems(ops: Sequence[InlineOp]) -> int:
    """Content words that appeared, or that disappeared, whichever are more, word forms aside
    ("the sexualization or exploitation of children" -> "sexualizing or exploiting children":
    none; "Guns" -> "Firearms": one); a list's own number ("2. Guns" -> "• Firearms") is no
    word (a number changed is read apart)."""
    inserted = _counted(ops, "insert", term_stems)
    deleted = _counted(ops, "delete", term_stems)
    appeared = sum(n for stem, n in (inserted - deleted).items() if not stem.isdigit())
    gone = sum(n for stem, n in (deleted - inserted).items() if not stem.isdigit())
    return max(appeared, gone)


#: Words that deny what follows them, spelled out ("don't" -> "do not"; "non-refundable" is
#: "non" and "refundable").
_DENYING = frozenset({"not", "no", "never", "non", "neither", "nor", "nobody"})
#: At most this many other content words changed around a denial or an opposite for the
#: sentence to be the same one turned round (beyond it the sentence says other things).
TURNED_OTHER_WORDS = 3


def _turned_round(ops: Sequence[InlineOp], rules: RuleSet) -> bool:
    """Whether an edit turns a sentence round and changes little else: a denial added or taken
    out ("You may resell" -> "You may not resell"), or a word put for its opposite ("You are
    permitted to" -> "You are prohibited from"; the rule file's ``[severity] opposites``), but
    not both: a denial taken out with an opposite put in says the same ("not permitted" ->
    "prohibited")."""
    within = _without_misspellings(_within_sentences(ops))
    inserted, deleted = _counted(within, "insert", _spelled), _counted(within, "delete", _spelled)
    denials = (  # "not" -> "never" denies the same; "unless" put for "if" is "if not"
        _denied(inserted) + min(inserted["unless"], deleted["if"])
        != _denied(deleted) + min(deleted["unless"], inserted["if"])
    )
    swapped = _opposites_swapped(ops, rules)
    if denials == any(not _DENYING.intersection(pair) for pair in swapped):
        return False  # "always" -> "never" is the denial itself
    turning = {*_DENYING, "if", "unless", *(w for pair in swapped for w in pair)}
    other = _appeared_or_gone(ops, _spelled)
    return (
        sum(
            n
            for w, n in other.items()
            if w not in STOPWORDS and not any(w.startswith(t) for t in turning)
        )
        <= TURNED_OTHER_WORDS
    )


def _opposites_swapped(ops: Sequence[InlineOp], rules: RuleSet) -> list[tuple[str, str]]:
    """The pairs of the rule file's ``[severity] opposites`` of which the edit took one word
    out and put the other in ("permitted" -> "prohibited")."""
    inserted, deleted = _counted(ops, "insert", _spelled), _counted(ops, "delete", _spelled)
    return [
        (first, second)
        for first, second in rules.severity.opposites
        for one, other in ((first, second), (second, first))
        if _begins(deleted, one) > _begins(inserted, one)
        and _begins(inserted, other) > _begins(deleted, other)
    ]


#: A sentence's end with more text after it, inside one op ("it. No").
_ACROSS_SENTENCES = re.compile(r"[.!?;:]\s+\S")
#: Two words this alike are one misspelled ("NOT" -> "sNOT"), not a denial added or taken out.
MISSPELLED_RATIO = 0.75


def _within_sentences(ops: Sequence[InlineOp]) -> list[InlineOp]:
    """``ops`` less the insertions and deletions that hold a whole sentence or run across
    one's end: a denial in them went or came with a sentence ("... remove it. No complaints."
    -> "... remove it."), while one in a sentence's last word stays ("refundable." ->
    "non-refundable.")."""
    kept: list[InlineOp] = []
    ended = {"delete": True, "insert": True}  # whether each side's text so far ends a sentence
    for op in ops:
        text = op.text.strip()
        ends = bool(text) and text[-1] in ".!?;:"
        if op.tag == "equal":
            ended = {"delete": ends, "insert": ends} if text else ended
            kept.append(op)
            continue
        whole = (ended[op.tag] and ends) or _ACROSS_SENTENCES.search(text) is not None
        if text:
            ended[op.tag] = ends
        if not whole:
            kept.append(op)
    return kept


def _denied(counts: Counter[str]) -> int:
    """How many of the counted words deny."""
    return sum(n for w, n in counts.items() if w in _DENYING)


def _without_misspellings(ops: Sequence[InlineOp]) -> list[InlineOp]:
    """``ops`` less each deletion of one word followed by the insertion of a word spelled
    almost the same ("NOT" -> "sNOT"), not the same word with a denial joined to it
    ("refundable" -> "non-refundable")."""
    kept: list[InlineOp] = []
    skip = False
    for index, op in enumerate(ops):
        following = ops[index + 1] if index + 1 < len(ops) else None
        if skip:
            skip = False
            continue
        if (
            op.tag == "delete"
            and following is not None
            and following.tag == "insert"
            and len(op.text.split()) == len(following.text.split()) == 1
            and difflib.SequenceMatcher(None, op.text.lower(), following.text.lower()).ratio()
            >= MISSPELLED_RATIO
            and not _one_holds_the_other(op.text, following.text)
        ):
            skip = True
            continue
        kept.append(op)
    return kept


def _one_holds_the_other(first: str, second: str) -> bool:
    """Whether the words of one text, spelled out, are all among the other's."""
    one, other = set(_spelled(first)), set(_spelled(second))
    return one <= other or other <= one


def _begins(counts: Counter[str], beginning: str) -> int:
    """How many of the counted words begin with ``beginning``."""
    return sum(n for w, n in counts.items() if w.startswith(beginning))


#: Signal words that say the same as another: "never" denies as "not" does, "shall" and "must"
#: bind as "will" does (legal drafting swaps them freely), "can" permits as "may" does ("You
#: can delete your account" -> "You may delete ...").
_SIGNAL_SAME = {"never": "not", "shall": "will", "must": "will", "can": "may"}
_AUXILIARY_DO = frozenset({"do", "does", "did"})


def _spelled(text: str) -> list[str]:
    """The words of ``text``, contractions spelled out ("don't" -> "do not")."""
    return without_contractions(words(text))


#: Two-word denials that say what one word says: "no longer stored" is "not stored" of the
#: present ("not yet" says it may come, so it is not here); "no one" is "nobody".
_DENIALS_SAME = {("no", "longer"): "not", ("no", "one"): "nobody"}


def _spelled_same(text: str) -> list[str]:
    """:func:`_spelled`, each signal word (or two-word denial) as the one it says the same as."""
    spelled = _spelled(text)
    same: list[str] = []
    skip = False
    for index, word in enumerate(spelled):
        following = spelled[index + 1] if index + 1 < len(spelled) else ""
        if skip:
            skip = False
            continue
        denial = _DENIALS_SAME.get((word, following))
        if denial is not None:
            same.append(denial)
            skip = True
        else:
            same.append(_SIGNAL_SAME.get(word, word))
    return same


def _only_auxiliaries_changed(ops: Sequence[InlineOp]) -> bool:
    """Whether the words that appeared or went are only small words and plain denials ("will
    never be sold" -> "is never sold", "do not" -> "do not and will not"), no word that could
    qualify a claim ("without your consent", "at this time")."""
    changed = _appeared_or_gone(ops, _spelled)
    return all(w in STOPWORDS or w in _PLAIN_DENIALS or w in _AUXILIARY_DO for w in changed)


_PLAIN_DENIALS = frozenset({"not", "never", "no", "nor"})


def _only_swaps(ops: Sequence[InlineOp]) -> bool:
    """Whether the edit only swaps words that say the same ("do not" -> "never", "will" ->
    "shall"), everything else as it was."""
    changed = _appeared_or_gone(ops, _spelled_same)
    return all(w in STOPWORDS or w in _AUXILIARY_DO for w in changed)


def changed_signals(ops: Sequence[InlineOp], rules: RuleSet) -> list[str]:
    """Names of the signals whose words appeared or disappeared (``numbers`` for numbers)."""
    # "never" for "not", "shall" for "will" say the same only when nothing else changed ("We
    # never sell" -> "We do not sell ... at this time" limits the denial)
    ops = _without_stressed_denials(ops)
    read = _spelled_same if _only_swaps(ops) else _spelled
    inserted, deleted = _counted(ops, "insert", read), _counted(ops, "delete", read)
    changed = [
        signal.name
        for signal in rules.severity.signals
        if _restrict(inserted, signal.words) != _restrict(deleted, signal.words)
    ]
    if rules.severity.numbers:
        counted = [op for op in _without_enumerators(ops) if op.tag != "equal"]
        numbers_in = Counter(
            w for op in counted if op.tag == "insert" for w in words(op.text) if has_digit(w)
        )
        numbers_out = Counter(
            w for op in counted if op.tag == "delete" for w in words(op.text) if has_digit(w)
        )
        if numbers_in != numbers_out:
            changed.append("numbers")
    return changed


def _without_stressed_denials(ops: Sequence[InlineOp]) -> list[InlineOp]:
    """``ops`` less an "any" added to or taken from a denial before it in its sentence ("We do
    not share it with third parties" -> "... with any third parties", "never sell any of your
    data"): it stresses the denial and says nothing more ("all" would: "not with all")."""
    return [
        op
        for _, op, before in _with_text_before(ops)
        if not (op.tag != "equal" and _ANY.fullmatch(op.text) and _DENIAL_BEFORE.search(before))
    ]


def _with_text_before(ops: Sequence[InlineOp]) -> Iterator[tuple[int, InlineOp, str]]:
    """Each of ``ops`` with its position and the text of its own side before it (the old
    text for a deletion, the new text otherwise)."""
    old_before = new_before = ""
    for i, op in enumerate(ops):
        yield i, op, old_before if op.tag == "delete" else new_before
        if op.tag != "insert":
            old_before += " " + op.text
        if op.tag != "delete":
            new_before += " " + op.text


_ANY = re.compile(r"\s*any(?:\s+of)?\s*", re.IGNORECASE)
#: A denial earlier in the same sentence, with no "but" turning it round since.
_DENIAL_BEFORE = re.compile(
    r"(?:\b(?:not|never|no|without|nor|cannot)\b|n[’']t\b)(?:(?!\bbut\b)[^.;:!?])*$",
    re.IGNORECASE,
)


#: A number label written into the text ("5.", "(e)", "**2."): numbering, not a quantity.
_ENUMERATOR = re.compile(
    r"[*_#\s]*\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,5})(?P<end>[.)])?[*_\s]*", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?:^|[.;!?])[\s*_#]*$")


def _without_enumerators(ops: Sequence[InlineOp]) -> list[InlineOp]:
    """``ops`` less the inserted or deleted number labels at the start of the clause or of a
    sentence ("5. any competent body" -> "(e) any competent body" changes no number)."""
    kept: list[InlineOp] = []
    for i, op, before in _with_text_before(ops):
        label = _ENUMERATOR.fullmatch(op.text) if op.tag != "equal" else None
        after = next((o.text for o in ops[i + 1 :] if o.tag == "equal"), "")
        closed = label is not None and (label["end"] or after.startswith((".", ")")))
        closed = closed and any(c.isalnum() for c in after)  # a label has text after it
        if not (closed and _SENTENCE_END.search(before[-8:])):
            kept.append(op)
    return kept


def is_typo_fix(ops: Sequence[InlineOp], max_edits: int) -> bool:
    """True when every edit in ``ops`` is a small re-spelling, punctuation, or a split/join."""
    hunks = _hunks(ops)
    if not hunks:
        return False
    for deleted, inserted in hunks:
        before, after = _letters(deleted), _letters(inserted)
        if before == after or _particle_fix(deleted, inserted):
            continue
        if not before or not after or len(words(deleted)) > 2 or len(words(inserted)) > 2:
            return False
        if any(has_digit(w) for w in words(deleted) + words(inserted)):
            return False
        if (set(_spelled(deleted)) ^ set(_spelled(inserted))) & _LOGIC_WORDS:
            return False  # "and" -> "and/or", "may" -> "way", "isn't" -> "is": logic changed
        if _edit_distance(before, after, max_edits) > max_edits:
            return False
    return True


#: Words whose adding or dropping mends grammar without touching meaning ("data we use train"
#: -> "data we use to train"). Negations, modals, quantifiers and conjunctions are not here.
_PARTICLES = frozenset(["a", "an", "the", "to", "of"])


#: Words that carry a statement's logic: changing one is never a typo fix.
_LOGIC_WORDS = frozenset(
    {*(_DENYING - {"non"}), "none", "and", "or", "may", "will", "shall", "must", "can", "might"}
)


def _particle_fix(deleted: str, inserted: str) -> bool:
    """One side empty, the other a single grammatical particle."""
    added = words(inserted) if not deleted.strip() else words(deleted) if not inserted else []
    return len(added) == 1 and added[0] in _PARTICLES


def word_ops(old_text: str, new_text: str) -> tuple[InlineOp, ...]:
    """A word-level diff of two texts, for changes that arrive without inline ops."""
    old_words, new_words = old_text.split(), new_text.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    ops: list[InlineOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(InlineOp("equal", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            ops.append(InlineOp("delete", " ".join(old_words[i1:i2])))
        if j2 > j1:
            ops.append(InlineOp("insert", " ".join(new_words[j1:j2])))
    return tuple(ops)


def _hunks(ops: Sequence[InlineOp]) -> list[tuple[str, str]]:
    """Each run of non-equal ops between equal ones, as (deleted text, inserted text)."""
    hunks: list[tuple[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op in [*ops, InlineOp("equal", "")]:
        if op.tag == "equal":
            if deleted or inserted:
                hunks.append((" ".join(deleted), " ".join(inserted)))
                deleted, inserted = [], []
        elif op.tag == "delete":
            deleted.append(op.text)
        else:
            inserted.append(op.text)
    return hunks


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``cap + 1`` as soon as it exceeds ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def _restrict(counts: Counter[str], vocabulary: frozenset[str]) -> Counter[str]:
    return Counter({w: n for w, n in counts.items() if w in vocabulary})


#: The words of a renamed term ("participant" -> "ticket buyer"): letters only, at most this many.
RENAMED_TERM_WORDS = 4
#: How many times a clause must rename a term, the same way each time, to be read as renaming it.
RENAMED_TIMES = 2
_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
#: Words that say what is done, how far or whether: never part of a renamed name.
_NOT_A_NAME = frozenset(
    [
        *("no", "not", "never", "yes", "may", "might", "must", "will", "shall", "can"),
        *("cannot", "could", "would", "should", "all", "any", "only", "without", "unless"),
        *("except", "and", "or", "nor", "before", "after", "within"),
    ]
)


def _term_renamed(old: str, new: str, readings: Readings) -> str | None:
    """``"'participant' -> 'ticket buyer'"`` when the only difference between the two texts is
    one name put for another, the same way each time, at least ``RENAMED_TIMES`` times (a
    defined term renamed throughout a clause: "The participant enters into ... by
    participants ... the participant shall receive" -> "The ticket buyer ..."). A name made
    of words only; not a number, a modal, a negation or a quantifier ("13" -> "16", "no" ->
    "yes"), and not a recipient, purpose, kind of data or place on either side (a scope
    changed is read for what it adds: "partners" -> "advertisers", "the organizer" ->
    "advertisers"), but for a name of the user's renamed ("participant" -> "ticket buyer":
    the buyer is the user still, no recipient), nor a protective quality ("anonymized" ->
    "identifiable"), and the two texts read alike otherwise (:func:`_reads_alike`). The
    caller checks that the topics are the same ("court" -> "arbitration" is no rename)."""
    a, b = _TOKEN.findall(old.lower()), _TOKEN.findall(new.lower())
    counted_a, counted_b = Counter(a), Counter(b)
    if len(counted_a - counted_b) > 2 * RENAMED_TERM_WORDS or len(counted_b - counted_a) > (
        2 * RENAMED_TERM_WORDS
    ):
        return None  # more words gone or come than one name's (and its plural's): no diff needed
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changed = [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    if len(changed) < RENAMED_TIMES or any(not x or not y for x, y in changed):
        return None
    names = {(" ".join(_singular(x)), " ".join(_singular(y))) for x, y in changed}
    if len(names) != 1:
        return None
    ((was, now),) = names
    for term in (was, now):
        found = term.split()
        if len(found) > RENAMED_TERM_WORDS or not all(w.isalpha() for w in found):
            return None
        if _NOT_A_NAME.intersection(found):
            return None
    olds = {" ".join(x) for x, _ in changed} | {was}
    news = {" ".join(y) for _, y in changed} | {now}
    user = any(readings.search("user", term) for term in olds) and not any(
        readings.search("same_recipients", term) for term in news
    )  # "participant" -> "ticket buyer", not "participant" -> "advertiser"
    if any(
        readings.search(name, term)
        for term in olds | news
        for name in (*SCOPES, "safeguard_qualities")
        if not (user and name == "recipients" and term in news)
    ):
        return None
    if not _reads_alike(old, new, readings, user):
        return None  # "delete" -> "retain", "opt-in" -> "opt-out": more than a name
    return f"'{was}' -> '{now}'"


def _reads_alike(old: str, new: str, readings: Readings, user: bool = False) -> bool:
    """Whether the sentences of the two texts read the same but for the scope words: the same
    verbs, denied, bound and spreading alike, the same consent, exceptions, conditions,
    quantities and qualities ("delete" -> "retain", "opt-in" -> "opt-out", "thirty days" ->
    "ninety days" do not). A name of the ``user``'s renamed changes how the verbs done to or
    by the user are read ("we will reimburse the participant" is no commitment of the
    company's, "reimburse the ticket buyer" is): only the spreading verbs are compared, and a
    sentence that spreads data names no recipient it did not ("We share your name with other
    participants" -> "with partners" is sharing with someone new)."""
    before, after = sentences(old), sentences(new)
    if len(before) != len(after):
        return False
    for a, b in zip(before, after, strict=True):
        was, now = read_sentence(a, readings), read_sentence(b, readings)
        if _what_is_read(was, user) != _what_is_read(now, user):
            return False
        if any(c.spreading for c in now.claims) and not now.scope["recipients"].issubset(
            was.scope["recipients"]
        ):
            return False
    return True


def _what_is_read(reading: Reading, user: bool) -> tuple[object, ...]:
    """A reading less its text and its scope words, and but for its spreading verbs when a
    name of the user's is renamed (see :func:`_reads_alike`)."""
    return (
        tuple(
            (c.kind, c.key, c.negated, c.modality, c.spreading)
            for c in reading.claims
            if c.spreading or not user
        ),
        *_states_itself(reading),
        *(reading.conditions, reading.sensitive, reading.safeguarded, reading.compelled),
        tuple((q.kind, q.value, q.unit) for q in reading.quantities),
    )


def _singular(found: Sequence[str]) -> list[str]:
    """The words with a plural's final "s" dropped from the last: "participants" and
    "participant" name the same thing."""
    last = found[-1]
    return [*found[:-1], last[:-1] if len(last) > 3 and last.endswith("s") else last]


def _joined(texts: Iterable[str]) -> str:
    return " ".join(t for t in texts if t)

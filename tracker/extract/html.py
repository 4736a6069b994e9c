"""HTML to blocks: parse once with lxml through beautifulsoup4, apply the rules, walk once.

What is always dropped: ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``head``,
embedded objects, form controls (a ``<form>`` too, unless it wraps the page's content as
ASP.NET pages do), closed ``<dialog>`` elements and hidden elements (the ``hidden`` attribute,
except ``hidden="until-found"``, and inline ``display:none`` / ``visibility:hidden``). Content
that is only hidden from screen readers (``aria-hidden``) is kept: it is still on the screen.
Images contribute nothing (their alternative text is not policy text).

With ``select`` rules the matched elements are kept, in document order; ``remove`` rules drop
elements inside them. Without ``select`` the main content is found automatically
(:mod:`tracker.extract.main_content`) and page chrome inside it is skipped.

Links keep their target when it leads somewhere else than the visible text says: the block
text reads ``Privacy Policy <https://example.com/privacy>`` (the URL made absolute and cleaned
by :func:`tracker.extract.normalize.clean_url`). Links within the page (``#section``) and links
whose text already is their address keep only their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import NavigableString, XMLAttributeDict

from tracker.errors import SelectorMissError
from tracker.extract.blocks import Block, BlockKind
from tracker.extract.dates import is_date_line
from tracker.extract.decode import parser_input
from tracker.extract.document import build_document
from tracker.extract.main_content import find_main_content, is_page_chrome
from tracker.extract.normalize import (
    clean_url,
    cloudflare_email_from_href,
    decode_cloudflare_email,
    normalize_text,
)
from tracker.extract.segment import MAX_BOLD_HEADING_WORDS, is_heading_line
from tracker.extract.selectors import select_each
from tracker.model import ExtractedDocument, ExtractionRules

SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "canvas",
        "audio",
        "video",
        "picture",
        "source",
        "track",
        "img",
        "map",
        "area",
        "input",
        "select",
        "option",
        "optgroup",
        "textarea",
        "datalist",
        "output",
        "progress",
        "meter",
        "param",
    }
)
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "address",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "details",
        "summary",
        "dl",
        "dt",
        "dd",
        "fieldset",
        "legend",
        "hr",
        "center",
        "body",
        "html",
        "hgroup",
        "caption",
        "dialog",
        "search",
        "form",
        "li",
        "ul",
        "ol",
        "menu",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "colgroup",
    }
)
BOLD_TAGS = frozenset({"strong", "b"})
#: Tables built of other elements with ARIA roles (WAI-ARIA "table" and "grid" patterns).
TABLE_ROLES = frozenset({"table", "grid", "treegrid"})
ROW_ROLES = frozenset({"row"})
CELL_ROLES = frozenset({"cell", "gridcell", "columnheader", "rowheader"})
LIST_TAGS = frozenset({"ul", "ol", "menu"})
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
#: Below this nesting depth the walker stops recursing and takes the text as it comes.
MAX_DEPTH = 400

_SURROGATES = re.compile("[\ud800-\udfff]")
_SHOWN_SCHEMES = ("https://", "http://", "mailto:", "ftp://")
#: Characters that may trail a link's text without being part of it.
_TRAILING = " \t\n\r\f\v\u00a0\u200b\u2060\ufeff"

# Segment flags: plain text, bold text, text (link targets) that is neither, a line break.
PLAIN, BOLD, NEUTRAL, BREAK = 0, 1, 2, 3


#: No rules: the main content is found automatically.
NO_RULES = ExtractionRules()


def extract_html(
    html: bytes | str,
    *,
    rules: ExtractionRules = NO_RULES,
    base_url: str | None = None,
    content_type: str | None = None,
    source: str | None = None,
) -> ExtractedDocument:
    """Extract the clauses of an HTML page (bytes are decoded as a browser would, with the
    charset of ``content_type`` if given). ``source`` names it in errors (a file name)."""
    soup = parse_html(html, content_type)
    blocks = html_blocks(soup, rules, base_url)
    name = source or base_url or "HTML page"
    return build_document(blocks, title=page_title(soup), source=name)


def whole_document_blocks(html: str) -> list[Block]:
    """The blocks of an HTML fragment taken as a whole (rendered Markdown): no page chrome."""
    soup = parse_html(html)
    walker = _Walker(base_url=None, automatic=False)
    walker.walk_root(soup.body if soup.body is not None else soup)
    return walker.blocks


def parse_html(html: bytes | str, content_type: str | None = None) -> BeautifulSoup:
    """Parse with the lxml parser (the one parse of the page).

    Bytes go to the parser as bytes, with the encoding :mod:`tracker.extract.decode` chose
    (lxml decodes them faster than Python would), unless they are UTF-8 with stray bytes,
    which :func:`tracker.extract.decode.parser_input` decodes itself.
    """
    if isinstance(html, bytes):
        markup, encoding = parser_input(html, content_type=content_type)
        if isinstance(markup, str):
            return parse_html(markup)
        return BeautifulSoup(markup, from_encoding=encoding, **_PARSER_OPTIONS)
    try:
        return BeautifulSoup(html, **_PARSER_OPTIONS)
    except UnicodeEncodeError:  # lone surrogates in a str: lxml cannot encode them
        return BeautifulSoup(_SURROGATES.sub("\ufffd", html), **_PARSER_OPTIONS)


class _HtmlTreeBuilder(LXMLTreeBuilder):
    """bs4's lxml HTML tree builder, building the same tree with less work per node.

    For every start tag, bs4's builder (written for XML as well) copies the attributes into a
    new dict twice, splitting each name and the tag's own for a ``{namespace}`` prefix, and
    the tag copies them once more; an HTML parse has no namespaces (lxml's HTML parser names
    no element or attribute ``{...}``), so here the tag takes lxml's attributes as they come.
    And the element or string each start tag, end tag and run of text makes is made here, as
    ``BeautifulSoup.handle_starttag``, ``handle_endtag`` and ``endData`` (and ``Tag``'s and
    ``NavigableString``'s constructors) make them, without what they do for options this
    parse never takes (custom element classes, ``parse_only``, attributes split into lists,
    line numbers): the same objects, with the same attributes set in the same order and the
    same links (a test compares every node's attributes and links and the soup's state with
    bs4's own builder's over the corpus). Anything namespaced, and any other option, goes the
    inherited way. The parse of a corpus page: 15.0 -> 10.0 ms (in process, load 5)."""

    def initialize_soup(self, soup: BeautifulSoup) -> None:
        super().initialize_soup(soup)
        #: the options under which the work below is bs4's own
        self._plain = (
            not soup.element_classes
            and soup.parse_only is None
            and not self.cdata_list_attributes
            and self.attribute_dict_class is XMLAttributeDict
            and not self.is_xml
        )

    def start(self, tag: Any, attrib: Any, nsmap: Any = None) -> None:
        if nsmap or len(self.nsmaps) > 1 or tag[:1] == "{" or not self._plain:
            super().start(tag, attrib, nsmap or {})
            return
        if attrib:  # else lxml's empty mapping (no dict)
            for name, value in attrib.items():
                if name[:1] == "{" or value.__class__ is not str:
                    super().start(tag, attrib, {})
                    return
            attrs = XMLAttributeDict(attrib)  # str values: its __setitem__ keeps them
        else:
            attrs = XMLAttributeDict()
        soup = self.soup
        assert soup is not None
        if soup.current_data:
            _end_data(soup)
        # Tag.__init__, with BeautifulSoup as the parser and this builder, in its order
        parent = soup.currentTag
        previous = soup._most_recent_element
        element = Tag.__new__(Tag)
        element.parser_class = BeautifulSoup
        element.name = tag
        element.namespace = None
        element._namespaces = self.active_namespace_prefixes[-1] or {}
        element.prefix = None
        element.sourceline = None
        element.sourcepos = None
        element.attribute_value_list_class = self.attribute_value_list_class
        element.attrs = attrs
        element.known_xml = False
        element.contents = []
        # PageElement.setup(parent, previous)
        element.parent = parent
        element.previous_element = previous
        if previous is not None:
            previous.next_element = element
        element.next_element = None
        element.next_sibling = None
        sibling = parent.contents[-1] if parent is not None and parent.contents else None
        element.previous_sibling = sibling
        if sibling is not None:
            sibling.next_sibling = element
        element.hidden = False
        if tag == "meta":
            self.set_up_substitutions(element)
        empty = self.empty_element_tags
        element.can_be_empty_element = True if empty is None else tag in empty
        element.cdata_list_attributes = self.cdata_list_attributes
        element.preserve_whitespace_tags = self.preserve_whitespace_tags
        containers = self.string_containers
        if tag in containers:
            element.interesting_string_types = {containers[tag]}
        else:
            element.interesting_string_types = Tag.MAIN_CONTENT_STRING_TYPES
        # BeautifulSoup.handle_starttag's end, and pushTag
        soup._most_recent_element = element
        if parent is not None:
            parent.contents.append(element)
        soup.tagStack.append(element)
        soup.currentTag = element
        if tag != soup.ROOT_TAG_NAME:
            soup.open_tag_counter[tag] += 1
        if tag in self.preserve_whitespace_tags:
            soup.preserve_whitespace_tag_stack.append(element)
        if tag in containers:
            soup.string_container_stack.append(element)

    def end(self, tag: Any) -> None:
        if len(self.nsmaps) > 1 or tag[:1] == "{" or not self._plain:
            super().end(tag)
            return
        soup = self.soup
        assert soup is not None
        if soup.current_data:
            _end_data(soup)
        # BeautifulSoup._popToTag(tag, None)
        if tag == soup.ROOT_TAG_NAME:
            return
        stack = soup.tagStack
        counter = soup.open_tag_counter
        for i in range(len(stack) - 1, 0, -1):
            if not counter.get(tag):
                break
            top = stack[i]
            if tag == top.name and top.prefix is None:
                soup.popTag()
                break
            soup.popTag()

    def data(self, content: Any) -> None:
        assert self.soup is not None
        self.soup.current_data.append(content)


def _end_data(soup: BeautifulSoup) -> None:
    """``soup.endData()`` for a parse without ``parse_only`` or custom element classes, when
    there is data: the string, and its place in the tree (``object_was_parsed``)."""
    data = soup.current_data
    text = data[0] if len(data) == 1 else "".join(data)
    if not soup.preserve_whitespace_tag_stack and not text.strip(soup.ASCII_SPACES):
        text = "\n" if "\n" in text else " "
    soup.current_data = []
    kind: type[NavigableString] = NavigableString
    if soup.string_container_stack:
        kind = soup.builder.string_containers.get(soup.string_container_stack[-1].name, kind)
    # NavigableString(text): a str, then setup() with nothing to link
    string = str.__new__(kind, text)
    string.hidden = False
    string.parent = None
    string.previous_element = None
    string.next_element = None
    string.next_sibling = None
    string.previous_sibling = None
    # object_was_parsed(string)
    parent = soup.currentTag
    assert parent is not None
    previous = soup._most_recent_element
    fix = parent.next_element is not None
    string.parent = parent
    string.previous_element = previous
    if previous is not None:
        previous.next_element = string
    string.next_element = None
    string.next_sibling = None
    sibling = parent.contents[-1] if parent.contents else None
    string.previous_sibling = sibling
    if sibling is not None:
        sibling.next_sibling = string
    soup._most_recent_element = string
    parent.contents.append(string)
    if fix:
        soup._linkage_fixer(parent)


#: The lxml parser, through the builder above. ``class`` and the other multi-valued attributes
#: stay strings as written (readers split them): bs4's splitting of every such attribute of
#: every element is about a tenth of a parse.
_PARSER_OPTIONS: dict[str, Any] = {"builder": _HtmlTreeBuilder, "multi_valued_attributes": None}


def page_title(soup: BeautifulSoup) -> str | None:
    """The ``<title>`` of the page (looked for in ``<head>`` only: a whole-tree search is slow)."""
    html = next((c for c in soup.contents if isinstance(c, Tag) and c.name == "html"), None)
    head = (
        next((c for c in html.contents if isinstance(c, Tag) and c.name == "head"), None)
        if html is not None
        else None
    )
    if head is None:
        return None
    tag = head.find("title", recursive=False)
    if not isinstance(tag, Tag):
        return None
    return normalize_text(tag.get_text()) or None


def html_blocks(soup: BeautifulSoup, rules: ExtractionRules, base_url: str | None) -> list[Block]:
    """The blocks of a parsed page under ``rules`` (see the module docstring)."""
    walker = _Walker(base_url=base_url, automatic=not rules.select)
    matches = select_each(soup, (*rules.select, *rules.remove))
    if rules.select:
        roots = _selected_roots(rules.select, matches[: len(rules.select)])
    else:
        main = find_main_content(soup, base_url)
        roots = [main.root]
        if main.title is not None:
            walker.walk_element(main.title)
    for removed in matches[len(rules.select) :]:
        for element in removed:
            if not element.decomposed:
                element.decompose()
    for root in roots:
        if not root.decomposed:  # else inside an element a `remove` rule dropped
            walker.walk_root(root)
    return walker.blocks


def _selected_roots(selectors: Sequence[str], matches: Sequence[list[Tag]]) -> list[Tag]:
    """Elements matched by any selector, in document order, without nested duplicates."""
    for selector, found in zip(selectors, matches, strict=True):
        if not found:
            raise SelectorMissError(selector)
    if len(matches) == 1:
        chosen = matches[0]
    else:
        chosen = sorted(
            {id(el): el for found in matches for el in found}.values(), key=_document_position
        )
    ids = {id(el) for el in chosen}
    return [el for el in chosen if not any(id(p) in ids for p in el.parents)]


def _document_position(el: Tag) -> tuple[int, ...]:
    """A sort key giving document order: child indexes from the root down."""
    indexes: list[int] = []
    node: Tag = el
    while node.parent is not None:
        indexes.append(node.parent.contents.index(node))
        node = node.parent
    return tuple(reversed(indexes))


def is_hidden(attrs: Mapping[str, object]) -> bool:
    hidden = attrs.get("hidden")
    if hidden is not None and hidden != "until-found":
        return True
    style = attrs.get("style")
    return isinstance(style, str) and _HIDING_STYLE.search(style) is not None


def _is_bold_style(attrs: Mapping[str, object]) -> bool:
    style = attrs.get("style")
    return isinstance(style, str) and "font-weight" in style and bool(_BOLD_STYLE.search(style))


@dataclass(slots=True)
class _ListItem:
    depth: int
    label: str | None
    used: bool = False
    is_section: bool = False


@dataclass(slots=True)
class _Walker:
    """Walks element trees once, turning inline runs into blocks at block boundaries."""

    base_url: str | None
    automatic: bool
    blocks: list[Block] = field(default_factory=list)
    #: The inline text of the current block, and beside it each piece's flag (PLAIN, BOLD...).
    texts: list[str] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)
    heading_level: int = 0
    bold_depth: int = 0
    list_depth: int = 0
    items: list[_ListItem] = field(default_factory=list)
    after_break: bool = False
    flushes: int = 0
    #: Whether a heading or a table was met (a table cell holding one is page layout).
    saw_structure: bool = False
    #: Letters of the current block inside links to places in the same page.
    nav_letters: int = 0

    # -- entry points -------------------------------------------------------------------
    def walk_root(self, root: Tag) -> None:
        self._flush()
        self._walk(root, 0)
        self._flush()

    def walk_element(self, el: Tag) -> None:
        self._flush()
        self._element(el, 0)
        self._flush()

    # -- tree walk ----------------------------------------------------------------------
    def _walk(self, node: Tag, depth: int) -> None:
        if depth > MAX_DEPTH:
            self._add_text(" ".join(node.stripped_strings))
            return
        texts, flags = self.texts, self.flags
        for child in node.contents:
            kind = type(child)
            if kind is NavigableString:
                # _add_text, inlined: this loop runs for every node of the page
                texts.append(child)  # type: ignore[arg-type]
                flags.append(BOLD if self.bold_depth else PLAIN)
                if self.after_break and not child.isspace():  # type: ignore[attr-defined]
                    self.after_break = False
            elif kind is Tag or isinstance(child, Tag):
                self._element(child, depth + 1)  # type: ignore[arg-type]
                texts, flags = self.texts, self.flags  # a flush replaces the lists

    def _element(self, el: Tag, depth: int) -> None:
        name = el.name
        if name in SKIPPED_TAGS or (name in ("form", "dialog") and _is_skipped_container(el)):
            return
        attrs = el.attrs
        if attrs:
            if ("hidden" in attrs or "style" in attrs) and is_hidden(attrs):
                return
            if "data-cfemail" in attrs:
                address = decode_cloudflare_email(str(attrs["data-cfemail"]))
                if address:
                    self._add_text(address)
                    return
        if name == "nav" or (attrs and attrs.get("role") == "navigation"):
            self._navigation()
            return
        if self.automatic and is_page_chrome(el):
            return
        if name == "a":
            self._link(el, depth)
        elif name == "br":
            self._line_break()
        elif name in BOLD_TAGS:
            self._bold(el, depth)
        elif name not in BLOCK_TAGS and name not in HEADING_LEVELS:
            if attrs and "style" in attrs and _is_bold_style(attrs):
                self._bold(el, depth)
            else:
                self._walk(el, depth)
        elif self.heading_level:
            self._add_piece(" ", PLAIN)  # block markup inside a heading: same heading
            self._walk(el, depth)
            self._add_piece(" ", PLAIN)
        elif name in HEADING_LEVELS:
            self._heading(el, HEADING_LEVELS[name], depth)
        elif attrs and attrs.get("role") in TABLE_ROLES:
            self.saw_structure = True
            self._table(el, depth, _aria_rows(el))
        elif name in LIST_TAGS:
            self._list(el, depth)
        elif name == "li":
            self._list_item(el, None, depth)
        elif name == "table":
            self.saw_structure = True
            self._table(el, depth)
        elif name == "pre":
            self._flush()
            self._preformatted(el, depth)
            self._flush()
        else:
            self._flush()
            self._walk(el, depth)
            self._flush()

    def _preformatted(self, el: Tag, depth: int) -> None:
        """Preformatted text (``<pre>``; Markdown's indented and fenced blocks): a blank line in
        it ends a paragraph, as in a plain-text page. Policies captured as Markdown indent whole
        sections (iCloud's terms of 2024: twelve spaces before each numbered paragraph, so one
        code block of 9,000 characters where the 2019 version had twenty paragraphs); a page that
        shows its text in a ``<pre>`` is a plain-text page in HTML. Elements inside it are walked
        as anywhere else; inline ones (``<code>``, ``<span>``) keep splitting at blank lines."""
        if depth > MAX_DEPTH:
            self._add_text(" ".join(el.stripped_strings))
            return
        for child in el.contents:
            if type(child) is NavigableString:
                for index, part in enumerate(_PARAGRAPH_BREAK.split(child)):
                    if index:
                        self._flush()
                    self._add_text(part)
            elif isinstance(child, Tag):
                if _is_plain_inline(child, self.automatic):
                    self._preformatted(child, depth + 1)
                else:
                    self._element(child, depth + 1)

    def _bold(self, el: Tag, depth: int) -> None:
        self.bold_depth += 1
        self._walk(el, depth)
        self.bold_depth -= 1

    def _heading(self, el: Tag, level: int, depth: int) -> None:
        self.saw_structure = True
        self._flush()
        self.heading_level = level
        self._walk(el, depth)
        self._flush()
        self.heading_level = 0

    def _list(self, el: Tag, depth: int) -> None:
        self._flush()
        numbering = _Numbering.of(el) if el.name == "ol" else None
        self.list_depth += 1
        for child in el.contents:
            if isinstance(child, Tag):
                if child.name == "li" and not (child.attrs and is_hidden(child.attrs)):
                    label = numbering.next_label(child) if numbering else None
                    self._list_item(child, label, depth + 1)
                else:
                    self._element(child, depth + 1)
            elif type(child) is NavigableString:
                self._add_text(child)
        self.list_depth -= 1
        self._flush()

    def _list_item(self, el: Tag, label: str | None, depth: int) -> None:
        self._flush()
        self.items.append(_ListItem(depth=max(self.list_depth, 1), label=label))
        self._walk(el, depth)
        self._flush()
        self.items.pop()

    def _table(self, el: Tag, depth: int, rows: list[list[Tag]] | None = None) -> None:
        """A data table becomes table rows; a layout table (one cell, or cells holding
        headings or tables) is walked like any other container. ``rows``: the rows of a
        table built of other elements (ARIA roles), else those of the ``<table>``."""
        self._flush()
        if rows is None:
            rows = list(_table_rows(el))
        table_blocks = (
            None
            if len(rows) <= 1 and all(len(r) <= 1 for r in rows)
            else self._table_blocks(el, rows)
        )
        if table_blocks is None:
            self._walk(el, depth)
            self._flush()
            return
        self.blocks.extend(table_blocks)

    def _table_blocks(self, el: Tag, rows: list[list[Tag]]) -> list[Block] | None:
        """The caption and rows of a data table, or None if it turns out to be for layout."""
        blocks: list[Block] = []
        for caption in el.find_all("caption", recursive=False):
            sub = self._sub_walker()
            sub.walk_root(caption)
            blocks.extend(sub.blocks)
        for row in rows:
            cells = []
            for cell in row:
                if cell.attrs and is_hidden(cell.attrs):
                    continue
                sub = self._sub_walker()
                sub.walk_root(cell)
                if sub.saw_structure:
                    return None
                cells.append(
                    " ".join(
                        f"{b.list_label} {b.text}" if b.list_label else b.text for b in sub.blocks
                    )
                )
            if any(cells):
                cell_texts = tuple(c.replace("|", "\\|") for c in cells)
                blocks.append(
                    Block(kind="table_row", text=" | ".join(cell_texts), cells=cell_texts)
                )
        return blocks

    def _sub_walker(self) -> _Walker:
        return _Walker(base_url=self.base_url, automatic=self.automatic)

    def _navigation(self) -> None:
        """A ``<nav>`` is left out; its place is kept (the label above it goes with it)."""
        self._flush()
        self.blocks.append(Block(kind="paragraph", text="", navigation=True))

    def _link(self, el: Tag, depth: int) -> None:
        start, flushes, first_block = len(self.texts), self.flushes, len(self.blocks)
        pending = self.texts
        self._walk(el, depth)
        href = el.get("href")
        if not isinstance(href, str):
            return
        if self.flushes != flushes:  # block markup inside the link: blocks were emitted
            if self._in_page(href):
                self._mark_navigation(first_block, pending[:start])
            return
        if self._in_page(href):
            self.nav_letters += _letters(self.texts[start:])
        link_text = normalize_text("".join(self.texts[start:]))
        hidden_address = cloudflare_email_from_href(href)
        if hidden_address:
            if link_text in ("", "[email protected]"):
                del self.texts[start:], self.flags[start:]
                self._add_text(hidden_address)
                return
            href = f"mailto:{hidden_address}"
        target = self._link_target(href, link_text)
        if target:
            trailing_space = self._strip_trailing_space(start)
            self._add_piece(f" <{target}>", NEUTRAL)
            if trailing_space:
                self._add_piece(" ", PLAIN)

    def _in_page(self, href: str) -> bool:
        """A link to a place in this page (``#section``, or this page's address with one)."""
        href = href.strip()
        if href.startswith("#"):
            return True
        if "#" not in href or not self.base_url:
            return False
        url = clean_url(href, self.base_url)
        here = self.base_url.split("#", 1)[0]
        return url is not None and url.split("#", 1)[0] == here

    def _mark_navigation(self, first_block: int, before: list[str]) -> None:
        """An in-page link that held block markup: the blocks made inside it are navigation
        (the first one only if no text came before the link), and so is its text not yet
        in a block."""
        blocks = self.blocks
        if _letters(before):
            first_block += 1
        for k in range(first_block, len(blocks)):
            blocks[k] = blocks[k]._replace(navigation=True)
        self.nav_letters += _letters(self.texts)

    def _strip_trailing_space(self, start: int) -> bool:
        """Remove whitespace at the end of the pieces from ``start``; whether there was any."""
        stripped = False
        texts = self.texts
        while len(texts) > start:
            text = texts[-1]
            kept = text.rstrip(_TRAILING)
            if kept == text:
                break
            stripped = stripped or any(c.isspace() for c in text[len(kept) :])
            if kept:
                texts[-1] = kept
                break
            texts.pop()
            self.flags.pop()
        return stripped

    def _link_target(self, href: str, link_text: str) -> str | None:
        """The cleaned absolute URL to show after a link's text, or None when it adds nothing.

        Same-page links, links whose text is their address, and links that cannot be made
        absolute (a relative link in a page given without its URL) show only their text.
        """
        if not link_text or href.lstrip().startswith("#"):
            return None
        url = clean_url(href, self.base_url)
        if url is None or not url.startswith(_SHOWN_SCHEMES):
            return None
        if self.base_url and url.split("#", 1)[0] == self.base_url.split("#", 1)[0]:
            return None
        if url.startswith("mailto:"):
            address = url[7:].split("?", 1)[0]
            return None if address.lower() in link_text.lower() else url
        bare = url.split("://", 1)[-1].rstrip("/").removeprefix("www.")
        shown = link_text.split("://", 1)[-1].rstrip("/").removeprefix("www.")
        return None if bare.lower() == shown.lower() else url

    # -- inline text and block boundaries ----------------------------------------------------
    def _add_text(self, text: str) -> None:
        if text:
            self._add_piece(text, BOLD if self.bold_depth else PLAIN)
            if self.after_break and not text.isspace():
                self.after_break = False

    def _line_break(self) -> None:
        if self.after_break:
            self._flush()  # two line breaks in a row separate paragraphs
        else:
            self._add_piece(" ", BREAK)
            self.after_break = True

    def _add_piece(self, text: str, flag: int) -> None:
        self.texts.append(text)
        self.flags.append(flag)

    def _flush(self) -> None:
        self.after_break = False
        nav_letters, self.nav_letters = self.nav_letters, 0
        if not self.texts:
            return
        texts, flags = self.texts, self.flags
        self.texts, self.flags = [], []
        self.flushes += 1
        if all(text.isspace() for text in texts):
            return  # spacers such as <p><br></p>
        navigation = bool(nav_letters) and nav_letters >= _letters(texts)
        if BREAK in flags:
            split = _split_title_line(texts, flags)
            if split is not None:
                index = split
                self._block_of(texts[:index], flags[:index], navigation)
                texts, flags = texts[index + 1 :], flags[index + 1 :]
        self._block_of(texts, flags, navigation)

    def _block_of(self, texts: list[str], flags: list[int], navigation: bool = False) -> None:
        text = normalize_text("".join(texts))
        if not text:
            return
        all_bold, lead_bold = _bold_lead(texts, flags) if BOLD in flags else (False, "")
        kind: BlockKind = "paragraph"
        level = 0
        list_label = None
        item = self.items[-1] if self.items else None
        if self.heading_level:
            kind, level = "heading", self.heading_level
            if item is not None and not item.used:
                item.used, item.is_section = True, True
                list_label = item.label
        elif item is not None and not item.used:
            kind, level, list_label = "list_item", item.depth, item.label
            item.used = True
        elif item is not None and not item.is_section:
            level = item.depth
        self._emit(
            Block(
                kind=kind,
                text=text,
                level=level,
                list_label=list_label,
                all_bold=all_bold,
                lead_bold=lead_bold,
                navigation=navigation,
            )
        )

    def _emit(self, block: Block) -> None:
        self.blocks.append(block)


#: A blank line: the end of a paragraph in preformatted text.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def _is_plain_inline(el: Tag, automatic: bool) -> bool:
    """An inline element with nothing of its own to say: no link, break, bold, hiding style or
    block inside it to look at (``<code>``, ``<span>``, ``<em>``...). A class alone says
    nothing either (Markdown's fenced block with an info string, "```text", is
    ``<pre><code class="language-text">``), unless it marks page furniture to skip."""
    name = el.name
    if (
        name in BLOCK_TAGS
        or name in HEADING_LEVELS
        or name in BOLD_TAGS
        or name in SKIPPED_TAGS
        or name in ("a", "br", "nav", "form", "dialog")
    ):
        return False
    attrs = el.attrs
    return not attrs or (attrs.keys() == {"class"} and not (automatic and is_page_chrome(el)))


def _letters(texts: list[str]) -> int:
    """How many letters the pieces hold (numbers and marks, such as "2.1", do not count)."""
    return sum(1 for text in texts for c in text if c.isalpha())


def _split_title_line(texts: list[str], flags: list[int]) -> int | None:
    """Where to split "2.1 Types of Data<br>While interacting..." into a title line and the
    rest (the index of the first line break), or None.

    Only when the first line looks like a heading: numbered or in capitals (see
    :func:`tracker.extract.segment.is_heading_line`), or all bold and short.
    """
    index = flags.index(BREAK)
    line = normalize_text("".join(texts[:index]))
    if not line or not normalize_text("".join(texts[index + 1 :])):
        return None
    if is_heading_line(line):
        return index
    all_bold, _ = _bold_lead(texts[:index], flags[:index])
    if all_bold and len(line.split()) <= MAX_BOLD_HEADING_WORDS and not is_date_line(line):
        return index
    return None


def _bold_lead(texts: list[str], flags: list[int]) -> tuple[bool, str]:
    """(whether all visible text is bold, the bold text the block starts with)."""
    lead: list[str] = []
    seen_bold = False
    for text, flag in zip(texts, flags, strict=True):
        if flag == PLAIN and not text.isspace():
            return False, normalize_text("".join(lead)) if seen_bold else ""
        if flag == BOLD and not text.isspace():
            seen_bold = True
        lead.append(text)
    if not seen_bold:
        return False, ""
    return True, normalize_text("".join(lead))


@dataclass(slots=True)
class _Numbering:
    """The numbers a browser draws in front of ``<ol>`` items (start, type, value)."""

    next_value: int
    style: str

    @classmethod
    def of(cls, ol: Tag) -> _Numbering:
        start = _int_attribute(ol.get("start"), 1)
        style = ol.get("type")
        return cls(start, style if isinstance(style, str) and style in "aAiI" and style else "1")

    def next_label(self, li: Tag) -> str:
        value = _int_attribute(li.get("value"), self.next_value)
        self.next_value = value + 1
        return f"{_format_number(value, self.style)}."


def _int_attribute(value: object, default: int) -> int:
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return default
    return default


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _format_number(value: int, style: str) -> str:
    if style in "aA" and 1 <= value <= 26 * 27:
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "A" else letters
    if style in "iI" and 1 <= value < 4000:
        roman = ""
        n = value
        for amount, numeral in _ROMAN:
            count, n = divmod(n, amount)
            roman += numeral * count
        return roman.upper() if style == "I" else roman
    return str(value)


def _aria_rows(table: Tag) -> list[list[Tag]]:
    """The rows of a table made of other elements with ARIA roles (``role="table"`` or
    ``"grid"``, ``role="row"``, ``role="cell"``, ``"columnheader"``...), each its cells."""
    rows: list[list[Tag]] = []
    for row in _with_roles(table, ROW_ROLES, TABLE_ROLES):
        rows.append(_with_roles(row, CELL_ROLES, TABLE_ROLES | ROW_ROLES))
    return rows


def _with_roles(el: Tag, wanted: frozenset[str], stop: frozenset[str]) -> list[Tag]:
    """The nearest descendants of ``el`` with a role in ``wanted`` (not looking inside
    them, nor inside an element with a role in ``stop``: a nested table)."""
    found: list[Tag] = []
    for child in el.children:
        if not isinstance(child, Tag):
            continue
        role = child.attrs.get("role") if child.attrs else None
        if role in wanted:
            found.append(child)
        elif role not in stop:
            found.extend(_with_roles(child, wanted, stop))
    return found


def _table_rows(table: Tag) -> Iterable[list[Tag]]:
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            yield _cells(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            for row in child.children:
                if isinstance(row, Tag) and row.name == "tr":
                    yield _cells(row)


def _cells(row: Tag) -> list[Tag]:
    return [c for c in row.children if isinstance(c, Tag) and c.name in ("td", "th")]


def _is_skipped_container(el: Tag) -> bool:
    """A closed ``<dialog>``, or a ``<form>`` that is a form, not a page wrapper (ASP.NET)."""
    if el.name == "dialog":
        return "open" not in el.attrs
    return not _wraps_content(el)


def _wraps_content(form: Tag) -> bool:
    if form.find(("main", "article", "h1", "h2", "h3")) is not None:
        return True
    return len(form.find_all("p", limit=3)) >= 3

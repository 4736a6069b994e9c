"""The HTML tree builder of :func:`tracker.extract.html.parse_html` (bs4's lxml builder without
its namespace work) builds the tree bs4's own lxml builder builds: same elements, names,
namespaces, attributes, strings and string kinds, on every corpus snapshot and on markup
that brings namespaces and odd attributes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tracker.extract.decode import parser_input
from tracker.extract.html import parse_html

TRICKY = [
    "<p>plain</p>",
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">'
    "<body><p>x</p></body></html>",
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<use xlink:href="#a"/><text>label</text></svg><p>after</p>',
    '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math><p>y</p>',
    '<div {odd}="1" data-x="&amp;" hidden><p class="a  b" id=c>t</p></div>',
    "<p>one<br>two<!-- a comment --><?php echo 1 ?>three</p>",
    "<!DOCTYPE html><html><head><title>T</title><script>if (a < b) {}</script>"
    "<style>p{}</style></head><body><pre>  kept  </pre><textarea> t </textarea></body></html>",
    "<table><tr><td>a<td>b</table><ul><li>one<li>two</ul>",
    "<pre>\n  <b> </b>\n</pre><p> <i>\n</i> </p><textarea>  </textarea><rt> </rt><rp>x</rp>",
    '<meta charset="latin-1"><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    "<p>a<br/>b<hr><img src=x alt=''></p><p></p>",
    "<p>unclosed <b>bold <i>both</p> after",
    '<o:p xmlns:o="urn:schemas-microsoft-com:office:office">word</o:p><p>x</p>',
    "",
    "   ",
    "<p>\u00e9t\u00e9 \u2014 \u201cquoted\u201d</p>",
]


def _stock(html: bytes | str) -> BeautifulSoup:
    """bs4's own lxml builder, given what parse_html gives its builder."""
    options: dict[str, Any] = {"multi_valued_attributes": None}
    if isinstance(html, bytes):
        markup, encoding = parser_input(html)
        if isinstance(markup, bytes):
            return BeautifulSoup(markup, "lxml", from_encoding=encoding, **options)
        html = markup
    return BeautifulSoup(html, "lxml", **options)


def _tree(soup: BeautifulSoup) -> list[tuple[Any, ...]]:
    nodes: list[tuple[Any, ...]] = []
    for node in soup.descendants:
        if hasattr(node, "attrs"):
            nodes.append(
                (
                    type(node).__name__,
                    node.name,
                    node.prefix,
                    node.namespace,
                    list(node.attrs.items()),
                    type(node.attrs).__name__,
                    node.can_be_empty_element,
                    node.parent.name if node.parent is not None else None,
                )
            )
        else:
            nodes.append((type(node).__name__, str(node)))
    return nodes


_LINKS = ("parent", "previous_element", "next_element", "previous_sibling", "next_sibling")


def _state(soup: BeautifulSoup) -> list[list[tuple[str, Any]]]:
    """Every node's instance attributes, in the order they were set, the links between nodes
    as positions in the document (the soup itself -1), everything else as it is (the soup's
    builder aside: that is the one difference)."""
    nodes = [soup, *soup.descendants]
    position = {id(node): index - 1 for index, node in enumerate(nodes)}
    state = []
    for node in nodes:
        entries: list[tuple[str, Any]] = []
        for key, value in vars(node).items():
            if key in _LINKS or key == "contents":
                linked = value if key == "contents" else [value]
                value = [None if v is None else position[id(v)] for v in linked]
            elif key == "builder":  # the soup's: ours, or bs4's own
                value = None
            elif key == "attrs":
                value = (type(value), [(k, type(v), v) for k, v in value.items()])
            entries.append((key, value))
        state.append(entries)
    return state


def _same(html: bytes | str) -> None:
    ours, stock = parse_html(html), _stock(html)
    assert _tree(ours) == _tree(stock)
    assert _state(ours) == _state(stock)
    assert ours.decode() == stock.decode()
    assert ours.original_encoding == stock.original_encoding


@pytest.mark.parametrize("html", TRICKY)
def test_same_tree_on_tricky_markup(html: str) -> None:
    _same(html)
    _same(html.encode("utf-8"))


def test_same_tree_on_every_corpus_snapshot(corpus_dir: Path) -> None:
    pages = sorted((corpus_dir / "snapshots").rglob("*.htm*"))
    assert len(pages) >= 60
    for page in pages:
        _same(page.read_bytes())

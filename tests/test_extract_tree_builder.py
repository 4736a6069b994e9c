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


def _same(html: bytes | str) -> None:
    ours, stock = parse_html(html), _stock(html)
    assert _tree(ours) == _tree(stock)
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

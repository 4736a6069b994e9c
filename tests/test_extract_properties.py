"""Properties: extraction is deterministic, and markup noise never changes the version hash.

The pages are real corpus snapshots; Hypothesis varies what must not matter: attribute order,
script contents, cookie banners, the bytes of arbitrary input.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.extract import extract_bytes, extract_html, extract_markdown
from tracker.extract.main_content import find_main_content
from tracker.extract.normalize import normalize_text
from tracker.model import ExtractionRules

PAGES = {
    # (snapshot, expert rules): one page with a <main>, one without
    "together": (
        "together-ai__privacy-policy/01_2025-02-18.html",
        ExtractionRules(select=(".main-wrapper",)),
    ),
    "midjourney": ("midjourney__terms-of-service/03_2023-12-23.html", ExtractionRules()),
}
FEW = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

BANNERS = (
    '<div id="onetrust-banner-sdk" class="otFlat"><p>{text}</p><button>Accept</button></div>',
    '<div id="CybotCookiebotDialog" role="dialog"><h2>{text}</h2><a href="#">OK</a></div>',
    '<div class="cookie-banner"><p>{text}</p><button>Got it</button></div>',
    '<section aria-label="Cookie consent" class="cc-window"><p>{text}</p></section>',
    '<div role="dialog" aria-modal="true"><h3>Privacy choices</h3><p>{text}</p></div>',
)
words = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=12
)
sentences = st.lists(words, min_size=1, max_size=25).map(" ".join)


def _page(corpus_dir: Path, key: str) -> tuple[str, ExtractionRules]:
    name, rules = PAGES[key]
    return (corpus_dir / "snapshots" / name).read_text(encoding="utf-8"), rules


@pytest.mark.parametrize("key", sorted(PAGES))
def test_extraction_is_deterministic(corpus_dir: Path, key: str) -> None:
    html, rules = _page(corpus_dir, key)
    first, second = extract_html(html, rules=rules), extract_html(html, rules=rules)
    assert first == second
    assert [c.id for c in first.clauses] == [c.id for c in second.clauses]


@FEW
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_attribute_order_does_not_matter(corpus_dir: Path, seed: int) -> None:
    html, rules = _page(corpus_dir, "together")
    soup = BeautifulSoup(html, "lxml")
    shuffler = random.Random(seed)
    for element in soup.find_all(True):
        items = list(element.attrs.items())
        shuffler.shuffle(items)
        element.attrs = dict(items)
    reference = extract_html(str(BeautifulSoup(html, "lxml")), rules=rules)
    assert extract_html(str(soup), rules=rules).text_sha256 == reference.text_sha256


@FEW
@given(
    code=st.lists(
        st.text(alphabet=st.characters(blacklist_characters="<"), max_size=200),
        min_size=1,
        max_size=5,
    ),
    key=st.sampled_from(sorted(PAGES)),
)
def test_scripts_do_not_matter(corpus_dir: Path, code: list[str], key: str) -> None:
    html, rules = _page(corpus_dir, key)
    soup = BeautifulSoup(html, "lxml")
    reference = extract_html(str(soup), rules=rules)
    for script in soup.find_all("script"):
        script.string = code[0]
    for index, text in enumerate(code):
        extra = soup.new_tag("script")
        extra.string = text
        paragraphs = soup.find_all("p")
        paragraphs[(index * 7) % len(paragraphs)].append(extra)
    assert extract_html(str(soup), rules=rules).text_sha256 == reference.text_sha256


@FEW
@given(banner=st.sampled_from(BANNERS), text=sentences, inside=st.booleans())
def test_cookie_banners_do_not_matter(
    corpus_dir: Path, banner: str, text: str, inside: bool
) -> None:
    html, _ = _page(corpus_dir, "midjourney")
    reference = extract_html(html)
    soup = BeautifulSoup(html, "lxml")
    fragment = BeautifulSoup(banner.format(text=text), "lxml").body
    assert fragment is not None
    element = next(c for c in fragment.children if isinstance(c, Tag))
    target = find_main_content(soup).root if inside else soup.body
    assert target is not None
    target.insert(0 if inside else len(target.contents), element)
    assert extract_html(str(soup)).text_sha256 == reference.text_sha256


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=400),
    name=st.sampled_from([None, "x.html", "x.md", "x.txt", "x.pdf", "x"]),
)
def test_any_bytes_give_a_document_or_a_clear_error(data: bytes, name: str | None) -> None:
    try:
        document = extract_bytes(data, name=name)
    except TrackerError as exc:
        assert str(exc)
    else:
        assert document.clauses
        assert len({c.id for c in document.clauses}) == len(document.clauses)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\n" not in once and "\u00a0" not in once and not once.startswith(" ")


@settings(max_examples=100, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=6))
def test_markdown_paragraph_order_is_kept(paragraphs: list[str]) -> None:
    document = extract_markdown("\n\n".join(paragraphs))
    assert (
        " ".join(c.display_text for c in document.clauses).split()
        == normalize_text(" ".join(paragraphs)).split()
    )

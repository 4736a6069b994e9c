"""The anomaly guards as pure functions: walls, error pages, near-empty, shrunk, language."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.eval_guard import LONG_ENGLISH, MISSING_SELECTOR, WALLS, check_wall, wall_cases
from tracker.errors import InputError
from tracker.extract import extract_html
from tracker.guard import (
    CONFIRMABLE_KINDS,
    MARKERS,
    SUSPICION_KINDS,
    GuardPolicy,
    PageInput,
    Suspicion,
    TextFacts,
    check_page,
    count_words,
    detect_language,
    text_facts,
)
from tracker.guard.language import MIN_WORDS
from tracker.model import ExtractionRules

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = sorted((DATA / "languages").glob("*.txt"))
LEGIT = sorted((DATA / "legit").glob("*.html"))


def policy_html(paragraphs: int, *, lang: str = "en", title: str = "Privacy Policy") -> str:
    text = (DATA / "languages" / f"{lang}.txt").read_text(encoding="utf-8").strip()
    body = "".join(f"<h2>Section {n}</h2><p>{text}</p>" for n in range(1, paragraphs + 1))
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><main><h1>{title}</h1>{body}</main></body></html>"


def verdict(html: str, last: TextFacts | None, **policy: float) -> Suspicion | None:
    body = html.encode("utf-8")
    return check_page(PageInput(body=body), extract_html(body), last, GuardPolicy(**policy))  # type: ignore[arg-type]


def facts_of(html: str) -> TextFacts:
    return text_facts(extract_html(html).canonical_text)


# -- walls and error pages -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "kind", "variant", "last"),
    list(wall_cases()),
    ids=lambda v: v.name if isinstance(v, Path) else str(v).replace(" ", "-"),
)
@pytest.mark.parametrize("rules", [ExtractionRules(), MISSING_SELECTOR], ids=["auto", "select"])
def test_every_wall_fixture_is_named(
    path: Path, kind: str, variant: str, last: TextFacts | None, rules: ExtractionRules
) -> None:
    suspicion, extracted = check_wall(path, rules, last)
    if kind == "near-empty" and not extracted:
        assert suspicion is None  # no text at all: reported as the extraction failure "empty"
        return
    assert suspicion is not None, f"{path.name} ({variant}) was not flagged"
    assert suspicion.kind == kind, suspicion.message
    assert not suspicion.confirmable  # seen every night, a wall must never become the policy
    assert "tracker accept" in suspicion.message


def test_the_fixtures_cover_every_page_kind_and_vendor_family() -> None:
    kinds = {p.name.split("__")[0] for p in WALLS.glob("*.html")}
    assert kinds == {"bot-wall", "captcha", "login-wall", "cookie-wall", "error-page", "near-empty"}
    assert {m.kind for m in MARKERS} <= set(SUSPICION_KINDS)
    vendors = {m.vendor for m in MARKERS}
    for vendor in ("Cloudflare", "Akamai", "PerimeterX (HUMAN)", "DataDome", "hCaptcha", "Google"):
        assert vendor in vendors


@pytest.mark.parametrize("path", LEGIT, ids=lambda p: p.name)
def test_short_real_pages_that_mention_walls_are_not_flagged(path: Path) -> None:
    """Cookie notices and docs pages talk about captchas, sign-in and cookies legitimately."""
    body = path.read_bytes()
    document = extract_html(body)
    assert count_words(document.canonical_text) < 300  # short: the strong markers are read
    for last in (None, text_facts(document.canonical_text)):
        assert check_page(PageInput(body=body), document, last) is None


def test_a_redirect_to_a_login_url_is_a_login_wall() -> None:
    html = "<html><body><main><h1>Welcome back</h1><p>Please continue.</p></main></body></html>"
    body = html.encode()
    page = PageInput(
        body=body,
        url="https://example.com/legal/privacy",
        final_url="https://example.com/login?next=%2Flegal%2Fprivacy",
    )
    suspicion = check_page(page, extract_html(body), LONG_ENGLISH)
    assert suspicion is not None and suspicion.kind == "login-wall"
    # The same page at its own URL is only near-empty: the URL marker needs a redirect.
    same = PageInput(body=body, url=page.final_url, final_url=page.final_url)
    suspicion = check_page(same, extract_html(body), LONG_ENGLISH)
    assert suspicion is not None and suspicion.kind == "near-empty"


def test_a_consent_redirect_is_a_cookie_wall() -> None:
    body = b"<html><body><main><p>Choose your settings to go on.</p></main></body></html>"
    page = PageInput(
        body=body,
        url="https://policies.google.com/privacy",
        final_url="https://consent.google.com/ml?continue=https://policies.google.com/privacy",
    )
    suspicion = check_page(page, extract_html(body), LONG_ENGLISH)
    assert suspicion is not None and suspicion.kind == "cookie-wall"


def test_an_unextractable_page_without_markers_stays_an_extraction_failure() -> None:
    body = b"<html><body><div class='new-layout'><p>A redesigned page.</p></div></body></html>"
    with pytest.raises(InputError):
        extract_html(body, rules=MISSING_SELECTOR)
    assert check_page(PageInput(body=body), None, LONG_ENGLISH) is None


def test_a_long_page_is_never_read_as_a_wall() -> None:
    """A wall marker inside a page of normal length (a quoted error message) means nothing."""
    html = policy_html(20).replace(
        "<h2>Section 3</h2>", "<h2>Section 3</h2><p>Error 1020: sorry, you have been blocked.</p>"
    )
    assert count_words(extract_html(html).canonical_text) > 1000
    assert verdict(html, None) is None


# -- length ----------------------------------------------------------------------------------
def test_near_empty_text_is_suspect_unless_the_document_always_was_short() -> None:
    tiny = "<html><body><main><h1>Privacy</h1><p>Coming soon.</p></main></body></html>"
    suspicion = verdict(tiny, LONG_ENGLISH)
    assert suspicion is not None and suspicion.kind == "near-empty"
    assert verdict(tiny, None) is not None  # a first fetch too
    assert verdict(tiny, TextFacts(words=5, language=None)) is None  # it always was this short


def test_shrink_over_the_threshold_is_suspect_and_confirmable_if_still_long() -> None:
    long, half = policy_html(40), policy_html(12)
    last = facts_of(long)
    suspicion = verdict(half, last)
    assert suspicion is not None and suspicion.kind == "shrunk" and suspicion.confirmable
    assert f"from {last.words} to" in suspicion.message
    assert verdict(half, last, shrink_threshold=0.8) is None
    assert verdict(policy_html(30), last) is None  # lost 25%: an ordinary edit


def test_a_text_shrunk_to_a_short_page_needs_an_operator() -> None:
    suspicion = verdict(policy_html(2), facts_of(policy_html(40)))
    assert suspicion is not None and suspicion.kind == "shrunk"
    assert not suspicion.confirmable and "tracker accept" in suspicion.message


# -- language --------------------------------------------------------------------------------
@pytest.mark.parametrize("path", LANGUAGES, ids=lambda p: p.stem)
def test_language_of_policy_paragraphs(path: Path) -> None:
    assert detect_language(path.read_text(encoding="utf-8")) == path.stem


def test_language_abstains_on_short_text() -> None:
    text = (DATA / "languages" / "fr.txt").read_text(encoding="utf-8")
    short = " ".join(text.split()[: MIN_WORDS - 5])
    assert detect_language(short) is None


@given(st.lists(st.sampled_from(["data", "model", "2026", "API", "GDPR", "Inc."]), max_size=200))
def test_language_abstains_on_text_without_function_words(words: list[str]) -> None:
    assert detect_language(" ".join(words)) is None


def test_a_page_in_another_language_is_suspect_and_confirmable() -> None:
    english = facts_of(policy_html(10))
    suspicion = verdict(policy_html(10, lang="fr"), english)
    assert suspicion is not None and suspicion.kind == "language-changed"
    assert suspicion.confirmable and "(fr)" in suspicion.message and "(en)" in suspicion.message
    assert verdict(policy_html(10, lang="de"), facts_of(policy_html(10, lang="de"))) is None


def mixed_policy_html(parts: list[tuple[str, int]]) -> str:
    """A policy whose sections are in the given languages, in order: [("fr", 6), ("en", 4)]."""
    sections = []
    for lang, count in parts:
        text = (DATA / "languages" / f"{lang}.txt").read_text(encoding="utf-8").strip()
        sections.extend(f"<h2>Section</h2><p>{text}</p>" for _ in range(count))
    body = "".join(sections)
    return f"<html><body><main><h1>Privacy Policy</h1>{body}</main></body></html>"


@pytest.mark.parametrize(
    "parts",
    [
        [("fr", 6), ("en", 4)],
        [("en", 4), ("de", 6)],
        [("en", 5), ("es", 5)],
        [("ja", 4), ("en", 6)],
    ],
    ids=["first-60%-fr", "last-60%-de", "half-es", "first-40%-ja"],
)
def test_a_page_switched_to_another_language_in_large_part_is_suspect(
    parts: list[tuple[str, int]],
) -> None:
    english = facts_of(policy_html(10))
    suspicion = verdict(mixed_policy_html(parts), english)
    assert suspicion is not None and suspicion.kind == "language-changed"
    assert suspicion.confirmable and "(en" in suspicion.message


def test_a_short_passage_in_another_language_or_an_unchanged_mix_is_not_suspect() -> None:
    english = facts_of(policy_html(10))
    assert verdict(mixed_policy_html([("en", 10), ("fr", 1)]), english) is None
    bilingual = mixed_policy_html([("en", 5), ("fr", 5)])
    assert verdict(bilingual, facts_of(bilingual)) is None  # it always was half French


# -- the suspicion value ---------------------------------------------------------------------
def test_only_confirmable_kinds_can_be_confirmed() -> None:
    assert {"shrunk", "language-changed", "flapping"} == CONFIRMABLE_KINDS
    with pytest.raises(ValueError, match="bot-wall"):
        Suspicion("bot-wall", "x", confirmable=True)


def test_word_count_counts_cjk_characters() -> None:
    assert count_words("Hello, world: 2 words and 1 number") == 7
    assert count_words("当社は情報を収集します") == 11
    assert count_words("Policy <https://example.com/a>") == 5  # raw count; text_facts drops links
    assert text_facts("Policy <https://example.com/a>\n").words == 1

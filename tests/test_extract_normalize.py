"""Each normalisation that keeps markup noise from making a new version."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract import extract_html
from tracker.extract.dates import effective_date_in
from tracker.extract.normalize import (
    clean_url,
    cloudflare_email_from_href,
    decode_cloudflare_email,
    normalize_text,
)


def _text(html: str, base_url: str | None = None) -> str:
    return "\n".join(c.display_text for c in extract_html(html, base_url=base_url).clauses)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cafe\u0301 policy", "Café policy"),  # NFC: e + combining acute -> é
        ("data\u00a0controller", "data controller"),  # no-break space
        ("data\u202fcontroller", "data controller"),  # narrow no-break space
        ("data\u3000controller", "data controller"),  # ideographic space
        ("zero\u200bwidth", "zerowidth"),  # zero-width space
        ("word\u2060joiner", "wordjoiner"),
        ("\ufeffbyte order mark", "byte order mark"),
        ("infor\u00admation", "information"),  # soft hyphen
        ("left\u200eto\u200fright", "lefttoright"),  # direction marks
        ("  many \n\t spaces  ", "many spaces"),
        ("bell\x07 and\x00 nul", "bell and nul"),
        ("emoji \U0001f469\u200d\U0001f4bb kept", "emoji \U0001f469\u200d\U0001f4bb kept"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_lone_surrogates_become_replacement_characters() -> None:
    # found by Hypothesis: a str with a lone surrogate used to crash the parser
    assert normalize_text("a\ud800b") == "a\ufffdb"
    document = extract_html("<main><p>a\udfffb</p><script>\ud800</script></main>")
    assert document.canonical_text == "a\ufffdb\n"


def test_invisible_differences_give_the_same_hash() -> None:
    plain = "<main><h1>Privacy</h1><p>We collect information about you.</p></main>"
    noisy = (
        "<main><h1>Pri\u00advacy</h1><p>We\u00a0collect   infor\u00admation\u200b "
        "about\n you.</p></main>"
    )
    assert extract_html(plain).text_sha256 == extract_html(noisy).text_sha256


def test_decomposed_unicode_gives_the_same_hash_as_composed() -> None:
    composed = "<main><p>Données personnelles collectées.</p></main>"
    decomposed = "<main><p>Donne\u0301es personnelles collecte\u0301es.</p></main>"
    assert extract_html(composed).text_sha256 == extract_html(decomposed).text_sha256


# -- links --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://ex.com/p?utm_source=mail&utm_medium=x&id=3", "https://ex.com/p?id=3"),
        ("https://ex.com/p?gclid=abc&fbclid=def", "https://ex.com/p"),
        ("https://ex.com/p?sessionid=42&lang=en", "https://ex.com/p?lang=en"),
        ("https://ex.com/p;jsessionid=ABC123?x=1", "https://ex.com/p?x=1"),
        ("https://ex.com/p?PHPSESSID=1", "https://ex.com/p"),
        ("HTTPS://EX.COM/Path#Frag", "https://ex.com/Path#Frag"),
        ("javascript:void(0)", None),
    ],
)
def test_clean_url(href: str, expected: str | None) -> None:
    assert clean_url(href) == expected


def test_relative_links_are_made_absolute_against_the_page_url() -> None:
    assert clean_url("../privacy", "https://ex.com/legal/terms") == "https://ex.com/privacy"
    assert clean_url("//cdn.ex.com/x") == "https://cdn.ex.com/x"


def test_link_targets_appear_after_link_text_cleaned() -> None:
    html = (
        '<main><p>Read our <a href="/privacy?utm_campaign=x">Privacy Policy</a> '
        'and <a href="#cookies">cookie section</a>.</p></main>'
    )
    assert _text(html, "https://ex.com/terms") == (
        "Read our Privacy Policy <https://ex.com/privacy> and cookie section."
    )


def test_tracking_parameters_do_not_change_the_hash() -> None:
    def page(href: str) -> str:
        return f'<main><p>See <a href="{href}">the terms</a>.</p></main>'

    base = "https://ex.com/"
    first = extract_html(page("/terms?utm_source=a&sid=1"), base_url=base)
    second = extract_html(page("https://ex.com/terms?utm_source=b&sid=2"), base_url=base)
    assert first.text_sha256 == second.text_sha256
    ads = extract_html(page("/terms?hsa_cam=1&srsltid=Ab3&_kx=z.9&gad_source=1"), base_url=base)
    assert ads.text_sha256 == first.text_sha256


def test_relative_links_without_a_page_url_keep_only_their_text() -> None:
    assert _text('<main><p>See <a href="/terms">the terms</a>.</p></main>') == "See the terms."


def test_link_text_that_is_its_address_is_not_repeated() -> None:
    html = '<main><p>Visit <a href="https://www.ex.com/">https://ex.com</a> today.</p></main>'
    assert _text(html) == "Visit https://ex.com today."


# -- Cloudflare e-mail obfuscation ----------------------------------------------------------------
def _cloudflare_encode(address: str, key: int = 0x42) -> str:
    return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in address)


def test_decode_cloudflare_email() -> None:
    encoded = _cloudflare_encode("privacy@example.com")
    assert decode_cloudflare_email(encoded) == "privacy@example.com"
    assert cloudflare_email_from_href(f"/cdn-cgi/l/email-protection#{encoded}") == (
        "privacy@example.com"
    )
    assert decode_cloudflare_email("zz") is None


def test_cloudflare_protected_addresses_are_decoded_in_text() -> None:
    encoded = _cloudflare_encode("privacy@example.com")
    html = (
        f'<main><p>Write to <a href="/cdn-cgi/l/email-protection" class="__cf_email__" '
        f'data-cfemail="{encoded}">[email&#160;protected]</a> or '
        f'<a href="/cdn-cgi/l/email-protection#{encoded}">our privacy team</a>.</p></main>'
    )
    assert _text(html, "https://example.com/privacy") == (
        "Write to privacy@example.com or our privacy team <mailto:privacy@example.com>."
    )


# -- effective date -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Last updated: October 31, 2025", date(2025, 10, 31)),
        ("Updated: 4 June 2026", date(2026, 6, 4)),
        ("Last Update: August 14, 2025", date(2025, 8, 14)),
        ("Effective 27 May 2025", date(2025, 5, 27)),
        ("Effective as of May 27 2025", date(2025, 5, 27)),
        ("Effective Date: 2024-01-05", date(2024, 1, 5)),
        ("Last modified 01/31/2024", date(2024, 1, 31)),
        ("Last revised: Sept. 3rd, 2023", date(2023, 9, 3)),
        ("Effective June 2025", date(2025, 6, 1)),
        ("We updated our practices to protect you.", None),
        ("Last updated: February 30, 2025", None),
    ],
)
def test_effective_date_line(line: str, expected: date | None) -> None:
    assert effective_date_in(line) == expected


def test_effective_date_is_parsed_and_kept_in_the_text() -> None:
    document = extract_html(
        "<main><h1>Terms</h1><p><strong>Last updated: March 3, 2024"
        "</strong></p><p>These terms apply.</p></main>"
    )
    assert document.effective_date == date(2024, 3, 3)
    assert "Last updated: March 3, 2024" in document.canonical_text
    assert [c.kind for c in document.clauses] == ["heading", "paragraph", "paragraph"]

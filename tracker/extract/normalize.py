"""Normalisations that keep markup noise from ever looking like a policy change.

Text: Unicode NFC; every kind of space (no-break, narrow, ideographic...) becomes a plain space;
zero-width spaces, word joiners, byte-order marks, direction marks, soft hyphens and control
characters are deleted; runs of whitespace collapse to one space. Zero-width (non-)joiners are
kept: they change how Persian, Indic scripts and emoji read.

Links: relative URLs are resolved against the page URL, tracking parameters (``utm_*``, click
ids, session ids) are removed, and Cloudflare's obfuscated e-mail addresses are decoded.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

#: Invisible characters that are deleted: zero-width space, word joiner, BOM, soft hyphen,
#: direction marks and embeddings, Mongolian vowel separator, control characters; and lone
#: surrogates (not characters at all: they cannot even be encoded), which become U+FFFD.
_INVISIBLE = re.compile(
    "[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u180e"
    "\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]"
)


def _replace_invisible(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def normalize_text(text: str) -> str:
    """Normalise one block of text to a single line (see the module docstring).

    ``str.split()`` splits on every Unicode space (no-break, narrow, ideographic...), so
    joining its parts collapses and converts them in one step.
    """
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub(_replace_invisible, text)
    text = " ".join(text.split())
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


#: Query parameters that identify a visit, a campaign or a session, not a document.
TRACKING_PARAMETERS = frozenset(
    {
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "fbclid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "__hstc",
        "__hssc",
        "__hsfp",
        "hsctatracking",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "wickedid",
        "rb_clickid",
        "s_cid",
        "s_kwcid",
        "ef_id",
        "irclickid",
        "epik",
        "srsltid",
        "gad_source",
        "_kx",
        "_branch_match_id",
        "ref_src",
        "trk",
        "spm",
        "sessionid",
        "session_id",
        "sessid",
        "sid",
        "phpsessid",
        "jsessionid",
        "cfid",
        "cftoken",
    }
)
_TRACKING_PREFIXES = ("utm_", "aspsessionid", "pk_", "mtm_", "hsa_")
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid)=[^/?#;]*", re.IGNORECASE)
_NOT_LINKS = ("javascript:", "data:", "about:", "blob:", "vbscript:")


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(_TRACKING_PREFIXES)


def clean_url(href: str, base_url: str | None = None) -> str | None:
    """The canonical form of a link target, or ``None`` when it is not a link to a document.

    Resolves ``href`` against ``base_url`` (when given), lower-cases scheme and host, and drops
    tracking parameters and path session ids. ``javascript:`` and similar pseudo-links give None.
    """
    href = normalize_text(href)
    if not href or href.lower().startswith(_NOT_LINKS):
        return None
    if base_url:
        try:
            href = urljoin(base_url, href)
        except ValueError:
            return None
    elif href.startswith("//"):
        href = "https:" + href  # protocol-relative, and no page URL to take the scheme from
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not is_tracking_parameter(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept, doseq=False)
    path = _PATH_SESSION.sub("", parts.path)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, parts.fragment))


_CF_PROTECTION_PATH = "/cdn-cgi/l/email-protection"


def decode_cloudflare_email(encoded: str) -> str | None:
    """Decode Cloudflare's e-mail obfuscation: hex bytes, the first is the XOR key."""
    encoded = encoded.strip()
    if len(encoded) < 4 or len(encoded) % 2:
        return None
    try:
        raw = bytes.fromhex(encoded)
    except ValueError:
        return None
    key = raw[0]
    try:
        address = bytes(b ^ key for b in raw[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return address if "@" in address and address.isprintable() else None


def cloudflare_email_from_href(href: str) -> str | None:
    """The address hidden in a ``/cdn-cgi/l/email-protection#HEX`` link, if that is one."""
    if _CF_PROTECTION_PATH not in href:
        return None
    _, _, fragment = href.partition("#")
    return decode_cloudflare_email(fragment) if fragment else None

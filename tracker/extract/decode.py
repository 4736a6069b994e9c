"""Bytes to text the way a browser does it, without ever failing on invalid bytes, and without
letting a server's encoding mistakes change the text.

Order: a byte-order mark; the charset of the Content-Type; for HTML, a ``<meta charset>`` or
``http-equiv`` declaration (or an XML declaration) in the first 2 KiB; then UTF-8 if the bytes
are valid UTF-8; else Windows-1252. As in browsers, the labels ``iso-8859-1``, ``latin1`` and
``us-ascii`` mean Windows-1252.

Where a tracker must differ from a browser (a browser shows the garbage; a tracker would record
it as a change of the document):

- a declaration that is wrong: bytes declared in another encoding that are valid UTF-8 and
  contain multi-byte sequences are UTF-8 (``charset=iso-8859-1`` on a UTF-8 page would turn
  every ``é`` into ``Ã©``; real text in a single-byte encoding is practically never valid UTF-8);
- stray bytes: in UTF-8 text, a byte that is not valid UTF-8 is read as Windows-1252 on its own
  (a ``\x92`` apostrophe pasted into a UTF-8 page is ``’``, as the author meant). Bytes that
  Windows-1252 does not define either become U+FFFD.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_WINDOWS_1252_LABELS = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "l1",
        "us-ascii",
        "ascii",
        "cp819",
        "iso_8859-1",
        "ibm819",
        "x-cp1252",
        "windows-1252",
        "cp1252",
    }
)
SNIFF_BYTES = 2048


_STRAY_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of an invalid byte
_MULTIBYTE_CHAR = re.compile("[^\x00-\x7f\udc80-\udcff]")
_UTF8_NAMES = frozenset({"utf-8", "utf_8"})
STRAY_PER_MULTIBYTE = 10


def decode(data: bytes, *, content_type: str | None = None, html: bool = False) -> str:
    """Decode ``data`` (see the module docstring)."""
    encoding = detect_encoding(data, content_type=content_type, html=html)
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if encoding in _UTF8_NAMES:
        return _decode_utf8_with_stray_bytes(data)
    return data.decode(encoding, errors="replace")


def parser_input(data: bytes, *, content_type: str | None = None) -> tuple[bytes | str, str]:
    """What to give an HTML parser: the bytes with their encoding (the parser decodes faster
    than Python), or the text decoded here when they are UTF-8 with stray bytes, which a
    parser would turn into U+FFFD."""
    encoding = detect_encoding(data, content_type=content_type, html=True)
    if encoding in _UTF8_NAMES and not _valid_utf8(data):
        return decode(data, content_type=content_type, html=True), encoding
    return data, encoding


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(data: bytes, *, content_type: str | None = None, html: bool = False) -> str:
    """The Python codec for ``data`` (see the module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    declared = _declared_encoding(content_type, data[:SNIFF_BYTES] if html else b"")
    if declared is not None:
        wrong = declared not in _UTF8_NAMES and _is_multibyte_utf8(data)
        return "utf-8" if wrong else declared
    return "utf-8" if _mostly_utf8(data) else "cp1252"


def _is_multibyte_utf8(data: bytes) -> bool:
    """Valid UTF-8 with at least one non-ASCII character: UTF-8, whatever was declared."""
    return not data.isascii() and _valid_utf8(data)


def _mostly_utf8(data: bytes) -> bool:
    """Undeclared bytes are UTF-8 unless they hold stray bytes and fewer than one valid
    multi-byte character for every :data:`STRAY_PER_MULTIBYTE` of them: Windows-1252 text
    practically never forms a valid multi-byte sequence, while a UTF-8 page with a few pasted
    Windows-1252 quotes still has its own accented letters."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY_BYTE.findall(text))
    if not stray:
        return True
    multibyte = len(_MULTIBYTE_CHAR.findall(text))
    return multibyte * STRAY_PER_MULTIBYTE >= stray


def _decode_utf8_with_stray_bytes(data: bytes) -> str:
    """UTF-8, each invalid byte read as Windows-1252 (U+FFFD where that is undefined too)."""
    text = data.decode("utf-8", errors="surrogateescape")
    return _STRAY_BYTE.sub(
        lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), text
    )


def _declared_encoding(content_type: str | None, head: bytes) -> str | None:
    candidates: list[bytes] = []
    if content_type:
        match = _CHARSET_PARAM.search(content_type.encode("ascii", errors="ignore"))
        if match:
            candidates.append(match.group(1))
    for pattern in (_META, _XML_DECLARATION):
        match = pattern.search(head)
        if match:
            candidates.append(match.group(1))
    for raw in candidates:
        encoding = _python_codec(raw.decode("ascii", errors="ignore"))
        if encoding is not None:
            return encoding
    return None


def _python_codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    if label in ("utf-16", "utf-32", "unicode"):
        return None  # no BOM: the declaration cannot be true of these bytes
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None

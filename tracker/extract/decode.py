"""Bytes to text the way a browser does it, without ever failing on invalid bytes.

Order: a byte-order mark; the charset of the Content-Type; for HTML, a ``<meta charset>`` or
``http-equiv`` declaration (or an XML declaration) in the first 2 KiB; then UTF-8 if the bytes
are valid UTF-8; else Windows-1252. As in browsers, the labels ``iso-8859-1``, ``latin1`` and
``us-ascii`` mean Windows-1252. Undecodable bytes become U+FFFD.
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
_WINDOWS_1252_LABELS = frozenset({
    "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819",
    "iso_8859-1", "ibm819", "x-cp1252", "windows-1252", "cp1252",
})
SNIFF_BYTES = 2048


def decode(data: bytes, *, content_type: str | None = None, html: bool = False) -> str:
    """Decode ``data`` (see the module docstring)."""
    encoding = detect_encoding(data, content_type=content_type, html=html)
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    return data.decode(encoding, errors="replace")


def detect_encoding(data: bytes, *, content_type: str | None = None, html: bool = False) -> str:
    """The Python codec for ``data`` (see the module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    declared = _declared_encoding(content_type, data[:SNIFF_BYTES] if html else b"")
    if declared is not None:
        return declared
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


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

"""Inputs other than an HTML string: bytes and charsets, format detection, plain text, PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfWriter

from tracker.errors import (
    ConfigError,
    EmptyDocumentError,
    NoTextLayerError,
    SelectorMissError,
    UnsupportedFormatError,
)
from tracker.extract import (
    detect_format,
    extract_bytes,
    extract_html,
    extract_markdown,
    extract_pdf,
    extract_text,
)
from tracker.extract.decode import decode
from tracker.model import ExtractionRules

PAGE = "<html><head><title>T</title></head><body><main><h1>Policy</h1><p>{}</p></main></body>"


# -- decoding -------------------------------------------------------------------------------------
def test_decode_honours_byte_order_marks() -> None:
    assert decode(b"\xef\xbb\xbfcaf\xc3\xa9") == "café"
    assert decode("café".encode("utf-16")) == "café"


def test_decode_honours_the_content_type_charset() -> None:
    # iso-8859-1 means windows-1252 in browsers: 0x93/0x94 are curly quotes
    assert decode(b"\x93quoted\x94", content_type="text/html; charset=ISO-8859-1") == "“quoted”"


def test_decode_reads_the_meta_charset_of_html() -> None:
    data = b'<html><head><meta charset="windows-1252"></head><body>na\xefve</body></html>'
    assert "naïve" in decode(data, html=True)
    data = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>\xa4</p>'
    assert "€" in decode(data, html=True)


def test_decode_falls_back_without_failing() -> None:
    assert decode(b"caf\xe9 cr\xe8me") == "café crème"  # not UTF-8: Windows-1252
    # bytes that neither UTF-8 nor Windows-1252 defines
    assert decode(b"bad \x81\x8d utf8", content_type="text/plain; charset=utf-8") == (
        "bad \ufffd\ufffd utf8"
    )
    assert decode(b"x", content_type="text/plain; charset=no-such-charset") == "x"


def test_decode_reads_stray_windows_1252_bytes_in_utf8_text() -> None:
    # a \x92 apostrophe pasted into a UTF-8 page reads as the author meant, not as U+FFFD
    assert decode(b"it\x92s caf\xc3\xa9", content_type="text/html; charset=utf-8") == ("it’s café")
    assert decode(b"it\x92s caf\xc3\xa9") == "it’s café"  # undeclared: still mostly UTF-8
    assert decode(b"na\xefve \x93quoted\x94") == "naïve “quoted”"  # plain Windows-1252
    page = PAGE.format("It’s Mistral’s café").encode().replace("’".encode(), b"\x92")
    assert extract_html(page).clauses[-1].text == "It’s Mistral’s café"


def test_decode_prefers_utf8_over_a_wrong_declaration() -> None:
    text = "Données “collectées” — it’s"
    for declared in ("iso-8859-1", "windows-1252", "iso-8859-15", "koi8-r"):
        assert decode(text.encode(), content_type=f"text/html; charset={declared}") == text
    page = f'<html><head><meta charset="iso-8859-1"></head><body>{text}</body></html>'
    assert text in decode(page.encode(), html=True)
    assert decode(b"plain ascii", content_type="text/plain; charset=koi8-r") == "plain ascii"


def test_html_bytes_and_text_give_the_same_document() -> None:
    html = PAGE.format("Données collectées")
    from_bytes = extract_html(html.encode("utf-8"))
    from_latin = extract_html(
        html.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1")
    )
    assert from_bytes.text_sha256 == extract_html(html).text_sha256 == from_latin.text_sha256


# -- format detection -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "content_type", "name", "expected"),
    [
        (b"<p>x</p>", "text/html; charset=utf-8", None, "html"),
        (b"# Title", "text/markdown", None, "markdown"),
        (b"# Title", "text/plain", "https://ex.com/terms.md?raw=1", "markdown"),
        (b"plain", "text/plain", None, "text"),
        (b"%PDF-1.7", "application/octet-stream", "terms.pdf", "pdf"),
        (b"anything", None, "policy.HTM", "html"),
        (b"anything", None, "/tmp/policy.txt", "text"),
        (b"%PDF-1.4\n...", None, None, "pdf"),
        (b"\n  <!DOCTYPE html><html><body>x</body></html>", None, None, "html"),
        (b"<!-- saved --><div>x</div>", None, "page", "html"),
        (b"Terms\n=====\n\nText", None, None, "markdown"),
        (b"See [the terms](https://ex.com/t).", None, None, "markdown"),
        (b"Just some words.\nMore words.", None, None, "text"),
    ],
)
def test_detect_format(
    data: bytes, content_type: str | None, name: str | None, expected: str
) -> None:
    assert detect_format(data, content_type=content_type, name=name) == expected


def test_unsupported_inputs_are_clear_errors() -> None:
    with pytest.raises(UnsupportedFormatError, match="image/png"):
        extract_bytes(b"\x89PNG\r\n", content_type="image/png", name="logo.png")
    with pytest.raises(UnsupportedFormatError, match="binary"):
        extract_bytes(b"\x00\x01\x02binary", name="blob")


def test_extract_bytes_dispatches_and_resolves_links_against_the_url() -> None:
    html = PAGE.format('See <a href="/privacy">our policy</a>.').encode()
    document = extract_bytes(html, content_type="text/html", name="https://ex.com/terms")
    assert "our policy <https://ex.com/privacy>." in document.canonical_text
    markdown = extract_bytes(b"# Terms\n\nSome text.\n", name="terms.md")
    assert [c.kind for c in markdown.clauses] == ["heading", "paragraph"]


def test_selector_errors_name_the_selector() -> None:
    html = PAGE.format("text")
    with pytest.raises(SelectorMissError, match="'#policy'"):
        extract_html(html, rules=ExtractionRules(select=("main", "#policy")))
    with pytest.raises(ConfigError, match=re.escape("invalid CSS selector 'p:nth-child('")):
        extract_html(html, rules=ExtractionRules(select=("p:nth-child(",)))


def test_a_page_without_text_is_an_error() -> None:
    with pytest.raises(EmptyDocumentError):
        extract_html("<html><body><main><script>x()</script><p> </p></main></body></html>")


def test_several_selectors_join_in_document_order() -> None:
    html = "<body><div id='b'><p>second</p></div><div id='a'><p>first</p></div></body>"
    rules = ExtractionRules(select=("#a", "#b"))
    assert [c.text for c in extract_html(html, rules=rules).clauses] == ["second", "first"]


# -- plain text -----------------------------------------------------------------------------------
def test_plain_text_paragraphs_lists_and_headings() -> None:
    document = extract_text(
        "TERMS OF USE\n\nLast updated: March 3, 2024\n\n1. INTRODUCTION\nThese terms apply\n"
        "to you.\n- first item\n  continued\n- second item\n    - nested item\n"
        "(a) a labelled line\n"
    )
    assert [(c.kind, c.label, c.text, c.level) for c in document.clauses] == [
        ("heading", None, "TERMS OF USE", 1),
        ("paragraph", None, "Last updated: March 3, 2024", 0),
        ("heading", "1.", "INTRODUCTION", 2),
        ("paragraph", None, "These terms apply to you.", 0),
        ("list_item", None, "first item continued", 1),
        ("list_item", None, "second item", 1),
        ("list_item", None, "nested item", 2),
        ("paragraph", "(a)", "a labelled line", 0),
    ]
    assert str(document.effective_date) == "2024-03-03"


def test_preformatted_text_splits_into_paragraphs_at_blank_lines() -> None:
    """A policy captured as Markdown with whole sections indented (an indented code block) or a
    page showing its text in a <pre>: each paragraph is a clause of its own, not one clause of
    the whole block; a link inside keeps its address, a hidden element stays out."""
    captured = extract_markdown(
        "II. FEATURES\n\n          A. Photos\n\n            1.  iCloud Photos. When you enable"
        " it, your photos\n            are stored.\n\n            2. Shared Albums. Apple stores"
        " what you share.\n"
    )
    assert [(c.kind, c.label, c.text) for c in captured.clauses] == [
        ("heading", "II.", "FEATURES"),
        ("heading", "A.", "Photos"),
        ("paragraph", "1.", "iCloud Photos. When you enable it, your photos are stored."),
        ("paragraph", "2.", "Shared Albums. Apple stores what you share."),
    ]
    fenced = extract_markdown("Intro.\n\n```\nfirst part\n\nsecond part\n```\n")
    assert [c.text for c in fenced.clauses] == ["Intro.", "first part", "second part"]
    # a fenced block with an info string: <pre><code class="language-text">
    labelled = extract_markdown("Intro.\n\n```text\nfirst part\n\nsecond part\n```\n")
    assert [c.text for c in labelled.clauses] == ["Intro.", "first part", "second part"]
    page = extract_html(
        PAGE.format("Before.").replace(
            "</main>",
            "<pre>One line\nand its next line.\n \n<code>Code\n\nsplit</code>"
            ' <a href="https://example.com/x">a link</a><span hidden>hidden</span></pre></main>',
        )
    )
    texts = [c.text for c in page.clauses]
    assert texts[-3:] == [
        "One line and its next line.",
        "Code",
        "split a link <https://example.com/x>",
    ]
    assert "hidden" not in " ".join(texts)


# -- PDF ------------------------------------------------------------------------------------------
def _pdf(pages: list[list[str]]) -> bytes:
    """A small text-based PDF written by hand: one Helvetica line per string."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        body = (
            b"BT /F1 11 Tf 14 TL 72 760 Td "
            + b" ".join(
                b"("
                + line.replace("\\", "\\\\")
                .replace("(", "\\(")
                .replace(")", "\\)")
                .encode("latin-1")
                + b") Tj T*"
                for line in lines
            )
            + b" ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_text_pdf_is_rebuilt_into_clauses() -> None:
    width = "We collect the information you give us when you create an account with our"
    pages = [
        [
            "ACME PRIVACY POLICY",
            "1. DATA WE COLLECT",
            width,
            "service, and the informa-",
            "tion your devices send us.",
            "2. HOW WE USE DATA",
            width,
            "service.",
            "1",
        ],
        [
            "ACME PRIVACY POLICY",
            "- To provide the service.",
            "- To keep it secure.",
            "3. CONTACT",
            "Write to us.",
            "2",
        ],
        ["ACME PRIVACY POLICY", "4. CHANGES", "We will tell you.", "Page 3 of 3"],
    ]
    document = extract_pdf(_pdf(pages), source="policy.pdf")
    rendered = [(c.kind, c.display_text) for c in document.clauses]
    assert rendered == [
        ("heading", "1. DATA WE COLLECT"),
        ("paragraph", f"{width} service, and the information your devices send us."),
        ("heading", "2. HOW WE USE DATA"),
        ("paragraph", f"{width} service."),
        ("list_item", "To provide the service."),
        ("list_item", "To keep it secure."),
        ("heading", "3. CONTACT"),
        ("paragraph", "Write to us."),
        ("heading", "4. CHANGES"),
        ("paragraph", "We will tell you."),
    ]
    assert extract_bytes(_pdf(pages), name="policy.pdf").text_sha256 == document.text_sha256


def test_scanned_pdf_without_text_layer_fails_clearly() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(NoTextLayerError, match=re.escape("scan.pdf: PDF has no text layer")):
        extract_pdf(buffer.getvalue(), source="scan.pdf")


def test_damaged_pdf_is_an_unsupported_format() -> None:
    with pytest.raises(UnsupportedFormatError, match="not a readable PDF"):
        extract_pdf(b"%PDF-1.4\nthis is not really a pdf", source="broken.pdf")


def test_markdown_file_from_the_corpus_by_extension(corpus_dir: Path) -> None:
    path = corpus_dir / "versions" / "together-ai__privacy-policy" / "02_2025-12-20.md"
    document = extract_bytes(path.read_bytes(), name=str(path))
    assert document.title == "Privacy"
    assert str(document.effective_date) == "2025-12-17"

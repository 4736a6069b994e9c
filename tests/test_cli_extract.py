"""``tracker extract``: files and URLs in, canonical text or the documented JSON out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from tracker.cli import cli
from tracker.model import sha256_hex

PAGE = (
    "<html><head><title>Example terms</title></head><body>"
    "<nav><a href='/'>Home</a></nav>"
    "<div class='cookie-banner'><p>We use cookies.</p><button>OK</button></div>"
    "<main><h1>Terms of Service</h1><p>Last updated: May 2, 2025</p>"
    "<h2>1. Your account</h2><p>See our <a href='/privacy?utm_source=x'>Privacy Policy</a>.</p>"
    "<ol><li>Be honest.</li></ol></main><footer>© Example</footer></body></html>"
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_output_has_exactly_the_documented_shape(tmp_path: Path) -> None:
    page = tmp_path / "terms.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = _run(str(page), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"title", "effective_date", "text_sha256", "clauses"}
    assert data["title"] == "Terms of Service"
    assert data["effective_date"] == "2025-05-02"
    assert all(set(c) == {"id", "path", "label", "kind", "text"} for c in data["clauses"])
    assert [(c["kind"], c["label"], c["text"]) for c in data["clauses"]] == [
        ("heading", None, "Terms of Service"),
        ("paragraph", None, "Last updated: May 2, 2025"),
        ("heading", "1.", "Your account"),
        ("paragraph", None, "See our Privacy Policy."),
        ("list_item", "1.", "Be honest."),
    ]
    assert data["clauses"][-1]["path"] == ["Terms of Service", "1. Your account"]
    code, text, _ = _run(str(page))
    assert code == 0
    assert data["text_sha256"] == sha256_hex(text)


def test_select_and_remove_rules(tmp_path: Path) -> None:
    page = tmp_path / "terms.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = _run(str(page), "--select", "main", "--select", "footer", "--remove", "ol")
    assert code == 0
    assert out.endswith("See our Privacy Policy.\n\n© Example\n")


def test_a_selector_that_matches_nothing_is_an_error_naming_it(tmp_path: Path) -> None:
    page = tmp_path / "terms.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = _run(str(page), "--select", "main", "--select", "#policy")
    assert code == 1
    assert out == ""
    assert err.strip() == "tracker: error: selector '#policy' matched nothing"


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "missing.html"))
    assert (code, err.count("\n")) == (2, 1)
    assert "missing.html: no such file" in err
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    code, _, err = _run(str(blank))
    assert code == 1
    assert "no text left" in err


def test_corpus_markdown_file(corpus_dir: Path) -> None:
    version = corpus_dir / "versions" / "together-ai__terms-of-service" / "05_2026-05-20.md"
    code, out, _ = _run(str(version), "--format", "json")
    assert code == 0
    assert json.loads(out)["clauses"]


def test_terminal_output_has_no_control_sequences(tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_bytes(b"Hello \x1b[2J\x1b]0;pwned\x07world\x9b\n\nSecond \x07paragraph\n")
    code, out, _ = _run(str(page))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert out.startswith("Hello")


def test_url_is_fetched_and_links_made_absolute(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/legal/terms").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/legal/terms")
    code, out, _ = _run(url)
    assert code == 0
    assert f"See our Privacy Policy <{httpserver.url_for('/privacy')}>." in out
    assert "cookies" not in out and "Home" not in out and "©" not in out


@pytest.mark.parametrize("status", [404, 500])
def test_url_errors_are_fetch_errors(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=status)
    code, _, err = _run(httpserver.url_for("/gone"))
    assert code == 1
    assert err.startswith("tracker: error:") and str(status) in err


@pytest.mark.parametrize(
    ("name", "content", "option", "message"),
    [
        ("terms.md", "# Terms\n\nYou pay.\n", "--select", "select 'main' cannot apply to Markdown"),
        ("terms.txt", "You pay.\n", "--select", "select 'main' cannot apply to plain text"),
        ("terms.txt", "You pay.\n", "--remove", "remove 'main' cannot apply to plain text"),
    ],
)
def test_selectors_on_a_file_without_elements_are_an_error(
    tmp_path: Path, name: str, content: str, option: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = _run(str(path), option, "main")
    assert (code, out) == (1, "")
    assert err == f"tracker: error: {path}: {message}: CSS selectors are for HTML pages\n"


@pytest.mark.parametrize("name", ["empty.html", "empty.md", "empty.txt", "blank.html"])
def test_an_empty_file_is_named_in_its_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"<html><body> </body></html>" if name == "blank.html" else b"")
    code, out, err = _run(str(path))
    assert (code, out) == (1, "")
    assert err == f"tracker: error: {path}: no text left after extraction\n"


def test_a_broken_pdf_prints_only_its_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntruncated")
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "extract", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"tracker: error: {path}: not a readable PDF")
    assert len(result.stderr.splitlines()) == 1, result.stderr

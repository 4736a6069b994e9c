"""``tracker extract``: files and URLs in, canonical text or the documented JSON out."""

from __future__ import annotations

import json
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

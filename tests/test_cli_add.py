"""`tracker add URL`: validated, fetched once against a real local server, appended to the
registry with its comments and layout kept; nothing written when anything is wrong."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from tracker.cli import cli
from tracker.cli.add import slug_parts
from tracker.registry import load_registry

PAGE = (
    "<html><head><title>Example Terms</title></head><body><nav>Home · Blog</nav><main>"
    "<h1>Terms of Service</h1><p>You agree to these terms by using the service. We may change "
    "them at any time, and we will tell you by e-mail thirty days before they take effect.</p>"
    "<p>We keep your data for thirty days after you close your account.</p></main></body></html>"
)
REGISTRY = """# Our documents: keep this comment
#   one table each

[[documents]]
slug    = "acme/privacy"          # aligned on purpose
service = "Acme"
type    = "Privacy Policy"
url     = "https://acme.example/privacy"
"""


def add(registry: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--registry", str(registry), "add", *args])
    return result.exit_code, result.stdout, result.stderr


def test_add_shows_what_it_would_extract_and_keeps_the_registry_as_written(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/legal/terms-of-service").respond_with_data(
        PAGE, content_type="text/html"
    )
    registry = tmp_path / "documents.toml"
    registry.write_text(REGISTRY, encoding="utf-8")
    url = httpserver.url_for("/legal/terms-of-service")
    code, out, err = add(registry, url, "--select", "main", "--service", "Acme Corp")
    assert code == 0, err
    slug = "localhost/terms-of-service"  # the host (a single label), the last path part
    lines = out.splitlines()
    assert lines[0] == f"{slug}: Terms of Service"
    assert lines[1].startswith("  3 clauses, text sha256 ")
    assert lines[2] == "  | Terms of Service"
    assert lines[-1] == f"added {slug} to {registry}"
    text = registry.read_text(encoding="utf-8")
    assert text.startswith(REGISTRY)  # comments, alignment and order untouched
    assert text[len(REGISTRY) :].startswith("\n[[documents]]\n")  # apart, as tables are
    spec = load_registry(registry).get(slug)
    assert spec is not None
    assert (spec.service, spec.type, spec.url) == ("Acme Corp", "Terms of service", url)
    assert spec.rules.select == ("main",)


def test_nothing_is_written_when_anything_is_wrong(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    registry = tmp_path / "documents.toml"
    registry.write_text(REGISTRY, encoding="utf-8")
    url = httpserver.url_for("/terms")
    cases = [
        ([url, "--slug", "acme/privacy"], 2, "duplicate slug 'acme/privacy'"),
        ([url, "--slug", "Not A Slug"], 2, "slug"),
        ([url, "--slug", "acme/terms", "--select", "article"], None, "article"),
        ([httpserver.url_for("/gone"), "--slug", "acme/gone"], None, "404"),
        (["ftp://acme.example/terms"], 2, "invalid URL 'ftp://acme.example/terms'"),
    ]
    for args, exit_code, message in cases:
        code, _, err = add(registry, *args)
        assert code != 0 and (exit_code is None or code == exit_code), (args, code, err)
        assert err.startswith("tracker: error: ") and message in err, (args, err)
        assert len(err.splitlines()) == 1 and "Traceback" not in err
        assert registry.read_text(encoding="utf-8") == REGISTRY, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents.toml"]  # no temporary left


def test_the_first_document_starts_a_registry(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
    registry = tmp_path / "documents.toml"
    code, _, err = add(registry, httpserver.url_for("/terms"), "--slug", "acme/terms")
    assert code == 0, err
    assert [s.slug for s in load_registry(registry).documents] == ["acme/terms"]


def test_default_slug_parts_of_a_name_and_of_an_address() -> None:
    assert slug_parts("https://www.together.ai/terms-of-service") == (
        "together",
        "terms-of-service",
    )
    assert slug_parts("http://127.0.0.1:8080/legal/terms.html") == ("127-0-0-1", "terms")

"""The claims check in the web UI (``/claims``, ``/api/claims``): the same check as
``tracker check-claims``, on pasted text, over a real uvicorn server and in a real browser
(Debian's Chromium), on the demo's history."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from tests.web_support import browser, demo_database, running_app, web_settings
from tracker.cli import cli
from tracker.web.security import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SUMMARY = "001_a3ecd3927cd08707.txt"
RECORD = "003_473eb7f9ba3c526a.txt"


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed page missing at {path}: clone the project beside ../shared")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("web-claims"))


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[str]:
    with running_app(web_settings(demo_url)) as base:
        yield base


def get(site: str, path: str, **params: str) -> httpx.Response:
    return httpx.get(site + path, params=params, timeout=60, follow_redirects=False)


def test_the_form_checks_pasted_text_with_the_safety_headers(site: str) -> None:
    empty = get(site, "/claims")
    assert (
        empty.status_code == 200 and 'name="text"' in empty.text and "SUPPORTED" not in empty.text
    )
    page = get(site, "/claims", text=seed(SUMMARY))
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "<script" not in page.text.lower() and " style=" not in page.text
    assert "SUPPORTED: 6 supported, 2 not checked" in page.text
    assert "<del>" in page.text  # the truncation, in redline
    assert 'href="/documents/together-ai/privacy-policy/versions/3"' in page.text
    record = get(site, "/claims", text=seed(RECORD), service="Together AI")
    assert "NOT FOUND: 2 not found" in record.text and "Closest:" in record.text


def test_the_api_answers_what_the_command_line_prints(site: str, demo_url: str) -> None:
    for name in (SUMMARY, RECORD):
        answer = get(site, "/api/claims", text=seed(name))
        assert answer.status_code == 200
        result = CliRunner().invoke(
            cli,
            ["--database-url", demo_url, "check-claims", str(SEEDS / name), "--format", "json"],
        )
        printed = json.loads(result.output)
        api = answer.json()
        assert api.pop("source") == "text" and printed.pop("source") == str(SEEDS / name)
        assert api == printed
    scoped = get(site, "/api/claims", text=seed(SUMMARY), document="together-ai/terms-of-service")
    assert scoped.json()["documents"] == ["together-ai/terms-of-service"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/claims", {"text": "x" * 20001}, 400),
        ("/claims", {"text": "Sells personal data: No", "service": "Nobody"}, 404),
        ("/claims", {"text": "bad \x00 byte"}, 400),
        ("/api/claims", {}, 400),
        ("/api/claims", {"text": "Sells personal data: No", "document": "no/such"}, 404),
    ],
)
def test_bad_input_is_a_4xx_never_a_traceback(
    site: str, path: str, params: dict[str, str], status: int
) -> None:
    response = get(site, path, **params)
    assert response.status_code == status, response.text[:300]
    assert "Traceback" not in response.text


def test_pasted_hostile_text_renders_inert_in_a_browser(site: str, tmp_path: Path) -> None:
    hostile = (
        "Together AI privacy policy, last verified June 29, 2026.\n\n"
        "It says “<script>window.pwned = 1</script> we never sell <img src=x onerror="
        "'window.pwned=2'> your personal data to anyone at all”.\n\n"
        "Sells personal data: No\n"
    )
    with browser() as context:
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(site + "/claims")
        tab.get_by_label("A third party's page").fill(hostile)
        tab.get_by_label("Service").select_option("Together AI")
        tab.get_by_role("button", name="Check").click()
        tab.wait_for_url("**/claims?**")
        assert tab.evaluate("document.scripts.length") == 0
        assert tab.evaluate("window.pwned === undefined") and tab.locator("img").count() == 0
        body: Any = tab.evaluate("document.body.innerText")
        assert "<script>window.pwned" in body and "supported" in body
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 900})
            tab.screenshot(path=str(tmp_path / f"claims-{width}.png"), full_page=True)
            scroll, client = tab.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll <= client == width
        assert dialogs == []

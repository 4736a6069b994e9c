"""The document registry: the shipped file is valid, and every malformed entry gets a
one-line error naming the file, the line and the key."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import registry as registry_module
from tracker.cli import cli
from tracker.errors import RegistryError
from tracker.model import RenderOptions
from tracker.registry import load_registry, parse_interval, parse_registry
from tracker.vocabulary import FetchMode

ROOT = Path(__file__).resolve().parent.parent

GOOD_ENTRY = """
[[documents]]
slug = "acme/privacy-policy"
service = "Acme"
type = "Privacy Policy"
url = "https://acme.example/privacy"
"""


def test_shipped_registry_lists_the_together_documents() -> None:
    registry = load_registry(ROOT / "data" / "documents.toml")
    urls = {d.slug: d.url for d in registry.documents}
    assert urls == {
        "together-ai/privacy-policy": "https://www.together.ai/privacy",
        "together-ai/terms-of-service": "https://www.together.ai/terms-of-service",
        "together-ai/privacy-and-security-docs": "https://docs.together.ai/docs/privacy-and-security",
    }
    assert all(d.active for d in registry.documents)


def test_optional_keys_are_parsed() -> None:
    text = (
        GOOD_ENTRY
        + 'select = ".main"\nremove = ["nav", ".cookie"]\ninterval = "12h"\nactive = false\n'
    )
    (spec,) = parse_registry(text, Path("r.toml")).documents
    assert spec.rules.select == (".main",)
    assert spec.rules.remove == ("nav", ".cookie")
    assert spec.interval == timedelta(hours=12)
    assert spec.active is False
    assert spec.fetch == FetchMode.HTTP and spec.render == RenderOptions()


def test_browser_keys_are_parsed() -> None:
    text = GOOD_ENTRY + 'fetch = "browser"\nwait_for = "#terms p"\nwait_ms = 1500\nscroll = true\n'
    (spec,) = parse_registry(text, Path("r.toml")).documents
    assert spec.fetch == FetchMode.BROWSER
    assert spec.render == RenderOptions(wait_for="#terms p", wait_ms=1500, scroll=True)
    (auto,) = parse_registry(GOOD_ENTRY + 'fetch = "auto"\n', Path("r.toml")).documents
    assert auto.fetch == FetchMode.AUTO and auto.render == RenderOptions()


@pytest.mark.parametrize(
    ("extra", "line", "needle"),
    [
        ('selct = ".main"', 7, "key 'selct' of document #1: unknown key"),
        ('url2 = "x"', 7, "key 'url2'"),
        ('select = "div[["', 7, "invalid CSS selector 'div[['"),
        ('interval = "often"', 7, "key 'interval' of document #1: 'often' is not an interval"),
        ('active = "yes"', 7, "key 'active' of document #1: must be true or false"),
        ("remove = [1, 2]", 7, "key 'remove' of document #1: must be a CSS selector"),
        ('fetch = "chrome"', 7, 'key \'fetch\' of document #1: must be one of "http", "browser"'),
        ("fetch = true", 7, "key 'fetch' of document #1: must be one of"),
        ('wait_for = "#a"', 7, "key 'wait_for' of document #1: applies to the browser only"),
        ('fetch = "browser"\nwait_for = "div[["', 8, "invalid CSS selector 'div[['"),
        ('fetch = "auto"\nwait_ms = -1', 8, "key 'wait_ms' of document #1: must be a whole"),
        ('fetch = "auto"\nwait_ms = "1s"', 8, "key 'wait_ms'"),
        ('fetch = "browser"\nscroll = "yes"', 8, "key 'scroll' of document #1: must be true"),
    ],
)
def test_bad_key_names_file_line_and_key(extra: str, line: int, needle: str) -> None:
    with pytest.raises(RegistryError) as error:
        parse_registry(GOOD_ENTRY + extra + "\n", Path("docs.toml"))
    message = str(error.value)
    assert message.startswith(f"docs.toml:{line}: ")
    assert needle in message
    assert "\n" not in message


def test_lines_are_looked_up_only_for_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run reads the registry: a valid one is never split into lines to find where an
    entry or key is (issue 14); a mistake still names its line."""
    looked: list[Path] = []
    lines = registry_module.TableLocator.lines.func

    def counting(locator: registry_module.TableLocator) -> list[str]:
        looked.append(locator.path)
        return lines(locator)

    monkeypatch.setattr(registry_module.TableLocator, "lines", property(counting))
    many = "".join(GOOD_ENTRY.replace("acme/", f"acme-{n}/") for n in range(50))
    registry = parse_registry(many + GOOD_ENTRY + 'select = ".main"\n', Path("r.toml"))
    assert len(registry.documents) == 51
    load_registry(ROOT / "data" / "documents.toml")
    assert looked == []
    with pytest.raises(RegistryError, match=r"^r\.toml:309: key 'slug' of document #52: dup"):
        parse_registry(many + GOOD_ENTRY + GOOD_ENTRY, Path("r.toml"))
    assert looked and set(looked) == {Path("r.toml")}


def test_bad_url_scheme_is_rejected_on_its_line() -> None:
    text = GOOD_ENTRY.replace("https://acme.example/privacy", "file:///etc/passwd")
    with pytest.raises(
        RegistryError, match=r"^r\.toml:6: key 'url' of document #1: .* not an http"
    ):
        parse_registry(text, Path("r.toml"))


def test_missing_required_key_points_at_the_table() -> None:
    text = GOOD_ENTRY + GOOD_ENTRY.replace('service = "Acme"\n', "").replace("acme/", "acme/x-")
    with pytest.raises(
        RegistryError, match=r"^r\.toml:8: document #2: missing required key 'service'"
    ):
        parse_registry(text, Path("r.toml"))


def test_duplicate_slug() -> None:
    with pytest.raises(
        RegistryError, match=r"^r\.toml:9: key 'slug' of document #2: duplicate slug"
    ):
        parse_registry(GOOD_ENTRY + GOOD_ENTRY, Path("r.toml"))


def test_bad_slug_shape() -> None:
    text = GOOD_ENTRY.replace("acme/privacy-policy", "Acme Privacy")
    with pytest.raises(RegistryError, match=r"^r\.toml:3: key 'slug'.*service/type"):
        parse_registry(text, Path("r.toml"))


def test_toml_syntax_error_names_the_line() -> None:
    with pytest.raises(RegistryError, match=r"^r\.toml:4: invalid TOML"):
        parse_registry(GOOD_ENTRY.replace('service = "Acme"', "service = Acme"), Path("r.toml"))


def test_unknown_top_level_key() -> None:
    with pytest.raises(RegistryError, match=r"^r\.toml:1: key 'document'"):
        parse_registry('[[document]]\nslug = "a/b"\n', Path("r.toml"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("30m", timedelta(minutes=30)), ("1d", timedelta(days=1)), ("2w", timedelta(weeks=2))],
)
def test_parse_interval(raw: str, expected: timedelta) -> None:
    assert parse_interval(raw) == expected


@pytest.mark.parametrize("raw", ["0h", "h", "1y", "1.5h", ""])
def test_parse_interval_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(raw)


def test_documents_command_lists_and_validates(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--registry", str(ROOT / "data" / "documents.toml"), "documents"]
    )
    assert result.exit_code == 0, result.output
    assert "together-ai/privacy-policy" in result.output
    assert "registry is valid" in result.output


def test_the_readme_example_entry_is_valid_as_written(tmp_path: Path) -> None:
    """A user copying the README's registry table gets a valid registry of one document."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The document registry") :]
    start = section.index("```toml\n") + len("```toml\n")
    example = section[start : section.index("\n```", start)]
    registry = tmp_path / "documents.toml"
    registry.write_text(example + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--registry", str(registry), "documents"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"1 document in {registry}, registry is valid"


def test_documents_command_reports_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "documents.toml"
    bad.write_text(GOOD_ENTRY + 'colour = "blue"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--registry", str(bad), "documents"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert f"{bad}:7: key 'colour'" in lines[0]
    assert "Traceback" not in result.output


def test_missing_registry_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--registry", str(tmp_path / "nope.toml"), "documents"])
    assert result.exit_code == 2
    assert "registry file not found" in result.output

"""``tracker compare``: two local files in, the diff as text, JSON or HTML out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.classify import classify_diff, load_rules
from tracker.cli import cli
from tracker.diff import diff_clauses
from tracker.extract import extract_markdown
from tracker.render.compare import diff_to_json_dict
from tracker.resources import default_rules_path

OLD_HTML = (
    "<html><body><main><h1>Terms</h1><h2>1. Fees</h2>"
    "<p>You pay the fees within 30 days of the invoice.</p>"
    "<p>We may change prices with notice.</p></main></body></html>"
)
NEW_MD = (
    "# Terms\n\n## 1. Fees\n\nYou pay the fees within 45 days of the invoice.\n\n"
    "We may change prices with notice.\n"
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["compare", *args])
    return result.exit_code, result.stdout, result.stderr


def _corpus_pair(corpus_dir: Path) -> tuple[Path, Path]:
    folder = corpus_dir / "versions" / "together-ai__terms-of-service"
    return folder / "01_2025-02-18.md", folder / "02_2025-05-06.md"


def test_json_is_the_library_diff(corpus_dir: Path) -> None:
    old, new = _corpus_pair(corpus_dir)
    code, out, _ = _run(str(old), str(new), "--format", "json")
    assert code == 0
    expected = diff_to_json_dict(
        classify_diff(
            diff_clauses(
                extract_markdown(old.read_text(encoding="utf-8")).clauses,
                extract_markdown(new.read_text(encoding="utf-8")).clauses,
            ),
            load_rules(default_rules_path()),
        )
    )
    assert json.loads(out) == json.loads(json.dumps(expected))


def test_formats_can_differ_between_old_and_new(tmp_path: Path) -> None:
    old, new = tmp_path / "old.html", tmp_path / "new.md"
    old.write_text(OLD_HTML, encoding="utf-8")
    new.write_text(NEW_MD, encoding="utf-8")
    code, out, _ = _run(str(old), str(new), "--no-color")
    assert code == 0
    assert "1 modified" in out
    assert "within [-30-]{+45+} days" in out
    assert "\x1b" not in out


def test_color_is_forced_on_and_off(tmp_path: Path) -> None:
    old, new = tmp_path / "old.html", tmp_path / "new.md"
    old.write_text(OLD_HTML, encoding="utf-8")
    new.write_text(NEW_MD, encoding="utf-8")
    assert "\x1b[" in _run(str(old), str(new), "--color")[1]
    assert "\x1b[" not in _run(str(old), str(new))[1]  # not a terminal: no colour


def test_html_output_is_a_page(corpus_dir: Path) -> None:
    old, new = _corpus_pair(corpus_dir)
    code, out, _ = _run(str(old), str(new), "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "<del " in out and "<ins " in out


def test_missing_file_is_a_one_line_usage_error(tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    new.write_text(NEW_MD, encoding="utf-8")
    code, _, err = _run(str(tmp_path / "nope.md"), str(new))
    assert code == 2
    assert err.strip().splitlines() == [f"tracker: error: {tmp_path / 'nope.md'}: no such file"]


def test_binary_file_is_a_one_line_input_error(tmp_path: Path) -> None:
    old, new = tmp_path / "old.bin", tmp_path / "new.md"
    old.write_bytes(b"\x00\x01\x02binary")
    new.write_text(NEW_MD, encoding="utf-8")
    code, _, err = _run(str(old), str(new))
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "not HTML, Markdown, text or PDF" in err


FLIP_OLD = (
    "# Privacy\n\n## Training\n\nWe do not use any data collected from you to train our models "
    "without your explicit opt-in and consent.\n"
)
FLIP_NEW = (
    "# Privacy\n\n## Training\n\nWe may use data collected from you to train our models unless "
    "you opt out.\n"
)


def test_compare_classifies_from_any_folder_with_the_shipped_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(FLIP_OLD, encoding="utf-8")
    new.write_text(FLIP_NEW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no data/rules.toml here: the rules come with the package
    monkeypatch.delenv("TRACKER_RULES", raising=False)
    code, out, _ = _run("old.md", "new.md", "--format", "json")
    assert code == 0
    (change,) = json.loads(out)["changes"]
    assert change["topics"] == ["ai_training"]
    assert change["severity"] == "high"
    assert change["direction"] in ("expands", "narrows", "neutral")
    assert change["reason"]
    code, text, _ = _run("old.md", "new.md", "--no-color")
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("~ modified"))
    assert lines[header + 1].strip().startswith("high")


def test_tracker_rules_overrides_the_shipped_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(FLIP_OLD, encoding="utf-8")
    new.write_text(FLIP_NEW, encoding="utf-8")
    rules = tmp_path / "mine.toml"
    rules.write_text(
        '[[topics]]\nid = "models"\nlabel = "Models"\nseverity = "low"\npatterns = ["models"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TRACKER_RULES", str(rules))
    code, out, _ = _run(str(old), str(new), "--format", "json")
    assert code == 0
    (change,) = json.loads(out)["changes"]
    assert change["topics"] == ["models"]
    rules.write_text("[[topics]]\nid = 'x'\n", encoding="utf-8")
    code, _, err = _run(str(old), str(new))
    assert code == 2
    assert err.startswith(f"tracker: error: {rules}")


def test_exit_code_follows_diff(tmp_path: Path) -> None:
    old, new, same = tmp_path / "old.html", tmp_path / "new.md", tmp_path / "same.html"
    old.write_text(OLD_HTML, encoding="utf-8")
    new.write_text(NEW_MD, encoding="utf-8")
    same.write_text(OLD_HTML, encoding="utf-8")
    assert _run(str(old), str(new))[0] == 0  # without the flag: 0 whatever the diff
    assert _run(str(old), str(same), "--exit-code")[0] == 0
    code, out, _ = _run(str(old), str(new), "--exit-code", "--no-color")
    assert code == 1 and "1 modified" in out
    assert _run(str(old), str(new), "--exit-code", "--format", "json")[0] == 1
    code, _, err = _run(str(old), str(tmp_path / "missing.md"), "--exit-code")
    assert code == 2 and "missing.md: no such file" in err
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, err = _run(str(old), str(tmp_path / "empty.txt"), "--exit-code")
    assert code == 2 and "empty.txt" in err
    assert _run(str(old), str(tmp_path / "empty.txt"))[0] == 1  # without it: an input error


OLD_TERMS = """# Terms Of Service

## Your Data

We keep your data for thirty days after you close your account, and then we delete it from
every system we run, including backups kept for disaster recovery.

We never sell it.
"""


def test_at_a_terminal_lines_wrap_at_words_and_a_case_only_heading_is_not_repeated(
    tmp_path: Path,
) -> None:
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text(OLD_TERMS, encoding="utf-8")
    changed = OLD_TERMS.replace("Of Service", "of service").replace("Your Data", "Your data")
    new.write_text(changed.replace("thirty days", "three years"), encoding="utf-8")
    args = ["compare", str(old), str(new), "--no-color"]
    whole = CliRunner().invoke(cli, args, env={"COLUMNS": ""}).stdout
    narrow = CliRunner().invoke(cli, args, env={"COLUMNS": "60"}).stdout
    assert max(len(line) for line in whole.splitlines()) > 60
    lines = narrow.splitlines()
    assert max(len(line) for line in lines[2:]) <= 60, narrow  # after the files' names
    body = lines.index("    We keep your data for [-thirty days-]{+three years+}")
    continued = lines[body + 1 : body + 4]
    assert all(line.startswith("      ") and line[6] != " " for line in continued), narrow
    # the same words in the same order: wrapped at spaces, nothing cut
    assert " ".join(narrow.split()) == " ".join(whole.split())
    # the headings' case change is shown once, as its own change, not on every clause under it
    modified = next(line for line in lines if line.startswith("~ modified"))
    assert "in Terms of service › Your data" in modified and " from " not in modified

"""`tracker run` as a cron job: what it prints (nothing when all is well), its exit codes,
its log formats, and the progress bar at a real terminal (a pseudo-terminal)."""

from __future__ import annotations

import json
import logging
import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click.exceptions
import pytest
from click.testing import CliRunner

from tests.multihost import RULES_FILE, MultiHostServer, registry_text
from tracker.cli import cli
from tracker.errors import ConfigError
from tracker.logs import JsonFormatter, KeyValueFormatter, SentenceFormatter, quote_value
from tracker.run.lock import acquire_lock
from tracker.settings import load_settings
from tracker.store.database import open_database


@pytest.fixture
def site() -> Iterator[MultiHostServer]:
    with MultiHostServer(hosts=2).running() as server:
        yield server


def setup(tmp_path: Path, urls: list[str], **extra: str) -> dict[str, str]:
    registry = tmp_path / "documents.toml"
    registry.write_text(registry_text(urls), encoding="utf-8")
    return {
        "TRACKER_REGISTRY": str(registry),
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_RULES": RULES_FILE,
        "TRACKER_HOST_DELAY": "0",
        "TRACKER_RETRIES": "0",
        **extra,
    }


def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["run", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_a_good_night_under_cron_prints_nothing_and_exits_0(
    site: MultiHostServer, tmp_path: Path
) -> None:
    env = setup(tmp_path, [site.url(0, "/a"), site.url(1, "/b")])
    assert run(env) == (0, "", "")
    assert run(env) == (0, "", "")  # unchanged night: still silent
    assert list((tmp_path / "data" / "outbox").glob("digest-*.html"))


def test_a_failure_is_one_warning_line_per_document_plus_a_summary(
    site: MultiHostServer, tmp_path: Path
) -> None:
    env = setup(tmp_path, [site.url(0, "/a"), "http://127.0.0.1:9/refused"])
    code, out, err = run(env)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("time=") and "level=warning" in lines[0]
    assert "logger=tracker.track.record" in lines[0] and "site/doc-1: failed (connect)" in lines[0]
    assert 'msg="run 1: 2 documents, 1 changed, 1 failed"' in lines[1]
    assert "failed=1" in lines[1] and "changed=1" in lines[1]


def test_json_log_lines(site: MultiHostServer, tmp_path: Path) -> None:
    env = setup(tmp_path, [site.url(0, "/a"), "http://127.0.0.1:9/refused"])
    code, _, err = run(env, "--log-format", "json", "--log-level", "info")
    assert code == 1
    records = [json.loads(line) for line in err.splitlines()]
    assert all({"time", "level", "logger", "msg"} <= set(r) for r in records)
    started = next(r for r in records if r["msg"].startswith("run 1 started"))
    assert started["run"] == 1 and "worker" in started
    summary = next(r for r in records if r.get("failed") == 1)
    assert (summary["level"], summary["documents"], summary["changed"]) == ("warning", 2, 1)


def test_another_run_holding_the_lock_exits_3(site: MultiHostServer, tmp_path: Path) -> None:
    env = setup(tmp_path, [site.url(0, "/a")])
    db = open_database(load_settings(env, cwd=tmp_path).database_url, create=True)
    try:
        acquire_lock(db, owner="elsewhere", ttl=timedelta(hours=1), now=datetime.now(UTC))
    finally:
        db.dispose()
    code, out, err = run(env)
    assert (code, out) == (3, "")
    assert err.startswith("tracker: error: another run holds the run lock")
    assert site.total_requests == 0


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TRACKER_CONCURRENCY", "0"),
        ("TRACKER_PER_HOST", "many"),
        ("TRACKER_LOG_FORMAT", "xml"),
        ("TRACKER_LOCK_TTL", "nan"),
    ],
)
def test_bad_settings_exit_2(variable: str, value: str, tmp_path: Path) -> None:
    code, _, err = run({**setup(tmp_path, []), variable: value})
    assert code == 2 and variable in err


def test_join_takes_no_document_selection(tmp_path: Path) -> None:
    code, _, err = run(setup(tmp_path, []), "--join", "--document", "site/doc-0")
    assert code == 2 and "--join" in err


def test_a_worker_from_another_machine_needs_only_the_database_url(
    postgres_url: str, tmp_path: Path
) -> None:
    """No registry, no rule file beside it: the package's rules; a TRACKER_RULES that is not
    there is named with what to copy."""
    bare = {"TRACKER_DATA_DIR": str(tmp_path / "nothing"), "TRACKER_DATABASE_URL": postgres_url}
    code, out, err = run({**bare, "TRACKER_LOG_LEVEL": "info"}, "--join")
    assert (code, out) == (0, ""), err
    assert "no run in progress to join" in err
    missing = tmp_path / "srv" / "rules.toml"
    code, _, err = run({**bare, "TRACKER_RULES": str(missing)}, "--join")
    assert code == 2
    assert err == (
        f"tracker: error: {missing}: rule file not found (TRACKER_RULES): a worker joining a "
        "run classifies changes with the run's rule file; copy that file here from the "
        "machine that starts the run, or leave TRACKER_RULES unset on both to use the rule "
        "file shipped with the package\n"
    )


def test_join_with_no_run_in_progress_exits_0(postgres_url: str, tmp_path: Path) -> None:
    env = setup(tmp_path, [], TRACKER_DATABASE_URL=postgres_url, TRACKER_LOG_LEVEL="info")
    code, out, err = run(env, "--join")
    assert (code, out) == (0, "")
    assert "no run in progress to join" in err


def test_at_a_terminal_a_progress_bar_then_the_summary_on_stdout(
    site: MultiHostServer, tmp_path: Path
) -> None:
    env = {**os.environ, **setup(tmp_path, [site.url(0, "/a"), site.url(1, "/b")])}
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "tracker", "run"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=60,
            check=False,
        )
        os.close(terminal)
        shown = _read_all(controller)
    finally:
        os.close(controller)
    assert process.returncode == 0
    lines = process.stdout.splitlines()
    assert lines[0] == "run 1: 2 documents, 2 changed, 0 failed"
    assert lines[1] == "digest 1 (outbox): Now tracking 2 new documents"
    assert "tracking" in shown and "100%" in shown


def run_at_a_terminal(env: dict[str, str], *args: str) -> tuple[int, str]:
    """``tracker run`` with stderr on a pseudo-terminal: its exit code and what it showed."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "tracker", "run", *args],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            timeout=60,
            check=False,
        )
        os.close(terminal)
        return process.returncode, _read_all(controller)
    finally:
        os.close(controller)


def test_at_a_terminal_warnings_are_sentences_unless_a_log_format_is_given(
    site: MultiHostServer, tmp_path: Path
) -> None:
    env = setup(tmp_path, [site.url(0, "/a"), "http://127.0.0.1:9/refused"])
    env = {**env, "TRACKER_LOG_FORMAT": ""}  # unset, whatever this shell has
    code, shown = run_at_a_terminal(env)
    assert code == 1
    assert "tracker: warning: site/doc-1: failed (connect)" in shown, shown
    assert "time=" not in shown and "logger=" not in shown
    code, shown = run_at_a_terminal(env, "--log-format", "text")
    assert code == 1
    assert "level=warning logger=tracker.track.record" in shown, shown


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace")


def record(message: str, **extra: object) -> logging.LogRecord:
    entry = logging.LogRecord(
        "tracker.track.record", logging.WARNING, __file__, 1, message, (), None
    )
    for key, value in extra.items():
        setattr(entry, key, value)
    return entry


def test_log_lines_escape_what_a_web_page_could_smuggle() -> None:
    hostile = 'title \x1b[2J\x1b[31mred\x07 and\nnew line "quoted" \x9bC1 \u202eevil'
    line = KeyValueFormatter().format(record(hostile, document="a/b"))
    assert not any(ch in line for ch in "\x1b\n\x9b\x07\u202e")
    assert "\\u202eevil" in line
    assert "\\x1b[2J" in line and "\\n" in line and '\\"quoted\\"' in line
    assert line.endswith(" document=a/b")
    sentence = SentenceFormatter().format(record(hostile, document="a/b"))
    assert not any(ch in sentence for ch in "\x1b\n\x9b\x07\u202e")
    assert sentence.startswith("tracker: warning: title \\x1b[2J")
    as_json = JsonFormatter().format(record(hostile))
    assert "\x1b" not in as_json and "\x9b" not in as_json
    assert json.loads(as_json)["msg"] == hostile


@pytest.mark.parametrize(
    ("value", "shown"),
    [("plain", "plain"), ("a b", '"a b"'), ("", '""'), ("x=y", '"x=y"'), (12, "12")],
)
def test_values_are_bare_only_when_unambiguous(value: object, shown: str) -> None:
    assert quote_value(value) == shown


def test_new_settings_are_read_and_checked(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "TRACKER_SCHEDULE": "15 2 * * 1-5",
            "TRACKER_TIMEZONE": "Europe/Paris",
            "TRACKER_SCHEDULE_JITTER": "0",
            "TRACKER_CONCURRENCY": "32",
            "TRACKER_PER_HOST": "1",
            "TRACKER_HOST_DELAY": "0.5",
            "TRACKER_RETRIES": "0",
            "TRACKER_RETRY_DELAY": "1",
            "TRACKER_RETRY_MAX_DELAY": "30",
            "TRACKER_LOCK_TTL": "90",
            "TRACKER_LOG_FORMAT": "JSON",
            "TRACKER_LOG_LEVEL": "Info",
        },
        cwd=tmp_path,
    )
    assert (settings.schedule, settings.timezone, settings.schedule_jitter) == (
        "15 2 * * 1-5",
        "Europe/Paris",
        0.0,
    )
    assert (settings.concurrency, settings.per_host, settings.host_delay) == (32, 1, 0.5)
    assert (settings.retries, settings.retry_delay, settings.retry_max_delay) == (0, 1.0, 30.0)
    assert (settings.lock_ttl, settings.log_format, settings.log_level) == (90.0, "json", "info")
    defaults = load_settings({}, cwd=tmp_path)
    assert (defaults.schedule, defaults.per_host, defaults.concurrency) == ("0 3 * * *", 2, 8)
    with pytest.raises(ConfigError, match="TRACKER_TIMEZONE"):
        load_settings({"TRACKER_TIMEZONE": "Mars/Olympus"}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="TRACKER_HOST_DELAY"):
        load_settings({"TRACKER_HOST_DELAY": "-1"}, cwd=tmp_path)


def test_deployment_gives_the_runuser_form_of_each_postgres_step() -> None:
    """A machine without sudo (a container, a minimal Debian) runs the same steps as root."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "DEPLOYMENT.md").read_text("utf-8")
    steps = [line for line in text.splitlines() if line.startswith("sudo -u postgres ")]
    assert len(steps) == 2
    for step in steps:
        assert step.replace("sudo -u postgres ", "runuser -u postgres -- ", 1) in text
    assert "needs nothing but `TRACKER_DATABASE_URL`" in text


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["log", "--severity", "huge"], ["'--severity'", "tracker log --help"]),
        (["nosuch"], ["'nosuch'", "tracker --help"]),
        (["--bogus"], ["'--bogus'", "tracker --help"]),
        (["show"], ["'SLUG'", "tracker show --help"]),
        (["db", "nosuch"], ["'nosuch'", "tracker db --help"]),
        (["history", "x", "--limit=abc"], ["'--limit'", "tracker history --help"]),
        (["history", "x", "--database-url"], ["'--database-url'", "tracker --help"]),
    ],
)
def test_a_command_line_click_cannot_parse_is_one_line_and_exit_2(
    args: list[str], names: list[str], tmp_path: Path
) -> None:
    """An unknown option or command, a bad or missing value: one line on stderr as every other
    error (not click's usage block), naming the help to read."""
    env = {"TRACKER_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, args, env=env, prog_name="tracker")
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and len(lines) == 1, result.stderr
    assert lines[0].startswith("tracker: error: ") and all(n in lines[0] for n in names)


def test_the_group_alone_and_help_and_version_still_print_as_click_prints_them() -> None:
    assert "Commands:" in CliRunner().invoke(cli, []).output
    assert "upgrade" in CliRunner().invoke(cli, ["db"]).output
    helped = CliRunner().invoke(cli, ["log", "--help"], prog_name="tracker")
    assert helped.output.startswith("Usage: tracker log")
    assert CliRunner().invoke(cli, ["--version"]).output.startswith("tracker, version ")


def test_the_command_line_works_with_a_click_without_no_args_is_help_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """pyproject allows click 8.1, which has no click.exceptions.NoArgsIsHelpError: naming it
    in an ``except`` clause made every command line a traceback there, ``--help`` too."""
    monkeypatch.delattr(click.exceptions, "NoArgsIsHelpError", raising=False)
    env = {"TRACKER_DATA_DIR": str(tmp_path)}
    helped = CliRunner().invoke(cli, ["--help"], prog_name="tracker", env=env)
    assert helped.exit_code == 0 and "Commands:" in helped.output, helped.output
    bad = CliRunner().invoke(cli, ["nosuch"], prog_name="tracker", env=env)
    assert bad.exit_code == 2, bad.output
    assert bad.stderr.splitlines() == [
        "tracker: error: No such command 'nosuch'. (see 'tracker --help')"
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("tracker --registry ", "file,\n"),  # its value: a file name, for the shell to complete
        ("tracker --database-url ", "\n"),  # a URL: nothing to offer
        ("tracker lo", "plain,log\n"),
    ],
)
def test_shell_completion_of_a_global_option_s_value(
    words: str, expected: str, tmp_path: Path
) -> None:
    """Completing 'tracker --registry <TAB>': the global options are moved before the command,
    and one still waiting for its value was a usage error, printed into the shell's prompt."""
    env = {
        "_TRACKER_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "TRACKER_DATA_DIR": str(tmp_path),
    }
    result = CliRunner().invoke(cli, [], prog_name="tracker", env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")

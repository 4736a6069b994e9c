"""Settings come from the environment and flags into one frozen object."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tracker.errors import ConfigError
from tracker.resources import default_rules_path
from tracker.settings import ENVIRONMENT_VARIABLES, load_settings, settings_table_markdown


def test_defaults_use_a_sqlite_file_in_data(tmp_path: Path) -> None:
    settings = load_settings({}, cwd=tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path}/data/tracker.db"
    assert settings.registry_path == tmp_path / "data" / "documents.toml"
    assert settings.outbox_dir == tmp_path / "data" / "outbox"
    assert settings.rules_path == default_rules_path()  # shipped with the package
    assert settings.max_body_bytes == 20 * 1024 * 1024


def test_environment_overrides(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "TRACKER_DATABASE_URL": "postgresql+psycopg://u@h/db",
            "TRACKER_REGISTRY": "r.toml",
            "TRACKER_FETCH_TIMEOUT": "2.5",
            "TRACKER_MAX_BODY_BYTES": "1000",
            "TRACKER_USER_AGENT": "UA/1",
            "TRACKER_RULES": "my-rules.toml",
        },
        cwd=tmp_path,
    )
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.registry_path == tmp_path / "r.toml"
    assert settings.rules_path == tmp_path / "my-rules.toml"
    assert (settings.fetch_timeout, settings.max_body_bytes, settings.user_agent) == (
        2.5,
        1000,
        "UA/1",
    )


def test_guard_settings(tmp_path: Path) -> None:
    defaults = load_settings({}, cwd=tmp_path)
    assert (defaults.shrink_threshold, defaults.suspect_confirmations) == (0.5, 2)
    env = {"TRACKER_SHRINK_THRESHOLD": "0.3", "TRACKER_SUSPECT_CONFIRMATIONS": "4"}
    settings = load_settings(env, cwd=tmp_path)
    assert (settings.shrink_threshold, settings.suspect_confirmations) == (0.3, 4)


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings({}, cwd=tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.database_url = "x"  # type: ignore[misc]


def test_overrides_ignore_none_and_reject_unknown(tmp_path: Path) -> None:
    settings = load_settings({}, cwd=tmp_path)
    assert settings.with_overrides(database_url=None) == settings
    assert settings.with_overrides(database_url="sqlite://").database_url == "sqlite://"
    with pytest.raises(ConfigError):
        settings.with_overrides(colour="blue")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TRACKER_FETCH_TIMEOUT", "soon"),
        ("TRACKER_FETCH_TIMEOUT", "-1"),
        ("TRACKER_MAX_BODY_BYTES", "1.5"),
        ("TRACKER_MAX_BODY_BYTES", "0"),
        ("TRACKER_SHRINK_THRESHOLD", "1.5"),
        ("TRACKER_SHRINK_THRESHOLD", "0"),
        ("TRACKER_SHRINK_THRESHOLD", "half"),
        ("TRACKER_SUSPECT_CONFIRMATIONS", "0"),
    ],
)
def test_bad_numbers_are_config_errors(name: str, value: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({name: value}, cwd=tmp_path)


def test_unknown_tracker_variable_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TRACKER_DATABSE_URL"):
        load_settings({"TRACKER_DATABSE_URL": "x"}, cwd=tmp_path)


def test_every_variable_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [name for name in ENVIRONMENT_VARIABLES if name not in readme]
    assert not missing, f"undocumented settings: {missing}"


def test_the_readme_settings_table_is_the_settings_table() -> None:
    """The README's table is made from tracker.settings.VARIABLES (name, default, help): paste
    the output of ``python -c "from tracker.settings import settings_table_markdown as t;
    print(t())"`` when a setting changes."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert settings_table_markdown() in readme


def test_an_empty_variable_counts_as_unset(tmp_path: Path) -> None:
    settings = load_settings({"TRACKER_FETCH_TIMEOUT": "", "TRACKER_SMTP_HOST": " "}, cwd=tmp_path)
    assert settings.fetch_timeout == 30.0 and settings.smtp is None

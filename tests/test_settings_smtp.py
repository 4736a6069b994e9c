"""The TRACKER_SMTP_* and TRACKER_DIGEST_* settings: typed, checked, the password hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.errors import ConfigError
from tracker.settings import Secret, SmtpSettings, load_settings

PASSWORD = "hunter2-but-longer"


def test_smtp_is_off_by_default(tmp_path: Path) -> None:
    settings = load_settings({}, cwd=tmp_path)
    assert settings.smtp is None
    assert settings.mail_to == () and settings.list_unsubscribe == ()
    assert settings.mail_from == "Policy Tracker <policy-tracker@localhost>"
    assert settings.digest_send_empty is False


@pytest.mark.parametrize(
    ("security", "port"), [("ssl", 465), ("starttls", 587), ("plain", 25), ("STARTTLS", 587)]
)
def test_default_port_follows_the_security(security: str, port: int, tmp_path: Path) -> None:
    env = {"TRACKER_SMTP_HOST": "localhost", "TRACKER_SMTP_SECURITY": security}
    smtp = load_settings(env, cwd=tmp_path).smtp
    assert smtp is not None and smtp.port == port and smtp.security == security.lower()


def test_full_configuration(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "TRACKER_SMTP_HOST": "smtp.example.com",
            "TRACKER_SMTP_PORT": "2525",
            "TRACKER_SMTP_SECURITY": "ssl",
            "TRACKER_SMTP_USER": "tracker",
            "TRACKER_SMTP_PASSWORD": PASSWORD,
            "TRACKER_SMTP_TIMEOUT": "12.5",
            "TRACKER_SMTP_FROM": "Policy Tracker <tracker@example.com>",
            "TRACKER_SMTP_TO": "legal@example.com, Ops <ops@example.com>",
            "TRACKER_SMTP_LIST_UNSUBSCRIBE": "mailto:u@example.com, https://example.com/u?x=1",
            "TRACKER_DIGEST_SEND_EMPTY": "yes",
        },
        cwd=tmp_path,
    )
    assert settings.smtp == SmtpSettings(
        host="smtp.example.com",
        port=2525,
        security="ssl",
        user="tracker",
        password=Secret(PASSWORD),
        timeout=12.5,
    )
    assert settings.mail_to == ("legal@example.com", "Ops <ops@example.com>")
    assert settings.list_unsubscribe == ("mailto:u@example.com", "https://example.com/u?x=1")
    assert settings.digest_send_empty is True
    # the password is nowhere in what gets printed or logged
    assert PASSWORD not in repr(settings) and PASSWORD not in str(settings)
    assert settings.smtp is not None and PASSWORD not in repr(settings.smtp)
    assert PASSWORD not in f"{settings.smtp.password}" and PASSWORD not in f"{settings.smtp!r}"
    assert settings.smtp.password is not None and settings.smtp.password.reveal() == PASSWORD


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRACKER_SMTP_SECURITY": "tls"}, "TRACKER_SMTP_SECURITY='tls' must be"),
        ({"TRACKER_SMTP_PORT": "70000"}, "TRACKER_SMTP_PORT=70000 is not a port"),
        ({"TRACKER_SMTP_PORT": "smtp"}, "TRACKER_SMTP_PORT='smtp' is not a whole number"),
        ({"TRACKER_SMTP_TO": "legal"}, "TRACKER_SMTP_TO: 'legal' is not an e-mail address"),
        ({"TRACKER_SMTP_FROM": "a@b.c, d@e.f"}, "TRACKER_SMTP_FROM"),
        ({"TRACKER_SMTP_PASSWORD": PASSWORD}, "TRACKER_SMTP_PASSWORD is set but TRACKER_SMTP_USER"),
        ({"TRACKER_SMTP_LIST_UNSUBSCRIBE": "javascript:alert(1)"}, "must be a mailto:"),
        ({"TRACKER_SMTP_LIST_UNSUBSCRIBE": "https://x/<a>"}, "contains <, > or spaces"),
        ({"TRACKER_DIGEST_SEND_EMPTY": "maybe"}, "TRACKER_DIGEST_SEND_EMPTY='maybe' must be"),
        (
            {"TRACKER_SMTP_SECURITY": "plain", "TRACKER_SMTP_USER": "u", "TRACKER_SMTP_HOST": "mx"},
            "would send the SMTP password unencrypted to mx",
        ),
    ],
)
def test_bad_mail_settings_are_config_errors(
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    full = {"TRACKER_SMTP_HOST": "localhost", "TRACKER_SMTP_USER": "u"} | env
    if "TRACKER_SMTP_PASSWORD" in env:
        del full["TRACKER_SMTP_USER"]
    with pytest.raises(ConfigError, match=message) as failure:
        load_settings(full, cwd=tmp_path)
    assert PASSWORD not in str(failure.value)


def test_credentials_without_a_host_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TRACKER_SMTP_USER is set but TRACKER_SMTP_HOST"):
        load_settings({"TRACKER_SMTP_USER": "u"}, cwd=tmp_path)


def test_plain_login_is_allowed_to_a_local_relay(tmp_path: Path) -> None:
    env = {
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_SECURITY": "plain",
        "TRACKER_SMTP_USER": "u",
        "TRACKER_SMTP_PASSWORD": PASSWORD,
    }
    smtp = load_settings(env, cwd=tmp_path).smtp
    assert smtp is not None and smtp.user == "u"

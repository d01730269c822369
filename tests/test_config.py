"""Settings from the environment: a bad value names the variable and what it expects."""

import pytest

from workshop import create_app
from workshop.config import ConfigError, from_environment, without_password


@pytest.mark.parametrize("name, value, expected", [
    # systemd keeps an inline comment as part of the value (issue 13)
    ("WORKSHOP_PROXY_COUNT", "1          # behind the nginx below", "systemd keeps a '#'"),
    ("WORKSHOP_PROXY_COUNT", "eins", "a whole number from 0 to 5"),
    ("PORT", "70000", "a whole number from 0 to 65535"),
    ("WORKSHOP_PUBLIC_URL", "dialog.example.org", "a URL like https://"),
    ("WORKSHOP_PUBLIC_URL", "https://dialog.example.org  # QR", "a URL like https://"),
    ("WORKSHOP_REDIS_URL", "redis//127.0.0.1:6379", "a URL like redis://"),
    ("WORKSHOP_REDIS_URL", "127.0.0.1:6379", "a URL like redis://"),
    ("WORKSHOP_REDIS_URL", "redis://127.0.0.1:port/0", "a URL like redis://"),
    ("WORKSHOP_DATABASE_URL", "mysql://x@db/workshop", "a URL like postgresql://"),
    ("WORKSHOP_SECRET_KEY", "<64 hex characters>", "at least 32 characters"),
    ("WORKSHOP_REDIS_CHANNEL", "workshop # test", "letters, digits"),
])
def test_a_bad_value_names_the_variable_and_what_is_expected(
        tmp_path, monkeypatch, name, value, expected):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        from_environment(str(tmp_path))
    assert str(raised.value).startswith(f"{name}=")
    assert expected in str(raised.value)


def test_a_password_in_a_bad_url_is_not_printed(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", "postgres ql://workshop:geheim@db/workshop")
    with pytest.raises(ConfigError) as raised:
        from_environment(str(tmp_path))
    assert "geheim" not in str(raised.value) and "workshop:***@db" in str(raised.value)
    assert without_password("redis://:geheim@127.0.0.1:6379/0") == "redis://:***@127.0.0.1:6379/0"


def test_good_values_are_read(tmp_path, monkeypatch):
    for name, value in {"WORKSHOP_PROXY_COUNT": " 1 ", "PORT": "5001",
                        "WORKSHOP_PUBLIC_URL": "https://dialog.example.org",
                        "WORKSHOP_REDIS_URL": "redis://127.0.0.1:6379/0",
                        "WORKSHOP_DATABASE_URL": "postgresql://workshop@/workshop?host=/run/x",
                        "WORKSHOP_SECRET_KEY": "a" * 64}.items():
        monkeypatch.setenv(name, value)
    settings = from_environment(str(tmp_path))
    assert settings["WORKSHOP_PROXY_COUNT"] == 1 and settings["WORKSHOP_PORT"] == 5001
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://workshop@/")
    assert settings["SECRET_KEY"] == "a" * 64


def test_the_app_factory_refuses_a_bad_value(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PROXY_COUNT", "1 # nginx")
    with pytest.raises(ConfigError, match="WORKSHOP_PROXY_COUNT"):
        create_app()

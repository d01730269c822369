"""Configuration defaults, read from WORKSHOP_* environment variables."""

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit


class ConfigError(ValueError):
    """A setting the app cannot use; the message names the variable and what it expects."""

    def __init__(self, name: str, value: str, expected: str):
        super().__init__(f"{name}={value!r} is not valid: expected {expected}")

    @classmethod
    def in_file(cls, path, number: int, line: str, expected: str) -> "ConfigError":
        """A line of an environment file that cannot be read."""
        error = cls("", "", "")
        error.args = (f"{path}, line {number}: {line!r} is not valid: expected {expected}",)
        return error


def _whole_number(name: str, default: int, highest: int) -> int:
    """An integer variable; a systemd inline comment ("1  # nginx") is named as the cause."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) > highest:
        hint = " (systemd keeps a '#' after a value as part of it)" if "#" in value else ""
        raise ConfigError(name, value, f"a whole number from 0 to {highest}{hint}")
    return int(value)


def _url(name: str, schemes: tuple[str, ...], example: str) -> str | None:
    """A URL variable with one of the schemes, no spaces (an inline comment has some)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        parts = None
    if (parts is None or re.search(r"\s", value) or parts.scheme not in schemes
            or not (parts.netloc or parts.path.strip("/"))):
        raise ConfigError(name, without_password(value), f"a URL like {example}")
    return value


def without_password(url: str) -> str:
    """The URL as it may be printed in a log: its password replaced by ***."""
    return re.sub(r"(//[^/@:\s]*:)[^/@\s]*@", r"\1***@", url)


def _secret_key(instance_path: str) -> str:
    """Return a persistent secret key stored in the instance folder (created once)."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _configured_secret() -> str | None:
    """WORKSHOP_SECRET_KEY, long enough that a placeholder or a typo cannot pass for one."""
    value = os.environ.get("WORKSHOP_SECRET_KEY", "").strip()
    if value and (len(value) < 32 or re.search(r"\s", value)):
        raise ConfigError("WORKSHOP_SECRET_KEY", value[:4] + "…",
                          "at least 32 characters without spaces, e.g. from "
                          "`python3 -c 'import secrets; print(secrets.token_hex(32))'`")
    return value or None


def from_environment(instance_path: str) -> dict:
    """Build the configuration mapping for one app instance."""
    database_url = normalize_database_url(
        _url("WORKSHOP_DATABASE_URL", ("sqlite", "postgresql", "postgres"),
             "postgresql://workshop:PASSWORD@127.0.0.1:5432/workshop")
        or "sqlite:///" + str(Path(instance_path) / "workshop.sqlite3"))
    channel = os.environ.get("WORKSHOP_REDIS_CHANNEL", "").strip() or "workshop"
    if not re.fullmatch(r"[\w.:-]+", channel):
        raise ConfigError("WORKSHOP_REDIS_CHANNEL", channel, "letters, digits and . _ : -")
    return {
        "SECRET_KEY": _configured_secret() or _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "WORKSHOP_REDIS_URL": _url("WORKSHOP_REDIS_URL", ("redis", "rediss"),
                                   "redis://127.0.0.1:6379/0"),
        # Two installations on one Redis keep apart by channel name.
        "WORKSHOP_REDIS_CHANNEL": channel,
        "WORKSHOP_PUBLIC_URL": _url("WORKSHOP_PUBLIC_URL", ("http", "https"),
                                    "https://dialog.example.org"),
        # Reverse proxies in front (nginx: 1) whose X-Forwarded-* headers are trusted.
        "WORKSHOP_PROXY_COUNT": _whole_number("WORKSHOP_PROXY_COUNT", 0, 5),
        # Overrides of rate_limits.DEFAULTS; a venue with more phones behind one NAT (or the
        # benchmark) raises the new participants per address.
        "WORKSHOP_RATE_LIMITS": ({"participant_per_address": os.environ[
            "WORKSHOP_JOINS_PER_ADDRESS"]} if os.environ.get("WORKSHOP_JOINS_PER_ADDRESS") else {}),
        "WORKSHOP_PORT": _whole_number("PORT", 5000, 65535),
        # Days after its date until `flask purge-events` deletes an event; "off": never.
        "WORKSHOP_RETENTION_DAYS": os.environ.get("WORKSHOP_RETENTION_DAYS"),
        # The server entry point switches to gevent; CLI and tests stay on threads.
        "WORKSHOP_ASYNC_MODE": "threading",
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        # One login lasts at most one event day, remembered or not (the server ends it too):
        # laptops at venues are shared. "Angemeldet bleiben" is a choice at the login.
        "REMEMBER_COOKIE_DURATION": timedelta(hours=12),
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "SEND_FILE_MAX_AGE_DEFAULT": 31536000,
        "COMPRESS_MIMETYPES": [
            "text/html", "text/css", "application/javascript", "text/javascript",
            "application/json", "image/svg+xml", "text/csv",
        ],
        "COMPRESS_MIN_SIZE": 256,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    }


def secure_cookies(settings: dict) -> None:
    """Send the login cookies only over HTTPS when the public address is HTTPS.

    Over plain HTTP (the LAN address of the embedded setup) a secure cookie would never come
    back, so the flags follow the address, once the final configuration is known.
    """
    secure = str(settings.get("WORKSHOP_PUBLIC_URL") or "").lower().startswith("https://")
    settings["SESSION_COOKIE_SECURE"] = settings["REMEMBER_COOKIE_SECURE"] = secure


def normalize_database_url(url: str) -> str:
    """Let operators write postgresql://; SQLAlchemy needs the psycopg 3 driver named."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(database_url: str) -> dict:
    """SQLAlchemy engine options; SQLite waits for the writer instead of failing."""
    if database_url.startswith("sqlite"):
        # No limit on connections: a request may hold one while it waits for the write
        # lock, and a capped pool then starves the lock holder (a 30 s deadlock, seen in
        # threading mode under load). SQLite connections are cheap file handles.
        return {"connect_args": {"timeout": 10, "check_same_thread": False},
                "pool_size": 10, "max_overflow": -1, "hide_parameters": True}
    # hide_parameters: a logged database error must not quote a participant's token or text.
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20, "hide_parameters": True}

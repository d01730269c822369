"""Configuration defaults, read from WORKSHOP_* environment variables."""

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _secret_key(instance_path: str) -> str:
    """Return a persistent secret key stored in the instance folder (created once)."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def from_environment(instance_path: str) -> dict:
    """Build the configuration mapping for one app instance."""
    database_url = normalize_database_url(os.environ.get("WORKSHOP_DATABASE_URL") or (
        "sqlite:///" + str(Path(instance_path) / "workshop.sqlite3")
    ))
    return {
        "SECRET_KEY": os.environ.get("WORKSHOP_SECRET_KEY") or _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "WORKSHOP_REDIS_URL": os.environ.get("WORKSHOP_REDIS_URL") or None,
        # Two installations on one Redis keep apart by channel name.
        "WORKSHOP_REDIS_CHANNEL": os.environ.get("WORKSHOP_REDIS_CHANNEL") or "workshop",
        "WORKSHOP_PUBLIC_URL": os.environ.get("WORKSHOP_PUBLIC_URL") or None,
        # Reverse proxies in front (nginx: 1) whose X-Forwarded-* headers are trusted.
        "WORKSHOP_PROXY_COUNT": int(os.environ.get("WORKSHOP_PROXY_COUNT") or 0),
        # Overrides of rate_limits.DEFAULTS; a venue with more phones behind one NAT (or the
        # benchmark) raises the new participants per address.
        "WORKSHOP_RATE_LIMITS": ({"participant_per_address": os.environ[
            "WORKSHOP_JOINS_PER_ADDRESS"]} if os.environ.get("WORKSHOP_JOINS_PER_ADDRESS") else {}),
        "WORKSHOP_PORT": int(os.environ.get("PORT", "5000")),
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

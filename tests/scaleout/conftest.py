"""Shared services of the scale-out tests: a fresh PostgreSQL schema and the local Redis."""

import secrets

import pytest

from tests.support.postgres import fresh_schema

REDIS_URL = "redis://127.0.0.1:6379/0"


def require_redis() -> None:
    import redis
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS_URL} unreachable ({error})")


@pytest.fixture
def shared_services():
    """A fresh PostgreSQL schema (dropped afterwards) and the Redis URL, as worker env."""
    require_redis()
    with fresh_schema("scaleout") as (url, admin, schema):
        yield {"WORKSHOP_DATABASE_URL": url, "WORKSHOP_REDIS_URL": REDIS_URL,
               "WORKSHOP_REDIS_CHANNEL": schema,  # runs sharing one Redis stay apart
               "WORKSHOP_SECRET_KEY": secrets.token_hex(16)}, admin, schema

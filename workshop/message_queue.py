"""The Redis message queue between workers: checked before a worker serves, and by /healthz.

Flask-SocketIO connects to Redis lazily and only logs when a publish fails, so a worker with
a wrong address would serve its own phones and silently never reach the other workers.
"""

import redis
from flask import Flask

from .config import without_password

TIMEOUT = 2  # seconds: a local Redis answers in well under a millisecond


def _client(app: Flask) -> redis.Redis:
    """One client per app (its pool is reused by every health check)."""
    client = app.extensions.get("workshop_redis")
    if client is None:
        client = redis.Redis.from_url(app.config["WORKSHOP_REDIS_URL"],
                                      socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT)
        app.extensions["workshop_redis"] = client
    return client


def problem(app: Flask) -> str | None:
    """Why the configured message queue cannot be used, or None (also when there is none)."""
    url = app.config["WORKSHOP_REDIS_URL"]
    if not url:
        return None
    try:
        client = _client(app)
    except ValueError as error:  # redis-py's own reading of the URL (e.g. the db number)
        return f"{without_password(url)} is not a usable Redis URL: {error}"
    try:
        client.ping()
    except redis.RedisError as error:
        return f"Redis at {without_password(url)} cannot be used: {str(error).rstrip('.')}"
    return None

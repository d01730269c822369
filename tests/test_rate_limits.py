"""The rate limits' storage: two app instances on one Redis share their counts; a broken
store lets requests through; the memory storage stays cheap."""

import logging
import secrets

import pytest

from workshop import create_app
from workshop.extensions import db, socketio
from workshop.rate_limits import SWEEP_S, RateLimits

from .test_login_throttle import amount

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_or_skip() -> None:
    import redis
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS_URL} unreachable ({error})")


def test_two_app_instances_on_one_redis_share_the_counts(tmp_path, monkeypatch, database_url):
    """Two workers: failed logins at one pause the account at the other."""
    _redis_or_skip()
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    # The apps wire the shared SocketIO object to the Redis queue; later tests' apps (and
    # their test clients) must not inherit it.
    monkeypatch.setattr(socketio, "server_options", dict(socketio.server_options))
    settings = {"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                "SQLALCHEMY_DATABASE_URI": database_url, "WORKSHOP_REDIS_URL": REDIS_URL,
                # A fresh key prefix: runs sharing the Redis server stay apart.
                "WORKSHOP_REDIS_CHANNEL": f"test-{secrets.token_hex(6)}"}
    first, second = create_app(settings), create_app(settings)
    with first.app_context():
        db.create_all()
    form = {"email": "mod@example.org", "password": "falsch"}
    for _ in range(amount("login_per_account")):
        assert first.test_client().post("/login", data=form).status_code == 200
    assert second.test_client().post("/login", data=form).status_code == 429
    with second.app_context():
        limits = second.extensions["rate_limits"]
        assert type(limits.storage).__name__ == "RedisStorage"
        assert limits.hit("phone_write", 7)
    with first.app_context():
        stats = first.extensions["rate_limits"]
        item = stats.items["phone_write"][0]
        assert stats.limiter.get_window_stats(item, "phone_write", "7").remaining == \
            item.amount - 1
        db.drop_all()
        db.engine.dispose()


def test_an_unreachable_store_lets_requests_through_and_says_so(caplog):
    limits = RateLimits("redis://127.0.0.1:1/0", "test")
    with caplog.at_level(logging.WARNING, logger="workshop.rate_limits"):
        for _ in range(100):
            assert limits.hit("participant_per_address", "10.0.0.1")
    assert "rate limit storage unavailable" in caplog.text


def test_the_memory_store_is_swept_every_few_seconds_not_after_every_hit():
    """limits sweeps all keys 10 ms after a hit; with a thousand phones that cost more CPU
    than a card write."""
    limits = RateLimits()
    limits.storage.timer.join()  # the sweep limits starts with the storage
    assert limits.hit("phone_write", 1)
    assert limits.storage.timer.interval == SWEEP_S and limits.storage.timer.daemon


def test_behind_a_proxy_new_phones_count_per_forwarded_address(tmp_path, monkeypatch):
    """The real server behind nginx (WORKSHOP_PROXY_COUNT=1): a socket's address is the
    phone's from X-Forwarded-For, so the limit on new phones counts per phone address."""
    import flask_migrate
    from socketio import Client

    from tests.support.server import running_server
    from workshop.demo import seed_demo
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SECRET_KEY": "test"})
    with app.app_context():
        flask_migrate.upgrade()
        code = seed_demo().join_code
        db.engine.dispose()
    env = {"WORKSHOP_PROXY_COUNT": "1", "WORKSHOP_JOINS_PER_ADDRESS": "2/minute"}
    with running_server(tmp_path, extra_env=env, migrate=False) as (url, _process):
        def join(address):
            client = Client(reconnection=False)
            client.connect(url, headers={"X-Forwarded-For": address},
                           transports=["websocket"], wait_timeout=10)
            try:
                return client.call("join", {"code": code}, timeout=10)
            finally:  # drop the socket: no closing handshake to wait for
                client.eio.ws.shutdown()
                client.eio.disconnect(abort=True)

        assert join("10.0.0.1")["ok"] and join("10.0.0.1")["ok"]
        assert join("10.0.0.1")["error"] == "too_many_joins"
        assert join("10.0.0.2")["ok"]

"""The login throttle and the rate limits' storage: windows pass with time-machine, and
two app instances on one Redis share their counts."""

import logging
import secrets

import pytest
import time_machine
from limits import parse_many

from workshop import create_app
from workshop.extensions import db
from workshop.login_throttle import throttle
from workshop.models import utcnow
from workshop.rate_limits import DEFAULTS, RateLimits

REDIS_URL = "redis://127.0.0.1:6379/0"


def amount(name: str) -> int:
    """The smallest count a limit allows (its shortest window)."""
    return min(item.amount for item in parse_many(DEFAULTS[name]))


@pytest.fixture
def clock(app):
    with time_machine.travel(utcnow().replace(microsecond=0), tick=False) as traveller:
        yield traveller


def test_one_persons_typos_pause_only_their_account_from_there(clock):
    for _ in range(amount("login_per_account")):
        assert throttle().wait_seconds("10.0.0.1", "mod@example.org") == 0
        throttle().failed("10.0.0.1", "mod@example.org")
        clock.shift(10)
    assert throttle().wait_seconds("10.0.0.1", " MOD@example.org ") > 0  # any case
    # The rest of the venue behind the same address goes on; somebody elsewhere who knows
    # the email cannot lock the facilitator out from there.
    assert throttle().wait_seconds("10.0.0.1", "kollegin@example.org") == 0
    assert throttle().wait_seconds("10.0.0.2", "mod@example.org") == 0
    clock.shift(5 * 60)
    assert throttle().wait_seconds("10.0.0.1", "mod@example.org") == 0


def test_a_guesser_from_one_address_is_stopped_for_every_account(clock):
    for n in range(amount("login_per_address")):
        assert throttle().wait_seconds("10.0.0.1", f"person{n}@example.org") == 0
        throttle().failed("10.0.0.1", f"person{n}@example.org")
    wait = throttle().wait_seconds("10.0.0.1", "new@example.org")
    assert 0 < wait <= 15 * 60
    assert throttle().wait_seconds("10.0.0.2", "new@example.org") == 0
    clock.shift(15 * 60 + 1)
    assert throttle().wait_seconds("10.0.0.1", "new@example.org") == 0


def test_a_guesser_who_waits_out_the_windows_is_stopped_for_the_day(clock):
    for n in range(200):
        if throttle().wait_seconds("10.0.0.1", f"person{n}@example.org"):
            clock.shift(15 * 60 + 1)
        throttle().failed("10.0.0.1", f"person{n}@example.org")
    clock.shift(15 * 60 + 1)
    assert throttle().wait_seconds("10.0.0.1", "new@example.org") > 3600


def test_a_correct_password_forgets_the_accounts_failures(clock):
    for _ in range(amount("login_per_account") - 1):
        throttle().failed("10.0.0.1", "mod@example.org")
    throttle().succeeded("10.0.0.1", "mod@example.org")
    throttle().failed("10.0.0.1", "mod@example.org")
    assert throttle().wait_seconds("10.0.0.1", "mod@example.org") == 0


def test_the_counts_name_nobody(app):
    throttle().failed("10.0.0.1", "mod@example.org")
    storage = app.extensions["rate_limits"].storage
    assert "mod@example.org" not in repr(storage.events) + repr(storage.storage)


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

"""The login throttle: one person's typos, a guesser, windows that pass (time-machine)."""

import pytest
import time_machine
from limits import parse_many

from workshop.login_throttle import throttle
from workshop.models import utcnow
from workshop.rate_limits import DEFAULTS


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

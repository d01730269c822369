"""The login throttle on its own, with a clock the test moves."""

from workshop.login_throttle import PER_ADDRESS, PER_EMAIL, WINDOW_S, LoginThrottle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_failures_for_one_email_from_one_address_pause_it_until_the_window_passes():
    clock = Clock()
    throttle = LoginThrottle(clock)
    for _ in range(PER_EMAIL):
        assert throttle.wait_seconds("10.0.0.1", "mod@example.org") == 0
        throttle.failed("10.0.0.1", "mod@example.org")
        clock.now += 10
    assert throttle.wait_seconds("10.0.0.1", " MOD@example.org ") > 0  # any case
    # Somebody elsewhere who knows the email cannot lock the facilitator out from there.
    assert throttle.wait_seconds("10.0.0.2", "mod@example.org") == 0
    assert throttle.wait_seconds("10.0.0.1", "other@example.org") == 0
    clock.now += WINDOW_S - (PER_EMAIL - 1) * 10
    assert throttle.wait_seconds("10.0.0.1", "mod@example.org") == 0


def test_failures_from_one_address_pause_it_for_every_email():
    throttle = LoginThrottle(Clock())
    for n in range(PER_ADDRESS):
        throttle.failed("10.0.0.1", f"person{n}@example.org")
    assert throttle.wait_seconds("10.0.0.1", "new@example.org") > 0
    assert throttle.wait_seconds("10.0.0.2", "new@example.org") == 0


def test_a_correct_password_forgets_the_emails_failures():
    throttle = LoginThrottle(Clock())
    for _ in range(PER_EMAIL - 1):
        throttle.failed("10.0.0.1", "mod@example.org")
    throttle.succeeded("10.0.0.1", "mod@example.org")
    throttle.failed("10.0.0.1", "mod@example.org")
    assert throttle.wait_seconds("10.0.0.1", "mod@example.org") == 0

"""Rate limits: how often one phone, connection or address may do something.

Counted with the `limits` library over a moving window: in this process's memory by default
(the embedded setup has one process), in Redis when WORKSHOP_REDIS_URL is set, so that
several workers share one count. A venue puts all its phones behind one NAT address, so the
limits per address are sized for a full hall, and the tight ones are per phone.
"""

import logging
import math
import threading
import time

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.errors import StorageError
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from .errors import DomainError

log = logging.getLogger(__name__)

# name → limits ("N per period", several joined by ";"); the app config key
# WORKSHOP_RATE_LIMITS overrides single entries.
DEFAULTS = {
    # New participants one connection may make: a phone keeps its participant, so only a
    # change of event makes another.
    "participant_per_connection": "3/minute;10/hour",
    # New participants from one address: 200 phones behind one venue NAT that all scan the
    # QR code in the same minute get in; a script minting hundreds a second does not.
    # WORKSHOP_JOINS_PER_ADDRESS sets it (a bigger venue, the benchmark).
    "participant_per_address": "20/second;400/minute;2000/hour",
    # Wrong join codes from one address: the typing mistakes of a hall that types the code
    # by hand get through, guessing (31**8 codes) and hammering do not.
    "wrong_code_per_address": "60/minute;1000/hour",
    # Writes of one phone (cards, edits, deletions, dots, profile, island): a person taps
    # a few a minute and an offline phone sends its queue at once; a script sends hundreds.
    "phone_write": "40/10 seconds;300/10 minutes",
    # Failed logins for one account from one address: somebody elsewhere who knows the
    # email cannot lock the facilitator out, and one person's typos lock only their own.
    "login_per_account": "5/5 minutes",
    # Failed logins from one address for any account: generous, so the typos of a whole
    # team behind one router do not lock it out, yet no guesser gets far.
    "login_per_address": "50/15 minutes;200/day",
}


# limits' memory storage sweeps out expired counts 10 ms after every hit, going over every
# key: with a thousand phones that cost more CPU than the card write it guards. The counts are
# read by their timestamps, so the sweep only frees memory, and every few seconds is enough.
SWEEP_S = 5.0


class SweptMemoryStorage(MemoryStorage):
    """limits' memory storage, swept for expired counts every few seconds."""

    def _MemoryStorage__schedule_expiry(self) -> None:  # the hook of limits 5.8 (pinned)
        if not self.timer.is_alive():
            self.timer = threading.Timer(SWEEP_S, self._MemoryStorage__expire_events)
            self.timer.daemon = True  # a pending sweep must not hold up a CLI command's exit
            self.timer.start()


def _key(*parts) -> list[str]:
    return [str(part) for part in parts]


class RateLimits:
    """The limits of one app, counted in one storage."""

    def __init__(self, storage_uri: str = "memory://", prefix: str = "workshop",
                 overrides: dict | None = None):
        self.storage = SweptMemoryStorage() if storage_uri == "memory://" else \
            storage_from_string(storage_uri, key_prefix=f"{prefix}:limits", wrap_exceptions=True)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.items: dict[str, list[RateLimitItem]] = {
            name: parse_many(spec) for name, spec in {**DEFAULTS, **(overrides or {})}.items()}

    def _guarded(self, action, default):
        # A limit must never take the venue down: when Redis hiccups, let the request through.
        try:
            return action()
        except StorageError as error:
            log.warning("rate limit storage unavailable: %s", error.storage_error)
            return default

    def allowed(self, name: str, *key) -> bool:
        """True while the next try of `name` by `key` is within every window (not counted)."""
        parts = _key(name, *key)
        return self._guarded(
            lambda: all(self.limiter.test(item, *parts) for item in self.items[name]), True)

    def hit(self, name: str, *key) -> bool:
        """Count one try if it is within every window; False (and not counted) if not."""
        parts = _key(name, *key)

        def count():
            if not all(self.limiter.test(item, *parts) for item in self.items[name]):
                return False
            return all([self.limiter.hit(item, *parts) for item in self.items[name]])

        return self._guarded(count, True)

    def wait_seconds(self, name: str, *key) -> int:
        """Seconds until `key` may try `name` again; 0 when it may now."""
        parts = _key(name, *key)

        def wait():
            stats = [self.limiter.get_window_stats(item, *parts) for item in self.items[name]]
            return max([s.reset_time - time.time() for s in stats if s.remaining <= 0],
                       default=0)

        return math.ceil(self._guarded(wait, 0))

    def clear(self, name: str, *key) -> None:
        """Forget the count of `name` for `key`."""
        parts = _key(name, *key)
        self._guarded(lambda: [self.limiter.clear(item, *parts) for item in self.items[name]],
                      None)


def init_app(app: Flask) -> None:
    """One set of counts per app: in Redis beside the message queue when there is one."""
    try:
        app.extensions["rate_limits"] = RateLimits(
            app.config.get("WORKSHOP_REDIS_URL") or "memory://",
            app.config.get("WORKSHOP_REDIS_CHANNEL") or "workshop",
            app.config.get("WORKSHOP_RATE_LIMITS"))
    except ValueError as error:  # a limit written as nobody can read it
        raise RuntimeError(f"WORKSHOP_RATE_LIMITS / WORKSHOP_JOINS_PER_ADDRESS: {error}") \
            from error


def limits() -> RateLimits:
    """The current app's limits."""
    return current_app.extensions["rate_limits"]


def enforce(name: str, error: str, *key) -> None:
    """Count one try of `name` by `key`; refuse it with the domain error `error` when over.

    A missing key (a service called without a connection or address, as in scripts and
    tests) is not limited.
    """
    if all(part is not None for part in key) and not limits().hit(name, *key):
        raise DomainError(error)


def refuse_when_over(name: str, error: str, *key) -> None:
    """Refuse with the domain error `error` while `key` is over the limit `name`; count
    nothing (for limits on failures, counted by `count`)."""
    if all(part is not None for part in key) and not limits().allowed(name, *key):
        raise DomainError(error)


def count(name: str, *key) -> None:
    """Count one failed try of `name` by `key`."""
    if all(part is not None for part in key):
        limits().hit(name, *key)

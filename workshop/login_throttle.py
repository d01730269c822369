"""Login throttling: too many failed logins pause further tries for a few minutes.

Counted per client address, and per email from one address (so somebody elsewhere who
knows a facilitator's email cannot lock them out), in this process's memory (enough for the one
process of the embedded setup; with several workers each counts on its own). Every try
against an existing account costs a scrypt hash that blocks the worker, so this also keeps
a guessing script from stalling the server.
"""

import threading
import time
from collections import OrderedDict, deque

from flask import Flask, current_app

WINDOW_S = 5 * 60
PER_EMAIL = 5  # failed tries for one account within the window
PER_ADDRESS = 20  # from one address: a team behind one router may mistype too
MAX_KEYS = 10_000  # memory bound: the oldest counts go first


class LoginThrottle:
    """Failed logins per key within a sliding window."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _keys(self, address: str | None, email: str) -> list[tuple[str, int]]:
        return [(f"address:{address or '-'}", PER_ADDRESS),
                (f"email:{address or '-'}:{(email or '').strip().lower()[:254]}", PER_EMAIL)]

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        return times

    def wait_seconds(self, address: str | None, email: str) -> int:
        """How long this address or email must wait before the next try; 0: go ahead."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key, limit in self._keys(address, email):
                times = self._recent(key, now)
                if len(times) >= limit:
                    wait = max(wait, times[-limit] + WINDOW_S - now)
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, address: str | None, email: str) -> None:
        """Count a failed try."""
        now = self._clock()
        with self._lock:
            for key, _limit in self._keys(address, email):
                times = self._recent(key, now)
                times.append(now)
                self._failures[key] = times
                self._failures.move_to_end(key)
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, address: str | None, email: str) -> None:
        """Forget the failed tries for an account from this address once its password was
        given."""
        with self._lock:
            self._failures.pop(self._keys(address, email)[1][0], None)


def init_app(app: Flask) -> None:
    """One throttle per app (so tests start clean)."""
    app.extensions["login_throttle"] = LoginThrottle()


def throttle() -> LoginThrottle:
    """The current app's throttle."""
    return current_app.extensions["login_throttle"]

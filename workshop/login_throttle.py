"""Login throttling: failed logins pause further tries for a while.

Two counts in rate_limits (shared by the workers through Redis when it is configured):
failures for one account from one address ("login_per_account": somebody elsewhere who knows
a facilitator's email cannot lock them out, and one person's typos pause only their own
account), and failures from one address for any account ("login_per_address": generous, so
a team behind one venue router is not locked out, yet a guesser does not get far). Every try
against an existing account costs a scrypt hash that blocks the worker, so this also keeps a
guessing script from stalling the server.
"""

import hashlib

from flask import Flask, current_app

from . import rate_limits


def _account(address: str | None, email: str) -> tuple[str, str]:
    # Emails are hashed: the counts (in Redis too) name nobody.
    normalized = (email or "").strip().lower()[:254]
    return address or "-", hashlib.sha256(normalized.encode()).hexdigest()[:32]


class LoginThrottle:
    """Failed logins per account and address, and per address."""

    def wait_seconds(self, address: str | None, email: str) -> int:
        """How long this address or account must wait before the next try; 0: go ahead."""
        limits = rate_limits.limits()
        return max(limits.wait_seconds("login_per_account", *_account(address, email)),
                   limits.wait_seconds("login_per_address", address or "-"))

    def failed(self, address: str | None, email: str) -> None:
        """Count a failed try."""
        limits = rate_limits.limits()
        limits.hit("login_per_account", *_account(address, email))
        limits.hit("login_per_address", address or "-")

    def succeeded(self, address: str | None, email: str) -> None:
        """Forget the account's failed tries from this address once its password was given
        (the address keeps its count: a guesser may know one password)."""
        rate_limits.limits().clear("login_per_account", *_account(address, email))


def init_app(app: Flask) -> None:
    """The throttle of an app; its counts live in the app's rate limits."""
    app.extensions["login_throttle"] = LoginThrottle()


def throttle() -> LoginThrottle:
    """The current app's throttle."""
    return current_app.extensions["login_throttle"]

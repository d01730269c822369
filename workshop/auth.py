"""Facilitator logins (Flask-Login), each one a row the server can end.

The session and the remember cookie carry the login's random token, not the account id:
ending the login (logout, "überall abmelden", a new password, deactivation) deletes its row,
and every copy of those cookies stops working at once.
"""

from datetime import timedelta

from flask import Flask, abort, current_app, request, session
from flask_login import UserMixin, current_user, login_user, logout_user

from . import login_throttle, sozialraum_queries
from .extensions import login_manager
from .live import broadcast
from .services import accounts


class SignedIn(UserMixin):
    """A facilitator signed in through one login; Flask-Login's id is the login's token."""

    def __init__(self, token: str, login: dict):
        self.token = token
        self.login_id = login["login_id"]
        self.id = login["account_id"]
        self.name = login["name"]
        self.email = login["email"]
        self.is_admin = login["is_admin"]

    def get_id(self) -> str:
        return self.token


def lifetime() -> timedelta:
    """How long one login lasts at most, remembered or not (REMEMBER_COOKIE_DURATION)."""
    return current_app.config["REMEMBER_COOKIE_DURATION"]


def sign_in(account_id: int, remember: bool) -> None:
    """Open a new login for the account and give this browser its cookies."""
    token = accounts.start_login(account_id, lifetime())
    login_user(SignedIn(token, accounts.signed_in(token, lifetime())), remember=remember)


def sign_out() -> None:
    """End this browser's login for good, and close its open live connections."""
    sids = accounts.end_login(session.get("_user_id"))
    logout_user()
    broadcast.connections_closed(sids)


def sign_out_everywhere() -> None:
    """End every login of the signed-in account, this one included."""
    sids = accounts.end_all_logins(current_user.id)
    logout_user()
    broadcast.connections_closed(sids)


def event_or_404(event_id: int):
    """The event, when the signed-in account is a member of its Sozialraum; else 404, as if
    it did not exist (the one check every facilitator screen and download goes through)."""
    # login_required lets OPTIONS requests through unsigned.
    if not current_user.is_authenticated:
        abort(404)
    return sozialraum_queries.visible_event(current_user.id, event_id) or abort(404)


def check_event_in_address() -> None:
    """For a blueprint's before_request, after login_required: an event named in the
    address must be one the account may see."""
    if request.view_args and "event_id" in request.view_args:
        event_or_404(request.view_args["event_id"])


def require_admin() -> None:
    """For the admin screens' before_request, after login_required."""
    if not (current_user.is_authenticated and current_user.is_admin):
        abort(404)


def init_auth(app: Flask) -> None:
    """Configure Flask-Login for facilitator accounts."""
    login_manager.init_app(app)
    login_throttle.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load(token: str):
        login = accounts.signed_in(token, lifetime())
        return SignedIn(token, login) if login else None

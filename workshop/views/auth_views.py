"""Facilitator login and logout."""

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from .. import login_throttle
from ..errors import DomainError
from ..messages import message_for
from ..services import accounts

bp = Blueprint("auth", __name__)


def local_path(target) -> str | None:
    """The target when it is a path on this site, else None: never bounce a login elsewhere.

    Browsers read a backslash as a slash, so "/\\evil.example" would leave the site; control
    characters (a tab inside "//") are dropped by browsers too and so are refused outright.
    """
    if not isinstance(target, str) or not target:
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    target = target.replace("\\", "/")
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form; sign a facilitator in."""
    if request.method == "POST":
        email = request.form.get("email", "")
        throttle = login_throttle.throttle()
        wait = throttle.wait_seconds(request.remote_addr, email)
        if wait:
            return (render_template("login.html", email=email,
                                    error=message_for(DomainError("too_many_logins"))),
                    429, {"Retry-After": str(wait)})
        account = accounts.authenticate(email, request.form.get("password", ""))
        if account:
            throttle.succeeded(request.remote_addr, email)
            login_user(account, remember=True)
            return redirect(local_path(request.args.get("next"))
                            or url_for("facilitator.events"))
        throttle.failed(request.remote_addr, email)
        # The e-mail stays filled in; the message is an alert tied to both fields.
        return render_template("login.html", email=email,
                               error=_("E-Mail oder Passwort stimmt nicht."))
    return render_template("login.html")


@bp.post("/logout")
@login_required
def logout():
    """Sign out."""
    logout_user()
    return redirect(url_for("auth.login"))

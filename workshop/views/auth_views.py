"""Facilitator login and logout."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from ..services import accounts

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form; sign a facilitator in."""
    if request.method == "POST":
        account = accounts.authenticate(request.form.get("email", ""),
                                        request.form.get("password", ""))
        if account:
            login_user(account, remember=True)
            target = request.args.get("next", "")
            # Only local paths: never bounce a login to another site.
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("facilitator.events")
            return redirect(target)
        flash(_("E-Mail oder Passwort stimmt nicht."), "error")
    return render_template("login.html")


@bp.post("/logout")
@login_required
def logout():
    """Sign out."""
    logout_user()
    return redirect(url_for("auth.login"))

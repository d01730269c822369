"""Facilitator login and logout."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import auth, login_throttle
from ..errors import DomainError
from ..live import broadcast
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
            flash(message_for(DomainError("too_many_logins")), "error")
            return render_template("login.html"), 429, {"Retry-After": str(wait)}
        account = accounts.authenticate(email, request.form.get("password", ""))
        if account:
            throttle.succeeded(request.remote_addr, email)
            auth.sign_in(account.id, remember=request.form.get("remember") == "1")
            return redirect(local_path(request.args.get("next"))
                            or url_for("facilitator.events"))
        throttle.failed(request.remote_addr, email)
        flash(_("E-Mail oder Passwort stimmt nicht."), "error")
    return render_template("login.html", hours=_hours(auth.lifetime()))


def _hours(lifetime) -> int:
    return int(lifetime.total_seconds() // 3600)


@bp.post("/logout")
@login_required
def logout():
    """Sign out: this login ends for good, copies of its cookies included."""
    auth.sign_out()
    return redirect(url_for("auth.login"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    """End every login of this account, on every device."""
    auth.sign_out_everywhere()
    flash(_("Sie sind jetzt überall abgemeldet."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/admin/accounts")
@login_required
def account_list():
    """The team's accounts: who may sign in, and how many logins are open."""
    return render_template("admin/accounts.html", accounts=accounts.account_list(),
                           hours=_hours(auth.lifetime()))


@bp.post("/admin/accounts/<int:account_id>/active")
@login_required
def set_active(account_id: int):
    """Deactivate an account (its logins end at once) or let it sign in again."""
    active = request.form.get("active") == "1"
    try:
        sids = accounts.set_active(account_id, active, acting_id=current_user.id)
    except DomainError as error:
        flash(message_for(error), "error")
    else:
        broadcast.connections_closed(sids)
        flash(_("Das Konto ist wieder aktiv.") if active else
              _("Das Konto ist deaktiviert. Alle seine Anmeldungen sind beendet."), "info")
    return redirect(url_for("auth.account_list"))

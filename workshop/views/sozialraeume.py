"""The installation admin's screen: Sozialräume and who belongs to which."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..auth import require_admin
from ..errors import DomainError
from ..messages import message_for
from ..services import sozialraeume as service
from ..sozialraum_queries import overview as sozialraum_overview

bp = Blueprint("sozialraeume", __name__, url_prefix="/admin/sozialraeume")


@bp.before_request
@login_required
def _require_login():
    """Only signed-in accounts, and of them only installation admins (below)."""


bp.before_request(require_admin)


@bp.get("/")
def overview():
    """Every Sozialraum with its team, and a form for a new one."""
    return render_template("admin/sozialraeume.html", **sozialraum_overview())


@bp.post("/")
def create():
    """A new Sozialraum."""
    try:
        sozialraum = service.create(request.form.get("name"))
    except DomainError as error:
        flash(message_for(error), "error")
        return redirect(url_for("sozialraeume.overview"))
    flash(_("Sozialraum „%(name)s“ angelegt.", name=sozialraum.name), "info")
    return redirect(url_for("sozialraeume.overview", _anchor=f"sozialraum-{sozialraum.id}"))


@bp.post("/<int:sozialraum_id>/members")
def members(sozialraum_id: int):
    """Set the Sozialraum's team: the ticked accounts see its events, the others not."""
    ids = [int(value) for value in request.form.getlist("account") if value.isdigit()]
    try:
        service.set_members(sozialraum_id, ids)
    except DomainError as error:
        flash(message_for(error), "error")
    else:
        flash(_("Gespeichert."), "info")
    return redirect(url_for("sozialraeume.overview", _anchor=f"sozialraum-{sozialraum_id}"))

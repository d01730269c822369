"""The facilitator's hold on the projectors: pin a view, the overview, island links."""

from flask import Blueprint, abort, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..auth import check_event_in_address, event_or_404
from ..errors import DomainError
from ..extensions import db
from ..live import broadcast
from ..live.rooms import island_wall_room
from ..messages import message_for
from ..models import Island
from ..overview import overview as overview_of
from ..queries import event_state
from ..services import projector as service
from .js_strings import projector_control_strings

bp = Blueprint("projector_control", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _require_login():
    """Every action here is for signed-in facilitators."""


bp.before_request(check_event_in_address)  # of their own Sozialräume only


@bp.app_context_processor
def _control_strings():
    """The words of the board's projector control (templates/admin/_projector_control.html)."""
    return {"projector_control_strings": projector_control_strings}


def _island_id(raw) -> int | None:
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


@bp.post("/events/<int:event_id>/projector-view")
def pin_view(event_id: int):
    """Pin what the projector shows; the board's control asks for JSON, a plain form
    goes back to the board."""
    wants_json = request.accept_mimetypes.best == "application/json"
    try:
        event = service.pin_view(event_id, request.form.get("view"),
                                 _island_id(request.form.get("island_id")))
    except DomainError as error:
        if wants_json:
            return jsonify(ok=False, message=message_for(error)), 400
        flash(message_for(error), "error")
        return redirect(url_for("facilitator.live", event_id=event_id))
    state = event_state(event)
    broadcast.state_changed(event_id, state)
    if wants_json:
        return jsonify(ok=True, state=state)
    return redirect(url_for("facilitator.live", event_id=event_id))


@bp.get("/events/<int:event_id>/overview.json")
def overview(event_id: int):
    """The results across islands, for the board's overview panel."""
    return jsonify(overview_of(event_id))


@bp.post("/islands/<int:island_id>/projector-link")
def renew_island_link(island_id: int):
    """A new projector address for one island; projectors on the old one are sent away."""
    island = db.session.get(Island, island_id) or abort(404)
    event_or_404(island.event_id)
    service.renew_island_link(island_id)
    broadcast.link_revoked(island_wall_room(island.event_id, island_id))
    flash(_("Neuer Beamer-Link für die Insel „%(name)s“ erstellt. Der alte funktioniert "
            "nicht mehr.", name=island.name), "info")
    return redirect(url_for("facilitator.event", event_id=island.event_id) +
                    f"#island-{island_id}")

"""The projector: read-only, reached by its own unguessable link."""

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from .. import links
from ..extensions import db
from ..models import Event
from .js_strings import wall_strings

bp = Blueprint("projector", __name__)


@bp.get("/p/<token>")
def wall(token: str):
    """Big QR code, short join address, and every island's cards live."""
    event = db.session.scalar(select(Event).where(Event.projector_token == token)) or abort(404)
    return render_template("projector.html", event=event, join_url=links.join_url(event),
                           short_address=links.short_join_address(), strings=wall_strings())

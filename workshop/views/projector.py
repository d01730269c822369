"""The projector: read-only, reached by its own unguessable link (the event's or an island's)."""

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from .. import links
from ..extensions import db
from ..models import Event, Island
from .js_strings import projector_strings

bp = Blueprint("projector", __name__)


@bp.get("/p/<token>")
def wall(token: str):
    """Big QR code, short join address, and the cards live: every island's, or on an
    island's own link that island's only."""
    event = db.session.scalar(select(Event).where(Event.projector_token == token))
    island = None
    if event is None:
        island = db.session.scalar(select(Island).where(Island.projector_token == token))
        if island is None:
            abort(404)
        event = island.event
    return render_template("projector.html", event=event, island=island, token=token,
                           join_url=links.join_url(event, island.id if island else None),
                           short_address=links.short_join_address(),
                           strings=projector_strings())

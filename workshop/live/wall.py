"""Socket handlers for the projector and the facilitator's live view."""

import hmac

from flask_login import current_user
from flask_socketio import join_room
from sqlalchemy import select

from ..errors import DomainError
from ..extensions import db, socketio
from ..models import Event
from ..queries import wall_snapshot
from .acks import acknowledged
from .rooms import event_room, wall_room


def _watched_event(data) -> Event:
    token = data.get("projector_token")
    if isinstance(token, str) and token:
        event = db.session.scalar(select(Event).where(Event.projector_token == token))
        if event and hmac.compare_digest(event.projector_token, token):
            return event
        raise DomainError("forbidden")
    if current_user.is_authenticated and isinstance(data.get("event_id"), int):
        event = db.session.get(Event, data["event_id"])
        if event:
            return event
    raise DomainError("forbidden")


@socketio.on("watch")
@acknowledged
def on_watch(data):
    """Projector (by its token) or facilitator (logged in) → server: follow every island.

    Ack: the snapshot of the whole event. Afterwards "card" and "event_changed" arrive.
    """
    event = _watched_event(data)
    join_room(event_room(event.id))
    join_room(wall_room(event.id))
    return {"snapshot": wall_snapshot(event.id)}
